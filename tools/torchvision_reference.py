#!/usr/bin/env python3
"""Measures the models of netshape's zoo in PyTorch and writes the figures the zoo is tested against.

Run with the Python that has torch and torchvision (on Debian: /usr/bin/python3 with python3-torch and
python3-torchvision). No weights are downloaded: every model is built with weights=None.

    /usr/bin/python3 tools/torchvision_reference.py [--out DIR]   (default: tests/data)

Writes DIR/torchvision_reference.hpp (constexpr figures for the C++ tests) and
DIR/torchvision_reference.json (the same figures, for people and other tools).

Figures, for one image at the model's default input size (a video model: one clip of depth x
height x width, VIDEO_MODELS below), in eval() mode. The forward pass runs on
PyTorch's meta device (tensors with shapes and no data; parameters are counted before the move), so
that the segmentation models at 520x520 take a second, not minutes:
  params       number of elements of every learnable parameter
  buffers      number of elements of every buffer except batch norm's num_batches_tracked counter
               (that leaves running_mean and running_var)
  input        height, width, channels; a video model's depth (frames), height, width, channels
  output       the output tensor's shape as height x width x channels ((1, N) -> 1x1xN)
  macs         the multiply-accumulates of every matrix product of the forward pass, as
               tools/pytorch_macs.py measures them (docs/figures.md, "MACs"): PyTorch's profiler
               (torch.profiler.profile(with_flops=True)), the FLOPs of aten::conv2d, mm, addmm, bmm
               and baddbmm halved, plus forward hooks for the convolutions the profiler does not
               count (1-D, 3-D, transposed: the video models' Conv3d). For these models that is
               every Conv2d, Conv3d and Linear call:
                 conv:       output elements * (in_channels / groups) * kernel area
                             (Conv2d: out_h * out_w * out_channels * (in_channels / groups) * k_h * k_w;
                             Conv3d: the same with out_d and k_d, counted by the hooks)
                 linear:     (input elements / in_features) * in_features * out_features
               The profiler's FLOPs follow from shapes alone, so the meta device gives them;
               CHECK_ON_CPU below are measured on CPU tensors too, and the script fails if a
               figure differs; ONLY_ON_CPU (s3d, the MViTs: no meta kernel for max_pool3d) on CPU tensors alone.
  layers       for a few models, every leaf module call in order: (module name, output shape)
  outputs      for models with auxiliary classifiers (aux_logits=True): every output's shape, the
               auxiliary heads' in order, the main output last. torchvision runs its aux heads in
               train() mode only; here the model stays in eval() (batch norm with running statistics, as
               everywhere else: train() mode's batch norm cannot take one image at 1x1) and each aux
               module is called, by a forward hook on the module it follows in torchvision's forward
               (AUX below), on that module's output: the tensor torchvision's forward gives it. The
               profiler sees its Conv2d and Linear calls, so macs includes the heads.
               For models that return several tensors (a dict: the segmentation models' {'out': ...},
               the feature pyramid's OrderedDict '0' ... '3', 'pool'): every returned tensor, in the
               order netshape's output_shapes lists them (OUTPUT_ORDER below: side outputs in the
               order they appear in the type, depth first, the main path's last); output is the
               last of them. output_names gives each one's key.

The segmentation models are built with weights=None, weights_backbone=None (torchvision's defaults
otherwise: 21 classes, aux_loss off); resnet50_fpn is torchvision's detection backbone
resnet_fpn_backbone(backbone_name='resnet50', weights=None, trainable_layers=5): FrozenBatchNorm2d
(its weight, bias, running_mean and running_var are buffers), the feature pyramid with its extra
max-pooled level.

Exit status: 0 written, 1 failure, 2 usage, 77 torch or torchvision missing (skipped).
"""
import argparse
import contextlib
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from netshape_script import ROOT, require  # noqa: E402
import pytorch_macs  # noqa: E402


