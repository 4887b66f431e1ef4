"""The seed CNN (../shared/reference/cnn.md), once as data and once per framework, so both compute one function.

The architecture is the tuple `LAYERS`; parameter and FLOP counts are computed from it (never
typed in), and the PyTorch and Keras builders read the same tuple. Importing this module needs
only the standard library: the parent uses the counts, the benchmark child the builders.

Canonical weights (for moving one set of weights between frameworks) use PyTorch's layouts:
conv kernels OIHW, dense kernels (out, in), and the first dense layer's inputs in the order
PyTorch's `torch.flatten` of an NCHW tensor gives (channel, row, column). Keras uses HWIO
kernels, (in, out) dense kernels and flattens NHWC as (row, column, channel).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

INPUT_HWC = (32, 32, 3)  # CIFAR-10 images
CLASSES = 10
DEFAULT_BATCH = 32  # the seed video: "32 was also the default value under the hood in tensorflow"


@dataclass(frozen=True)
class Layer:
    kind: str  # conv | pool | flatten | dense
    units: int = 0  # filters (conv) or outputs (dense)
    size: int = 0  # kernel (conv) or window (pool)
    relu: bool = False


LAYERS: tuple[Layer, ...] = (
    Layer("conv", 32, 3, relu=True),
    Layer("pool", size=2),
    Layer("conv", 64, 3, relu=True),
    Layer("pool", size=2),
    Layer("conv", 64, 3, relu=True),
    Layer("flatten"),
    Layer("dense", 64, relu=True),
    Layer("dense", CLASSES),  # logits
)


@dataclass(frozen=True)
class LayerCount:
    """One row of cnn.md's table: output shape (HWC), parameters, multiply-adds per image."""

    name: str
    out_hwc: tuple[int, ...]
    parameters: int
    macs: int


def layer_table(layers: tuple[Layer, ...] = LAYERS, input_hwc: tuple[int, int, int] = INPUT_HWC) -> tuple[LayerCount, ...]:
    """Shapes, parameters and multiply-adds of each layer (valid convolutions, stride 1; pools floor)."""
    h, w, c = input_hwc
    flat: int | None = None
    rows: list[LayerCount] = []
    for i, layer in enumerate(layers):
        if layer.kind == "conv":
            k = layer.size
            h, w = h - k + 1, w - k + 1
            fan_in = k * k * c
            rows.append(LayerCount(f"conv{i}", (h, w, layer.units), fan_in * layer.units + layer.units,
                                   h * w * layer.units * fan_in))
            c = layer.units
        elif layer.kind == "pool":
            h, w = h // layer.size, w // layer.size
            rows.append(LayerCount(f"pool{i}", (h, w, c), 0, 0))
        elif layer.kind == "flatten":
            flat = h * w * c
            rows.append(LayerCount(f"flatten{i}", (flat,), 0, 0))
        elif layer.kind == "dense":
            if flat is None:
                raise ValueError("a dense layer needs a flatten before it")
            rows.append(LayerCount(f"dense{i}", (layer.units,), flat * layer.units + layer.units,
                                   flat * layer.units))
            flat = layer.units
        else:
            raise ValueError(f"unknown layer kind {layer.kind!r}")
    return tuple(rows)


def parameter_count() -> int:
    return sum(r.parameters for r in layer_table())


def forward_macs() -> int:
    return sum(r.macs for r in layer_table())


def flops_per_image(mode: str) -> float:
    """FLOPs of the weighted layers per image (2 per multiply-add; bias, ReLU, pooling, loss and
    the optimizer are not counted).

    infer: the forward pass. train: forward, the weight gradients of every weighted layer (as many
    multiply-adds as its forward), and the input gradients of every weighted layer but the first
    (nothing asks for the gradient of the images, so autograd and tf.GradientTape skip it). cnn.md
    rounds this to "about 3x" the forward; the exact count is 2.83x.
    """
    table = [r for r in layer_table() if r.macs]
    fwd = sum(r.macs for r in table)
    if mode == "infer":
        return 2.0 * fwd
    if mode == "train":
        return 2.0 * (fwd + fwd + sum(r.macs for r in table[1:]))
    raise ValueError(f"unknown mode {mode!r}")


# --- PyTorch ---------------------------------------------------------------------------------


