"""`hwprobe bench` with the real torch and TensorFlow in real child processes: sane rows, and failures as rows."""

from __future__ import annotations

import json
import os
import resource
import subprocess
from pathlib import Path

import psutil
import pytest
from conftest import REPO, cli_env, needs_tf, needs_torch, run_cli

from hwprobe import bench
from hwprobe.probes import cnn
from hwprobe.sense.proc import CommandResult

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX signals and resource limits")


def rows_of(res: subprocess.CompletedProcess[str]) -> list[dict]:
    assert res.returncode == 0, res.stderr[-3000:]
    return json.loads(res.stdout)["benchmarks"]


@needs_torch
@needs_tf
def test_both_frameworks_give_sane_rows_on_the_cpu(validate):
    res = run_cli("bench", "--json", "--duration", "0.3", "--device", "cpu")
    report = json.loads(res.stdout)
    validate(report)
    rows = rows_of(res)
    assert [(r["framework"], r["device"], r["mode"]) for r in rows] == [
        ("torch", "cpu", "train"), ("torch", "cpu", "infer"), ("tensorflow", "cpu", "train"), ("tensorflow", "cpu", "infer")]
    for r in rows:
        assert r["status"] == "ok", r
        assert r["batch_size"] == 32 and r["runs"] >= 5
        assert r["median_ms"] > 0 and r["iqr_ms"] >= 0
        assert r["images_per_sec"] == pytest.approx(32 * 1000 / r["median_ms"])
        assert r["flops_per_image"] == cnn.flops_per_image(r["mode"])
        assert r["gflops_per_sec"] == pytest.approx(r["images_per_sec"] * r["flops_per_image"] / 1e9)
        assert r["noisy"] == (r["iqr_ms"] / r["median_ms"] > 0.10)
        c = r["config"]
        assert isinstance(c["threads"], int) and isinstance(c["interop_threads"], int)
        assert c["check"]["passed"] is True and c["check"]["max_error"] < 1e-4
        assert c["warmup"]["steps"] >= 5 and c["dtype"] == "float32"
        if r["peak_gflops"] is not None:  # known where the CPU reports its frequency (here it does)
            assert r["share_of_peak"] == pytest.approx(r["gflops_per_sec"] / r["peak_gflops"])
            assert "FLOP/cycle" in c["peak"]["formula"]
    torch_threads = rows[0]["config"]["threads"]
    assert 1 <= torch_threads <= (os.cpu_count() or 1)
    assert rows[0]["config"]["layout"] == "NCHW" and rows[2]["config"]["layout"] == "NHWC"


def wrapped_torch(root: Path, action: str) -> Path:
    """A `torch` on PYTHONPATH that is the real torch with Adam.step replaced: on the 7th step it does `action`.

    Warm-up runs at least 5 steps and timing at least 5 more, after the correctness check (which makes
    no step): the 7th step is always mid-benchmark, so the child dies there, for real, while every
    other run (inference makes no Adam step) is untouched.
    """
    pkg = root / "torch"
    pkg.mkdir(parents=True)
    (pkg / "__init__.py").write_text(f"""
import importlib, os, signal, sys, time
sys.path.remove({str(root)!r})
del sys.modules["torch"]
real = importlib.import_module("torch")
sys.modules["torch"] = real
_step = real.optim.Adam.step
_count = [0]
def step(self, *a, **k):
    _count[0] += 1
    if _count[0] == 7:
        {action}
    return _step(self, *a, **k)
real.optim.Adam.step = step
""", encoding="utf-8")
    return root


def env_with(path: Path) -> dict[str, str]:
    env = cli_env()
    env["PYTHONPATH"] = os.pathsep.join([str(path), env["PYTHONPATH"]])
    return env


@needs_torch
def test_a_child_killed_mid_benchmark_is_a_crashed_row_and_the_other_runs_go_on(tmp_path):
    fake = wrapped_torch(tmp_path / "site", "os.kill(os.getpid(), signal.SIGSEGV)")
    res = run_cli("bench", "--json", "--framework", "torch", "--device", "cpu", "--duration", "2", env=env_with(fake))
    train, infer = rows_of(res)
    assert train["mode"] == "train" and train["status"] == "crashed"
    assert "SIGSEGV" in train["detail"] and train["images_per_sec"] is None
    assert infer["status"] == "ok" and infer["images_per_sec"] > 0
    assert "Traceback" not in res.stderr


@needs_torch
def test_a_child_that_hangs_mid_benchmark_is_killed_at_the_limit_and_leaves_no_process(tmp_path):
    fake = wrapped_torch(tmp_path / "site", "time.sleep(3600)")
    res = run_cli("bench", "--json", "--framework", "torch", "--device", "cpu", "--mode", "train",
                  "--batch-size", "31", "--duration", "2", "--probe-timeout", "40", env=env_with(fake))
    (row,) = rows_of(res)
    assert row["status"] == "timeout" and "40 s" in row["detail"]
    left = [p for p in psutil.process_iter(["cmdline"])
            if p.info["cmdline"] and "hwprobe.probes.bench_child" in " ".join(p.info["cmdline"])
            and "31" in p.info["cmdline"]]
    assert left == []


@needs_torch
def test_running_out_of_memory_is_an_oom_row_not_a_crash():
    """A real allocation failure: the child runs under a 6 GiB address-space limit and asks for 8.6 GB."""
    job = bench.BenchJob("torch", "cpu", "cpu", 0, ("train",), 700_000, 0.2, None)
    argv = bench.job_argv(job)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (6 << 30, 6 << 30))

    proc = subprocess.run(argv, capture_output=True, text=True, timeout=300, env=cli_env(), cwd=REPO, preexec_fn=limit)
    result = CommandResult(tuple(argv), "ok", proc.returncode, proc.stdout, proc.stderr)
    (row,) = bench.interpret(job, result, 300)
    assert row.status == "oom", row
    assert "allocate" in row.detail


def test_a_framework_that_is_missing_is_a_skipped_row(base_venv):
    res = run_cli("bench", "--json", "--quick", python=str(base_venv))
    rows = rows_of(res)
    assert {(r["framework"], r["status"]) for r in rows} == {("torch", "skipped"), ("tensorflow", "skipped")}
    assert all("not_installed" in r["detail"] for r in rows)


@needs_torch
def test_best_runs_the_measured_configuration_and_still_checks_the_logits():
    res = run_cli("bench", "--json", "--best", "--framework", "torch", "--device", "cpu", "--mode", "infer",
                  "--duration", "0.2")
    (row,) = rows_of(res)
    assert row["status"] == "ok", row
    assert row["config"]["requested"] == bench.BEST_CONFIG[("torch", "cpu", "infer")]
    assert row["config"]["channels_last"] is True and row["config"]["layout"].startswith("NHWC")
    assert row["config"]["check"]["passed"] is True
    if bench.BEST_CONFIG[("torch", "cpu", "infer")].get("malloc_keep_heap"):  # reached the child's environment
        assert row["config"]["env"]["MALLOC_MMAP_THRESHOLD_"] == bench.KEEP_HEAP_ENV["MALLOC_MMAP_THRESHOLD_"]
