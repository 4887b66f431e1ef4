"""Driver tools that hang, crash, fail, print garbage, 20 MB, another locale's numbers or nothing.

Each detector runs its tool only where the machine shows the hardware. nvidia-smi is looked up on
PATH, so a fake one on PATH is run by a live doctor here; the others (rocminfo behind a KFD GPU node,
sysctl, sw_vers and ioreg on a Mac) are reached through recordings of machines that have that
hardware, with the tool's recorded answer replaced by what the real command seam made of the fake
(tests/faults/tools.py). Every row: exit 0, a schema-valid report, the accelerator `error` (or
`no_driver`) with the reason, or, where the tool only adds a name, a core count or a version, that
field unknown and nothing else changed; never a crash, never a working GPU the tool did not show.
"""

from __future__ import annotations

import json
import os
import re
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from faults.frameworks import FAULTS_BY_NAME
from faults.observe import observe
from faults.processes import leftovers, start_hwprobe, wait_for_files, wait_gone
from faults.tools import (BEHAVIOURS, ToolRow, LSCPU_BED, REASONS, TOOL_ROWS, TOOLS, aarch64_without_model, break_tool,
                         fake_result_of, fake_tools, path_with, tool_calls)

from conftest import REPO

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX shell scripts as fake tools")

MACHINES = REPO / "tests" / "machines"
MARGIN = 30  # generous: the doctor's own work after the tools' time limits; never a tight timing
FAKES = {"torch": FAULTS_BY_NAME["non-ascii-error"], "tensorflow": FAULTS_BY_NAME["sigill"]}
ROW_IDS = [f"{r.tool}-{r.recording.split('-')[0]}" for r in TOOL_ROWS]


def _replay_json(rec, capsys) -> tuple[int, dict]:  # noqa: ANN001
    from hwprobe.cli import main

    code = main(["doctor", "--replay", str(rec), "--json"])
    out, err = capsys.readouterr()
    assert "Traceback" not in err, err
    return code, json.loads(out)


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
@pytest.mark.parametrize("row", TOOL_ROWS, ids=ROW_IDS)
def test_a_recorded_driver_tool_that_misbehaves_is_an_error_never_a_working_gpu(tmp_path, capsys, validate, request,
                                                                                   row, behaviour):
    """In-process through the CLI's boundary (`cli.main`): the recording is read, not run."""
    before = _replay_json(MACHINES / row.recording, capsys)[1]
    rec = break_tool(MACHINES / row.recording, tmp_path / "rec", row, behaviour)
    code, report = _replay_json(rec, capsys)
    assert code == 0
    validate(report)
    assert not [a for a in report["accelerators"] if a["kind"] == "unknown"], "a detector crashed"
    mine = [a for a in report["accelerators"] if a["kind"] == row.kind]
    was = [a for a in before["accelerators"] if a["kind"] == row.kind]
    assert mine, f"the {row.kind} device vanished"
    got = mine[0]
    if row.bears_on == "devices" or (row.bears_on == "names" and behaviour in ("hang", "crash", "fail")):
        assert [a for a in mine if a["status"] == "ok"] == [], mine  # never a working GPU the tool did not show
        assert got["status"] in ("error", "no_driver"), got
        reason = REASONS[behaviour] if row.tool != "rocminfo" or behaviour != "fail" else "exited with code 3"
        assert reason in (got["detail"] or ""), (reason, got["detail"])
        seen = f"{row.kind} {got['status']}: \"{got['detail']}\""
    elif row.bears_on == "os_version":
        assert report["host"]["os_version"] == json.loads((MACHINES / row.recording / "host.json").read_text())[
            "queries"]["platform"]["mac_ver"]  # platform.mac_ver(), never the tool's noise
        assert [(a["status"], a["model"]) for a in mine] == [(a["status"], a["model"]) for a in was]
        seen = f"os_version {report['host']['os_version']!r} (platform.mac_ver), {row.kind} still {got['status']}"
    else:  # the tool adds only a field: that field unknown, the device as it was
        field = {"names": "model", "cores": "cores"}[row.bears_on]
        assert got[field] is None, got
        assert [a["status"] for a in mine] == [a["status"] for a in was] == ["ok"]
        seen = f"{row.kind} still ok (from {got['source']}), {field} unknown"
    observe(request, f"exit 0, schema-valid; {seen}")


