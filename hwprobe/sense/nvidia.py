"""NVIDIA GPUs as the driver sees them, and GPUs on the PCI bus that no working driver serves.

Primary source: `nvidia-smi --query-gpu=... --format=csv,noheader,nounits`, with a time limit, run
twice at most (fields unknown to an old driver are dropped and asked again), plus the plain
`nvidia-smi` header for the highest CUDA version the driver supports (no query field holds it).
Where nvidia-smi is missing: NVML through the optional nvidia-ml-py package (recorded as the
`nvml` query), then /proc/driver/nvidia, then the PCI bus, which sees a GPU even without a driver.
"""

from __future__ import annotations

import csv
import re
from typing import Any, Sequence

from hwprobe.facts import Accelerator
from hwprobe.sense import pci
from hwprobe.sense._util import first_line, listdir_or_empty, read_or_none
from hwprobe.sense.host import os_name
from hwprobe.sense.io import HostIO, QueryError
from hwprobe.sense.proc import CommandResult

SMI_TIMEOUT = 10.0
# Fields of `nvidia-smi --help-query-gpu`. compute_cap is newer than driver 470 (its nvidia-smi
# answers 'Field "compute_cap" is not a valid field to query.' and exits 2:
# https://github.com/huggingface/candle/issues/733); mig.mode.* arrived with the A100 (R450).
BASE_FIELDS = ("index", "name", "memory.total", "driver_version", "pci.bus_id")
OPTIONAL_FIELDS = ("compute_cap", "mig.mode.current")
QUERY_FIELDS = BASE_FIELDS + OPTIONAL_FIELDS

PROC_VERSION = "/proc/driver/nvidia/version"
PROC_GPUS = "/proc/driver/nvidia/gpus"
WSL_SMI = "/usr/lib/wsl/lib/nvidia-smi"  # WSL2 maps the Windows driver's tools in here
WINDOWS_SMI = (
    "C:\\Windows\\System32\\nvidia-smi.exe",  # DCH drivers (R418 and later)
    "C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvidia-smi.exe",  # older standard drivers
)
# Drivers that hand the device to something else on purpose: not a GPU this OS is meant to use.
_PASSTHROUGH = {"vfio-pci", "pci-stub"}

_INVALID_FIELD = re.compile(r'Field "([^"]+)" is not a valid field to query')
_CUDA_VERSION = re.compile(r"CUDA (?:UMD )?Version\s*:\s*([0-9]+\.[0-9]+)")  # R610 says "CUDA UMD Version"
_KERNEL_MODULE = re.compile(r"Kernel Module(?:\s+for\s+\S+)?\s+([0-9]+(?:\.[0-9]+)+)")
_NOT_AVAILABLE = {"", "[n/a]", "n/a", "[not supported]", "not supported", "[unknown error]"}


def detect_nvidia(io: HostIO) -> list[Accelerator]:
    os_ = os_name(io.query("platform").get("system", ""))
    if os_ not in ("linux", "windows"):
        return []  # macOS has had no NVIDIA driver since 10.13
    smi = _find_smi(io, os_)
    gpus_on_bus = [d for d in pci.of_vendor(io, pci.NVIDIA) if d.driver not in _PASSTHROUGH] if os_ == "linux" else []
    failure = None
    if smi:
        found, failure = _from_smi(io, smi)
        if found is not None:
            if found or not gpus_on_bus:
                return found
            failure = failure or "nvidia-smi lists no GPU"
    elif os_ == "linux" and (gpus_on_bus or io.exists(PROC_VERSION)):
        found = _from_nvml(io) or _from_procfs(io)
        if found:
            return found
    if os_ != "linux" or (failure and not gpus_on_bus and pci.devices(io) is None):
        # Windows, or a Linux whose PCI bus is hidden (some containers): nvidia-smi's failure is all there is.
        return [_accel(source="nvidia-smi", status="no_driver" if _driver_failure(failure) else "error",
                       detail=failure)] if failure else []
    return [_no_driver(io, dev, i, failure) for i, dev in enumerate(gpus_on_bus)]


