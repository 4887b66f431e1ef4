"""Facts for hardware and environments this machine lacks, built in tests (ARCHITECTURE.md, Testing).

These are not recordings: they state the few facts a rule reads (a GPU's model, compute capability
and driver, a framework's build keys as the probes report them) so each rule can be tested on the
combination it is about and on its healthy neighbours.
"""

from __future__ import annotations

from typing import Any

from hwprobe.facts import (Accelerator, ContainerFacts, CpuFacts, DeviceFacts, EnvironmentFacts, Facts,
                           FrameworkFacts, HostFacts, MemoryFacts, PythonFacts, SmokeResult, WslFacts)
from hwprobe.reason import build_report
from hwprobe.reason.evidence import match_text

OK = SmokeResult("ok", max_error=1e-7)
CPU_DEV = DeviceFacts("cpu", 0, name="cpu", smoke=OK)


def host(os: str = "linux", arch: str = "x86_64", python: str = "3.12.4", **kw: Any) -> HostFacts:  # noqa: A002
    py = PythonFacts(python, "CPython", "/opt/py/bin/python", machine=kw.pop("machine", arch), bits=kw.pop("bits", 64),
                     env_manager=kw.pop("env_manager", "venv"), is_rosetta=kw.pop("is_rosetta", None),
                     free_threaded=kw.pop("free_threaded", False))
    return HostFacts(os=os, arch=arch, python=py, **kw)


def facts(h: HostFacts | None = None, *, accelerators=(), frameworks=(), packages=None, env=None, flags=("avx", "avx2"),
          observations=(), duplicates=None, installers=None, cpu_model="Intel(R) Xeon(R)") -> Facts:
    h = h or host()
    return Facts(host=h, cpu=CpuFacts(arch=h.arch, model=cpu_model, flags=tuple(flags)), memory=MemoryFacts(),
                 accelerators=tuple(accelerators), packages=dict(packages or {}), frameworks=tuple(frameworks),
                 environment=EnvironmentFacts(variables=dict(env or {}), package_duplicates=dict(duplicates or {}),
                                              installers=dict(installers or {})),
                 observations=tuple(observations))


def nvidia(model: str = "NVIDIA H100 80GB HBM3", cc: str | None = "9.0", driver: str | None = "550.54.14",
           cuda: str | None = "12.4", status: str = "ok", **kw: Any) -> Accelerator:
    return Accelerator(kind="cuda", vendor="nvidia", source="nvidia-smi", index=0, model=model, compute_capability=cc,
                       driver_version=driver, max_cuda_supported=cuda, status=status, **kw)


def amd(model: str = "AMD Radeon RX 7900 XTX", gfx: str | None = "gfx1100", status: str = "ok", **kw: Any) -> Accelerator:
    return Accelerator(kind="rocm", vendor="amd", source="rocminfo", index=0, model=model, gfx_arch=gfx, status=status, **kw)


def torch(version: str = "2.8.0+cu128", *, cuda: str | None = "12.8", hip: str | None = None,
          arch: list[str] | None = None, mps_built: bool = False, devices=None, status: str = "ok",
          **kw: Any) -> FrameworkFacts:
    build = {"cuda": cuda, "hip": hip, "arch_list": arch or [], "mps_built": mps_built, "xpu_built": False}
    build.update(kw.pop("build", {}))
    if devices is None:
        devices = [CPU_DEV]
    return FrameworkFacts("torch", status, version=version, build=build, devices=tuple(devices), **kw)


def tf(version: str = "2.21.0", *, cuda_build: bool = True, devices=None, status: str = "ok",
       distribution: str | None = "tensorflow", **kw: Any) -> FrameworkFacts:
    build = {"is_cuda_build": cuda_build, "is_rocm_build": False}
    build.update(kw.pop("build", {}))
    return FrameworkFacts("tensorflow", status, version=version, distribution=distribution, build=build,
                          devices=tuple(devices if devices is not None else [CPU_DEV]), **kw)


def gpu_dev(kind: str = "cuda", name: str = "NVIDIA H100 80GB HBM3", cap: str | None = "9.0") -> DeviceFacts:
    return DeviceFacts(kind, 0, name=name, capability=cap, smoke=OK)


def pasted(text: str):  # noqa: ANN201
    return match_text(text, "paste", first_line=1)


def wsl(version: int = 2, dxg: bool = True, libcuda: bool = True) -> WslFacts:
    return WslFacts(version=version, gpu_device=dxg, libcuda=libcuda)


def container(runtime: str = "docker", hints=()) -> ContainerFacts:
    return ContainerFacts(runtime=runtime, gpu_hints=tuple(hints))


def report(f: Facts):  # noqa: ANN201
    return build_report(f)


def findings(f: Facts) -> dict[str, Any]:
    """code -> the first finding with that code."""
    out: dict[str, Any] = {}
    for x in build_report(f).findings:
        out.setdefault(x.code, x)
    return out


UNKNOWN_ALL = ("host.os", "host.arch", "host.os_version", "host.python", "host.wsl", "host.container", "cpu",
               "cpu.flags", "memory", "accelerators", "packages", "frameworks", "environment")


def paste(text: str, *, os: str | None = None, python: str | None = None, accelerators=(), frameworks=(),  # noqa: A002
          packages=None, env=None, wsl_facts: WslFacts | None = None, box: ContainerFacts | None = None,
          known: tuple[str, ...] = ()) -> Facts:
    """Facts as `hwprobe explain` builds them from a paste that states little: every part it does not
    state is in Facts.unknown, and the host's OS, architecture and Python may be None."""
    unknown = tuple(u for u in UNKNOWN_ALL if u not in known
                    and not (u == "host.os" and os) and not (u == "host.python" and python)
                    and not (u == "accelerators" and accelerators) and not (u == "frameworks" and frameworks)
                    and not (u == "packages" and packages) and not (u == "environment" and env)
                    and not (u == "host.wsl" and wsl_facts) and not (u == "host.container" and box))
    h = HostFacts(os=os, arch=None, python=PythonFacts(version=python), wsl=wsl_facts, container=box)
    return Facts(host=h, cpu=CpuFacts(), memory=MemoryFacts(), accelerators=tuple(accelerators),
                 packages=dict(packages or {}), frameworks=tuple(frameworks),
                 environment=EnvironmentFacts(variables=dict(env or {})), observations=pasted(text), unknown=unknown)
