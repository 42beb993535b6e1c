#!/usr/bin/env python3
"""Measures networks the zoo does not have, written in PyTorch as a user would write them, and writes
tests/data/outside_reference.hpp, which tests/test_outside.cpp compares netshape's spelling of each
against (tests/zoo_reference_outside.cmake checks that the committed header is what this script
writes today).

Run with Debian's python3 (python3-torch): /usr/bin/python3 tools/outside_reference.py [--out FILE]

The networks (netshape's spelling of each, with the same names, is in tests/test_outside.cpp):
  unet3d       a 3-D U-Net on a 12x22x16 volume of 2 channels: Conv3d without bias and BatchNorm3d,
               MaxPool3d(2), a MaxPool3d(2, ceil_mode=True) on an odd height, a (1, 3, 3) bottleneck,
               ConvTranspose3d(2, stride 2) and ConvTranspose3d(3, stride 2, padding 1,
               output_padding (1, 0, 1)), both skips concatenated
  tcn          a temporal conv net on a 997-sample signal: Conv1d(7, stride 2), BatchNorm1d, residual
               blocks of dilated convolutions (dilation 2, 4; a grouped one with stride 3 and dilation
               3 beside a strided 1x1 shortcut), MaxPool1d(3, 2, ceil_mode), AvgPool1d(4, 3, padding
               2, ceil_mode), ConvTranspose1d(4, stride 3, output_padding 2, dilation 2), global
               average pooling and a Linear
  conformer    a Conformer-like encoder over 37 tokens of 48 features: a Linear embedding, a class
               token and a learned position table, two blocks of pre-norm self-attention
               (nn.MultiheadAttention, 4 heads), a feed-forward with SiLU and a convolution module
               (LayerNorm, Linear, depthwise Conv1d(15, padding 7), BatchNorm1d, SiLU, Linear), each
               residual; a final LayerNorm, the class token, a Linear to 10
  fpn          a feature pyramid on a 67x45 image: four stride-2 stages, 1x1 laterals, nearest
               F.interpolate to each lateral's size (5x3 to 9x6 to 17x12), 3x3 output convolutions,
               and torchvision's LastLevelMaxPool (max_pool2d(x, 1, 2)): outputs P4, P5, P3, P2
  aux          a classifier on a 75x61 image with an auxiliary head after its third layer (AvgPool2d(5,
               3), 1x1 conv, Linear, Dropout, Linear), a (5, 3) stem with padding (2, 1), a ceil-mode
               max pool, a grouped conv, a depthwise-separable block with ReLU6 and Hardswish, a
               squeeze-and-excitation gate, AdaptiveAvgPool2d((3, 5)) from 10x8: outputs aux, main
  odd          grouped and dilated (3, 5) conv, ConvTranspose2d((3, 4), stride (2, 3), padding (1, 0),
               output_padding (1, 2), groups 4, dilation (1, 2)), PixelUnshuffle(3), ChannelShuffle(4),
               AvgPool2d((3, 2), 2, 1, ceil_mode) whose last column window is dropped, MaxPool2d((2, 3),
               (1, 2), 1, dilation (2, 1)), AdaptiveMaxPool2d((4, 5)) from 10x7, PixelShuffle(3),
               bilinear upsampling by (2, 3) with align_corners, a bilinear resize down to 7x11
  mixed_image  one model of three inputs and three outputs, each written as its own netshape network
               (mixed_image, mixed_signal, mixed_volume: their figures add up to this one's):
               an image 33x29x12 through F.pad (0, 3, 1, 2), Conv2d(3, stride 2), GroupNorm(4),
               PReLU(16), half its channels through a 1x1 conv, InstanceNorm2d(affine, running stats)
               and ReLU beside the other half, concatenated, a channel shuffle of 2, F.pad by -inf
               (0, 1, 0, 1) and MaxPool2d(3, 2), a gate of AdaptiveAvgPool2d((1, 7)), 1x1 conv and
               Sigmoid multiplied in (broadcast along the height), LocalResponseNorm(5), a scale
               parameter per channel, torchvision's FrozenBatchNorm2d, a Linear; a signal 50x6
               through Conv1d(5, stride 2), GroupNorm(3), itself concatenated with a Conv1d(3,
               padding 1), AdaptiveAvgPool1d(7), InstanceNorm1d, a Linear on every position; a volume
               5x9x11x2 through Conv3d(3, padding 1), AdaptiveMaxPool3d((2, 4, 3)), a Linear
  refine       one conv-BN-ReLU module called three times in a row (the second time with dilation 2 by
               F.conv2d and its weights), then two heads sharing one Linear on two flattened maps of
               the same size (one of them after a max pool of stride 1): outputs head 1, head 2
Figures, every one as PyTorch returns it:
  params   sum(p.numel() for p in model.parameters()) (a module called several times counts once)
  buffers  the elements of model.buffers() except BatchNorm's num_batches_tracked (docs/figures.md)
  macs     tools/pytorch_macs.py (the profiler's matrix products, hooks for the convolutions it does
           not count; refine's functional F.conv2d is an aten::conv2d the profiler counts)
  outputs  every returned tensor's shape, in order, as netshape's (depth, height, width, channels),
           with 1 for an axis the tensor does not have (a sequence's length is its width)
Receptive fields, measured by gradients as tools/field_reference.py does (every weight positive, max
pools replaced by average pools of the same window, which read the same positions, a dilated max
pool by a depthwise convolution, a channel shuffle by nothing: they move no position), per axis the
widest support of an output over 16 outputs about the middle, inside the input, on bodies whose
figure does not depend on the input's size (no global pooling, resize or adaptive pooling), at a
larger input:
  unet3d_field  unet3d on 28x46x40         tcn_field  tcn's layers before the global pool, on 1501
  aux_field     aux's main path before its gate, on 91x83
  odd_field     odd's layers before its adaptive pool, on 41x37
and on three networks that go up, at their own input (their figure depends on it):
  resampled_field  on 60x52x2: conv 3x3, pool 2, F.interpolate bilinear to 45x39 (3/2), conv 3x3,
                   nearest upsample by 2, conv 5x5 stride 3 padding 2, AdaptiveAvgPool2d((41, 37))
  shuffled_field   on 31x27x3: ConvTranspose2d(3, stride 2, padding 1, output_padding 1,
                   dilation 2), PixelUnshuffle(2),
                   conv 3x3 dilation 2, PixelShuffle(2), AvgPool2d(3, 2, 1)
  skip_field       on 45x43x3: the input concatenated with pool 2, conv 3x3 and a bilinear
                   align_corners resize back to 45x43; then conv 3x3
Exit status: 0 written, 1 failure, 2 usage, 77 torch missing.
"""
import argparse
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402
import pytorch_macs  # noqa: E402


