"""A machine as install advice sees it: this one (from facts) or one described by flags."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from hwprobe.errors import UsageError
from hwprobe.facts import Facts
from hwprobe.reason.versions import parse

OSES = ("linux", "windows", "darwin")
ARCHES = ("x86_64", "aarch64")
ACCELERATORS = ("cpu", "cuda", "rocm", "mps", "tpu", "xpu")
MANAGERS = ("pip", "uv", "conda")
# Order in which a machine's accelerators are preferred when it has several.
ACCELERATOR_PREFERENCE = ("cuda", "rocm", "tpu", "xpu", "mps")
_OS_ALIASES = {"linux": "linux", "windows": "windows", "win": "windows", "win32": "windows",
               "darwin": "darwin", "macos": "darwin", "mac": "darwin", "osx": "darwin"}
_ARCH_ALIASES = {"x86_64": "x86_64", "amd64": "x86_64", "x64": "x86_64",
                 "aarch64": "aarch64", "arm64": "aarch64"}


@dataclass(frozen=True)
class Platform:
    """What decides which build to install. None: not known (advice then names what it assumed)."""

    os: str
    arch: str
    accelerator: str = "cpu"
    python: str | None = None  # "3.12" or "3.12.4"
    driver: str | None = None  # NVIDIA driver version
    max_cuda: str | None = None  # the CUDA version the driver supports (nvidia-smi header)
    compute_capability: str | None = None  # NVIDIA GPU, "8.6"
    gfx_arch: str | None = None  # AMD GPU, "gfx90a"
    os_version: str | None = None  # macOS version ("14.5"); others unused
    package_manager: str = "pip"  # pip | uv | conda
    wsl: bool = False  # Linux inside WSL 2: wheels are Linux, the NVIDIA driver is the Windows one
    free_threaded: bool = False
    avx: bool | None = None  # None: CPU flags not known
    jetson: bool = False  # an NVIDIA Jetson board (its GPU named so, or a Tegra kernel): JetPack builds only
    os_assumed: bool = False  # the OS was not known (a paste that names none): `os` is Linux, advice says so

    @property
    def key(self) -> str:
        return f"{self.os}-{self.arch}"

    def to_dict(self) -> dict[str, Any]:
        return dict(self.__dict__)


def _manager(facts: Facts) -> str:
    m = facts.host.python.env_manager
    return m if m in ("uv", "conda") else "pip"


def _nvidia(facts: Facts):  # noqa: ANN202
    return [a for a in facts.accelerators if a.kind == "cuda" and a.vendor == "nvidia"]


def platform_of(facts: Facts, accelerator: str | None = None) -> Platform:
    """This machine's platform; `accelerator` forces the accelerator to advise for."""
    kinds = [a.kind for a in facts.accelerators if a.status in ("ok", "no_permission", "busy")]
    best = accelerator or next((k for k in ACCELERATOR_PREFERENCE if k in kinds), None)
    if best is None and facts.host.os == "darwin" and facts.host.arch == "aarch64":
        best = "mps"  # every Apple Silicon Mac has a Metal GPU
    gpu = next(iter(_nvidia(facts)), None)
    amd = next((a for a in facts.accelerators if a.kind == "rocm"), None)
    flags = set(facts.cpu.flags)
    avx: bool | None = None
    if facts.cpu.status == "ok" and flags and facts.host.arch == "x86_64":
        avx = "avx" in flags
    return Platform(
        os=facts.host.os if facts.host.os in OSES else "linux",
        os_assumed=facts.host.os not in OSES,
        arch=facts.host.arch if facts.host.arch in ARCHES else "x86_64",
        accelerator=best or "cpu",
        python=facts.host.python.version or None,
        driver=gpu.driver_version if gpu else None,
        max_cuda=gpu.max_cuda_supported if gpu else None,
        compute_capability=(gpu.compute_capability if gpu else None),
        gfx_arch=amd.gfx_arch if amd else None,
        os_version=facts.host.os_version if facts.host.os == "darwin" else None,
        package_manager=_manager(facts),
        wsl=facts.host.wsl is not None,
        free_threaded=facts.host.python.free_threaded,
        avx=avx,
        jetson=bool(gpu and (gpu.model or "").startswith("Jetson")),
    )


def _version(flag: str, value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"\d+(\.\d+){0,3}", value.strip()) or parse(value) is None:
        raise UsageError(f"{flag} {value!r}: expected a version number such as 12.4")
    return value.strip()


def override(base: Platform, *, os: str | None = None, arch: str | None = None,  # noqa: A002
             accelerator: str | None = None, python: str | None = None, driver: str | None = None,
             cuda: str | None = None, compute_capability: str | None = None, gfx: str | None = None,
             os_version: str | None = None, manager: str | None = None) -> Platform:
    """Flags over a base platform; a bad value is a usage error (exit 2), never a traceback."""
    changes: dict[str, Any] = {}
    if os is not None:
        if os.lower() not in _OS_ALIASES:
            raise UsageError(f"--os {os!r}: expected one of {', '.join(OSES)}")
        changes["os"] = _OS_ALIASES[os.lower()]
        changes["os_assumed"] = False
        if changes["os"] != base.os:  # another machine: nothing sensed here applies
            changes.update(wsl=False, os_version=None, avx=None, driver=None, max_cuda=None,
                           compute_capability=None, gfx_arch=None)
    if arch is not None:
        if arch.lower() not in _ARCH_ALIASES:
            raise UsageError(f"--arch {arch!r}: expected one of {', '.join(ARCHES)}")
        changes["arch"] = _ARCH_ALIASES[arch.lower()]
    if accelerator is not None:
        acc = {"gpu": "cuda", "nvidia": "cuda", "amd": "rocm", "apple": "mps", "metal": "mps"}.get(
            accelerator.lower(), accelerator.lower())
        if acc not in ACCELERATORS:
            raise UsageError(f"--accelerator {accelerator!r}: expected one of {', '.join(ACCELERATORS)}")
        changes["accelerator"] = acc
    if python is not None:
        changes["python"] = _version("--python", python)
    if driver is not None:
        changes["driver"] = _version("--driver", driver)
        changes.setdefault("max_cuda", None)  # recomputed from the driver table
    if cuda is not None:
        changes["max_cuda"] = _version("--cuda", cuda)
    if compute_capability is not None:
        if not re.fullmatch(r"\d+\.\d+", compute_capability):
            raise UsageError(f"--compute-capability {compute_capability!r}: expected MAJOR.MINOR such as 8.6")
        changes["compute_capability"] = compute_capability
    if gfx is not None:
        if not re.fullmatch(r"gfx[0-9a-f]+", gfx.lower()):
            raise UsageError(f"--gfx {gfx!r}: expected an AMD target such as gfx90a")
        changes["gfx_arch"] = gfx.lower()
    if os_version is not None:
        changes["os_version"] = _version("--os-version", os_version)
    if manager is not None:
        if manager not in MANAGERS:
            raise UsageError(f"--package-manager {manager!r}: expected one of {', '.join(MANAGERS)}")
        changes["package_manager"] = manager
    return replace(base, **changes)
