"""Write docs/reliability.md from a real run of the fault suite (never by hand):

    HWPROBE_OBSERVED=/tmp/obs.jsonl python -m pytest tests/test_faults_*.py --junitxml=/tmp/faults.xml
    python tests/faults/make_doc.py /tmp/obs.jsonl /tmp/faults.xml > docs/reliability.md
    python -m pytest tests/test_faults_docs.py --junitxml=/tmp/docs.xml   # now that the page exists
    python tests/faults/make_doc.py /tmp/obs.jsonl /tmp/faults.xml /tmp/docs.xml > docs/reliability.md

Each row: what was tried, the test that tries it, and what that run observed (the text the test
passed to observe(), else its pass/skip status). tests/test_faults_docs.py keeps rows and tests in sync.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

TESTS = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(TESTS.parent), str(TESTS)]  # this checkout, and the tests folder

INTRO = """# Reliability and security: what was tried, and what happened

A doctor runs exactly when things are broken, and its reports are pasted into public threads.
This table lists every fault, hostile environment and bad input the fault suite
(`tests/test_faults_*.py`, harness in `tests/faults/`) puts the doctor through, with real
processes, real files and real signals, and the result observed in the run that wrote this page
(`python tests/faults/make_doc.py`, from that run's own records, on a 2-core Linux VM as root
with torch 2.13.0+cpu and tensorflow-cpu 2.21.0). `tests/test_faults_docs.py` fails when a row
names a test that does not exist or a test has no row. Timings are that run's; tests assert
only generous bounds (probe limit + 30 s).

Driver tools are run by the detectors only where the machine shows that hardware: nvidia-smi is
looked up on PATH, so a fake one on PATH is run by the live doctor here; rocminfo (behind a KFD GPU
node), sysctl, sw_vers and ioreg (on a Mac) are reached through recordings of real machines, with
the tool's recorded answer replaced by what the real command seam made of the fake tool; lscpu (run
only on aarch64 Linux when /proc/cpuinfo names no model) on a fault bed: this build machine's
recording with a real AWS Graviton2 /proc/cpuinfo (tests/faults/tools.py says where it is from).

Framework children are contained: each probe and benchmark child first asks the kernel to kill it
when the doctor dies (Linux, PR_SET_PDEATHSIG); it carries a mark in its environment that everything
it starts inherits; the `hwprobe` process is a child subreaper (Linux), so descendants whose parent
exits are re-parented to it; when a probe ends, times out or is interrupted, its group is killed and
so are the marked descendants that left the group, and the doctor reaps what it adopted.

