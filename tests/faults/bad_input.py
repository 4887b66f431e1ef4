"""The bad-input table: every malformed option of every command, and what the CLI must answer.

One row per case. A later command is one row each: `Bad("advise-os-unknown", ("advise", "--os",
"plan9"), "unknown os")`. Rows whose arguments need files get a `setup(tmp) -> args` instead.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

Args = Sequence[str]


@dataclass(frozen=True)
class Bad:
    id: str
    args: Args | Callable[[Path], Args]  # the argv after `hwprobe`, or a function of a fresh temp folder
    message: str  # a piece of the one line on stderr
    code: int = 2
    skip_as_root: bool = False  # permissions that root ignores
    posix_only: bool = False  # paths such as /proc
    note: str = ""  # what the arguments do not show, for docs/reliability.md

    def argv(self, tmp: Path) -> list[str]:
        return list(self.args(tmp) if callable(self.args) else self.args)


def _dir(tmp: Path) -> Path:
    return tmp


def _file(tmp: Path, name: str = "plain.txt") -> Path:
    (tmp / name).write_text("not a directory\n")
    return tmp / name


def _recording(tmp: Path, host: str | bytes | None, extra: dict[str, str] | None = None) -> Path:
    rec = tmp / "rec"
    rec.mkdir()
    if host is not None:
        (rec / "host.json").write_bytes(host.encode() if isinstance(host, str) else host)
    for rel, text in (extra or {}).items():
        (rec / rel).parent.mkdir(parents=True, exist_ok=True)
        (rec / rel).write_text(text)
    return rec


def _readonly_child(tmp: Path) -> str:
    locked = tmp / "locked"
    locked.mkdir(mode=0o500)
    return str(locked / "r.json")


MINIMAL_HOST = json.dumps({"format": 1, "env": {}, "queries": {}})

DOCTOR: tuple[Bad, ...] = (
    Bad("unknown-option", ("doctor", "--bogus"), "No such option"),
    Bad("extra-argument", ("doctor", "extra"), "unexpected extra argument"),
    Bad("flag-given-a-value", ("doctor", "--json=yes"), "does not take a value"),
    Bad("probe-timeout-zero", ("doctor", "--probe-timeout", "0"), "--probe-timeout"),
    Bad("probe-timeout-negative", ("doctor", "--probe-timeout", "-5"), "--probe-timeout"),
    Bad("probe-timeout-word", ("doctor", "--probe-timeout", "soon"), "--probe-timeout"),
    Bad("probe-timeout-empty", ("doctor", "--probe-timeout", ""), "--probe-timeout"),
    Bad("probe-timeout-nan", ("doctor", "--probe-timeout", "nan"), "--probe-timeout"),
    Bad("probe-timeout-inf", ("doctor", "--probe-timeout", "inf"), "--probe-timeout"),
    Bad("probe-timeout-huge", ("doctor", "--probe-timeout", "1e9"), "--probe-timeout"),
    Bad("probe-timeout-missing-value", ("doctor", "--probe-timeout"), "requires an argument"),
    Bad("framework-unknown", ("doctor", "--framework", "jax"), "unknown framework"),
    Bad("framework-only-commas", ("doctor", "--framework", ","), "at least one"),
    Bad("framework-empty", ("doctor", "--framework", ""), "at least one"),
    Bad("framework-one-unknown-of-two", ("doctor", "--framework", "torch,jax"), "unknown framework 'jax'"),
    Bad("framework-not-utf8", ("doctor", "--framework", os.fsdecode(b"\xff\xfe")), "unknown framework"),
    Bad("require-no-device", ("doctor", "--require", "torch"), "expected FRAMEWORK:DEVICE"),
    Bad("require-unknown-framework", ("doctor", "--require", "jax:cuda"), "unknown framework"),
    Bad("require-unknown-device", ("doctor", "--require", "torch:gpu0"), "unknown device"),
    Bad("require-colon-only", ("doctor", "--require", ":"), "expected FRAMEWORK:DEVICE"),
    Bad("require-empty-device", ("doctor", "--require", "torch:"), "expected FRAMEWORK:DEVICE"),
    Bad("require-empty", ("doctor", "--require", ""), "expected FRAMEWORK:DEVICE"),
    Bad("require-second-bad", ("doctor", "--require", "torch:cpu", "--require", "tf:quantum"), "unknown device"),
    Bad("format-unknown", ("doctor", "--format", "xml"), "--format"),
    Bad("format-empty", ("doctor", "--format", ""), "--format"),
    Bad("output-is-a-directory", lambda t: ("doctor", "--output", str(_dir(t))), "is a directory"),
    Bad("output-dir-missing", lambda t: ("doctor", "--output", str(t / "no" / "such" / "r.json")), "does not exist"),
    Bad("output-parent-is-a-file", lambda t: ("doctor", "--output", str(_file(t) / "r.json")), "is not a directory"),
    Bad("output-empty", ("doctor", "--output", ""), "empty file name"),
    Bad("output-dir-unwritable", lambda t: ("doctor", "--output", _readonly_child(t)), "not writable",
        skip_as_root=True),
    Bad("output-on-proc", ("doctor", "--output", "/proc/hwprobe-report.json"), "not writable", posix_only=True),
    Bad("replay-missing", lambda t: ("doctor", "--replay", str(t / "nope")), "not a recording"),
    Bad("replay-a-file", lambda t: ("doctor", "--replay", str(_file(t))), "not a recording"),
    Bad("replay-empty-dir", lambda t: ("doctor", "--replay", str(_dir(t))), "not a recording"),
    Bad("replay-host-not-json", lambda t: ("doctor", "--replay", str(_recording(t, "{not json"))),
        "unreadable recording"),
    Bad("replay-host-a-list", lambda t: ("doctor", "--replay", str(_recording(t, "[1, 2]"))), "not a JSON object"),
    Bad("replay-host-binary", lambda t: ("doctor", "--replay", str(_recording(t, bytes(range(256)) * 8))),
        "unreadable recording"),
    Bad("replay-host-empty", lambda t: ("doctor", "--replay", str(_recording(t, ""))), "unreadable recording"),
    Bad("replay-host-section-wrong-type",
        lambda t: ("doctor", "--replay", str(_recording(t, json.dumps({"env": "x", "files": []})))),
        "is not an object"),
    Bad("replay-host-absent-wrong-type",
        lambda t: ("doctor", "--replay", str(_recording(t, json.dumps({"absent": 5})))), "not a list of strings"),
    Bad("replay-host-nested-100k-deep",
        lambda t: ("doctor", "--replay", str(_recording(t, "[" * 100_000 + "]" * 100_000))), "nested too deeply"),
    Bad("replay-command-corrupt",
        lambda t: ("doctor", "--replay", str(_recording(t, MINIMAL_HOST, {"commands/a.json": "{oops"}))),
        "unreadable recorded command"),
    Bad("replay-command-wrong-shape",
        lambda t: ("doctor", "--replay", str(_recording(t, MINIMAL_HOST, {"commands/a.json": "[1]"}))),
        "unreadable recorded command"),
    Bad("replay-probe-corrupt",
        lambda t: ("doctor", "--replay", str(_recording(t, MINIMAL_HOST, {"probes/torch.json": "\xff{"}))),
        "unreadable recorded command"),
    Bad("replay-incomplete", lambda t: ("doctor", "--replay", str(_recording(t, MINIMAL_HOST))), "has no answer for",
        code=3),
)

def _advise_bad(flag: str, *values: str) -> tuple[Bad, ...]:
    return tuple(Bad(f"advise{flag}-{v or 'empty'}".replace(" ", "-").replace(";", "").replace("~", "home"),
                     ("advise", flag, v), f"{flag} {v!r}") for v in values)


ADVISE: tuple[Bad, ...] = (
    *_advise_bad("--os", "plan9", ""),
    *_advise_bad("--arch", "sparc", ""),
    *_advise_bad("--accelerator", "npu", ""),
    *_advise_bad("--driver", "new", "535.104.05; rm -rf ~", "-1"),
    *_advise_bad("--cuda", "twelve", "12.4.1.2.3", "1e3"),
    *_advise_bad("--python", "three", "3.12rc1"),
    *_advise_bad("--compute-capability", "9", "x.y"),
    *_advise_bad("--gfx", "navi", ""),
    *_advise_bad("--os-version", "Sonoma"),
    *_advise_bad("--package-manager", "brew"),
    Bad("advise-framework-unknown", ("advise", "--framework", "jax"), "unknown framework 'jax'"),
    Bad("advise-framework-empty", ("advise", "--framework", ""), "at least one"),
    Bad("advise-os-not-utf8", ("advise", "--os", os.fsdecode(b"\xff\xfe")), "--os"),
    Bad("advise-driver-missing-value", ("advise", "--driver"), "requires an argument"),
    Bad("advise-format-unknown", ("advise", "--format", "xml"), "--format"),
    Bad("advise-output-is-a-directory", lambda t: ("advise", "--output", str(_dir(t))), "is a directory"),
    Bad("advise-output-dir-missing", lambda t: ("advise", "--output", str(t / "no" / "r.json")), "does not exist"),
    Bad("advise-output-empty", ("advise", "--output", ""), "empty file name"),
    Bad("advise-output-on-proc", ("advise", "--output", "/proc/hwprobe-advice.json"), "not writable", posix_only=True),
)


def _write(tmp: Path, name: str, data: str | bytes) -> str:
    path = tmp / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def _fifo(tmp: Path) -> str:
    os.mkfifo(tmp / "pipe")
    return str(tmp / "pipe")


def _report(**fields: object) -> str:
    """A saved report, indented as `doctor --json` writes it, with some fields of the wrong type or value."""
    base: dict = {"schema_version": "1", "host": {"os": "linux", "arch": "x86_64"}, "cpu": {}, "frameworks": [],
                  "accelerators": []}
    for path, value in fields.items():
        *parents, key = path.split("__")
        node = base
        for p in parents:
            node = node[int(p)] if p.isdigit() else node[p]
        node[int(key) if key.isdigit() else key] = value
    return json.dumps(base, indent=2)


EXPLAIN: tuple[Bad, ...] = (
    Bad("explain-no-file", ("explain",), "Missing argument"),
    Bad("explain-missing-file", lambda t: ("explain", str(t / "nope.txt")), "no such file"),
    Bad("explain-a-directory", lambda t: ("explain", str(_dir(t))), "is a directory"),
    Bad("explain-empty", lambda t: ("explain", _write(t, "e.txt", "")), "is empty"),
    Bad("explain-blank", lambda t: ("explain", _write(t, "b.txt", " \n\t\n\r\n" * 1000)), "is empty"),
    Bad("explain-binary", lambda t: ("explain", _write(t, "b.bin", bytes(range(256)) * 64)), "binary"),
    Bad("explain-control-characters", lambda t: ("explain", _write(t, "c.txt", bytes(range(1, 32)) * 512)), "binary"),
    Bad("explain-dev-zero", ("explain", "/dev/zero"), "binary data", posix_only=True),
    Bad("explain-fifo-without-writer", lambda t: ("explain", _fifo(t)), "nothing writes to", posix_only=True),
    Bad("explain-json-object-nested-100k-deep",
        lambda t: ("explain", _write(t, "n.json", '{"schema_version": "1", "host": ' + "[" * 100_000 + "]" * 100_000
                                      + "}")), "nested too deeply"),
    Bad("explain-report-of-schema-version-2", lambda t: ("explain", _write(t, "r.json", _report(schema_version="2"))),
        "schema_version '2'"),
    Bad("explain-report-without-cpu", lambda t: ("explain", _write(t, "r.json", _report().replace('"cpu": {},', ''))),
        "no 'cpu' section"),
    Bad("explain-report-host-os-a-number", lambda t: ("explain", _write(t, "r.json", _report(host__os=5))),
        "does not load"),
    Bad("explain-report-host-a-list", lambda t: ("explain", _write(t, "r.json", _report(host=[1]))), "does not load"),
    Bad("explain-report-frameworks-a-string", lambda t: ("explain", _write(t, "r.json", _report(frameworks="torch"))),
        "does not load"),
    Bad("explain-report-memory-a-word",
        lambda t: ("explain", _write(t, "r.json", _report(memory={"total_bytes": "lots"}))), "does not load"),
    Bad("explain-report-framework-status-unknown",
        lambda t: ("explain", _write(t, "r.json", _report(frameworks=[{"name": "torch", "status": "quantum"}]))),
        "frameworks[0].status is 'quantum'"),
    Bad("explain-report-device-kind-unknown",
        lambda t: ("explain", _write(t, "r.json", _report(frameworks=[{"name": "torch", "status": "ok", "devices": [
            {"kind": "quantum", "index": 0}]}]))), "devices[0].kind is 'quantum'"),
    Bad("explain-format-unknown", lambda t: ("explain", _write(t, "p.txt", "torch 2.1.0\n"), "--format", "xml"),
        "--format"),
    Bad("explain-output-is-a-directory", lambda t: ("explain", _write(t, "p.txt", "torch 2.1.0\n"), "--output",
                                                    str(_dir(t))), "is a directory"),
    Bad("explain-output-empty", lambda t: ("explain", _write(t, "p.txt", "torch 2.1.0\n"), "--output", ""),
        "empty file name"),
)


def _full_dir(tmp: Path) -> str:
    (tmp / "rec").mkdir()
    (tmp / "rec" / "host.json").write_text("{}")
    return str(tmp / "rec")


RECORD: tuple[Bad, ...] = (
    Bad("record-no-dir", ("record",), "Missing argument"),
    Bad("record-dir-not-empty", lambda t: ("record", _full_dir(t)), "not empty (use --force"),
    Bad("record-dir-is-a-file", lambda t: ("record", str(_file(t))), "not a directory"),
    Bad("record-parent-missing", lambda t: ("record", str(t / "no" / "such" / "rec")), "does not exist"),
    Bad("record-parent-unwritable", lambda t: ("record", _readonly_child(t)), "not writable", skip_as_root=True),
    Bad("record-parent-is-proc", ("record", "/proc/hwprobe-recording"), "not writable", posix_only=True),
    Bad("record-framework-unknown", lambda t: ("record", str(t / "rec"), "--framework", "jax"), "unknown framework"),
    Bad("record-probe-timeout-zero", lambda t: ("record", str(t / "rec"), "--probe-timeout", "0"), "--probe-timeout"),
    Bad("record-unknown-option", lambda t: ("record", str(t / "rec"), "--bogus"), "No such option"),
)


BENCH: tuple[Bad, ...] = (
    Bad("bench-mode-unknown", ("bench", "--mode", "fast"), "--mode: 'fast' is not one of"),
    Bad("bench-mode-empty", ("bench", "--mode", ""), "--mode: '' is not one of"),
    Bad("bench-batch-size-zero", ("bench", "--batch-size", "0"), "--batch-size 0: must be between"),
    Bad("bench-batch-size-negative", ("bench", "--batch-size", "-32"), "--batch-size -32: must be between"),
    Bad("bench-batch-size-word", ("bench", "--batch-size", "many"), "--batch-size"),
    Bad("bench-batch-size-float", ("bench", "--batch-size", "3.5"), "--batch-size"),
    Bad("bench-batch-size-huge", ("bench", "--batch-size", str(2**21)), "must be between 1 and"),
    Bad("bench-duration-zero", ("bench", "--duration", "0"), "--duration"),
    Bad("bench-duration-negative", ("bench", "--duration", "-1"), "--duration"),
    Bad("bench-duration-word", ("bench", "--duration", "soon"), "--duration"),
    Bad("bench-duration-nan", ("bench", "--duration", "nan"), "--duration"),
    Bad("bench-duration-inf", ("bench", "--duration", "inf"), "--duration"),
    Bad("bench-quick-and-duration", ("bench", "--quick", "--duration", "2"), "--quick and --duration"),
    Bad("bench-device-unknown", ("bench", "--device", "npu"), "--device: unknown device 'npu'"),
    Bad("bench-device-bad-index", ("bench", "--device", "cuda:first"), "bad device index"),
    Bad("bench-device-cpu-with-index", ("bench", "--device", "cpu:0"), "bad device index"),
    Bad("bench-device-only-commas", ("bench", "--device", ",,"), "give at least one device"),
    Bad("bench-device-not-utf8", ("bench", "--device", os.fsdecode(b"\xff\xfe")), "--device: unknown device"),
    Bad("bench-framework-unknown", ("bench", "--framework", "jax"), "unknown framework 'jax'"),
    Bad("bench-framework-empty", ("bench", "--framework", ""), "at least one"),
    Bad("bench-format-unknown", ("bench", "--format", "xml"), "--format"),
    Bad("bench-probe-timeout-zero", ("bench", "--probe-timeout", "0"), "--probe-timeout"),
    Bad("bench-probe-timeout-nan", ("bench", "--probe-timeout", "nan"), "--probe-timeout"),
    Bad("bench-output-dir-missing", lambda t: ("bench", "--output", str(t / "no" / "bench.json")), "does not exist"),
    Bad("bench-output-is-a-directory", lambda t: ("bench", "--output", str(_dir(t))), "is a directory"),
    Bad("bench-output-empty", ("bench", "--output", ""), "empty file name"),
    Bad("bench-unknown-option", ("bench", "--bogus"), "No such option"),
)


MACHINES = Path(__file__).resolve().parents[1] / "machines"


def _corrupt_one_file(name: str) -> tuple[str, str]:
    """The recording's first recorded command (else probe, else host.json), and the message for it."""
    rec = MACHINES / name
    for folder in ("commands", "probes"):
        files = sorted((rec / folder).glob("*.json"))
        if files:
            return f"{folder}/{files[0].name}", "unreadable recorded command"
    return "host.json", "unreadable recording"


