"""Install advice per platform: what each framework's own install page gives for the release the data
picks, for this machine's GPU and driver; and `hwprobe advise` on the command line."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import REPO, run_cli

from hwprobe.reason.advice import plan
from hwprobe.reason.platform import Platform

SCHEMA = json.loads((REPO / "reports" / "advice.schema.json").read_text(encoding="utf-8"))


def cmds(p: Platform, fw: str) -> tuple[str, ...]:
    return plan(p, fw).advice.commands


# (platform, framework) -> the commands
EXPECTED = [
    (Platform("linux", "x86_64", "cuda", "3.12", driver="580.65.06"), "torch",
     ("python -m pip install 'torch==2.15.*' --index-url https://download.pytorch.org/whl/cu130",)),
    (Platform("linux", "x86_64", "cuda", "3.12", driver="595.45.04"), "torch",
     ("python -m pip install 'torch==2.15.*'",)),  # CUDA 13.2 driver: PyPI's own wheel is the cu132 build
    (Platform("linux", "x86_64", "cuda", "3.12"), "torch", ("python -m pip install 'torch==2.15.*'",)),
    (Platform("linux", "x86_64", "cuda", "3.12", driver="550.54.15"), "torch",
     ("python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/cu126",)),
    (Platform("linux", "x86_64", "cuda", "3.12", driver="580.65.06", compute_capability="6.1"), "torch",
     ("python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/cu126",)),
    (Platform("linux", "x86_64", "cuda", "3.10", driver="470.82.01"), "torch",
     ("python -m pip install 'torch==2.7.*' --index-url https://download.pytorch.org/whl/cu118",)),
    (Platform("linux", "x86_64", "cuda", "3.8", driver="440.33.01"), "torch", ("python -m pip install torch==1.12.1",)),
    (Platform("linux", "x86_64", "cuda", "3.6", driver="418.39"), "torch",
     ("python -m pip install torch==1.8.1+cu101 -f https://download.pytorch.org/whl/torch_stable.html",)),
    (Platform("linux", "x86_64", "cpu", "3.12"), "torch",
     ("python -m pip install 'torch==2.15.*' --index-url https://download.pytorch.org/whl/cpu",)),
    (Platform("linux", "x86_64", "rocm", "3.12", gfx_arch="gfx90a"), "torch",
     ("python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/rocm7.14",)),
    (Platform("linux", "x86_64", "xpu", "3.12"), "torch",
     ("python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/xpu",)),
    (Platform("linux", "x86_64", "tpu", "3.11"), "torch",
     ("python -m pip install 'torch==2.9.*' 'torch_xla[tpu]==2.9.*'",)),
    (Platform("linux", "aarch64", "cpu", "3.12"), "torch",
     ("python -m pip install 'torch==2.15.*' --index-url https://download.pytorch.org/whl/cpu",)),
    # GH200 (sm_90): 2.15's aarch64 arch list is not in the data, so the newest confirmed build is 2.14's
    # CUDA 13.0 wheel, which is what PyPI serves on aarch64.
    (Platform("linux", "aarch64", "cuda", "3.12", driver="580.65.06", compute_capability="9.0"), "torch",
     ("python -m pip install 'torch==2.14.*'",)),
    # Windows drivers have no per-toolkit minimum from CUDA 13.0 (Table 3: N/A); R580+ runs 13.x by
    # minor-version compatibility, so the highest 13.x build is chosen.
    (Platform("windows", "x86_64", "cuda", "3.12", driver="581.57"), "torch",
     ('python -m pip install "torch==2.15.*" --index-url https://download.pytorch.org/whl/cu132',)),
    (Platform("windows", "x86_64", "cpu", "3.12"), "torch", ('python -m pip install "torch==2.15.*"',)),
    (Platform("darwin", "aarch64", "mps", "3.12", os_version="14.5"), "torch", ("python -m pip install 'torch==2.15.*'",)),
    (Platform("darwin", "aarch64", "mps", "3.12", os_version="13.6"), "torch", ("python -m pip install 'torch==2.8.*'",)),
    (Platform("darwin", "x86_64", "cpu", "3.11"), "torch", ("python -m pip install 'torch==2.2.*'",)),
    (Platform("linux", "x86_64", "cuda", "3.12", driver="535.104.05", package_manager="uv"), "torch",
     ("uv pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/cu126",)),
    (Platform("linux", "x86_64", "cuda", "3.10", driver="525.60.13", package_manager="conda", compute_capability="8.0"), "torch",
     ("python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/cu126",)),
    (Platform("linux", "x86_64", "cuda", "3.12", driver="535.104.05"), "tensorflow", ("python -m pip install 'tensorflow[and-cuda]==2.21.*'",)),
    (Platform("linux", "x86_64", "cuda", "3.8", driver="470.82.01"), "tensorflow", ("python -m pip install 'tensorflow==2.13.*'",)),
    (Platform("linux", "x86_64", "cpu", "3.12"), "tensorflow", ("python -m pip install 'tensorflow-cpu==2.21.*'",)),
    (Platform("linux", "aarch64", "cpu", "3.12"), "tensorflow", ("python -m pip install 'tensorflow==2.21.*'",)),
    (Platform("windows", "x86_64", "cuda", "3.10", driver="552.22"), "tensorflow", ('python -m pip install "tensorflow<2.11"',)),
    (Platform("windows", "x86_64", "cuda", "3.10", driver="552.22", package_manager="conda"), "tensorflow",
     ("conda install -y -c conda-forge cudatoolkit=11.2 cudnn=8.1", 'python -m pip install "tensorflow<2.11"')),
    (Platform("windows", "x86_64", "cuda", "3.12", driver="552.22"), "tensorflow", ("wsl --install",)),
    (Platform("darwin", "aarch64", "mps", "3.12", os_version="14.5"), "tensorflow",
     ("python -m pip install 'tensorflow==2.21.*' tensorflow-metal==1.2.0",)),
    (Platform("darwin", "aarch64", "mps", "3.10", os_version="13.6"), "tensorflow",
     ("python -m pip install 'tensorflow==2.21.*' tensorflow-metal==1.2.0",)),
    (Platform("linux", "x86_64", "rocm", "3.11", gfx_arch="gfx90a"), "tensorflow", ("python -m pip install tensorflow-rocm==2.14.0.600",)),
]


@pytest.mark.parametrize(("p", "fw", "expected"), EXPECTED, ids=[f"{fw}-{p.key}-{p.accelerator}-py{p.python}-{p.driver}-{p.package_manager}" for p, fw, _ in EXPECTED])
def test_advice_per_platform_is_the_install_pages_command_for_the_release_the_data_picks(p, fw, expected):
    pl = plan(p, fw)
    assert pl.advice.commands == expected, pl.advice.notes
    assert pl.advice.sources and all(s.startswith("http") for s in pl.advice.sources)
    assert pl.advice.notes


def test_advice_explains_a_cpu_fallback_with_the_builds_it_rejected():
    a = plan(Platform("linux", "x86_64", "cuda", "3.12", driver="440.33"), "torch").advice
    assert a.accelerator == "cpu" and "whl/cpu" in a.commands[0]
    assert a.notes[0].startswith("no torch build for cuda fits this machine") and "needs >= 580.65.06" in a.notes[0]
    jetson = plan(Platform("linux", "aarch64", "cuda", "3.10", driver="540.4.0", compute_capability="8.7"), "torch").advice
    assert jetson.accelerator == "cpu" and any("JetPack" in n for n in jetson.notes)
    # A Jetson known only by name (a Tegra kernel, "JetPack 5.1.2" in prose) has no compute capability, yet the same
    # holds: no PyPI / download.pytorch.org CUDA wheel is for it.
    named = plan(Platform("linux", "aarch64", "cuda", "3.10", jetson=True), "torch").advice
    assert named.accelerator == "cpu" and any("Jetson boards" in n and "JetPack" in n for n in named.notes)
    metal = plan(Platform("darwin", "aarch64", "mps", "3.13", os_version="15.1"), "tensorflow").advice
    assert metal.accelerator == "cpu" and "no wheel for Python 3.13" in metal.notes[0]


def test_no_command_where_nothing_installable_fits_and_the_notes_say_why():
    tf314 = plan(Platform("linux", "x86_64", "cuda", "3.14", driver="580.65.06"), "tensorflow").advice
    assert tf314.commands == () and "Python 3.14" in " ".join(tf314.notes)
    noavx = plan(Platform("linux", "x86_64", "cpu", "3.12", avx=False), "tensorflow").advice
    assert noavx.commands == () and "AVX" in noavx.notes[0]


def test_advice_uses_minor_version_compatibility_only_when_no_native_build_fits():
    native = plan(Platform("linux", "x86_64", "cuda", "3.12", driver="570.86.10"), "torch")
    assert (native.release, native.variant) == ("2.14", "cu126")  # 2.15 has only CUDA 13 builds, which need 580
    assert "the driver supports CUDA 12.8 >= 12.6" in native.advice.notes[0]
    mvc = plan(Platform("linux", "x86_64", "cuda", "3.12", driver="535.104.05"), "torch")
    assert (mvc.release, mvc.variant) == ("2.14", "cu126") and "minor-version compatibility" in mvc.advice.notes[0]
    both = plan(Platform("linux", "x86_64", "cuda", "3.12", driver="590.44.01"), "torch")
    assert (both.release, both.variant) == ("2.15", "cu130")  # CUDA 13.1 driver: cu130 natively, not cu132 by MVC


def test_cli_advise_json_validates_against_its_schema_and_uses_the_flags():
    r = run_cli("advise", "--json", "--os", "linux", "--arch", "x86_64", "--accelerator", "cuda", "--driver", "535.104.05",
                "--python", "3.12", "--framework", "torch")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(doc)
    assert doc["platform"]["given"] == ["os", "arch", "accelerator", "python", "driver"]
    (torch,) = doc["advice"]
    assert torch["commands"] == ["python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/cu126"]
    assert (torch["release"], torch["variant"]) == ("2.14", "cu126")


def test_cli_advise_for_this_machine_senses_it_without_probing_frameworks():
    r = run_cli("advise", "--json")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)
    assert {a["framework"] for a in doc["advice"]} == {"torch", "tensorflow"}
    assert doc["platform"]["given"] == [] and doc["platform"]["python"]


def test_cli_advise_text_shows_commands_then_notes_and_sources():
    r = run_cli("advise", "--os", "windows", "--accelerator", "cuda", "--driver", "552.22", "--python", "3.10",
                "--framework", "tensorflow")
    assert r.returncode == 0, r.stderr
    assert 'python -m pip install "tensorflow<2.11"' in r.stdout and "sources: https://" in r.stdout


@pytest.mark.parametrize("args", [["--os", "beos"], ["--arch", "sparc"], ["--accelerator", "npu"], ["--driver", "new"],
                                  ["--python", "three"], ["--framework", "jax"], ["--compute-capability", "9"],
                                  ["--gfx", "navi"], ["--package-manager", "brew"]])
def test_cli_advise_bad_values_are_one_line_errors_with_exit_2(args):
    r = run_cli("advise", *args)
    assert r.returncode == 2 and r.stdout == ""
    assert len(r.stderr.strip().splitlines()) == 1 and r.stderr.startswith("hwprobe: error:")


def test_with_the_os_only_assumed_a_gpu_build_is_named_by_its_index_and_the_notes_say_what_was_assumed():
    # plain PyPI's torch is a CUDA build on Linux but the CPU one on Windows: a paste that names no OS gets the index
    # form, which installs the same build on both, and both drivers' minimums
    known = plan(Platform("linux", "x86_64", "cuda", "3.12"), "torch").advice
    guessed = plan(Platform("linux", "x86_64", "cuda", "3.12", os_assumed=True), "torch").advice
    assert known.commands == ("python -m pip install 'torch==2.15.*'",)
    assert guessed.commands == ("python -m pip install 'torch==2.15.*' --index-url https://download.pytorch.org/whl/cu132",)
    assert any(n.startswith("the OS was not given: this assumes Linux x86_64") and "--os windows" in n
               for n in guessed.notes)
    assert any("(linux) or >= " in n and "(Windows)" in n for n in guessed.notes)
    assert not any("OS was not given" in n for n in known.notes)


def test_a_paste_that_names_no_os_gets_the_index_command_and_one_that_names_linux_the_plain_one():
    from hwprobe.parse import parse_text
    from hwprobe.reason.explain import explain

    error = "AssertionError: Torch not compiled with CUDA enabled\n"
    unnamed = explain(parse_text("I have an RTX 3090.\n" + error, name="t"))
    linux = explain(parse_text("I have an RTX 3090 on Ubuntu 22.04.\n" + error, name="t"))
    assert unnamed.findings[0].code == linux.findings[0].code == "cuda.cpu_only_build"
    assert any("--index-url https://download.pytorch.org/whl/cu" in f for f in unnamed.findings[0].fix)
    assert "python -m pip install 'torch==2.15.*'" in linux.findings[0].fix
    assert any("OS was not given" in n for a in unnamed.advice for n in a.notes)
    assert not any("OS was not given" in n for a in linux.advice for n in a.notes)