def arguments(argv=None):
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", default=os.path.join(ROOT, "tests", "data"),
                    help="directory for torchvision_reference.{hpp,json} (default: tests/data)")
    return ap.parse_args(argv)


if __name__ == "__main__":
    ARGS = arguments()  # before torch is imported: --help and usage errors need neither package

torch, torchvision = require("torch", "torchvision")
nn, models = torch.nn, torchvision.models
segmentation = torchvision.models.segmentation
from torchvision.models.detection.backbone_utils import resnet_fpn_backbone  # noqa: E402


# Models that torchvision does not have, written out here in plain PyTorch.

class AlexNet2012(nn.Module):
    """AlexNet at 227x227 as Krizhevsky et al. 2012 describe it. towers=1, lrn=False is the single
    tower of netshape's seed (62,378,344 parameters). towers=2 is the paper's two-GPU model, written as
    groups=2 on conv2, conv4 and conv5 (the layers that only see their own tower's maps; conv3 and the
    dense layers cross between towers), with local response normalisation after conv1 and conv2."""

    def __init__(self, towers=1, lrn=False, num_classes=1000):
        super().__init__()
        norm = [nn.LocalResponseNorm(5)] if lrn else []
        self.features = nn.Sequential(
            nn.Conv2d(3, 96, 11, stride=4), nn.ReLU(inplace=True), *norm, nn.MaxPool2d(3, stride=2),
            nn.Conv2d(96, 256, 5, padding=2, groups=towers), nn.ReLU(inplace=True), *norm,
            nn.MaxPool2d(3, stride=2),
            nn.Conv2d(256, 384, 3, padding=1), nn.ReLU(inplace=True),
            nn.Conv2d(384, 384, 3, padding=1, groups=towers), nn.ReLU(inplace=True),
            nn.Conv2d(384, 256, 3, padding=1, groups=towers), nn.ReLU(inplace=True),
            nn.MaxPool2d(3, stride=2),
        )
        self.classifier = nn.Sequential(
            nn.Dropout(), nn.Linear(256 * 6 * 6, 4096), nn.ReLU(inplace=True),
            nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(inplace=True),
            nn.Linear(4096, num_classes),
        )

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


class LeNet5(nn.Module):
    """LeNet-5 (LeCun et al. 1998) on 32x32 grey images, with every C3 map seeing all S2 maps (as
    modern reimplementations do) and average pooling for the subsampling layers."""

    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 6, 5), nn.Tanh(), nn.AvgPool2d(2),
            nn.Conv2d(6, 16, 5), nn.Tanh(), nn.AvgPool2d(2),
            nn.Conv2d(16, 120, 5), nn.Tanh(),
        )
        self.classifier = nn.Sequential(nn.Linear(120, 84), nn.Tanh(), nn.Linear(84, num_classes))

    def forward(self, x):
        return self.classifier(torch.flatten(self.features(x), 1))


