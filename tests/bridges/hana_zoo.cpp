// <netshape/hana.hpp> on one zoo model, NETSHAPE_ZOO_MODEL (tests/bridges/hana.cmake compiles this
// file once per model of zoo_models.hpp, -fsyntax-only: the static_asserts are the test).
// hana::layers<Net> is layers<Net> as a Boost.Hana sequence: same length, the I-th object of type
// layer<Net, I> with layers<Net>[I] as its record; Hana's algorithms over it (fold_left, filter,
// count_if, transform) re-derive figures that netshape's interpreter computed in its totals pass.
#include <cstddef>
#include <type_traits>

#include <boost/hana.hpp>

#include <netshape/hana.hpp>
#include <netshape/netshape.hpp>
#include <netshape/zoo.hpp>

#ifndef NETSHAPE_ZOO_MODEL
#error "compile with -DNETSHAPE_ZOO_MODEL=<a model of netshape::zoo>"
#endif

namespace ns = netshape;
namespace nh = netshape::hana;
namespace hana = boost::hana;
using ns::count_t;
using net = ns::zoo::NETSHAPE_ZOO_MODEL;

constexpr bool same_record(const ns::layer_record& a, const ns::layer_record& b) {
    return a.kind == b.kind && a.fn == b.fn && a.units == b.units && a.kernel == b.kernel && a.stride == b.stride &&
           a.pad == b.pad && a.groups == b.groups && a.input_shape == b.input_shape && a.output_shape == b.output_shape &&
           a.weights == b.weights && a.biases == b.biases && a.params == b.params && a.buffers == b.buffers &&
           a.macs == b.macs && a.activations == b.activations && a.receptive_field == b.receptive_field &&
           a.depth == b.depth && a.index == b.index;
}

// One pass over the sequence: the objects come in index order 0, 1, ..., each of type
// layer<net, index> and holding the array's record at that index; and the sums of the counts.
struct walk {
    std::size_t next = 0;
    bool in_order = true;
    count_t weights = 0, biases = 0, params = 0, buffers = 0, macs = 0;
};
constexpr walk walked = hana::fold_left(nh::layers<net>, walk{}, [](walk w, auto layer) {
    using L = decltype(layer);
    w.in_order = w.in_order && L::index == w.next && std::is_same_v<L, nh::layer<net, L::index>> &&
                 same_record(L::record, ns::layers<net>[w.next]);
    ++w.next;
    w.weights += L::record.weights;
    w.biases += L::record.biases;
    w.params += L::record.params;
    w.buffers += L::record.buffers;
    w.macs += L::record.macs;
    return w;
});
static_assert(decltype(hana::length(nh::layers<net>))::value == ns::layers<net>.size());
static_assert(walked.in_order && walked.next == ns::layers<net>.size());
static_assert(walked.weights == ns::weights<net> && walked.biases == ns::biases<net> && walked.params == ns::params<net>);
static_assert(walked.buffers == ns::buffers<net> && walked.macs == ns::macs<net>);

// filter and count_if by kind select what a loop over the plain array selects.
template <ns::kind K>
constexpr std::size_t count_of = [] {
    std::size_t n = 0;
    for (const auto& r : ns::layers<net>) n += r.kind == K ? 1 : 0;
    return n;
}();
static_assert(decltype(hana::length(hana::filter(nh::layers<net>, nh::is<ns::kind::conv2d>)))::value == count_of<ns::kind::conv2d>);
static_assert(decltype(hana::count_if(nh::layers<net>, nh::is<ns::kind::dense>))::value == count_of<ns::kind::dense>);
// transform: each layer's output elements; the last is the network's output's.
constexpr auto elements = hana::transform(nh::layers<net>, [](auto layer) { return decltype(layer)::record.output_shape.elements(); });
static_assert(hana::back(elements) == ns::output_shape<net>.elements());
