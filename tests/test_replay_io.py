"""ReplayIO answers only what was recorded (or declared absent), and fails loudly otherwise."""

from __future__ import annotations

import json

import pytest

from hwprobe.errors import InputError, ReplayMissError
from hwprobe.sense.io import ReplayIO


@pytest.fixture
def recording(tmp_path):
    (tmp_path / "files" / "proc").mkdir(parents=True)
    (tmp_path / "files" / "proc" / "cpuinfo").write_text("model name\t: Test CPU\nflags\t: avx avx2\n")
    (tmp_path / "commands").mkdir()
    (tmp_path / "commands" / "smi.json").write_text(json.dumps(
        {"argv": ["/usr/bin/nvidia-smi", "-L"], "status": "ok", "returncode": 0, "stdout": "GPU 0: X\n"}))
    (tmp_path / "host.json").write_text(json.dumps({
        "format": 1, "env": {"CUDA_VISIBLE_DEVICES": "0"},
        "queries": {"platform": {"system": "Linux", "machine": "x86_64"}},
        "which": {"nvidia-smi": "/usr/bin/nvidia-smi"},
        "files": {"/etc/secret": {"error": "EACCES"}},
        "absent": ["/dev/kfd", "/opt/rocm/*"], "absent_commands": ["rocm*"],
    }))
    return ReplayIO(tmp_path)


def test_recorded_answers_replay(recording):
    assert "Test CPU" in recording.read_text("/proc/cpuinfo")
    assert recording.run(["/usr/bin/nvidia-smi", "-L"]).stdout == "GPU 0: X\n"
    assert recording.env()["CUDA_VISIBLE_DEVICES"] == "0"
    assert recording.query("platform")["system"] == "Linux"


def test_recorded_errors_replay_as_the_same_os_error(recording):
    with pytest.raises(PermissionError):
        recording.read_text("/etc/secret")


def test_declared_absent_paths_and_commands_read_as_missing(recording):
    assert recording.exists("/dev/kfd") is False
    with pytest.raises(FileNotFoundError):
        recording.read_text("/opt/rocm/.info/version")
    assert recording.which("rocminfo") is None


@pytest.mark.parametrize("call", [
    lambda io: io.read_text("/proc/meminfo"),
    lambda io: io.exists("/dev/nvidia0"),
    lambda io: io.listdir("/sys/bus/pci/devices"),
    lambda io: io.which("nvcc"),
    lambda io: io.run(["/usr/bin/nvidia-smi", "-q"]),
    lambda io: io.probe("torch", ["python"], 10),
    lambda io: io.query("psutil.memory"),
], ids=["read_text", "exists", "listdir", "which", "run", "probe", "query"])
def test_anything_unrecorded_fails_loudly(recording, call):
    with pytest.raises(ReplayMissError):
        call(recording)


def test_a_directory_without_host_json_is_a_clear_input_error(tmp_path):
    with pytest.raises(InputError, match="not a recording"):
        ReplayIO(tmp_path)