# (zoo name, constructor, input height, width, channels, per-layer shapes recorded)
MODELS = [
    ("alexnet", AlexNet2012, 227, 227, 3, False),
    ("alexnet_grouped", lambda: AlexNet2012(towers=2, lrn=True), 227, 227, 3, False),
    ("alexnet_owt", lambda: models.alexnet(weights=None), 224, 224, 3, False),
    ("lenet5", LeNet5, 32, 32, 1, False),
    ("vgg11", lambda: models.vgg11(weights=None), 224, 224, 3, False),
    ("vgg13", lambda: models.vgg13(weights=None), 224, 224, 3, False),
    ("vgg16", lambda: models.vgg16(weights=None), 224, 224, 3, False),
    ("vgg19", lambda: models.vgg19(weights=None), 224, 224, 3, False),
    ("vgg16_bn", lambda: models.vgg16_bn(weights=None), 224, 224, 3, False),
    ("vgg19_bn", lambda: models.vgg19_bn(weights=None), 224, 224, 3, False),
    ("resnet18", lambda: models.resnet18(weights=None), 224, 224, 3, False),
    ("resnet34", lambda: models.resnet34(weights=None), 224, 224, 3, False),
    ("resnet50", lambda: models.resnet50(weights=None), 224, 224, 3, True),
    ("resnet101", lambda: models.resnet101(weights=None), 224, 224, 3, False),
    ("resnet152", lambda: models.resnet152(weights=None), 224, 224, 3, False),
    ("resnext50_32x4d", lambda: models.resnext50_32x4d(weights=None), 224, 224, 3, False),
    ("wide_resnet50_2", lambda: models.wide_resnet50_2(weights=None), 224, 224, 3, False),
    ("googlenet", lambda: models.googlenet(weights=None, aux_logits=False, init_weights=False), 224, 224, 3, True),
    ("inception_v3", lambda: models.inception_v3(weights=None, aux_logits=False, init_weights=False), 299, 299, 3,
     False),
    ("squeezenet1_0", lambda: models.squeezenet1_0(weights=None), 224, 224, 3, False),
    ("squeezenet1_1", lambda: models.squeezenet1_1(weights=None), 224, 224, 3, False),
    ("densenet121", lambda: models.densenet121(weights=None), 224, 224, 3, True),
    ("densenet169", lambda: models.densenet169(weights=None), 224, 224, 3, False),
    ("densenet201", lambda: models.densenet201(weights=None), 224, 224, 3, False),
    ("mobilenet_v2", lambda: models.mobilenet_v2(weights=None), 224, 224, 3, True),
    ("mobilenet_v3_large", lambda: models.mobilenet_v3_large(weights=None), 224, 224, 3, False),
    ("shufflenet_v2_x1_0", lambda: models.shufflenet_v2_x1_0(weights=None), 224, 224, 3, False),
    ("efficientnet_b0", lambda: models.efficientnet_b0(weights=None), 224, 224, 3, False),
    ("convnext_tiny", lambda: models.convnext_tiny(weights=None), 224, 224, 3, False),
    ("googlenet_aux", lambda: models.googlenet(weights=None, aux_logits=True, init_weights=False), 224, 224, 3,
     False),
    ("inception_v3_aux", lambda: models.inception_v3(weights=None, aux_logits=True, init_weights=False), 299, 299,
     3, False),
    ("fcn_resnet50", lambda: segmentation.fcn_resnet50(weights=None, weights_backbone=None), 520, 520, 3, True),
    ("fcn_resnet101", lambda: segmentation.fcn_resnet101(weights=None, weights_backbone=None), 520, 520, 3, False),
    ("deeplabv3_resnet50", lambda: segmentation.deeplabv3_resnet50(weights=None, weights_backbone=None), 520, 520, 3,
     True),
    ("deeplabv3_resnet101", lambda: segmentation.deeplabv3_resnet101(weights=None, weights_backbone=None), 520, 520,
     3, False),
    ("deeplabv3_mobilenet_v3_large",
     lambda: segmentation.deeplabv3_mobilenet_v3_large(weights=None, weights_backbone=None), 520, 520, 3, False),
    ("lraspp_mobilenet_v3_large", lambda: segmentation.lraspp_mobilenet_v3_large(weights=None, weights_backbone=None),
     520, 520, 3, True),
    ("resnet50_fpn", lambda: resnet_fpn_backbone(backbone_name="resnet50", weights=None, trainable_layers=5), 800, 800,
     3, True),
    # The same at sizes that no stride divides: the upsampling to the input's size and the sizes the
    # skip connections meet at (FPN's nearest resize of 26x19 to 51x38 ...) are exact, not doubled.
    ("fcn_resnet50_321x479", lambda: segmentation.fcn_resnet50(weights=None, weights_backbone=None), 321, 479, 3,
     False),
    ("deeplabv3_mobilenet_v3_large_333x251",
     lambda: segmentation.deeplabv3_mobilenet_v3_large(weights=None, weights_backbone=None), 333, 251, 3, False),
    ("lraspp_mobilenet_v3_large_333x251",
     lambda: segmentation.lraspp_mobilenet_v3_large(weights=None, weights_backbone=None), 333, 251, 3, False),
    ("resnet50_fpn_801x597", lambda: resnet_fpn_backbone(backbone_name="resnet50", weights=None, trainable_layers=5),
     801, 597, 3, False),
    # The pyramid on basic blocks (its lateral convolutions take 64 ... 512 channels).
    ("resnet18_fpn", lambda: resnet_fpn_backbone(backbone_name="resnet18", weights=None, trainable_layers=5), 800, 800,
     3, False),
]