def build_torch(torch: Any) -> Any:
    """The net as `torch.nn.Sequential`, NCHW, from LAYERS (default PyTorch initialisation)."""
    nn = torch.nn
    mods: list[Any] = []
    c = INPUT_HWC[2]
    flat = None
    for r, layer in zip(layer_table(), LAYERS):
        if layer.kind == "conv":
            mods.append(nn.Conv2d(c, layer.units, layer.size))
            c = layer.units
        elif layer.kind == "pool":
            mods.append(nn.MaxPool2d(layer.size))
        elif layer.kind == "flatten":
            mods.append(nn.Flatten())
            flat = r.out_hwc[0]
        elif layer.kind == "dense":
            mods.append(nn.Linear(flat, layer.units))
            flat = layer.units
        if layer.relu:
            mods.append(nn.ReLU())
    return nn.Sequential(*mods)


def torch_weighted(model: Any) -> list[Any]:
    """The conv and dense modules of a `build_torch` model, in LAYERS order."""
    return [m for m in model if getattr(m, "weight", None) is not None]


def canonical_from_torch(model: Any) -> list[tuple[Any, Any]]:
    """(kernel, bias) per weighted layer as NumPy arrays in the canonical (PyTorch) layout."""
    return [(m.weight.detach().cpu().numpy().copy(), m.bias.detach().cpu().numpy().copy())
            for m in torch_weighted(model)]


def load_torch(torch: Any, model: Any, canonical: list[tuple[Any, Any]]) -> None:
    with torch.no_grad():
        for m, (k, b) in zip(torch_weighted(model), canonical, strict=True):
            m.weight.copy_(torch.as_tensor(k, dtype=m.weight.dtype))
            m.bias.copy_(torch.as_tensor(b, dtype=m.bias.dtype))


# --- TensorFlow / Keras -------------------------------------------------------------------------


def build_keras(keras: Any, dtype: str = "float32") -> Any:
    """The net as `keras.Sequential`, NHWC, from LAYERS (default Keras initialisation)."""
    L = keras.layers
    mods: list[Any] = [keras.Input(INPUT_HWC, dtype=dtype)]
    for layer in LAYERS:
        act = "relu" if layer.relu else None
        if layer.kind == "conv":
            mods.append(L.Conv2D(layer.units, layer.size, activation=act, dtype=dtype))
        elif layer.kind == "pool":
            mods.append(L.MaxPooling2D(layer.size, dtype=dtype))
        elif layer.kind == "flatten":
            mods.append(L.Flatten(dtype=dtype))
        elif layer.kind == "dense":
            mods.append(L.Dense(layer.units, activation=act, dtype=dtype))
    return keras.Sequential(mods)


def keras_from_canonical(canonical: list[tuple[Any, Any]]) -> list[Any]:
    """Canonical (PyTorch-layout) weights as the flat list `keras_model.set_weights` takes.

    conv OIHW -> HWIO; dense (out, in) -> (in, out); the first dense layer's rows go from
    PyTorch's flatten order (c, h, w) to Keras's (h, w, c).
    """
    import numpy as np

    out: list[Any] = []
    first_dense = True
    for k, b in canonical:
        k = np.asarray(k)
        if k.ndim == 4:
            out.append(np.transpose(k, (2, 3, 1, 0)))
        else:
            kt = np.transpose(k)  # (in, out)
            if first_dense:
                first_dense = False
                src = _shape_before_flatten()
                if src is not None:
                    h, w, c = src
                    # row i of kt is input (c, h, w) in PyTorch order; Keras wants (h, w, c).
                    kt = kt.reshape(c, h, w, -1).transpose(1, 2, 0, 3).reshape(h * w * c, -1)
            out.append(kt)
        out.append(np.asarray(b))
    return out


def canonical_from_keras(weights: list[Any]) -> list[tuple[Any, Any]]:
    """The inverse of keras_from_canonical (Keras `get_weights()` -> canonical)."""
    import numpy as np

    out: list[tuple[Any, Any]] = []
    first_dense = True
    for k, b in zip(weights[0::2], weights[1::2], strict=True):
        k = np.asarray(k)
        if k.ndim == 4:
            out.append((np.transpose(k, (3, 2, 0, 1)), np.asarray(b)))
            continue
        if first_dense:
            first_dense = False
            src = _shape_before_flatten()
            if src is not None:
                h, w, c = src
                k = k.reshape(h, w, c, -1).transpose(2, 0, 1, 3).reshape(h * w * c, -1)
        out.append((np.transpose(k), np.asarray(b)))
    return out


def _shape_before_flatten() -> tuple[int, int, int] | None:
    table = layer_table()
    for prev, r in zip(table, table[1:]):
        if r.name.startswith("flatten"):
            return prev.out_hwc  # type: ignore[return-value]
    return None
