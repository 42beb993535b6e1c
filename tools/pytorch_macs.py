"""netshape's MAC convention, measured in PyTorch (docs/figures.md, "MACs, FLOPs"): the multiply-
accumulates of every matrix product of a forward pass (convolutions, linear layers, attention's
Q·Kᵀ and A·V), taken from PyTorch's own profiler. tools/torchvision_reference.py and
tools/vit_reference.py both measure with it.

    output, macs = measure(model, lambda: model(x))

  * torch.profiler.profile(with_flops=True) over the forward pass: the FLOPs of every aten::conv2d,
    aten::mm, aten::addmm, aten::bmm and aten::baddbmm event, halved (the profiler counts a
    multiply-accumulate as 2 FLOPs). nn.Linear arrives as addmm or mm, attention's products as bmm
    or baddbmm (matmul and einsum reach them too). The FLOPs the profiler gives element-wise ops
    (aten::add, aten::mul) are not counted.
  * Forward hooks for the convolution calls the profiler does not count (torch 1.13 gives no FLOPs
    to aten::conv1d, conv3d, conv_transpose*, and none to an aten::conv2d with padding='same' or
    'valid' or an unbatched input), with the formulas the profiler uses for conv2d:
      nn.Conv1d/2d/3d:               output elements · (in_channels / groups) · kernel elements
      nn.ConvTranspose1d/2d/3d:      input elements · (out_channels / groups) · kernel elements
  * Checks, so that a product is never silently missed or counted twice: every aten::conv2d event
    without FLOPs must be a call the hooks counted (a bare F.conv2d the profiler cannot count fails
    the measurement), and a matrix-vector or vector product the profiler does not count (aten::mv,
    addmv, dot, vdot, addbmm, addr) fails it as well.

The profiler's FLOPs follow from the shapes alone, so the forward pass may run on the meta device.
torch is imported when a measurement runs, not when this module is imported (scripts answer --help
without torch).
"""

PROFILED = ("aten::conv2d", "aten::mm", "aten::addmm", "aten::bmm", "aten::baddbmm")
# Matrix products the profiler gives no FLOPs: a model calling them cannot be measured this way.
UNPROFILED = ("aten::mv", "aten::addmv", "aten::dot", "aten::vdot", "aten::addbmm", "aten::addr")


def hooked(module, inputs):
    """Whether a call of this module is a convolution the profiler does not count."""
    from torch import nn
    if isinstance(module, nn.modules.conv._ConvTransposeNd):
        return True
    if isinstance(module, nn.Conv2d):  # counted, unless its aten::conv2d has string padding or 3 dims
        return isinstance(module.padding, str) or inputs[0].dim() != 4
    return isinstance(module, nn.modules.conv._ConvNd)


def convolution_macs(module, inputs, output):
    """MACs of one convolution call (any kind), the whole batch."""
    from torch import nn
    kernel = 1
    for k in module.kernel_size:
        kernel *= k
    if isinstance(module, nn.modules.conv._ConvTransposeNd):
        return inputs[0].numel() * (module.out_channels // module.groups) * kernel
    return output.numel() * (module.in_channels // module.groups) * kernel


def measure(model, forward, grad=False):
    """Runs forward() (a forward pass of the nn.Module model, or more: whatever it calls is counted)
    under the profiler, with hooks on model's convolutions; returns (what forward returned, MACs)."""
    import torch
    hooks_macs, hooked_2d = [0], [0]

    def count(module, inputs, output):
        if hooked(module, inputs):
            hooks_macs[0] += convolution_macs(module, inputs, output)
            hooked_2d[0] += isinstance(module, torch.nn.Conv2d)

    handles = [m.register_forward_hook(count) for m in model.modules()
               if isinstance(m, torch.nn.modules.conv._ConvNd)]
    try:
        with torch.set_grad_enabled(grad), torch.profiler.profile(with_flops=True) as prof:
            result = forward()
    finally:
        for h in handles:
            h.remove()
    flops, uncounted_2d = 0, 0
    for e in prof.events():
        if e.name in UNPROFILED:
            raise ValueError(f"{e.name}: a matrix product PyTorch's profiler does not count")
        if e.name in PROFILED:
            flops += int(e.flops or 0)
            uncounted_2d += e.name == "aten::conv2d" and not e.flops
    if uncounted_2d != hooked_2d[0]:
        raise ValueError(f"{uncounted_2d} aten::conv2d calls without the profiler's FLOPs, {hooked_2d[0]} of them "
                         "nn.Conv2d calls counted by hooks: a convolution is missed or counted twice")
    if flops % 2:
        raise ValueError(f"the profiler's matrix-product FLOPs, {flops}, are odd")
    return result, flops // 2 + hooks_macs[0]