# torchvision 0.14's classification models added to the zoo in one go (issue: the zoo equals torchvision's
# whole classification catalogue): (name, input size: the crop size of the model's IMAGENET1K_V1 weights'
# transforms where it is not 224, per-layer shapes recorded). Each is measured at that size with 1000
# classes and again at 160x192 with 10 classes ("<name>_160x192"): a size no stride divides evenly along
# both axes, and another classifier.
CATALOGUE = [
    ("convnext_small", 224, False), ("convnext_base", 224, False), ("convnext_large", 224, False),
    ("densenet161", 224, False),
    ("efficientnet_b1", 240, False), ("efficientnet_b2", 288, False), ("efficientnet_b3", 300, False),
    ("efficientnet_b4", 380, False), ("efficientnet_b5", 456, False), ("efficientnet_b6", 528, False),
    ("efficientnet_b7", 600, False),
    ("efficientnet_v2_s", 384, True), ("efficientnet_v2_m", 480, False), ("efficientnet_v2_l", 480, False),
    ("mnasnet0_5", 224, True), ("mnasnet0_75", 224, False), ("mnasnet1_0", 224, False), ("mnasnet1_3", 224, False),
    ("mobilenet_v3_small", 224, True),
    ("regnet_x_400mf", 224, False), ("regnet_x_800mf", 224, False), ("regnet_x_1_6gf", 224, False),
    ("regnet_x_3_2gf", 224, False), ("regnet_x_8gf", 224, False), ("regnet_x_16gf", 224, False),
    ("regnet_x_32gf", 224, False),
    ("regnet_y_400mf", 224, True), ("regnet_y_800mf", 224, False), ("regnet_y_1_6gf", 224, False),
    ("regnet_y_3_2gf", 224, False), ("regnet_y_8gf", 224, False), ("regnet_y_16gf", 224, False),
    ("regnet_y_32gf", 224, False), ("regnet_y_128gf", 224, False),
    ("resnext101_32x8d", 224, False), ("resnext101_64x4d", 224, False), ("wide_resnet101_2", 224, False),
    ("shufflenet_v2_x0_5", 224, False), ("shufflenet_v2_x1_5", 224, False), ("shufflenet_v2_x2_0", 224, False),
    ("vgg11_bn", 224, False), ("vgg13_bn", 224, False),
]
SECOND_SIZE = (160, 192, 10)


def catalogue_models():
    """CATALOGUE as MODELS rows: each model at its size, then at SECOND_SIZE."""
    rows = []
    h2, w2, classes = SECOND_SIZE
    for name, size, per_layer in CATALOGUE:
        rows.append((name, lambda n=name: getattr(models, n)(weights=None), size, size, 3, per_layer))
        rows.append((f"{name}_{h2}x{w2}", lambda n=name: getattr(models, n)(weights=None, num_classes=classes), h2, w2,
                     3, False))
    return rows


MODELS += catalogue_models()


