#!/usr/bin/env python3
"""ONNX round trip of one torchvision model (classification, or segmentation: SEGMENTATION), one of
small_model()'s, or a U-Net of tools/unet_reference.py (UNETS) (tests/onnx_roundtrip.cmake runs it
under CTest).

    onnx_roundtrip.py MODEL MODE --work DIR --compiler COMPILER --include DIR [--reference JSON]

MODE is `train` (batch norm in training mode, dropout and stochastic depth in eval mode,
torch.onnx.TrainingMode.PRESERVE, no constant folding: batch norm stays in the file) or `eval` (an ordinary export: the exporter folds each batch norm that directly follows a
convolution into it). The script
  1. exports the model to DIR/MODEL_MODE.onnx,
  2. writes DIR/MODEL_MODE.hpp with tools/onnx2netshape,
  3. measures torchvision's figures itself (parameters, buffers without num_batches_tracked,
     output shape, and the MACs of every convolution (1-, 2- or 3-D) and Linear with forward hooks)
     and, if the reference file has the
     model, requires it to agree,
  4. compiles (with cmake/warnings.txt's flags) a file that includes the header and static_asserts
     torchvision's figures, or, in eval
     mode, torchvision's figures minus the exact effect of folding: each folded BN removes its 2·C
     parameters and 2·C buffers, and its convolution gains C bias parameters if it had none; for the
     segmentation models and the U-Nets also that the zoo's type at the same size has torchvision's
     figures and the converted network's output shape, MACs and receptive field.
Exit status: 0 passed, 1 failed, 2 usage, 77 skipped (torch, torchvision or onnx missing).
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import cxx_flags, quiet_batch_counter_warnings, require  # noqa: E402


# onnx2netshape's note on an eval-mode export's folded batch norms (its figures are checked).
FOLDING_NOTE = re.compile(r"(\d+) convolutions? looks? folded from convolution and batch norm .*? the PyTorch module "
                          r"has ([\d,]+) more parameters \(([\d,]+) if those convolutions had biases of their own\) "
                          r"and ([\d,]+) more buffers")


def small_model(name):
    """The models of issue 13's kinds, built here (torchvision has none), or None for another name
    (issue 15's r3d_18 and m5: build() below):
    unet_tiny  a two-level U-Net: conv, max pool, transposed conv, concat, bilinear upsample;
    espcn      ESPCN-like super-resolution: convs, then a sub-pixel conv (pixel shuffle ×3);
    resample   pixel unshuffle, instance norm with and without affine, transposed conv with output
               padding and groups, nearest upsample, group norm, bilinear resize to a size with
               align_corners;
    padding    asymmetric and negative zero padding: nn.ZeroPad2d before a stride-2 conv and before a
               4×4 conv (padding='same' on an even kernel, which torch 1.13 does not export), a crop;
    activations issue 19's activations: PReLU per channel and shared (learned slopes), SELU, CELU,
               Softplus, after convolutions with batch norm and on a dense layer's N×F output."""
    import torch
    nn, F = torch.nn, torch.nn.functional

    def block(cin, cout):
        return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.BatchNorm2d(cout), nn.ReLU())

    class UNetTiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.enc1, self.enc2, self.mid = block(3, 8), block(8, 16), block(16, 32)
            self.pool = nn.MaxPool2d(2)
            self.up2 = nn.ConvTranspose2d(32, 16, 2, stride=2)
            self.dec2 = block(32, 16)
            self.up1 = nn.Upsample(scale_factor=2, mode="bilinear")
            self.dec1 = block(24, 8)
            self.head = nn.Conv2d(8, 2, 1)

        def forward(self, x):
            e1 = self.enc1(x)
            e2 = self.enc2(self.pool(e1))
            m = self.mid(self.pool(e2))
            d2 = self.dec2(torch.cat([e2, self.up2(m)], 1))
            return self.head(self.dec1(torch.cat([e1, self.up1(d2)], 1)))

    class Resample(nn.Module):
        def __init__(self):
            super().__init__()
            self.down = nn.PixelUnshuffle(2)
            self.conv = nn.Conv2d(12, 16, 3, padding=1, bias=False)
            self.norm = nn.InstanceNorm2d(16, affine=True)
            self.up = nn.ConvTranspose2d(16, 8, 3, stride=2, padding=1, output_padding=1, groups=2)
            self.plain = nn.InstanceNorm2d(8)
            self.near = nn.Upsample(scale_factor=2)
            self.group = nn.GroupNorm(4, 8)

        def forward(self, x):
            y = self.up(torch.relu(self.norm(self.conv(self.down(x)))))
            y = self.group(self.near(self.plain(y)))
            return F.interpolate(y, size=(21, 13), mode="bilinear", align_corners=True)

    if name == "unet_tiny":
        return UNetTiny()
    if name == "espcn":
        return nn.Sequential(nn.Conv2d(3, 32, 5, padding=2), nn.Tanh(), nn.Conv2d(32, 16, 3, padding=1), nn.Tanh(),
                             nn.Conv2d(16, 3 * 3 * 3, 3, padding=1), nn.PixelShuffle(3))
    if name == "resample":
        return Resample()
    if name == "padding":
        return nn.Sequential(nn.ZeroPad2d((0, 1, 0, 1)), nn.Conv2d(3, 8, 3, stride=2), nn.ReLU(),
                             nn.ZeroPad2d((1, 2, 1, 2)), nn.Conv2d(8, 8, 4), nn.ZeroPad2d((-1, 0, 2, -1)), nn.MaxPool2d(2),
                             nn.ZeroPad2d(1), nn.Conv2d(8, 4, 3))
    if name == "activations":
        return nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.PReLU(8), nn.SELU(),
                             nn.Conv2d(8, 16, 3, stride=2), nn.CELU(), nn.Softplus(), nn.PReLU(),
                             nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Linear(16, 10), nn.PReLU(10))
    return None