def _corrupted(name: str, rel: str) -> Callable[[Path], Args]:
    def setup(tmp: Path) -> Args:
        import shutil

        dest = shutil.copytree(MACHINES / name, tmp / name)
        data = (dest / rel).read_bytes()
        (dest / rel).write_bytes(data[: len(data) // 2])  # cut in the middle, as a failed copy leaves it
        return ("doctor", "--replay", str(dest), "--json")

    return setup


REPLAY_CORRUPT: tuple[Bad, ...] = tuple(
    Bad(f"replay-{name}-{rel.split('/')[0].replace('.json', '')}-cut", _corrupted(name, rel), message,
        note=f"its `{rel}` cut in half")
    for name in sorted(p.name for p in MACHINES.iterdir() if (p / "host.json").is_file())
    for rel, message in [_corrupt_one_file(name)]
)

GLOBAL: tuple[Bad, ...] = (
    Bad("global-unknown-option", ("--bogus",), "No such option"),
    Bad("global-unknown-command", ("no-such-command",), "No such command"),
)

ROWS: tuple[Bad, ...] = GLOBAL + DOCTOR + REPLAY_CORRUPT + ADVISE + EXPLAIN + RECORD + BENCH

# One row per kind of error the boundary maps (click usage, UsageError, OutputError, InputError,
# ReplayMissError): HWPROBE_DEBUG=1 must add the traceback and keep the exit code.
DEBUG_ROWS = ("unknown-option", "framework-unknown", "output-dir-missing", "replay-host-not-json", "replay-incomplete",
              "explain-json-object-nested-100k-deep", "record-parent-is-proc")


# Odd input that is still a paste: `explain` must read it (exit 0, a schema-valid report) and find what it says.
ERROR_LINE = "RuntimeError: CUDA error: no kernel image is available for execution on the device\n"


@dataclass(frozen=True)
class Odd:
    id: str
    what: str  # one line for docs/reliability.md
    data: Callable[[], bytes]
    verdict: str  # explanation.verdict
    finding: str | None  # a finding code that must come out


def _compact_report() -> bytes:
    """The doctor's own JSON report of a recorded machine, on one line (`jq -c`)."""
    import contextlib
    import io

    from hwprobe.cli import main

    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
        main(["doctor", "--replay", str(MACHINES / "linux-x86_64-cuda-v100-module-not-loaded"), "--json"])
    return json.dumps(json.loads(out.getvalue())).encode()


EXPLAIN_ODD: tuple[Odd, ...] = (
    Odd("invalid-utf8", "invalid UTF-8 (Latin-1 bytes, 0xff 0xfe)",
        lambda: ("torch 2.1.0 caf\xe9 \xff\xfe\n" + ERROR_LINE).encode("latin-1"), "diagnosed", "cuda.arch_not_in_build"),
    Odd("utf16-le-without-bom", "UTF-16-LE without a BOM", lambda: ("torch 2.1.0\n" + ERROR_LINE).encode("utf-16-le"),
        "diagnosed", "cuda.arch_not_in_build"),
    Odd("utf16-be-without-bom", "UTF-16-BE without a BOM", lambda: ("torch 2.1.0\n" + ERROR_LINE).encode("utf-16-be"),
        "diagnosed", "cuda.arch_not_in_build"),
    Odd("json-array-nested-100k-deep", "a JSON array nested 100,000 deep (not a report: read as text)",
        lambda: b"[" * 100_000 + b"]" * 100_000, "nothing_recognized", None),
    Odd("one-10-mb-line", "one 10 MB line without a break, then the error",
        lambda: b"x" * 10_000_000 + b"\n" + ERROR_LINE.encode(), "diagnosed", "cuda.arch_not_in_build"),
    Odd("compact-one-line-report", "the doctor's JSON report on one line (`jq -c`)", _compact_report, "diagnosed",
        "cuda.driver_not_loaded"),
)
