"""The real-paste cases for `hwprobe explain` keep their fixed shape, their sources and their coverage."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

CASES_DIR = Path(__file__).resolve().parent / "cases"
CASE_FILES = sorted(CASES_DIR.glob("*.json"))

# The case-file shape fixed by the project brief ("Case files for hwprobe explain").
KEYS = {"id", "url", "title", "retrieved", "kinds", "text", "diagnosis",
        "expected_first", "also_expected", "must_not", "notes"}

# Finding codes of ARCHITECTURE.md ("Finding codes"), copied here because the document lives
# outside the repository; a code added there must be added here in the same change.
ARCHITECTURE_CODES = {
    "cuda.cpu_only_build", "cuda.driver_too_old", "cuda.arch_not_in_build", "cuda.no_gpu",
    "cuda.driver_not_loaded", "cuda.devices_hidden", "cuda.library_missing",
    "rocm.cuda_build_on_amd", "rocm.arch_unsupported", "rocm.permission",
    "mps.macos_too_old", "mps.not_built", "host.rosetta_python", "tf.metal_plugin",
    "tf.windows_native_gpu", "cpu.avx_missing", "numpy.abi_mismatch", "tpu.not_found",
    "python.unsupported_version", "wsl.gpu_unavailable", "container.gpu_not_passed",
    "packages.conflict", "framework.crashed", "framework.timeout", "framework.import_error",
}
# Codes proposed by the cases themselves (none so far: every thread mapped to an existing code).
PROPOSED_CODES: set[str] = set()

# Paste kinds fixed by the brief, plus the documented additions listed in tests/cases/README.md.
BRIEF_KINDS = {"collect_env", "tf_env", "nvidia_smi", "pip_list", "conda_list", "traceback",
               "error_line", "sw_vers", "uname", "platform", "mixed"}
EXTRA_KINDS = {"rocminfo"}

# What the set covers today, as found in public threads; these floors keep it from shrinking.
MIN_CASES = 130
MIN_AMBIGUOUS = 10
COMMON_FAMILIES = {  # expected_first -> at least this many cases
    "cuda.cpu_only_build": 6, "cuda.driver_too_old": 8, "cuda.arch_not_in_build": 6,
    "cuda.library_missing": 4, "numpy.abi_mismatch": 5, "tf.windows_native_gpu": 4,
    "python.unsupported_version": 4, "cpu.avx_missing": 4, "rocm.arch_unsupported": 3, "tpu.not_found": 3,
}
# Every code that leads at least one real case: all of ARCHITECTURE.md's but a hang, which nobody pastes.
COVERED_FAMILIES = ARCHITECTURE_CODES - {"framework.timeout"}
COVERED_KINDS = BRIEF_KINDS | EXTRA_KINDS
# Format variants that must stay represented: (what, predicate on a case).
FORMAT_VARIANTS = {
    "collect_env, 2019-2020 format": lambda c: "collect_env" in c["kinds"] and "Is debug build: No" in c["text"],
    "collect_env, 2021+ format": lambda c: "collect_env" in c["kinds"] and "Is debug build: False" in c["text"],
    "collect_env on Windows": lambda c: "collect_env" in c["kinds"] and "OS: Microsoft Windows" in c["text"],
    "collect_env on macOS": lambda c: "collect_env" in c["kinds"] and "OS: macOS" in c["text"],
    "collect_env on Linux": lambda c: "collect_env" in c["kinds"] and re.search(r"OS: (Ubuntu|Debian)", c["text"]),
    "TF template, bold-field form (2017-2018)": lambda c: "**TensorFlow version (use command below)**" in c["text"],
    "TF template, '- field: value' form (2019-2021)": lambda c: "- TensorFlow version (use command below):" in c["text"],
    "TF template, '### heading' form (2022+)": lambda c: re.search(r"### Tensorflow Version|### TensorFlow version", c["text"]),
    "nvidia-smi table": lambda c: "nvidia_smi" in c["kinds"] and "| NVIDIA-SMI" in c["text"],
    "Python REPL banner": lambda c: "Type \"help\", \"copyright\"" in c["text"],
    "non-English text around the paste": lambda c: re.search(r"[\u4e00-\u9fff]|Le module spécifié|tarjeta grafica", c["text"]),
    "/proc/cpuinfo dump": lambda c: re.search(r"^(?:vendor_id|flags)\s*:", c["text"], re.M),
    "faulthandler dump": lambda c: "Fatal Python error:" in c["text"],
    "cut-off block": lambda c: re.search(r"cut off|cuts? (the|it)|excerpt ends|Partial", c["notes"]),
}


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


CASES = [_load(p) for p in CASE_FILES]


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_each_case_file_has_the_fixed_shape_and_types(path: Path):
    case = _load(path)
    assert set(case) == KEYS, f"keys differ: {set(case) ^ KEYS}"
    for key in ("id", "url", "title", "retrieved", "text", "diagnosis", "notes"):
        assert isinstance(case[key], str), key
    for key in ("kinds", "also_expected", "must_not"):
        assert isinstance(case[key], list) and all(isinstance(x, str) for x in case[key]), key
    assert case["expected_first"] is None or isinstance(case["expected_first"], str)
    assert case["kinds"], "a case names what its paste holds"
    assert len(case["kinds"]) == len(set(case["kinds"])), "kinds repeat"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_each_case_id_is_its_file_name(path: Path):
    assert _load(path)["id"] == path.stem


def test_case_ids_are_unique():
    counts = Counter(c["id"] for c in CASES)
    assert [i for i, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_each_case_cites_a_public_github_thread_and_a_retrieval_date(path: Path):
    case = _load(path)
    assert re.fullmatch(r"https://github\.com/[\w.-]+/[\w.-]+/(issues|pull)/\d+", case["url"]), case["url"]
    date.fromisoformat(case["retrieved"])
    assert case["title"].strip() and case["diagnosis"].strip()


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_each_case_has_pasted_text(path: Path):
    assert _load(path)["text"].strip()


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_each_case_uses_only_known_codes_and_kinds(path: Path):
    case = _load(path)
    known = ARCHITECTURE_CODES | PROPOSED_CODES
    codes = [case["expected_first"], *case["also_expected"], *case["must_not"]]
    assert [c for c in codes if c is not None and c not in known] == []
    assert set(case["kinds"]) <= BRIEF_KINDS | EXTRA_KINDS


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: p.stem)
def test_expected_codes_never_appear_among_the_wrong_fixes(path: Path):
    case = _load(path)
    wanted = {case["expected_first"], *case["also_expected"]} - {None}
    assert wanted.isdisjoint(case["must_not"])
    assert case["expected_first"] not in case["also_expected"]


def test_an_ambiguous_case_expects_nothing_else_either():
    # "not enough information" means no finding is required; wrong fixes can still be listed.
    assert [c["id"] for c in CASES if c["expected_first"] is None and c["also_expected"]] == []


def test_the_set_is_large_enough_and_keeps_its_ambiguous_cases():
    assert len(CASES) >= MIN_CASES
    assert sum(c["expected_first"] is None for c in CASES) >= MIN_AMBIGUOUS


def test_every_family_found_in_public_threads_leads_at_least_one_case():
    firsts = Counter(c["expected_first"] for c in CASES)
    assert sorted(COVERED_FAMILIES - set(firsts)) == []
    assert {code: firsts[code] for code, n in COMMON_FAMILIES.items() if firsts[code] < n} == {}


def test_every_paste_kind_appears():
    seen = {k for c in CASES for k in c["kinds"]}
    assert sorted(COVERED_KINDS - seen) == []


@pytest.mark.parametrize("variant", sorted(FORMAT_VARIANTS))
def test_each_format_variant_is_represented(variant: str):
    assert any(FORMAT_VARIANTS[variant](c) for c in CASES), variant


def test_the_readme_table_lists_every_case():
    readme = (CASES_DIR / "README.md").read_text(encoding="utf-8")
    table = readme.split("<!-- table:start -->", 1)[1].split("<!-- table:end -->", 1)[0]
    listed = set(re.findall(r"^\| `([\w.-]+)` \|", table, flags=re.MULTILINE))
    assert listed == {c["id"] for c in CASES}
