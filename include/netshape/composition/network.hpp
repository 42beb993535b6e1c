// netshape/composition/network.hpp: a whole network.
#pragma once

#include <netshape/composition/input.hpp>

namespace netshape {

/// `network<input<H, W, C>, L...>`: the input then L... in order. Just a name for a list of types:
/// nothing is computed until a figure (figures.hpp) is asked of it.
template <class Input, class... L>
struct network {};

}  // namespace netshape
