"""CI gates: --require FRAMEWORK:DEVICE passes only when that matrix cell works."""

from __future__ import annotations

from typing import Sequence

from hwprobe.errors import UsageError
from hwprobe.facts import DEVICE_KINDS, FRAMEWORKS
from hwprobe.report import Gate, MatrixCell

FRAMEWORK_ALIASES = {"torch": "torch", "pytorch": "torch", "tensorflow": "tensorflow", "tf": "tensorflow"}
# "gpu" is any GPU kind: the usual meaning of "TensorFlow sees a GPU" in a CI job.
DEVICE_ALIASES = {**{k: (k,) for k in DEVICE_KINDS}, "gpu": ("cuda", "rocm", "mps", "xpu")}


def parse_requirement(text: str) -> tuple[str, tuple[str, ...]]:
    """'torch:cuda' -> ('torch', ('cuda',)); a malformed value is a usage error (exit 2)."""
    fw, sep, dev = text.strip().lower().partition(":")
    if not sep or not fw or not dev:
        raise UsageError(f"--require {text!r}: expected FRAMEWORK:DEVICE, e.g. torch:cuda")
    if fw not in FRAMEWORK_ALIASES:
        raise UsageError(f"--require {text!r}: unknown framework {fw!r} (one of {', '.join(FRAMEWORKS)})")
    if dev not in DEVICE_ALIASES:
        raise UsageError(f"--require {text!r}: unknown device {dev!r} (one of {', '.join(DEVICE_ALIASES)})")
    return FRAMEWORK_ALIASES[fw], DEVICE_ALIASES[dev]


def evaluate_gates(requirements: Sequence[str], matrix: Sequence[MatrixCell]) -> tuple[Gate, ...]:
    gates = []
    for text in requirements:
        fw, kinds = parse_requirement(text)
        cells = [c for c in matrix if c.framework == fw and c.device_kind in kinds]
        working = [c for c in cells if c.state == "works"]
        if working:
            gates.append(Gate(text, True, f"{fw} works on {working[0].device_kind}: {working[0].detail}"))
        elif cells:
            why = "; ".join(f"{c.device_kind}: {c.state} ({c.detail})" for c in cells)
            gates.append(Gate(text, False, f"{fw} does not work on {'/'.join(kinds)}: {why}"))
        else:
            gates.append(Gate(text, False, f"{fw} was not probed (see --framework)"))
    return tuple(gates)
