"""`hwprobe record DIR`: a scrubbed recording that replays to the same facts, written all or nothing."""

from __future__ import annotations

import json
import shutil
import uuid
from pathlib import Path

import pytest

from conftest import REPO, needs_torch, run_cli
from hwprobe.errors import OutputError
from hwprobe.record import record, write_recording
from hwprobe.scrub import Scrubber
from hwprobe.sense.accelerators import detect_accelerators
from hwprobe.sense.host import detect_host
from hwprobe.sense.io import RecordingIO, ReplayIO

MACHINES = REPO / "tests" / "machines"


def _all_text(directory: Path) -> str:
    return "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in directory.rglob("*") if p.is_file()) + \
        "\n".join(str(p.relative_to(directory)) for p in directory.rglob("*"))


@pytest.mark.parametrize("name", ["linux-x86_64-cuda-h100-sxm", "darwin-aarch64-mps-m2pro-rosetta-x86-python",
                                  "linux-x86_64-cuda-v100-module-not-loaded"])
def test_a_recording_of_a_recording_replays_to_the_same_facts(tmp_path, name):
    target = tmp_path / "again"
    summary = record(target, ("torch", "tensorflow"), 60, inner=ReplayIO(MACHINES / name))
    assert summary.directory == str(target) and (target / "SOURCE.md").is_file()
    for fn in (detect_host, detect_accelerators):
        assert fn(ReplayIO(target)) == fn(ReplayIO(MACHINES / name))


def test_a_crashed_probe_is_recorded_as_the_crash_it_was(tmp_path):
    src = tmp_path / "src"
    shutil.copytree(MACHINES / "linux-x86_64-cuda-h100-sxm", src)
    probe = src / "probes" / "torch.json"
    probe.write_text(json.dumps({"argv": ["python", "-c", "<torch probe>"], "status": "crashed", "returncode": -11,
                                 "stdout": "", "stderr": "Fatal Python error: Segmentation fault", "signal": "SIGSEGV"}))
    record(tmp_path / "out", ("torch",), 60, inner=ReplayIO(src))
    again = json.loads((tmp_path / "out" / "probes" / "torch.json").read_text())
    assert (again["status"], again["signal"], again["returncode"]) == ("crashed", "SIGSEGV", -11)
    assert "Segmentation fault" in again["stderr"]


def test_recordings_are_scrubbed_of_ids_names_paths_and_addresses(tmp_path):
    # A copy of a real recording with identifying strings planted in what the detectors read.
    src = tmp_path / "src"
    shutil.copytree(MACHINES / "linux-x86_64-cuda-h100-sxm", src)
    gpu_uuid = f"GPU-{uuid.uuid4()}"
    version = src / "files" / "proc" / "version"
    version.write_text("Linux version 6.8.0-106-generic (buildd@gpu-node-17) #1 SMP\n"
                       f"/home/alice/miniconda3 {gpu_uuid} 52:54:00:12:34:56 10.20.30.40 Serial Number: 1324621114474\n")
    host = json.loads((src / "host.json").read_text())
    host["env"] = {"HOME": "/home/alice", "USER": "alice", "CUDA_VISIBLE_DEVICES": gpu_uuid}
    host["queries"]["platform"]["node"] = "gpu-node-17"
    (src / "host.json").write_text(json.dumps(host))
    rec = RecordingIO(ReplayIO(src))
    from hwprobe.doctor import collect_facts

    facts = collect_facts(rec, ("torch", "tensorflow"), 60)
    out = tmp_path / "out"
    write_recording(rec, out, Scrubber.from_environment(host["env"], "gpu-node-17"), facts)
    text = _all_text(out)
    for secret in ("alice", "gpu-node-17", gpu_uuid, "52:54:00:12:34:56", "10.20.30.40", "1324621114474"):
        assert secret not in text, secret
    assert "580.126.09" in text and "13.0" in text  # versions survive the scrubber
    assert detect_accelerators(ReplayIO(out)) == detect_accelerators(ReplayIO(src))


def test_record_refuses_a_non_empty_directory_without_force(tmp_path):
    target = tmp_path / "rec"
    target.mkdir()
    (target / "keep.txt").write_text("mine")
    res = run_cli("record", str(target), timeout=60)
    assert res.returncode == 2
    assert res.stderr.strip().startswith("hwprobe: error:") and "not empty" in res.stderr and "--force" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert (target / "keep.txt").read_text() == "mine" and [p.name for p in target.iterdir()] == ["keep.txt"]


def test_force_replaces_an_old_recording_only_once_the_new_one_is_complete(tmp_path):
    target = tmp_path / "rec"
    target.mkdir()
    (target / "old.txt").write_text("old")
    with pytest.raises(OutputError):
        record(target, inner=ReplayIO(MACHINES / "linux-x86_64-cuda-h100-sxm"))
    record(target, force=True, inner=ReplayIO(MACHINES / "linux-x86_64-cuda-h100-sxm"))
    assert not (target / "old.txt").exists() and (target / "host.json").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rec"]  # no temporary or old directory left behind


def test_a_failed_record_leaves_no_half_written_directory(tmp_path, monkeypatch):
    import hwprobe.record as rec_mod

    def broken(rec, root, scrubber, facts):  # noqa: ANN001
        (root / "host.json").write_text("{}")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(rec_mod, "_write_tree", broken)
    target = tmp_path / "rec"
    with pytest.raises(OutputError, match="No space left on device"):  # exit 2, one line (not exit 3)
        record(target, inner=ReplayIO(MACHINES / "linux-x86_64-cuda-h100-sxm"))
    assert list(tmp_path.iterdir()) == []


@needs_torch
def test_record_of_this_machine_replays_to_what_the_doctor_sees_live(tmp_path):
    target = tmp_path / "live"
    res = run_cli("record", str(target), "--framework", "torch", timeout=600)
    assert res.returncode == 0, res.stderr
    assert (target / "probes" / "torch.json").is_file() and (target / "SOURCE.md").is_file()
    live = json.loads(run_cli("doctor", "--json", "--no-bench", "--framework", "torch", timeout=600).stdout)
    replayed = json.loads(run_cli("doctor", "--json", "--no-bench", "--framework", "torch", "--replay", str(target),
                                  timeout=120).stdout)
    assert replayed["accelerators"] == live["accelerators"]
    assert [(c["framework"], c["device_kind"], c["state"]) for c in replayed["matrix"]] == \
        [(c["framework"], c["device_kind"], c["state"]) for c in live["matrix"]]
    assert replayed["host"]["os"] == live["host"]["os"] and replayed["cpu"]["model"] == live["cpu"]["model"]