def mvit_clip(builder, depth, height, width, **kwargs):
    """torchvision's MViT builder (mvit_v1_b, mvit_v2_s: its block settings, weights=None) for clips of
    depth x height x width: the builders pass spatial_size=(224, 224) and temporal_size=16 to
    torchvision.models.video.mvit._mvit themselves, so these are replaced on that call."""
    module = models.video.mvit
    build = module._mvit

    def sized(**arguments):
        arguments.update(spatial_size=(height, width), temporal_size=depth)
        return build(**arguments)

    module._mvit = sized
    try:
        return builder(weights=None, **kwargs)
    finally:
        module._mvit = build


# Video models: (zoo name, constructor, clip depth, height, width, channels, per-layer shapes recorded).
# Their input is a clip (1, C, D, H, W); the header gives it as depth, height, width, channels.
VIDEO_MODELS = [
    ("r3d_18", lambda: models.video.r3d_18(weights=None), 16, 112, 112, 3, False),
    ("mc3_18", lambda: models.video.mc3_18(weights=None), 16, 112, 112, 3, False),
    ("r2plus1d_18", lambda: models.video.r2plus1d_18(weights=None), 16, 112, 112, 3, True),
    # At a size no stride divides, shorter than 16 frames.
    ("r2plus1d_18_7x97x75", lambda: models.video.r2plus1d_18(weights=None), 7, 97, 75, 3, False),
    ("s3d", lambda: models.video.s3d(weights=None), 16, 224, 224, 3, True),
    ("mvit_v2_s", lambda: models.video.mvit_v2_s(weights=None), 16, 224, 224, 3, False),
    ("mvit_v1_b", lambda: models.video.mvit_v1_b(weights=None), 16, 224, 224, 3, False),
    # MViT on 8 frames of 160x192 (a grid of 4x40x48, not square), 10 classes.
    ("mvit_v2_s_8x160x192", lambda: mvit_clip(models.video.mvit_v2_s, 8, 160, 192, num_classes=10), 8, 160, 192, 3,
     False),
    ("mvit_v1_b_8x160x192", lambda: mvit_clip(models.video.mvit_v1_b, 8, 160, 192, num_classes=10), 8, 160, 192, 3,
     False),
]

# Models with auxiliary classifiers: (module whose output the head takes, head module), in the order of
# torchvision's forward (GoogLeNet.forward: aux1 after inception4a, aux2 after inception4d;
# Inception3.forward: AuxLogits after Mixed_6e).
AUX = {
    "googlenet_aux": [("inception4a", "aux1"), ("inception4d", "aux2")],
    "inception_v3_aux": [("Mixed_6e", "AuxLogits")],
}

# Models returning several tensors: the keys of the dict they return, in netshape's order (output_shapes:
# side outputs depth first, the main path's last). The feature pyramid's top-down path nests each level
# inside the finer one's skip connection, so its levels come coarsest first: '3', then 'pool' (the
# max-pooled '3', a side output inside the head of '3'), then '2', '1' and '0', the main path. A model
# returning a dict and missing here has its keys in the dict's order.
OUTPUT_ORDER = {
    "resnet50_fpn": ["3", "pool", "2", "1", "0"],
}
OUTPUT_ORDER["resnet50_fpn_801x597"] = OUTPUT_ORDER["resnet18_fpn"] = OUTPUT_ORDER["resnet50_fpn"]

# Measured on CPU tensors as well as on meta; the script fails unless every figure agrees. One model of
# each way into the profiler's counted ops: Linear on channels-last maps (ConvNeXt: aten::mm, which on
# meta comes with a separate aten::add of the bias), auxiliary heads called from hooks, dilated and
# grouped convolutions at sizes no stride divides, Linear on a batch of vectors (aten::addmm).
# Measured on CPU tensors only: torch 1.13 has no meta kernel for max_pool3d (s3d's pools, MViT's pool_skip).
ONLY_ON_CPU = {"s3d", "mvit_v2_s", "mvit_v1_b", "mvit_v2_s_8x160x192", "mvit_v1_b_8x160x192"}
CHECK_ON_CPU = ["convnext_tiny", "googlenet_aux", "lraspp_mobilenet_v3_large_333x251", "alexnet_grouped", "mc3_18",
                "regnet_y_400mf_160x192", "efficientnet_v2_s_160x192"]
