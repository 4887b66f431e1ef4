"""Fake driver tools: scripts that hang, crash, fail, print garbage, 20 MB, another locale's numbers or
nothing, whatever their arguments; on PATH for a live doctor, or run once through the real command
seam (LiveIO.run) and put into a machine recording in place of the tool's answer, for tools a live
doctor here never calls (the detectors run them only where the machine shows that hardware).

Fault injections, not recordings: none of this output claims to come from a real tool. Each
script appends "<pid> <name> <args>" to $FAKE_TOOL_LOG first, so a test sees what was called
and can check that a hung one was killed.
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

TOOLS = ("nvidia-smi", "rocm-smi", "rocminfo", "sysctl", "sw_vers", "lspci", "ioreg", "lscpu", "xpu-smi")
HANG_S = 1.0  # the time limit a hung fake is recorded with (the detectors' own limits are 3-10 s)


def _abs(program: str) -> str:
    found = shutil.which(program, path="/usr/bin:/bin")
    if not found:
        raise RuntimeError(f"{program} not found in /usr/bin:/bin")
    return found


def _bodies() -> dict[str, str]:
    sleep, head = _abs("sleep"), _abs("head")
    return {
        # exec: the hung tool is the process hwprobe started, so its pid in the log is the one to check
        "hang": f"exec {sleep} 600\n",
        "crash": "kill -SEGV $$\n",
        "fail": "echo 'fake failure of a driver tool' >&2\nexit 3\n",
        "garbage": f"{head} -c 200000 /dev/urandom\nprintf '\\377\\376\\303\\050 not utf-8\\n'\n"
                   f"{head} -c 50000 /dev/urandom >&2\nexit 0\n",
        "huge": f"{head} -c 20000000 /dev/zero\nexit 0\n",
        # A German-locale rendering of numbers (decimal comma, dot thousands) in a CSV-like line.
        "locale": "printf '0, Fake GPU, 16.384 MiB, 1.234,5 MHz, 98,6 %%\\n'\nexit 0\n",
        "empty": "exit 0\n",
    }


BEHAVIOURS = tuple(_bodies())
BEHAVIOUR_WHAT = {
    "hang": "hangs (sleeps 600 s)", "crash": "dies of SIGSEGV", "fail": "exits 3 with an error on stderr",
    "garbage": "prints 200 KB of random bytes, exit 0", "huge": "prints 20 MB of NUL bytes, exit 0",
    "locale": "prints a German-locale line ('16.384 MiB, 1.234,5 MHz'), exit 0", "empty": "prints nothing, exit 0",
}


def fake_tools(bindir: Path, behaviour: str, tools: tuple[str, ...] = TOOLS) -> Path:
    """Write each of `tools` into `bindir` acting out `behaviour`; returns `bindir` (for PATH)."""
    bindir.mkdir(parents=True, exist_ok=True)
    body = _bodies()[behaviour]
    for name in tools:
        script = bindir / name
        script.write_text(
            "#!/bin/sh\n"
            f'[ -n "$FAKE_TOOL_LOG" ] && echo "$$ {name} $*" >> "$FAKE_TOOL_LOG"\n'
            + body,
            encoding="utf-8",
        )
        script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return bindir


def tool_calls(log: Path) -> list[tuple[int, str, str]]:
    """(pid, tool, args) of every call the fakes logged."""
    if not log.exists():
        return []
    out = []
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        pid, _, rest = line.partition(" ")
        name, _, args = rest.partition(" ")
        if pid.isdigit():
            out.append((int(pid), name, args))
    return out


def path_with(bindir: Path, rest: str | None = None) -> str:
    return os.pathsep.join([str(bindir), rest if rest is not None else os.environ.get("PATH", os.defpath)])


@functools.lru_cache(maxsize=None)
def fault_result(behaviour: str) -> dict[str, Any]:
    """What the real command seam makes of a fake acting out `behaviour`: a CommandResult as a dict
    (run once per session; a hang costs HANG_S)."""
    from hwprobe.sense.proc import run_process

    root = Path(tempfile.mkdtemp(prefix="hwprobe-fake-tool-"))
    try:
        fake_tools(root, behaviour, ("tool",))
        return run_process([str(root / "tool")], timeout=HANG_S).to_dict()
    finally:
        shutil.rmtree(root, ignore_errors=True)


def fake_result_of(behaviour: str) -> dict[str, Any]:
    """fault_result, as a fresh dict."""
    return dict(fault_result(behaviour))


def _tool_of(argv0: str) -> str:
    name = argv0.replace("\\", "/").rsplit("/", 1)[-1]
    return name[:-4] if name.lower().endswith(".exe") else name


@dataclass(frozen=True)
class ToolRow:
    """A driver tool in a recorded machine that shows its hardware, and what the tool's answer bears on."""

    tool: str
    recording: str  # tests/machines/<name>
    kind: str  # the accelerator kind it is about
    bears_on: str  # "devices": the device itself; "names" / "cores" / "os_version": only that field
    add_at: str | None = None  # where to put the tool in a recording that never ran it


