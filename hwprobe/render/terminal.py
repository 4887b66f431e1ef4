"""The terminal report: matrix first, then findings with their fixes, then details."""

from __future__ import annotations

import io

from rich import box
from rich.console import Console
from rich.table import Table
from rich.text import Text

from hwprobe.facts import DEVICE_KINDS
from hwprobe.render import _bench
from hwprobe.render import _words as w
from hwprobe.report import Report

_STYLE = {"works": "bold green", "broken": "bold red", "not_built": "yellow", "no_hardware": "dim",
          "not_installed": "yellow", "unsupported": "dim", "unknown": "dim"}
_SEV = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def _symbols(ascii_only: bool) -> dict[str, str]:
    if ascii_only:
        return {"works": "+", "broken": "x", "not_built": "-", "no_hardware": ".", "not_installed": "-",
                "unsupported": ".", "unknown": "?", "error": "x", "warning": "!", "info": "i", "ok": "+", "bad": "x"}
    return {"works": "✔", "broken": "✖", "not_built": "○", "no_hardware": "·", "not_installed": "○",
            "unsupported": "·", "unknown": "?", "error": "✖", "warning": "▲", "info": "ℹ", "ok": "✔", "bad": "✖"}


def render_text(report: Report, color: bool = False, width: int | None = 100, ascii_only: bool = False) -> str:
    """The report as terminal text (ANSI colors only when `color`). Machine strings are never markup."""
    if report.explanation is not None:
        from hwprobe.render.explain import render_explain_text

        return render_explain_text(report, color=color, width=width, ascii_only=ascii_only)
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, color_system="standard" if color else None,
                      width=width or 100, highlight=False, emoji=False, markup=False, soft_wrap=False,
                      legacy_windows=False)
    sym = _symbols(ascii_only)
    f = report.facts
    head = Text()
    head.append(f"hwprobe {report.hwprobe_version}", "bold")
    if report.origin.kind != "live":
        head.append(f"  [{report.origin.kind}: {report.origin.detail or ''}]", "magenta")
    console.print(head)
    console.print(Text(w.machine_line(f)))
    console.print(Text(f"{w.python_line(f)} · {w.cpu_line(f)} · RAM {w.gib(f.memory.total_bytes)}"))
    if f.accelerators:
        for a in f.accelerators:
            console.print(Text("Accelerator: " + w.accelerator_line(a)))
    else:
        console.print(Text("Accelerators: none found by the OS or drivers (CPU only)", "dim"))
    console.print()

    # Device kinds as rows, frameworks as columns: fits 80 columns whatever the labels.
    names = list(dict.fromkeys(c.framework for c in report.matrix))
    table = Table(pad_edge=False, expand=False, box=box.ASCII2 if ascii_only else box.SIMPLE_HEAD)
    table.add_column("device", no_wrap=True, style="bold")
    for name in names:
        table.add_column(w.framework_label(f.framework(name), name), no_wrap=True)
    for kind in DEVICE_KINDS:
        row: list[Text] = [Text(kind)]
        for name in names:
            c = next((c for c in report.matrix if c.framework == name and c.device_kind == kind), None)
            row.append(Text(f"{sym[c.state]} {w.STATE_LABEL[c.state]}", _STYLE.get(c.state, "")) if c else Text(""))
        table.add_row(*row)
    console.print(table)
    notable = [c for c in report.matrix if c.state in ("works", "broken", "not_built")]
    for c in notable:
        line = Text(f"  {c.framework}/{c.device_kind}: ", "dim")
        line.append(c.detail)
        console.print(line)
    console.print()

    console.print(Text("Findings", "bold underline"))
    if not report.findings:
        console.print(Text(f"  {sym['ok']} nothing wrong found", "green"))
    for x in report.findings:
        t = Text("  ")
        t.append(f"{sym[x.severity]} {x.severity}", _SEV.get(x.severity, ""))
        t.append(f"  {x.code}", "bold")
        t.append(f"  ({x.subject})", "dim")
        console.print(t)
        w.print_finding_body(console, x)
    console.print()

    if report.advice:
        console.print(Text("Install advice", "bold underline"))
        for a in report.advice:
            console.print(Text(f"  {a.framework} with {a.accelerator}:", "bold"))
            for cmd in a.commands:
                w.print_command(console, "    $ ", cmd, "green", "green")
            for n in a.notes:
                console.print(Text(f"    {n}", "dim"))
            for src in a.sources:
                console.print(Text(f"    see: {src}", "dim"))
        console.print()

    if f.benchmarks:
        _benchmarks(console, f.benchmarks, sym)
        console.print()

    console.print(Text("Frameworks", "bold underline"))
    for fw in f.frameworks:
        t = Text(f"  {w.framework_label(fw, fw.name)}", "bold")
        if fw.distribution and fw.distribution != fw.name:
            t.append(f" ({fw.distribution})", "dim")
        t.append(f"  {fw.status}", "green" if fw.status == "ok" else ("yellow" if fw.status == "not_installed" else "red"))
        if fw.import_s is not None:
            t.append(f", import {fw.import_s:.1f} s", "dim")
        console.print(t)
        if fw.build:
            console.print(Text(f"    build: {w.build_summary(fw)}", "dim"))
        for d in fw.devices:
            s = d.smoke
            ok = s is not None and s.status == "ok"
            line = Text(f"    {d.kind}:{d.index} {d.name or ''}".rstrip() + "  ")
            line.append(f"{sym['ok'] if ok else sym['bad']} smoke {s.status if s else 'missing'}", "green" if ok else "red")
            if s and s.max_error is not None:
                line.append(f" (max err {s.max_error:.1e}, {s.seconds or 0:.2f} s)", "dim")
            console.print(line)
        if fw.status not in ("ok", "not_installed") and fw.detail:
            console.print(Text(f"    {fw.detail}", "red"))
        for warn in fw.warnings[:3]:
            console.print(Text(f"    warning: {warn[:300]}", "yellow"))
    if f.packages:
        console.print(Text("Packages: " + " · ".join(f"{k} {v}" for k, v in f.packages.items()), "dim"))
    if f.environment.variables:
        console.print(Text("Environment: " + " ".join(f"{k}={v}" for k, v in f.environment.variables.items()), "dim"))
    if f.environment.cuda_toolkit:
        console.print(Text(f"System CUDA toolkit: {f.environment.cuda_toolkit}", "dim"))

    if report.gates:
        console.print()
        console.print(Text("Gates", "bold underline"))
        for g in report.gates:
            t = Text("  ")
            t.append(f"{sym['ok'] if g.passed else sym['bad']} {g.requirement}", "green" if g.passed else "bold red")
            t.append(f"  {g.reason}")
            console.print(t)
    return buf.getvalue()


