"""The benchmark runs the right function: cnn.md's layer table, and the same logits in both frameworks."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from conftest import REPO, cli_env, needs_tf, needs_torch

from hwprobe.probes import cnn

# cnn.md's table: (output shape HWC, parameters, multiply-adds per image) of every layer.
CNN_MD = [
    ((30, 30, 32), 896, 777_600),
    ((15, 15, 32), 0, 0),
    ((13, 13, 64), 18_496, 3_115_008),
    ((6, 6, 64), 0, 0),
    ((4, 4, 64), 36_928, 589_824),
    ((1024,), 0, 0),
    ((64,), 65_600, 65_536),
    ((10,), 650, 640),
]
# Both frameworks compute float32; the reference is float64. Observed: ~1e-6.
CROSS_TOLERANCE = 1e-4


def test_the_layer_table_is_cnn_md_s_table():
    got = [(r.out_hwc, r.parameters, r.macs) for r in cnn.layer_table()]
    assert got == CNN_MD
    assert cnn.parameter_count() == 122_570
    assert cnn.forward_macs() == 4_548_608


def test_flops_per_image_are_twice_the_multiply_adds_and_training_skips_the_image_gradient():
    assert cnn.flops_per_image("infer") == 2 * 4_548_608  # cnn.md: about 9.10 MFLOP
    first_conv = 777_600
    assert cnn.flops_per_image("train") == 2 * (3 * 4_548_608 - first_conv)
    assert 2.8 < cnn.flops_per_image("train") / cnn.flops_per_image("infer") < 3.0  # cnn.md: "about 3x"
    with pytest.raises(ValueError):
        cnn.flops_per_image("predict")


def test_a_changed_architecture_changes_the_counts():
    wider = (cnn.Layer("conv", 16, 3, relu=True), cnn.Layer("flatten"), cnn.Layer("dense", 10))
    table = cnn.layer_table(wider)
    assert table[0].out_hwc == (30, 30, 16) and table[0].parameters == 3 * 3 * 3 * 16 + 16
    assert table[2].parameters == 30 * 30 * 16 * 10 + 10


# --- weights moved between layouts -----------------------------------------------------------------


def canonical_weights(seed: int = 0) -> list[tuple[np.ndarray, np.ndarray]]:
    """Random weights in PyTorch's layouts (OIHW, (out, in)), scaled so activations neither vanish nor explode."""
    rng = np.random.default_rng(seed)
    shapes = [((32, 3, 3, 3), 27), ((64, 32, 3, 3), 288), ((64, 64, 3, 3), 576), ((64, 1024), 1024), ((10, 64), 64)]
    out = []
    for shape, fan_in in shapes:
        bound = 2.0 / np.sqrt(fan_in)
        out.append((rng.uniform(-bound, bound, shape).astype(np.float32),
                    rng.uniform(-bound, bound, shape[0]).astype(np.float32)))
    return out


def numpy_logits(weights, x_nchw: np.ndarray, flatten: str = "chw") -> np.ndarray:
    """cnn.md's net written out by hand in float64 NumPy, independent of hwprobe's code."""
    from numpy.lib.stride_tricks import sliding_window_view

    a = x_nchw.astype(np.float64)

    def conv_relu(a, w, b):
        patches = sliding_window_view(a, (3, 3), axis=(2, 3))  # N, C, H', W', 3, 3
        return np.maximum(np.einsum("nchwij,ocij->nohw", patches, w.astype(np.float64)) + b[None, :, None, None], 0)

    def pool(a):
        n, c, h, w = a.shape
        return a[:, :, : h // 2 * 2, : w // 2 * 2].reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))

    (w1, b1), (w2, b2), (w3, b3), (w4, b4), (w5, b5) = weights
    a = pool(conv_relu(a, w1, b1))
    a = pool(conv_relu(a, w2, b2))
    a = conv_relu(a, w3, b3)
    flat = a.reshape(len(a), -1) if flatten == "chw" else a.transpose(0, 2, 3, 1).reshape(len(a), -1)
    h = np.maximum(flat @ w4.T.astype(np.float64) + b4, 0)
    return h @ w5.T.astype(np.float64) + b5


def rel_error(got, ref) -> float:
    got, ref = np.asarray(got, dtype=np.float64).ravel(), np.asarray(ref, dtype=np.float64).ravel()
    return float(np.max(np.abs(got - ref)) / np.max(np.abs(ref)))


def test_keras_layout_round_trips_to_the_canonical_layout():
    w = canonical_weights()
    k = cnn.keras_from_canonical(w)
    assert [a.shape for a in k[0::2]] == [(3, 3, 3, 32), (3, 3, 32, 64), (3, 3, 64, 64), (1024, 64), (64, 10)]
    back = cnn.canonical_from_keras(k)
    for (k0, b0), (k1, b1) in zip(w, back):
        assert np.array_equal(k0, k1) and np.array_equal(b0, b1)


def test_the_keras_flatten_order_computes_the_same_dense_layer():
    """Keras flattens NHWC as (h, w, c): its first dense kernel must be the canonical one with rows permuted."""
    rng = np.random.default_rng(1)
    act = rng.standard_normal((2, 64, 4, 4))  # NCHW activations before the flatten
    w = canonical_weights()
    dense_torch = act.reshape(2, -1) @ w[3][0].T
    dense_keras = act.transpose(0, 2, 3, 1).reshape(2, -1) @ cnn.keras_from_canonical(w)[6]
    assert np.allclose(dense_torch, dense_keras)


def test_the_cross_framework_tolerance_catches_a_wrong_flatten_order():
    """Without the permutation the logits are far off: the tolerance below tells a wrong function apart."""
    w = canonical_weights()
    x = np.random.default_rng(2).standard_normal((4, 3, 32, 32)).astype(np.float32)
    right = numpy_logits(w, x)
    wrong = numpy_logits(w, x, flatten="hwc")
    assert rel_error(wrong, right) > 100 * CROSS_TOLERANCE


def child_logits(framework: str, npz) -> list[float]:
    res = subprocess.run(
        [sys.executable, "-m", "hwprobe.probes.bench_child", "--framework", framework, "--logits", str(npz)],
        capture_output=True, text=True, timeout=300, env=cli_env(), cwd=REPO)
    report = json.loads(res.stdout.strip().splitlines()[-1])
    assert report["status"] == "ok" and not report["errors"], (report, res.stderr[-2000:])
    return report["logits"]


@needs_torch
@needs_tf
def test_torch_and_tensorflow_compute_the_same_logits_from_the_same_weights(tmp_path):
    w = canonical_weights()
    x = np.random.default_rng(3).standard_normal((8, 3, 32, 32)).astype(np.float32)
    npz = tmp_path / "weights.npz"
    np.savez(npz, x=x, **{f"w{i}": k for i, (k, _) in enumerate(w)}, **{f"b{i}": b for i, (_, b) in enumerate(w)})
    ref = numpy_logits(w, x)
    torch_logits = child_logits("torch", npz)
    tf_logits = child_logits("tensorflow", npz)
    assert len(torch_logits) == len(tf_logits) == 8 * 10
    assert np.std(ref) > 0.1  # the logits carry signal: a constant function could not pass by accident
    assert rel_error(torch_logits, ref) < CROSS_TOLERANCE
    assert rel_error(tf_logits, ref) < CROSS_TOLERANCE
    assert rel_error(tf_logits, torch_logits) < CROSS_TOLERANCE