TOOL_ROWS = (
    ToolRow("nvidia-smi", "linux-x86_64-cuda-h100-sxm", "cuda", "devices"),
    ToolRow("nvidia-smi", "windows-x86_64-cuda-rtx4080-laptop-cpu-wheel", "cuda", "devices"),
    ToolRow("rocminfo", "linux-x86_64-rocm-rx5700xt-gfx1010", "rocm", "names", add_at="/opt/rocm/bin/rocminfo"),
    ToolRow("sysctl", "darwin-aarch64-mps-m1", "mps", "devices"),
    ToolRow("ioreg", "darwin-aarch64-mps-m1", "mps", "cores"),
    ToolRow("sw_vers", "darwin-aarch64-mps-m1", "mps", "os_version"),
)

# A piece of the accelerator's detail for each behaviour, where the tool's answer is the device itself.
REASONS = {
    "hang": "answer within", "crash": "SIGSEGV", "fail": "fake failure of a driver tool",
    "garbage": "binary data", "huge": "binary data", "locale": "0, Fake GPU", "empty": "nothing",
}


def break_tool(src: Path, dest: Path, row: ToolRow, behaviour: str) -> Path:
    """A copy of recording `src` in which every answer of `row.tool` is the fake's (argv kept)."""
    shutil.copytree(src, dest)
    fake = fault_result(behaviour)
    commands = dest / "commands"
    replaced = 0
    for path in sorted(commands.glob("*.json")) if commands.is_dir() else []:
        argv = json.loads(path.read_text(encoding="utf-8"))["argv"]
        if _tool_of(argv[0]) == row.tool:
            path.write_text(json.dumps({**fake, "argv": argv}, indent=1), encoding="utf-8")
            replaced += 1
    if row.add_at:
        host = json.loads((dest / "host.json").read_text(encoding="utf-8"))
        host["which"][row.tool] = row.add_at
        host["absent_commands"] = [c for c in host.get("absent_commands", []) if c != row.tool]
        (dest / "host.json").write_text(json.dumps(host, indent=1), encoding="utf-8")
        commands.mkdir(exist_ok=True)
        (commands / f"99-{row.tool}.json").write_text(json.dumps({**fake, "argv": [row.add_at]}), encoding="utf-8")
        replaced += 1
    if not replaced:
        raise AssertionError(f"{src.name} never runs {row.tool}: the row could not fail")
    return dest


# lscpu is run in one place only: on aarch64 Linux when /proc/cpuinfo names no model (sense/cpu.py),
# as ARM kernels print it. No recording of such a machine is stored, so its row runs on a fault bed:
# the recording of this project's Linux build machine (linux-x86_64-cpu-xeon-live) with
# platform.machine "aarch64" and the /proc/cpuinfo of a real AWS Graviton2 (Neoverse-N1), exactly as
# archspec keeps it as test data: https://github.com/archspec/archspec-json/blob/master/tests/targets/
# linux-amazon-graviton2 (pasted from the machine in https://github.com/archspec/archspec-json/pull/9).
# A composite for this fault only, not a machine: nothing else in that report is about a Graviton2.
GRAVITON2_CPUINFO = (
    "processor       : 0\n"
    "BogoMIPS        : 243.75\n"
    "Features        : fp asimd evtstrm aes pmull sha1 sha2 crc32 atomics fphp asimdhp cpuid asimdrdm lrcpc dcpop "
    "asimddp ssbs\n"
    "CPU implementer\t: 0x41\n"
    "CPU architecture: 8\n"
    "CPU variant     : 0x3\n"
    "CPU part        : 0xd0c\n"
    "CPU revision    : 1\n"
)
LSCPU_BED = "linux-x86_64-cpu-xeon-live"
LSCPU_AT = "/usr/bin/lscpu"


def aarch64_without_model(src: Path, dest: Path, lscpu: dict[str, Any] | None) -> Path:
    """A copy of Linux recording `src` as the aarch64 fault bed above; `lscpu` (a CommandResult as a dict) is
    what `lscpu` answered, None for no lscpu on PATH."""
    shutil.copytree(src, dest)
    host = json.loads((dest / "host.json").read_text(encoding="utf-8"))
    host["queries"]["platform"]["machine"] = "aarch64"
    host["which"]["lscpu"] = LSCPU_AT if lscpu is not None else None
    (dest / "host.json").write_text(json.dumps(host, indent=1), encoding="utf-8")
    (dest / "files" / "proc" / "cpuinfo").write_text(GRAVITON2_CPUINFO, encoding="utf-8")
    if lscpu is not None:
        (dest / "commands").mkdir(exist_ok=True)
        (dest / "commands" / "99-lscpu.json").write_text(json.dumps({**lscpu, "argv": ["lscpu"]}), encoding="utf-8")
    return dest