# torchvision's segmentation models (issue 13), exported at a small size: each returns a dict, of
# which the graph's output is "out" (no auxiliary head: aux_loss=None, torchvision's default).
SEGMENTATION = ("fcn_resnet50", "deeplabv3_mobilenet_v3_large", "lraspp_mobilenet_v3_large")
# The U-Nets, both up modes: tools/unet_reference.py's own PyTorch definition (make_unet), 3 input
# channels, 2 classes, base width 8, depth 4 (small, so that the round trip is quick).
UNETS = {"unet": False, "unet_bilinear": True}
UNET_BASE, UNET_DEPTH = 8, 4
# Vision transformers, at --size (their position embedding is made for it): torchvision's builders,
# its VisionTransformer with other arguments (vit_tiny), each with zoo::vision_transformer's
# <Patch, Width, Depth, Heads, Mlp, Classes>, and a transformer of a user's own (mha_tiny, no zoo
# type): nn.MultiheadAttention without biases and with its default need_weights=True, tokens by
# flatten(2).transpose(1, 2), a position embedding of its own, the last token classified. Their MACs
# are tools/pytorch_macs.py's (the profiler's matrix products: forward hooks miss attention's).
VIT = {"vit_b_16": (16, 768, 12, 12, 3072, 1000), "vit_b_32": (32, 768, 12, 12, 3072, 1000),
       "vit_tiny": (8, 48, 3, 3, 96, 10)}
# Swin (V1): torchvision's swin_t and its SwinTransformer with other arguments (swin_tiny), each with
# zoo::swin_transformer's <Patch, Embed, Depths, Heads, Window, Classes>. Training-mode export only:
# an eval-mode export folds each relative position bias table and its index into one constant, and
# the tool refuses it (the file no longer holds the table's parameters).
SWIN = {"swin_t": (4, 96, (2, 2, 6, 2), (3, 6, 12, 24), 7, 1000), "swin_tiny": (4, 16, (2, 2), (2, 4), 4, 10),
        "swin_heads": (4, 32, (2, 2), (32, 32), 7, 10)}  # tables of 13·13·32 > 4,096: read as dimensions only
