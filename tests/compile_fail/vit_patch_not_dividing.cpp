// expect: the patch size must divide the image size
// context: check_patch(<64L, 12L>|\(\) \[with long int Image = 64; long int Patch = 12\])
// torchvision's VisionTransformer refuses an image its patches do not tile (64 is not a multiple
// of 12); so does the family template, with one error.
#include <netshape/zoo/vit.hpp>
namespace ns = netshape;
using net = ns::zoo::vision_transformer<64, 12, 192, 4, 3, 768, 10>;
static_assert(ns::params<net> > 0);