assert set(CHECK_ON_CPU) <= {m[0] for m in MODELS + VIDEO_MODELS}


def hwc(t):
    """A batch-of-one tensor's shape as [height, width, channels] (a clip's as [depth, height, width,
    channels])."""
    s = list(t.shape)[1:]
    if len(s) == 1:
        return [1, 1, s[0]]
    if len(s) == 3:
        return [s[1], s[2], s[0]]
    if len(s) == 4:
        return [s[1], s[2], s[3], s[0]]
    raise ValueError(f"unexpected output shape {list(t.shape)}")


@contextlib.contextmanager
def without_initialization():
    """torch.nn.init's functions (kaiming_normal_, trunc_normal_, ...) as no-ops while models are built:
    no figure here depends on a weight's value, and drawing the values of the largest models' weights
    took most of the script's time (convnext_large: 18 s of one core, regnet_y_128gf: 10 s). Their
    weights keep whatever torch.empty left in them."""
    names = [n for n in dir(nn.init) if n.endswith("_") and not n.startswith("_")]
    saved = {n: getattr(nn.init, n) for n in names}
    for n in names:
        setattr(nn.init, n, lambda tensor, *args, **kwargs: tensor)
    try:
        yield
    finally:
        for n, f in saved.items():
            setattr(nn.init, n, f)


def measure(build, height, width, channels, per_layer, aux=(), order=None, device="meta", depth=None):
    """The figures of one model on one image (height, width, channels), or with a depth on one clip."""
    torch.manual_seed(0)
    with without_initialization():
        model = build().eval()
    params = sum(p.numel() for p in model.parameters())
    buffers = sum(b.numel() for name, b in model.named_buffers() if not name.endswith("num_batches_tracked"))
    layers = []
    handles = []

    def record(name):
        def hook(module, inputs, output):
            if isinstance(output, torch.Tensor):  # not FPN's extra_blocks, which returns its lists
                layers.append([name] + hwc(output))
        return hook

    side = []

    def head(module):
        def hook(_, inputs, output):
            side.append(hwc(module(output)))
        return hook

    for parent, name in aux:
        handles.append(model.get_submodule(parent).register_forward_hook(head(model.get_submodule(name))))
    for name, module in model.named_modules():
        if per_layer and name and not list(module.children()):
            handles.append(module.register_forward_hook(record(name)))
    model.to(device)  # on meta every figure here follows from shapes: no arithmetic needed, only its shapes
    clip = () if depth is None else (depth,)
    image = torch.zeros((1, channels) + clip + (height, width), device=device)
    output, macs = pytorch_macs.measure(model, lambda: model(image))
    for h in handles:
        h.remove()
    names = None
    if isinstance(output, dict):
        names = list(order or output.keys())
        if sorted(names) != sorted(output.keys()):
            raise ValueError(f"OUTPUT_ORDER {names} is not the model's outputs {list(output.keys())}")
        side = [hwc(output[k]) for k in names[:-1]]
        output = output[names[-1]]
    figures = {"input": list(clip) + [height, width, channels], "params": params, "buffers": buffers,
               "output": hwc(output), "macs": macs}
    if per_layer:
        figures["layers"] = layers
    if aux or names:
        figures["outputs"] = side + [figures["output"]]
    if names:
        figures["output_names"] = names
    return figures


