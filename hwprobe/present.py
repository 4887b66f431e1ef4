"""The one output sink of every command that produces a report: redact, render, write.

Renderers are imported only for the format asked, so a command pays for what it prints.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from hwprobe.output import emit, stdout_is_utf8
from hwprobe.report import Report
from hwprobe.scrub import Scrubber

if TYPE_CHECKING:
    from hwprobe.sense.io import HostIO


def present(report: Report, fmt: str, as_json: bool, output: str | None, redact: bool, io: HostIO | None = None,
            bench_view: bool = False, identity: tuple = (None, None)) -> None:
    """Redact, render, write: the same for every command that produces a report. `bench_view`: the benchmark
    alone; `identity`: the (user, host) a paste states, where there is no machine to ask."""
    fmt = "json" if as_json else str(getattr(fmt, "value", fmt))
    env: dict = {"USER": identity[0]} if identity[0] else {}
    node = identity[1]
    if io is not None and redact:
        env = dict(io.env())
        try:
            node = io.query("platform").get("node")
        except Exception:  # noqa: BLE001 - no node name: nothing to redact for it
            node = None
    if not redact:
        print("hwprobe: warning: --no-redact: the output contains host and user names, paths and addresses",
              file=sys.stderr)
    data = Scrubber.from_environment(env, node, enabled=redact).data(report.to_dict())
    if fmt == "json":
        from hwprobe.render.json import render_json

        text = render_json(data, ascii_only=output is None and not stdout_is_utf8())
    else:
        from hwprobe.render.safe import visible

        shown = Report.from_dict(visible(data))  # no terminal escape from a tool's output reaches the screen
        if fmt == "markdown":
            from hwprobe.render.markdown import render_bench_markdown, render_markdown

            text = (render_bench_markdown if bench_view else render_markdown)(shown)
        else:
            from hwprobe.render.terminal import render_bench_text, render_text

            to_tty = output is None and sys.stdout.isatty()
            color = to_tty and not os.environ.get("NO_COLOR")
            enc = (getattr(sys.stdout, "encoding", None) or "utf-8").lower()
            width = None
            if to_tty:
                import shutil

                width = max(80, min(shutil.get_terminal_size((100, 24)).columns, 160))
            text = (render_bench_text if bench_view else render_text)(shown, color=color, width=width,
                                                                       ascii_only="utf" not in enc)
    emit(text, output)
    if output:
        print(f"hwprobe: wrote {output}", file=sys.stderr)
