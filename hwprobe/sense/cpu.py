"""CPU model, cores, frequency and the ISA features frameworks need (TensorFlow wheels need AVX)."""

from __future__ import annotations

import re
from typing import Any

from hwprobe.facts import CpuFacts
from hwprobe.sense._util import normalize_arch, read_or_none
from hwprobe.sense.host import os_name
from hwprobe.sense.io import HostIO, QueryError

# Linux /proc/cpuinfo flag (x86 "flags", arm64 "Features") -> hwprobe's name. Kernel names from
# arch/x86/include/asm/cpufeatures.h and arch/arm64/kernel/cpuinfo.c.
_LINUX_FLAGS = {
    "sse4_2": "sse4.2", "avx": "avx", "avx2": "avx2", "fma": "fma", "f16c": "f16c",
    "avx512f": "avx512f", "avx512bw": "avx512bw", "avx512vl": "avx512vl", "avx512dq": "avx512dq",
    "avx512_vnni": "avx512_vnni", "avx512_bf16": "avx512_bf16", "avx512_fp16": "avx512_fp16",
    "avx_vnni": "avx_vnni", "amx_tile": "amx_tile", "amx_bf16": "amx_bf16", "amx_int8": "amx_int8",
    "asimd": "neon", "asimdhp": "fp16", "asimddp": "dotprod", "bf16": "bf16", "i8mm": "i8mm",
    "sve": "sve", "sve2": "sve2", "sme": "sme",
}
# macOS sysctl hw.optional.* (Apple "Determining instruction set characteristics").
_MAC_FLAGS = {
    "hw.optional.sse4_2": "sse4.2", "hw.optional.avx1_0": "avx", "hw.optional.avx2_0": "avx2",
    "hw.optional.fma": "fma", "hw.optional.f16c": "f16c", "hw.optional.avx512f": "avx512f",
    "hw.optional.avx512bw": "avx512bw", "hw.optional.avx512vl": "avx512vl",
    "hw.optional.avx512dq": "avx512dq", "hw.optional.avx512vnni": "avx512_vnni",
    "hw.optional.neon": "neon", "hw.optional.arm.FEAT_FP16": "fp16",
    "hw.optional.arm.FEAT_DotProd": "dotprod", "hw.optional.arm.FEAT_BF16": "bf16",
    "hw.optional.arm.FEAT_I8MM": "i8mm", "hw.optional.arm.FEAT_SME": "sme",
}
# py-cpuinfo flag names (cpuid) for Windows and other systems without a text source.
_CPUINFO_FLAGS = {**_LINUX_FLAGS, "avx512vnni": "avx512_vnni", "avx512bf16": "avx512_bf16", "sse4.2": "sse4.2"}
FLAG_ORDER = tuple(dict.fromkeys(_LINUX_FLAGS.values()))

# ARM "CPU implementer" codes (Linux arch/arm64/include/asm/cputype.h).
_ARM_IMPLEMENTERS = {"0x41": "ARM", "0x42": "Broadcom", "0x43": "Cavium", "0x46": "Fujitsu",
                     "0x48": "HiSilicon", "0x4e": "NVIDIA", "0x51": "Qualcomm", "0x61": "Apple",
                     "0xc0": "Ampere"}


def _ordered(flags: set[str]) -> tuple[str, ...]:
    return tuple(f for f in FLAG_ORDER if f in flags)


def detect_cpu(io: HostIO) -> CpuFacts:
    plat = io.query("platform")
    os_ = os_name(plat.get("system", ""))
    arch = normalize_arch(plat.get("machine", ""))
    try:
        counts: dict[str, Any] = io.query("psutil.cpu")
    except QueryError as exc:
        counts = {"error": str(exc)}
    if os_ == "linux":
        facts = _linux(io, arch)
    elif os_ == "darwin":
        facts = _darwin(io, arch)
    else:
        facts = _generic(io, arch)
    freq = (counts.get("freq") or {}).get("max") or (counts.get("freq") or {}).get("current")
    return CpuFacts(
        arch=facts.get("arch", arch),
        model=facts.get("model"),
        vendor=facts.get("vendor"),
        physical_cores=facts.get("physical") or counts.get("physical"),
        logical_cores=facts.get("logical") or counts.get("logical"),
        frequency_mhz=float(freq) if freq else facts.get("mhz"),
        flags=_ordered(facts.get("flags", set())),
        usable_cores=_usable_cores(io, os_, counts),
        status="ok" if facts.get("model") or facts.get("flags") else "error",
        detail=facts.get("detail"),
    )


