#!/usr/bin/env python3
"""What tests/bridges/test_torch.cpp compares netshape::torch::module<Net> with, written by PyTorch.

For every zoo model (torchvision's constructors, and tools/torchvision_reference.py's for the models
torchvision does not have): OUT/<model>.keys, its state_dict, one "name d0xd1x..." line per tensor,
in state_dict order. For the models given to --export (default resnet18 and mobilenet_v3_large):
OUT/<model>.pt, the model in eval mode compiled with torch.jit.script (torch.jit.trace where scripting
fails), and OUT/<model>_io.pt, a scripted module whose buffers are x, a random input (seeded), and
y0, y1, ... the model's outputs on it in netshape's order (output_shapes<Net>: side outputs first,
the main one last; a dict's values in torchvision_reference.OUTPUT_ORDER, or {'out': ...}'s one).

The zoo's models are torchvision's (its constructors, weights=None; the video models too),
tools/torchvision_reference.py's for the models torchvision does not have (and its segmentation and
feature pyramid models), tools/unet_reference.py's U-Net for unet and unet_bilinear, and
tools/m5_model.py's M5 (without log_softmax, as zoo::m5) for m5. The video models' exported input
is a smaller clip than their default (SMALL_INPUT; MViT rebuilt at that size, SMALL_MODEL, as its position
tables follow the clip; test_torch.cpp's forward_on has the same sizes).

Nothing here is committed: the C++ test runs on what this script writes into the build tree, the
same run, so there is no reference data to go stale.

Usage: /usr/bin/python3 tools/torch_bridge_reference.py --out DIR [--export a,b] [--only a,b]
Exit status: 0 written, 2 usage, 77 torch or torchvision missing.
"""
import argparse
import contextlib
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))


def arguments(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="directory to write into")
    ap.add_argument("--export", default="resnet18,mobilenet_v3_large",
                    help="models to export with TorchScript, with an input and its output (comma-separated)")
    ap.add_argument("--only", default="", help="write the keys of these models only (comma-separated)")
    return ap.parse_args(argv)


ARGS = arguments() if __name__ == "__main__" else None

import torchvision_reference as tr  # noqa: E402  (exits 77 without torch and torchvision)

torch, models = tr.torch, tr.models


class Holder(torch.nn.Module):
    """An input and the outputs PyTorch computed from it, as buffers a C++ program can read."""

    def __init__(self, x, ys):
        super().__init__()
        self.register_buffer("x", x)
        for i, y in enumerate(ys):
            self.register_buffer("y%d" % i, y)


def outputs(name, y):
    """The model's outputs as a list in netshape's order."""
    if not isinstance(y, dict):
        return [y]
    order = tr.OUTPUT_ORDER.get(name, list(y.keys()))
    return [y[k] for k in order]


# The input (without the batch) each video model is exported with: a clip of 8×56×56 (C, D, H, W),
# an eighth of the default 16×112×112's multiply-accumulates (tests/bridges/test_torch.cpp's forward_on).
SMALL_INPUT = {name: (3, 8, 56, 56) for name in ("r3d_18", "mc3_18", "r2plus1d_18")}
# MViT exported on 4x64x96 clips (a 2x16x24 grid), rebuilt at that size: its position tables follow
# the grid (the .keys are the default model's, 16x224x224).
SMALL_INPUT.update({name: (3, 4, 64, 96) for name in ("mvit_v1_b", "mvit_v2_s")})
SMALL_MODEL = {name: (lambda n=name: tr.mvit_clip(getattr(models.video, n), 4, 64, 96)) for name in ("mvit_v1_b", "mvit_v2_s")}


