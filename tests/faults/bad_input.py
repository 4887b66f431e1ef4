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

GLOBAL: tuple[Bad, ...] = (
    Bad("global-unknown-option", ("--bogus",), "No such option"),
    Bad("global-unknown-command", ("no-such-command",), "No such command"),
)

ROWS: tuple[Bad, ...] = GLOBAL + DOCTOR

# One row per kind of error the boundary maps (click usage, UsageError, OutputError, InputError,
# ReplayMissError): HWPROBE_DEBUG=1 must add the traceback and keep the exit code.
DEBUG_ROWS = ("unknown-option", "framework-unknown", "output-dir-missing", "replay-host-not-json", "replay-incomplete")
