#!/usr/bin/env python3
"""What tests/bridges/test_torch.cpp compares netshape::torch::module<Net> with, written by PyTorch.

For every zoo model (torchvision's constructors, and tools/torchvision_reference.py's for the models
torchvision does not have): OUT/<model>.keys, its state_dict, one "name d0xd1x..." line per tensor,
in state_dict order. For the models given to --export (default resnet18 and mobilenet_v3_large):
OUT/<model>.pt, the model in eval mode compiled with torch.jit.script, and OUT/<model>_io.pt, a
scripted module whose buffers x and y are a random input (seeded) and the model's output on it.

Nothing here is committed: the C++ test runs on what this script writes into the build tree, the
same run, so there is no reference data to go stale.

Usage: /usr/bin/python3 tools/torch_bridge_reference.py --out DIR [--export a,b] [--only a,b]
Exit status: 0 written, 2 usage, 77 torch or torchvision missing.
"""
import argparse
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
    """An input and the output PyTorch computed from it, as buffers a C++ program can read."""

    def __init__(self, x, y):
        super().__init__()
        self.register_buffer("x", x)
        self.register_buffer("y", y)


def constructors():
    """(zoo name, constructor, input height, width, channels) of every zoo model."""
    out = [(name, build, h, w, c) for name, build, h, w, c, _ in tr.MODELS]
    for name in ("vit_b_16", "vit_b_32", "vit_l_16", "vit_l_32", "vit_h_14"):
        out.append((name, lambda n=name: getattr(models, n)(weights=None), 224, 224, 3))
    return out


def main(args):
    os.makedirs(args.out, exist_ok=True)
    only = set(filter(None, args.only.split(",")))
    export = set(filter(None, args.export.split(",")))
    torch.manual_seed(0)
    for name, build, h, w, c in constructors():
        if only and name not in only and name not in export:
            continue
        with torch.no_grad():
            model = build().eval()
        with open(os.path.join(args.out, name + ".keys"), "w") as f:
            for key, value in model.state_dict().items():
                f.write("%s %s\n" % (key, "x".join(str(d) for d in value.shape)))
        if name in export:
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
                if isinstance(m, torch.nn.BatchNorm2d):
                    m.running_mean.uniform_(-0.5, 0.5, generator=generator)
                    m.running_var.uniform_(0.5, 1.5, generator=generator)
            x = torch.randn(1, c, h, w, generator=generator)
            with torch.no_grad():
                y = model(x)
            if isinstance(y, dict):  # torchvision's segmentation models: {"out": ...}
                y = y["out"]
            torch.jit.script(model).save(os.path.join(args.out, name + ".pt"))
            torch.jit.script(Holder(x, y)).save(os.path.join(args.out, name + "_io.pt"))
        del model
        print("torch_bridge_reference: %s" % name, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(ARGS))
