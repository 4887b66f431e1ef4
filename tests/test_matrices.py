"""The compatibility data: every file valid against its schema, every row sourced and dated, one
range syntax, no overlapping ranges for the same key, every claimed platform advisable, and a new
release being a data-only change."""

from __future__ import annotations

import functools
import itertools
import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from conftest import REPO
from packaging.specifiers import SpecifierSet
from packaging.version import Version

from hwprobe.reason import catalog as cat
from hwprobe.reason.advice import plan
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.matrix import supported
from hwprobe.reason.platform import Platform
from hwprobe.reason.versions import valid_range

MATRICES = REPO / "matrices"
FILES = sorted(p.stem for p in MATRICES.glob("*.json"))
# Fields that hold a PEP 440 range, per file.
RANGE_FIELDS = {
    "torch_releases": ("versions", "python"), "tf_releases": ("versions", "python", "numpy", "keras"),
    "torch_install_patterns": ("versions",), "torch_cuda_arch": ("torch",), "torch_rocm_arch": ("torch",),
    "tf_metal": ("tensorflow", "python"), "tf_rocm": ("tensorflow",), "cuda_compat": ("cuda",),
    "rocm_releases": ("rocm",), "tpu": ("torch", "tensorflow", "python"),
}
# (file, key fields, range field): rows with the same key must not have overlapping ranges.
NO_OVERLAP = [
    ("torch_releases", (), "versions"),
    ("tf_releases", (), "versions"),
    ("torch_install_patterns", ("manager",), "versions"),
    ("torch_cuda_arch", ("variant", "platforms"), "torch"),
    ("torch_rocm_arch", (), "torch"),
    ("tf_metal", (), "tensorflow"),
    ("tf_rocm", (), "tensorflow"),
    ("cuda_compat", (), "cuda"),
    ("rocm_releases", (), "rocm"),
    ("tpu", ("framework",), "torch"),
]
# Versions a range may contain: 0.x-30.x with minors and patches, pre-releases included.
GRID = [Version(f"{a}.{b}.{c}") for a in range(0, 31) for b in range(0, 41) for c in (0, 1, 2, 4)] + \
       [Version(f"{a}.{b}.0rc0") for a in range(0, 4) for b in range(0, 41)]


def load(name: str) -> dict:
    return json.loads((MATRICES / f"{name}.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", FILES)
def test_every_matrix_file_validates_against_its_schema(name):
    schema_path = MATRICES / "schema" / f"{name}.schema.json"
    assert schema_path.exists(), f"{name}.json has no schema"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(load(name)))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


@pytest.mark.parametrize("name", FILES)
def test_every_row_has_a_source_url_and_a_retrieved_date(name):
    for i, row in enumerate(load(name)["rows"]):
        assert re.match(r"^https?://\S+$", row.get("source", "")), f"{name} row {i} has no source URL"
        assert re.match(r"^\d{4}-\d{2}-\d{2}$", row.get("retrieved", "")), f"{name} row {i} has no retrieved date"


@pytest.mark.parametrize("name", FILES)
def test_every_version_range_uses_pep440(name):
    fields = RANGE_FIELDS.get(name, ())
    for i, row in enumerate(load(name)["rows"]):
        for f in fields:
            if f in row:
                assert isinstance(row[f], str) and row[f] and valid_range(row[f]), f"{name} row {i}: {f}={row[f]!r}"
        for plat in (row.get("platforms") or {}).values() if isinstance(row.get("platforms"), dict) else ():
            if "python" in plat:
                assert valid_range(plat["python"]), f"{name} row {i}: platform python {plat['python']!r}"


@functools.lru_cache(maxsize=None)  # each spec is compared with every other of its key: contain each once
def _contained(spec: str) -> frozenset[Version]:
    s = SpecifierSet(spec)
    return frozenset(v for v in GRID if s.contains(v, prereleases=True))


@pytest.mark.parametrize(("name", "key", "field"), NO_OVERLAP)
def test_ranges_never_overlap_for_the_same_key(name, key, field):
    rows = [r for r in load(name)["rows"] if field in r]
    groups: dict[tuple, list[dict]] = {}
    for r in rows:
        if "platforms" in key and isinstance(r.get("platforms"), list):
            for p in r["platforms"]:
                groups.setdefault(tuple(r[k] for k in key if k != "platforms") + (p,), []).append(r)
        else:
            groups.setdefault(tuple(r[k] for k in key), []).append(r)
    for k, members in groups.items():
        for a, b in itertools.combinations(members, 2):
            both = _contained(a[field]) & _contained(b[field])
            assert not both, f"{name} {k}: {a[field]} and {b[field]} overlap (e.g. {min(both)})"


