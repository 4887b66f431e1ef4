"""Redaction is on by default in every output format: planted secrets, identities, paths, UUIDs,
serials, MAC and IP addresses are searched for in each output and found nowhere; --no-redact
brings them all back (so the search can fail) with a warning on stderr."""

from __future__ import annotations

import json
import os

import pytest
from conftest import HAS_TORCH
from faults import leaks
from faults.frameworks import PRELUDE, fake_framework
from faults.observe import observe
from faults.processes import base_env, hwprobe
from faults.recording import copy_recording, host, probe_result, save_host, save_probe_result

from hwprobe.scrub import Scrubber, is_secret_name, secret_values

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX paths")

FORMATS = ("text", "markdown", "json")


def _chatty(fail: str) -> str:
    """A fake framework that prints the planted values to stderr, then fails (so findings quote it)."""
    lines = leaks.dump_lines() + [leaks.last_line()]
    body = "import sys\n" + "".join(f"print({ln!r}, file=sys.stderr)\n" for ln in lines)
    if fail == "import":
        body += f"raise ImportError({leaks.last_line()!r})\n"
    else:
        body += "sys.stderr.flush()\nimport signal\n_os.kill(_os.getpid(), signal.SIGSEGV)\n"
    return PRELUDE + body


@pytest.fixture
def chatty(faultbed):  # noqa: ANN001, ANN201
    fake_framework(faultbed.site, "torch", _chatty("import"))
    fake_framework(faultbed.site, "tensorflow", _chatty("crash"))
    faultbed.env.update(leaks.planted_env())
    return faultbed


def test_a_live_doctor_redacts_everything_planted_in_every_format(chatty, tmp_path, request):
    outputs = {}
    for fmt in FORMATS:
        run = chatty.doctor("--format", fmt, "--no-bench")
        assert run.returncode == 0, run.stderr[-2000:]
        outputs[fmt] = run.stdout
    out = tmp_path / "report.json"
    run = chatty.doctor("--json", "--no-bench", "--output", str(out))
    assert run.returncode == 0, run.stderr[-2000:]
    outputs["json --output"] = out.read_text()
    report = json.loads(outputs["json"])
    assert report["environment"]["variables"]["KAGGLE_KEY"] == "<redacted>"
    assert "<uuid>" in outputs["text"] and "<mac>" in outputs["markdown"]  # the planted lines were shown
    planted = leaks.needles()
    node = os.uname().nodename
    if len(node) >= 3 and node.lower() not in ("localhost", "ubuntu", "debian"):
        planted["this host's name"] = node
    assert leaks.leaks(outputs, planted) == []
    observe(request, f"{len(planted)} planted values searched in text, Markdown, JSON and --output JSON: none found")


def test_no_redact_shows_what_was_planted_and_warns(chatty, request):
    run = chatty.doctor("--json", "--no-bench", "--no-redact")
    assert run.returncode == 0, run.stderr[-2000:]
    planted = leaks.needles()
    assert sorted(leaks.present([run.stdout], planted)) == sorted(planted), "the search could never fail"
    warning = [ln for ln in run.stderr_lines() if "--no-redact" in ln]
    assert len(warning) == 1 and warning[0].startswith("hwprobe: warning:")
    observe(request, f"all {len(planted)} planted values present; stderr: `{warning[0]}`")


def _planted_recording(this_machine, tmp_path):  # noqa: ANN001, ANN202
    rec = copy_recording(this_machine, tmp_path / "rec")
    data = host(rec)
    data["env"].update({k: v for k, v in leaks.planted_env().items() if k in leaks.REPORTED_ENV
                        or k in ("HOME", "USER", "TORCH_HUB_TOKEN", "KAGGLE_KEY")})
    data["env"]["CUDA_VISIBLE_DEVICES"] = leaks.IDENTIFIERS["gpu uuid"]
    data["queries"]["platform"]["node"] = leaks.NODE
    py = data["queries"]["python"]
    py["executable"] = f"{leaks.HOME}/venvs/dl/bin/python"  # (prefix kept: the detectors look things up there)
    save_host(rec, data)
    torch = probe_result(rec, "torch")
    lines = leaks.dump_lines() + [f"running on {leaks.NODE} as {leaks.USER}", leaks.last_line()]
    torch.update(status="crashed", returncode=-11, signal="SIGSEGV", stdout="", stderr="\n".join(lines) + "\n",
                 detail="killed by SIGSEGV")
    save_probe_result(rec, "torch", torch)
    return rec


