"""Live system facts agree with the machine's own tools (psutil-style tests against native sources)."""

from __future__ import annotations

import os
import platform
import sys
from importlib import metadata
from pathlib import Path

import pytest

from hwprobe.sense.cpu import detect_cpu
from hwprobe.sense.host import detect_host
from hwprobe.sense.io import LiveIO
from hwprobe.sense.memory import detect_memory
from hwprobe.sense.packages import detect_packages

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")


def test_host_matches_platform_and_this_interpreter():
    host = detect_host(LiveIO())
    assert host.os == {"Linux": "linux", "Darwin": "darwin", "Windows": "windows"}[platform.system()]
    assert host.python.version == platform.python_version()
    assert host.python.executable == sys.executable
    assert host.python.venv == (sys.prefix != sys.base_prefix)
    assert host.kernel == platform.release()


@linux_only
def test_distro_matches_os_release():
    text = Path("/etc/os-release").read_text()
    pretty = next(line.split("=", 1)[1].strip().strip('"') for line in text.splitlines() if line.startswith("PRETTY_NAME="))
    assert detect_host(LiveIO()).distro == pretty


def test_cpu_counts_match_os_cpu_count():
    cpu = detect_cpu(LiveIO())
    assert cpu.logical_cores == os.cpu_count()
    assert 1 <= (cpu.physical_cores or 1) <= cpu.logical_cores


@linux_only
def test_cpu_flags_are_those_of_proc_cpuinfo():
    raw = set()
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith(("flags", "Features")):
            raw = set(line.split(":", 1)[1].split())
            break
    cpu = detect_cpu(LiveIO())
    native = {"sse4.2" if f == "sse4_2" else f for f in raw}
    arm = {"neon": "asimd", "fp16": "asimdhp", "dotprod": "asimddp"}
    for flag in cpu.flags:
        assert flag in native or arm.get(flag) in raw, flag
    if "avx2" in raw:
        assert "avx2" in cpu.flags


@linux_only
def test_memory_total_matches_proc_meminfo():
    line = next(x for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal:"))
    total = int(line.split()[1]) * 1024
    mem = detect_memory(LiveIO())
    assert mem.total_bytes == total
    assert 0 < mem.available_bytes <= total


def test_package_versions_come_from_metadata_without_importing_frameworks():
    before = {m for m in ("torch", "tensorflow") if m in sys.modules}
    packages, _ = detect_packages(LiveIO())
    for name, version in packages.items():
        assert metadata.version(name) == version
    assert {m for m in ("torch", "tensorflow") if m in sys.modules} == before


# --- accelerators: the detectors agree with what the machine itself shows ---------------------------------------

def _pci_display_vendors() -> set[str]:
    out = set()
    for dev in Path("/sys/bus/pci/devices").glob("*"):
        try:
            cls, vendor = (dev / "class").read_text().strip(), (dev / "vendor").read_text().strip()
        except OSError:
            continue
        if cls.startswith(("0x03", "0x12")):
            out.add(vendor)
    return out


@linux_only
def test_nvidia_detector_agrees_with_nvidia_smi_and_the_pci_bus():
    import shutil
    import subprocess

    from hwprobe.sense.nvidia import detect_nvidia

    found = detect_nvidia(LiveIO())
    smi = shutil.which("nvidia-smi")
    if smi is None and "0x10de" not in _pci_display_vendors():
        assert found == []  # nothing NVIDIA here: nothing may be reported
        return
    listed = subprocess.run([smi, "-L"], capture_output=True, text=True, timeout=30) if smi else None
    if listed is not None and listed.returncode == 0:
        assert len([a for a in found if a.status == "ok"]) == len(
            [ln for ln in listed.stdout.splitlines() if ln.startswith("GPU ")])
    else:
        assert found and all(a.status != "ok" for a in found)  # on the bus, no working driver


@linux_only
def test_rocm_detector_agrees_with_the_kfd_topology():
    from hwprobe.sense.rocm import detect_rocm

    gpus = 0
    for props in Path("/sys/class/kfd/kfd/topology/nodes").glob("*/properties"):
        text = props.read_text()
        gpus += any(ln.split()[:1] == ["gfx_target_version"] and ln.split()[1] != "0" for ln in text.splitlines())
    found = detect_rocm(LiveIO())
    if gpus:
        assert len(found) == gpus and all(a.gfx_arch and a.gfx_arch.startswith("gfx") for a in found)
    else:
        assert all(a.status == "no_driver" for a in found)
        assert bool(found) == ("0x1002" in _pci_display_vendors())


def test_no_accelerator_is_reported_where_the_os_shows_none():
    from hwprobe.sense.accelerators import detect_accelerators

    markers = [p for p in ("/dev/kfd", "/dev/accel0", "/dev/dxg", "/dev/nvidiactl") if Path(p).exists()]
    vendors = _pci_display_vendors() & {"0x10de", "0x1002", "0x1ae0"} if sys.platform.startswith("linux") else {"?"}
    import shutil

    if markers or vendors or shutil.which("nvidia-smi") or sys.platform == "darwin":
        pytest.skip(f"this machine has accelerator markers: {markers or vendors or 'nvidia-smi/macOS'}")
    assert detect_accelerators(LiveIO()) == ()


def test_no_vendor_tool_runs_where_that_vendors_hardware_is_absent():
    """The detectors look only where their own markers are: no command, no /proc scan on a machine without them."""
    from hwprobe.sense.accelerators import detect_accelerators
    from hwprobe.sense.io import RecordingIO

    rec = RecordingIO(LiveIO())
    found = detect_accelerators(rec)
    if not found:
        assert rec.commands == []  # no vendor tool runs on a machine without that vendor's hardware
        assert not any(k.startswith("/proc/") and k.endswith("/fd") for k in rec.data["listdir"])