def _benchmarks(console: Console, rows, sym: dict[str, str]) -> None:  # noqa: ANN001 - tuple[BenchmarkRow, ...]
    """The benchmark table, then each row's configuration and peak, then what failed and why."""
    console.print(Text("Benchmark (seed CNN, synthetic CIFAR-10 batches)", "bold underline"))
    bt = Table(box=None, pad_edge=False)
    for col in _bench.COLUMNS:
        bt.add_column(col, justify="right" if col in _bench.NUMERIC else "left", no_wrap=col != "status")
    for b in rows:
        bt.add_row(*_bench.cells(b), style="" if b.status == "ok" else ("dim" if b.status == "skipped" else "red"))
    console.print(bt)
    console.print(Text(f"  {_bench.LEGEND}", "dim"))
    for b in rows:
        label = f"  {b.framework} {b.device} {b.mode}: "
        if b.status == "ok":
            line = Text(label, "dim")
            line.append(_bench.config_line(b), "dim")
            console.print(line)
            peak = _bench.peak_line(b)
            if peak:
                console.print(Text(" " * len(label) + peak, "dim"))
        if b.detail:
            line = Text(label, "dim")
            line.append(b.detail, "yellow" if b.status in ("ok", "skipped") else "red")
            console.print(line)
    note = _bench.noisy_note(rows)
    if note:
        console.print(Text(f"  {sym['warning']} {note}", "yellow"))


def render_bench_text(report: Report, color: bool = False, width: int | None = 100, ascii_only: bool = False) -> str:
    """`hwprobe bench`: the machine in two lines, then the benchmark section alone."""
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=color, no_color=not color, color_system="standard" if color else None,
                      width=width or 100, highlight=False, emoji=False, markup=False, soft_wrap=False,
                      legacy_windows=False)
    f = report.facts
    console.print(Text(f"hwprobe {report.hwprobe_version} bench", "bold"))
    console.print(Text(w.machine_line(f)))
    console.print(Text(f"{w.python_line(f)} · {w.cpu_line(f)} · RAM {w.gib(f.memory.total_bytes)}"))
    for a in f.accelerators:
        console.print(Text("Accelerator: " + w.accelerator_line(a)))
    console.print()
    if f.benchmarks:
        _benchmarks(console, f.benchmarks, _symbols(ascii_only))
    else:
        console.print(Text("No benchmark ran: no framework to run it with (see hwprobe doctor).", "yellow"))
    return buf.getvalue()