NVCC_BED = "linux-x86_64-cpu-xeon-live"  # this machine's recording: nvcc on PATH answers release 13.0, V13.0.88


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_an_nvcc_that_misbehaves_leaves_the_cuda_toolkit_unknown_and_nothing_else_changed(tmp_path, capsys, validate,
                                                                                           request, behaviour):
    """In-process through the CLI's boundary: the recording's `nvcc --version` replaced by the fake tool's answer.
    The toolkit version is only ever read from nvcc's own release line, so a fault is "unknown", never a version."""
    before = _replay_json(MACHINES / NVCC_BED, capsys)[1]
    assert before["environment"]["cuda_toolkit"] == "13.0.88"  # the row can fail: the healthy answer is read
    rec = break_tool(MACHINES / NVCC_BED, tmp_path / "rec", ToolRow("nvcc", NVCC_BED, "cuda", "toolkit"), behaviour)
    code, report = _replay_json(rec, capsys)
    assert code == 0
    validate(report)
    assert report["environment"]["cuda_toolkit"] is None
    assert report["accelerators"] == before["accelerators"] and report["matrix"] == before["matrix"]
    observe(request, "exit 0, schema-valid; environment.cuda_toolkit null (13.0.88 when nvcc answers), "
                     "accelerators and matrix unchanged")


LSCPU_CASES = ("answers", *BEHAVIOURS)


@pytest.fixture(scope="module")
def cpu_without_lscpu(tmp_path_factory) -> dict:  # noqa: ANN001
    """The CPU the aarch64 fault bed gives with no lscpu on PATH: what every lscpu row is compared with."""
    import contextlib
    import io

    from hwprobe.cli import main

    rec = aarch64_without_model(MACHINES / LSCPU_BED, tmp_path_factory.mktemp("lscpu") / "without", None)
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        assert main(["doctor", "--replay", str(rec), "--json"]) == 0
    return json.loads(out.getvalue())["cpu"]


@pytest.mark.parametrize("behaviour", LSCPU_CASES)
def test_lscpu_on_aarch64_that_misbehaves_leaves_only_the_cpu_model_unknown(tmp_path, capsys, validate, request,
                                                                              cpu_without_lscpu, behaviour):
    """In-process through the CLI's boundary: the aarch64 fault bed of tests/faults/tools.py (a Graviton2's
    /proc/cpuinfo, which names no model), with lscpu on PATH acting out the fault, against the same bed
    without lscpu. `answers`: this machine's real lscpu, whose model line must then be the model."""
    base = cpu_without_lscpu
    if behaviour == "answers":
        from hwprobe.sense.proc import run_process

        answer = run_process(["lscpu"], timeout=10)
        if not answer.ok or "Model name:" not in answer.stdout:
            pytest.skip("no lscpu here that names a model")
        result, expected = answer.to_dict(), re.search(r"^Model name:\s*(.+)$", answer.stdout, re.M).group(1).strip()
    else:
        result, expected = fake_result_of(behaviour), None
    code, report = _replay_json(aarch64_without_model(MACHINES / LSCPU_BED, tmp_path / "rec", result), capsys)
    assert code == 0
    validate(report)
    cpu = report["cpu"]
    assert base["arch"] == "aarch64" and base["model"] is None and base["vendor"] == "ARM" and base["status"] == "ok"
    assert cpu["model"] == expected, cpu
    assert {k: v for k, v in cpu.items() if k != "model"} == {k: v for k, v in base.items() if k != "model"}
    observe(request, f"exit 0, schema-valid; cpu model {cpu['model']!r}, status {cpu['status']}, vendor "
                     f"{cpu['vendor']!r}, flags {', '.join(cpu['flags'])} (from /proc/cpuinfo), all else as without lscpu")


