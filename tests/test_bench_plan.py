"""The parent side, pure: which runs to make, how a child's outcome becomes rows, and the device's peak."""

from __future__ import annotations

import json
import os

import jsonschema
import pytest
from conftest import REPO

from hwprobe import bench
from hwprobe.errors import UsageError
from hwprobe.facts import CpuFacts, DeviceFacts, Facts, FrameworkFacts, HostFacts, MemoryFacts, PythonFacts, SmokeResult
from hwprobe.probes import cnn
from hwprobe.reason import peaks
from hwprobe.sense.proc import CommandResult

OK = SmokeResult("ok", max_error=1e-7, seconds=0.01)


def fw(name: str, *devices: DeviceFacts, status: str = "ok", detail: str | None = None) -> FrameworkFacts:
    return FrameworkFacts(name=name, status=status, version="1.0", detail=detail, devices=devices)


CPU = DeviceFacts("cpu", 0, "cpu", smoke=OK)
CUDA0 = DeviceFacts("cuda", 0, "NVIDIA H100 80GB HBM3", smoke=OK)
CUDA1 = DeviceFacts("cuda", 1, "Tesla T4", smoke=SmokeResult("failed", "result differs from the CPU reference"))


def test_every_device_and_mode_is_one_run_and_quick_runs_one_child_per_device():
    frameworks = [fw("torch", CPU, CUDA0), fw("tensorflow", CPU)]
    jobs, skipped = bench.plan(frameworks, bench.BenchOptions())
    assert [(j.framework, j.device, j.modes) for j in jobs] == [
        ("torch", "cpu", ("train",)), ("torch", "cpu", ("infer",)), ("torch", "cuda:0", ("train",)),
        ("torch", "cuda:0", ("infer",)), ("tensorflow", "cpu", ("train",)), ("tensorflow", "cpu", ("infer",))]
    assert skipped == []
    quick, _ = bench.plan(frameworks, bench.BenchOptions.quick())
    assert [(j.device, j.modes) for j in quick] == [("cpu", ("train", "infer")), ("cuda:0", ("train", "infer")),
                                                    ("cpu", ("train", "infer"))]


def test_devices_that_cannot_run_become_skipped_rows_with_the_reason():
    frameworks = [fw("torch", CPU, CUDA1), fw("tensorflow", status="crashed", detail="killed by SIGILL")]
    jobs, skipped = bench.plan(frameworks, bench.BenchOptions(modes=("train",)))
    assert [(j.framework, j.device) for j in jobs] == [("torch", "cpu")]
    reasons = {(r.framework, r.device): r.detail for r in skipped}
    assert "smoke test failed" in reasons[("torch", "cuda:1")]
    assert "crashed" in reasons[("tensorflow", "cpu")] and "SIGILL" in reasons[("tensorflow", "cpu")]
    assert all(r.status == "skipped" for r in skipped)


def test_a_device_filter_picks_devices_and_says_which_a_framework_lacks():
    frameworks = [fw("torch", CPU, CUDA0), fw("tensorflow", CPU)]
    jobs, skipped = bench.plan(frameworks, bench.BenchOptions(devices=("gpu",), modes=("infer",)))
    assert [(j.framework, j.device) for j in jobs] == [("torch", "cuda:0")]
    assert [(r.framework, r.device, r.status) for r in skipped] == [("tensorflow", "gpu", "skipped")]
    jobs, _ = bench.plan(frameworks, bench.BenchOptions(devices=("cuda:0",), modes=("infer",)))
    assert [j.device for j in jobs] == ["cuda:0"]


def test_best_applies_the_measured_configuration_only_where_one_was_measured():
    frameworks = [fw("torch", CPU, CUDA0)]
    jobs, _ = bench.plan(frameworks, bench.BenchOptions(best=True, modes=("train",)))
    assert jobs[0].config == bench.BEST_CONFIG[("torch", "cpu", "train")]
    assert jobs[1].config == {}  # nothing measured on CUDA: defaults, not a guess
    plain, _ = bench.plan(frameworks, bench.BenchOptions(modes=("train",)))
    assert all(j.config == {} for j in plain)
    quick_best, _ = bench.plan([fw("torch", CPU)], bench.BenchOptions(best=True, group_modes=True))
    expected = [((m,), bench.BEST_CONFIG.get(("torch", "cpu", m), {})) for m in bench.MODES]
    if expected[0][1] == expected[1][1]:
        expected = [(bench.MODES, expected[0][1])]
    assert [(j.modes, j.config) for j in quick_best] == expected  # modes share a child only with one config


