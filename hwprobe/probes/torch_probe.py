"""Child probe for PyTorch: build facts, the devices torch can see, and a smoke test on each.

Run as `python -m hwprobe.probes.torch_probe`; prints exactly one JSON object on stdout.
"""

from __future__ import annotations

import time
from typing import Any

from hwprobe.probes._child import Reporter, import_failure, max_rel_error, smoke_error, smoke_result


def _smoke(torch: Any, device: str) -> dict[str, Any]:
    """A 64x64 matmul and a 3x3 conv on `device`, against float64 on the CPU."""
    t0 = time.perf_counter()
    try:
        import torch.nn.functional as F  # inside the try: a half-installed torch is a failed smoke, not a lost report

        g = torch.Generator().manual_seed(0)
        a, b = torch.randn(64, 64, generator=g), torch.randn(64, 64, generator=g)
        x, w = torch.randn(2, 3, 16, 16, generator=g), torch.randn(8, 3, 3, 3, generator=g)
        ref = torch.cat([(a.double() @ b.double()).flatten(), F.conv2d(x.double(), w.double(), padding=1).flatten()])
        dev = torch.device(device)
        mm = a.to(dev) @ b.to(dev)
        conv = F.conv2d(x.to(dev), w.to(dev), padding=1)
        got = torch.cat([mm.cpu().flatten(), conv.cpu().flatten()]).double()  # .cpu() synchronizes
        err = max_rel_error(got.tolist(), ref.tolist())
        return smoke_result(err, time.perf_counter() - t0)
    except Exception as exc:  # noqa: BLE001 - a failing device is a fact
        return smoke_error(exc, time.perf_counter() - t0)


def _build(torch: Any) -> dict[str, Any]:
    build: dict[str, Any] = {
        "cuda": torch.version.cuda,
        "hip": getattr(torch.version, "hip", None),
        "git_version": getattr(torch.version, "git_version", None),
        "debug": bool(getattr(torch.version, "debug", False)),
    }
    # get_arch_list() returns [] whenever CUDA is unavailable; the compiled-in flags do not need a GPU.
    arch = ""
    try:
        arch = torch._C._cuda_getArchFlags() or ""
    except Exception:  # noqa: BLE001 - CPU builds have no such function
        arch = ""
    build["arch_list"] = arch.split() if arch else []
    try:
        build["cudnn"] = torch.backends.cudnn.version() if torch.backends.cudnn.is_available() else None
    except Exception:  # noqa: BLE001
        build["cudnn"] = None
    mps = getattr(torch.backends, "mps", None)
    build["mps_built"] = bool(mps and mps.is_built())
    xpu = getattr(torch, "xpu", None)
    try:
        build["xpu_built"] = bool(xpu and xpu._is_compiled())
    except Exception:  # noqa: BLE001
        build["xpu_built"] = False
    build["mkldnn"] = bool(torch.backends.mkldnn.is_available())
    build["openmp"] = bool(torch.backends.openmp.is_available())
    try:
        build["cpu_capability"] = torch.backends.cpu.get_cpu_capability()
    except Exception:  # noqa: BLE001 - torch < 2.0
        build["cpu_capability"] = None
    build["threads"] = torch.get_num_threads()
    build["interop_threads"] = torch.get_num_interop_threads()
    return build


def _numpy_interop(torch: Any) -> str:
    """'ok', 'absent', or the error: torch <= 2.2 fails here under NumPy 2 (_ARRAY_API not found)."""
    try:
        import numpy  # noqa: F401
    except ImportError:
        return "absent"
    except Exception as exc:  # noqa: BLE001
        return f"numpy import failed: {type(exc).__name__}: {exc}"
    try:
        import numpy as np

        t = torch.from_numpy(np.arange(3, dtype=np.float32))
        return "ok" if t.sum().item() == 3.0 else "wrong result"
    except Exception as exc:  # noqa: BLE001
        return f"{type(exc).__name__}: {exc}"


def main() -> None:
    rep = Reporter("torch")
    r = rep.report
    t0 = time.perf_counter()
    with rep.section("import"):  # warnings raised by the import itself are evidence too
        try:
            import torch
        except BaseException as exc:  # ImportError, OSError from a missing .so, SystemExit...
            import_failure(r, exc)
    if r["status"] == "import_error":
        rep.emit()
        return
    r["import_s"] = round(time.perf_counter() - t0, 4)
    r["version"] = torch.__version__
    with rep.section("build"):
        r["build"] = _build(torch)
    with rep.section("numpy"):
        r.setdefault("build", {})["numpy_interop"] = _numpy_interop(torch)

    devices: list[dict[str, Any]] = [
        {"kind": "cpu", "index": 0, "name": "cpu", "available": True, "smoke": _smoke(torch, "cpu")}
    ]
    runtime: dict[str, Any] = {}
    with rep.section("cuda"):
        # is_available() warns with the reason when it is False ("driver too old", ...): kept in warnings.
        runtime["cuda_available"] = bool(torch.cuda.is_available())
        runtime["cuda_device_count"] = int(torch.cuda.device_count()) if runtime["cuda_available"] else 0
        kind = "rocm" if getattr(torch.version, "hip", None) else "cuda"
        for i in range(runtime["cuda_device_count"]):
            props = torch.cuda.get_device_properties(i)
            cap = getattr(props, "gcnArchName", None) if kind == "rocm" else f"{props.major}.{props.minor}"
            devices.append({
                "kind": kind, "index": i, "name": props.name, "available": True,
                "capability": cap, "memory_bytes": int(props.total_memory),
                "smoke": _smoke(torch, f"cuda:{i}"),
            })
    with rep.section("mps"):
        mps = getattr(torch.backends, "mps", None)
        runtime["mps_available"] = bool(mps and mps.is_available())
        if runtime["mps_available"]:
            devices.append({"kind": "mps", "index": 0, "name": "Apple GPU (Metal)", "available": True,
                            "smoke": _smoke(torch, "mps")})
    with rep.section("xpu"):
        xpu = getattr(torch, "xpu", None)
        runtime["xpu_available"] = bool(xpu and xpu.is_available())
        for i in range(xpu.device_count() if runtime["xpu_available"] else 0):
            devices.append({"kind": "xpu", "index": i, "name": xpu.get_device_name(i), "available": True,
                            "smoke": _smoke(torch, f"xpu:{i}")})
    r.setdefault("build", {})["runtime"] = runtime
    r["devices"] = devices
    rep.emit()


if __name__ == "__main__":
    main()
