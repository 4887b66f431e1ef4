"""hwprobe explain: one reasoning path with the doctor, ranking by the paste's own lines, honest
"not enough information", bad input as a one-line error with exit 2, and valid JSON."""

from __future__ import annotations

import codecs
import dataclasses
import io
import json
import re
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from hwprobe.errors import InputError
from hwprobe.facts import CpuFacts, Facts, FrameworkFacts, HostFacts, MemoryFacts
from hwprobe.parse import keywords, parse, parse_text, source
from hwprobe.reason import build_report
from hwprobe.reason.diagnose import diagnose
from hwprobe.reason.explain import explain, rank
from hwprobe.report import Finding, Report

SAMPLES = Path(__file__).resolve().parent / "parse_samples"
SAMPLE_FILES = sorted(p.name for p in SAMPLES.glob("*.txt"))


def sample(name: str) -> str:
    return (SAMPLES / name).read_text(encoding="utf-8")


# --- one reasoning path ------------------------------------------------------------------------------


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_explain_reports_exactly_the_doctors_findings_for_the_parsed_facts(name):
    paste = parse_text(sample(name))
    doctor = build_report(paste.facts)
    explained = explain(paste)
    key = lambda f: (f.code, f.subject, f.message, f.fix)  # noqa: E731
    assert sorted(map(key, explained.findings)) == sorted(map(key, doctor.findings))
    assert explained.matrix == doctor.matrix and explained.advice == doctor.advice


def test_a_parsed_paste_and_the_same_facts_built_by_hand_give_the_same_findings():
    paste = parse_text(sample("traceback_ipython_dll.txt"))
    torch = paste.facts.framework("torch")
    by_hand = Facts(
        host=HostFacts(os="windows"), cpu=CpuFacts(status="absent"), memory=MemoryFacts(status="absent"),
        frameworks=(FrameworkFacts("torch", "import_error",
                                   detail="ImportError: DLL load failed: The specified module could not be found."),),
        unknown=paste.facts.unknown,
    )
    assert torch.detail == by_hand.frameworks[0].detail
    assert diagnose(paste.facts) == diagnose(by_hand)
    assert [f.code for f in diagnose(by_hand)] == ["framework.import_error"]


def test_a_saved_json_report_goes_back_through_the_same_reasoning(tmp_path):
    facts = parse_text(sample("repl_segfault.txt")).facts
    saved = build_report(facts).to_dict()
    path = tmp_path / "report.json"
    path.write_text(json.dumps(saved), encoding="utf-8")
    from hwprobe.parse import load

    paste = load(str(path))
    assert paste.report is not None and paste.report.facts == Report.from_dict(saved).facts
    again = explain(paste)
    assert [f.code for f in again.findings] == [f.code for f in build_report(facts).findings]
    assert again.origin.kind == "report"
    assert again.explanation.verdict == "diagnosed"  # measured facts are enough: framework.crashed


def test_a_report_of_an_unknown_schema_version_is_refused_with_exit_2(tmp_path):
    data = build_report(parse_text(sample("repl_segfault.txt")).facts).to_dict()
    data["schema_version"] = "7"
    path = tmp_path / "future.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    res = run_cli("explain", str(path))
    assert res.returncode == 2 and res.stdout == ""
    (line,) = res.stderr.strip().splitlines()
    assert "schema_version '7'" in line and "Traceback" not in res.stderr


# --- ranking and honesty -----------------------------------------------------------------------------


def _finding(code: str, severity: str = "error", evidence: tuple[str, ...] = (), message: str = "m") -> Finding:
    return Finding(code=code, severity=severity, subject="torch", message=message, framework="torch", evidence=evidence)


def test_a_finding_quoting_an_error_line_of_the_paste_ranks_above_an_inferred_one():
    paste = parse_text(sample("sm120_warning.txt"))
    obs = next(o for o in paste.facts.observations if o.code == "torch.capability_not_supported")
    inferred = _finding("wsl.gpu_unavailable")  # nothing in this paste is about WSL
    quoted = _finding("cuda.arch_not_in_build", severity="warning", evidence=(obs.text,))
    findings, ranking = rank((inferred, quoted), paste)
    assert [f.code for f in findings] == ["cuda.arch_not_in_build", "wsl.gpu_unavailable"]
    assert (ranking[0].basis, ranking[0].confident, ranking[0].lines) == ("quoted", True, (obs.line,))
    assert (ranking[1].basis, ranking[1].confident) == ("inferred", False)
    assert f"line {obs.line}: {obs.text}" not in findings[0].evidence  # already quoted by the rule: not twice


def test_the_cause_ranks_above_the_generic_framework_failure_it_explains():
    paste = parse_text(sample("conda_list_and_traceback.txt"))
    line = next(o.text for o in paste.facts.observations if o.code == "numpy.api_version_mismatch")
    generic = _finding("framework.import_error", evidence=(line,))
    cause = _finding("numpy.abi_mismatch", evidence=(line,))
    findings, _ = rank((generic, cause), paste)
    assert [f.code for f in findings] == ["numpy.abi_mismatch", "framework.import_error"]


def test_a_finding_naming_no_value_rests_on_the_lines_of_its_own_subject():
    paste = parse_text(sample("nvidia_smi_two_v100.txt"))
    (out,), (r,) = rank((_finding("container.gpu_not_passed", message="started without GPU access"),), paste)
    assert r.basis == "facts" and r.lines == (2,)  # the `docker run` line without --gpus
    (out,), (r,) = rank((_finding("cuda.driver_not_loaded", message="the driver does not load"),), paste)
    assert r.basis == "facts" and 8 in r.lines  # the nvidia-smi header, about the GPUs


def test_findings_resting_on_stated_facts_get_those_lines_as_evidence():
    paste = parse_text(sample("collect_env_cut_off.txt"))
    f = _finding("cuda.cpu_only_build", message="torch 1.7.1+cpu is a CPU-only build")
    (out,), (r,) = rank((f,), paste)
    assert r.basis == "facts" and r.confident
    assert any(e.startswith("line ") and "PyTorch version: 1.7.1+cpu" in e for e in out.evidence)