def constructors():
    """(zoo name, constructor, input sizes without the batch: (C, H, W), (C, D, H, W) or (C, L)) of
    every zoo model."""
    out = [(name, build, (c, h, w)) for name, build, h, w, c, _ in tr.MODELS]
    for name in ("vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14", "swin_t", "swin_s", "swin_b", "maxvit_t"):
        out.append((name, lambda n=name: getattr(models, n)(weights=None), (3, 224, 224)))
    for name in ("swin_v2_t", "swin_v2_s", "swin_v2_b"):  # netshape's aliases: 256×256, as their weights
        out.append((name, lambda n=name: getattr(models, n)(weights=None), (3, 256, 256)))
    import unet_reference
    for name, bilinear in (("unet", False), ("unet_bilinear", True)):  # zoo::unet_at's defaults
        out.append((name, lambda b=bilinear: unet_reference.make_unet(torch, 3, 2, 64, 4, b), (3, 256, 256)))
    for name, build, d, h, w, c, _ in tr.VIDEO_MODELS:
        if name in ("r3d_18", "mc3_18", "r2plus1d_18", "s3d", "mvit_v1_b", "mvit_v2_s"):  # the zoo's aliases
            out.append((name, build, SMALL_INPUT.get(name, (c, d, h, w))))
    import m5_model
    out.append(("m5", lambda: m5_model.build(torch, 1, 35, 32, log_softmax=False), (1, 8000)))  # zoo::m5's defaults
    return out


def main(args):
    os.makedirs(args.out, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    export = set(filter(None, args.export.split(",")))
    torch.manual_seed(0)
    for name, build, sizes in constructors():
        if only and name not in only and name not in export:
            continue
        # A model whose keys alone are written is built without drawing its weights (tr.without_initialization:
        # the 101 models' initialization took most of the run, convnext_large's 18 s of one core); an
        # exported one keeps torchvision's random initialization.
        with torch.no_grad(), (contextlib.nullcontext() if name in export else tr.without_initialization()):
            model = build().eval()
        with open(os.path.join(args.out, name + ".keys"), "w") as f:
            for key, value in model.state_dict().items():
                f.write("%s %s\n" % (key, "x".join(str(d) for d in value.shape)))
        if name in export:
            if name in SMALL_MODEL:
                with torch.no_grad():
                    model = SMALL_MODEL[name]().eval()
            generator = torch.Generator().manual_seed(17)
            # Parameters PyTorch initialises to a constant (biases and norm shifts at zero, norm
            # scales at one, ViT's head and class token at zero) get noise, so that each one
            # loaded under a wrong name or not at all changes the output.
            with torch.no_grad():
                for p in model.parameters():
                    if p.numel() > 0 and bool((p == p.flatten()[0]).all()):
                        p.add_(0.1 * torch.randn(p.shape, generator=generator))
            # Non-trivial statistics, so that loading the buffers is tested too.
            for m in model.modules():
                if isinstance(m, torch.nn.modules.batchnorm._BatchNorm):  # BatchNorm1d, 2d and 3d
                    m.running_mean.uniform_(-0.5, 0.5, generator=generator)
                    m.running_var.uniform_(0.5, 1.5, generator=generator)
                if isinstance(m, tr.torchvision.ops.misc.FrozenBatchNorm2d):  # its four buffers
                    m.weight.uniform_(0.5, 1.5, generator=generator)
                    m.bias.uniform_(-0.5, 0.5, generator=generator)
                    m.running_mean.uniform_(-0.5, 0.5, generator=generator)
                    m.running_var.uniform_(0.5, 1.5, generator=generator)
            x = torch.randn(1, *sizes, generator=generator)
            with torch.no_grad():
                y = model(x)
            try:
                scripted = torch.jit.script(model)
            except Exception:  # noqa: BLE001  (a model TorchScript cannot compile: traced instead)
                scripted = torch.jit.trace(model, x, strict=False)
            scripted.save(os.path.join(args.out, name + ".pt"))
            torch.jit.script(Holder(x, outputs(name, y))).save(os.path.join(args.out, name + "_io.pt"))
        del model
        print("torch_bridge_reference: %s" % name, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(ARGS))