def test_the_overlap_check_can_fail():
    assert _contained(">=2.8,<2.9") & _contained(">=2.8.1,<2.10")
    assert not _contained(">=2.8,<2.9") & _contained(">=2.9,<2.10")


def test_unique_keys_of_scalar_tables():
    for name, key in (("cuda_drivers", "cuda"), ("tf_metal", "metal"), ("system_fixes", "id"), ("ngc_releases", "release"),
                      ("torch_releases", "release"), ("tf_releases", "release")):
        values = [r[key] for r in load(name)["rows"]]
        assert len(values) == len(set(values)), f"{name}: duplicate {key}"


def test_each_gpu_model_example_resolves_to_its_own_row():
    kb = Knowledge(MATRICES)
    for row in kb.usable("gpu_models"):
        for example in row["examples"]:
            assert cat.gpu_model(kb, example, row["vendor"]) is row, f"{example!r} is matched by an earlier row"


def test_every_variant_with_an_arch_row_is_a_published_variant():
    """An arch row for a build that no release row lists would be dead data."""
    kb = Knowledge(MATRICES)
    for a in kb.rows("torch_cuda_arch"):
        rels = [r for r in kb.rows("torch_releases") if Version(r["latest"]) in SpecifierSet(a["torch"])]
        listed = [r for r in rels for p in a["platforms"]
                  if a["variant"] in (r["platforms"].get(p) or {}).get("variants", [])]
        assert listed, f"arch row {a['torch']} {a['variant']} {a['platforms']}: no release lists that variant there"


def _pythons(spec: str) -> list[str]:
    s = SpecifierSet(spec)
    return [p for p in ["2.7"] + [f"3.{m}" for m in range(5, 16)] if Version(p) in s]


def _claims(kb: Knowledge):
    """Every (platform, framework) that some row claims is installable with pip."""
    for row in cat.releases(kb, "torch"):
        for key, entry in row["platforms"].items():
            os_, arch = key.split("-")
            kinds = {cat.kind_of_variant(v) for v in entry["variants"]}
            for py in _pythons(cat.python_range(row, entry)):
                for kind in kinds:
                    yield Platform(os_, arch, kind, py), "torch", row
    for t in cat.tpu_rows(kb, "torch"):
        if t["command"]:
            for py in _pythons(t["python"]):
                yield Platform("linux", "x86_64", "tpu", py), "torch", t
    for row in cat.releases(kb, "tensorflow"):
        if row.get("prerelease"):
            continue
        for key, entry in row["platforms"].items():
            os_, arch = key.split("-")
            for py in _pythons(cat.python_range(row, entry)):
                for kind in ("cpu", "cuda"):
                    if entry.get(kind):
                        yield Platform(os_, arch, kind, py), "tensorflow", row
                metal = cat.metal_for(kb, row["latest"]) if entry.get("mps") else None
                if metal and arch in metal["arch"] and Version(py) in SpecifierSet(metal["python"]):
                    yield Platform(os_, arch, "mps", py), "tensorflow", row
                if key == "linux-x86_64" and cat.tf_rocm_for(kb, row["latest"]):
                    yield Platform(os_, arch, "rocm", py), "tensorflow", row


def test_the_advice_for_every_claimed_platform_resolves_to_a_command():
    kb = Knowledge(MATRICES)
    seen = set()
    failures = []
    for p, fw, row in _claims(kb):
        if (p, fw) in seen:
            continue
        seen.add((p, fw))
        a = plan(p, fw, kb).advice
        if not a.commands or a.accelerator != p.accelerator:
            failures.append(f"{fw} {p.key} {p.accelerator} py{p.python} (row {row.get('release', row.get('torch'))}): "
                            f"{a.accelerator} {a.commands} {a.notes[:1]}")
        assert supported(kb, fw, p.accelerator, p.os, p.arch, None), f"{fw} {p.key} {p.accelerator} not supported()"
    assert not failures, "\n".join(failures[:10])
    assert len(seen) > 150  # the data claims many platforms; the test must have walked them