def test_only_an_inference_is_not_enough_to_name_a_cause():
    paste = parse_text(sample("collect_env_cut_off.txt"))
    (_,), (r,) = rank((_finding("cuda.no_gpu", message="no NVIDIA GPU"),), paste)
    assert (r.basis, r.confident) == ("inferred", False)


def test_a_quoted_import_failure_is_diagnosed_with_its_line():
    report = explain(parse_text(sample("traceback_ipython_dll.txt")))
    e = report.explanation
    assert e.verdict == "diagnosed" and report.findings[0].code == "framework.import_error"
    assert e.ranking[0].basis == "quoted" and e.ranking[0].lines == (13,)
    assert "line 13" in e.summary


def test_a_dump_where_nothing_points_to_a_cause_says_so_and_names_a_next_step():
    report = explain(parse_text(sample("collect_env_quoted.txt")))
    e = report.explanation
    assert e.verdict == "not_enough_information" and not any(r.confident for r in e.ranking)
    assert e.next_step and "paste its output" in e.next_step


def test_what_is_unknown_comes_with_the_command_that_settles_it():
    e = explain(parse_text(sample("sm120_warning.txt"))).explanation
    commands = [u.command for u in e.unknown]
    assert "nvidia-smi" in commands  # no driver version in a lone warning
    assert e.next_step == f"run `{e.unknown[0].command}` and paste its output"


def test_prose_about_frameworks_is_not_a_diagnosis():
    text = (REPO / "README.md").read_text(encoding="utf-8")  # real text full of framework and GPU words
    e = explain(parse_text(text)).explanation
    assert e.verdict != "diagnosed"


def test_plain_text_with_nothing_recognizable_is_reported_as_such():
    e = explain(parse_text("Hello, I have a question about my training loop.\nThanks in advance!\n")).explanation
    assert e.verdict == "nothing_recognized" and e.ranking == ()
    assert e.next_step and "collect_env" in e.next_step


# --- odd input that must read the same ---------------------------------------------------------------


def _same_facts(a: Facts, b: Facts) -> None:
    assert a.host == b.host and a.accelerators == b.accelerators and a.packages == b.packages
    assert [(f.name, f.status, f.version, f.build) for f in a.frameworks] == \
        [(f.name, f.status, f.version, f.build) for f in b.frameworks]


def test_crlf_quote_prefixes_fences_nbsp_zero_width_and_box_drawing_read_the_same():
    text = sample("collect_env_2024_windows_cpu_wheel.txt") + "\n" + sample("nvidia_smi_two_v100.txt")
    odd = text.replace("PyTorch version:", "PyTorch\u200b version:\u00a0").replace("|", "\u2502").replace("-", "\u2500")
    odd = "> " + "\r\n> ".join(odd.splitlines())
    odd = "```\r\n" + odd + "\r\n```\r\n"
    plain, mangled = parse_text(text).facts, parse_text(odd).facts
    _same_facts(plain, mangled)


def test_line_numbers_count_crlf_and_lone_cr_like_an_editor():
    p = parse_text("first\r\nsecond\rRuntimeError: The NVIDIA driver on your system is too old (found version 11040).\n")
    (o,) = [o for o in p.facts.observations if o.code == "cuda.driver_too_old"]
    assert o.line == 3


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252"])
def test_pastes_saved_by_windows_tools_are_decoded(encoding):
    text = sample("collect_env_cut_off.txt")  # ASCII: representable in every encoding tried
    p = parse(source.read_stream(io.BytesIO(text.encode(encoding)), "env.txt"))
    assert p.facts.framework("torch").version == "1.7.1+cpu"


def test_a_few_broken_bytes_in_utf8_are_replaced_not_fatal():
    raw = sample("collect_env_cut_off.txt").encode("utf-8") + "\nGPU: café \xe9".encode("utf-8") + b"\xff\xfe\n"
    p = parse(source.read_stream(io.BytesIO(raw), "x"))
    assert p.facts.framework("torch").version == "1.7.1+cpu"


def test_a_huge_input_keeps_head_tail_and_the_known_errors_in_between(monkeypatch):
    monkeypatch.setattr(source, "HEAD_CHARS", 64 << 10)
    monkeypatch.setattr(source, "TAIL_CHARS", 64 << 10)
    head = sample("collect_env_2024_windows_cpu_wheel.txt")
    noise = "".join(f"step {i}: loss=0.{i % 97:02d} lr=1e-3 epoch={i // 1000}\n" for i in range(40000))
    middle = "RuntimeError: The NVIDIA driver on your system is too old (found version 11040).\n"
    tail = sample("traceback_ipython_dll.txt")
    text = head + "\n" + noise + middle + noise + tail
    middle_line = text[: text.index(middle)].count("\n") + 1
    pasted = source.read_stream(io.BytesIO(text.encode()), "big.log", keywords())
    assert pasted.total_lines == text.count("\n") + (0 if text.endswith("\n") else 1)
    assert len(pasted.lines) < 10000 and pasted.skipped and "only scanned" in pasted.skipped
    p = parse(pasted)
    (o,) = [o for o in p.facts.observations if o.code == "cuda.driver_too_old"]
    assert o.line == middle_line
    assert p.facts.framework("torch").version == "2.2.2"  # from the head
    assert p.facts.framework("torch").status == "import_error"  # the tail's traceback wins over the head's "ok"


# --- the command line --------------------------------------------------------------------------------


def _one_line_error(res, needle: str) -> None:
    assert res.returncode == 2, (res.returncode, res.stdout[-300:], res.stderr)
    assert res.stdout == ""
    (line,) = res.stderr.strip().splitlines()
    assert line.startswith("hwprobe: error:") and needle in line and "Traceback" not in res.stderr


def test_a_missing_file_is_exit_2(tmp_path):
    _one_line_error(run_cli("explain", str(tmp_path / "nope.txt")), "no such file")


def test_a_directory_is_exit_2(tmp_path):
    _one_line_error(run_cli("explain", str(tmp_path)), "is a directory")


