"""OS, distro, kernel, libc and the Python interpreter the frameworks would run in."""

from __future__ import annotations

import re
from typing import Any

from hwprobe.facts import HostFacts, PythonFacts
from hwprobe.sense import context
from hwprobe.sense._util import normalize_arch, parse_key_values, read_or_none
from hwprobe.sense.io import HostIO, QueryError

_OS_NAMES = {"Linux": "linux", "Darwin": "darwin", "Windows": "windows"}


def os_name(system: str) -> str:
    return _OS_NAMES.get(system, (system or "unknown").lower())


def detect_host(io: HostIO) -> HostFacts:
    """The host as the OS describes it; unknown parts stay None."""
    plat: dict[str, Any] = io.query("platform")
    os_ = os_name(plat.get("system", ""))
    translated = _rosetta(io) if os_ == "darwin" else None
    arch = normalize_arch(plat.get("machine", ""))
    if translated:
        arch = "aarch64"  # the hardware under an x86_64 Python translated by Rosetta 2
    distro = distro_id = os_version = libc = None
    if os_ == "linux":
        distro, distro_id, os_version = _linux_distro(io)
        libc = _libc(io)
    elif os_ == "darwin":
        os_version = _macos_version(io, plat)
        distro = f"macOS {os_version}" if os_version else "macOS"
    elif os_ == "windows":
        os_version, distro = _windows_version(plat)
    return HostFacts(
        os=os_,
        arch=arch,
        python=detect_python(io, translated),
        os_version=os_version,
        distro=distro,
        distro_id=distro_id,
        kernel=plat.get("release") or None,
        libc=libc,
        wsl=context.detect_wsl(io) if os_ == "linux" else None,
        container=context.detect_container(io) if os_ == "linux" else None,
        ci=context.detect_ci(io),
        virtualization=context.detect_virtualization(io) if os_ == "linux" else None,
    )


def detect_python(io: HostIO, is_rosetta: bool | None = None) -> PythonFacts:
    try:
        py: dict[str, Any] = io.query("python")
    except QueryError:  # only a recording rebuilt from a paste that shows no interpreter lacks this
        py = {}
    prefix, base = py.get("prefix") or "", py.get("base_prefix") or ""
    env = io.env()
    venv = bool(prefix and base and prefix != base)
    sep = "\\" if "\\" in prefix and "/" not in prefix else "/"
    if prefix and io.exists(f"{prefix}{sep}conda-meta"):
        manager = "conda"
    elif venv:
        cfg = read_or_none(io, f"{prefix}{sep}pyvenv.cfg") or ""
        manager = "uv" if re.search(r"^\s*uv\s*=", cfg, re.M) else "venv"
    else:
        manager = "system" if prefix else None  # no prefix: a recording that does not know it
    return PythonFacts(
        version=str(py.get("version", "")),
        implementation=str(py.get("implementation", "")),
        executable=str(py.get("executable", "")),
        machine=py.get("machine"),
        bits=py.get("bits"),
        venv=venv,
        env_manager=manager,
        conda_env=env.get("CONDA_DEFAULT_ENV") if manager == "conda" else None,
        free_threaded=bool(py.get("free_threaded", False)),
        is_rosetta=is_rosetta,
    )


def _linux_distro(io: HostIO) -> tuple[str | None, str | None, str | None]:
    # os-release(5): /etc/os-release, falling back to /usr/lib/os-release.
    text = read_or_none(io, "/etc/os-release") or read_or_none(io, "/usr/lib/os-release")
    if not text:
        return None, None, None
    kv = parse_key_values(text)
    name = kv.get("PRETTY_NAME") or " ".join(x for x in (kv.get("NAME"), kv.get("VERSION")) if x) or None
    return name, kv.get("ID") or None, kv.get("VERSION_ID") or None


def _libc(io: HostIO) -> str | None:
    try:
        name, version = io.query("libc")
    except (QueryError, ValueError, TypeError):
        return None
    if name == "glibc" and version:
        return f"glibc {version}"
    if name:
        return f"{name} {version}".strip()
    return None  # musl and others: platform.libc_ver() cannot tell


def _rosetta(io: HostIO) -> bool | None:
    # sysctl.proc_translated: 1 under Rosetta 2, 0 native, absent on Intel Macs (Apple, "About the
    # Rosetta translation environment").
    if not io.which("sysctl"):
        return None
    res = io.run(["sysctl", "-n", "sysctl.proc_translated"], timeout=5)
    if res.status != "ok":
        return None
    if res.returncode != 0:
        return False  # the key does not exist: an Intel Mac, nothing is translated
    return {"1": True, "0": False}.get(res.stdout.strip())  # anything else: not known


def _macos_version(io: HostIO, plat: dict[str, Any]) -> str | None:
    # sw_vers is right where platform.mac_ver() reports the 10.16 compatibility version of old builds.
    if io.which("sw_vers"):
        res = io.run(["sw_vers", "-productVersion"], timeout=5)
        if res.ok and re.fullmatch(r"\d+(?:\.\d+){0,3}", res.stdout.strip()):  # "14.5"; never a tool's noise
            return res.stdout.strip()
    return plat.get("mac_ver") or None


def _windows_version(plat: dict[str, Any]) -> tuple[str | None, str | None]:
    ver = plat.get("win32_ver") or []
    build = ver[1] if len(ver) > 1 else plat.get("version")
    if not build:
        return None, "Windows"
    m = re.match(r"(\d+)\.(\d+)\.(\d+)", build)
    # Windows 11 still reports major 10; build 22000 and later is Windows 11.
    name = "Windows 11" if m and m.group(1) == "10" and int(m.group(3)) >= 22000 else f"Windows {plat.get('release', '')}".strip()
    edition = plat.get("win32_edition")
    return build, f"{name} {edition}" if edition else name
