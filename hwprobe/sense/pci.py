"""The PCI bus as Linux sysfs shows it: accelerators are on it even when no driver works.

Each device is a directory /sys/bus/pci/devices/<domain:bus:dev.fn>/ with `vendor`, `device` and
`class` files in hex, and a `driver` link to the kernel driver bound to it (Linux
Documentation/ABI/testing/sysfs-bus-pci). Only the few vendors that make deep-learning
accelerators are looked at, so a scan costs one small read per device.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass

from hwprobe.sense._util import listdir_or_empty, read_or_none
from hwprobe.sense.io import HostIO

PCI_DEVICES = "/sys/bus/pci/devices"

# PCI vendor ids (https://pcisig.com/membership/member-companies; pci.ids).
NVIDIA = 0x10DE
AMD = 0x1002
INTEL = 0x8086
GOOGLE = 0x1AE0
VENDORS = {NVIDIA: "nvidia", AMD: "amd", INTEL: "intel", GOOGLE: "google"}

# PCI base classes (PCI Code and ID Assignment Specification): 0x03 display controllers (VGA 0x0300,
# 3D 0x0302: datacenter GPUs), 0x12 processing accelerators (AMD Instinct MI300 reports 0x1200).
DISPLAY = 0x03
ACCELERATOR = 0x12


@dataclass(frozen=True)
class PciDevice:
    address: str  # "0000:01:00.0", as sysfs names it
    vendor: int
    device: int
    pci_class: int  # 24 bits: base class, subclass, programming interface
    driver: str | None  # the bound kernel driver (nvidia, nouveau, amdgpu, i915, xe, vfio-pci), None: none

    @property
    def base_class(self) -> int:
        return self.pci_class >> 16

    @property
    def is_gpu_like(self) -> bool:
        return self.base_class in (DISPLAY, ACCELERATOR)

    def describe(self) -> str:
        bound = f"bound to {self.driver}" if self.driver else "no kernel driver bound"
        return f"PCI {self.address} [{self.vendor:04x}:{self.device:04x}], {bound}"


def _hex(text: str | None) -> int | None:
    try:
        return int((text or "").strip(), 16)
    except ValueError:
        return None


_cache: "weakref.WeakKeyDictionary[object, tuple[PciDevice, ...] | None]" = weakref.WeakKeyDictionary()


def devices(io: HostIO) -> tuple[PciDevice, ...] | None:
    """Devices of the accelerator vendors; None where the PCI bus is not visible (macOS, Windows, WSL)."""
    try:
        return _cache[io]
    except (KeyError, TypeError):
        pass
    found = _scan(io)
    try:
        _cache[io] = found
    except TypeError:  # an IO that cannot be weakly referenced: just don't cache
        pass
    return found


def _scan(io: HostIO) -> tuple[PciDevice, ...] | None:
    if not io.exists(PCI_DEVICES):
        return None
    out = []
    for address in listdir_or_empty(io, PCI_DEVICES):
        base = f"{PCI_DEVICES}/{address}"
        vendor = _hex(read_or_none(io, f"{base}/vendor"))
        if vendor not in VENDORS:
            continue
        pci_class = _hex(read_or_none(io, f"{base}/class"))
        if pci_class is None:
            continue
        # Intel and AMD make chipsets too: only their display/accelerator functions matter. TPUs are
        # counted by device id whatever their class (jax/_src/hardware_utils.py does the same).
        if vendor != GOOGLE and pci_class >> 16 not in (DISPLAY, ACCELERATOR):
            continue
        device = _hex(read_or_none(io, f"{base}/device"))
        if device is None:
            continue
        out.append(PciDevice(address, vendor, device, pci_class, _driver(io, base)))
    return tuple(out)


def _driver(io: HostIO, base: str) -> str | None:
    try:
        return io.readlink(f"{base}/driver").rstrip("/").rsplit("/", 1)[-1] or None
    except OSError:
        return None


def of_vendor(io: HostIO, vendor: int, gpu_like: bool = True) -> tuple[PciDevice, ...]:
    return tuple(d for d in devices(io) or () if d.vendor == vendor and (d.is_gpu_like or not gpu_like))


def normalize_bus_id(bus_id: str | None) -> str | None:
    """nvidia-smi's 00000000:07:00.0 -> sysfs's 0000:07:00.0 (lowercase, 4-digit domain)."""
    if not bus_id:
        return None
    text = bus_id.strip().lower()
    parts = text.split(":")
    if len(parts) == 3:
        domain = parts[0][-4:].rjust(4, "0")
        return f"{domain}:{parts[1].rjust(2, '0')}:{parts[2]}"
    if len(parts) == 2:  # bus:dev.fn without a domain
        return f"0000:{parts[0].rjust(2, '0')}:{parts[1]}"
    return text