def test_the_command_seam_survives_a_driver_tool_that_misbehaves_all_at_once(tmp_path, monkeypatch, request):
    """Every detector runs its tools through LiveIO.run: every fake, every tool, in parallel, bounded and cleaned up."""
    from hwprobe.sense.io import LiveIO

    log = tmp_path / "calls.log"
    monkeypatch.setenv("FAKE_TOOL_LOG", str(log))
    jobs = []
    for behaviour in BEHAVIOURS:
        bindir = fake_tools(tmp_path / behaviour, behaviour)
        jobs += [(behaviour, str(bindir / tool)) for tool in TOOLS]
    io = LiveIO()
    start = time.monotonic()
    with ThreadPoolExecutor(16) as pool:
        seen = dict(zip(jobs, pool.map(lambda j: io.run([j[1], "--query"], timeout=2), jobs)))
    assert time.monotonic() - start < MARGIN
    for (behaviour, _), res in seen.items():
        if behaviour == "hang":
            assert res.status == "timeout" and "killed" in (res.detail or "")
        elif behaviour == "crash":
            assert res.status == "crashed" and res.signal == "SIGSEGV"
        elif behaviour == "fail":
            assert res.status == "ok" and res.returncode == 3 and not res.ok
        elif behaviour == "garbage":
            assert res.ok and "\ufffd" in res.stdout
        elif behaviour == "huge":
            assert res.ok and res.stdout_truncated and len(res.stdout) <= 8 * 1024 * 1024
        elif behaviour == "locale":
            assert res.ok and "1.234,5 MHz" in res.stdout
        else:
            assert res.ok and res.stdout == ""
    calls = tool_calls(log)
    assert len(calls) == len(jobs)
    assert not wait_gone(pid for pid, _, _ in calls), "a tool outlived its call"
    observe(request, f"{len(jobs)} calls ({len(TOOLS)} tools x {len(BEHAVIOURS)} behaviours) at once: hang -> timeout "
                     "and killed, crash -> crashed SIGSEGV, fail -> exit 3, huge -> stdout cut at 8 MiB; "
                     "no tool process left")


def _gpus_on_this_bus() -> int | None:
    from hwprobe.sense import pci
    from hwprobe.sense.io import LiveIO

    io = LiveIO()
    return None if pci.devices(io) is None else len(pci.of_vendor(io, pci.NVIDIA))


@pytest.mark.parametrize("behaviour", BEHAVIOURS)
def test_the_doctor_survives_a_nvidia_smi_on_path_that_misbehaves(faultbed, tmp_path, validate, request, behaviour):
    """A real fake nvidia-smi first on PATH (with every other fake tool beside it), a live doctor."""
    from hwprobe.sense.nvidia import SMI_TIMEOUT

    faultbed.frameworks(FAKES)
    log = tmp_path / "calls.log"
    bindir = fake_tools(tmp_path / "bin", behaviour)
    env = {**faultbed.env, "PATH": path_with(bindir, "/usr/bin:/bin"), "FAKE_TOOL_LOG": str(log)}
    run = faultbed.doctor("--json", "--no-bench", env=env, timeout=300)
    assert run.returncode == 0, run.stderr[-3000:]
    assert "Traceback" not in run.stderr
    report = run.json()
    validate(report)
    assert run.seconds < SMI_TIMEOUT + MARGIN, f"{run.seconds:.0f} s with a {SMI_TIMEOUT:g} s tool limit"
    calls = tool_calls(log)
    assert "nvidia-smi" in {name for _, name, _ in calls}
    assert not wait_gone(pid for pid, _, _ in calls), "a tool outlived the doctor"
    assert not leftovers(run.mark)
    cuda = [a for a in report["accelerators"] if a["kind"] == "cuda"]
    assert [a for a in cuda if a["status"] == "ok"] == [], cuda  # never a GPU the tool did not show
    on_bus = _gpus_on_this_bus()
    if behaviour in ("crash", "fail") and on_bus == 0:
        # nvidia-smi failed, and the PCI bus shows no NVIDIA GPU: nothing to report, rightly
        assert cuda == []
        said = "no cuda device (no NVIDIA GPU on this PCI bus, and nvidia-smi answered nothing)"
    else:
        assert cuda and cuda[0]["status"] in ("error", "no_driver"), cuda
        assert REASONS[behaviour] in cuda[0]["detail"], cuda[0]["detail"]
        said = f"cuda {cuda[0]['status']}: \"{cuda[0]['detail']}\""
    assert not [a for a in report["accelerators"] if a["kind"] == "unknown"]
    called = sorted({name for _, name, _ in calls})
    observe(request, f"exit 0 in {run.seconds:.1f} s, schema-valid; {said}; tools called: {', '.join(called)}; "
                     "none left running")


