"""Renderers show machine strings literally (no markup injection) and produce valid Markdown tables."""

from __future__ import annotations

from test_codec import sample_facts
from test_matrix import facts as make_facts

from hwprobe.facts import DeviceFacts, FrameworkFacts, SmokeResult
from hwprobe.reason import build_report
from hwprobe.render.markdown import render_markdown
from hwprobe.render.terminal import render_text


def hostile_report():
    name = "[bold red]GPU|0[/bold red] `x` <script>"
    fw = FrameworkFacts("torch", "ok", version="2.13.0", build={"cuda": None},
                        devices=(DeviceFacts("cpu", 0, name=name, smoke=SmokeResult("ok", max_error=0.0)),))
    return build_report(make_facts(frameworks=[fw])), name


def test_terminal_text_prints_machine_strings_literally():
    report, name = hostile_report()
    text = render_text(report, color=False)
    assert name in text


def test_terminal_text_in_color_still_contains_the_literal_string():
    report, name = hostile_report()
    assert "[bold red]GPU|0[/bold red]" in render_text(report, color=True)


def test_ascii_mode_uses_no_non_ascii_symbols_in_the_matrix():
    report, _ = hostile_report()
    text = render_text(report, color=False, ascii_only=True)
    table = text.split("Findings")[0]
    assert all(ord(ch) < 128 for ch in table if ch not in "·")


def test_markdown_escapes_pipes_and_html_in_machine_strings():
    report, _ = hostile_report()
    md = render_markdown(report)
    assert "<script>" not in md
    table_rows = [ln for ln in md.splitlines() if ln.startswith("| ")]
    assert len({ln.count("|") - ln.count("\\|") for ln in table_rows}) == 1  # every row has the same columns


def test_every_renderer_handles_a_report_with_accelerators_and_findings():
    report = build_report(sample_facts())
    assert "NVIDIA A100" in render_text(report) and "NVIDIA A100" in render_markdown(report)


def test_a_command_longer_than_the_width_is_printed_whole_on_one_line():
    # A fix or install command wrapped mid-way is one a reader cannot copy (pip lines with an --index-url
    # run past 80 columns); the explain report at 60 columns keeps each command on a line of its own.
    from hwprobe.parse import parse_text
    from hwprobe.reason.explain import explain
    from hwprobe.reason.knowledge import Knowledge
    from hwprobe.render.explain import render_explain_text

    kb = Knowledge()
    report = explain(parse_text("NVIDIA-SMI 450.142.00   Driver Version: 450.142.00   CUDA Version: 11.0", kb, "t"), kb)
    commands = [u.command for u in report.explanation.unknown]
    assert any(len(c) > 60 for c in commands)
    lines = render_explain_text(report, width=60).splitlines()
    for cmd in commands:
        assert any(ln.strip() == cmd or ln.strip().endswith(": " + cmd) for ln in lines), cmd
    assert any(ln.startswith("Next step: ") and ln.endswith("and paste its output") for ln in lines)


def test_markdown_prose_escapes_outside_code_spans_and_keeps_them_as_written():
    # CommonMark reads no backslash escapes or entities inside a code span: `a \| b` would show its backslash
    from hwprobe.render._words import md_text

    out = md_text("run `nvidia-smi -q | grep -i fabric` or `pip install 'torch<2'`; a|b <i>x</i>\nC:\\Users")
    assert "`nvidia-smi -q | grep -i fabric`" in out and "`pip install 'torch<2'`" in out
    assert "a\\|b" in out and "&lt;i&gt;" in out and "\n" not in out and "C:\\\\Users" in out
    # a run of backticks closes only on a run of its own length
    assert md_text("``a`b|c``") == "``a`b|c``" and md_text("`x`` y|z") == "`x`` y\\|z"