def _find_smi(io: HostIO, os_: str) -> str | None:
    found = io.which("nvidia-smi")
    if found:
        return found
    candidates = WINDOWS_SMI if os_ == "windows" else (WSL_SMI,)
    return next((p for p in candidates if io.exists(p)), None)


def _accel(**kw: Any) -> Accelerator:
    return Accelerator(kind="cuda", vendor="nvidia", **kw)


def _value(text: str) -> str | None:
    text = text.strip()
    return None if text.lower() in _NOT_AVAILABLE else text


def _run_query(io: HostIO, smi: str, fields: Sequence[str]) -> CommandResult:
    argv = [smi, f"--query-gpu={','.join(fields)}", "--format=csv,noheader,nounits"]
    return io.run(argv, timeout=SMI_TIMEOUT)


def _from_smi(io: HostIO, smi: str) -> tuple[list[Accelerator] | None, str | None]:
    """(GPUs, None) when nvidia-smi answered; (None, why) when it did not."""
    fields = list(QUERY_FIELDS)
    for _ in range(len(OPTIONAL_FIELDS) + 1):
        res = _run_query(io, smi, fields)
        if res.status == "timeout":
            return [_accel(source="nvidia-smi", status="error",
                           detail=f"nvidia-smi did not answer within {SMI_TIMEOUT:g} s (a hung driver?)")], None
        if res.status != "ok":
            return None, f"nvidia-smi could not run: {res.detail or res.status}"
        text = (res.stdout + "\n" + res.stderr).strip()
        bad = _INVALID_FIELD.search(text)
        if res.returncode != 0 and bad and bad.group(1) in fields and bad.group(1) in OPTIONAL_FIELDS:
            fields.remove(bad.group(1))  # an older nvidia-smi: ask again without that field
            continue
        if res.returncode != 0:
            if "no devices were found" in text.lower():
                return [], None
            return None, _first_line(text) or f"nvidia-smi exited with code {res.returncode}"
        break
    else:
        return None, "nvidia-smi rejected the query fields"
    try:
        rows = [r for r in csv.reader(res.stdout.splitlines(), skipinitialspace=True) if r and any(c.strip() for c in r)]
    except csv.Error:  # e.g. a field over csv's size limit: megabytes of output on one line
        rows = []
    if not rows or any(len(r) != len(fields) or not _plausible(dict(zip(fields, (_value(c) for c in r)))) for r in rows):
        return [_accel(source="nvidia-smi", status="error",
                       detail=f"nvidia-smi printed something unexpected: {_first_line(res.stdout) or 'nothing'}")], None
    cuda = _max_cuda(io, smi)
    out = []
    for row in rows:
        v = dict(zip(fields, (_value(c) for c in row)))
        mem = v.get("memory.total")
        out.append(_accel(
            source="nvidia-smi",
            index=int(v["index"]) if (v.get("index") or "").isdigit() else len(out),
            model=v.get("name"),
            memory_bytes=int(float(mem) * 2**20) if mem and _is_number(mem) else None,  # MiB with nounits
            compute_capability=v.get("compute_cap"),
            driver_version=v.get("driver_version"),
            max_cuda_supported=cuda,
            pci_bus_id=pci.normalize_bus_id(v.get("pci.bus_id")),
            mig_mode=(v.get("mig.mode.current") or "").lower() or None,
        ))
    return out, None


def _max_cuda(io: HostIO, smi: str) -> str | None:
    """The "CUDA Version" of the nvidia-smi header: the newest CUDA this driver supports."""
    res = io.run([smi], timeout=SMI_TIMEOUT)
    m = _CUDA_VERSION.search(res.stdout) if res.status == "ok" else None
    return m.group(1) if m else None


