"""A hostile machine: read-only or missing HOME and TMPDIR, LANG=C and non-UTF-8 stdouts, no PATH,
a deleted working directory, closed or full stdio, and unreadable /proc files in a recording
(driver tools: test_faults_driver_tools.py). The doctor finishes, says so, and lies about nothing."""

from __future__ import annotations

import contextlib
import functools
import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import HAS_TF, HAS_TORCH
from faults.frameworks import FAULTS_BY_NAME
from faults.hostile import readonly_dir
from faults.observe import observe
from faults.processes import PYTHON, REPO, base_env, hwprobe, leftovers
from faults.recording import FailingIO, host, record_this_machine, recorded_files

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX environment")

# The fakes in every run: torch fails in Chinese, accents and emoji (encodings are under test), TF dies.
FAKES = {"torch": FAULTS_BY_NAME["non-ascii-error"], "tensorflow": FAULTS_BY_NAME["sigill"]}
ASCII_C = {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"}


def _env_case(case: str, tmp: Path, env: dict[str, str]) -> tuple[dict[str, str], dict]:
    """(environment, extra subprocess arguments) for one hostile case."""
    kw: dict = {}
    env = dict(env)
    if case == "home-read-only":
        env["HOME"] = str(tmp / "home")
    elif case == "home-missing":
        env["HOME"] = str(tmp / "no" / "such" / "home")
    elif case == "home-unset":
        env.pop("HOME", None)
    elif case == "tmpdir-read-only":
        env["TMPDIR"] = str(tmp / "tmp")
    elif case == "tmpdir-missing":
        env["TMPDIR"] = str(tmp / "no-such-tmp")
    elif case.startswith("lang-c-ascii-stdout"):
        env.update(ASCII_C)
        env.pop("PYTHONIOENCODING", None)
    elif case.startswith("latin-1-stdout"):
        env.update(LANG="C", LC_ALL="C", PYTHONIOENCODING="latin-1")
    elif case == "path-unset":
        env.pop("PATH", None)
    elif case == "path-empty":
        env["PATH"] = ""
    elif case == "cwd-deleted":
        gone = tmp / "gone"
        gone.mkdir()
        kw["preexec_fn"] = lambda: (os.chdir(gone), os.rmdir(gone))
    return env, kw


ENV_CASES = [
    ("home-read-only", "json"), ("home-missing", "json"), ("home-unset", "json"),
    ("tmpdir-read-only", "json"), ("tmpdir-missing", "json"),
    ("lang-c-ascii-stdout-text", "text"), ("lang-c-ascii-stdout-markdown", "markdown"),
    ("lang-c-ascii-stdout-json", "json"),
    ("latin-1-stdout-text", "text"), ("latin-1-stdout-markdown", "markdown"), ("latin-1-stdout-json", "json"),
    ("path-unset", "json"), ("path-empty", "json"), ("cwd-deleted", "json"),
]


@pytest.mark.parametrize(("case", "fmt"), ENV_CASES, ids=[c for c, _ in ENV_CASES])
def test_the_doctor_survives_a_hostile_environment(faultbed, tmp_path, validate, request, case, fmt):
    faultbed.frameworks(FAKES)
    env, kw = _env_case(case, tmp_path, faultbed.env)
    with contextlib.ExitStack() as stack:
        if "read-only" in case:
            stack.enter_context(readonly_dir(tmp_path / ("home" if case == "home-read-only" else "tmp")))
        run = hwprobe("doctor", "--format", fmt, "--no-bench", "--probe-timeout", "120", env=env, **kw)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    if fmt == "json":
        report = run.json()
        validate(report)
        assert {f["name"]: f["status"] for f in report["frameworks"]} == {"torch": "import_error",
                                                                           "tensorflow": "crashed"}
    else:
        assert "SIGILL" in run.stdout and "libcudnn.so.9" in run.stdout
    if "ascii" in case:
        run.stdout.encode("ascii")  # nothing the stream could not hold
    faultbed.assert_nothing_left(run)
    observe(request, f"exit 0, {fmt} report of {len(run.stdout)} characters" + (
        ", schema-valid, frameworks import_error/crashed as planted" if fmt == "json" else
        ", names SIGILL and the import error") + ("; pure ASCII" if "ascii" in case else ""))


STDIO_CASES = {
    "stdout-closed": (2, "stdout is closed"),
    "stdout-full": (2, "No space left on device"),
    "stderr-closed": (0, None),
    "stdin-closed": (0, None),
}


@pytest.mark.parametrize("case", list(STDIO_CASES))
def test_closed_or_full_stdio_is_one_line_or_nothing(faultbed, request, case):
    faultbed.frameworks(FAKES)
    code, message = STDIO_CASES[case]
    fds = {"stdin": 0, "stdout": 1, "stderr": 2}

    def closed_fd() -> None:
        os.close(fds[case.split("-")[0]])

    out = subprocess.PIPE
    if case == "stdout-full":
        out = open("/dev/full", "wb")  # noqa: SIM115
    res = subprocess.run([PYTHON, "-m", "hwprobe", "doctor", "--json", "--no-bench"], env=faultbed.env,
                         stdout=out, stderr=subprocess.PIPE if case != "stderr-closed" else None,
                         stdin=subprocess.DEVNULL, timeout=300,
                         preexec_fn=closed_fd if case.endswith("closed") else None)
    if out is not subprocess.PIPE:
        out.close()
    err = (res.stderr or b"").decode()
    assert res.returncode == code, err
    assert "Traceback" not in err
    if message:
        lines = err.strip().splitlines()
        assert len(lines) == 1 and message in lines[0], err
        observe(request, f"exit {code}, `{lines[0]}`")
    else:
        if case == "stderr-closed":
            json.loads(res.stdout)  # no message leaked into the report
        observe(request, f"exit {code}; stdout is the JSON report alone")


# --- unreadable files through ReplayIO -----------------------------------------------------------


@pytest.mark.parametrize("errno_name", ["EACCES", "EIO", "ENOENT", "EPERM"])
def test_unreadable_proc_and_etc_files_become_unknowns(this_machine, tmp_path, validate, request, errno_name):
    """Every file the detectors read on this machine fails with `errno_name` (recorded as an `error`
    entry in host.json `files`), and the doctor replays it."""
    targets = recorded_files(this_machine) + [p for p, e in host(this_machine)["files"].items() if "error" in e]
    rec = record_this_machine(tmp_path / "rec", inner=FailingIO(files={p: errno_name for p in targets}),
                              probes_from=this_machine)
    errors = {p: e["error"] for p, e in host(rec)["files"].items()}
    assert errors.get("/proc/cpuinfo") == errno_name  # the recording really holds the injected error
    run = hwprobe("doctor", "--replay", str(rec), "--json", env=base_env())
    assert run.returncode == 0, run.stderr[-3000:]
    report = run.json()
    validate(report)
    before = _replayed(this_machine)
    assert report["cpu"]["model"] in (None, before["cpu"]["model"])  # an unknown, never a made-up value
    assert {f["name"]: f["status"] for f in report["frameworks"]} == {
        f["name"]: f["status"] for f in before["frameworks"]}
    unread = sorted(p for p, e in errors.items() if e == errno_name)
    observe(request, f"exit 0, schema-valid; {len(unread)} files fail with {errno_name} ({', '.join(unread)}); "
                     f"cpu model {report['cpu']['model']!r}, distro {report['host']['distro']!r}, "
                     f"cpu flags {len(report['cpu']['flags'])}")


@functools.lru_cache(maxsize=None)
def _replayed(rec: Path) -> dict:
    """The unbroken recording's report (once per session)."""
    return hwprobe("doctor", "--replay", str(rec), "--json", env=base_env()).json()


def test_failed_in_process_readings_become_unknowns(this_machine, tmp_path, validate, request):
    """psutil, py-cpuinfo, libc and package-metadata readings that raise (recorded as `__error__`)."""
    failed = ("psutil.memory", "psutil.cpu", "cpuinfo", "libc", "distributions")
    rec = record_this_machine(tmp_path / "rec", inner=FailingIO(queries=failed), probes_from=this_machine)
    run = hwprobe("doctor", "--replay", str(rec), "--json", env=base_env())
    assert run.returncode == 0, run.stderr[-3000:]
    report = run.json()
    validate(report)
    observe(request, f"exit 0, schema-valid; failed readings {', '.join(failed)} (those asked: "
                     f"{', '.join(sorted(q for q, a in host(rec)['queries'].items() if '__error__' in a))}); "
                     f"memory {report['memory']['total_bytes']} bytes from /proc/meminfo, packages "
                     f"{len(report['packages'])}, frameworks "
                     f"{', '.join(f['name'] + ' ' + f['status'] for f in report['frameworks'])}")


@pytest.mark.skipif(not (HAS_TORCH and HAS_TF), reason="needs the real torch and TensorFlow")
def test_real_frameworks_work_in_an_all_hostile_environment(tmp_path, validate, request):
    """Read-only HOME and TMPDIR, LANG=C with an ASCII stdout, no PATH at all: the real frameworks still work."""
    with readonly_dir(tmp_path / "home") as home, readonly_dir(tmp_path / "tmp") as tmp:
        env = {**base_env(), **ASCII_C, "HOME": str(home), "TMPDIR": str(tmp)}
        env.pop("PATH", None)
        env.pop("PYTHONIOENCODING", None)
        run = hwprobe("doctor", "--json", "--no-bench", env=env, cwd=str(REPO))
    assert run.returncode == 0, run.stderr[-3000:]
    report = run.json()
    validate(report)
    statuses = {f["name"]: f["status"] for f in report["frameworks"]}
    assert statuses == {"torch": "ok", "tensorflow": "ok"}, [f["detail"] for f in report["frameworks"]]
    run.stdout.encode("ascii")
    cells = {(c["framework"], c["device_kind"]): c["state"] for c in report["matrix"]}
    assert cells[("torch", "cpu")] == cells[("tensorflow", "cpu")] == "works"
    assert not leftovers(run.mark)
    observe(request, "exit 0; real torch and tensorflow ok, both cpu cells works; ASCII JSON")