@pytest.mark.parametrize(("text", "expected"), [
    (None, ()), ("all", ()), ("cpu", ("cpu",)), ("CPU, cuda:1,gpu", ("cpu", "cuda:1", "gpu")), ("cpu,cpu", ("cpu",))])
def test_device_lists_parse(text, expected):
    assert bench.parse_devices(text) == expected


@pytest.mark.parametrize("text", ["tpu0", "cuda:x", "cpu:1", "gpu:0", ",", "npu"])
def test_bad_device_lists_are_usage_errors(text):
    with pytest.raises(UsageError):
        bench.parse_devices(text)


def test_flags_that_contradict_each_other_are_usage_errors():
    with pytest.raises(UsageError, match="--quick and --duration"):
        bench.options_from_flags(["torch"], None, "both", 32, 2.0, True, False, None)
    with pytest.raises(UsageError, match="--batch-size"):
        bench.options_from_flags(["torch"], None, "both", 0, None, False, False, None)
    with pytest.raises(UsageError, match="--mode"):
        bench.options_from_flags(["torch"], None, "fast", 32, None, False, False, None)
    quick = bench.options_from_flags(["torch"], "cpu", "infer", 64, None, True, True, None)
    assert quick.duration == bench.QUICK_DURATION and quick.modes == ("infer",) and quick.best and quick.batch_size == 64


# --- a child's outcome -> rows ---------------------------------------------------------------------

JOB = bench.BenchJob("torch", "cpu", "cpu", 0, ("train", "infer"), 32, 1.0, None, {"channels_last": True})


def result(status: str = "ok", stdout: str = "", returncode: int | None = 0, signal: str | None = None,
           stderr: str = "") -> CommandResult:
    return CommandResult(("python",), status, returncode, stdout, stderr, signal, 1.0)


def child_report(rows) -> str:  # noqa: ANN001
    return "some noise a library printed\n" + json.dumps({"probe": "bench", "status": "ok", "rows": rows}) + "\n"


def test_a_timeout_or_a_crash_is_a_row_per_mode_with_that_status():
    rows = bench.interpret(JOB, result("timeout", returncode=None), 60)
    assert [(r.mode, r.status) for r in rows] == [("train", "timeout"), ("infer", "timeout")]
    assert "60 s" in rows[0].detail and rows[0].config["requested"] == {"channels_last": True}
    rows = bench.interpret(JOB, result("crashed", returncode=-9, signal="SIGKILL", stderr="Killed\n"), 60)
    assert {r.status for r in rows} == {"crashed"}
    assert "SIGKILL" in rows[0].detail and "out-of-memory killer" in rows[0].detail and "Killed" in rows[0].detail


def test_a_child_without_its_report_is_an_error_row():
    rows = bench.interpret(JOB, result(stdout="Segmentation fault? no: just text\n", returncode=1), 60)
    assert {r.status for r in rows} == {"error"} and "code 1" in rows[0].detail
    rows = bench.interpret(JOB, result(stdout=json.dumps({"probe": "torch", "status": "ok"})), 60)
    assert {r.status for r in rows} == {"error"}
    imp = json.dumps({"probe": "bench", "status": "import_error", "detail": "ImportError: libtorch_cpu.so"})
    rows = bench.interpret(JOB, result(stdout=imp), 60)
    assert "libtorch_cpu.so" in rows[0].detail


def test_a_good_row_is_summarized_and_a_failed_mode_keeps_its_own_status():
    steps = [0.010, 0.011, 0.012, 0.011, 0.010, 0.012]
    stdout = child_report([
        {"mode": "train", "status": "ok", "step_s": steps, "config": {"threads": 2}, "warmup": {"steps": 10, "settled": True},
         "check": {"max_error": 2e-7, "passed": True}},
        {"mode": "infer", "status": "oom", "detail": "setup: RuntimeError: DefaultCPUAllocator: can't allocate memory"}])
    train, infer = bench.interpret(JOB, result(stdout=stdout), 60)
    assert train.status == "ok" and train.runs == 6 and train.median_ms == pytest.approx(11.0)
    assert train.images_per_sec == pytest.approx(32 / 0.011)
    assert train.flops_per_image == cnn.flops_per_image("train")
    assert train.gflops_per_sec == pytest.approx(train.images_per_sec * train.flops_per_image / 1e9)
    assert train.config["threads"] == 2 and train.config["check"]["passed"] and train.detail is None
    assert infer.status == "oom" and "allocate" in infer.detail and infer.images_per_sec is None


