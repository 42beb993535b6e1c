// netshape/hana.hpp: a network's leaf layers as a Boost.Hana sequence (optional; needs Boost).
//
//   namespace nh = netshape::hana;
//   constexpr auto convs = boost::hana::filter(nh::layers<Net>, nh::is<netshape::kind::conv2d>);
//   boost::hana::for_each(convs, [](auto layer) {
//       using L = decltype(layer);
//       run_conv<L::record.input_shape.channels, L::record.units, L::record.kernel.height>();
//   });
//
// `layers<Net>` is a boost::hana::tuple with one object per leaf layer, in the order of
// netshape::layers<Net>; the I-th object's type is `layer<Net, I>`, whose `index` is I and whose
// `record` is netshape::layers<Net>[I]. The types are empty, so every figure is read from the type
// (decltype(layer)::record) and stays a constant expression inside a generic lambda. Nothing in
// the core includes this header: the core needs only the standard library (docs/design.md).
#pragma once

#include <cstddef>
#include <utility>

#include <boost/hana/bool.hpp>
#include <boost/hana/tuple.hpp>

#include <netshape/figures.hpp>
#include <netshape/layer_record.hpp>

namespace netshape::hana {

/// The I-th leaf layer of Net as a type: `index` is I, `record` is netshape::layers<Net>[I].
template <class Net, std::size_t I>
struct layer {
    static constexpr std::size_t index = I;
    static constexpr layer_record record = netshape::layers<Net>[I];
};

namespace detail {
template <class Net, std::size_t... I>
constexpr boost::hana::tuple<layer<Net, I>...> layers_of(std::index_sequence<I...>) {
    return {};
}
}  // namespace detail

/// Every leaf layer of Net, in order, as a boost::hana::tuple of layer<Net, I> objects.
template <class Net>
inline constexpr auto layers = detail::layers_of<Net>(std::make_index_sequence<netshape::layers<Net>.size()>{});

/// A predicate for boost::hana::filter, count_if, find_if, ...: whether a layer is of kind K
/// (a compile-time boolean, as Hana's algorithms need).
template <kind K>
struct is_kind {
    template <class Layer>
    constexpr auto operator()(const Layer&) const {
        return boost::hana::bool_c<Layer::record.kind == K>;
    }
};
template <kind K>
inline constexpr is_kind<K> is{};

}  // namespace netshape::hana
