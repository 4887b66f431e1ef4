"""Every accelerator the OS and drivers can see, from each vendor's detector, never raising."""

from __future__ import annotations

from typing import Callable

from hwprobe.errors import ReplayMissError
from hwprobe.facts import Accelerator
from hwprobe.sense.apple import detect_apple
from hwprobe.sense.io import HostIO
from hwprobe.sense.nvidia import detect_nvidia
from hwprobe.sense.rocm import detect_rocm
from hwprobe.sense.tpu import detect_tpu
from hwprobe.sense.xpu import detect_xpu

Detector = Callable[[HostIO], "tuple[Accelerator, ...] | list[Accelerator]"]
# One detector per vendor; each looks only where its own markers are, so on a machine without that
# vendor's hardware it costs a few file checks (benchmarks/doctor_latency.py times them all).
DETECTORS: list[tuple[str, Detector]] = [
    ("nvidia", detect_nvidia),
    ("rocm", detect_rocm),
    ("apple", detect_apple),
    ("tpu", detect_tpu),
    ("xpu", detect_xpu),
]


def detect_accelerators(io: HostIO) -> tuple[Accelerator, ...]:
    out: list[Accelerator] = []
    for name, detector in DETECTORS:
        try:
            out.extend(detector(io))
        except ReplayMissError:
            raise  # a recording that lacks an answer must fail loudly, not look like "no GPU"
        except Exception as exc:  # noqa: BLE001 - a detector bug must not take the doctor down
            out.append(Accelerator(kind="unknown", vendor=name, source=name, status="error",
                                   detail=f"{name} detector failed: {type(exc).__name__}: {exc}"))
    return tuple(out)