def test_a_mode_the_child_did_not_report_is_an_error_and_bad_step_times_are_not_believed():
    stdout = child_report([{"mode": "train", "status": "ok", "step_s": [0.01, -1.0]}])
    train, infer = bench.interpret(JOB, result(stdout=stdout), 60)
    assert train.status == "error" and "step times" in train.detail
    assert infer.status == "error" and "no row for infer" in infer.detail


def test_a_warm_up_that_did_not_settle_is_said_on_the_row():
    stdout = child_report([{"mode": "train", "status": "ok", "step_s": [0.01] * 3,
                            "warmup": {"steps": 5, "seconds": 1.5, "settled": False}}])
    train = bench.interpret(JOB, result(stdout=stdout), 60)[0]
    assert train.status == "ok" and "did not settle" in train.detail and "only 3 timed step" in train.detail


def test_a_warm_up_the_budget_cut_short_says_the_import_and_setup_took_the_time():
    # A cold first run: the torch import used up most of the quick budget, one warm-up step ran.
    report = json.loads(child_report([{"mode": "train", "status": "ok", "step_s": [0.01] * 3, "setup_s": 0.42,
                                       "warmup": {"steps": 1, "seconds": 0.03, "settled": False, "cut_short": True}}]).splitlines()[-1])
    report["import_s"] = 11.5
    train = bench.interpret(JOB, result(stdout=json.dumps(report) + "\n"), 60)[0]
    assert train.status == "ok"
    assert "time budget was used up before warm-up settled (the import 11.5 s, setup 0.4 s)" in train.detail
    assert "within 0.0 s" not in train.detail


def test_keeping_the_heap_is_an_environment_of_the_child_only_when_asked():
    keep = bench.BenchJob("torch", "cpu", "cpu", 0, ("train",), 32, 1.0, None, {"malloc_keep_heap": True})
    assert bench.job_env(keep)["MALLOC_TRIM_THRESHOLD_"] == bench.KEEP_HEAP_ENV["MALLOC_TRIM_THRESHOLD_"]
    plain = bench.job_env(JOB)
    assert all(plain.get(k) == os.environ.get(k) for k in bench.KEEP_HEAP_ENV)


def test_the_budget_is_shared_in_proportion_and_each_child_is_told_its_share():
    argv = bench.job_argv(JOB, budget=7.5)
    assert argv[argv.index("--budget") + 1] == "7.50"
    assert "--budget" not in bench.job_argv(JOB)
    assert bench.job_timeout(JOB, bench.BenchOptions()) > bench.job_timeout(
        bench.BenchJob("torch", "cpu", "cpu", 0, ("train",), 32, 1.0, None), bench.BenchOptions())
    compiled = bench.BenchJob("torch", "cpu", "cpu", 0, ("train",), 32, 1.0, None, {"compile": True})
    assert bench.job_timeout(compiled, bench.BenchOptions()) >= bench.COMPILE_ALLOWANCE_S


# --- peaks ---------------------------------------------------------------------------------------