@pytest.mark.parametrize("content", [b"", b"   \n\n\t\r\n"], ids=["empty", "blank"])
def test_empty_input_is_exit_2(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    _one_line_error(run_cli("explain", str(path)), "nothing to explain")


@pytest.mark.parametrize("content", [
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 64,
    bytes((i * 37 + 11) % 256 for i in range(1 << 16) if (i * 37 + 11) % 256 != 0),
], ids=["png", "noise"])
def test_binary_or_undecodable_input_is_exit_2(tmp_path, content):
    path = tmp_path / "blob.bin"
    path.write_bytes(content)
    _one_line_error(run_cli("explain", str(path)), "not a pasted text")


def test_stdin_is_read_with_a_dash():
    import subprocess
    import sys

    from conftest import cli_env

    res = subprocess.run([sys.executable, "-m", "hwprobe", "explain", "-", "--json"], input=sample("repl_segfault.txt"),
                         capture_output=True, text=True, env=cli_env(), timeout=120)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    assert report["origin"] == {"kind": "paste", "detail": "stdin"}
    assert report["findings"][0]["code"] == "framework.crashed"


@pytest.mark.parametrize("name", SAMPLE_FILES)
def test_explain_json_is_valid_against_the_report_schema(name, validate):
    res = run_cli("explain", str(SAMPLES / name), "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    validate(report)
    e = report["explanation"]
    assert [r["code"] for r in e["ranking"]] == [f["code"] for f in report["findings"]]
    assert report["unknown"] == sorted(set(report["unknown"]), key=report["unknown"].index)


def test_text_and_markdown_lead_with_the_verdict():
    path = str(SAMPLES / "traceback_ipython_dll.txt")
    text = run_cli("explain", path)
    md = run_cli("explain", path, "--format", "markdown")
    assert text.returncode == md.returncode == 0
    assert "Most likely cause: framework.import_error" in text.stdout
    assert md.stdout.startswith("**Most likely cause:** `framework.import_error`")
    assert "line 13" in md.stdout and "**Next step:**" in md.stdout


def test_output_file_is_written_and_an_unwritable_one_is_exit_2(tmp_path):
    out = tmp_path / "r.json"
    res = run_cli("explain", str(SAMPLES / "repl_segfault.txt"), "--json", "--output", str(out))
    assert res.returncode == 0 and json.loads(out.read_text())["explanation"]["verdict"] == "diagnosed"
    _one_line_error(run_cli("explain", str(SAMPLES / "repl_segfault.txt"), "--output", "/nonexistent-dir/x.json"),
                    "does not exist")


def test_the_markdown_reply_redacts_home_paths_by_default():
    res = run_cli("explain", str(SAMPLES / "jupyter_error_json.txt"), "--format", "markdown")
    assert res.returncode == 0 and "Noor" not in res.stdout


def test_decoders_are_the_ones_sniffed_for():
    assert source.sniff_encoding(codecs.BOM_UTF16_LE + "x".encode("utf-16-le")) == "utf-16"
    assert source.sniff_encoding("abc".encode("utf-16-le")) == "utf-16-le"
    with pytest.raises(InputError):
        source.sniff_encoding(b"\x00\x01\x02\x03\x00\x00\xff")
    assert dataclasses.is_dataclass(source.Pasted)


def test_a_doctor_json_report_of_this_machine_explains_to_the_same_findings(live_doctor, tmp_path, validate):
    assert live_doctor.returncode == 0, live_doctor.stderr
    path = tmp_path / "doctor.json"
    path.write_text(live_doctor.stdout, encoding="utf-8")
    res = run_cli("explain", str(path), "--json")
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    validate(report)
    doctor = json.loads(live_doctor.stdout)
    assert report["origin"]["kind"] == "report"
    assert sorted(f["code"] for f in report["findings"]) == sorted(f["code"] for f in doctor["findings"])
    assert report["frameworks"] == doctor["frameworks"] and report["explanation"]["unknown"] == []


def test_explain_needs_no_framework_installed(base_venv, validate):
    import subprocess

    res = subprocess.run([str(base_venv), "-m", "hwprobe", "explain", str(SAMPLES / "tf_env_collect_2020.txt"), "--json"],
                         capture_output=True, text=True, env={"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8"}, timeout=300,
                         stdin=subprocess.DEVNULL)
    assert res.returncode == 0, res.stderr
    report = json.loads(res.stdout)
    validate(report)
    assert report["frameworks"][0]["version"] == "2.0.3"


def test_one_giant_line_without_breaks_is_cut_not_held_whole(monkeypatch):
    monkeypatch.setattr(source, "CHUNK", 1 << 12)
    text = "x" * (200 << 10) + "\nThe NVIDIA driver on your system is too old (found version 11040).\n"
    pasted = source.read_stream(io.BytesIO(text.encode()), "one-line.log", keywords())
    assert pasted.total_lines == 2 and len(pasted.lines[0].text) == source.MAX_LINE
    assert [o.line for o in parse(pasted).facts.observations if o.code == "cuda.driver_too_old"] == [2]


def test_a_sigill_on_a_stated_apple_silicon_mac_is_most_likely_a_rosetta_python():
    # Native arm64 TensorFlow needs no AVX; an x86_64 one under Rosetta 2 dies of SIGILL (tensorflow#46178).
    r = explain(parse_text("I'm on a Macbook pro M1 and python 3.8.8\nzsh: illegal hardware instruction"))
    assert r.explanation.verdict == "diagnosed" and r.findings[0].code == "host.rosetta_python"
    assert "cpu.avx_missing" not in [f.code for f in r.findings]


def test_insufficient_driver_inside_wsl2_with_a_driver_that_runs_the_toolkit_is_the_wsl_gpu_path():
    # microsoft/WSL#6014 (shape of): Windows driver 461.72 runs CUDA 11.2, yet a CUDA 11.2 sample in WSL 2 says code=35.
    r = explain(parse_text("Environment: NVIDIA Driver 461.72 on Windows (for GeForce GTX 1660 Ti), WSL2 Ubuntu 20-04\n"
                           "Error: CUDA error at ../../common/inc/helper_cuda.h:779 code=35(cudaErrorInsufficientDriver) "
                           "\"cudaGetDeviceCount(&device_count)\"\n> sudo apt-get install -y cuda-toolkit-11-2"))
    assert r.findings[0].code == "wsl.gpu_unavailable"
    assert "cuda.driver_too_old" not in [f.code for f in r.findings]


def test_cuda_unavailable_on_colab_is_a_runtime_without_a_gpu_unless_the_user_chose_one():
    # googlecolab/colabtools#482: Colab's torch has CUDA; the runtime type decides whether there is a GPU.
    r = explain(parse_text("Bug report for Colab: http://colab.research.google.com/.\n"
                           "torch.cuda.is_available() is returning False"))
    assert r.explanation.verdict == "diagnosed" and r.findings[0].code == "cuda.no_gpu"
    assert "Change runtime type" in r.findings[0].message
    chose = explain(parse_text("In Colab, with the GPU runtime selected: torch.cuda.is_available() returns False"))
    assert "cuda.no_gpu" not in [f.code for f in chose.findings]


def test_detectron2s_env_table_with_arch_flags_missing_the_gpu_is_an_extension_arch_gap():
    # detectron2's collect_env (facebookresearch/detectron2#235): its ops built for 7.5, the GPUs are 5.2.
    r = explain(parse_text("detectron2              0.2.1 @/home/u/envs/blend/lib/python3.6/site-packages/detectron2\n"
                           "detectron2 arch flags   7.5\n"
                           "GPU 0,1                 GeForce GTX TITAN X (arch=5.2)\n"
                           "torchvision arch flags  3.5, 5.0, 6.0, 7.0, 7.5\n"))
    top = r.findings[0]
    assert (top.code, top.subject) == ("cuda.arch_not_in_build", "detectron2")
    assert top.fix[0] == "export TORCH_CUDA_ARCH_LIST=5.2"
    assert [f.subject for f in r.findings if f.code == "cuda.arch_not_in_build"] == ["detectron2"]  # 5.0 covers 5.2


def test_an_nvidia_gpu_in_lspci_beside_an_intel_igpu_is_a_driver_problem_not_no_gpu():
    # Clear Linux docs issue (clearlinux/clear-linux-documentation#587): an Optimus laptop.
    r = explain(parse_text("01:00.0 3D controller: NVIDIA Corporation GP108M [GeForce MX150] (rev a1)\n"
                           "00:02.0 VGA compatible controller: Intel Corporation UHD Graphics 620 (rev 07)\n"
                           "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that "
                           "the latest NVIDIA driver is installed and running."))
    assert [f.code for f in r.findings] == ["cuda.driver_not_loaded"] and "GeForce MX150" in r.findings[0].message


def test_a_container_started_with_gpus_capabilities_utility_only_has_no_cuda():
    # containerd/nerdctl#1023: 'utility' gives nvidia-smi, not CUDA (NVIDIA Container Toolkit driver capabilities).
    r = explain(parse_text("nerdctl run -it --rm --gpus capabilities=utility,device=GPU-3a23c669 nvidia/cuda:9.0-base "
                           "nvidia-smi\nwhen i use python pytorch,torch.cuda.is_available(),return false."))
    assert r.findings[0].code == "container.gpu_not_passed" and "capabilities=utility:" in r.findings[0].message


def test_a_kubernetes_pod_without_the_driver_is_a_pod_that_got_no_gpu():
    r = explain(parse_text("On GKE, pods error with `nvidia-smi` is not found, and torch says\nRuntimeError: Found no "
                           "NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver "
                           "from http://www.nvidia.com/Download/index.aspx"))
    assert r.findings[0].code == "container.gpu_not_passed" and "nvidia.com/gpu" in r.findings[0].message
    assert "cuda.driver_not_loaded" not in [f.code for f in r.findings]


def test_pip_refusing_a_macos_arm64_wheel_is_most_likely_an_x86_64_python():
    # mwidjaja1/DSOnMacARM#3: the maintainer's reading; a refused wheel is not taken as this machine's architecture.
    r = explain(parse_text("ERROR: tensorflow_macos-0.1a0-cp38-cp38-macosx_11_0_arm64.whl is not a supported wheel on "
                           "this platform."))
    assert r.findings[0].code == "host.rosetta_python" and r.facts.host.arch is None


def test_macos_refusing_an_arm64_module_in_an_x86_64_process_is_a_rosetta_python():
    # ml-explore/mlx#621: the loader's 'have' is the package, 'need' the process.
    loader = ("ImportError: dlopen(/Library/Frameworks/Python.framework/Versions/3.11/lib/python3.11/site-packages/mlx/"
              "core.cpython-311-darwin.so, 0x0002): tried: '...' (mach-o file, but is an incompatible architecture "
              "(have '{have}', need '{need}'))")
    r = explain(parse_text(loader.format(have="arm64", need="x86_64")))
    assert r.findings[0].code == "host.rosetta_python" and r.findings[0].severity == "warning"
    native = explain(parse_text(loader.format(have="x86_64", need="arm64")))  # an arm64 process: not translated
    assert "host.rosetta_python" not in [f.code for f in native.findings]


def test_jaxlibs_avx_refusal_on_an_apple_silicon_mac_is_a_rosetta_python_and_on_linux_a_cpu_without_avx():
    # Lux-AI-Challenge/Lux-Design-S3#21: fixed by 'arch -arm64'; jaxlib's own message names the Rosetta case.
    msg = ("RuntimeError: This version of jaxlib was built using AVX instructions, which your CPU and/or operating "
           "system do not support.")
    mac = explain(parse_text(msg + "\nI am using macOS 14.4 with an apple m3 pro chip."))
    assert mac.findings[0].code == "host.rosetta_python" and "jaxlib" in mac.findings[0].message
    assert "cpu.avx_missing" not in [f.code for f in mac.findings]
    linux = explain(parse_text(msg + "\nFile \"/home/u/.venv/lib/python3.10/site-packages/jax/__init__.py\""))
    assert linux.findings[0].code == "cpu.avx_missing"


def test_the_metal_plugins_own_start_line_means_tensorflow_uses_the_apple_gpu():
    # ctrahey/m1-tensorflow-config#3: the plugin works; the script's TF1 call fails.
    r = explain(parse_text("Init Plugin\nMetal device set to: Apple M1\nTraceback (most recent call last):\n"
                           "AttributeError: module 'tensorflow' has no attribute 'random_normal'\n"
                           "pip list: tensorflow-macos 2.9.0"))
    assert "tf.metal_plugin" not in [f.code for f in r.findings]
    tf = r.facts.framework("tensorflow")
    assert tf is not None and any(d.kind == "mps" for d in tf.devices)


def test_the_webuis_failed_torch_install_under_a_python_the_pinned_torch_has_no_wheel_for():
    # AUTOMATIC1111/stable-diffusion-webui#5535: the venv's Python 3.11.1 and the launcher's torch==1.12.1 pin.
    r = explain(parse_text(
        'venv "C:\\sd\\venv\\Scripts\\Python.exe"\n'
        "Python 3.11.1 (tags/v3.11.1:a7a450f, Dec  6 2022, 19:58:39) [MSC v.1934 64 bit (AMD64)]\n"
        "Installing torch and torchvision\nRuntimeError: Couldn't install torch.\n"
        'Command: "C:\\sd\\venv\\Scripts\\python.exe" -m pip install torch==1.12.1+cu113 torchvision==0.13.1+cu113 '
        "--extra-index-url https://download.pytorch.org/whl/cu113\nError code: 1"))
    top = r.findings[0]
    assert top.code == "python.unsupported_version" and "torch 1.12.1+cu113 has wheels for Python >=3.7,<3.11" in top.message
    assert r.facts.host.os == "windows" and r.facts.host.python.version == "3.11.1"
    fits = explain(parse_text("Python 3.10.6 (tags/v3.10.6:9c7b4bd, Aug  1 2022, 21:53:49) [MSC v.1932 64 bit (AMD64)]\n"
                              'Command: "C:\\sd\\venv\\Scripts\\python.exe" -m pip install torch==1.12.1+cu113'))
    assert "python.unsupported_version" not in [f.code for f in fits.findings]  # a network error fails the same way


def test_mps_uint8_binary_ops_need_macos_13():
    # facebookresearch/segment-anything#636: macOS 12.6.3; torch's TORCH_CHECK in BinaryOps.mm.
    r = explain(parse_text("macos 12.6.3\nerror:  MPS support binary op with uint8 natively starting from macOS 13.0"))
    assert r.findings[0].code == "mps.macos_too_old" and r.findings[0].severity == "error"


def test_an_amd_card_typed_without_spaces_is_read_and_a_cuda_torch_there_is_the_wrong_build():
    # lshqqytiger/stable-diffusion-webui-amdgpu-forge#65
    r = explain(parse_text("Found no NVIDIA driver on your system\n\nI have RX7900XTX no Nvidia\n"
                           "Python 3.10.11 (tags/v3.10.11:7d4cc5a, Apr  5 2023, 00:38:17) [MSC v.1929 64 bit (AMD64)]"))
    assert [a.model for a in r.facts.accelerators] == ["RX7900XTX"]
    assert r.findings[0].code == "rocm.cuda_build_on_amd" and "no ROCm build for windows" in r.findings[0].message


def test_nvidia_smi_failing_in_wsl_of_no_stated_version_is_the_wsl_gpu_path_as_a_likely_cause():
    # microsoft/WSL#9134: the Windows side's nvidia-smi works, WSL's cannot reach the driver.
    r = explain(parse_text("I get this error in WSL:\nNVIDIA-SMI has failed because it couldn't communicate with the "
                           "NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running."))
    top = r.findings[0]
    assert (top.code, top.severity) == ("wsl.gpu_unavailable", "warning") and "wsl --list --verbose" in top.fix
    assert "cuda.driver_not_loaded" not in [f.code for f in r.findings]
    works = explain(parse_text("In WSL:\n>>> torch.cuda.is_available()\nTrue"))
    assert "wsl.gpu_unavailable" not in [f.code for f in works.findings]
    # ComfyUI-MotionCapture#42: only the program's own "No CUDA GPUs" in WSL, from a worker's venv: a lead
    worker = explain(parse_text("The following error occurred when running GVHMR on the WSL ubuntu:\n"
                                "RuntimeError: No CUDA GPUs are available"))
    assert [(f.code, f.severity) for f in worker.findings][:1] == [("wsl.gpu_unavailable", "info")]


def test_a_gpu_in_tcc_mode_on_the_windows_side_is_not_passed_into_wsl_2():
    # microsoft/WSL#11865: an L40S on Windows Server 2022 in TCC mode; inside WSL 2 NVML finds no GPU.
    r = explain(parse_text(
        "### Are you using WSL 1 or WSL 2?\n\n- [X] WSL 2\n- [ ] WSL 1\n\n"
        "| NVIDIA-SMI 555.85                 Driver Version: 555.85         CUDA Version: 12.5     |\n"
        "| GPU  Name                  Driver-Model | Bus-Id          Disp.A | Volatile Uncorr. ECC |\n"
        "|   0  NVIDIA L40S                  TCC   |   00000000:61:00.0 Off |                    0 |\n"))
    top = r.findings[0]
    assert top.code == "wsl.gpu_unavailable" and "TCC" in top.message and top.fix == ("nvidia-smi -i 0 -dm 0",)
    wddm = explain(parse_text("- [X] WSL 2\n|   0  NVIDIA GeForce RTX 3060   WDDM  |   00000000:01:00.0  On |   N/A |"))
    assert "TCC" not in " ".join(f.message for f in wddm.findings)


def test_asking_for_the_windows_gpu_build_of_libtensorflow_2_11_is_the_native_windows_gpu_gap():
    # tensorflow#59016: Google Cloud Storage's NoSuchKey for the 2.11 GPU zip.
    r = explain(parse_text("<Code>NoSuchKey</Code>\n<Details>No such object: tensorflow/libtensorflow/"
                           "libtensorflow-gpu-windows-x86_64-2.11.0.zip</Details>"))
    assert r.findings[0].code == "tf.windows_native_gpu"
    assert re.search(r"2\.10 (?:was|is) the last", r.findings[0].message)
    old = explain(parse_text("No such object: tensorflow/libtensorflow/libtensorflow-gpu-windows-x86_64-2.10.0.zip"))
    assert "tf.windows_native_gpu" not in [f.code for f in old.findings]


def test_a_hip_error_where_only_an_nvidia_gpu_is_named_is_no_amd_arch_diagnosis():
    # easydiffusion#1477: hipErrorNoBinaryForGpu on a laptop the reporter names as RTX 3050 only.
    r = explain(parse_text("hipErrorNoBinaryForGpu: Unable to find code object for all current devices!\n"
                           "GPU: Nvidia GeForce RTX 3050 Laptop GPU"))
    assert "rocm.arch_unsupported" not in [f.code for f in r.findings]
    amd = explain(parse_text("hipErrorNoBinaryForGpu: Unable to find code object for all current devices!\n"
                             "GPU: AMD Radeon RX 6700 XT"))
    assert amd.findings[0].code == "rocm.arch_unsupported"


def test_a_radeon_named_by_number_on_a_gpu_line_is_amd_so_no_cuda_build_is_advised():
    # Comfy-Org/ComfyUI#2807: "GPU :- AMD 6600xt" on Windows, "Torch not compiled with CUDA enabled".
    r = explain(parse_text("CPU :- AMD 7 5800x\nGPU :- AMD 6600xt\nTorch not compiled with CUDA enabled\n"
                           'File "C:\\Users\\u\\ComfyUI\\execution.py", line 152, in recursive_execute'))
    assert [a.model for a in r.facts.accelerators] == ["AMD 6600xt"]
    assert "cuda.cpu_only_build" not in [f.code for f in r.findings]


def test_pypis_windows_torch_wheel_is_a_cpu_build_and_its_linux_wheel_a_cuda_one():
    # pytorch#52662: the selector's 'CUDA 10.2' command got PyPI's torch-1.7.1 win_amd64 wheel, 175 MiB, no CUDA.
    win = explain(parse_text("  Downloading torch-1.7.1-cp38-cp38-win_amd64.whl (184.0 MB)\nSuccessfully installed "
                             "torch-1.7.1\nwhen I check whether CUDA is available, it is not"))
    assert win.findings[0].code == "cuda.cpu_only_build"
    linux = explain(parse_text("  Downloading torch-1.7.1-cp38-cp38-manylinux1_x86_64.whl (776.8 MB)\nSuccessfully "
                               "installed torch-1.7.1\nwhen I check whether CUDA is available, it is not"))
    assert "cuda.cpu_only_build" not in [f.code for f in linux.findings]


def test_no_nvidia_said_in_the_users_words_makes_no_driver_a_machine_without_a_gpu():
    msg = "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver."
    for said in ("I dont have NVIDIA does it still works?",  # lllyasviel/Paints-UNDO#61
                 "How to deploy in an environment without GPUs?"):  # Xiuyu-Li/q-diffusion#30
        r = explain(parse_text(said + "\n" + msg))
        assert r.findings[0].code == "cuda.no_gpu", said
    driver = explain(parse_text("I don't have NVIDIA drivers installed yet\n" + msg))
    assert "cuda.no_gpu" not in [f.code for f in driver.findings[:1]]


def test_a_torch_dll_path_wrapped_onto_its_own_line_is_the_dll_that_failed():
    # vladmandic/sdnext#2332
    r = explain(parse_text("OSError: [WinError 126] The specified module cannot be found. Error loading\n"
                           "...stable\\automatic\\venv\\lib\\site-packages\\torch\\lib\\cudnn_cnn_infer64_8.dll\" or\n"
                           "one of its dependencies."))
    assert r.findings[0].code == "cuda.library_missing" and "cudnn_cnn_infer64_8.dll" in r.findings[0].message


def test_mkls_no_avx_warning_on_an_m1_is_a_rosetta_python():
    # ContinuumIO/anaconda-issues#13236: an osx-64 conda environment on an M1.
    r = explain(parse_text("Intel MKL Warning on ARM M1 (2021)- MacOs Ventura 13.5\n>>> import numpy\nIntel MKL WARNING: "
                           "Support of Intel(R) Streaming SIMD Extensions 4.2 (Intel(R) SSE4.2) enabled only processors "
                           "has been deprecated. Intel oneAPI Math Kernel Library 2025.0 will require Intel(R) Advanced "
                           "Vector Extensions (Intel(R) AVX) instructions."))
    assert r.findings[0].code == "host.rosetta_python" and "Intel MKL" in r.findings[0].message


def test_a_gdb_frame_in_torchs_own_libcaffe2_is_a_torch_crash():
    # pytorch#926
    r = explain(parse_text('Thread 7 "python" received signal SIGSEGV, Segmentation fault.\n#1  0x00007fffcb2558cf in '
                           "mkl_blas_avx2_s_generic_fullacopybcopy () from /home/u/env/lib/python3.6/site-packages/torch/"
                           "lib/libcaffe2.so"))
    assert r.findings[0].code == "framework.crashed"


def test_cuinit_returning_cuda_error_no_device_in_wsl2_is_the_wsl_gpu_path():
    # NVIDIA/cuml#6218: numba's driver init under WSL2.
    r = explain(parse_text("[BUG] Cannot find GPU in WSL2\nnumba.cuda.cudadrv.error.CudaSupportError: Error at driver "
                           "init: Call to cuInit results in CUDA_ERROR_NO_DEVICE (100)"))
    assert "cuda.no_device" in [o.code for o in r.facts.observations]
    assert r.findings[0].code == "wsl.gpu_unavailable"


def test_insufficient_driver_that_the_versions_deny_is_a_lead_not_a_driver_update():
    # tensorflow#41401: driver 451.48 runs CUDA 11.0; pip's tensorflow-gpu 2.2.0 is built for 10.1.
    text = ("RuntimeError: cudaGetDevice() failed. Status: CUDA driver version is insufficient for CUDA runtime version\n"
            "tensorflow-gpu 2.2.0\nWindows 10 Pro\n"
            "| NVIDIA-SMI 451.48       Driver Version: 451.48       CUDA Version: 11.0     |\n")
    r = explain(parse_text(text))
    assert [(f.code, f.severity) for f in r.findings][:1] == [("cuda.driver_too_old", "info")]
    old = explain(parse_text(text.replace("451.48", "418.96").replace("CUDA Version: 11.0", "CUDA Version: 10.0")))
    assert [(f.code, f.severity) for f in old.findings][:1] == [("cuda.driver_too_old", "error")]


def test_a_cuda_library_no_framework_is_named_for_is_the_programs_and_a_lead_where_there_is_no_gpu():
    # Purfview/whisper-standalone-win#171: CTranslate2's cuDNN under WSL, "my system doesn't have Nvidia GPU".
    err = ("Could not load library libcudnn_ops_infer.so.8. Error: libcudnn_ops_infer.so.8: cannot open shared object "
           "file: No such file or directory")
    r = explain(parse_text(err + "\nEven though my system doesn't have Nvidia GPU."))
    top = r.findings[0]
    assert (top.code, top.severity) == ("cuda.library_missing", "info") and "torch" not in top.message
    gpu = explain(parse_text(err))
    assert [(f.code, f.severity) for f in gpu.findings][:1] == [("cuda.library_missing", "warning")]


def test_dockers_missing_gpu_driver_on_a_machine_with_only_intel_graphics_is_no_gpu_not_the_toolkit():
    # fboulnois/stable-diffusion-docker#82
    err = 'docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].'
    r = explain(parse_text(err + "\nGraphics Mesa Intel® Xe Graphics (TGL GT2)"))
    assert r.findings[0].code == "cuda.no_gpu" and "container.gpu_not_passed" not in [f.code for f in r.findings]
    assert explain(parse_text(err)).findings[0].code == "container.gpu_not_passed"


def test_a_cudnn_sub_library_cut_at_its_name_in_wsl_is_cudnns_own_install_not_the_wsl_gpu_path():
    # AILab-CVC/Make-Your-Video#4: fixed by installing cuDNN 8.9.7, "both WSL2 and native".
    r = explain(parse_text("```\nError: Could not load library libcudnn_cnn_infer.so.8\n```\nI am using WSL2 with Ubuntu 22.04"))
    assert r.findings[0].code == "cuda.library_missing"
    assert "wsl.gpu_unavailable" not in [f.code for f in r.findings]


def test_a_torch_build_label_quoted_without_the_word_torch_is_torchs():
    # vladmandic/sdnext#409: SD.Next's System Info shows "2.0.0+cpu Autocast half".
    r = explain(parse_text('I have an RTX2060 6Gb, but the generation starts on the CPU, in the "System Info" section '
                           'it says "2.0.0+cpu Autocast half"'))
    assert r.facts.framework("torch").version == "2.0.0+cpu" and r.findings[0].code == "cuda.cpu_only_build"
    tv = explain(parse_text("torchaudio 2.0.1+cpu, and my RTX 2060 is not used"))
    assert tv.facts.framework("torch") is None


def test_torchvisions_cuda_mismatch_wrapped_by_the_terminal_is_still_a_conflict():
    # acheong08/Diffusion-ColabUI#108
    r = explain(parse_text("RuntimeError: Detected that PyTorch and torchvision were compiled with different\n"
                           "CUDA versions. PyTorch has CUDA Version=11.7 and torchvision has CUDA \n"
                           "Version=11.8. Please reinstall the torchvision that matches your PyTorch \ninstall."))
    assert r.findings[0].code == "packages.conflict"


def test_mps_bfloat16_needs_macos_14():
    r = explain(parse_text("TypeError: MPS BFloat16 is only supported on MacOS 14 or newer"))
    assert r.findings[0].code == "mps.macos_too_old" and "macOS 14" in r.findings[0].message


def test_an_amd_graphics_card_named_in_prose_with_not_compiled_with_cuda_is_a_cuda_or_cpu_build_on_amd():
    # fofr/cog-face-to-many#42: "install a CUDA build" would be the wrong fix for an AMD card.
    r = explain(parse_text('The amd graphics card I use displays "Torch not compiled with CUDA enabled"'))
    assert r.findings[0].code == "rocm.cuda_build_on_amd" and "cuda.cpu_only_build" not in [f.code for f in r.findings]


def test_a_cuda_toolkit_beside_a_tensorflow_without_a_windows_gpu_build_is_not_a_missing_library():
    # tensorflow#60830: TF 2.12 on native Windows with CUDA 12.1 installed; no CUDA install gives 2.12 a GPU there.
    r = explain(parse_text("### Tensorflow Version\n\n2.12.0\n\n### OS Platform and Distribution\n\nWindows 10\n\n"
                           "### CUDA/cuDNN version\n\nCuda compilation tools, release 12.1, V12.1.105\n\n"
                           "### GPU model and memory\n\nNVIDIA GeForce GTX 1070 Ti\n"))
    codes = [f.code for f in r.findings]
    assert codes[0] == "tf.windows_native_gpu" and "cuda.library_missing" not in codes


def test_no_kernel_image_with_a_known_torch_whose_arch_list_is_not_in_the_data_is_a_lead():
    # kijai/ComfyUI-Hunyuan3DWrapper#120: torch 2.6.0+cu126 (sm_75 in it) on an RTX 2070 SUPER; one node fails.
    r = explain(parse_text("I'm using an NVIDIA GeForce RTX 2070 SUPER, Windows 11, Torch 2.6.0+cu126 - so my setup "
                           "should be ok.\nthe node throws an error: no kernel image is available for execution on the device."))
    assert r.explanation.verdict == "not_enough_information"
    assert r.findings[0].code == "cuda.arch_not_in_build" and "may have no GPU code" in r.findings[0].message


def test_a_gpu_named_in_a_template_does_not_outweigh_nvidia_smis_failure():
    # GoogleCloudPlatform/compute-gpu-installation#25: the driver module was not rebuilt for the new kernel.
    r = explain(parse_text("nvidia-smi fails with:\nNVIDIA-SMI has failed because it couldn't communicate with the NVIDIA "
                           "driver. Make sure that the latest NVIDIA driver is installed and running.\n"
                           " - Graphics card: 1 Tesla P100"))
    assert r.findings[0].code == "cuda.driver_not_loaded" and r.explanation.verdict == "diagnosed"


def test_no_nvidia_adapter_in_the_users_words_is_no_gpu():
    r = explain(parse_text("RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA "
                           "GPU and installed a driver from http://www.nvidia.com/Download/index.aspx\nI don't have any "
                           "NVIDIA adapter on my laptop since it supports Intel"))
    assert r.findings[0].code == "cuda.no_gpu" and "cuda.driver_not_loaded" not in [f.code for f in r.findings]


def test_a_plain_docker_run_beside_the_users_gpu_failure_is_a_container_without_gpus():
    # stevezau/media_preview_generator#124: the same image passes its CUDA test once started with --gpus all.
    r = explain(parse_text("❯ docker run --rm stevezzau/plex_generate_vid_previews:latest --list-gpus\n"
                           "2025/12/23 15:39:05 | ⚠  -   ⚠  card1: NVIDIA CUDA test failed"))
    assert r.findings[0].code == "container.gpu_not_passed"


def test_from_torch_c_import_failing_is_torchs_import_error():
    r = explain(parse_text('import torch, I got a error, "from torch._C imort *" failed, how to fix it?'))
    assert r.findings[0].code == "framework.import_error"


def test_a_stated_fault_that_does_not_explain_the_pasted_error_is_not_named_its_cause():
    # pytorch#78341: "RuntimeError: Numpy is not available" with a CPU torch beside a GTX 1650. The CPU build is true
    # of the machine but says nothing about NumPy; the NumPy lead comes first and no cause is named.
    text = ('I faced the error "RuntimeError: Numpy is not available".\n'
            "- OS: Windows 11\n- PyTorch version:  1.11.0+cpu\n- Python version: 3.10.2\n"
            "- GPU models and configuration: GPU 0: NVIDIA GeForce GTX 1650 with Max-Q Design\n")
    r = explain(parse_text(text, name="t"))
    assert r.explanation.verdict == "not_enough_information"
    assert [f.code for f in r.findings] == ["numpy.abi_mismatch", "cuda.cpu_only_build"]
    assert "does not explain that error" in r.explanation.summary
    # the same facts without the error: the CPU build is the diagnosis
    alone = explain(parse_text(text.split("\n", 1)[1], name="t"))
    assert alone.explanation.verdict == "diagnosed" and alone.findings[0].code == "cuda.cpu_only_build"


def test_a_cpu_only_torch_said_in_words_beside_a_cuda_error_is_the_diagnosis():
    # deforum-art/stable-diffusion#132: "it installs the cpu only version", then torch.load's CUDA deserialize error.
    text = ("for some people when installing pytorch it installs the cpu only version, which makes people get the "
            "below error when trying to run.\nRuntimeError: Attempting to deserialize object on a CUDA device but "
            "torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load "
            "with map_location=torch.device('cpu') to map your storages to the CPU.\n")
    r = explain(parse_text(text, name="t"))
    assert r.explanation.verdict == "diagnosed" and r.findings[0].code == "cuda.cpu_only_build"
    assert r.explanation.ranking[0].lines == (1,)
    # the error's own "CPU-only machine" is a machine, not a build: alone it names no cause
    alone = explain(parse_text(text.split("\n", 1)[1], name="t"))
    assert alone.explanation.verdict == "not_enough_information"
    # advice is no fact either
    assert parse_text("you should use the CPU version of torch\n").facts.framework("torch") is None


UV_X86_MAC = ("error: Distribution `torch==2.7.1 @ registry+https://pypi.org/simple` can't be installed\n"
              "       because it doesn't have a source distribution or wheel for the current platform\n"
              "hint:  You're on macOS (`macosx_15_0_x86_64`), but `torch` (v2.7.1) only has wheels for...\n"
              "       `macosx_11_0_arm64`, `win_amd64`...\n")


def test_uvs_missing_x86_64_mac_wheel_is_a_lead_naming_rosetta_and_an_intel_mac():
    # transcribe-anything#77's quoted uv error: the platforms uv lists are the package's, not the machine's.
    r = explain(parse_text(UV_X86_MAC, name="t"))
    assert r.facts.host.arch is None and r.facts.host.python.machine == "x86_64"
    assert r.explanation.verdict == "not_enough_information"
    f = r.findings[0]
    assert f.code == "host.rosetta_python" and f.severity == "info"
    assert "Rosetta 2" in f.message and "Intel Mac" in f.message and "uname -m" in f.message
    assert "leads rather than diagnoses" in r.explanation.summary


def test_uvs_hint_for_a_release_with_intel_mac_wheels_is_no_rosetta_lead():
    text = UV_X86_MAC.replace("2.7.1", "2.2.2")
    assert not [f for f in explain(parse_text(text, name="t")).findings if f.code == "host.rosetta_python"]


def test_old_torchs_missing_cuda_binding_on_a_mac_is_no_gpu_there():
    # yuzhimanhua/Multi-BioNER#9: "I installed PyTorch for MacOS", then torch._C without _cuda_setDevice
    # (the CPU build's AttributeError, pytorch#13718).
    text = ("I installed PyTorch for MacOS. When I run ./run_lm-lstm-crf5.sh I get this:\n"
            "AttributeError: module 'torch._C' has no attribute '_cuda_setDevice' \n")
    r = explain(parse_text(text, name="t"))
    assert r.facts.host.os == "darwin"
    assert r.explanation.verdict == "diagnosed" and r.findings[0].code == "cuda.no_gpu"
    assert "This is a Mac" in r.findings[0].message and not r.findings[0].fix
    # elsewhere the same error is a CPU build, quoted as the evidence it is
    linux = explain(parse_text(text.replace("for MacOS", "with pip"), name="t"))
    assert linux.findings[0].code == "cuda.cpu_only_build" and "own error says it has no CUDA" in linux.findings[0].message
