"""The one seam between hwprobe and the machine: every read, listing, command and probe.

`LiveIO` touches the real machine; `RecordingIO` does the same and remembers every answer;
`ReplayIO` answers from a recording directory and fails loudly on anything it was not told.
Detectors get a `HostIO` and never read `sys.platform`, so a Mac recording replays on Linux.

Recording layout (tests/machines/<name>/):
    host.json            env, in-process queries, which/exists/listdir/readlink/access answers,
                         file errors, and `absent` globs for hand-built recordings
    files/<abs path>     contents of files read (e.g. files/proc/cpuinfo)
    commands/*.json      one CommandResult per command run (argv inside)
    probes/<name>.json   one CommandResult per framework probe child
"""

from __future__ import annotations

import errno as errno_mod
import fnmatch
import json
import os
import platform
import sys
import threading
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Protocol, Sequence

from hwprobe.errors import InputError, ReplayMissError
from hwprobe.sense.proc import CommandResult, resolve_command, run_process

RECORDING_FORMAT = 1
MAX_READ = 4 * 1024 * 1024

# Environment variables that change what frameworks and drivers see. Recordings keep only these;
# everything else in the environment is none of a recording's business.
RELEVANT_ENV_PREFIXES = (
    "CUDA_", "NVIDIA_", "NCCL_", "HIP_", "ROCR_", "ROCM_", "HSA_", "GPU_DEVICE_ORDINAL", "TPU_",
    "COLAB_", "XLA_", "PJRT_", "TF_", "KERAS_", "PYTORCH_", "TORCH_", "ZE_", "ONEAPI_", "SYCL_",
    "MKL_", "OMP_", "KMP_", "DNNL_", "ONEDNN_", "CONDA_", "WSL_", "KUBERNETES_", "SINGULARITY_",
    "APPTAINER_", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "JENKINS_URL", "TF_BUILD",
    "TRAVIS", "CI", "VIRTUAL_ENV", "LD_LIBRARY_PATH", "DYLD_LIBRARY_PATH", "PATH", "HOME",
    "USERPROFILE", "USER", "USERNAME", "LANG", "LC_ALL", "PYTHONPATH", "PYTHONHOME", "UV_",
    "container", "GCE_METADATA_HOST", "SAGEMAKER_", "KAGGLE_", "PROCESSOR_ARCHITECTURE",
    "LIBTPU_", "ALLOW_MULTIPLE_LIBTPU_LOAD", "BITBUCKET_BUILD_NUMBER", "TEAMCITY_VERSION", "DRONE",
    "APPVEYOR", "CODEBUILD_BUILD_ID", "HEROKU_TEST_RUN_ID", "WOODPECKER_CI", "SEMAPHORE",
)


def is_relevant_env(name: str) -> bool:
    return any(name == p or name.startswith(p) for p in RELEVANT_ENV_PREFIXES)


