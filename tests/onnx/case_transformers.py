"""Sequences of tokens and nn.MultiheadAttention as torch 1.13 exports them (torchvision's ViT, opset
13), written node by node with onnx.helper at sizes no torchvision model has: the image's tokens
(Reshape to [N, C, H·W], Transpose(0, 2, 1)), a class token (Concat of a learned [1, 1, C] before
them), a position embedding (Add of a learned [1, L, C]), layer norm over the channels, the
attention (the packed Q, K, V projection, Slices, the heads' Reshapes and Transposes, Q·Kᵀ scaled,
Softmax, the product with V, the output projection and the Transposes back), a token taken out
(Gather), and the changes to that pattern the tool must refuse, each naming the node. Figures by
hand from docs/layers.md's formulas: multi_head_attention<H> on L tokens of C: 4·C² + 4·C
parameters, 4·L·C² + 2·L²·C MACs."""
import math
import os
import sys

import numpy as np
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from common import Graph  # noqa: E402


def scalar(g, value, name):
    return g.op("Constant", [], name, value=numpy_helper.from_array(np.array(value, np.float32), name))


def tokens(g, c, h, w, patch):
    """conv patch → Reshape [1, C, L] → Transpose(0, 2, 1): [1, L, C]."""
    y = g.conv("x", 3, c, patch, "patch", strides=[patch, patch])
    y = g.op("Reshape", [y, g.ints([1, c, (h // patch) * (w // patch)])], "tokens")
    return g.op("Transpose", [y], "to_sequence", perm=[0, 2, 1])


def attention(g, x, length, c, heads, name, bias=True, scale=None, mask=False, k_perm=(1, 2, 0), dropout=False):
    """nn.MultiheadAttention(c, heads, bias=bias, batch_first=True)(x, x, x) as torch 1.13 writes it."""
    hd = c // heads
    y = g.op("Transpose", [x], name + "/in", perm=[1, 0, 2])                       # [L, 1, C]
    y = g.op("MatMul", [y, g.tensor([c, 3 * c])], name + "/qkv")                   # [L, 1, 3C]
    if bias:
        y = g.op("Add", [g.tensor([3 * c]), y], name + "/qkv_bias")
    q, k, v = (g.op("Slice", [y, g.ints([i * c]), g.ints([(i + 1) * c]), g.ints([-1])], f"{name}/slice{i}")
               for i in range(3))
    q, k, v = (g.op("Reshape", [t, g.ints([length, heads, hd])], f"{name}/heads{i}") for i, t in enumerate((q, k, v)))
    q = g.op("Transpose", [q], name + "/q_t", perm=[1, 0, 2])
    q = g.op("Div", [q, scalar(g, math.sqrt(hd) if scale is None else scale, name + "/sqrt")], name + "/scale")
    k = g.op("Transpose", [k], name + "/k_t", perm=list(k_perm))
    v = g.op("Transpose", [v], name + "/v_t", perm=[1, 0, 2])
    s = g.op("MatMul", [q, k], name + "/scores")                                  # [H, L, L]
    if mask:
        s = g.op("Add", [s, g.tensor([length, length])], name + "/mask")
    a = g.op("Softmax", [s], name + "/softmax", axis=-1)
    if dropout:
        a = g.op("Dropout", [a], name + "/dropout")
    y = g.op("MatMul", [a, v], name + "/av")                                       # [H, L, hd]
    y = g.op("Transpose", [y], name + "/o_t", perm=[1, 0, 2])
    y = g.op("Reshape", [y, g.ints([length, c])], name + "/merge")
    ins = [y, g.tensor([c, c])] + ([g.tensor([c])] if bias else [])
    y = g.op("Gemm", ins, name + "/out", transB=1)
    y = g.op("Reshape", [y, g.ints([length, 1, c])], name + "/unmerge")
    return g.op("Transpose", [y], name + "/back", perm=[1, 0, 2])


def layer_norm(g, x, c, name):
    """PyTorch's layer norm over the last axis at opset 13."""
    m = g.op("ReduceMean", [x], name + "/mean", axes=[-1])
    d = g.op("Sub", [x, m], name + "/sub")
    p = g.op("Pow", [d, scalar(g, 2.0, name + "/two")], name + "/pow")
    v = g.op("ReduceMean", [p], name + "/var", axes=[-1])
    e = g.op("Add", [v, scalar(g, 1e-6, name + "/eps")], name + "/add")
    r = g.op("Sqrt", [e], name + "/sqrt")
    y = g.op("Div", [d, r], name + "/div")
    y = g.op("Mul", [y, g.tensor([c])], name + "/scale")
    return g.op("Add", [y, g.tensor([c])], name + "/shift")


def vit(c=12, heads=3, size=(20, 15), patch=5, classes=7, index=0, **kw):
    """patch conv, tokens, class token, position embedding, one pre-norm attention block with its
    residual, the final layer norm, token `index`, the classifier."""
    g = Graph(3, *size)
    length = (size[0] // patch) * (size[1] // patch) + 1
    y = tokens(g, c, size[0], size[1], patch)
    y = g.op("Concat", [g.tensor([1, 1, c]), y], "class_token", axis=1)
    y = g.op("Add", [y, g.tensor([1, length, c])], "pos_embedding")
    a = attention(g, layer_norm(g, y, c, "ln_1"), length, c, heads, "attn", **kw)
    y = g.op("Add", [a, y], "residual")
    y = layer_norm(g, y, c, "ln")
    y = g.op("Gather", [y, g.ints(index)], "select", axis=1)
    y = g.op("Gemm", [y, g.tensor([classes, c]), g.tensor([classes])], "head", transB=1)
    return g.model(y), length


def cases():
    c, heads, patch, classes = 12, 3, 5, 7
    model, length = vit()
    tokens_params = 3 * c * patch * patch + c
    macs = (length - 1) * 3 * c * patch * patch + 4 * length * c * c + 2 * length * length * c + c * classes
    yield {"name": "vit_block", "model": model,
           "contains": ['"tokens", ns::to_tokens>', '"class_token", ns::class_token>',
                        '"pos_embedding", ns::position_embedding>', '"attn/qkv", ns::multi_head_attention<3>>',
                        '"ln_1/mean", ns::layer_norm>', '"select", ns::select_token<0>>', '"head", ns::dense<7>>',
                        "ns::shape::sequence(13, 12)", "ns::shape::vector(7)"],
           "figures": {"params": tokens_params + c + length * c + 2 * c + 4 * c * c + 4 * c + 2 * c + c * classes
                       + classes, "buffers": 0, "macs": macs, "output": (classes,)}}
    model, _ = vit(bias=False, index=-1, dropout=True)  # no biases, the attention's dropout, the last token
    yield {"name": "vit_block_no_bias", "model": model,
           "contains": ['ns::multi_head_attention<3, ns::no_bias>>', "ns::select_token<-1>>"],
           "figures": {"params": tokens_params + c + length * c + 2 * c + 4 * c * c + 2 * c + c * classes + classes,
                       "macs": macs, "output": (classes,)}}
    model, _ = vit(c=8, heads=8, size=(10, 10), patch=2)  # a head per channel, 26 tokens
    yield {"name": "vit_block_heads", "model": model, "contains": ["ns::multi_head_attention<8>>"],
           "figures": {"output": (classes,)}}

    # What the tool must refuse, naming the node where the pattern breaks.
    yield {"name": "attention_mask", "model": vit(mask=True)[0],
           "error": "node 'attn/mask' (Add): not the softmax of the scores over their last axis"}
    yield {"name": "attention_scale", "model": vit(scale=1.0)[0],
           "error": "node 'attn/scores' (MatMul): not the product of Q scaled by 1/√4 and Kᵀ"}
    # K not transposed (Q·K, not Q·Kᵀ): on 4 tokens of 4 channels per head the shapes still agree.
    yield {"name": "attention_key_order", "model": vit(size=(15, 5), k_perm=(1, 0, 2))[0],
           "error": "node 'attn/scores' (MatMul): its operand is the heads' tensor in the order [1, 0, 2], not [1, 2, 0]"}

    g = Graph(3, 20, 20)
    y = tokens(g, c, 20, 20, patch)
    y = g.op("Concat", [y, g.tensor([1, 1, c])], "last_token", axis=1)
    yield {"name": "class_token_last", "model": g.model(y),
           "error": "node 'last_token' (Concat): Concat of a constant and a sequence of 16×12"}
    g = Graph(3, 20, 20)
    y = tokens(g, c, 20, 20, patch)
    y = g.op("Add", [y, g.tensor([1, 1, c])], "shift")
    yield {"name": "position_embedding_broadcast", "model": g.model(y),
           "error": "node 'shift' (Add): Add of a constant to a sequence of 16×12"}
    g = Graph(3, 20, 20)
    y = tokens(g, c, 20, 20, patch)
    y = g.op("Gather", [y, g.ints([0, 1])], "two", axis=1)
    yield {"name": "select_two_tokens", "model": g.model(y), "error": "node 'two' (Gather): Gather from a sequence"}
    g = Graph(3, 20, 20)
    y = tokens(g, c, 20, 20, patch)
    y = g.op("Softmax", [y], "softmax", axis=-1)
    yield {"name": "softmax_of_tokens", "model": g.model(y), "error": "node 'softmax' (Softmax)"}

    # The tokens alone: the sequence is the output.
    g = Graph(3, 32, 32)
    y = tokens(g, 8, 32, 32, 16)
    yield {"name": "vit_tokens", "model": g.model(y), "contains": ['"tokens", ns::to_tokens>'],
           "figures": {"params": 3 * 8 * 16 * 16 + 8, "macs": 4 * 8 * 3 * 16 * 16, "output": (4, 8)}}
    # Tokens without the Transpose: [1, C, L] is no netshape tensor.
    g = Graph(3, 32, 32)
    y = g.conv("x", 3, 8, 16, "patch", strides=[16, 16])
    y = g.op("Reshape", [y, g.ints([1, 8, 4])], "tokens")
    y = g.op("Relu", [y], "relu")
    yield {"name": "tokens_channels_first", "model": g.model(y),
           "error": "node 'tokens' (Reshape): Reshape [1, 8, 2, 2] -> [1, 8, 4] is neither a flatten"}