def modules(torch):
    nn, F = torch.nn, torch.nn.functional

    class UNet3d(nn.Module):
        def __init__(self, maxpool=nn.MaxPool3d):
            super().__init__()
            self.enc1 = nn.Sequential(nn.Conv3d(2, 8, 3, padding=1, bias=False), nn.BatchNorm3d(8), nn.ReLU())
            self.down1 = maxpool(2)
            self.enc2 = nn.Sequential(nn.Conv3d(8, 16, 3, padding=1), nn.ReLU())
            self.down2 = maxpool(2, ceil_mode=True)
            self.bottom = nn.Sequential(nn.Conv3d(16, 32, (1, 3, 3), padding=(0, 1, 1)), nn.ReLU(),
                                        nn.ConvTranspose3d(32, 16, 3, stride=2, padding=1, output_padding=(1, 0, 1)))
            self.dec2 = nn.Sequential(nn.Conv3d(32, 16, 3, padding=1), nn.ReLU(),
                                      nn.ConvTranspose3d(16, 8, 3, stride=2, padding=1, output_padding=1))
            self.dec1 = nn.Sequential(nn.Conv3d(16, 8, 3, padding=1), nn.ReLU(), nn.Conv3d(8, 3, 1))

        def forward(self, x):
            a = self.enc1(x)
            b = self.enc2(self.down1(a))
            c = self.bottom(self.down2(b))
            d = self.dec2(torch.cat([b, c], 1))
            return [self.dec1(torch.cat([a, d], 1))]

    class TCN(nn.Module):
        def __init__(self, maxpool=nn.MaxPool1d, head=True):
            super().__init__()
            self.stem = nn.Sequential(nn.Conv1d(1, 16, 7, stride=2, padding=3), nn.BatchNorm1d(16), nn.ReLU())
            self.block1 = nn.Sequential(nn.Conv1d(16, 16, 3, padding=2, dilation=2), nn.ReLU(),
                                        nn.Conv1d(16, 16, 3, padding=4, dilation=4))
            self.block2 = nn.Sequential(nn.Conv1d(16, 32, 5, stride=3, padding=6, dilation=3, groups=4), nn.ReLU(),
                                        nn.Conv1d(32, 32, 3, padding=8, dilation=8))
            self.short2 = nn.Conv1d(16, 32, 1, stride=3)
            self.pools = nn.Sequential(maxpool(3, 2, ceil_mode=True), nn.AvgPool1d(4, 3, padding=2, ceil_mode=True),
                                       nn.ConvTranspose1d(32, 8, 4, stride=3, output_padding=2, dilation=2))
            self.head = nn.Sequential(nn.AdaptiveAvgPool1d(1), nn.Flatten(), nn.Linear(8, 5)) if head else None

        def forward(self, x):
            x = self.stem(x)
            x = x + self.block1(x)
            x = self.block2(x) + self.short2(x)
            x = self.pools(x)
            return [self.head(x) if self.head is not None else x]

    class Conformer(nn.Module):
        def __init__(self, length=37, features=48, dim=64, blocks=2):
            super().__init__()
            self.embed = nn.Linear(features, dim)
            self.class_token = nn.Parameter(torch.zeros(1, 1, dim))
            self.pos = nn.Parameter(torch.zeros(1, length + 1, dim))
            self.blocks = nn.ModuleList()
            for _ in range(blocks):
                b = nn.Module()
                b.norm1 = nn.LayerNorm(dim)
                b.attention = nn.MultiheadAttention(dim, 4, batch_first=True)
                b.ff = nn.Sequential(nn.LayerNorm(dim), nn.Linear(dim, 2 * dim), nn.SiLU(), nn.Linear(2 * dim, dim))
                b.norm2 = nn.LayerNorm(dim)
                b.pw1 = nn.Linear(dim, dim)
                b.dw = nn.Conv1d(dim, dim, 15, padding=7, groups=dim)
                b.bn = nn.BatchNorm1d(dim)
                b.pw2 = nn.Linear(dim, dim)
                self.blocks.append(b)
            self.norm = nn.LayerNorm(dim)
            self.fc = nn.Linear(dim, 10)

        def forward(self, x):
            x = self.embed(x)
            x = torch.cat([self.class_token.expand(x.shape[0], -1, -1), x], 1) + self.pos
            for b in self.blocks:
                y = b.norm1(x)
                x = x + b.attention(y, y, y, need_weights=False)[0]
                x = x + b.ff(x)
                y = b.pw1(b.norm2(x)).transpose(1, 2)
                y = F.silu(b.bn(b.dw(y))).transpose(1, 2)
                x = x + b.pw2(y)
            return [self.fc(self.norm(x)[:, 0])]

    class FPN(nn.Module):
        def __init__(self):
            super().__init__()
            chans = [3, 16, 32, 64, 96]
            self.stages = nn.ModuleList(nn.Sequential(nn.Conv2d(chans[i], chans[i + 1], 3, stride=2, padding=1), nn.ReLU())
                                        for i in range(4))
            self.lateral = nn.ModuleList(nn.Conv2d(c, 32, 1) for c in chans[2:])
            self.out = nn.ModuleList(nn.Conv2d(32, 32, 3, padding=1) for _ in chans[2:])

        def forward(self, x):
            feats = []
            for s in self.stages:
                x = s(x)
                feats.append(x)
            c2, c3, c4 = feats[1:]
            l4 = self.lateral[2](c4)
            p4 = self.out[2](l4)
            p5 = F.max_pool2d(p4, 1, 2, 0)
            l3 = self.lateral[1](c3) + F.interpolate(l4, size=c3.shape[-2:], mode="nearest")
            p3 = self.out[1](l3)
            l2 = self.lateral[0](c2) + F.interpolate(l3, size=c2.shape[-2:], mode="nearest")
            return [p4, p5, p3, self.out[0](l2)]

    class Aux(nn.Module):
        def __init__(self, maxpool=nn.MaxPool2d, body_only=False):
            super().__init__()
            self.body_only = body_only
            self.stem = nn.Sequential(nn.Conv2d(3, 24, (5, 3), stride=2, padding=(2, 1)), nn.BatchNorm2d(24), nn.ReLU(),
                                      maxpool(3, 2, ceil_mode=True), nn.Conv2d(24, 48, 3, padding=1, groups=3), nn.ReLU())
            self.aux = nn.Sequential(nn.AvgPool2d(5, 3), nn.Conv2d(48, 16, 1), nn.ReLU(), nn.Flatten(),
                                     nn.Linear(5 * 4 * 16, 32), nn.ReLU(), nn.Dropout(), nn.Linear(32, 7))
            self.separable = nn.Sequential(nn.Conv2d(48, 48, 3, stride=2, padding=1, groups=48, bias=False),
                                           nn.BatchNorm2d(48), nn.ReLU6(), nn.Conv2d(48, 96, 1, bias=False),
                                           nn.BatchNorm2d(96), nn.Hardswish())
            self.se = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(96, 24, 1), nn.ReLU(), nn.Conv2d(24, 96, 1),
                                    nn.Hardsigmoid())
            self.head = nn.Sequential(nn.AdaptiveAvgPool2d((3, 5)), nn.Flatten(), nn.Linear(3 * 5 * 96, 7))

        def forward(self, x):
            x = self.stem(x)
            if self.body_only:
                return [self.separable(x)]
            aux = self.aux(x)
            x = self.separable(x)
            return [aux, self.head(x * self.se(x))]

    class Odd(nn.Module):
        def __init__(self, maxpool=nn.MaxPool2d, body_only=False):
            super().__init__()
            self.body = nn.Sequential(
                nn.Conv2d(6, 12, (3, 5), padding=(1, 2), groups=3, dilation=(2, 1)),
                nn.ConvTranspose2d(12, 8, (3, 4), stride=(2, 3), padding=(1, 0), output_padding=(1, 2), groups=4,
                                   dilation=(1, 2)),
                nn.PixelUnshuffle(3), nn.ChannelShuffle(4) if maxpool is nn.MaxPool2d else nn.Identity(), nn.AvgPool2d((3, 2), 2, 1, ceil_mode=True),
                maxpool((2, 3), (1, 2), 1, dilation=(2, 1)) if maxpool is nn.MaxPool2d else
                nn.Sequential(nn.Conv2d(72, 72, (2, 3), (1, 2), 1, dilation=(2, 1), groups=72, bias=False)))
            self.tail = None if body_only else nn.Sequential(
                nn.AdaptiveMaxPool2d((4, 5)), nn.Conv2d(72, 18, 2), nn.PixelShuffle(3),
                nn.Upsample(scale_factor=(2, 3), mode="bilinear", align_corners=True))

        def forward(self, x):
            x = self.body(x)
            if self.tail is None:
                return [x]
            return [F.interpolate(self.tail(x), size=(7, 11), mode="bilinear", align_corners=False)]

    class Refine(nn.Module):
        def __init__(self):
            super().__init__()
            self.step = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
            self.fc = nn.Linear(15 * 12 * 8, 6)

        def forward(self, x):
            x = self.step(x)
            conv, bn = self.step[0], self.step[1]
            x = F.relu(bn(F.conv2d(x, conv.weight, conv.bias, padding=2, dilation=2)))  # the profiler counts it
            x = self.step(x)
            a = F.max_pool2d(x, 2)
            b = F.max_pool2d(F.max_pool2d(x, 3, 1, 1), 2)
            return [self.fc(a.flatten(1)), self.fc(b.flatten(1))]

    class Resampled(nn.Module):
        """Down by a pool, up by a bilinear resize of 3/2, nearest upsampling by 2, a stride-3
        convolution, adaptive average pooling up to a size the input does not divide."""

        def __init__(self, pool=nn.AvgPool2d):
            super().__init__()
            self.a = nn.Sequential(nn.Conv2d(2, 4, 3, padding=1), pool(2))
            self.b = nn.Sequential(nn.Conv2d(4, 4, 3, padding=1), nn.Upsample(scale_factor=2, mode="nearest"),
                                   nn.Conv2d(4, 2, 5, stride=3, padding=2), nn.AdaptiveAvgPool2d((41, 37)))

        def forward(self, x):
            x = self.a(x)
            return [self.b(F.interpolate(x, size=(45, 39), mode="bilinear", align_corners=False))]

    class Shuffled(nn.Module):
        """A dilated transposed convolution with gaps, pixel_unshuffle, a dilated convolution,
        pixel_shuffle, an average pool with padding."""

        def __init__(self):
            super().__init__()
            self.body = nn.Sequential(nn.ConvTranspose2d(3, 8, 3, stride=2, padding=1, output_padding=1, dilation=2),
                                      nn.PixelUnshuffle(2),
                                      nn.Conv2d(32, 12, 3, padding=2, dilation=2), nn.PixelShuffle(2),
                                      nn.AvgPool2d(3, 2, 1))

        def forward(self, x):
            return [self.body(x)]

    class Skip(nn.Module):
        """A skip concatenated with a branch down by 2 (odd input) and up by an align_corners
        bilinear resize to the input's size, then a 3x3 convolution."""

        def __init__(self, pool=nn.AvgPool2d):
            super().__init__()
            self.down = nn.Sequential(pool(2), nn.Conv2d(3, 3, 3, padding=1))
            self.out = nn.Conv2d(6, 2, 3, padding=1)

        def forward(self, x):
            y = F.interpolate(self.down(x), size=x.shape[-2:], mode="bilinear", align_corners=True)
            return [self.out(torch.cat([x, y], 1))]

    class Mixed(nn.Module):
        """Kinds the other networks do not use, on an image, a signal and a volume at once (three
        inputs, three outputs: one model, so that the figures add up as one network's would)."""

        def __init__(self):
            super().__init__()
            import torchvision
            self.conv = nn.Conv2d(12, 16, 3, stride=2)
            self.gn = nn.GroupNorm(4, 16)
            self.prelu = nn.PReLU(16)
            self.branch = nn.Sequential(nn.Conv2d(8, 8, 1), nn.InstanceNorm2d(8, affine=True, track_running_stats=True),
                                        nn.ReLU())
            self.gate = nn.Sequential(nn.AdaptiveAvgPool2d((1, 7)), nn.Conv2d(16, 16, 1), nn.Sigmoid())
            self.lrn = nn.LocalResponseNorm(5)
            self.scale = nn.Parameter(torch.ones(16, 1, 1))
            self.frozen = torchvision.ops.misc.FrozenBatchNorm2d(16)
            self.fc = nn.Linear(8 * 7 * 16, 10)
            self.sig = nn.Sequential(nn.Conv1d(6, 12, 5, stride=2), nn.GroupNorm(3, 12))
            self.sig_branch = nn.Conv1d(12, 12, 3, padding=1)
            self.sig_tail = nn.Sequential(nn.AdaptiveAvgPool1d(7), nn.InstanceNorm1d(24))
            self.sig_fc = nn.Linear(24, 5)
            self.vol = nn.Sequential(nn.Conv3d(2, 4, 3, padding=1), nn.AdaptiveMaxPool3d((2, 4, 3)), nn.Flatten(),
                                     nn.Linear(4 * 2 * 4 * 3, 6))

        def forward(self, x):
            image, signal, volume = x
            y = self.prelu(self.gn(self.conv(F.pad(image, (0, 3, 1, 2)))))
            y = torch.cat([y[:, :8], self.branch(y[:, 8:])], 1)
            n, c, h, w = y.shape
            y = y.view(n, 2, c // 2, h, w).transpose(1, 2).reshape(n, c, h, w)  # channel shuffle of 2 groups
            y = F.max_pool2d(F.pad(y, (0, 1, 0, 1), value=float("-inf")), 3, 2)
            y = y * self.gate(y)
            y = self.frozen(self.lrn(y) * self.scale)
            s = self.sig(signal)
            s = self.sig_tail(torch.cat([s, self.sig_branch(s)], 1))
            return [self.fc(y.flatten(1)), self.sig_fc(s.transpose(1, 2)).transpose(1, 2), self.vol(volume)]

    return dict(UNet3d=UNet3d, TCN=TCN, Conformer=Conformer, FPN=FPN, Aux=Aux, Odd=Odd, Refine=Refine, Mixed=Mixed,
                Resampled=Resampled, Shuffled=Shuffled, Skip=Skip)


def networks(torch, m):
    """(name, model, input shape without the batch axis, torch's shape of one sample)."""
    return [("unet3d", m["UNet3d"](), (2, 12, 22, 16)),
            ("tcn", m["TCN"](), (1, 997)),
            ("conformer", m["Conformer"](), (37, 48)),
            ("fpn", m["FPN"](), (3, 67, 45)),
            ("aux", m["Aux"](), (3, 75, 61)),
            ("odd", m["Odd"](), (6, 29, 23)),
            ("refine", m["Refine"](), (8, 31, 25)),
            ("mixed_image", m["Mixed"](), [(12, 33, 29), (6, 50), (2, 5, 9, 11)])]


def fields(torch, m):
    """(name, model whose max pools are average pools, input shape)."""
    nn = torch.nn
    return [("unet3d_field", m["UNet3d"](maxpool=nn.AvgPool3d), (2, 28, 46, 40)),
            ("tcn_field", m["TCN"](maxpool=nn.AvgPool1d, head=False), (1, 1501)),
            ("aux_field", m["Aux"](maxpool=nn.AvgPool2d, body_only=True), (3, 91, 83)),
            ("odd_field", m["Odd"](maxpool=None, body_only=True), (6, 41, 37)),
            ("resampled_field", m["Resampled"](), (2, 60, 52)),
            ("shuffled_field", m["Shuffled"](), (3, 31, 27)),
            ("skip_field", m["Skip"](), (3, 45, 43))]


def as_dhwc(shape):
    """A tensor's shape without its batch axis, as netshape's (depth, height, width, channels):
    (C,) a vector, (C, L) a signal (Conv1d's layout), (C, H, W) an image, (C, D, H, W) a volume."""
    s = [int(v) for v in shape]
    if len(s) == 1:
        return (1, 1, 1, s[0])
    if len(s) == 2:
        return (1, 1, s[1], s[0])
    if len(s) == 3:
        return (1, s[1], s[2], s[0])
    return (s[1], s[2], s[3], s[0])


def measure(torch, name, model, shape):
    model.eval()
    x = [torch.zeros(1, *one) for one in shape] if isinstance(shape, list) else torch.zeros(1, *shape)
    outs, macs = pytorch_macs.measure(model, lambda: model(x))
    params = sum(int(p.numel()) for p in model.parameters())
    buffers = sum(int(b.numel()) for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
    # A sequence model's tensors are (L, C): its outputs here are vectors (C,).
    return dict(name=name, params=params, buffers=buffers, macs=macs, outputs=[as_dhwc(o.shape[1:]) for o in outs])


def field(torch, name, model, shape):
    """Per netshape axis (depth, height, width; a signal's length is its width): the widest support,
    over the 16 output positions about the middle of the axis (at least two periods of each body's
    index maps) whose support stays off the input's edges, of the output at that position on the
    axis and at the middle of the other axes (every channel summed)."""
    nn = torch.nn
    model = model.double().eval()
    with torch.no_grad():
        for mod in model.modules():
            if isinstance(mod, (nn.modules.conv._ConvNd, nn.Linear)):
                mod.weight.fill_(1.0 / mod.weight[0].numel())
                if mod.bias is not None:
                    mod.bias.fill_(0.0)
    x = torch.ones((1,) + shape, dtype=torch.float64, requires_grad=True)
    y = model(x)[0][0]
    spatial = list(y.shape[1:])
    dims = len(spatial)
    result = {}
    names = {1: ["width"], 2: ["height", "width"], 3: ["depth", "height", "width"]}[dims]
    for axis in range(dims):
        widest = 0
        for o in range(max(0, spatial[axis] // 2 - 8), min(spatial[axis], spatial[axis] // 2 + 8)):
            index = [n // 2 for n in spatial]
            index[axis] = o
            x.grad = None
            y[(slice(None),) + tuple(index)].sum().backward(retain_graph=True)
            g = x.grad[0].abs().sum(dim=0)
            others = tuple(a for a in range(dims) if a != axis)
            rows = torch.nonzero(g.sum(dim=others) > 0 if others else g > 0).flatten()
            if len(rows) == 0 or int(rows[0]) == 0 or int(rows[-1]) == shape[1 + axis] - 1:
                continue  # reads nothing, or clipped by the input's edge
            widest = max(widest, int(rows[-1]) - int(rows[0]) + 1)
        if widest == 0:
            raise RuntimeError("%s: no output's support stays inside the input along %s" % (name, names[axis]))
        result[names[axis]] = widest
    return dict(name=name, field=(result.get("depth", 1), result.get("height", 1), result["width"]))


def write(path, torch, results, measured_fields):
    with open(path, "w") as f:
        f.write("// Generated by tools/outside_reference.py with torch %s: do not edit.\n" % torch.__version__)
        f.write("// Networks the zoo does not have, measured in PyTorch: parameters, buffers (without\n"
                "// num_batches_tracked), MACs (tools/pytorch_macs.py), every output's shape (depth, height,\n"
                "// width, channels), and receptive fields by gradients.\n")
        f.write("#pragma once\n\n#include <netshape/shape.hpp>\n\nnamespace outside_reference {\n\n"
                "using netshape::count_t;\n\n")
        f.write("struct dhwc {\n    count_t depth, height, width, channels;\n};\n\n"
                "struct model {\n    const char* name;\n    count_t params, buffers, macs;\n};\n\n"
                "struct support {\n    count_t depth, height, width;\n};\n\n")
        for r in results:
            f.write("inline constexpr model %s{\"%s\", %d, %d, %d};\n" % (r["name"], r["name"], r["params"], r["buffers"], r["macs"]))
            f.write("inline constexpr dhwc %s_outputs[] = {%s};\n"
                    % (r["name"], ", ".join("{%d, %d, %d, %d}" % s for s in r["outputs"])))
        f.write("\n")
        for r in measured_fields:
            f.write("inline constexpr support %s{%d, %d, %d};\n" % ((r["name"],) + r["field"]))
        f.write("\n}  // namespace outside_reference\n")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data", "outside_reference.hpp"),
                    help="header to write (default: tests/data/outside_reference.hpp)")
    args = ap.parse_args(argv)
    torch = require("torch")
    torch.set_num_threads(1)
    torch.manual_seed(0)
    m = modules(torch)
    results = [measure(torch, *n) for n in networks(torch, m)]
    measured = [field(torch, *n) for n in fields(torch, m)]
    write(args.out, torch, results, measured)
    print("wrote %s: %d networks, %d fields" % (args.out, len(results), len(measured)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
