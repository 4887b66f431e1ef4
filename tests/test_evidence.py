"""Known messages become observations, the same for a live probe's output and for pasted text."""

from __future__ import annotations

import json
import re

from conftest import REPO

from hwprobe.facts import CpuFacts, Facts, FrameworkFacts, HostFacts, MemoryFacts, PythonFacts
from hwprobe.reason.evidence import match_text, observations


def _facts(*frameworks: FrameworkFacts) -> Facts:
    return Facts(host=HostFacts(os="linux", arch="x86_64", python=PythonFacts("3.11.7", "CPython", "python")),
                 cpu=CpuFacts(arch="x86_64"), memory=MemoryFacts(), frameworks=frameworks)


def test_every_error_pattern_compiles_and_matches_its_own_example():
    rows = json.loads((REPO / "matrices" / "error_patterns.json").read_text(encoding="utf-8"))["rows"]
    for row in rows:
        flags = re.IGNORECASE if row.get("ignore_case") else 0
        regex = re.compile(row["regex"], flags)
        if "example" in row:
            assert regex.search(row["example"]), f"{row['code']}: its example does not match"


def test_a_pasted_line_becomes_an_observation_with_its_line_number_and_values():
    text = "some context\r\nRuntimeError: The NVIDIA driver on your system is too old (found version 11040).\n"
    (obs,) = match_text(text, "paste", first_line=1)
    assert obs.code == "cuda.driver_too_old"
    assert obs.line == 2 and obs.values == {"found": "11040"} and obs.framework == "torch"


def test_text_with_no_known_message_yields_nothing():
    assert match_text("all good here\nnothing to see", "paste", first_line=1) == ()


def test_a_live_probes_stderr_is_evidence_too():
    tf = FrameworkFacts("tensorflow", "ok", version="2.10.0", stderr_tail=(
        "2023-01-01 W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic "
        "library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file"))
    codes = [(o.code, o.values.get("library"), o.source) for o in observations(_facts(tf))]
    assert codes == [("tf.dlopen_failed", "libcudnn.so.8", "tensorflow stderr")]


def test_only_a_permission_error_from_dev_kfd_is_read_as_one():
    # rocminfo prints strerror(errno) after the colon: EACCES is the group problem, the others are not
    assert [o.code for o in match_text("Unable to open /dev/kfd read-write: Permission denied", "paste")] == [
        "rocm.kfd_denied"]
    for errno_text in ("Operation not permitted", "Cannot allocate memory", "Invalid argument",
                       "No such file or directory"):
        codes = [o.code for o in match_text(f"Unable to open /dev/kfd read-write: {errno_text}", "paste")]
        assert "rocm.kfd_denied" not in codes, errno_text


def test_the_kernels_kfd_refusal_names_the_asic_or_the_gc_ip_version():
    (a,) = match_text("[   13.966785] kfd kfd: amdgpu: TAHITI  not supported in kfd", "paste")
    (b,) = match_text("kfd kfd: amdgpu: GC IP 0b0004  not supported in kfd", "paste")
    assert (a.code, a.values, b.values) == ("rocm.kfd_unsupported_gpu", {"asic": "TAHITI"}, {"asic": "GC IP 0b0004"})


def test_a_rows_keywords_are_in_every_line_it_matches():
    # The parser's line prefilter trusts them: a match without one would be skipped unread.
    from hwprobe.reason.knowledge import Knowledge

    rows = [r for r in Knowledge().usable("error_patterns") if r.get("keywords")]
    assert rows
    for r in rows:
        assert any(k.lower() in r["example"].lower() for k in r["keywords"]), r["code"]


def test_the_prefilter_takes_no_words_from_negative_lookarounds():
    from hwprobe.parse import _without_negative_lookarounds

    assert _without_negative_lookarounds(r"^(?!.*(?:Error|Warning):)(?<!x)\b(?:GPU|CUDA)") == r"^\b(?:GPU|CUDA)"


def test_dlibs_cuda_error_999_is_cudas_unknown_error_and_a_traceback_into_cuda_init_is_read():
    # ageitgey/face_recognition#930 (dlib's "code: <n>, reason: <string>"); MisEty/RTG-SLAM#9 (torch's _lazy_init)
    def codes(text: str) -> dict[str, int]:
        return {o.code: o.line for o in match_text(text, "paste", first_line=1)}

    assert codes("Error while calling cudaGetDevice(&the_device_id) in file\n...\\gpu_data.cpp:201. code: 999, "
                 "reason: unknown error\n")["cuda.unknown_error"] == 2
    assert "torch.cuda_lazy_init" in codes('  File "/e/site-packages/torch/cuda/__init__.py", line 229, in _lazy_init\n')
    assert "torch.cuda_lazy_init" not in codes('  File "/e/site-packages/torch/cuda/__init__.py", line 9, in '
                                               'is_available\n')


def test_a_findings_sources_are_the_rows_that_read_its_quoted_line():
    # process.crashed has three rows (PyCharm's signal, Windows' NTSTATUS, the shell's line): zsh's line cites zsh's
    from hwprobe.parse import parse_text
    from hwprobe.reason.explain import explain

    (f,) = explain(parse_text("zsh: segmentation fault  python webui.py\n")).findings
    assert f.sources == ("https://zsh.sourceforge.io/Doc/Release/Jobs-_0026-Signals.html",)


def test_every_row_that_states_a_finding_yields_it_from_its_own_example():
    # hwprobe/reason/rules/said.py: a program's own message as data; its template may name only the regex's groups
    from test_cases_format import ARCHITECTURE_CODES

    from hwprobe.parse import parse_text
    from hwprobe.reason.explain import explain
    from hwprobe.reason.rules.said import placeholders

    rows = [r for r in json.loads((REPO / "matrices" / "error_patterns.json").read_text(encoding="utf-8"))["rows"]
            if r.get("finding")]
    assert rows
    for row in rows:
        f = row["finding"]
        assert f["code"] in ARCHITECTURE_CODES, row["code"]
        assert placeholders(f["message"]) <= set(re.compile(row["regex"]).groupindex), row["code"]
        if f.get("hedge"):
            assert placeholders(f["hedge"]["message"]) <= set(re.compile(row["regex"]).groupindex), row["code"]
        found = explain(parse_text(row["example"] + "\n")).findings
        assert any(x.code == f["code"] and x.subject == f["subject"] for x in found), row["code"]


def test_a_stated_finding_fills_its_template_from_the_line():
    from hwprobe.parse import parse_text
    from hwprobe.reason.explain import explain

    f = explain(parse_text("RuntimeError: This cuDF installation is missing the necessary PTX files that are <=35.\n"
                           )).findings[0]
    assert f.code == "cuda.arch_not_in_build" and "SM 35" in f.message and f.severity == "error"
