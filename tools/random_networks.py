#!/usr/bin/env python3
"""Random valid architectures, measured by PyTorch, written as netshape types with static_asserts.

    /usr/bin/python3 tools/random_networks.py --seed 1234 --count 300 --per-file 25 --out DIR

Each case is drawn from its own generator seeded with "<seed>:<index>", so any case of any run can
be rebuilt alone (--only INDEX). Layers are drawn one at a time and run on a real tensor in PyTorch;
a configuration PyTorch rejects is redrawn, so PyTorch alone decides what is valid. netshape's own
rules that are stricter than PyTorch's by design (add takes equal shapes, no broadcasting; a
channel slice must lie inside the input) are enforced by the modules below, as netshape documents.

Once a whole network is drawn it is assembled as one nn.Module and run once more on a fresh input
with forward hooks; only that pass and the module's parameters give the figures written:
  output shape   (1, C, H, W) -> shape{H, W, C} (every leaf module here returns NCHW; dense-like
                 leaves return (1, N, 1, 1), netshape's 1x1xN)
  params         sum of numel over model.parameters()
  buffers        sum of numel over model.named_buffers(), except num_batches_tracked
  macs           every nn.Conv2d: out_h*out_w*out_channels*(in_channels/groups)*kh*kw, every
                 nn.ConvTranspose2d: input numel*(out_channels/groups)*kh*kw, and every
                 nn.Linear: (input numel / in_features)*in_features*out_features (forward hooks)
  layers[i]      every leaf's output shape, leaves in depth-first order (netshape's layers<Net>),
                 and where not zero its params (the leaf module's parameters) and MACs (its hooks)
                 (zeros are left to the totals, which would show any stray count)
The receptive field and activation count are not compared: PyTorch has no such figures.
Exit status: 0 written, 1 failure, 2 usage, 77 torch missing (skipped).
"""
import argparse
import os
import random
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import require  # noqa: E402