def test_a_new_torch_and_cuda_release_is_a_data_only_change(tmp_path: Path):
    """Add torch 2.16 with a cu134 build (and CUDA 13.4's driver row) to a copy of matrices/: the same
    code now advises it for a new driver, keeps the old advice for an old one, and supports it."""
    copy = tmp_path / "matrices"
    shutil.copytree(MATRICES, copy)
    p = Platform("linux", "x86_64", "cuda", "3.13", driver="616.10", compute_capability="12.0")
    before = plan(p, "torch", Knowledge(copy))
    assert before.release == "2.15" and before.variant == "cu132"

    rel = json.loads((copy / "torch_releases.json").read_text(encoding="utf-8"))
    newest = next(r for r in rel["rows"] if r["release"] == "2.15")
    row = json.loads(json.dumps(newest))
    row.update(release="2.16", versions=">=2.16,<2.17", latest="2.16.0", status="verified",
               source="https://example.org/torch-2.16-release-notes")
    for entry in row["platforms"].values():
        if "cu132" in entry["variants"]:
            entry["variants"] = [v for v in entry["variants"]] + ["cu134"]
    rel["rows"].append(row)
    (copy / "torch_releases.json").write_text(json.dumps(rel), encoding="utf-8")
    arch = json.loads((copy / "torch_cuda_arch.json").read_text(encoding="utf-8"))
    arch["rows"].append({"torch": ">=2.16,<2.17", "variant": "cu134", "platforms": ["linux-x86_64"],
                         "sm": ["7.5", "8.0", "8.6", "9.0", "10.0", "12.0"], "ptx": ["12.0"], "status": "verified",
                         "source": "https://example.org/build_cuda.sh", "retrieved": "2026-12-01"})
    (copy / "torch_cuda_arch.json").write_text(json.dumps(arch), encoding="utf-8")
    drivers = json.loads((copy / "cuda_drivers.json").read_text(encoding="utf-8"))
    for r in drivers["rows"]:
        if r["cuda"] == "13.4":
            r["status"] = "verified"  # as if Table 3 had been read
    (copy / "cuda_drivers.json").write_text(json.dumps(drivers), encoding="utf-8")

    kb = Knowledge(copy)
    after = plan(p, "torch", kb)
    assert (after.release, after.variant) == ("2.16", "cu134")
    assert after.advice.commands == ("python -m pip install 'torch==2.16.*' --index-url https://download.pytorch.org/whl/cu134",)
    assert "https://example.org/torch-2.16-release-notes" in after.advice.sources
    old_driver = plan(Platform("linux", "x86_64", "cuda", "3.13", driver="580.65.06"), "torch", kb)
    # The new release, and of its builds the highest that driver 580 (CUDA 13.0) runs natively.
    assert (old_driver.release, old_driver.variant) == ("2.16", "cu130")
    assert supported(kb, "torch", "cuda", "linux", "x86_64", "2.16.0")


def test_unverified_rows_are_never_used_in_reasoning():
    kb = Knowledge(MATRICES)
    unverified = [r for r in kb.rows("torch_cuda_arch") if r["status"] == "unverified"]
    assert unverified  # the data keeps them, with a note, for the record
    assert all(r not in kb.usable("torch_cuda_arch") for r in unverified)
    # torch 2.7 cu128's arch list is unverified: with a Blackwell GPU the advice does not rely on it.
    p = Platform("linux", "x86_64", "cuda", "3.9", driver="570.86.10", compute_capability="12.0")
    chosen = plan(p, "torch", kb)
    assert (chosen.release, chosen.variant) != ("2.7", "cu128")


def test_each_cpu_model_example_matches_its_own_family_and_newer_cpus_match_none():
    for row in load("cpu_models")["rows"]:
        for example in row["examples"]:
            assert re.search(row["pattern"], example, re.IGNORECASE), f"{example!r} not matched by {row['family']}"
    kb = Knowledge(MATRICES)
    for newer in ("Intel(R) Core(TM) i7-2600K CPU @ 3.40GHz", "Intel(R) Xeon(R) CPU E5-2670 0 @ 2.60GHz",
                  "AMD Ryzen 7 5800X", "AMD Opteron(tm) Processor 6272", "Intel(R) Xeon(R) W-3175X",
                  "Intel(R) Core(TM) i5-10400", "AMD Athlon Gold 3150U"):
        assert cat.cpu_model(kb, newer) is None, newer