# Users' own transformers on 4×4 patches of 24 channels, the first token classified: mha_tiny (above),
# and nn.TransformerEncoder of two nn.TransformerEncoderLayer(24, 4, 48, dropout=0, batch_first=True),
# post-norm (encoder_tiny, PyTorch's default: the exporter fuses the token Transpose with the first
# attention's) and pre-norm (encoder_prenorm).
USERS = ("mha_tiny", "encoder_tiny", "encoder_prenorm")
TRANSFORMERS = tuple(VIT) + tuple(SWIN) + USERS


def transformer(name, size):
    """A model of TRANSFORMERS on size×size images."""
    import torch
    import torchvision
    nn = torch.nn
    if name == "vit_tiny":
        patch, width, depth, heads, mlp, classes = VIT[name]
        return torchvision.models.vision_transformer.VisionTransformer(
            image_size=size, patch_size=patch, num_layers=depth, num_heads=heads, hidden_dim=width, mlp_dim=mlp,
            num_classes=classes)
    if name in VIT:
        return getattr(torchvision.models, name)(weights=None, image_size=size)
    if name in ("swin_tiny", "swin_heads"):
        patch, embed, depths, heads, window, classes = SWIN[name]
        return torchvision.models.swin_transformer.SwinTransformer(
            patch_size=[patch, patch], embed_dim=embed, depths=list(depths), num_heads=list(heads),
            window_size=[window, window], num_classes=classes)
    if name in SWIN:
        return getattr(torchvision.models, name)(weights=None)

    class Encoder(nn.Module):
        def __init__(self, norm_first):
            super().__init__()
            self.patch = nn.Conv2d(3, 24, 4, stride=4)
            layer = nn.TransformerEncoderLayer(24, 4, 48, dropout=0.0, batch_first=True, norm_first=norm_first)
            self.encoder = nn.TransformerEncoder(layer, 2)
            self.head = nn.Linear(24, 5)

        def forward(self, x):
            return self.head(self.encoder(self.patch(x).flatten(2).transpose(1, 2))[:, 0])
    if name.startswith("encoder_"):
        return Encoder(name == "encoder_prenorm")

    class Tiny(nn.Module):
        def __init__(self):
            super().__init__()
            self.patch = nn.Conv2d(3, 24, 4, stride=4)
            self.pos = nn.Parameter(torch.zeros(1, (size // 4) ** 2, 24))
            self.norm = nn.LayerNorm(24)
            self.attn = nn.MultiheadAttention(24, 4, bias=False, batch_first=True)
            self.mlp = nn.Sequential(nn.Linear(24, 48), nn.GELU(), nn.Linear(48, 24))
            self.head = nn.Linear(24, 5)

        def forward(self, x):
            x = self.patch(x).flatten(2).transpose(1, 2) + self.pos
            y = self.norm(x)
            x = x + self.attn(y, y, y)[0]
            x = x + self.mlp(x)
            return self.head(x[:, -1])
    return Tiny()


def zoo_type(name, size):
    """The zoo's netshape type for a model at `size`, or None (the round trip then compares with
    torchvision's figures only)."""
    if name in SEGMENTATION:
        return f"netshape::zoo::{name}_at<{size}>"
    if name in UNETS:
        up = "bilinear" if UNETS[name] else "transposed"
        return f"netshape::zoo::unet_at<{size}, {size}, 3, 2, {UNET_BASE}, {UNET_DEPTH}, netshape::zoo::unet_up::{up}>"
    if name == "r3d_18":
        return f"netshape::zoo::r3d<16, {size}, {size}>"
    if name == "m5":
        return f"netshape::zoo::m5_of<{size}>"
    if name in VIT:
        return f"netshape::zoo::vision_transformer<{size}, {', '.join(str(v) for v in VIT[name])}>"
    if name in SWIN:
        patch, embed, depths, heads, window, classes = SWIN[name]
        lists = ", ".join(f"netshape::zoo::blocks<{', '.join(str(v) for v in b)}>" for b in (depths, heads))
        return f"netshape::zoo::swin_transformer<{patch}, {embed}, {lists}, {window}, {size}, {size}, {classes}>"
    return None


# Models whose input is not an image (issue 15): the example tensor's shape (the batch excepted) from
# --size, and how the output's dimensions read as netshape's shape. A clip is N×C×D×H×W; M5's output
# is a signal with its channels last (N×L×C, after its permute), its input N×C×L.
VOLUMES_AND_SIGNALS = {
    "r3d_18": dict(sample=lambda size: (3, 16, size, size), output=None),
    "m5": dict(sample=lambda size: (1, size), output=lambda d: [d[1], d[2]]),
}


def sample_of(name, size):
    """The example input's shape without the batch: 3×size×size, or VOLUMES_AND_SIGNALS'."""
    entry = VOLUMES_AND_SIGNALS.get(name)
    return entry["sample"](size) if entry else (3, size, size)


def netshape_dims(name, d):
    """An output tensor's dimensions (with the batch) as netshape's shape values: (H, W, C), a clip's
    (D, H, W, C), a signal's (L, C), a vector's (1, 1, C); a ViT's class scores, from one token
    (select_token), are netshape's vector (C)."""
    if (name in VIT or name in USERS) and len(d) == 2:
        return [d[1]]
    entry = VOLUMES_AND_SIGNALS.get(name)
    if entry and entry["output"] and len(d) == 3:
        return entry["output"](d)
    return {4: lambda: [d[2], d[3], d[1]], 5: lambda: [d[2], d[3], d[4], d[1]]}.get(len(d), lambda: [1, 1, d[1]])()


def input_dims(sample):
    """The example input's shape (without the batch, channels first) as netshape's shape values."""
    return list(sample[1:]) + [sample[0]] if len(sample) != 2 else [sample[1], sample[0]]


def shape_literal(values):
    """netshape's shape of these values (netshape_dims'), as C++."""
    v = ", ".join(str(x) for x in values)
    if len(values) == 1:
        return f"netshape::shape::vector({v})"
    return {4: f"netshape::shape::volume({v})", 2: f"netshape::shape::sequence({v})"}.get(len(values), f"netshape::shape{{{v}}}")


def build(name, size):
    model = small_model(name)
    if model is not None:
        return model
    if name in TRANSFORMERS:
        return transformer(name, size)
    import torch
    if name == "m5":  # tools/m5_model.py's (tools/m5_reference.py's), as zoo::m5: without the final log_softmax
        import m5_model
        return m5_model.build(torch, 1, 35, 32, log_softmax=False)
    if name in UNETS:
        import unet_reference
        return unet_reference.make_unet(torch, 3, 2, UNET_BASE, UNET_DEPTH, UNETS[name])
    import torchvision
    if name in ("r3d_18", "mc3_18", "r2plus1d_18"):
        return getattr(torchvision.models.video, name)(weights=None)
    if name in SEGMENTATION:
        class Out(torch.nn.Module):  # the dict's "out": the tensor the exporter writes as the output
            def __init__(self, model):
                super().__init__()
                self.model = model

            def forward(self, x):
                return self.model(x)["out"]
        return Out(getattr(torchvision.models.segmentation, name)(weights=None, weights_backbone=None))
    kw = {"weights": None}
    aux = name.endswith("_aux")  # googlenet_aux, inception_v3_aux: the auxiliary classifiers kept
    if aux:
        name = name[:-len("_aux")]
        kw.update(aux_logits=True)
    if name == "googlenet":
        kw.update(aux_logits=aux, init_weights=False)
    return getattr(torchvision.models, name)(**kw)


def measure(model, size, train=False, batch=1, name=""):
    """torchvision's figures and the batch norms an eval-mode export folds, from forward hooks. With
    train, the model runs in training mode, where GoogLeNet and Inception v3 compute their auxiliary
    classifiers too; every output's shape is then listed under "outputs". A batch above 1 (which
    batch norm in training mode needs where a tensor is 1×1) is measured per sample."""
    import torch
    model.train(train)
    macs = [0]
    conv_out = {}   # id(output tensor) -> (conv, output) for the conv outputs seen so far
    folded = []     # (bn, conv) pairs: a BN applied directly to a conv's output
    hooks = []

    def conv_hook(m, inp, out):  # any dimension (Conv1d, 2d, 3d): the kernel's taps
        macs[0] += out.numel() * (m.in_channels // m.groups) * math.prod(m.kernel_size)
        conv_out[id(out)] = (m, out)  # the tensor is kept alive, so its id stays unique

    def transposed_hook(m, inp, out):  # every input element meets F/g filters' taps
        macs[0] += inp[0].numel() * (m.out_channels // m.groups) * math.prod(m.kernel_size)

    def linear_hook(m, inp, out):
        macs[0] += out.numel() * m.in_features

    def bn_pre_hook(m, inp):
        hit = conv_out.get(id(inp[0]))
        if hit is not None and hit[1] is inp[0]:
            folded.append((m, hit[0]))

    convolutions, batch_norms = torch.nn.modules.conv._ConvNd, torch.nn.modules.batchnorm._BatchNorm
    transposes = torch.nn.modules.conv._ConvTransposeNd
    for m in model.modules():
        if isinstance(m, transposes):
            hooks.append(m.register_forward_hook(transposed_hook))
        elif isinstance(m, convolutions):
            hooks.append(m.register_forward_hook(conv_hook))
        elif isinstance(m, torch.nn.Linear):
            hooks.append(m.register_forward_hook(linear_hook))
        elif isinstance(m, batch_norms):
            hooks.append(m.register_forward_pre_hook(bn_pre_hook))
    # (autograd on for a transformer: torch 1.13's fast path of nn.MultiheadAttention without biases fails
    # under no_grad in eval mode)
    with torch.set_grad_enabled(name in TRANSFORMERS):
        y = model(torch.zeros((batch,) + sample_of(name, size)))
    for h in hooks:
        h.remove()
    if name in TRANSFORMERS:  # attention's products too; with autograd on, torch 1.13's exported (slow) path
        import pytorch_macs
        macs[0] = pytorch_macs.measure(model, lambda: model(torch.zeros((batch,) + sample_of(name, size))), True)[1]
    ys = list(y) if isinstance(y, tuple) else [y]
    shapes = [netshape_dims(name, list(t.shape)) for t in ys]
    out = shapes[0]
    params = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for n, b in model.named_buffers() if not n.endswith("num_batches_tracked"))
    bns = sum(1 for m in model.modules() if isinstance(m, batch_norms))
    figures = {"params": params, "buffers": buffers, "output": out, "macs": macs[0] // batch}
    if len(ys) > 1:
        figures["outputs"] = shapes
    return figures, folded, bns


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("model")
    p.add_argument("mode", choices=["train", "eval"])
    p.add_argument("--work", required=True)
    p.add_argument("--compiler", required=True)
    p.add_argument("--include", required=True)
    p.add_argument("--reference", default="")
    p.add_argument("--size", type=int, default=224)
    args = p.parse_args()

    onnx, torch, _ = require("onnx", "torch", "torchvision")
    quiet_batch_counter_warnings()

    os.makedirs(args.work, exist_ok=True)
    # A transformer is exported at several sizes: each its own file.
    stem = f"{args.model}_{args.size}_{args.mode}" if args.model in TRANSFORMERS else f"{args.model}_{args.mode}"
    path = os.path.join(args.work, stem + ".onnx")
    header = os.path.join(args.work, stem + ".hpp")
    torch.manual_seed(0)
    model = build(args.model, args.size)
    # With the auxiliary classifiers (training mode), Inception v3's batch norm on a 1×1 tensor needs
    # two samples: the file then has a static batch of 2, which the tool describes per sample.
    aux = args.model.endswith("_aux")
    # DeepLabV3's ASPP pooling branch has batch norm on a 1×1 tensor too: two samples in training mode.
    batch = 2 if aux or (args.mode == "train" and args.model.startswith("deeplabv3")) else 1
    x = torch.zeros((batch,) + sample_of(args.model, args.size))

    # 1. Export.
    if args.mode == "train":
        # Batch norm in training mode (kept); dropout and stochastic depth (ConvNeXt's) in eval mode,
        # where they are the identity: in training mode they draw random numbers, which is no layer.
        model.train()
        import torchvision
        for m in model.modules():  # (torchvision is imported for StochasticDepth even for M5)
            if isinstance(m, (torch.nn.Dropout, torchvision.ops.StochasticDepth)):
                m.eval()
        torch.onnx.export(model, x, path, opset_version=13, training=torch.onnx.TrainingMode.PRESERVE,
                          do_constant_folding=False)
    else:
        model.eval()
        torch.onnx.export(model, x, path, opset_version=13)

    # 2. Generate.
    tool = os.path.join(os.path.dirname(os.path.abspath(__file__)), "onnx2netshape")
    r = subprocess.run([sys.executable, tool, path, "--out", header, "--name", "net", "--namespace", stem],
                       stderr=subprocess.PIPE, text=True)
    sys.stderr.write(r.stderr)
    if r.returncode != 0:
        print("FAILED: onnx2netshape rejected the file")
        return 1

    # 3. torchvision's figures.
    want, folded, bns = measure(model, args.size, train=aux, batch=batch, name=args.model)
    unfolded = dict(want)  # torchvision's figures before any folding: the zoo's
    print(f"torchvision {args.model}: {want}; batch norms {bns}, directly after a conv {len(folded)}")
    if args.reference and os.path.exists(args.reference):
        with open(args.reference) as f:
            ref = json.load(f).get("models", {}).get(args.model)
        given = input_dims(sample_of(args.model, args.size))  # H, W, C (a clip's D, H, W, C; a signal's L, C)
        if ref is not None and ref.get("input", given)[:-1] != given[:-1]:
            print(f"{os.path.basename(args.reference)} measures {args.model} at another size: not compared")
            ref = None
        if ref is not None:
            for k in want:
                if k == "outputs":  # the reference's are in output_shapes' order: compared below
                    if sorted(ref[k]) != sorted(want[k]):
                        print(f"FAILED: outputs measured {want[k]}, {os.path.basename(args.reference)} says {ref[k]}")
                        return 1
                    want[k] = ref[k]
                elif ref[k] != want[k]:
                    print(f"FAILED: {k} measured {want[k]}, {os.path.basename(args.reference)} says {ref[k]}")
                    return 1
            print(f"agrees with {os.path.basename(args.reference)}")

    expect = dict(want)
    if args.mode == "eval":
        # The exporter's folding, computed: BN's γ, β (2C params) and running stats (2C buffers)
        # go; the conv keeps its weights and gains a C-element bias if it had none.
        kept = sum(1 for n in onnx.load(path).graph.node if n.op_type == "BatchNormalization")
        if kept != bns - len(folded):
            print(f"FAILED: expected {bns - len(folded)} batch norms left after folding, the file has {kept}")
            return 1
        for bn, conv in folded:
            c = bn.num_features
            expect["params"] -= 2 * c
            expect["buffers"] -= 2 * c
            if conv.bias is None:
                expect["params"] += conv.out_channels
        print(f"eval export folds {len(folded)} batch norms: expect {expect}")
    # The tool's own account of the folding (its note and the header's comment) must be this one.
    said = FOLDING_NOTE.search(r.stderr)
    if args.mode == "train" or not folded:
        if said:
            print(f"FAILED: nothing was folded, and the tool says: {said.group(0)}")
            return 1
    else:
        n, more, more_biased, buffers = (int(v.replace(",", "")) for v in said.groups()) if said else (None,) * 4
        fold_params = want["params"] - expect["params"]
        if all(conv.bias is not None for _, conv in folded):
            more = more_biased  # every folded convolution had a bias of its own: the tool's second figure
        elif any(conv.bias is not None for _, conv in folded):
            more = fold_params  # a mixture: the tool can only bound it, between its two figures
            if not (said and said.group(2) and int(said.group(2).replace(",", "")) <= fold_params <=
                    int(said.group(3).replace(",", ""))):
                more = None
        if (n, more, buffers) != (len(folded), fold_params, want["buffers"] - expect["buffers"]):
            print(f"FAILED: the tool's folding note ({said.group(0) if said else 'none'}) is not "
                  f"{len(folded)} convolutions, {fold_params} parameters, {want['buffers'] - expect['buffers']} buffers")
            return 1
        if said.group(0).split(" (")[0] not in " ".join(open(header).read().replace("//", " ").split()):
            print("FAILED: the header's comment does not say what the note says")
            return 1
        print(f"the tool's folding note agrees: {said.group(0)}")

    # 4. Compile: the header's own asserts (from the file) and torchvision's figures.
    ns = f"{stem}::"
    o = expect["output"]
    source = os.path.join(args.work, stem + "_check.cpp")
    with open(source, "w") as f:
        f.write(f'#include "{stem}.hpp"\n\n'
                f"// torchvision {args.model} ({args.mode} export), measured by tools/onnx_roundtrip.py\n"
                f"static_assert(netshape::params<{ns}net> == {expect['params']});\n"
                f"static_assert(netshape::buffers<{ns}net> == {expect['buffers']});\n"
                f"static_assert(netshape::macs<{ns}net> == {expect['macs']});\n"
                f"static_assert(netshape::output_shape<{ns}net> == {shape_literal(o)});\n"
                f"static_assert(netshape::input_shape<{ns}net> == {shape_literal(input_dims(sample_of(args.model, args.size)))});\n")
        for k, shape in enumerate(expect.get("outputs", [])):  # side outputs: the graph's other outputs
            f.write(f"static_assert(netshape::output_shapes<{ns}net>[{k}] == {shape_literal(shape)});\n")
        if "outputs" in expect:
            f.write(f"static_assert(netshape::output_shapes<{ns}net>.size() == {len(expect['outputs'])});\n")
        zoo = zoo_type(args.model, args.size)
        if zoo is not None:
            # The zoo's type at the same size: torchvision's figures too, and the converted network's
            # output, MACs and receptive field are the zoo's (the exporter's folding changes no field).
            f.write(f"\n// The zoo's {args.model} at {args.size}×{args.size}\n#include <netshape/zoo.hpp>\n"
                    f"using zoo_net = {zoo};\n"
                    f"static_assert(netshape::params<zoo_net> == {unfolded['params']});\n"
                    f"static_assert(netshape::buffers<zoo_net> == {unfolded['buffers']});\n"
                    f"static_assert(netshape::macs<zoo_net> == netshape::macs<{ns}net>);\n"
                    f"static_assert(netshape::output_shape<zoo_net> == netshape::output_shape<{ns}net>);\n"
                    f"static_assert(netshape::receptive_field<zoo_net> == netshape::receptive_field<{ns}net>);\n")
        f.write("int main() {}\n")
    cmd = [args.compiler] + cxx_flags() + ["-I", args.include,
           "-I", args.work, "-c", source, "-o", os.path.join(args.work, stem + "_check.o")]
    print(" ".join(cmd), flush=True)
    r = subprocess.run(cmd)
    if r.returncode != 0:
        print("FAILED: the generated header does not compile, or its figures differ")
        return 1
    print(f"PASSED: {header} proves params {expect['params']}, buffers {expect['buffers']}, "
          f"MACs {expect['macs']}, output {o}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