def part_of(text):
    """--part K/N, with 0 <= K < N."""
    try:
        part, parts = (int(v) for v in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not K/N")
    if not 0 <= part < parts:
        raise argparse.ArgumentTypeError(f"'{text}': K must be in [0, N)")
    return part, parts


def arguments(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--seed", required=True, help="any string; the same seed gives the same networks")
    ap.add_argument("--count", type=int, default=300, help="number of networks")
    ap.add_argument("--per-file", type=int, default=25, help="networks per .cpp file")
    ap.add_argument("--only", type=int, action="append", help="write only these case indices")
    ap.add_argument("--corrupt", type=int, action="append", default=[],
                    help="self-test only: write PyTorch's params + 1 for this case, which must then fail")
    ap.add_argument("--part", type=part_of, default=(0, 1),
                    help="K/N: write only files f with f %% N == K (parallel runs)")
    ap.add_argument("--out", required=True, help="directory for random_<n>.cpp")
    return ap.parse_args(argv)


if __name__ == "__main__":
    ARGS = arguments()  # before torch is imported: --help and usage errors need no torch

torch = require("torch")
nn = torch.nn
torch.set_grad_enabled(False)
torch.set_num_threads(1)  # tiny tensors: threads cost more than they save

ACTIVATIONS = {
    "relu": nn.ReLU, "relu6": nn.ReLU6, "leaky_relu": nn.LeakyReLU, "elu": nn.ELU, "gelu": nn.GELU,
    "silu": nn.SiLU, "sigmoid": nn.Sigmoid, "hardsigmoid": nn.Hardsigmoid, "hardswish": nn.Hardswish,
    "tanh": nn.Tanh, "softmax": lambda: nn.Softmax(dim=1), "mish": nn.Mish,
}


# ---- PyTorch modules for netshape layers that are not a single torch.nn module ----------------

class Dense(nn.Module):
    """netshape dense<N>: nn.Linear over the flattened input; output (1, N, 1, 1)."""
    def __init__(self, features, n, bias):
        super().__init__()
        self.linear = nn.Linear(features, n, bias=bias)

    def forward(self, x):
        return self.linear(x.flatten(1))[:, :, None, None]


class PerPixel(nn.Module):
    """netshape dense<N, per_pixel>: nn.Linear on the channels of a channels-last tensor."""
    def __init__(self, c, n, bias):
        super().__init__()
        self.linear = nn.Linear(c, n, bias=bias)

    def forward(self, x):
        return self.linear(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class Flatten(nn.Module):
    def forward(self, x):
        return x.flatten(1)[:, :, None, None]


class LayerNorm2d(nn.Module):
    """nn.LayerNorm(C) over the channels of every position (ConvNeXt)."""
    def __init__(self, c):
        super().__init__()
        self.norm = nn.LayerNorm(c)

    def forward(self, x):
        return self.norm(x.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)


class LayerScale(nn.Module):
    def __init__(self, c):
        super().__init__()
        self.gamma = nn.Parameter(torch.ones(c, 1, 1))

    def forward(self, x):
        return x * self.gamma


class ChannelSlice(nn.Module):
    def __init__(self, first, count):
        super().__init__()
        self.first, self.count = first, count

    def forward(self, x):
        return torch.narrow(x, 1, self.first, self.count)  # raises when out of range (slicing would clip)


class Chain(nn.Module):
    def __init__(self, mods):
        super().__init__()
        self.mods = nn.ModuleList(mods)

    def forward(self, x):
        for m in self.mods:
            x = m(x)
        return x


class Merge(nn.Module):
    def __init__(self, how, branches):
        super().__init__()
        self.how = how
        self.branches = nn.ModuleList(branches)

    def forward(self, x):
        outs = [b(x) for b in self.branches]
        if self.how == "concat":
            return torch.cat(outs, 1)
        y = outs[0]
        for o in outs[1:]:
            if self.how == "add":
                if o.shape != y.shape:  # netshape's add: equal shapes (broadcasting only in multiply)
                    raise ValueError("add of different shapes")
                y = y + o
            else:
                y = y * o  # PyTorch broadcasting decides
        return y


# ---- the architecture tree: every node knows its netshape spelling and its module -------------

class Leaf:
    def __init__(self, cpp, module):
        self.cpp, self.module = cpp, module

    def leaves(self):
        yield self


class Seq:
    def __init__(self, items):
        self.items = items
        self.module = Chain([i.module for i in items])

    @property
    def cpp(self):
        return "ns::sequential<" + ", ".join(i.cpp for i in self.items) + ">"

    def leaves(self):
        for i in self.items:
            yield from i.leaves()


class MergeNode:
    def __init__(self, how, branches):
        self.how, self.branches = how, branches
        self.module = Merge(how, [b.module for b in branches])

    @property
    def cpp(self):
        return "ns::%s<%s>" % (self.how, ", ".join(b.cpp for b in self.branches))

    def leaves(self):
        for b in self.branches:
            yield from b.leaves()


class Named:
    def __init__(self, name, inner):
        self.name, self.inner, self.module = name, inner, inner.module

    @property
    def cpp(self):
        return 'ns::named<"%s", %s>' % (self.name, self.inner.cpp)

    def leaves(self):
        yield from self.inner.leaves()


def as_branch(items):
    return items[0] if len(items) == 1 else Seq(items)


def hw_arg(h, w):
    return str(h) if h == w else "ns::hw{%d, %d}" % (h, w)


def pair_opt(name, h, w):
    return "ns::%s<%d>" % (name, h) if h == w else "ns::%s<%d, %d>" % (name, h, w)


class Rejected(Exception):
    pass


def run(module, x):
    """PyTorch's verdict: the output, or Rejected."""
    try:
        y = module(x)
    except (RuntimeError, ValueError, IndexError) as e:
        raise Rejected(str(e)) from None
    if y.dim() != 4 or y.numel() == 0:
        raise Rejected("empty output")
    return y


# ---- drawing --------------------------------------------------------------------------------

class Drawer:
    def __init__(self, rng):
        self.r = rng
        # An "edge" network (one in four) starts tiny and draws mostly window layers with unusual
        # padding, dilation and ceil_mode: where output-size rules have their corner cases.
        self.edge = rng.random() < 0.25
        self.names = 0

    def small(self, *choices):
        return self.r.choice(choices)

    def kernel(self, sizes):
        kh = self.r.choice(sizes)
        kw = kh if self.r.random() < 0.7 else self.r.choice(sizes)
        return kh, kw

    def pair(self, values, square=0.75):
        a = self.r.choice(values)
        return (a, a) if self.r.random() < square else (a, self.r.choice(values))

    def conv(self, c, h, w, preserve):
        r = self.r
        kh, kw = self.kernel([1, 1, 2, 3, 3, 3, 5, 7])
        dh, dw = self.pair([1, 1, 1, 1, 2, 3])
        if preserve:
            sh = sw = 1
            kh, kw = kh | 1, kw | 1  # odd kernels keep the size with pad = d*(k-1)/2
            ph, pw = dh * (kh - 1) // 2, dw * (kw - 1) // 2
        else:
            sh, sw = self.pair([1, 1, 1, 2, 2, 3])
            if r.random() < 0.5:
                ph, pw = dh * (kh - 1) // 2, dw * (kw - 1) // 2
            else:
                ph, pw = self.pair([0, 0, 1, 2, 3])
        g, f = 1, r.randint(1, 40)
        u = r.random()
        if u < 0.2:
            g, f = c, c * r.choice([1, 1, 2])  # depthwise
        elif u < 0.4:
            g = r.choice([d for d in range(1, c + 1) if c % d == 0] + [r.randint(1, 8)])
            f = g * r.randint(1, 6)
        bias = r.random() < 0.7
        module = nn.Conv2d(c, f, (kh, kw), stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw), groups=g,
                           bias=bias)
        opts = []
        if (sh, sw) != (1, 1) or r.random() < 0.1:
            opts.append(pair_opt("stride", sh, sw))
        if (ph, pw) != (0, 0) or r.random() < 0.1:
            opts.append(pair_opt("pad", ph, pw))
        if (dh, dw) != (1, 1) or r.random() < 0.1:
            opts.append(pair_opt("dilation", dh, dw))
        if g != 1 or r.random() < 0.1:
            opts.append("ns::groups<%d>" % g)
        if not bias:
            opts.append("ns::no_bias")
        r.shuffle(opts)
        return Leaf("ns::conv2d<%s>" % ", ".join([str(f), hw_arg(kh, kw)] + opts), module)

    def pool(self, c, h, w, preserve):
        r = self.r
        is_max = r.random() < 0.55
        kh, kw = self.kernel([1, 2, 2, 3, 3, 4, 5])
        dh, dw = (1, 1) if not is_max or r.random() < (0.4 if self.edge else 0.75) else self.pair([1, 2, 3])
        if preserve:
            kh, kw = kh | 1, kw | 1
            sh, sw, ceil = 1, 1, r.random() < 0.3
            ph, pw = kh // 2, kw // 2
            if (dh, dw) != (1, 1):
                dh = dw = 1
        else:
            sh, sw = (kh, kw) if r.random() < 0.4 else self.pair([1, 2, 2, 3, 4] if self.edge else [1, 2, 2, 3])
            # mostly within PyTorch's half-kernel rule, sometimes over it (PyTorch must reject those)
            ph = r.randint(0, kh // 2 + (1 if r.random() < (0.3 if self.edge else 0.1) else 0))
            pw = ph if r.random() < 0.7 else r.randint(0, kw // 2)
            ceil = r.random() < 0.4
        opts = []
        if (sh, sw) != (kh, kw) or r.random() < 0.1:
            opts.append(pair_opt("stride", sh, sw))
        if (ph, pw) != (0, 0) or r.random() < 0.1:
            opts.append(pair_opt("pad", ph, pw))
        if is_max and ((dh, dw) != (1, 1) or r.random() < 0.05):
            opts.append(pair_opt("dilation", dh, dw))
        if ceil:
            opts.append("ns::ceil_mode")
        r.shuffle(opts)
        if is_max:
            module = nn.MaxPool2d((kh, kw), stride=(sh, sw), padding=(ph, pw), dilation=(dh, dw), ceil_mode=ceil)
        else:
            module = nn.AvgPool2d((kh, kw), stride=(sh, sw), padding=(ph, pw), ceil_mode=ceil,
                                  count_include_pad=r.random() < 0.5)
        name = "max_pool" if is_max else "avg_pool"
        return Leaf("ns::%s<%s>" % (name, ", ".join([hw_arg(kh, kw)] + opts)), module)

    def adaptive(self, h, w, to=None):
        r = self.r
        is_max = r.random() < 0.4
        if to is None:
            if r.random() < 0.3:
                to = (1, 1)
            else:
                to = (r.randint(1, min(h + 2, 8)), r.randint(1, min(w + 2, 8)))
                if r.random() < 0.6:
                    to = (to[0], to[0])
        module = (nn.AdaptiveMaxPool2d if is_max else nn.AdaptiveAvgPool2d)(to)
        name = "adaptive_max_pool" if is_max else "adaptive_avg_pool"
        if to == (1, 1) and r.random() < 0.5:
            return Leaf("ns::global_max_pool" if is_max else "ns::global_avg_pool", module)
        args = str(to[0]) if to[0] == to[1] and r.random() < 0.5 else "%d, %d" % to
        return Leaf("ns::%s<%s>" % (name, args), module)

    def channel_map(self, c, n):
        """A layer taking c channels to n at every position: a 1x1 conv or a per-pixel dense."""
        bias = self.r.random() < 0.7
        if self.r.random() < 0.7:
            return Leaf("ns::conv2d<%d, 1%s>" % (n, "" if bias else ", ns::no_bias"), nn.Conv2d(c, n, 1, bias=bias))
        return Leaf("ns::dense<%d, ns::per_pixel%s>" % (n, "" if bias else ", ns::no_bias"), PerPixel(c, n, bias))

    def simple(self, c, h, w, preserve):
        """Everything but conv and window pooling."""
        r = self.r
        u = r.random()
        if u < 0.25:
            name = r.choice(list(ACTIVATIONS))
            return Leaf("ns::" + name, ACTIVATIONS[name]())
        if u < 0.38:
            return Leaf("ns::batch_norm", nn.BatchNorm2d(c))
        if u < 0.44:
            return Leaf("ns::layer_norm", LayerNorm2d(c))
        if u < 0.48:
            return Leaf("ns::layer_scale", LayerScale(c))
        if u < 0.52:
            return Leaf("ns::dropout", nn.Dropout(r.choice([0.1, 0.5])))
        if u < 0.55:
            return Leaf("ns::identity", nn.Identity())
        if u < 0.58:
            size = r.choice([1, 2, 3, 5])
            return Leaf("ns::lrn" if size == 5 and r.random() < 0.5 else "ns::local_response_norm<%d>" % size,
                        nn.LocalResponseNorm(size))
        if u < 0.64:
            g = r.choice([d for d in range(1, c + 1) if c % d == 0] + [r.randint(1, 6)])
            return Leaf("ns::channel_shuffle<%d>" % g, nn.ChannelShuffle(g))
        if u < 0.70:
            count = r.randint(1, c)
            first = r.randint(0, c - count)
            if r.random() < 0.05:
                first += 1  # past the end: must be rejected
            return Leaf("ns::channel_slice<%d, %d>" % (first, count), ChannelSlice(first, count))
        if u < 0.80:
            return self.channel_map(c, r.randint(1, 48))
        if not preserve and u < 0.86:
            return self.adaptive(h, w)
        if not preserve and u < 0.95 and c * h * w <= 20000:
            n, bias = r.randint(1, 64), r.random() < 0.7
            return Leaf("ns::dense<%d%s>" % (n, "" if bias else ", ns::no_bias"), Dense(c * h * w, n, bias))
        if not preserve and c * h * w <= 20000:
            return Leaf("ns::flatten", Flatten())
        return Leaf("ns::relu", nn.ReLU())

    def transposed(self, c, h, w):
        """conv_transpose2d: strides up to 3 while the image is small, an output padding below the
        stride or the dilation (sometimes not: PyTorch must reject those), groups dividing both."""
        r = self.r
        kh, kw = self.kernel([1, 2, 2, 3, 3, 4, 5])
        dh, dw = self.pair([1, 1, 1, 2, 3])
        sh, sw = self.pair([1, 2, 2, 3] if h * w <= 1024 else [1])
        ph, pw = self.pair([0, 0, 1, 2])
        oh, ow = [r.randint(0, max(st, dl) - 1 + (r.random() < 0.05)) for st, dl in ((sh, dh), (sw, dw))]
        g = r.choice([1, 1, 1] + [d for d in range(2, c + 1) if c % d == 0])
        f = g * r.randint(1, max(1, 24 // g))
        bias = r.random() < 0.7
        module = nn.ConvTranspose2d(c, f, (kh, kw), stride=(sh, sw), padding=(ph, pw), output_padding=(oh, ow),
                                    groups=g, bias=bias, dilation=(dh, dw))
        opts = []
        for name, a, b in (("stride", sh, sw), ("pad", ph, pw), ("output_padding", oh, ow), ("dilation", dh, dw)):
            if (a, b) != ((1, 1) if name in ("stride", "dilation") else (0, 0)) or r.random() < 0.1:
                opts.append(pair_opt(name, a, b))
        if g != 1:
            opts.append("ns::groups<%d>" % g)
        if not bias:
            opts.append("ns::no_bias")
        r.shuffle(opts)
        return Leaf("ns::conv_transpose2d<%s>" % ", ".join([str(f), hw_arg(kh, kw)] + opts), module)

    def interpolating(self, h, w):
        """upsample by whole factors (while the result stays small) or resize to any size, nearest
        or bilinear, with or without align_corners."""
        r = self.r
        bilinear = r.random() < 0.5
        corners = bilinear and r.random() < 0.5
        mode = ""
        if bilinear or r.random() < 0.2:
            mode = ", ns::interpolation::" + ("bilinear" if bilinear else "nearest")
        if corners:
            mode += ", ns::align_corners"
        kw = dict(mode="bilinear" if bilinear else "nearest", align_corners=True if corners else None)
        sh, sw = self.pair([1, 2, 2, 3])
        if h * w * sh * sw <= 4096 and r.random() < 0.5:
            return Leaf("ns::upsample<%s%s>" % (hw_arg(sh, sw), mode), nn.Upsample(scale_factor=(sh, sw), **kw))
        th, tw = r.randint(1, min(2 * h + 2, 64)), r.randint(1, min(2 * w + 2, 64))
        return Leaf("ns::resize<%d, %d%s>" % (th, tw, mode), nn.Upsample(size=(th, tw), **kw))

    def resample(self, c, h, w, preserve):
        """Issue 13's kinds: group and instance norm anywhere; where the size may change, transposed
        conv, interpolation and pixel (un)shuffle."""
        r = self.r
        u = r.random()
        if u < 0.2:
            g = r.choice([d for d in range(1, c + 1) if c % d == 0] + [r.randint(1, 6)])
            return Leaf("ns::group_norm<%d>" % g, nn.GroupNorm(g, c))
        if u < 0.4 or preserve:
            affine, stats = r.random() < 0.5, r.random() < 0.3
            opts = (["ns::affine"] if affine else []) + (["ns::track_running_stats"] if stats else [])
            r.shuffle(opts)
            return Leaf("ns::instance_norm<%s>" % ", ".join(opts),
                        nn.InstanceNorm2d(c, affine=affine, track_running_stats=stats))
        if u < 0.65:
            return self.transposed(c, h, w)
        if u < 0.85:
            return self.interpolating(h, w)
        if u < 0.93:
            f = r.choice([f for f in (1, 2, 3) if c % (f * f) == 0] + [r.randint(1, 3)])
            return Leaf("ns::pixel_shuffle<%d>" % f, nn.PixelShuffle(f))
        f = r.choice([f for f in (1, 2, 3) if h % f == 0 and w % f == 0] + [r.randint(1, 3)])
        return Leaf("ns::pixel_unshuffle<%d>" % f, nn.PixelUnshuffle(f))

    def leaf(self, x, preserve):
        _, c, h, w = x.shape
        u = self.r.random()
        if u < 0.1:
            return self.resample(c, h, w, preserve)
        if u < (0.3 if self.edge else 0.35):
            return self.conv(c, h, w, preserve)
        if u < (0.75 if self.edge else 0.55):
            return self.pool(c, h, w, preserve)
        return self.simple(c, h, w, preserve)

    def item(self, x, depth, preserve):
        """One element of a chain (a leaf or, sometimes, a merge or a sequential) and its output."""
        for _ in range(30):
            u = self.r.random()
            try:
                if depth < 3 and u < 0.15 / (depth + 1):
                    node, y = self.merge(x, depth + 1, preserve)
                elif depth < 3 and u < 0.20 / (depth + 1):
                    items, y = self.chain(x, depth + 1, preserve, self.r.randint(1, 4))
                    node = Seq(items)
                else:
                    node = self.leaf(x, preserve)
                    y = run(node.module, x)
            except (Rejected, ValueError, RuntimeError):  # PyTorch refused to build or to run it
                continue
            if self.r.random() < 0.06:
                self.names += 1
                node = Named("block%d.part" % self.names, node)
            return node, y
        node = Leaf("ns::relu", nn.ReLU())
        return node, run(node.module, x)

    def chain(self, x, depth, preserve, length):
        items = []
        for _ in range(length):
            node, x = self.item(x, depth, preserve)
            items.append(node)
        return items, x

    def fix(self, items, y, target_hw=None, target_c=None):
        """Append layers taking y to the target spatial size and/or channel count."""
        _, c, h, w = y.shape
        if target_hw is not None and (h, w) != target_hw:
            leaf = self.adaptive(h, w, to=target_hw)
            y = run(leaf.module, y)
            items.append(leaf)
        if target_c is not None and y.shape[1] != target_c:
            leaf = self.channel_map(y.shape[1], target_c)
            y = run(leaf.module, y)
            items.append(leaf)
        return items, y

    def merge(self, x, depth, preserve):
        r = self.r
        how = r.choice(["concat", "concat", "add", "add", "multiply"])
        count = r.choice([1, 2, 2, 2, 3, 3, 4])
        _, c, h, w = x.shape
        branches, outs = [], []
        for i in range(count):
            if how == "multiply" and i > 0 and r.random() < 0.5:
                # squeeze-and-excitation: 1x1xC times HxWxC
                squeeze = max(1, c // r.choice([1, 2, 4, 16]))
                items = [self.adaptive(h, w, to=(1, 1)), self.channel_map(c, squeeze),
                         Leaf("ns::relu", nn.ReLU()), self.channel_map(squeeze, c),
                         Leaf("ns::sigmoid", nn.Sigmoid())]
                y = run(Chain([it.module for it in items]), x)
            elif i > 0 and r.random() < 0.25 and (how != "add" or outs[0].shape == x.shape):
                items, y = [Leaf("ns::identity", nn.Identity())], x
            else:
                items, y = self.chain(x, depth, preserve, r.randint(1, 4))
                if i > 0:
                    _, c0, h0, w0 = outs[0].shape
                    if how == "concat":
                        items, y = self.fix(items, y, target_hw=(h0, w0))
                    elif how == "add":
                        items, y = self.fix(items, y, target_hw=(h0, w0), target_c=c0)
                    else:
                        _, cy, hy, wy = y.shape
                        th = hy if hy in (1, h0) or h0 == 1 else r.choice([1, h0])
                        tw = wy if wy in (1, w0) or w0 == 1 else r.choice([1, w0])
                        tc = cy if cy in (1, c0) or c0 == 1 else r.choice([1, c0])
                        items, y = self.fix(items, y, target_hw=(th, tw), target_c=tc)
            branches.append(as_branch(items))
            outs.append(y)
        node = MergeNode(how, branches)
        return node, run(node.module, x)

    def network(self):
        r = self.r
        c = r.choice([1, 2, 3, 3, 4, 8, 16])
        h = r.randint(1, 9) if self.edge else r.randint(1, 40) if r.random() < 0.9 else r.randint(1, 6)
        w = h if r.random() < 0.6 else r.randint(1, 9 if self.edge else 40)
        x = torch.randn(1, c, h, w)
        items, _ = self.chain(x, 0, False, r.randint(2, 12))
        return (h, w, c), items


# ---- measuring ------------------------------------------------------------------------------

def nchw_to_shape(t):
    _, c, h, w = t.shape
    return (h, w, c)


def measure(input_hwc, items):
    """PyTorch's figures for the assembled network: one forward pass with hooks."""
    model = Chain([i.module for i in items]).eval()
    leaves = [leaf for i in items for leaf in i.leaves()]
    shapes = [None] * len(leaves)
    macs = {}  # module -> MACs of its one call
    hooks = []
    for n, leaf in enumerate(leaves):
        def record(_m, _inp, out, n=n):
            if shapes[n] is not None:
                raise RuntimeError("a leaf module ran twice")
            shapes[n] = nchw_to_shape(out)
        hooks.append(leaf.module.register_forward_hook(record))

    def conv_macs(m, _inp, out):
        _, oc, oh, ow = out.shape
        kh, kw = m.kernel_size
        macs[m] = oh * ow * oc * (m.in_channels // m.groups) * kh * kw

    def linear_macs(m, inp, _out):
        macs[m] = inp[0].numel() // m.in_features * m.in_features * m.out_features

    def transposed_macs(m, inp, _out):
        kh, kw = m.kernel_size
        macs[m] = inp[0].numel() * (m.out_channels // m.groups) * kh * kw

    for m in model.modules():
        if isinstance(m, nn.ConvTranspose2d):
            hooks.append(m.register_forward_hook(transposed_macs))
        elif isinstance(m, nn.Conv2d):
            hooks.append(m.register_forward_hook(conv_macs))
        elif isinstance(m, nn.Linear):
            hooks.append(m.register_forward_hook(linear_macs))
    h, w, c = input_hwc
    y = model(torch.randn(1, c, h, w))
    for hk in hooks:
        hk.remove()
    if any(s is None for s in shapes):
        raise RuntimeError("a leaf module did not run")
    return dict(
        output=nchw_to_shape(y),
        params=sum(p.numel() for p in model.parameters()),
        buffers=sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked")),
        macs=sum(macs.values()),
        layers=shapes,
        layer_params=[sum(p.numel() for p in leaf.module.parameters()) for leaf in leaves],
        layer_macs=[sum(macs.get(m, 0) for m in leaf.module.modules()) for leaf in leaves],
    )


# ---- writing --------------------------------------------------------------------------------

HEADER = """\
// Generated by tools/random_networks.py (seed %s, torch %s). Every figure below is PyTorch's,
// measured on the same architecture; netshape must agree. Do not edit: regenerate with
//   /usr/bin/python3 tools/random_networks.py --seed %s --only <case> --out DIR
#include <netshape/netshape.hpp>

namespace ns = netshape;

namespace {
// A mismatch is reported as an error inside agree<netshape's figure, PyTorch's figure>.
template <auto Netshape, auto PyTorch>
struct agree {
    static_assert(Netshape == PyTorch, "netshape differs from PyTorch");
    static constexpr bool value = Netshape == PyTorch;
};
}  // namespace
"""


def shape_cpp(s):
    return "ns::shape{%d, %d, %d}" % s


def case_cpp(seed, index, input_hwc, items, fig):
    tag = "case_%d" % index
    label = "seed %s case %d" % (seed, index)
    net = "ns::network<ns::input<%d, %d, %d>,\n    %s>" % (input_hwc + (",\n    ".join(i.cpp for i in items),))
    lines = ["", "// %s" % label, "namespace %s {" % tag, "using net = %s;" % net]

    def check(expr, value, what):
        lines.append('static_assert(agree<%s, %s>::value, "%s: %s");' % (expr, value, label, what))

    check("ns::output_shape<net>", shape_cpp(fig["output"]), "output_shape")
    check("ns::params<net>", "ns::count_t{%d}" % fig["params"], "params")
    check("ns::buffers<net>", "ns::count_t{%d}" % fig["buffers"], "buffers")
    check("ns::macs<net>", "ns::count_t{%d}" % fig["macs"], "macs")
    check("ns::layers<net>.size()", "std::size_t{%d}" % len(fig["layers"]), "number of leaf layers")
    for i, s in enumerate(fig["layers"]):
        check("ns::layers<net>[%d].output_shape" % i, shape_cpp(s), "layers[%d].output_shape" % i)
        if fig["layer_params"][i]:
            check("ns::layers<net>[%d].params" % i, "ns::count_t{%d}" % fig["layer_params"][i], "layers[%d].params" % i)
        if fig["layer_macs"][i]:
            check("ns::layers<net>[%d].macs" % i, "ns::count_t{%d}" % fig["layer_macs"][i], "layers[%d].macs" % i)
    lines.append("}  // namespace %s" % tag)
    return "\n".join(lines) + "\n"


def make_case(seed, index):
    rng = random.Random("%s:%d" % (seed, index))
    torch.manual_seed(rng.randrange(2 ** 31))
    drawer = Drawer(rng)
    input_hwc, items = drawer.network()
    return input_hwc, items, measure(input_hwc, items)


def main(args):
    part, parts = args.part
    os.makedirs(args.out, exist_ok=True)
    indices = args.only if args.only else list(range(args.count))
    files = [indices[i:i + args.per_file] for i in range(0, len(indices), args.per_file)]
    leaves = written = networks = 0
    for f, group in enumerate(files):
        if f % parts != part:
            continue
        body = [HEADER % (args.seed, torch.__version__, args.seed)]
        for index in group:
            input_hwc, items, fig = make_case(args.seed, index)
            if index in args.corrupt:
                fig["params"] += 1
            leaves += len(fig["layers"])
            body.append(case_cpp(args.seed, index, input_hwc, items, fig))
        name = "random_%d.cpp" % f if not args.only else "case_%s.cpp" % "_".join(map(str, group))
        with open(os.path.join(args.out, name), "w") as out:
            out.write("".join(body))
        written += 1
        networks += len(group)
    print("random_networks: seed %s, %d networks (%d leaf layers) in %d files under %s"
          % (args.seed, networks, leaves, written, args.out))


if __name__ == "__main__":
    sys.exit(main(ARGS))