def _linux(io: HostIO, arch: str) -> dict[str, Any]:
    text = read_or_none(io, "/proc/cpuinfo")
    if text is None:
        return {"detail": "/proc/cpuinfo unreadable"}
    out: dict[str, Any] = {"flags": set()}
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if key == "model name" and "model" not in out:
            out["model"] = value
        elif key == "vendor_id" and "vendor" not in out:
            out["vendor"] = value
        elif key == "CPU implementer" and "vendor" not in out:
            out["vendor"] = _ARM_IMPLEMENTERS.get(value.lower(), value)
        elif key in ("flags", "Features") and not out["flags"]:
            out["flags"] = {_LINUX_FLAGS[f] for f in value.split() if f in _LINUX_FLAGS}
        elif key == "cpu MHz" and "mhz" not in out:
            try:
                out["mhz"] = float(value)
            except ValueError:
                pass
    if "model" not in out and arch == "aarch64" and io.which("lscpu"):
        res = io.run(["lscpu"], timeout=5)
        m = re.search(r"^Model name:\s*(.+)$", res.stdout, re.M) if res.ok else None
        if m:
            out["model"] = m.group(1).strip()
    max_khz = read_or_none(io, "/sys/devices/system/cpu/cpu0/cpufreq/cpuinfo_max_freq")
    if max_khz and max_khz.strip().isdigit():
        out["mhz"] = int(max_khz.strip()) / 1000
    return out


def _darwin(io: HostIO, arch: str) -> dict[str, Any]:
    if not io.which("sysctl"):
        return {"detail": "sysctl not found"}
    res = io.run(["sysctl", "hw", "machdep.cpu"], timeout=5)
    if not res.ok:
        return {"detail": f"sysctl failed: {res.detail or res.stderr.strip()[:200]}"}
    kv: dict[str, str] = {}
    for line in res.stdout.splitlines():
        key, sep, value = line.partition(":")
        if sep:
            kv[key.strip()] = value.strip()
    flags = {name for key, name in _MAC_FLAGS.items() if kv.get(key) == "1"}
    out: dict[str, Any] = {"flags": flags, "model": kv.get("machdep.cpu.brand_string")}
    if kv.get("hw.optional.arm64") == "1":
        out["arch"] = "aarch64"  # true even for a translated (Rosetta) process
        out["vendor"] = "Apple"
        out["flags"].add("neon")
    else:
        out["vendor"] = kv.get("machdep.cpu.vendor")
    for key, name in (("hw.physicalcpu", "physical"), ("hw.logicalcpu", "logical")):
        if kv.get(key, "").isdigit():
            out[name] = int(kv[key])
    if kv.get("hw.cpufrequency_max", "").isdigit():
        out["mhz"] = int(kv["hw.cpufrequency_max"]) / 1e6
    return out


def _generic(io: HostIO, arch: str) -> dict[str, Any]:
    try:
        info: dict[str, Any] = io.query("cpuinfo")
    except QueryError as exc:
        return {"detail": str(exc)}
    out: dict[str, Any] = {
        "model": info.get("brand_raw"),
        "vendor": info.get("vendor_id_raw"),
        "flags": {_CPUINFO_FLAGS[f] for f in info.get("flags") or [] if f in _CPUINFO_FLAGS},
    }
    hz = info.get("hz_advertised")
    if isinstance(hz, list) and hz and isinstance(hz[0], (int, float)) and hz[0] > 0:
        out["mhz"] = hz[0] / 1e6
    return out


def _usable_cores(io: HostIO, os_: str, counts: dict[str, Any]) -> int | None:
    """Cores this process may really use: affinity, narrowed by a cgroup v2 CPU quota (containers)."""
    usable = counts.get("affinity") or counts.get("logical")
    if os_ != "linux":
        return usable
    quota = read_or_none(io, "/sys/fs/cgroup/cpu.max")
    if quota:
        parts = quota.split()
        if len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and int(parts[1]) > 0:
            limit = max(1, -(-int(parts[0]) // int(parts[1])))
            usable = min(usable, limit) if usable else limit
    return usable
