"""Markdown for bug reports and $GITHUB_STEP_SUMMARY: the matrix, findings with fixes, details folded."""

from __future__ import annotations

from hwprobe.facts import DEVICE_KINDS
from hwprobe.render import _bench
from hwprobe.render import _words as w
from hwprobe.report import Report

_ICON = {"works": "✅", "broken": "❌", "not_built": "⚠️", "no_hardware": "➖", "not_installed": "⬜",
         "unsupported": "➖", "unknown": "❔"}
_SEV = {"error": "❌", "warning": "⚠️", "info": "ℹ️"}


_cell = w.md_cell
_text = w.md_text
_code = w.md_code


def render_markdown(report: Report) -> str:
    if report.explanation is not None:
        from hwprobe.render.explain import render_explain_markdown

        return render_explain_markdown(report)
    f = report.facts
    out: list[str] = []
    title = "hwprobe doctor report" if report.origin.kind in ("live", "replay") else "hwprobe explain"
    out.append(f"## {title}")
    out.append("")
    out.append(f"**Machine:** {_cell(w.machine_line(f))}  ")
    out.append(f"**Python / CPU:** {_cell(w.python_line(f))} · {_cell(w.cpu_line(f))} · RAM {w.gib(f.memory.total_bytes)}  ")
    if f.accelerators:
        for a in f.accelerators:
            out.append(f"**Accelerator:** {_cell(w.accelerator_line(a))}  ")
    else:
        out.append("**Accelerators:** none found by the OS or drivers  ")
    out.append(f"<sub>hwprobe {report.hwprobe_version} · {report.created}"
               + (f" · {report.origin.kind}: {_cell(report.origin.detail or '')}" if report.origin.kind != "live" else "")
               + "</sub>")
    out.append("")
    names = list(dict.fromkeys(c.framework for c in report.matrix))
    out.append("| device | " + " | ".join(_cell(w.framework_label(f.framework(n), n)) for n in names) + " |")
    out.append("|---|" + "---|" * len(names))
    for kind in DEVICE_KINDS:
        cells = []
        for name in names:
            c = next((c for c in report.matrix if c.framework == name and c.device_kind == kind), None)
            cells.append(f"{_ICON[c.state]} {w.STATE_LABEL[c.state]}" if c else "")
        out.append(f"| {kind} | " + " | ".join(cells) + " |")
    out.append("")
    out.append("### Findings")
    out.append("")
    if not report.findings:
        out.append("✅ Nothing wrong found.")
    for x in report.findings:
        out.append(f"- {_SEV.get(x.severity, '')} **{x.code}** ({_cell(x.subject)}): {_text(x.message)}")
        for e in x.evidence:
            out.append(f"  - evidence: {_code(e)}")
        for cmd in x.fix:
            out.append(f"  - fix: {_code(cmd)}")
        for src in x.sources:
            out.append(f"  - see: {src}")
    out.append("")
    if report.advice:
        out.append("### Install advice")
        out.append("")
        for a in report.advice:
            out.append(f"**{a.framework}** with {a.accelerator}:")
            out.append("")
            out.append("```sh")
            out.extend(a.commands)
            out.append("```")
            for n in a.notes:
                out.append(f"- {_text(n)}")
            for src in a.sources:
                out.append(f"- see: {src}")
            out.append("")
    if f.benchmarks:
        out.extend(_benchmarks(f.benchmarks))
    if report.gates:
        out.append("### Gates")
        out.append("")
        for g in report.gates:
            out.append(f"- {'✅' if g.passed else '❌'} `{g.requirement}`: {_text(g.reason)}")
        out.append("")
    out.append("<details><summary>Frameworks, packages and environment</summary>")
    out.append("")
    for fw in f.frameworks:
        line = f"- **{_cell(w.framework_label(fw, fw.name))}**"
        if fw.distribution and fw.distribution != fw.name:
            line += f" ({fw.distribution})"
        line += f": {fw.status}"
        if fw.build:
            line += f"; {_cell(w.build_summary(fw))}"
        out.append(line)
        for d in fw.devices:
            s = d.smoke
            out.append(f"  - {d.kind}:{d.index} {_cell(d.name or '')}: smoke {s.status if s else 'missing'}"
                       + (f" (max err {s.max_error:.1e})" if s and s.max_error is not None else ""))
        if fw.status not in ("ok", "not_installed") and fw.stderr_tail:
            out.append("")
            out.append("  ```text")
            out.extend("  " + ln for ln in fw.stderr_tail.splitlines()[-15:])
            out.append("  ```")
    out.extend(w.md_environment_items(f))
    out.append("")
    out.append("</details>")
    out.append("")
    return "\n".join(out)


def _benchmarks(rows) -> list[str]:  # noqa: ANN001 - tuple[BenchmarkRow, ...]
    out = ["### Benchmark (seed CNN)", ""]
    out.append("| " + " | ".join(_bench.COLUMNS) + " |")
    out.append("|" + "|".join("---:" if c in _bench.NUMERIC else "---" for c in _bench.COLUMNS) + "|")
    for b in rows:
        out.append("| " + " | ".join(_cell(c) for c in _bench.cells(b)) + " |")
    out.append("")
    out.append(f"<sub>{_cell(_bench.LEGEND)}</sub>")
    out.append("")
    for b in rows:
        bits = [_bench.config_line(b)] if b.status == "ok" else []
        peak = _bench.peak_line(b) if b.status == "ok" else None
        if peak:
            bits.append(peak)
        if b.detail:
            bits.append(b.detail)
        if any(bits):
            out.append(f"- {b.framework} {_cell(b.device)} {b.mode}: " + "; ".join(_cell(x) for x in bits if x))
    note = _bench.noisy_note(rows)
    if note:
        out.append(f"- ⚠️ {note}")
    out.append("")
    return out


def render_bench_markdown(report: Report) -> str:
    """`hwprobe bench --format markdown`: the machine, then the benchmark section alone."""
    f = report.facts
    out = ["## hwprobe bench", "", f"**Machine:** {_cell(w.machine_line(f))}  ",
           f"**Python / CPU:** {_cell(w.python_line(f))} · {_cell(w.cpu_line(f))}  "]
    for a in f.accelerators:
        out.append(f"**Accelerator:** {_cell(w.accelerator_line(a))}  ")
    out.append(f"<sub>hwprobe {report.hwprobe_version} · {report.created}</sub>")
    out.append("")
    out.extend(_benchmarks(f.benchmarks) if f.benchmarks else ["No benchmark ran: no framework to run it with.", ""])
    return "\n".join(out)
