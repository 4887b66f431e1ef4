"""Benchmark child: the seed CNN in one framework on one device, for one or more modes.

Run as `python -m hwprobe.probes.bench_child --framework torch --device cpu --mode train
--batch-size 32 --duration 3 [--config JSON]`; prints exactly one JSON object on stdout (the
probe protocol of probes/_child.py). Each mode warms up until step times settle, times single
steps, then checks that the function it timed computes the right logits (the device against
float64 on the CPU, same weights); wrong logits discard the timings. A failure in one mode (out
of memory, a kernel error, wrong numbers) is that mode's row; a crash or hang is the parent's.

`--logits FILE.npz` instead computes the net's logits on the CPU for canonical weights and an
input batch stored in FILE (the cross-framework check: same weights, same logits).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from typing import Any

from hwprobe.probes._child import Reporter, describe, import_failure
from hwprobe.probes.timing import time_steps, warm_up

PROBE = "bench"
MODES = ("train", "infer")
# Largest relative logit error (max |got - ref| / max |ref|) against float64 on the CPU. CPUs
# compute float32 here (observed ~1e-7); GPUs may use TF32 for convolutions (cuDNN's default
# in PyTorch on Ampere and newer: ~1e-3) or reduced-precision Metal kernels.
CHECK_TOLERANCE = {"cpu": 1e-4}
CHECK_TOLERANCE_ACCELERATOR = 1e-2
MIN_MODE_S = 0.6  # less than this left of a budget: the mode is skipped, not timed on a few steps
CHECK_RESERVE_S = 0.3  # of a mode's share, kept for the correctness check after timing
# Messages of out-of-memory failures: torch's CPU allocator ("DefaultCPUAllocator: can't allocate
# memory"), CUDA/HIP/MPS ("CUDA out of memory", "HIP out of memory", "MPS backend out of memory"),
# TensorFlow ("OOM when allocating tensor", ResourceExhaustedError).
_OOM_TYPES = ("MemoryError", "OutOfMemoryError", "ResourceExhaustedError")
_OOM_TEXT = ("out of memory", "can't allocate memory", "oom when allocating", "failed to allocate memory")


def classify(exc: BaseException) -> str:
    """'oom' for an out-of-memory failure, 'error' for anything else."""
    names = {t.__name__ for t in type(exc).__mro__}
    text = str(exc).lower()
    if names & set(_OOM_TYPES) or any(m in text for m in _OOM_TEXT):
        return "oom"
    return "error"


def relative_error(got: list[float], ref: list[float]) -> float:
    """max |got - ref| / max |ref|; inf when sizes differ or anything is not finite."""
    if len(got) != len(ref) or not ref:
        return math.inf
    scale = max(abs(r) for r in ref) or 1.0
    worst = 0.0
    for g, r in zip(got, ref):
        if not math.isfinite(g):
            return math.inf
        worst = max(worst, abs(g - r))
    return worst / scale


def tolerance(kind: str) -> float:
    return CHECK_TOLERANCE.get(kind, CHECK_TOLERANCE_ACCELERATOR)


def _minor_faults() -> int | None:
    try:
        import resource
    except ImportError:  # Windows
        return None
    return int(resource.getrusage(resource.RUSAGE_SELF).ru_minflt)


def parse_device(text: str) -> tuple[str, int]:
    kind, _, index = text.partition(":")
    return kind, int(index) if index else 0


def _args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="bench_child")
    p.add_argument("--framework", required=True, choices=("torch", "tensorflow"))
    p.add_argument("--device", default="cpu")
    p.add_argument("--mode", default="train", help="train, infer, or both comma-separated")
    p.add_argument("--batch-size", type=int, default=32)
    p.add_argument("--duration", type=float, default=3.0, help="seconds of timed steps per mode")
    p.add_argument("--warmup-max", type=float, default=None, help="seconds of warm-up at most (default: duration, >= 2)")
    p.add_argument("--budget", type=float, default=None,
                   help="seconds from the child's start for everything: modes share what the import left")
    p.add_argument("--config", default="{}", help="JSON object of options (see bench_torch/bench_tf OPTIONS)")
    p.add_argument("--logits", default=None, help="npz with canonical weights w0..,b0.. and x (NCHW): print logits")
    return p.parse_args(argv)


def _load_framework(name: str, rep: Reporter, config: dict[str, Any]) -> tuple[Any, Any]:
    """(framework module, bench module), or (None, None) after recording an import failure."""
    t0 = time.perf_counter()
    with rep.section("import"):
        try:
            if name == "torch":
                from hwprobe.probes import bench_torch as impl

                impl.configure_before_import(config)
                import torch as fw
            else:
                from hwprobe.probes import bench_tf as impl

                impl.configure_before_import(config)
                import tensorflow as fw
        except BaseException as exc:  # noqa: BLE001 - ImportError, OSError from a missing .so, SystemExit
            import_failure(rep.report, exc)
            return None, None
    rep.report["import_s"] = round(time.perf_counter() - t0, 4)
    rep.report["version"] = getattr(fw, "__version__", None)
    impl.configure_threads(fw, config)
    return fw, impl


def run_mode(fw: Any, impl: Any, framework: str, kind: str, index: int, mode: str, args: argparse.Namespace,
             config: dict[str, Any], deadline: float | None = None) -> dict[str, Any]:
    """One row: check, warm up, time. Exceptions become the row's status (oom or error).

    `deadline` (a perf_counter value): this mode's share of a time budget; warm-up and timing end
    there whatever ran by then, and the row says so.
    """
    label = "cpu" if kind == "cpu" else f"{kind}:{index}"
    row: dict[str, Any] = {"mode": mode, "device": label, "batch_size": args.batch_size, "status": "ok",
                           "requested": config}
    t0 = time.perf_counter()
    if deadline is not None and deadline - t0 < MIN_MODE_S:
        row["status"] = "skipped"
        row["detail"] = f"the time budget ({args.budget:g} s for this child) was used up before {mode} could run"
        return row
    if deadline is not None:
        deadline -= CHECK_RESERVE_S  # the check after the timed steps fits in the share too
    stage = "setup"
    try:
        cls = impl.TorchBench if framework == "torch" else impl.TfBench
        bench = cls(fw, kind, index, args.batch_size, config)
        row["setup_s"] = round(time.perf_counter() - t0, 4)
        with bench.context(mode):
            stage = "warm-up"
            step = bench.step(mode)
            warm_max = args.warmup_max if args.warmup_max is not None else max(2.0, args.duration)
            duration = args.duration
            if deadline is not None:  # keep at least a third of what is left for the timed steps
                left = deadline - time.perf_counter()
                warm_max = min(warm_max, max(left - duration, left * 2 / 3))
            w = warm_up(step, warm_max, deadline=None if deadline is None else deadline - min(duration, 0.2))
            row["warmup"] = {"steps": w.steps, "seconds": round(w.seconds, 4), "settled": w.settled,
                             "first_ms": round(w.first_ms, 3) if w.first_ms is not None else None,
                             "cut_short": w.cut_short}
            stage = "timing"
            if deadline is not None:
                duration = max(0.0, min(duration, deadline - time.perf_counter()))
            faults0 = _minor_faults()
            steps = time_steps(step, duration, deadline=deadline)
            faults1 = _minor_faults()
            if faults0 is not None and faults1 is not None and steps:
                # Memory the allocator gave back and takes again each step: a cause of slow, noisy steps.
                row["page_faults_per_step"] = round((faults1 - faults0) / len(steps), 1)
            # The check runs after the timed steps, on the function they timed: its float64 reference
            # allocates more than a step does and can leave the allocator in another state (glibc's
            # dynamic mmap and trim thresholds), so it stays out of what is measured.
            stage = "check"
            got, ref = bench.check(mode)
            err, tol = relative_error(got, ref), tolerance(kind)
            row["check"] = {"reference": "same weights in float64 on the CPU", "max_error": err if math.isfinite(err) else None,
                            "tolerance": tol, "passed": err <= tol}
            if not err <= tol:
                row["status"] = "error"
                row["detail"] = (f"wrong result: logits differ from the float64 CPU reference "
                                 f"(max relative error {err:.3g} > {tol:g}); timings discarded")
                return row
            row["step_s"] = steps
        row["config"] = bench.effective_config(mode)
    except Exception as exc:  # noqa: BLE001 - a failing device is a fact
        row["status"] = classify(exc)
        row["detail"] = f"{stage}: {describe(exc)}"[:2000]
    return row


def logits_op(fw: Any, impl: Any, path: str) -> list[float]:
    import numpy as np

    data = np.load(path)
    n = sum(1 for k in data.files if k.startswith("w"))
    canonical = [(data[f"w{i}"], data[f"b{i}"]) for i in range(n)]
    return impl.logits_for(fw, canonical, data["x"])


def main(argv: list[str] | None = None) -> None:
    rep = Reporter(PROBE)
    r = rep.report
    try:
        args = _args(argv)
        config = json.loads(args.config)
        if not isinstance(config, dict):
            raise ValueError("--config must be a JSON object")
        modes = [m.strip() for m in args.mode.split(",") if m.strip()]
        if not modes or any(m not in MODES for m in modes):
            raise ValueError(f"--mode: {args.mode!r} (train, infer)")
        kind, index = parse_device(args.device)
    except (SystemExit, ValueError) as exc:
        r["status"] = "error"
        r["detail"] = f"bad arguments: {describe(exc)}"
        rep.emit()
        return
    r["framework"] = args.framework
    fw, impl = _load_framework(args.framework, rep, config)
    if fw is None:
        rep.emit()
        return
    if args.logits:
        with rep.section("logits"):
            r["logits"] = logits_op(fw, impl, args.logits)
        rep.emit()
        return
    rows = []
    end = rep.t0 + args.budget if args.budget else None
    for i, mode in enumerate(modes):
        # Each mode gets an equal share of what is left of the budget.
        deadline = None if end is None else time.perf_counter() + (end - time.perf_counter()) / (len(modes) - i)
        with rep.section(mode):
            rows.append(run_mode(fw, impl, args.framework, kind, index, mode, args, config, deadline))
    r["rows"] = rows
    rep.emit()


if __name__ == "__main__":
    main(sys.argv[1:])
