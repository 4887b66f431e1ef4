"""The Apple Silicon GPU, which PyTorch reaches through MPS and TensorFlow through tensorflow-metal.

Apple Silicon vs Intel comes from sysctl: hw.optional.arm64 is 1 on Apple Silicon, also for a
process translated by Rosetta 2, whose machdep.cpu.brand_string still names the chip ("Apple M1";
see archspec's recorded Rosetta 2 machine, archspec-json tests/targets/rossetta2-monterey-core2).
The GPU core count is the "gpu-core-count" property of the AGXAccelerator IOKit service (where
PyTorch's MPSDevice.mm reads it); `ioreg` prints it in well under a second, unlike system_profiler.
"""

from __future__ import annotations

import re

from hwprobe.facts import Accelerator
from hwprobe.sense._util import first_line
from hwprobe.sense.host import os_name
from hwprobe.sense.io import HostIO

# The same command cpu.py runs, so a recording holds it once.
SYSCTL = ["sysctl", "hw", "machdep.cpu"]
IOREG = ["ioreg", "-r", "-d", "1", "-c", "AGXAccelerator"]
IOREG_TIMEOUT = 3.0


def parse_sysctl(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            out[key.strip()] = value.strip()
    return out


def detect_apple(io: HostIO) -> list[Accelerator]:
    if os_name(io.query("platform").get("system", "")) != "darwin" or not io.which("sysctl"):
        return []
    res = io.run(SYSCTL, timeout=5)
    if not res.ok:
        return [Accelerator(kind="mps", vendor="apple", source="sysctl", status="error",
                            detail=f"sysctl failed: {res.detail or res.stderr.strip()[:200] or res.status}")]
    kv = parse_sysctl(res.stdout)
    if not any(k.startswith("hw.") for k in kv):  # every Mac's sysctl has hw.ncpu, hw.memsize, ...
        return [Accelerator(kind="mps", vendor="apple", source="sysctl", status="error",
                            detail=f"sysctl printed something unexpected: {first_line(res.stdout) or 'nothing'}")]
    if kv.get("hw.optional.arm64") != "1":
        return []  # an Intel Mac: no Apple GPU (torch's MPS on AMD GPUs ended with the last x86 wheels)
    chip = kv.get("machdep.cpu.brand_string") or None
    return [Accelerator(kind="mps", vendor="apple", source="sysctl", index=0, model=chip, cores=_gpu_cores(io))]


def _gpu_cores(io: HostIO) -> int | None:
    if not io.which("ioreg"):
        return None
    res = io.run(IOREG, timeout=IOREG_TIMEOUT)
    m = re.search(r'"gpu-core-count"\s*=\s*(\d+)', res.stdout) if res.ok else None
    return int(m.group(1)) if m else None
