// netshape/spec.hpp: the flat record a layer type compiles to (the first half of every row).
#pragma once

#include <netshape/kind.hpp>
#include <netshape/shape.hpp>

namespace netshape {

struct kind_info;

/// The depth axis of a 3-D window (conv3d, conv_transpose3d, the 3-D pools and adaptive pools: the
/// kernel or output size, stride, padding, dilation and output padding along a volume's depth).
/// Every other kind keeps these defaults, under which the depth of a volume passes unchanged.
struct depth_axis {
    count_t kernel = 1;
    count_t stride = 1;
    count_t pad = 0;
    count_t dilation = 1;
    count_t output_padding = 0;
    friend constexpr bool operator==(const depth_axis&, const depth_axis&) = default;
};

namespace detail {
/// The extent a layer is built with when its kernel or size argument is refused as the type is read
/// (layers/window.hpp's window_arg and volume_arg report it): a leaf with it is counted as a part
/// that is not a layer (detail/nodes.hpp), so that the network is not evaluated and its figures
/// are unknown, adding no error after the one reported.
inline constexpr count_t refused_extent = -(count_t{1} << 62);
}  // namespace detail

/// What a node's type says, before its input is known. Every layer template compiles to one of
/// these (a block to several, bracketed by markers), so that a network of any depth or length is
/// a flat array that one constexpr loop walks: no template recursion over layers.
struct spec {
    netshape::kind kind = netshape::kind::identity;  // what the node is
    const kind_info* info = nullptr;  // its kind's rule (kind_rule.hpp); nullptr for block markers
    merge how = merge::none;          // merge_begin: how its branches combine
    function fn = function::none;     // activation: which function
    const char* name = "";            // named<"...", L>; "" when unnamed (test name[0], not the pointer)
    count_t units = 0;                // conv filters, dense outputs, shuffle groups, slice count
    hw kernel{1, 1};                  // conv/pool kernel; adaptive pool: output size
    hw stride{1, 1};
    hw pad{0, 0};
    hw dilation{1, 1};
    hw output_padding{0, 0};          // conv_transpose2d, zero_pad: rows and columns added at the bottom and right
    depth_axis along_depth{};         // 3-D windows: the depth axis of kernel, stride, pad, dilation, output padding
    count_t groups = 1;
    count_t first = 0;                // channel_slice: first channel
    count_t branches = 0;             // merge_begin: number of branches
    bool bias = true;
    bool ceil = false;                // pooling ceil_mode
    bool per_pixel = false;           // dense over channels at every position (nn.Linear on NHWC)
    unsigned char mode = 0;           // a kind's own variant (upsample, resize: interpolation; instance_norm: affine, statistics; position_embedding: a declared length)
};

}  // namespace netshape
