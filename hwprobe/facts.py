"""What was observed on a machine, nothing inferred: frozen dataclasses that round-trip through JSON.

"Unknown" is a value with a reason (`status` + `detail`), never a display string like "N/A".
Only `sense/` and `probes/` create facts from a machine; `parse/` creates them from pasted text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from hwprobe._codec import from_jsonable, to_jsonable

# Device kinds and frameworks of the public contract (ARCHITECTURE.md).
DEVICE_KINDS: tuple[str, ...] = ("cpu", "cuda", "rocm", "mps", "tpu", "xpu")
FRAMEWORKS: tuple[str, ...] = ("torch", "tensorflow")

# Status of a sensed fact: ok, or why it is unknown.
SENSE_STATUSES = ("ok", "absent", "error", "timeout", "crashed")
# Status of a framework as probed in its child process. `error`: the child ended without a
# usable report (exit without JSON, JSON of the wrong shape) and without a signal.
# `unknown`: only from a pasted dump that shows the framework installed (pip list) but not whether it imports.
FRAMEWORK_STATUSES = ("ok", "not_installed", "import_error", "crashed", "timeout", "error", "unknown")
# FrameworkFacts.detail of a pasted import traceback cut before its error line: the import fails, for a reason unseen.
TRACEBACK_CUT_OFF = "the traceback is cut off before its error line"
# The detail of a framework that R failed to load (`library(torch)`, mlverse/torch) starts so: not a Python import.
R_DETAIL = "in R: "
# glibc's dynamic loader refusing a library built against a newer C/C++ runtime than the one it found ("version
# `GLIBCXX_3.4.29' not found"): what an import failure's detail says when that is its cause; parsers read it from a
# paste, rules explain it (https://gcc.gnu.org/onlinedocs/libstdc++/manual/abi.html).
SYMBOL_VERSION_MISSING = re.compile(r"\bversion [`'‘](?:GLIBCXX|GLIBC|CXXABI|GOMP)_[\d.]+['’] not found")
# Status of an accelerator as the OS sees it (Accelerator.status).
ACCELERATOR_STATUSES = ("ok", "no_driver", "no_permission", "busy", "error")

# Parts of Facts a pasted dump may leave unknown (Facts.unknown). "<framework>.devices": the devices
# that framework sees were not listed ("<framework>.devices.<kind>": not for that kind); "frameworks":
# a framework absent from `frameworks` may still be installed; "packages": likewise for a package.
UNKNOWABLE: tuple[str, ...] = (
    "host.os", "host.arch", "host.os_version", "host.python", "host.wsl", "host.container", "cpu", "cpu.flags",
    "memory", "accelerators", "packages", "frameworks", "environment",
    *(f"{fw}.devices{k}" for fw in FRAMEWORKS for k in ("", *(f".{d}" for d in DEVICE_KINDS))),
)

F = TypeVar("F", bound="_Fact")


class _Fact:
    """Mixin: JSON round trip for every fact class."""

    def to_dict(self) -> dict[str, Any]:
        return to_jsonable(self)

    @classmethod
    def from_dict(cls: type[F], data: dict[str, Any]) -> F:
        return from_jsonable(cls, data)


@dataclass(frozen=True)
class PythonFacts(_Fact):
    """The interpreter the frameworks are probed in (the one running hwprobe).

    Always known when sensed live; None where a pasted dump does not say (`hwprobe explain`).
    """

    version: str | None = None
    implementation: str | None = None
    executable: str | None = None
    machine: str | None = None  # platform.machine() as this Python sees it (x86_64 under Rosetta)
    bits: int | None = None
    venv: bool = False
    env_manager: str | None = None  # venv | conda | uv | system
    conda_env: str | None = None
    free_threaded: bool = False
    is_rosetta: bool | None = None  # None: not a Mac, or not known


@dataclass(frozen=True)
class WslFacts(_Fact):
    version: int  # 1 or 2
    gpu_device: bool = False  # /dev/dxg, the GPU paravirtualization device of WSL2
    libcuda: bool = False  # /usr/lib/wsl/lib/libcuda.so, mapped in from the Windows driver
    detail: str | None = None
    windows_build: int | None = None  # the Windows host's build (19045); only where a paste says it


@dataclass(frozen=True)
class ContainerFacts(_Fact):
    runtime: str  # docker | podman | kubernetes | apptainer | lxc | containerd | unknown
    gpu_hints: tuple[str, ...] = ()  # what says GPUs were (or were not) passed in
    detail: str | None = None
    # GPU device nodes present inside the container (/dev/nvidiactl, /dev/nvidia0, /dev/kfd,
    # /dev/dri/renderD128, /dev/dxg, /dev/accel0); empty: none was passed in.
    gpu_devices: tuple[str, ...] = ()


@dataclass(frozen=True)
class HostFacts(_Fact):
    # os, arch and python are always sensed live; None only where a pasted dump does not say.
    os: str | None = None  # linux | darwin | windows | <platform.system() lowercased>
    arch: str | None = None  # normalized machine arch of the OS: x86_64 | aarch64 | i686 | ...
    python: PythonFacts = field(default_factory=PythonFacts)
    os_version: str | None = None  # macOS 14.5, Windows 10.0.22631, distro version on Linux
    distro: str | None = None  # "Debian GNU/Linux 12 (bookworm)"
    distro_id: str | None = None  # "debian"
    kernel: str | None = None
    libc: str | None = None  # "glibc 2.36"
    wsl: WslFacts | None = None
    container: ContainerFacts | None = None
    ci: str | None = None  # github-actions | gitlab-ci | ...
    virtualization: str | None = None  # kvm | vmware | ... where known


@dataclass(frozen=True)
class CpuFacts(_Fact):
    arch: str | None = None  # None only where a pasted dump does not say
    model: str | None = None
    vendor: str | None = None
    physical_cores: int | None = None
    logical_cores: int | None = None
    frequency_mhz: float | None = None  # the highest rated frequency where known
    flags: tuple[str, ...] = ()  # ISA features frameworks care about, normalized names
    usable_cores: int | None = None  # cores this process may use (affinity / cgroup quota)
    status: str = "ok"
    detail: str | None = None


@dataclass(frozen=True)
class MemoryFacts(_Fact):
    total_bytes: int | None = None
    available_bytes: int | None = None
    status: str = "ok"
    detail: str | None = None


@dataclass(frozen=True)
class Accelerator(_Fact):
    """One device as the OS and driver see it, independent of any framework."""

    kind: str  # cuda | rocm | mps | tpu | xpu
    vendor: str  # nvidia | amd | apple | google | intel
    source: str  # what saw it: nvidia-smi, nvml, sysfs, rocminfo, sysctl, ...
    index: int | None = None
    model: str | None = None
    memory_bytes: int | None = None
    compute_capability: str | None = None  # NVIDIA, "8.6"
    gfx_arch: str | None = None  # AMD, "gfx90a"
    driver_version: str | None = None
    max_cuda_supported: str | None = None  # the "CUDA Version" the driver supports, "12.4"
    pci_bus_id: str | None = None
    mig_mode: str | None = None
    cores: int | None = None  # Apple GPU cores, TPU chips per host, ...
    runtime_version: str | None = None  # ROCm (/opt/rocm/.info/version), libtpu, Level Zero, ...
    status: str = "ok"  # ok | no_driver | no_permission | busy | error
    detail: str | None = None


@dataclass(frozen=True)
class SmokeResult(_Fact):
    """A small matmul + conv on the device, checked against a CPU float64 reference."""

    status: str  # ok | failed (wrong numbers) | error (raised) | skipped
    detail: str | None = None
    max_error: float | None = None  # max |device - reference| / max(1, max |reference|)
    seconds: float | None = None


@dataclass(frozen=True)
class DeviceFacts(_Fact):
    """One device as a framework sees it."""

    kind: str
    index: int
    name: str | None = None
    available: bool = True
    capability: str | None = None  # compute capability or gfx arch as the framework reports it
    memory_bytes: int | None = None
    smoke: SmokeResult | None = None
    detail: str | None = None


@dataclass(frozen=True)
class FrameworkFacts(_Fact):
    name: str  # torch | tensorflow
    status: str  # see FRAMEWORK_STATUSES
    version: str | None = None
    distribution: str | None = None  # the installed distribution providing it: tensorflow-cpu
    detail: str | None = None
    build: dict[str, Any] = field(default_factory=dict)  # cuda, cudnn, hip, arch_list, ...
    devices: tuple[DeviceFacts, ...] = ()
    warnings: tuple[str, ...] = ()  # warnings raised while importing / querying devices
    stderr_tail: str | None = None
    returncode: int | None = None
    signal: str | None = None  # SIGILL, SIGSEGV, ... when the child died of a signal
    duration_s: float | None = None
    import_s: float | None = None


@dataclass(frozen=True)
class EnvironmentFacts(_Fact):
    """The Python environment around the frameworks: variables that change what they see, and
    how packages were installed (values of secret-looking variables are never stored)."""

    variables: dict[str, str] = field(default_factory=dict)
    package_duplicates: dict[str, tuple[str, ...]] = field(default_factory=dict)  # name -> versions
    installers: dict[str, str] = field(default_factory=dict)  # name -> pip | conda | uv | ...
    # The CUDA toolkit outside pip wheels: a conda env's cudatoolkit, else the system's (CUDA_HOME/CUDA_PATH or
    # /usr/local/cuda, nvcc). What conda TensorFlow, TensorFlow < 2.14 and native-Windows TensorFlow load; pip
    # torch brings its own and ignores it.
    cuda_toolkit: str | None = None


@dataclass(frozen=True)
class BenchmarkRow(_Fact):
    framework: str
    device: str  # "cpu", "cuda:0", ...
    mode: str  # train | infer
    batch_size: int
    status: str  # ok | error | timeout | crashed | oom | skipped
    images_per_sec: float | None = None
    median_ms: float | None = None
    iqr_ms: float | None = None
    runs: int | None = None
    gflops_per_sec: float | None = None
    flops_per_image: float | None = None
    peak_gflops: float | None = None
    share_of_peak: float | None = None
    noisy: bool = False
    config: dict[str, Any] = field(default_factory=dict)  # threads, channels_last, compile, ...
    detail: str | None = None


@dataclass(frozen=True)
class Observation(_Fact):
    """A known message seen in text: a framework's stderr or warnings, or a pasted dump.

    Made only by `reason.evidence.match_text` from the patterns in matrices/error_patterns.json,
    so live probes and pasted text become the same evidence for the same rules.
    """

    code: str  # the pattern's observation code, e.g. torch.not_compiled_with_cuda
    text: str  # the line it was seen in, as it was (trimmed to 300 characters)
    source: str  # where: "paste", "torch stderr", "tensorflow warnings", ...
    line: int | None = None  # 1-based line number in a pasted dump
    framework: str | None = None  # the framework the text came from or is about, where known
    values: dict[str, str] = field(default_factory=dict)  # named groups of the pattern: {"found": "11040"}


@dataclass(frozen=True)
class Facts(_Fact):
    """Everything sensed about one machine: the only input of reasoning."""

    host: HostFacts
    cpu: CpuFacts
    memory: MemoryFacts
    accelerators: tuple[Accelerator, ...] = ()
    packages: dict[str, str] = field(default_factory=dict)  # distribution -> version, not imported
    frameworks: tuple[FrameworkFacts, ...] = ()
    environment: EnvironmentFacts = field(default_factory=EnvironmentFacts)
    benchmarks: tuple[BenchmarkRow, ...] = ()
    observations: tuple[Observation, ...] = ()  # from pasted text; live ones are derived (reason.evidence)
    # What the source did not tell (a pasted dump): parts named in UNKNOWABLE. Empty for live sensing,
    # where every part was looked at: an empty `accelerators` then means none, not unknown.
    unknown: tuple[str, ...] = ()

    def knows(self, part: str) -> bool:
        """Whether `part` (see UNKNOWABLE) was observed; e.g. knows("accelerators") before trusting ()."""
        return part not in self.unknown

    def framework(self, name: str) -> FrameworkFacts | None:
        return next((f for f in self.frameworks if f.name == name), None)

    def accelerators_of(self, kind: str) -> tuple[Accelerator, ...]:
        return tuple(a for a in self.accelerators if a.kind == kind)
