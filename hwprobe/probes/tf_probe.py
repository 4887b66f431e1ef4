"""Child probe for TensorFlow: build info, physical devices, and a smoke test on each.

Run as `python -m hwprobe.probes.tf_probe`; prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import time
from typing import Any

from hwprobe.probes._child import Reporter, import_failure, max_rel_error, smoke_error, smoke_result

# TensorFlow device types -> hwprobe device kinds. "GPU" depends on the build (CUDA, ROCm, or the
# tensorflow-metal plugin on macOS); decided in _gpu_kind.
_KINDS = {"CPU": "cpu", "TPU": "tpu", "XPU": "xpu"}


def _gpu_kind(build: dict[str, Any]) -> str:
    if build.get("is_rocm_build"):
        return "rocm"
    if build.get("is_cuda_build"):
        return "cuda"
    import sys

    return "mps" if sys.platform == "darwin" else "cuda"  # a GPU without a CUDA build: a plugin


def _smoke(tf: Any, device: str) -> dict[str, Any]:
    """A 64x64 matmul and a 3x3 conv on `device`, against float64 on the CPU."""
    t0 = time.perf_counter()
    if not tf.executing_eagerly():
        return {"status": "skipped", "detail": "TensorFlow 1.x graph mode: no eager smoke test",
                "seconds": 0.0, "max_error": None}
    try:
        import numpy as np

        rng = np.random.RandomState(0)
        with tf.device("/CPU:0"):
            a, b = (tf.constant(rng.standard_normal((64, 64)), tf.float32) for _ in range(2))
            x = tf.constant(rng.standard_normal((2, 16, 16, 3)), tf.float32)  # NHWC
            w = tf.constant(rng.standard_normal((3, 3, 3, 8)), tf.float32)  # HWIO
            ref = tf.concat([
                tf.reshape(tf.matmul(tf.cast(a, tf.float64), tf.cast(b, tf.float64)), [-1]),
                tf.reshape(tf.nn.conv2d(tf.cast(x, tf.float64), tf.cast(w, tf.float64), 1, "SAME"), [-1]),
            ], 0).numpy().tolist()
        with tf.device(device):
            mm = tf.matmul(a, b)
            conv = tf.nn.conv2d(x, w, 1, "SAME")
            got = tf.concat([tf.reshape(mm, [-1]), tf.reshape(conv, [-1])], 0)
        got_list = tf.cast(got, tf.float64).numpy().tolist()  # .numpy() waits for the device
        return smoke_result(max_rel_error(got_list, ref), time.perf_counter() - t0)
    except Exception as exc:  # noqa: BLE001 - a failing device is a fact
        return smoke_error(exc, time.perf_counter() - t0)


def _build(tf: Any) -> dict[str, Any]:
    build: dict[str, Any] = {}
    try:
        info = dict(tf.sysconfig.get_build_info())
    except Exception:  # noqa: BLE001 - very old TF
        info = {}
    for key, value in info.items():
        build[key] = list(value) if isinstance(value, (list, tuple)) else value
    build["is_cuda_build"] = bool(info.get("is_cuda_build", tf.test.is_built_with_cuda()))
    try:
        build["is_rocm_build"] = bool(info.get("is_rocm_build", tf.test.is_built_with_rocm()))
    except Exception:  # noqa: BLE001
        build["is_rocm_build"] = False
    try:
        build["is_xla_build"] = bool(tf.test.is_built_with_xla())
    except Exception:  # noqa: BLE001
        pass
    try:
        build["threads"] = tf.config.threading.get_intra_op_parallelism_threads()
        build["interop_threads"] = tf.config.threading.get_inter_op_parallelism_threads()
    except Exception:  # noqa: BLE001
        pass
    return build


def main() -> None:
    rep = Reporter("tensorflow")
    r = rep.report
    t0 = time.perf_counter()
    with rep.section("import"):
        try:
            import tensorflow as tf
        except BaseException as exc:  # noqa: BLE001
            import_failure(r, exc)
    if r["status"] == "import_error":
        rep.emit()
        return
    r["import_s"] = round(time.perf_counter() - t0, 4)
    r["version"] = getattr(tf, "__version__", None)
    with rep.section("build"):
        r["build"] = _build(tf)
    build = r.get("build", {})
    devices: list[dict[str, Any]] = []
    with rep.section("devices"):
        # Listing GPUs is where TensorFlow logs the dlopen failures ("Cannot dlopen some GPU libraries").
        lister = getattr(tf.config, "list_physical_devices", None) or tf.config.experimental.list_physical_devices
        physical = lister()  # tf.config.list_physical_devices arrived in 2.1; 2.0 had it under experimental
        counters: dict[str, int] = {}
        for dev in physical:
            kind = _KINDS.get(dev.device_type) or (_gpu_kind(build) if dev.device_type == "GPU" else None)
            if kind is None:
                continue
            index = counters.get(dev.device_type, 0)
            counters[dev.device_type] = index + 1
            entry: dict[str, Any] = {"kind": kind, "index": index, "name": dev.name, "available": True}
            try:
                details = tf.config.experimental.get_device_details(dev)
                if details.get("device_name"):
                    entry["name"] = details["device_name"]
                cc = details.get("compute_capability")
                if cc:
                    entry["capability"] = f"{cc[0]}.{cc[1]}" if isinstance(cc, (tuple, list)) else str(cc)
            except Exception:  # noqa: BLE001 - details are optional
                pass
            entry["smoke"] = _smoke(tf, f"/{dev.device_type}:{index}")
            devices.append(entry)
    r["devices"] = devices
    rep.emit()


if __name__ == "__main__":
    main()
