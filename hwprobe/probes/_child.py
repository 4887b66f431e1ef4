"""The child side of the probe protocol: exactly one JSON object on the real stdout.

Kept to the standard library: it runs inside the user's interpreter next to a framework that may
be broken. Anything the framework prints on stdout (Python or C level) is sent to stderr, so the
one line on stdout is always ours.
"""

from __future__ import annotations

import json
import math
import os
import sys
import time
import traceback
import warnings
from contextlib import contextmanager
from typing import Any, Iterator

PROTOCOL = 1
SMOKE_TOLERANCE = 1e-2  # relative; TF32 convolutions on Ampere+ stay near 1e-3


class Reporter:
    def __init__(self, probe: str) -> None:
        sys.stdout.flush()
        self._fd = os.dup(1)
        os.dup2(2, 1)  # from here on, fd 1 is stderr: C libraries cannot corrupt the report
        self.t0 = time.perf_counter()
        self.report: dict[str, Any] = {"probe": probe, "protocol": PROTOCOL, "status": "ok", "warnings": [],
                                       "errors": {}}

    def emit(self) -> None:
        """Write the report and end the process at once.

        os._exit skips interpreter shutdown: TensorFlow's finalizers take up to a second there,
        and nothing is left to do once the report is written.
        """
        self.report["total_s"] = round(time.perf_counter() - self.t0, 4)
        data = json.dumps(self.report, default=str, allow_nan=False) + "\n"
        os.write(self._fd, data.encode("utf-8", errors="replace"))
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(0)

    @contextmanager
    def section(self, name: str) -> Iterator[None]:
        """Run one part of the probe; an exception there is recorded, the rest goes on."""
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            try:
                yield
            except Exception as exc:  # noqa: BLE001 - every failure is a fact to report
                self.report["errors"][name] = describe(exc)
            finally:
                for w in caught:
                    msg = f"{w.category.__name__}: {w.message}"
                    if msg not in self.report["warnings"]:
                        self.report["warnings"].append(msg[:2000])


def describe(exc: BaseException) -> str:
    text = f"{type(exc).__name__}: {exc}".strip()
    return text[:4000]


def import_failure(report: dict[str, Any], exc: BaseException) -> None:
    report["status"] = "import_error"
    report["detail"] = describe(exc)
    report["traceback"] = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))[-6000:]


def max_rel_error(got: list[float], ref: list[float]) -> float:
    """max |got - ref| / max(1, max |ref|); inf when anything is not finite or sizes differ."""
    if len(got) != len(ref) or not got:
        return math.inf
    scale = max(1.0, max(abs(r) for r in ref))
    worst = 0.0
    for g, r in zip(got, ref):
        if not math.isfinite(g):
            return math.inf
        worst = max(worst, abs(g - r))
    return worst / scale


def smoke_result(err: float, seconds: float) -> dict[str, Any]:
    ok = math.isfinite(err) and err <= SMOKE_TOLERANCE
    return {
        "status": "ok" if ok else "failed",
        "max_error": err if math.isfinite(err) else None,
        "seconds": round(seconds, 4),
        "detail": None if ok else (
            f"result differs from the CPU reference (max relative error {err:.3g} > {SMOKE_TOLERANCE:g})"
            if math.isfinite(err) else "result is not finite (NaN/inf) or has the wrong shape"
        ),
    }


def smoke_error(exc: BaseException, seconds: float) -> dict[str, Any]:
    return {"status": "error", "detail": describe(exc), "seconds": round(seconds, 4), "max_error": None}
