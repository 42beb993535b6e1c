// expect: stride must be positive
// context: kind::multiscale_attention
// A key/value pool of stride 0 along time.
#include <netshape/netshape.hpp>
namespace ns = netshape;
using ns::dhw;
using net = ns::network<ns::input_sequence<19, 8>, ns::multiscale_attention<1, 8, dhw{2, 3, 3}, 3, 1, 3, dhw{0, 2, 2}>>;
static_assert(ns::params<net> >= 0);