def test_ctrl_c_while_nvidia_smi_hangs_in_the_main_thread(faultbed, tmp_path, request):
    """The detectors run in the main thread while the probes run in another: SIGINT arrives inside the
    hung nvidia-smi's wait. The tool, the probe children and the doctor all stop at once."""
    log = tmp_path / "calls.log"
    bindir = fake_tools(tmp_path / "bin", "hang", ("nvidia-smi",))
    faultbed.frameworks({"torch": FAULTS_BY_NAME["hang-in-import"], "tensorflow": FAULTS_BY_NAME["hang-in-import"]})
    env = {**faultbed.env, "PATH": path_with(bindir, "/usr/bin:/bin"), "FAKE_TOOL_LOG": str(log)}
    proc = start_hwprobe("doctor", "--json", "--no-bench", "--probe-timeout", "300", env=env)
    try:
        wait_for_files(faultbed.piddir, ["torch.pid", "tensorflow.pid"])
        deadline = time.monotonic() + 60
        while not tool_calls(log) and time.monotonic() < deadline:
            time.sleep(0.05)
        tool = tool_calls(log)
        assert tool, "nvidia-smi was never called"
        sent = time.monotonic()
        proc.send_signal(signal.SIGINT)
        stdout, stderr = proc.communicate(timeout=60)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
    lines = [ln for ln in stderr.decode().splitlines() if ln.strip()]
    assert proc.returncode == 130, stderr.decode()
    assert len(lines) == 1 and "interrupted" in lines[0] and "Traceback" not in stderr.decode()
    assert stdout == b""
    assert not wait_gone([tool[0][0], *faultbed.pids().values()]), "nvidia-smi or a probe child outlived Ctrl-C"
    assert not leftovers(faultbed.env["HWPROBE_FAULT_RUN"])
    assert took < 10, f"{took:.1f} s from SIGINT to exit: the hung tool's 10 s limit was waited out"
    observe(request, f"exit 130 {took:.1f} s after SIGINT, `{lines[0]}`; the hung nvidia-smi (pid {tool[0][0]}) and "
                     "both probe children gone")


def test_the_tool_rows_reach_every_tool_a_detector_runs():
    """The rows above cover each program the detectors run (read from the source: io.run / io.which
    arguments), except those named here with the reason."""
    not_rowed = {"xpu-smi": "only looked up (which), never run"}
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "hwprobe" / "sense").glob("*.py"))
    named = set(re.findall(r'io\.which\("([\w.-]+)"\)', sources)) | set(re.findall(r'io\.run\(\["([\w.-]+)"', sources)) | {
        argv for name, argv in re.findall(r'^([A-Z_]+) = \["([\w.-]+)"', sources, re.M) if f"io.run({name}" in sources}
    rowed = {r.tool for r in TOOL_ROWS} | {"lscpu", "nvcc"}  # lscpu, nvcc: their own rows (above)
    assert named - rowed - set(not_rowed) == set(), named - rowed
    assert rowed <= named
