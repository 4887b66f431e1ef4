"""hwprobe doctor's own terminal and Markdown reports pasted back into `hwprobe explain` (parse/doctor_text.py).

The reports are rendered here from every recorded machine in tests/machines, so the reader is checked against what
the renderers really print, at the widths and in the symbol sets a user's terminal gives.
"""

from __future__ import annotations

import pytest

from hwprobe.parse import parse_text
from hwprobe.reason.explain import explain
from hwprobe.render.markdown import render_markdown
from hwprobe.render.terminal import render_text
from test_machines import MACHINES, _report

RENDERINGS = {
    "terminal": lambda r: render_text(r),
    "terminal-80-ascii": lambda r: render_text(r, width=80, ascii_only=True),
    "terminal-160": lambda r: render_text(r, width=160),
    "markdown": render_markdown,
}


@pytest.fixture(scope="module")
def reports():
    return {name: _report(name) for name in MACHINES}


@pytest.mark.parametrize("how", sorted(RENDERINGS))
@pytest.mark.parametrize("name", MACHINES)
def test_a_pasted_doctor_report_gives_the_doctors_own_findings(reports, name, how):
    report = reports[name]
    got = explain(parse_text(RENDERINGS[how](report), name=name))
    assert sorted({(f.code, f.subject) for f in got.findings}) == sorted({(f.code, f.subject) for f in report.findings})


@pytest.mark.parametrize("how", sorted(RENDERINGS))
@pytest.mark.parametrize("name", MACHINES)
def test_a_pasted_doctor_report_gives_back_the_facts_it_shows(reports, name, how):
    f = reports[name].facts
    p = parse_text(RENDERINGS[how](reports[name]), name=name).facts
    assert (p.host.os, p.host.arch, p.host.python.version) == (f.host.os, f.host.arch, f.host.python.version or None)
    assert (p.host.wsl and p.host.wsl.version) == (f.host.wsl and f.host.wsl.version)
    assert (p.host.container and p.host.container.runtime) == (f.host.container and f.host.container.runtime)
    assert bool(p.host.python.is_rosetta) == bool(f.host.python.is_rosetta)
    shown = [(a.kind, a.model, a.compute_capability, a.gfx_arch, a.driver_version, a.max_cuda_supported, a.status)
             for a in f.accelerators]
    assert [(a.kind, a.model, a.compute_capability, a.gfx_arch, a.driver_version, a.max_cuda_supported, a.status)
            for a in p.accelerators] == shown
    assert p.knows("accelerators") and p.knows("host.container") and p.knows("host.wsl")
    for fw in f.frameworks:
        got = p.framework(fw.name)
        assert got is not None and (got.status, got.version) == (fw.status, fw.version)
        if fw.name == "torch" and fw.build:
            assert got.build.get("cuda") == fw.build.get("cuda")
            assert got.build.get("arch_list") == (fw.build.get("arch_list") or None)
        if fw.name == "tensorflow" and fw.build:
            assert bool(got.build.get("is_cuda_build")) == bool(fw.build.get("is_cuda_build") or fw.build.get("cuda_version"))
            assert got.build.get("cuda_version") == fw.build.get("cuda_version")
    assert p.packages == f.packages


def test_a_report_that_found_nothing_wrong_is_not_read_as_a_cpu_build_problem(reports):
    # The bug this reader fixes: the live CPU machine's report ("torch 2.13.0+cpu" in the matrix, "no CUDA" in the
    # build line, no GPU) was read as a CPU torch on a machine that wants CUDA.
    text = render_text(reports["linux-x86_64-cpu-xeon-live"])
    got = explain(parse_text(text, name="doctor.txt"))
    assert not got.findings
    assert got.explanation.summary.startswith("Nothing wrong found")
    assert got.explanation.sections[0].kind == "hwprobe_text"


def test_the_reports_own_words_are_not_read_as_error_messages(reports):
    # The finding's message quotes nvidia-smi's failure; the accelerator line carries it too. They are the doctor's
    # words about what it sensed, not a pasted error: the facts (status no_driver) carry what they say.
    text = render_text(reports["linux-x86_64-cuda-v100-module-not-loaded"])
    assert "NVIDIA-SMI has failed" in text
    p = parse_text(text, name="doctor.txt")
    assert p.facts.observations == ()
    assert {a.status for a in p.facts.accelerators} == {"no_driver"}


def test_text_around_a_pasted_report_is_still_read(reports):
    report = render_markdown(reports["linux-x86_64-cpu-xeon-live"])
    text = ("I ran the doctor and then my script:\n\n" + report
            + "\n\nThen:\nRuntimeError: Numpy is not available\n")
    p = parse_text(text, name="issue.md")
    kinds = [s.kind for s in p.sections]
    assert kinds[0] == "hwprobe_text"
    first = p.sections[0]
    assert first.first_line == 3 and first.last_line < len(text.splitlines()) - 2
    assert [o.code for o in p.facts.observations] == ["torch.numpy_unavailable"]


def test_a_framework_warning_in_the_report_is_evidence_as_a_live_warning_is(reports):
    text = render_text(reports["linux-x86_64-cuda-rtx5090d-sm120-cu126"])
    torch = parse_text(text, name="doctor.txt").facts.framework("torch")
    assert torch is not None and any("sm_120 is not compatible" in w for w in torch.warnings)
    assert any(d.kind == "cuda" and d.smoke and d.smoke.status == "error" for d in torch.devices)


def test_explains_own_report_is_not_taken_for_a_doctor_report(reports):
    once = explain(parse_text(render_text(reports["linux-x86_64-cpu-xeon-live"]), name="doctor.txt"))
    again = parse_text(render_text(once), name="explain.txt")
    assert "hwprobe_text" not in [s.kind for s in again.sections]


def test_what_the_report_sensed_outweighs_guesses_from_prose_around_it(reports):
    # The README's shape: the doctor's report of a container without WSL, and prose about WSL 2 and an advise
    # command for another machine's driver.
    text = (render_text(reports["linux-x86_64-cpu-xeon-live"])
            + "\nOn WSL2 the GPU needs the Windows driver.\n"
            + "hwprobe advise --os linux --accelerator cuda --driver 535.104.05 --python 3.12 --json\n")
    f = parse_text(text, name="README.md").facts
    assert f.host.wsl is None and f.host.container is not None and f.host.container.runtime == "docker"
    assert f.accelerators == ()