def test_device_peaks_follow_their_schema_and_every_row_has_a_source():
    data = json.loads((REPO / "matrices" / "device_peaks.json").read_text(encoding="utf-8"))
    schema = json.loads((REPO / "matrices" / "schema" / "device_peaks.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker()).validate(data)
    assert all(r["source"].startswith("https://") for r in data["rows"])
    assert {r["device"] for r in data["rows"]} == {"cpu", "gpu"}


def cpu(flags, vendor="GenuineIntel", model="Intel(R) Xeon(R) Processor", arch="x86_64", mhz=2000.0, cores=2):
    return CpuFacts(arch=arch, model=model, vendor=vendor, physical_cores=cores, logical_cores=cores * 2,
                    frequency_mhz=mhz, flags=tuple(flags), usable_cores=cores * 2)


@pytest.mark.parametrize(("facts", "flops_per_cycle"), [
    (cpu(["avx", "avx2", "fma", "avx512f"]), 64),
    (cpu(["avx", "avx2", "fma", "avx512f"], vendor="AuthenticAMD", model="AMD EPYC 9654"), 32),
    (cpu(["avx", "avx2", "fma"], vendor="AuthenticAMD", model="AMD EPYC 7763"), 32),
    (cpu(["avx"]), 16),
    (cpu(["sse4.2"]), 8),
    (cpu(["neon"], vendor="Apple", model="Apple M1 Pro", arch="aarch64"), 32),
    (cpu(["neon"], vendor="ARM", model="Neoverse-N1", arch="aarch64"), 16),
], ids=["avx512-intel", "avx512-amd-zen4", "avx2-fma", "avx", "sse", "apple", "neoverse"])
def test_the_cpu_peak_is_physical_cores_times_frequency_times_flops_per_cycle(facts, flops_per_cycle):
    peak = peaks.cpu_peak(facts)
    assert peak is not None
    assert peak.gflops == pytest.approx(2 * 2.0 * flops_per_cycle)  # 2 physical cores (SMT does not add FMA units)
    assert f"{flops_per_cycle:g} FP32 FLOP/cycle" in peak.formula


def test_the_cpu_peak_is_unknown_without_a_frequency_and_narrowed_by_usable_cores():
    assert peaks.cpu_peak(cpu(["avx2", "fma"], mhz=None)) is None
    narrow = CpuFacts(arch="x86_64", physical_cores=16, logical_cores=32, usable_cores=4, frequency_mhz=3000.0,
                      flags=("avx2", "fma"))
    assert peaks.cpu_peak(narrow).gflops == pytest.approx(4 * 3.0 * 32)


@pytest.mark.parametrize(("name", "tflops"), [
    ("NVIDIA H100 80GB HBM3", 67), ("NVIDIA H100 PCIe", 51), ("NVIDIA H200", 67), ("NVIDIA A100-SXM4-80GB", 19.5),
    ("Tesla T4", 8.1), ("NVIDIA L40S", 91.6), ("NVIDIA L4", 30.3), ("Tesla V100-SXM2-16GB", 15.7),
    ("NVIDIA GeForce RTX 4090", 82.6), ("NVIDIA A10G", None), ("NVIDIA GeForce RTX 3090 Ti", None)])
def test_gpu_peaks_come_from_the_model_name_and_unknown_models_stay_unknown(name, tflops):
    peak = peaks.gpu_peak("cuda", name)
    assert (peak.gflops if peak else None) == (pytest.approx(tflops * 1000) if tflops else None)


def facts_with(cpu_facts: CpuFacts, *frameworks: FrameworkFacts) -> Facts:
    host = HostFacts(os="linux", arch=cpu_facts.arch, python=PythonFacts("3.11.7", "CPython", "/usr/bin/python3"))
    return Facts(host=host, cpu=cpu_facts, memory=MemoryFacts(), frameworks=frameworks)


def test_rows_get_their_devices_peak_and_share():
    from hwprobe.facts import BenchmarkRow

    facts = facts_with(cpu(["avx2", "fma"]), fw("torch", CPU, CUDA0))
    rows = (BenchmarkRow("torch", "cpu", "train", 32, "ok", gflops_per_sec=12.8),
            BenchmarkRow("torch", "cuda:0", "train", 32, "ok", gflops_per_sec=670.0),
            BenchmarkRow("torch", "cuda:0", "infer", 32, "timeout"),
            BenchmarkRow("tensorflow", "cpu", "train", 32, "skipped"))
    out = peaks.attach_peaks(rows, facts)
    assert out[0].peak_gflops == pytest.approx(128) and out[0].share_of_peak == pytest.approx(0.1)
    assert "2 cores x 2.00 GHz x 32" in out[0].config["peak"]["formula"]
    assert out[1].peak_gflops == pytest.approx(67000) and out[1].share_of_peak == pytest.approx(0.01)
    assert out[2].peak_gflops == pytest.approx(67000) and out[2].share_of_peak is None
    assert out[3].peak_gflops is None