@pytest.mark.skipif(not HAS_TORCH, reason="plants into this machine's recorded torch probe")
def test_a_replayed_recording_redacts_its_node_name_and_identifiers_in_every_format(this_machine, tmp_path,
                                                                                   request):
    rec = _planted_recording(this_machine, tmp_path)
    outputs = {}
    for fmt in FORMATS:
        run = hwprobe("doctor", "--replay", str(rec), "--format", fmt, env=base_env())
        assert run.returncode == 0, run.stderr[-2000:]
        outputs[fmt] = run.stdout
    assert "<host>" in outputs["json"] and "<uuid>" in outputs["text"]
    planted = leaks.needles({"node name": leaks.NODE})
    # A recording keeps only relevant variables: the other secrets are in its stderr as NAME=value.
    assert leaks.leaks(outputs, planted) == []
    control = hwprobe("doctor", "--replay", str(rec), "--json", "--no-redact", env=base_env())
    assert leaks.NODE in control.stdout and leaks.IDENTIFIERS["serial"] in control.stdout
    observe(request, f"{len(planted)} planted values (node name through the recording) in text, Markdown and "
                     "JSON: none found; --no-redact shows them")


# --- the scrubber's rules, one by one (and what it must leave alone) -------------------------------

SCRUBBER = Scrubber.from_environment({**leaks.planted_env()}, leaks.NODE)
REMOVED = [
    ("secret value anywhere", f"dump: {leaks.SECRET_ENV['AWS_SECRET_ACCESS_KEY']}", leaks.SECRET_ENV["AWS_SECRET_ACCESS_KEY"]),
    ("secret assignment", "MY_OTHER_TOKEN=abcdefgh12345 next", "abcdefgh12345"),
    ("url credentials", "pip -i https://bob:hunter22pass@pypi.example.com/simple", "hunter22pass"),
    ("url token", "git clone https://ghs_tok3nvalue9@github.com/x/y", "ghs_tok3nvalue9"),
    ("compressed ipv6", "addr 2001:db8::1 up", "2001:db8::1"),
    ("ipv6 with zone", "fe80::1%eth0", "fe80::1"),
    ("node name in fqdn", f"{leaks.NODE}.example.com", leaks.NODE),
    ("serial", "Serial Number                 : 0324117012345", "0324117012345"),
]
KEPT = ["cuDNN 8.9.7.29", "driver 535.104.05", "torch 2.13.0+cpu", "12:30:45", "c10::Error", "std::vector",
        "Classifier :: Python", "TF_ENABLE_ONEDNN_OPTS=0", "CUDA_VISIBLE_DEVICES=0,1", "127.0.0.1",
        "KEY=<redacted>"]


@pytest.mark.parametrize(("what", "text", "secret"), REMOVED, ids=[r[0] for r in REMOVED])
def test_the_scrubber_removes(what, text, secret):
    assert secret not in SCRUBBER.text(text)


@pytest.mark.parametrize("text", KEPT)
def test_the_scrubber_keeps_versions_and_code(text):
    assert SCRUBBER.text(text) == text


def test_fields_named_for_addresses_secrets_and_identifiers_are_redacted_whatever_they_hold():
    data = SCRUBBER.data({"KUBERNETES_SERVICE_HOST": "10.0.0.1", "AZURE_CLIENT_ID": "abc", "serial": "42",
                          "cudnn": "8.9.7.29"})
    assert data == {"KUBERNETES_SERVICE_HOST": "<ip>", "AZURE_CLIENT_ID": "<redacted>", "serial": "<redacted>",
                    "cudnn": "8.9.7.29"}


def test_secret_names_include_cloud_credentials_and_skip_flags():
    assert all(is_secret_name(n) for n in ("HF_TOKEN", "AWS_REGION", "AZURE_TENANT_ID", "GOOGLE_APPLICATION_CREDENTIALS",
                                           "DB_PASSWORD", "BASIC_AUTH"))
    assert not any(is_secret_name(n) for n in ("CUDA_VISIBLE_DEVICES", "TF_CPP_MIN_LOG_LEVEL", "PATH"))
    assert secret_values({"HF_TOKEN": "true", "AWS_PROFILE": "default", "DB_PASSWORD": "s3cr3t-pw"}) == ("s3cr3t-pw",)
