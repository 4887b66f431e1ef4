"""Timing steps the way an expert would: warm up until timings settle, then time each step.

Standard library only: the benchmark child imports it next to a framework, the parent uses
`summarize`. A step passed in here must include its own device synchronize (CUDA/MPS) or
read-back (TensorFlow), so that its wall time is the device's time, not the launch time.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass
from typing import Any, Callable

NOISY_SPREAD = 0.10  # IQR / median above this: the machine was busy, say so (issue 5)
SETTLE_TOLERANCE = 0.10  # warm-up ends when one window's median is this close to the previous one
WINDOW = 5
MIN_WARMUP = 5  # cnn.md's hand-written loop warms up for 5 steps: never fewer
MIN_RUNS = 5
MAX_RUNS = 20000  # bounds the JSON a child sends back


@dataclass(frozen=True)
class Warmup:
    steps: int
    seconds: float
    settled: bool  # False: max_seconds ran out before two windows agreed
    first_ms: float | None  # the first step (tracing, compilation, allocator growth)
    cut_short: bool = False  # True: the time budget's deadline ended it, not max_seconds or settling


def warm_up(step: Callable[[], Any], max_seconds: float, min_steps: int = MIN_WARMUP, window: int = WINDOW,
            tolerance: float = SETTLE_TOLERANCE, deadline: float | None = None,
            clock: Callable[[], float] = time.perf_counter) -> Warmup:
    """Run `step` until the median of the last `window` steps is within `tolerance` of the window before.

    Ends unsettled after `max_seconds` (once `min_steps` ran), or at the clock value `deadline`
    whatever ran by then (a time budget such as the doctor's quick benchmark).
    """
    times: list[float] = []
    start = clock()
    settled = cut = False
    while True:
        t0 = clock()
        step()
        t1 = clock()
        times.append(t1 - t0)
        if len(times) >= max(min_steps, 2 * window) and settled_window(times, window, tolerance):
            settled = True
            break
        if t1 - start >= max_seconds and len(times) >= min_steps:
            break
        if deadline is not None and t1 >= deadline:
            cut = True
            break
    return Warmup(len(times), clock() - start, settled, times[0] * 1e3 if times else None, cut)


def settled_window(times: list[float], window: int = WINDOW, tolerance: float = SETTLE_TOLERANCE) -> bool:
    if len(times) < 2 * window:
        return False
    last = statistics.median(times[-window:])
    prev = statistics.median(times[-2 * window:-window])
    return prev > 0 and abs(last - prev) / prev <= tolerance


def time_steps(step: Callable[[], Any], duration: float, min_runs: int = MIN_RUNS, max_runs: int = MAX_RUNS,
               deadline: float | None = None, clock: Callable[[], float] = time.perf_counter) -> list[float]:
    """Seconds per step, each step timed on its own, for `duration` seconds (at least `min_runs` steps,
    unless the clock passes `deadline` first)."""
    times: list[float] = []
    end = clock() + duration
    while len(times) < max_runs:
        t0 = clock()
        step()
        t1 = clock()
        times.append(t1 - t0)
        if t1 >= end and len(times) >= min_runs:
            break
        if deadline is not None and t1 >= deadline:
            break
    return times


def summarize(times_s: list[float], batch_size: int, flops_per_image: float | None) -> dict[str, Any]:
    """Median, IQR, images/s and GFLOP/s of per-step times; `noisy` when IQR/median > 10 %."""
    if not times_s:
        raise ValueError("no timed steps")
    med = statistics.median(times_s)
    if len(times_s) >= 2:
        q1, _, q3 = statistics.quantiles(times_s, n=4, method="inclusive")
        iqr = q3 - q1
    else:
        iqr = 0.0
    ips = batch_size / med if med > 0 else None
    return {
        "median_ms": med * 1e3,
        "iqr_ms": iqr * 1e3,
        "runs": len(times_s),
        "images_per_sec": ips,
        "gflops_per_sec": ips * flops_per_image / 1e9 if ips and flops_per_image else None,
        "noisy": med > 0 and iqr / med > NOISY_SPREAD,
    }
