"""AMD GPUs as ROCm sees them: the KFD topology in sysfs, the device nodes, the installed ROCm.

The kernel's KFD driver lists every HSA agent under /sys/class/kfd/kfd/topology/nodes/<n>/
(ROCm docs, "KFD Topology"); a GPU node has a non-zero `gfx_target_version` (major*10000 +
minor*100 + stepping, printed as gfx<major><minor:x><stepping:x>: 90010 -> gfx90a, as ROCr and
rocprofiler decode it). Reading sysfs needs no permission, so the architecture is known even for a
user who cannot open /dev/kfd; `rocminfo` adds the marketing name where it runs.
"""

from __future__ import annotations

import re

from hwprobe.facts import Accelerator
from hwprobe.sense import pci
from hwprobe.sense._util import first_line, listdir_or_empty, read_or_none
from hwprobe.sense.host import os_name
from hwprobe.sense.io import HostIO

TOPOLOGY = "/sys/class/kfd/kfd/topology/nodes"
KFD = "/dev/kfd"
ROCM_TIMEOUT = 10.0


def gfx_name(target_version: int) -> str:
    major, minor, stepping = target_version // 10000, (target_version // 100) % 100, target_version % 100
    return f"gfx{major}{minor:x}{stepping:x}"


def _properties(text: str) -> dict[str, int]:
    out = {}
    for line in text.splitlines():
        key, _, value = line.strip().partition(" ")
        if key and value.strip().lstrip("-").isdigit():
            out[key] = int(value.strip())
    return out


def _location(props: dict[str, int]) -> str | None:
    """KFD's location_id is the PCI bus/device/function (bus << 8 | devfn), domain in `domain`."""
    loc = props.get("location_id")
    if loc is None:
        return None
    bus, devfn = (loc >> 8) & 0xFF, loc & 0xFF
    return f"{props.get('domain', 0):04x}:{bus:02x}:{devfn >> 3:02x}.{devfn & 7}"


def detect_rocm(io: HostIO) -> list[Accelerator]:
    if os_name(io.query("platform").get("system", "")) != "linux":
        return []  # ROCm's Windows (HIP SDK) and WSL support is out of reach of sysfs
    nodes = []
    for name in sorted(listdir_or_empty(io, TOPOLOGY), key=lambda n: int(n) if n.isdigit() else 1 << 30):
        props = _properties(read_or_none(io, f"{TOPOLOGY}/{name}/properties") or "")
        if props.get("gfx_target_version", 0) > 0:  # CPU nodes report 0
            nodes.append(props)
    if not nodes:
        return _unserved(io)
    version = _rocm_version(io)
    kfd_ok = io.access(KFD, "rw")
    names, failure = _marketing_names(io) if kfd_ok else ([], None)
    out = []
    for i, props in enumerate(nodes):
        minor = props.get("drm_render_minor")
        render = f"/dev/dri/renderD{minor}" if minor else None
        blocked = [p for p, ok in ((KFD, kfd_ok), (render, io.access(render, "rw") if render else True)) if p and not ok]
        out.append(Accelerator(
            kind="rocm", vendor="amd", source="kfd", index=i,
            model=names[i] if i < len(names) else None,
            gfx_arch=gfx_name(props["gfx_target_version"]),
            pci_bus_id=_location(props),
            runtime_version=version,
            status="no_permission" if blocked else "error" if failure else "ok",
            detail=(f"this user cannot open {' and '.join(blocked)} for reading and writing" if blocked else failure),
        ))
    return out


def _unserved(io: HostIO) -> list[Accelerator]:
    """AMD GPUs on the PCI bus that KFD does not list: amdgpu not loaded, or loaded without KFD."""
    out = []
    for i, dev in enumerate(d for d in pci.of_vendor(io, pci.AMD) if d.driver not in ("vfio-pci", "pci-stub")):
        if dev.driver == "amdgpu":
            why = "amdgpu is loaded but KFD lists no GPU (no /sys/class/kfd topology node): no ROCm compute here"
        else:
            why = "the amdgpu kernel module is not bound to it" + (f" (bound to {dev.driver})" if dev.driver else "")
        out.append(Accelerator(kind="rocm", vendor="amd", source="sysfs", index=i, pci_bus_id=dev.address,
                               runtime_version=_rocm_version(io), status="no_driver",
                               detail=f"{why}; {dev.describe()}"))
    return out


def _rocm_version(io: HostIO) -> str | None:
    # ROCm installs record their version in <ROCm root>/.info/version, e.g. "6.0.2-115".
    roots = [p for p in (io.env().get("ROCM_PATH"), "/opt/rocm") if p]
    for root in dict.fromkeys(roots):
        text = read_or_none(io, f"{root.rstrip('/')}/.info/version")
        if text and text.strip():
            return text.strip().splitlines()[0]
    return None


def _marketing_names(io: HostIO) -> tuple[list[str | None], str | None]:
    """GPU agents' "Marketing Name" from rocminfo, in agent order (the order of the KFD nodes), and why
    rocminfo failed: a rocminfo that hangs, crashes or exits non-zero is the ROCm runtime failing to
    start (HSA init), which the frameworks need too. Output without agents only costs the names."""
    exe = io.which("rocminfo")
    if not exe:
        return [], None
    res = io.run([exe], timeout=ROCM_TIMEOUT)
    if res.status == "timeout":
        return [], f"rocminfo did not answer within {ROCM_TIMEOUT:g} s (a hung ROCm runtime?)"
    if res.status == "crashed":
        return [], f"rocminfo was killed by {res.signal}"
    if res.status != "ok":
        return [], None  # not startable (gone since which, no permission): no word on the runtime
    if res.returncode != 0:
        said = first_line(res.stderr) or first_line(res.stdout)
        return [], f"rocminfo exited with code {res.returncode}" + (f": {said}" if said else "")
    names = []
    for block in re.split(r"\n\*{5,}\s*\nAgent \d+\s*\n\*{5,}", res.stdout)[1:]:
        if re.search(r"^\s*Device Type:\s*GPU\s*$", block, re.M):
            m = re.search(r"^\s*Marketing Name:\s*(.+?)\s*$", block, re.M)
            names.append(m.group(1) if m else "")
    return [n or None for n in names], None
