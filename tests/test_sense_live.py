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
