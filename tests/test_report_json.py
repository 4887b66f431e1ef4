"""The JSON report of a real doctor run: valid against the schema, equal to the report object's dict."""

from __future__ import annotations

import json

from conftest import HAS_TF, HAS_TORCH

from hwprobe.doctor import collect_facts
from hwprobe.reason import build_report
from hwprobe.render.json import render_json
from hwprobe.report import Report
from hwprobe.scrub import Scrubber
from hwprobe.sense.io import LiveIO


def test_doctor_json_validates_against_the_schema(live_doctor, validate):
    assert live_doctor.returncode == 0, live_doctor.stderr
    report = json.loads(live_doctor.stdout)
    validate(report)
    assert report["schema_version"] == "1"


def test_doctor_json_loads_back_into_the_same_report(live_doctor):
    data = json.loads(live_doctor.stdout)
    assert Report.from_dict(data).to_dict() == data


def test_json_output_is_exactly_the_report_objects_dict():
    report = build_report(collect_facts(LiveIO(), ("torch", "tensorflow"), 300))
    assert json.loads(render_json(Scrubber(enabled=False).data(report.to_dict()))) == report.to_dict()


def test_this_machine_has_no_accelerator_and_no_false_finding(live_doctor):
    report = json.loads(live_doctor.stdout)
    assert report["accelerators"] == []
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    cells = {(c["framework"], c["device_kind"]): c["state"] for c in report["matrix"]}
    assert cells[("torch", "cpu")] == ("works" if HAS_TORCH else "not_installed")
    assert cells[("tensorflow", "cpu")] == ("works" if HAS_TF else "not_installed")
    assert cells[("torch", "mps")] == ("unsupported" if HAS_TORCH else "not_installed")
    for kind in ("cuda", "rocm", "tpu", "xpu"):
        assert cells[("torch", kind)] in ("no_hardware", "not_installed")


def test_stdout_is_only_json_when_piped(live_doctor):
    json.loads(live_doctor.stdout)  # nothing else on stdout
    assert "probing" not in live_doctor.stdout


def test_a_home_directory_named_like_an_environment_manager_does_not_rewrite_that_word():
    # container-engine-accelerators#248: /home/venv/lib/python3.8/... in an image; env_manager "venv" must stay an enum
    # value of the schema, while the path itself is still scrubbed.
    s = Scrubber(home=None, user="venv", host=None)
    assert s.text("venv") == "venv"
    assert "<user>" in s.text("/home/venv/lib/python3.8/site-packages/torch/cuda/__init__.py")
    assert Scrubber(home=None, user="alice", host=None).text("alice ran it") == "<user> ran it"


def test_a_findings_source_links_keep_their_uuid_while_the_same_uuid_in_a_message_is_redacted():
    # learn.microsoft.com's NTSTATUS page has a GUID in its path; it is the project's data, not the user's
    url = "https://learn.microsoft.com/en-us/openspecs/windows_protocols/ms-erref/596a1078-e883-4972-9bbc-49e60bebca55"
    data = Scrubber.from_environment({}, None).data(
        {"findings": [{"message": "GPU-596a1078-e883-4972-9bbc-49e60bebca55 failed", "sources": [url]}]})
    assert data["findings"][0]["sources"] == [url]
    assert "596a1078" not in data["findings"][0]["message"]
