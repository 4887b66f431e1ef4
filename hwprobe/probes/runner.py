"""The parent side of the probes: start each framework's child in parallel, read what it left.

The parent never imports a framework. A child that dies of a signal, hangs past the limit, exits
without its JSON, or prints JSON of the wrong shape becomes a FrameworkFacts with that status and
the tail of its stderr; the others go on.
"""

from __future__ import annotations

import json
import os
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

import hwprobe
from hwprobe.facts import DEVICE_KINDS, DeviceFacts, FrameworkFacts, SmokeResult
from hwprobe.sense.io import HostIO
from hwprobe.sense.packages import framework_distribution
from hwprobe.sense.proc import CommandResult

# Cold TensorFlow imports take 20-60 s on a slow laptop with a spinning disk; a hang is longer.
DEFAULT_TIMEOUT = 120.0
STDERR_TAIL = 4000

PROBE_MODULES = {
    "torch": "hwprobe.probes.torch_probe",
    "tensorflow": "hwprobe.probes.tf_probe",
}

Progress = Callable[[str, str], None]  # (framework, "start" | "done:<status>")


def child_argv(module: str, args: Sequence[str] = ()) -> list[str]:
    """`python -c <bootstrap>`: runs `module` as __main__ with hwprobe appended to sys.path.

    Appending (never prepending) means hwprobe can be found without shadowing anything in the
    user's environment, and the child's sys.path[0] is the working directory, as in the user's
    own `python -c "import torch"`. Before anything else the child arms its lifeline (probes/_lifeline.py):
    on Linux the kernel kills it when this process dies, even of SIGKILL. (The kernel watches the thread
    that starts the child; run_process's caller waits for the child, so that thread outlives it.)
    """
    parent = str(Path(hwprobe.__file__).resolve().parent.parent)
    boot = (
        "import sys, runpy; "
        f"sys.path.append({parent!r}); "
        "from hwprobe.probes._lifeline import die_with_parent; "
        f"die_with_parent({os.getpid():d}); "
        f"runpy.run_module({module!r}, run_name='__main__', alter_sys=True)"
    )
    return [sys.executable, "-c", boot, *args]


def child_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env["PYTHONUNBUFFERED"] = "1"
    env.setdefault("PYTHONIOENCODING", "utf-8")
    return env


def run_probes(
    io: HostIO,
    frameworks: Sequence[str],
    packages: Mapping[str, str],
    timeout: float = DEFAULT_TIMEOUT,
    progress: Progress | None = None,
) -> tuple[FrameworkFacts, ...]:
    """Probe each framework in its own child, all at once; results in the order asked."""

    def one(name: str) -> FrameworkFacts:
        dist = framework_distribution(name, packages)
        if dist is None:
            if progress:
                progress(name, "done:not_installed")
            return FrameworkFacts(name=name, status="not_installed",
                                  detail=f"no {name} distribution is installed in this Python")
        if progress:
            progress(name, "start")
        result = io.probe(name, child_argv(PROBE_MODULES[name]), timeout, child_env())
        facts = interpret(name, result, dist, packages.get(dist), timeout)
        if progress:
            progress(name, f"done:{facts.status}")
        return facts

    with ThreadPoolExecutor(max_workers=max(1, len(frameworks)), thread_name_prefix="probe") as pool:
        return tuple(pool.map(one, frameworks))


def interpret(
    name: str, result: CommandResult, distribution: str | None, dist_version: str | None, timeout: float
) -> FrameworkFacts:
    """Turn what the child did into facts: a pure function of the CommandResult."""
    tail = _tail(result.stderr)
    common = dict(name=name, distribution=distribution, stderr_tail=tail, returncode=result.returncode,
                  duration_s=round(result.duration_s, 3))
    if result.status == "timeout":
        return FrameworkFacts(status="timeout", version=dist_version, signal=None,
                              detail=f"no answer within {timeout:g} s (import or device init hung); killed",
                              **common)
    if result.status == "crashed":
        return FrameworkFacts(status="crashed", version=dist_version, signal=result.signal,
                              detail=f"the {name} child process was killed by {result.signal}", **common)
    if result.status != "ok":
        return FrameworkFacts(status="error", version=dist_version,
                              detail=f"could not start the probe: {result.detail}", **common)
    report, problem = _parse_report(name, result.stdout)
    if report is None:
        how = f"exited with code {result.returncode}" if result.returncode else "exited"
        return FrameworkFacts(status="error", version=dist_version, detail=f"{how} {problem}", **common)
    status = report["status"]
    devices = tuple(_device(d) for d in report.get("devices") or [] if isinstance(d, dict))
    warnings = tuple(str(w) for w in report.get("warnings") or [])
    errors = report.get("errors") or {}
    build = report.get("build") if isinstance(report.get("build"), dict) else {}
    if errors:
        build = {**build, "probe_errors": {str(k): str(v) for k, v in errors.items()}}
    detail = report.get("detail")
    if status == "import_error" and report.get("traceback"):
        tail = _tail(f"{tail or ''}\n{report['traceback']}")
    return FrameworkFacts(
        name=name,
        status=status,
        version=report.get("version") or dist_version,
        distribution=distribution,
        detail=str(detail) if detail else None,
        build=build,
        devices=devices,
        warnings=warnings,
        stderr_tail=tail,
        returncode=result.returncode,
        duration_s=round(result.duration_s, 3),
        import_s=report.get("import_s") if isinstance(report.get("import_s"), (int, float)) else None,
    )