def _from_nvml(io: HostIO) -> list[Accelerator]:
    """NVML through nvidia-ml-py, where nvidia-smi is missing but a driver may be loaded."""
    try:
        data = io.query("nvml")
    except QueryError:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("devices"), list):
        return []
    cuda = data.get("cuda_driver_version")
    cuda_text = f"{cuda // 1000}.{(cuda % 1000) // 10}" if isinstance(cuda, int) and cuda > 0 else None
    out = []
    for i, d in enumerate(data["devices"]):
        if not isinstance(d, dict):
            continue
        out.append(_accel(
            source="nvml", index=i, model=d.get("name"),
            memory_bytes=d.get("memory_total") if isinstance(d.get("memory_total"), int) else None,
            compute_capability=d.get("compute_capability"), driver_version=data.get("driver_version"),
            max_cuda_supported=cuda_text, pci_bus_id=pci.normalize_bus_id(d.get("pci_bus_id")),
            mig_mode=d.get("mig_mode"),
        ))
    return out


def _from_procfs(io: HostIO) -> list[Accelerator]:
    """The loaded kernel module's own view (/proc/driver/nvidia/gpus/<bus>/information)."""
    version = _module_version(io)
    if version is None or not io.exists("/dev/nvidiactl"):
        return []  # no module, or (in a container) a host module whose devices were not passed in
    out = []
    for i, bus in enumerate(listdir_or_empty(io, PROC_GPUS)):
        info = read_or_none(io, f"{PROC_GPUS}/{bus}/information") or ""
        model = re.search(r"^Model:\s*(.+)$", info, re.M)
        out.append(_accel(source="procfs", index=i, model=model.group(1).strip() if model else None,
                          driver_version=version, pci_bus_id=pci.normalize_bus_id(bus),
                          detail="nvidia-smi not found: memory and CUDA version unknown"))
    return out


def _module_version(io: HostIO) -> str | None:
    m = _KERNEL_MODULE.search(read_or_none(io, PROC_VERSION) or "")
    return m.group(1) if m else None


def _no_driver(io: HostIO, dev: pci.PciDevice, index: int, failure: str | None) -> Accelerator:
    """A GPU on the bus that no working driver serves, and the best account of why."""
    module = _module_version(io)
    if module and not io.exists("/dev/nvidiactl"):
        why = (f"the NVIDIA kernel module {module} is loaded (the host's, inside a container?) but there is "
               "no /dev/nvidiactl here: the GPU was not passed in")
    elif module:
        why = f"the NVIDIA kernel module {module} is loaded but does not answer"
    elif dev.driver and dev.driver != "nvidia":
        why = f"the nvidia kernel module is not loaded; the GPU is bound to {dev.driver}"
    else:
        why = "the nvidia kernel module is not loaded (no /proc/driver/nvidia/version)"
    if failure:
        why += f"; nvidia-smi: {failure}"
    elif not module:
        why += "; nvidia-smi not found"
    return _accel(source="sysfs", index=index, pci_bus_id=dev.address, status="no_driver",
                  detail=f"{why} ({dev.describe()})")


def _driver_failure(text: str | None) -> bool:
    low = (text or "").lower()
    return "communicate with the nvidia driver" in low or "nvidia-smi has failed" in low


def _first_line(text: str) -> str | None:
    return first_line(text, 300)


# What each query field holds with --format=csv,nounits (nvidia-smi --help-query-gpu): a row that does
# not fit is not a GPU, whatever its column count (another locale's "16.384 MiB", a wrapper's noise).
_FIELD_FORMS = {
    "index": r"\d+",
    "memory.total": r"\d+(?:\.\d+)?",
    "driver_version": r"\d+(?:\.\d+)+",
    "pci.bus_id": r"(?i)(?:[0-9a-f]{4,8}:)?[0-9a-f]{2}:[0-9a-f]{2}\.[0-7]",
    "compute_cap": r"\d+\.\d+",
    "mig.mode.current": r"(?i)enabled|disabled",
}


def _plausible(row: dict[str, str | None]) -> bool:
    return row.get("index") is not None and all(
        v is None or re.fullmatch(_FIELD_FORMS[k], v) for k, v in row.items() if k in _FIELD_FORMS)


def _is_number(text: str) -> bool:
    try:
        float(text)
        return True
    except ValueError:
        return False
