"""`hwprobe explain` reports: the verdict first, findings in their ranked order with the paste's
lines, what is unknown and the one command to run next. Text for a terminal, Markdown for a reply
a maintainer can post in the thread. Computes nothing: every sentence comes from the Report."""

from __future__ import annotations

import io

from rich.console import Console
from rich.text import Text

from hwprobe.render import _words as w
from hwprobe.report import Report

_BASIS = {"quoted": "an error message in the paste", "facts": "facts the paste states", "inferred": "inference"}
_KIND = {"collect_env": "torch collect_env", "tf_env": "tf_env_collect.sh", "tf_template": "TensorFlow template",
         "nvidia_smi": "nvidia-smi", "pip_list": "pip list/freeze", "conda_list": "conda list", "traceback": "traceback",
         "error_line": "known message", "platform": "Python platform", "sw_vers": "sw_vers", "uname": "uname -a",
         "lscpu": "lscpu", "rocminfo": "rocminfo", "key_values": "key: value list", "hwprobe_report": "hwprobe report",
         "hwprobe_text": "hwprobe doctor report",
         "pip_install": "pip output", "pip_show": "pip show", "os_release": "os-release", "ls_dev": "ls /dev",
         "file": "file"}


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _read(report: Report) -> str:
    e = report.explanation
    assert e is not None
    parts = [f"{_KIND.get(s.kind, s.kind)} ({_lines(s.first_line, s.last_line)})" for s in e.sections]
    return ", ".join(parts) if parts else "nothing recognized"


def render_explain_text(report: Report, color: bool = False, width: int | None = 100, ascii_only: bool = False) -> str:
    e = report.explanation
    assert e is not None
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, color_system="standard" if color else None,
                      width=width or 100, highlight=False, emoji=False, markup=False, soft_wrap=False,
                      legacy_windows=False)
    bad, warn, info = ("x", "!", "i") if ascii_only else ("✖", "▲", "ℹ")
    sym = {"error": bad, "warning": warn, "info": info}
    f = report.facts
    head = Text(f"hwprobe {report.hwprobe_version} explain", "bold")
    head.append(f"  [{report.origin.detail or report.origin.kind}, {e.lines} lines]", "magenta")
    console.print(head)
    console.print(Text(f"Read: {_read(report)}", "dim"))
    if e.skipped:
        console.print(Text(f"Skipped: {e.skipped}", "dim"))
    console.print(Text(f"Machine: {w.machine_line(f)} · {w.python_line(f)}"))
    for a in f.accelerators:
        console.print(Text("Accelerator: " + w.accelerator_line(a)))
    if f.environment.cuda_toolkit:
        console.print(Text(f"System CUDA toolkit: {f.environment.cuda_toolkit}"))
    for fw in f.frameworks:
        line = f"{w.framework_label(fw, fw.name)}: {fw.status}"
        if fw.build:
            line += f", {w.build_summary(fw)}"
        console.print(Text(line))
    console.print()
    style = {"diagnosed": "bold red", "not_enough_information": "bold yellow", "nothing_recognized": "bold yellow"}
    console.print(Text(e.summary, style.get(e.verdict, "bold")))
    for x, r in zip(report.findings, e.ranking):
        t = Text("  ")
        t.append(f"{sym.get(x.severity, '?')} {x.severity}", "bold red" if x.severity == "error" else "yellow")
        t.append(f"  {x.code}", "bold")
        t.append(f"  ({x.subject})  from {_BASIS[r.basis]}" + ("" if r.confident else ", not conclusive"), "dim")
        console.print(t)
        w.print_finding_body(console, x)
    if e.unknown:
        console.print()
        console.print(Text("Not known from the paste", "bold underline"))
        for u in e.unknown:
            w.print_command(console, f"  {u.why}: ", u.command)
    if e.next_step:
        console.print()
        # One line, past the width if need be: the sentence holds a command to copy (print_command's reason).
        console.print(Text(f"Next step: {e.next_step}", "bold green"), no_wrap=True, overflow="ignore", crop=False)
    if report.advice and e.verdict == "diagnosed":
        console.print()
        console.print(Text("Install advice", "bold underline"))
        for a in report.advice:
            console.print(Text(f"  {a.framework} with {a.accelerator}:", "bold"))
            for cmd in a.commands:
                w.print_command(console, "    $ ", cmd, "green", "green")
            for n in a.notes:
                console.print(Text(f"    {n}", "dim"))
    return buf.getvalue()


_text = w.md_text
_code = w.md_code


def render_explain_markdown(report: Report) -> str:
    """A reply for the issue thread: the cause (or that none can be named yet), the fix, what to run next."""
    e = report.explanation
    assert e is not None
    out: list[str] = []
    confident = [(x, r) for x, r in zip(report.findings, e.ranking) if r.confident]
    others = [(x, r) for x, r in zip(report.findings, e.ranking) if not r.confident]
    if e.verdict == "diagnosed":
        x, r = confident[0]
        out.append(f"**Most likely cause:** `{x.code}` ({_text(x.subject)}): {_text(x.message)}")
        out.append("")
        for ev in x.evidence:
            out.append(f"> {_code(ev)}")
        if x.evidence:
            out.append("")
        if x.fix:
            out.append("**Fix:**")
            out.append("")
            out.append("```sh")
            out.extend(x.fix)
            out.append("```")
            out.append("")
        for src in x.sources:
            out.append(f"See {src}")
        rest = confident[1:] + others
    else:
        out.append(f"**{_text(e.summary)}**")
        rest = confident + others
    if rest:
        out.append("")
        out.append("**Also found:**" if e.verdict == "diagnosed" else "**Possible, not conclusive:**")
        out.append("")
        for x, r in rest:
            lines = f" (line{'s' if len(r.lines) > 1 else ''} {', '.join(map(str, r.lines))})" if r.lines else ""
            out.append(f"- `{x.code}` ({_text(x.subject)}){lines}: {_text(x.message)}")
            for cmd in x.fix:
                out.append(f"  - fix: {_code(cmd)}")
    if e.unknown:
        out.append("")
        out.append("**Not known from what was pasted:**")
        out.append("")
        for u in e.unknown:
            out.append(f"- {_text(u.why)}: {_code(u.command)}")
    if e.next_step:
        out.append("")
        out.append(f"**Next step:** please {e.next_step.replace('run `', 'run `', 1)}.")
    out.append("")
    out.append("<details><summary>What hwprobe read</summary>")
    out.append("")
    out.append(f"- input: {_text(report.origin.detail or report.origin.kind)}, {e.lines} lines; {_text(_read(report))}")
    if e.skipped:
        out.append(f"- skipped: {_text(e.skipped)}")
    f = report.facts
    out.append(f"- machine: {_text(w.machine_line(f))} · {_text(w.python_line(f))}")
    for a in f.accelerators:
        out.append(f"- accelerator: {_text(w.accelerator_line(a))}")
    for fw in f.frameworks:
        out.append(f"- {_text(w.framework_label(fw, fw.name))}: {fw.status}" + (f", {_text(w.build_summary(fw))}" if fw.build else ""))
    out.extend(w.md_environment_items(f))
    out.append("")
    out.append("</details>")
    out.append("")
    out.append(f"<sub>hwprobe {report.hwprobe_version} explain · offline, from the pasted text only</sub>")
    out.append("")
    return "\n".join(out)