def header(results):
    tv, th = torchvision.__version__, torch.__version__
    out = [
        "// tests/data/torchvision_reference.hpp: GENERATED by tools/torchvision_reference.py; do not edit.",
        f"// Measured with torch {th} and torchvision {tv} (weights=None, eval(), one image).",
        "// params: learnable elements; buffers: without num_batches_tracked; macs: every matrix product",
        "// (PyTorch's profiler, tools/pytorch_macs.py); shapes are height, width, channels.",
        "#pragma once",
        "",
        "#include <cstdint>",
        "",
        "namespace netshape_reference {",
        "",
        f'inline constexpr const char torch_version[] = "{th}";',
        f'inline constexpr const char torchvision_version[] = "{tv}";',
        "",
        "struct hwc {",
        "    std::int64_t height, width, channels;",
        "};",
        "",
        "struct model {",
        "    const char* name;",
        "    hwc input;",
        "    std::int64_t params, buffers;",
        "    hwc output;",
        "    std::int64_t macs;",
        "};",
        "",
        "/// A video model: its input a clip, depth (frames), height, width, channels.",
        "struct clip {",
        "    std::int64_t depth, height, width, channels;",
        "};",
        "",
        "struct video_model {",
        "    const char* name;",
        "    clip input;",
        "    std::int64_t params, buffers;",
        "    hwc output;",
        "    std::int64_t macs;",
        "};",
        "",
        "/// One leaf module call, in the order of the forward pass.",
        "struct layer {",
        "    const char* name;",
        "    hwc output;",
        "};",
        "",
        "/// A video model's leaf module call: a clip, or (depth 0) a tensor of another rank as height,",
        "/// width, channels (the classifier's 1x1xN).",
        "struct video_layer {",
        "    const char* name;",
        "    clip output;",
        "};",
        "",
    ]

    def shape(s):
        return "{" + ", ".join(str(v) for v in s) + "}"

    for name, f in results.items():
        kind = "video_model" if len(f["input"]) == 4 else "model"
        out.append(f'inline constexpr {kind} {name}{{"{name}", {shape(f["input"])}, {f["params"]}, '
                   f'{f["buffers"]}, {shape(f["output"])}, {f["macs"]}}};')
    out.append("")
    for name, f in results.items():
        if "outputs" not in f:
            continue
        if "output_names" in f:
            keys = ", ".join(f"'{k}'" for k in f["output_names"])
            out.append(f"/// {name}'s outputs: the tensors it returns ({keys}), the main path's last.")
        else:
            out.append(f"/// {name}'s outputs: the auxiliary heads' in order, the main output last.")
        out.append(f"inline constexpr hwc {name}_outputs[] = {{{', '.join(shape(o) for o in f['outputs'])}}};")
        out.append("")
    for name, f in results.items():
        if "layers" not in f:
            continue
        video = len(f["input"]) == 4
        out.append(f"inline constexpr {'video_layer' if video else 'layer'} {name}_layers[] = {{")
        for row in f["layers"]:
            dims = row[1:] if not video or len(row) == 5 else [0] + row[1:]
            out.append(f'    {{"{row[0]}", {shape(dims)}}},')
        out.append("};")
        out.append("")
    out.append("}  // namespace netshape_reference")
    return "\n".join(out) + "\n"


def main(args):
    target = args.out
    os.makedirs(target, exist_ok=True)
    torch.set_num_threads(1)
    results = {}
    for name, build, d, h, w, c, per_layer in [m[:2] + (None,) + m[2:] for m in MODELS] + VIDEO_MODELS:
        results[name] = measure(build, h, w, c, per_layer, AUX.get(name, ()), OUTPUT_ORDER.get(name), depth=d,
                                device="cpu" if name in ONLY_ON_CPU else "meta")
        if name in CHECK_ON_CPU:
            real = measure(build, h, w, c, per_layer, AUX.get(name, ()), OUTPUT_ORDER.get(name), device="cpu", depth=d)
            if real != results[name]:
                print(f"{name} on meta {results[name]}, on cpu {real}", file=sys.stderr)
                return 1
    with open(os.path.join(target, "torchvision_reference.hpp"), "w") as f:
        f.write(header(results))
    document = {"torch": torch.__version__, "torchvision": torchvision.__version__, "models": results}
    with open(os.path.join(target, "torchvision_reference.json"), "w") as f:
        json.dump(document, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    sys.exit(main(ARGS))