class HostIO(Protocol):
    """What a detector may ask of a machine. File calls raise OSError like the real ones."""

    def read_text(self, path: str, max_bytes: int = MAX_READ) -> str: ...
    def exists(self, path: str) -> bool: ...
    def listdir(self, path: str) -> list[str]: ...
    def readlink(self, path: str) -> str: ...
    def access(self, path: str, mode: str) -> bool: ...
    def which(self, name: str) -> str | None: ...
    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult: ...
    def probe(
        self, name: str, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult: ...
    def env(self) -> Mapping[str, str]: ...
    def query(self, name: str) -> Any: ...


# --- in-process readings (platform, interpreter, metadata, psutil): JSON-able, recorded by name ---


def _q_platform() -> dict[str, Any]:
    u = platform.uname()
    out: dict[str, Any] = {
        "system": u.system, "node": u.node, "release": u.release, "version": u.version,
        "machine": u.machine,
    }
    if u.system == "Darwin":
        out["mac_ver"] = platform.mac_ver()[0]
    if u.system == "Windows":
        out["win32_ver"] = list(platform.win32_ver())
        out["win32_edition"] = platform.win32_edition()
    return out


def _q_python() -> dict[str, Any]:
    import sysconfig

    return {
        "version": platform.python_version(),
        "implementation": platform.python_implementation(),
        "executable": sys.executable,
        "prefix": sys.prefix,
        "base_prefix": getattr(sys, "base_prefix", sys.prefix),
        "bits": 64 if sys.maxsize > 2**32 else 32,
        "machine": platform.machine(),
        "free_threaded": bool(sysconfig.get_config_var("Py_GIL_DISABLED")),
    }


def _q_libc() -> list[str]:
    name, version = platform.libc_ver()
    return [name, version]


def _q_distributions() -> list[dict[str, str | None]]:
    from importlib import metadata

    out = []
    for dist in metadata.distributions():
        try:
            name = dist.metadata["Name"]
            if not name:
                continue
            installer = (dist.read_text("INSTALLER") or "").strip() or None
            out.append({"name": name, "version": dist.version, "installer": installer})
        except Exception:  # a broken .dist-info must not hide the others
            continue
    return out


def _q_psutil_memory() -> dict[str, int]:
    import psutil

    vm = psutil.virtual_memory()
    return {"total": int(vm.total), "available": int(vm.available)}


def _q_psutil_cpu() -> dict[str, Any]:
    import psutil

    freq = None
    try:
        f = psutil.cpu_freq()
        freq = {"current": f.current, "min": f.min, "max": f.max} if f else None
    except Exception:
        freq = None
    affinity = None
    try:
        affinity = len(psutil.Process().cpu_affinity())  # type: ignore[attr-defined]
    except Exception:
        affinity = None
    return {
        "logical": psutil.cpu_count(logical=True),
        "physical": psutil.cpu_count(logical=False),
        "freq": freq,
        "affinity": affinity,
    }


def _q_cpuinfo() -> dict[str, Any]:
    # py-cpuinfo: the portable fallback (cpuid on Windows); slow, so used only where no text source is.
    import cpuinfo

    info = cpuinfo.get_cpu_info()
    keep = ("brand_raw", "vendor_id_raw", "arch", "bits", "count", "flags", "hz_advertised_friendly",
            "hz_actual_friendly", "hz_advertised", "hz_actual")
    return {k: info.get(k) for k in keep if k in info}


def _q_nvml() -> dict[str, Any]:
    # NVML through the optional nvidia-ml-py package (import name pynvml), as nvitop reads it; only
    # asked where nvidia-smi is missing. https://docs.nvidia.com/deploy/nvml-api/
    import pynvml

    def text(v: Any) -> str:
        return v.decode() if isinstance(v, bytes) else str(v)

    pynvml.nvmlInit()
    try:
        out: dict[str, Any] = {"driver_version": text(pynvml.nvmlSystemGetDriverVersion()), "devices": []}
        try:
            out["cuda_driver_version"] = int(pynvml.nvmlSystemGetCudaDriverVersion_v2())  # 12040 = 12.4
        except Exception:  # noqa: BLE001 - old drivers lack the call
            out["cuda_driver_version"] = None
        for i in range(pynvml.nvmlDeviceGetCount()):
            h = pynvml.nvmlDeviceGetHandleByIndex(i)
            dev: dict[str, Any] = {"name": text(pynvml.nvmlDeviceGetName(h)),
                                   "memory_total": int(pynvml.nvmlDeviceGetMemoryInfo(h).total),
                                   "pci_bus_id": text(pynvml.nvmlDeviceGetPciInfo(h).busId)}
            try:
                major, minor = pynvml.nvmlDeviceGetCudaComputeCapability(h)
                dev["compute_capability"] = f"{major}.{minor}"
            except Exception:  # noqa: BLE001
                dev["compute_capability"] = None
            try:
                dev["mig_mode"] = "enabled" if pynvml.nvmlDeviceGetMigMode(h)[0] else "disabled"
            except Exception:  # noqa: BLE001 - not a MIG-capable GPU
                dev["mig_mode"] = None
            out["devices"].append(dev)
        return out
    finally:
        pynvml.nvmlShutdown()


LIVE_QUERIES: dict[str, Callable[[], Any]] = {
    "platform": _q_platform,
    "python": _q_python,
    "libc": _q_libc,
    "distributions": _q_distributions,
    "psutil.memory": _q_psutil_memory,
    "psutil.cpu": _q_psutil_cpu,
    "cpuinfo": _q_cpuinfo,
    "nvml": _q_nvml,
}


class QueryError(RuntimeError):
    """An in-process reading failed; the detector turns it into an unknown with a reason."""


class LiveIO:
    """The real machine."""

    def read_text(self, path: str, max_bytes: int = MAX_READ) -> str:
        with open(path, "rb") as fh:
            return fh.read(max_bytes).decode("utf-8", errors="replace")

    def exists(self, path: str) -> bool:
        try:
            return os.path.exists(path)
        except (OSError, ValueError):
            return False

    def listdir(self, path: str) -> list[str]:
        return sorted(os.listdir(path))

    def readlink(self, path: str) -> str:
        return os.readlink(path)

    def access(self, path: str, mode: str) -> bool:
        flags = (os.R_OK if "r" in mode else 0) | (os.W_OK if "w" in mode else 0)
        try:
            return os.access(path, flags or os.F_OK)
        except (OSError, ValueError):
            return False

    def which(self, name: str) -> str | None:
        found = resolve_command(name)  # absolute PATH entries only: never a program from the working directory
        return os.path.realpath(found) if found else None

    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
        return run_process(argv, timeout, env=_command_env())

    def probe(
        self, name: str, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult:
        return run_process(argv, timeout, env=env, contain=True)  # a framework: what it starts dies with it

    def env(self) -> Mapping[str, str]:
        return dict(os.environ)

    def query(self, name: str) -> Any:
        fn = LIVE_QUERIES.get(name)
        if fn is None:
            raise KeyError(f"unknown query {name!r}")
        try:
            return fn()
        except Exception as exc:  # a library failing on an odd machine is a fact, not a crash
            raise QueryError(f"{name}: {type(exc).__name__}: {exc}") from exc


def _command_env() -> dict[str, str]:
    """Driver tools run in the C locale so their output parses the same everywhere."""
    env = dict(os.environ)
    env["LC_ALL"] = "C"
    env["LANG"] = "C"
    return env


def _errname(exc: OSError) -> str:
    return errno_mod.errorcode.get(exc.errno or 0, "EIO")


def _raise_err(name: str, path: str) -> None:
    code = getattr(errno_mod, name, errno_mod.EIO)
    raise OSError(code, os.strerror(code), path)


class RecordingIO:
    """LiveIO that remembers every answer, for `hwprobe record`. Thread-safe."""

    def __init__(self, inner: HostIO | None = None) -> None:
        self.inner = inner or LiveIO()
        self._lock = threading.Lock()
        self.data: dict[str, Any] = {
            "format": RECORDING_FORMAT, "env": {}, "queries": {}, "which": {}, "exists": {},
            "listdir": {}, "readlink": {}, "access": {}, "files": {},
        }
        self.file_contents: dict[str, str] = {}
        self.commands: list[CommandResult] = []
        self.probes: dict[str, CommandResult] = {}

    def _put(self, section: str, key: str, value: Any) -> None:
        with self._lock:
            self.data[section][key] = value

    def read_text(self, path: str, max_bytes: int = MAX_READ) -> str:
        try:
            text = self.inner.read_text(path, max_bytes)
        except OSError as exc:
            self._put("files", path, {"error": _errname(exc)})
            raise
        with self._lock:
            self.file_contents[path] = text
            self.data["files"].pop(path, None)
        return text

    def exists(self, path: str) -> bool:
        ans = self.inner.exists(path)
        self._put("exists", path, ans)
        return ans

    def listdir(self, path: str) -> list[str]:
        try:
            ans = self.inner.listdir(path)
        except OSError as exc:
            self._put("listdir", path, {"error": _errname(exc)})
            raise
        self._put("listdir", path, ans)
        return ans

    def readlink(self, path: str) -> str:
        try:
            ans = self.inner.readlink(path)
        except OSError as exc:
            self._put("readlink", path, {"error": _errname(exc)})
            raise
        self._put("readlink", path, ans)
        return ans

    def access(self, path: str, mode: str) -> bool:
        ans = self.inner.access(path, mode)
        self._put("access", f"{path}:{mode}", ans)
        return ans

    def which(self, name: str) -> str | None:
        ans = self.inner.which(name)
        self._put("which", name, ans)
        return ans

    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
        res = self.inner.run(argv, timeout)
        with self._lock:
            self.commands.append(res)
        return res

    def probe(
        self, name: str, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult:
        res = self.inner.probe(name, argv, timeout, env)
        with self._lock:
            self.probes[name] = res
        return res

    def env(self) -> Mapping[str, str]:
        env = self.inner.env()
        with self._lock:
            self.data["env"] = {k: v for k, v in env.items() if is_relevant_env(k)}
        return env

    def query(self, name: str) -> Any:
        try:
            ans = self.inner.query(name)
        except QueryError as exc:
            self._put("queries", name, {"__error__": str(exc)})
            raise
        self._put("queries", name, ans)
        return ans


def recorded_file_name(path: str) -> str:
    """Where a read file lies under files/: the absolute path made safe for every file system
    (no ':' or '<>' as in scrubbed '<user>', '/' for Windows backslashes)."""
    name = path.replace("\\", "/").lstrip("/")
    for ch in ':<>"|?*':
        name = name.replace(ch, "" if ch == ":" else "_")
    return name


class ReplayIO:
    """A recorded machine. Anything not recorded (nor declared absent) raises ReplayMissError."""

    def __init__(self, directory: str | os.PathLike[str]) -> None:
        self.root = Path(directory)
        host = self.root / "host.json"
        if self.root.exists() and not self.root.is_dir():
            raise InputError(f"{self.root}: not a recording (not a directory)")
        try:
            self.data: dict[str, Any] = json.loads(host.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise InputError(f"{self.root}: not a recording (no host.json)") from None
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise InputError(f"{host}: unreadable recording: {exc}") from None
        except RecursionError:
            raise InputError(f"{host}: unreadable recording: JSON nested too deeply") from None
        if not isinstance(self.data, dict):
            raise InputError(f"{host}: unreadable recording: not a JSON object")
        for section in ("env", "queries", "which", "exists", "listdir", "readlink", "access", "files"):
            self.data.setdefault(section, {})
            if not isinstance(self.data[section], dict):
                raise InputError(f"{host}: unreadable recording: {section!r} is not an object")
        for section in ("absent", "absent_commands"):
            value = self.data.get(section, [])
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(f"{host}: unreadable recording: {section!r} is not a list of strings")
        self.absent: list[str] = list(self.data.get("absent", []))
        self.absent_commands: list[str] = list(self.data.get("absent_commands", []))
        self.commands = self._load_results(self.root / "commands")
        self.probes = {p.stem: r for p, r in self._load_named(self.root / "probes")}

    def _load_named(self, folder: Path) -> Iterable[tuple[Path, CommandResult]]:
        if not folder.is_dir():
            return []
        out = []
        for path in sorted(folder.glob("*.json")):
            try:
                out.append((path, CommandResult.from_dict(json.loads(path.read_text(encoding="utf-8")))))
            except (OSError, ValueError, TypeError, KeyError, AttributeError, RecursionError) as exc:
                raise InputError(f"{path}: unreadable recorded command: {exc}") from None
        return out

    def _load_results(self, folder: Path) -> dict[tuple[str, ...], CommandResult]:
        return {tuple(r.argv): r for _, r in self._load_named(folder)}

    def _is_absent(self, path: str) -> bool:
        return any(fnmatch.fnmatchcase(path, pat) for pat in self.absent)

    def _miss(self, what: str) -> ReplayMissError:
        return ReplayMissError(f"recording {self.root.name} has no answer for {what}")

    def _file_path(self, path: str) -> Path:
        return self.root / "files" / recorded_file_name(path)

    def read_text(self, path: str, max_bytes: int = MAX_READ) -> str:
        entry = self.data["files"].get(path)
        if isinstance(entry, dict) and "error" in entry:
            _raise_err(entry["error"], path)
        stored = self._file_path(path)
        if stored.is_file():
            return stored.read_bytes()[:max_bytes].decode("utf-8", errors="replace")
        if self._is_absent(path):
            _raise_err("ENOENT", path)
        raise self._miss(f"read_text({path!r})")

    def exists(self, path: str) -> bool:
        if path in self.data["exists"]:
            return bool(self.data["exists"][path])
        if self._file_path(path).is_file():
            return True
        entry = self.data["files"].get(path)
        if isinstance(entry, dict) and entry.get("error") == "ENOENT":
            return False
        if path in self.data["listdir"] and not isinstance(self.data["listdir"][path], dict):
            return True
        if self._is_absent(path):
            return False
        raise self._miss(f"exists({path!r})")

    def listdir(self, path: str) -> list[str]:
        entry = self.data["listdir"].get(path)
        if isinstance(entry, dict) and "error" in entry:
            _raise_err(entry["error"], path)
        if isinstance(entry, list):
            return list(entry)
        if self._is_absent(path):
            _raise_err("ENOENT", path)
        raise self._miss(f"listdir({path!r})")

    def readlink(self, path: str) -> str:
        entry = self.data["readlink"].get(path)
        if isinstance(entry, dict) and "error" in entry:
            _raise_err(entry["error"], path)
        if isinstance(entry, str):
            return entry
        if self._is_absent(path):
            _raise_err("ENOENT", path)
        raise self._miss(f"readlink({path!r})")

    def access(self, path: str, mode: str) -> bool:
        key = f"{path}:{mode}"
        if key in self.data["access"]:
            return bool(self.data["access"][key])
        if self._is_absent(path):
            return False
        raise self._miss(f"access({path!r}, {mode!r})")

    def which(self, name: str) -> str | None:
        if name in self.data["which"]:
            return self.data["which"][name]
        if any(fnmatch.fnmatchcase(name, pat) for pat in self.absent_commands):
            return None
        raise self._miss(f"which({name!r})")

    def run(self, argv: Sequence[str], timeout: float = 10.0) -> CommandResult:
        key = tuple(str(a) for a in argv)
        if key in self.commands:
            return self.commands[key]
        raise self._miss(f"run({list(key)!r})")

    def probe(
        self, name: str, argv: Sequence[str], timeout: float, env: Mapping[str, str] | None = None
    ) -> CommandResult:
        if name in self.probes:
            return self.probes[name]
        raise self._miss(f"probe({name!r})")

    def env(self) -> Mapping[str, str]:
        return dict(self.data["env"])

    def query(self, name: str) -> Any:
        if name not in self.data["queries"]:
            raise self._miss(f"query({name!r})")
        ans = self.data["queries"][name]
        if isinstance(ans, dict) and "__error__" in ans:
            raise QueryError(ans["__error__"])
        return ans
