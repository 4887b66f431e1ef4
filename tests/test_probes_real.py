"""The real torch and TensorFlow CPU builds, probed in real child processes."""

from __future__ import annotations

from importlib import metadata

from conftest import HAS_TF, HAS_TORCH, needs_tf, needs_torch

from hwprobe.probes.runner import run_probes
from hwprobe.sense.io import LiveIO
from hwprobe.sense.packages import detect_packages, framework_distribution


def _probe(*names: str):
    io = LiveIO()
    packages, _ = detect_packages(io)
    return {f.name: f for f in run_probes(io, names, packages, timeout=300)}, packages


@needs_torch
def test_torch_child_reports_version_build_and_a_passing_cpu_smoke_test():
    fw = _probe("torch")[0]["torch"]
    assert fw.status == "ok", fw.detail
    assert fw.version == metadata.version("torch")
    assert fw.build["cuda"] is None and fw.build["hip"] is None  # the CPU wheel
    assert fw.build["arch_list"] == []
    cpu = [d for d in fw.devices if d.kind == "cpu"]
    assert len(cpu) == 1 and cpu[0].smoke.status == "ok"
    assert cpu[0].smoke.max_error is not None and cpu[0].smoke.max_error < 1e-4
    assert fw.build["threads"] >= 1


@needs_tf
def test_tensorflow_child_reports_build_info_and_a_passing_cpu_smoke_test():
    fw, packages = _probe("tensorflow")
    fw = fw["tensorflow"]
    assert fw.status == "ok", fw.detail
    dist = framework_distribution("tensorflow", packages)
    assert fw.distribution == dist and fw.version == metadata.version(dist)
    assert fw.build["is_cuda_build"] is False
    cpu = [d for d in fw.devices if d.kind == "cpu"]
    assert len(cpu) == 1 and cpu[0].smoke.status == "ok"
    assert not [d for d in fw.devices if d.kind != "cpu"]


def test_both_frameworks_are_probed_in_parallel_and_reported_in_the_order_asked():
    fws, _ = _probe("tensorflow", "torch")
    assert list(fws) == ["tensorflow", "torch"]
    assert fws["torch"].status == ("ok" if HAS_TORCH else "not_installed")
    assert fws["tensorflow"].status == ("ok" if HAS_TF else "not_installed")
