// The arena's planner under -fsanitize=undefined (tests/sanitized.cmake): its constant evaluation
// makes no pointer comparison, which g++'s null checks would reject.
#include <netshape/arena.hpp>
#include <netshape/zoo/googlenet.hpp>
namespace ns = netshape;
static_assert(ns::arena<ns::zoo::googlenet>.bytes == ns::arena<ns::zoo::googlenet>.lower_bound);
static_assert(ns::arena<ns::zoo::googlenet, ns::plan{.element_bytes = 1, .concat_in_place = true, .add_in_place = true,
                                                     .im2col = true}>.bytes > 0);
