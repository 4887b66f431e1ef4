"""`hwprobe bench` options and the doctor's quick benchmark: bad values are one line and exit 2."""

from __future__ import annotations

import json

import pytest
from conftest import HAS_TF, HAS_TORCH, run_cli

USAGE_ERRORS = [
    (["bench", "--mode", "fast"], "--mode"),
    (["bench", "--batch-size", "0"], "--batch-size"),
    (["bench", "--batch-size", "many"], "--batch-size"),
    (["bench", "--batch-size", str(2**21)], "--batch-size"),
    (["bench", "--duration", "0"], "--duration"),
    (["bench", "--duration", "soon"], "--duration"),
    (["bench", "--quick", "--duration", "2"], "--quick and --duration"),
    (["bench", "--device", "npu"], "unknown device"),
    (["bench", "--device", "cuda:first"], "bad device index"),
    (["bench", "--framework", "jax"], "unknown framework"),
    (["bench", "--format", "xml"], "--format"),
    (["bench", "--probe-timeout", "0"], "--probe-timeout"),
    (["bench", "--output", "/nonexistent-dir/bench.json"], "does not exist"),
]


@pytest.mark.parametrize(("args", "message"), USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_bad_bench_options_are_one_line_on_stderr_with_exit_2(args, message):
    res = run_cli(*args, timeout=60)
    assert res.returncode == 2, (res.returncode, res.stderr)
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("hwprobe: error:") and message in lines[0], res.stderr
    assert res.stdout == ""


def test_bench_help_lists_its_options():
    res = run_cli("bench", "--help", timeout=60)
    assert res.returncode == 0
    for opt in ("--framework", "--device", "--mode", "--batch-size", "--duration", "--quick", "--best", "--json",
                "--format", "--output"):
        assert opt in res.stdout


@pytest.mark.skipif(not (HAS_TORCH and HAS_TF), reason="needs torch and TensorFlow")
def test_bench_writes_markdown_and_json_files(tmp_path):
    out = tmp_path / "bench.md"
    res = run_cli("bench", "--framework", "torch", "--mode", "infer", "--duration", "0.2", "--format", "markdown",
                  "--output", str(out))
    assert res.returncode == 0, res.stderr[-2000:]
    text = out.read_text(encoding="utf-8")
    assert "### Benchmark (seed CNN)" in text and "| torch | cpu | infer | 32 |" in text
    assert res.stdout == ""


@pytest.mark.skipif(not (HAS_TORCH and HAS_TF), reason="needs torch and TensorFlow")
def test_the_doctor_runs_the_quick_benchmark_unless_told_not_to(validate):
    res = run_cli("doctor", "--json")
    assert res.returncode == 0, res.stderr[-2000:]
    report = json.loads(res.stdout)
    validate(report)
    rows = report["benchmarks"]
    assert {(r["framework"], r["device"], r["mode"]) for r in rows} == {
        (f, "cpu", m) for f in ("torch", "tensorflow") for m in ("train", "infer")}
    for r in rows:
        # On a busy machine the quick benchmark's time budget may run out: then the row says so.
        assert r["status"] == "ok" or (r["status"] == "skipped" and "budget" in r["detail"]), r
        assert r["config"]["requested"] == {} and r["config"]["duration_s"] == 0.5
    assert any(r["status"] == "ok" for r in rows)
