"""Every accelerator the OS and drivers can see, from each vendor's detector, never raising."""

from __future__ import annotations

from typing import Callable

from hwprobe.errors import ReplayMissError
from hwprobe.facts import Accelerator
from hwprobe.sense.io import HostIO

Detector = Callable[[HostIO], "tuple[Accelerator, ...] | list[Accelerator]"]
DETECTORS: list[tuple[str, Detector]] = []


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