def _tail(text: str | None) -> str | None:
    if not text or not text.strip():
        return None
    return text.strip()[-STDERR_TAIL:]


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not JSON")  # json.loads accepts NaN/Infinity; a report must not hold them


_NUMBER = (int, float)
# The probe report's fields and the types they may hold (probes/_child.py writes them; None is always allowed).
_REPORT_FIELDS: dict[str, tuple[type, ...]] = {
    "version": (str,), "detail": (str,), "traceback": (str,), "warnings": (list,), "errors": (dict,),
    "build": (dict,), "import_s": _NUMBER, "total_s": _NUMBER, "devices": (list,), "protocol": (int,),
}
_DEVICE_FIELDS: dict[str, tuple[type, ...]] = {
    "name": (str,), "available": (bool,), "capability": (str,), "memory_bytes": (int,), "smoke": (dict,),
    "detail": (str,), "index": (int,),
}
_SMOKE_FIELDS: dict[str, tuple[type, ...]] = {"status": (str,), "detail": (str,), "max_error": _NUMBER,
                                               "seconds": _NUMBER}
# Build keys that rules and renderers read (torch_probe._build, tf_probe._build); others pass as they are.
_BUILD_FIELDS: dict[str, tuple[type, ...]] = {
    "cuda": (str,), "hip": (str,), "cudnn": (int, str), "arch_list": (list,), "cpu_capability": (str,),
    "threads": (int,), "cuda_version": (str,), "cudnn_version": (str,), "git_version": (str,),
    "is_cuda_build": (bool,), "is_rocm_build": (bool,), "is_xla_build": (bool,), "mps_built": (bool,),
    "xpu_built": (bool,), "runtime": (dict,),
}


def _wrong_types(obj: dict[str, Any], fields: dict[str, tuple[type, ...]], where: str) -> str | None:
    for key, types in fields.items():
        value = obj.get(key)
        if value is not None and (not isinstance(value, types) or (isinstance(value, bool) and bool not in types)):
            return f"{where}{key} is {type(value).__name__}"
    return None


def _shape_problem(name: str, report: Any) -> str | None:
    """Why `report` is not a probe report of `name`, or None. Checked field by field: the renderers and
    rules downstream may then trust every type (a child is untrusted input, like a pasted file)."""
    if not isinstance(report, dict) or report.get("probe") != name:
        return "not a probe report"
    if report.get("status") not in ("ok", "import_error"):
        return f"status {report.get('status')!r}"
    problem = _wrong_types(report, _REPORT_FIELDS, "")
    if problem:
        return problem
    if not all(isinstance(w, str) for w in report.get("warnings") or []):
        return "warnings are not strings"
    build = report.get("build") or {}
    problem = _wrong_types(build, _BUILD_FIELDS, "build ")
    if problem or not all(isinstance(a, str) for a in build.get("arch_list") or []):
        return problem or "build arch_list is not a list of strings"
    for d in report.get("devices") or []:
        if not isinstance(d, dict) or d.get("kind") not in DEVICE_KINDS:
            return "bad device list"
        problem = _wrong_types(d, _DEVICE_FIELDS, "device ") or (
            _wrong_types(d["smoke"], _SMOKE_FIELDS, "device smoke ") if isinstance(d.get("smoke"), dict) else None)
        if problem:
            return f"bad device list: {problem}"
    return None


def _parse_report(name: str, stdout: str) -> tuple[dict[str, Any] | None, str]:
    """The child's JSON object, or None and why not. Only the last non-empty line counts."""
    lines = [ln for ln in stdout.splitlines() if ln.strip()]
    if not lines:
        return None, "without a report (no output on stdout)"
    try:
        report = json.loads(lines[-1], parse_constant=_reject_constant)
    except (ValueError, RecursionError):  # RecursionError: JSON nested deeper than the parser's stack
        return None, "without a report (stdout is not JSON)"
    problem = _shape_problem(name, report)
    if problem:
        return None, f"with JSON of an unexpected shape ({problem})"
    return report, ""


def _device(d: dict[str, Any]) -> DeviceFacts:
    smoke = d.get("smoke")
    return DeviceFacts(
        kind=str(d["kind"]),
        index=int(d.get("index", 0)),
        name=str(d["name"]) if d.get("name") is not None else None,
        available=bool(d.get("available", True)),
        capability=str(d["capability"]) if d.get("capability") is not None else None,
        memory_bytes=int(d["memory_bytes"]) if isinstance(d.get("memory_bytes"), int) else None,
        smoke=SmokeResult(
            status=str(smoke.get("status", "error")),
            detail=smoke.get("detail"),
            max_error=smoke.get("max_error") if isinstance(smoke.get("max_error"), (int, float)) else None,
            seconds=smoke.get("seconds") if isinstance(smoke.get("seconds"), (int, float)) else None,
        ) if isinstance(smoke, dict) else None,
        detail=d.get("detail"),
    )
