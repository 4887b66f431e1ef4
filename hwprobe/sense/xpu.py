"""Intel GPUs that PyTorch's XPU backend (and Intel's TensorFlow extension) can compute on.

Nearly every Intel laptop and desktop has an integrated Intel GPU on the PCI bus, so the bus alone
must not make an XPU: an Intel GPU counts when it is a discrete one (Arc, Data Center GPU Flex and
Max, by PCI device id from the Linux kernel's include/drm/intel/pciids.h), or when the Level Zero
GPU runtime that torch.xpu needs is installed (Intel's "Getting Started on Intel GPU" guide for
PyTorch lists the client GPU driver packages that provide it).
"""

from __future__ import annotations

from hwprobe.facts import Accelerator
from hwprobe.sense import pci
from hwprobe.sense.host import os_name
from hwprobe.sense.io import HostIO

# Discrete Intel GPU families by PCI device id (include/drm/intel/pciids.h: INTEL_DG1_IDS,
# INTEL_DG2_IDS, INTEL_ATS_M_IDS, INTEL_PVC_IDS, INTEL_BMG_IDS).
_PVC = {0x0B69, 0x0B6E, 0x0BD4, 0x0BD5, 0x0BD6, 0x0BD7, 0x0BD8, 0x0BD9, 0x0BDA, 0x0BDB, 0x0BE0, 0x0BE1, 0x0BE5}


def discrete_family(device: int) -> str | None:
    if device in (0x56C0, 0x56C1, 0x56C2):
        return "Intel Data Center GPU Flex (ATS-M)"
    if device >> 8 == 0x56:
        return "Intel Arc A-series (DG2/Alchemist)"
    if device >> 8 == 0xE2:
        return "Intel Arc B-series (BMG/Battlemage)"
    if device in _PVC:
        return "Intel Data Center GPU Max (Ponte Vecchio)"
    if 0x4905 <= device <= 0x4909:
        return "Intel Iris Xe MAX (DG1)"
    return None


# Where distributions put the Level Zero loader and Intel's GPU backend for it (compute-runtime).
_LIB_DIRS = ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/usr/lib", "/usr/local/lib")
_LIBS = ("libze_intel_gpu.so.1", "libze_loader.so.1")
_KERNEL_DRIVERS = ("i915", "xe")


def level_zero(io: HostIO) -> str | None:
    """Where the Level Zero GPU runtime was seen, or None."""
    for d in _LIB_DIRS:
        for lib in _LIBS:
            if io.exists(f"{d}/{lib}"):
                return f"{d}/{lib}"
    exe = io.which("xpu-smi")
    return exe


def detect_xpu(io: HostIO) -> list[Accelerator]:
    if os_name(io.query("platform").get("system", "")) != "linux":
        return []  # Windows has no sysfs to tell a discrete GPU from an integrated one
    gpus = [d for d in pci.of_vendor(io, pci.INTEL) if d.base_class == pci.DISPLAY]
    if not gpus:
        return []
    runtime = level_zero(io)
    out = []
    for dev in gpus:
        family = discrete_family(dev.device)
        if family is None and runtime is None:
            continue  # an integrated GPU without a compute runtime: graphics only, not an XPU
        driven = dev.driver in _KERNEL_DRIVERS
        if not driven:
            status, detail = "no_driver", f"neither i915 nor xe is bound to it; {dev.describe()}"
        elif runtime is None:
            status, detail = "no_driver", (f"no Level Zero GPU runtime ({', '.join(_LIBS)}) is installed, "
                                           f"which torch.xpu needs; {dev.describe()}")
        else:
            status, detail = "ok", (None if family else f"integrated GPU; Level Zero at {runtime}")
        out.append(Accelerator(kind="xpu", vendor="intel", source="sysfs", index=len(out),
                               model=family or f"Intel integrated GPU [8086:{dev.device:04x}]",
                               pci_bus_id=dev.address, status=status, detail=detail))
    return out
