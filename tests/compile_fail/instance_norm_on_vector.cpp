// expect: this layer does not accept a feature vector
// context: kind::instance_norm
// No InstanceNorm takes (N, C): statistics over the positions of one example need positions.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using net = ns::network<ns::input_vector<16>, ns::instance_norm<ns::affine>>;
static_assert(ns::params<net> >= 0);