Known limits: a descendant of a framework child that leaves the process group and empties its
environment is killed only while the child still runs (after that nothing proves it is the probe's:
it is left running, and reaped once it exits); orphans are adopted only by the `hwprobe` process on
Linux (main() called in-process, and macOS, keep the group kill and what is found under a running
child); when the doctor is killed by SIGKILL its probe children die with it, but what they started
(a grandchild) runs on, and outside Linux nothing is armed; the out-of-memory row is a real
allocation failure at setup, while crashes and hangs of a benchmark child are injected at its import
(mid-step ones, with the real torch, are in tests/test_bench_runner.py, not on this page); xpu-smi
is only looked up, never run; rocm-smi and amd-smi are not run by any detector.
"""

SECTIONS = {
    "test_faults_frameworks.py": "Frameworks that crash, hang, spew or lie",
    "test_faults_environment.py": "Hostile environment",
    "test_faults_concurrency.py": "Concurrency and signals",
    "test_faults_driver_tools.py": "Driver tools that hang, crash, fail or lie",
    "test_faults_bench.py": "Benchmark children that crash, hang or run out of memory (bad `bench` values: Bad input, bench-*)",
    "test_faults_output.py": "--output and record: atomic, and what they are written to",
    "test_faults_bad_input.py": "Bad input (table: tests/faults/bad_input.py)",
    "test_faults_privacy.py": "Privacy: redaction in every format",
    "test_faults_security.py": "No network, nothing from the environment executed",
    "test_faults_install.py": "install.sh: hostile advice and Ctrl-C",
    "test_faults_docs.py": "This page",
}

ENV_CASES = {
    "home-read-only": "HOME is a read-only directory", "home-missing": "HOME names a directory that does not exist",
    "home-unset": "HOME is not set", "tmpdir-read-only": "TMPDIR is read-only",
    "tmpdir-missing": "TMPDIR does not exist",
    "lang-c-ascii-stdout-text": "LANG=LC_ALL=C, PYTHONUTF8=0, no locale coercion, PYTHONIOENCODING unset: ASCII stdout, text",
    "lang-c-ascii-stdout-markdown": "the same ASCII stdout, Markdown", "lang-c-ascii-stdout-json": "the same ASCII stdout, JSON",
    "latin-1-stdout-text": "PYTHONIOENCODING=latin-1 stdout, text", "latin-1-stdout-markdown": "latin-1 stdout, Markdown",
    "latin-1-stdout-json": "latin-1 stdout, JSON", "path-unset": "no PATH variable at all", "path-empty": "PATH=''",
    "cwd-deleted": "the working directory is deleted before the doctor starts",
    "stdout-closed": "`hwprobe doctor >&-` (fd 1 closed)", "stdout-full": "stdout is /dev/full (ENOSPC)",
    "stderr-closed": "`2>&-` (fd 2 closed)", "stdin-closed": "`<&-` (fd 0 closed)",
}


def collected() -> list[str]:
    import subprocess

    res = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
                          *sorted(str(p.relative_to(TESTS.parent)) for p in TESTS.glob("test_faults_*.py"))],
                         capture_output=True, text=True, cwd=TESTS.parent, timeout=300)
    return [ln.strip() for ln in res.stdout.splitlines() if "::" in ln]


def _param(nodeid: str) -> str | None:
    m = re.search(r"\[(.*)\]$", nodeid)
    return m.group(1) if m else None


def what(nodeid: str) -> str:
    file, _, rest = nodeid.partition("::")
    func = rest.split("[")[0]
    param = _param(nodeid)
    if func == "test_a_broken_framework_is_a_finding_and_the_other_is_still_reported":
        from faults.frameworks import FAULTS, FAULTS_BY_NAME

        i = [f.name for f in FAULTS].index(param)
        return (f"fake torch: {FAULTS_BY_NAME[param].what}; fake TensorFlow at the same time: "
                f"`{FAULTS[(i + 1) % len(FAULTS)].name}`")
    if func in ("test_bad_input_is_one_line_and_the_documented_exit_code",
                "test_debug_mode_adds_the_traceback_and_keeps_the_exit_code"):
        from faults.bad_input import ROWS

        row = next(r for r in ROWS if r.id == param)
        with tempfile.TemporaryDirectory() as tmp:
            argv = " ".join(os.fsencode(a).decode("ascii", "backslashreplace") if a else "''"
                            for a in row.argv(Path(tmp))).replace(tmp, "TMP")
        prefix = "HWPROBE_DEBUG=1 " if func.startswith("test_debug") else ""
        return f"`{prefix}hwprobe {argv}`" + (f", {row.note}" if row.note else "")
    if func == "test_a_recorded_driver_tool_that_misbehaves_is_an_error_never_a_working_gpu":
        from faults.tools import BEHAVIOUR_WHAT, TOOL_ROWS

        row_id, behaviour = param.split("-")[:-1], param.split("-")[-1]
        row = next(r for r in TOOL_ROWS if f"{r.tool}-{r.recording.split('-')[0]}" == "-".join(row_id))
        return f"recorded `{row.tool}` on `{row.recording}` {BEHAVIOUR_WHAT[behaviour]}"
    if func == "test_lscpu_on_aarch64_that_misbehaves_leaves_only_the_cpu_model_unknown":
        from faults.tools import BEHAVIOUR_WHAT

        how = ("answers (this machine's real lscpu output, an x86 one: only its model line matters)"
               if param == "answers" else BEHAVIOUR_WHAT[param])
        return f"`lscpu` on the aarch64 fault bed (a Graviton2's /proc/cpuinfo, no model name) {how}"
    if func == "test_an_nvcc_that_misbehaves_leaves_the_cuda_toolkit_unknown_and_nothing_else_changed":
        from faults.tools import BEHAVIOUR_WHAT

        return f"recorded `nvcc --version` on `linux-x86_64-cpu-xeon-live` {BEHAVIOUR_WHAT[param]}"
    if func == "test_the_doctor_survives_a_nvidia_smi_on_path_that_misbehaves":
        from faults.tools import BEHAVIOUR_WHAT

        return f"a live doctor; `nvidia-smi` first on PATH {BEHAVIOUR_WHAT[param]}"
    if func == "test_odd_but_readable_input_is_explained":
        from faults.bad_input import EXPLAIN_ODD

        return f"`hwprobe explain` of {next(o for o in EXPLAIN_ODD if o.id == param).what}: read, not refused"
    if param in ENV_CASES:
        return ENV_CASES[param]
    module = importlib.import_module(Path(file).stem)
    doc = (getattr(module, func).__doc__ or "").strip().split("\n\n")[0]
    text = " ".join(doc.split()) or func[5:].replace("_", " ")
    return text + (f" — `{param}`" if param else "")


def outcomes(junit: Path) -> dict[str, str]:
    out = {}
    for case in ET.parse(junit).iter("testcase"):
        file = case.get("classname", "").replace(".", "/") + ".py"
        nodeid = f"{file}::{case.get('name')}"
        skipped = case.find("skipped")
        failed = case.find("failure") if case.find("failure") is not None else case.find("error")
        out[nodeid] = ("FAILED" if failed is not None else
                       f"skipped: {skipped.get('message', '')}" if skipped is not None else "passed")
    return out


def main(observed: Path, *junits: Path) -> str:
    notes = {}
    for line in observed.read_text(encoding="utf-8").splitlines():
        entry = json.loads(line)
        notes[entry["test"]] = entry["observed"]
    status: dict[str, str] = {}
    for junit in junits:  # later runs win: e.g. the docs test rerun once this page exists
        status.update(outcomes(junit))
    ids = collected()
    parts = [INTRO]
    counts = {}
    for file, title in SECTIONS.items():
        rows = [i for i in ids if i.startswith(f"tests/{file}::")]
        if not rows:
            continue
        counts[title] = len(rows)
        parts.append(f"\n## {title}\n\n| # | tried | test | observed |\n|---|---|---|---|")
        for n, nodeid in enumerate(rows, 1):
            seen = notes.get(nodeid) or status.get(nodeid, "not run")
            if status.get(nodeid, "").startswith(("skipped", "FAILED")):
                seen = status[nodeid]
            cell = seen.replace("|", "\\|").replace("\n", " ")
            parts.append(f"| {n} | {what(nodeid).replace('|', chr(92) + '|')} | `{nodeid}` | {cell} |")
    total = sum(counts.values())
    summary = ", ".join(f"{t.split(':')[0].split(' (')[0]}: {c}" for t, c in counts.items())
    parts.insert(1, f"\n**{total} tests** ({summary}).\n")
    return "\n".join(parts) + "\n"


if __name__ == "__main__":
    sys.stdout.write(main(Path(sys.argv[1]), *(Path(a) for a in sys.argv[2:])))
