// expect: merged branches differ in rank
// A sequence added to its own flattening (an image 1×1×L·C).
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_sequence<4, 8>, ns::add<ns::identity, ns::flatten>>;
static_assert(ns::params<net> >= 0);
