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


# --- hwprobe record: every file the recording writes --------------------------------------------------

NVIDIA_SMI_Q = [  # the identifying lines of `nvidia-smi -q` (a fault injection: planted into a recorded answer)
    f"    GPU UUID                              : {leaks.IDENTIFIERS['gpu uuid']}",
    f"    Serial Number                         : {leaks.IDENTIFIERS['serial']}",
    f"        MIG Device UUID                   : {leaks.IDENTIFIERS['mig uuid']}",
]


def _recording_text(root) -> dict[str, str]:  # noqa: ANN001
    """Every file a recording wrote, by its path inside the recording (the path is searched too)."""
    return {str(p.relative_to(root)): str(p.relative_to(root)) + "\n" + p.read_text(encoding="utf-8", errors="replace")
            for p in sorted(root.rglob("*")) if p.is_file()}


def _planted_machine(tmp_path):  # noqa: ANN001, ANN202
    """The H100 recording with identities and secrets planted in its environment, node name, a recorded
    file, the nvidia-smi answers and the torch probe's stderr: what `record` is about to write down."""
    from faults.recording import copy_recording

    from conftest import REPO

    rec = copy_recording(REPO / "tests" / "machines" / "linux-x86_64-cuda-h100-sxm", tmp_path / "planted")
    data = host(rec)
    data["env"].update(leaks.planted_env())
    data["env"]["CUDA_VISIBLE_DEVICES"] = leaks.IDENTIFIERS["gpu uuid"]
    data["queries"]["platform"]["node"] = leaks.NODE
    data["queries"]["python"]["executable"] = f"{leaks.HOME}/venvs/dl/bin/python"
    save_host(rec, data)
    version = rec / "files" / "proc" / "version"
    version.write_text(version.read_text() + f" ({leaks.USER}@{leaks.NODE}) {leaks.IDENTIFIERS['mac']}\n")
    for path in (rec / "commands").glob("*.json"):
        res = json.loads(path.read_text())
        res["stdout"] += "\n".join(NVIDIA_SMI_Q + leaks.dump_lines()) + "\n"
        path.write_text(json.dumps(res))
    torch = probe_result(rec, "torch")
    torch["stderr"] = "\n".join(leaks.dump_lines() + [leaks.last_line(), f"on {leaks.NODE}"]) + "\n"
    save_probe_result(rec, "torch", torch)
    return rec


def test_a_recording_is_scrubbed_in_every_file_it_writes(tmp_path, request):
    """`record` through a machine that states every planted value (environment, node name, a recorded
    file, nvidia-smi -q's UUID and serial lines, probe stderr), then a search of every file written."""
    from hwprobe.record import record
    from hwprobe.sense.io import ReplayIO

    planted_at = _planted_machine(tmp_path)
    out = tmp_path / "out"
    record(out, ("torch",), inner=ReplayIO(planted_at))
    written = _recording_text(out)
    assert {"host.json", "SOURCE.md"} <= set(written) and any(k.startswith("commands/") for k in written)
    planted = leaks.needles({"node name": leaks.NODE})
    assert leaks.leaks(written, planted) == []
    control = tmp_path / "control"
    record(control, ("torch",), inner=ReplayIO(planted_at), scrub=False)
    shown = leaks.present(_recording_text(control).values(), planted)
    assert sorted(shown) == sorted(planted), sorted(set(planted) - set(shown))  # the search could fail
    observe(request, f"{len(planted)} planted values searched in all {len(written)} files (names and contents): "
                     "none found; unscrubbed, all of them are there")


def test_a_live_record_scrubs_the_environment_and_the_probes_stderr(chatty, tmp_path, request):
    """A real `hwprobe record` process: planted environment, chatty fake frameworks dumping it to stderr."""
    out = tmp_path / "rec"
    run = hwprobe("record", str(out), env=chatty.env, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    written = _recording_text(out)
    assert "probes/torch.json" in written and "probes/tensorflow.json" in written
    assert "debug env" in written["probes/torch.json"]  # the chatty stderr was recorded, scrubbed
    planted = leaks.needles()
    node = os.uname().nodename
    if len(node) >= 3 and node.lower() not in ("localhost", "ubuntu", "debian"):
        planted["this host's name"] = node
    assert leaks.leaks(written, planted) == []
    observe(request, f"exit 0; {len(planted)} planted values searched in all {len(written)} files: none found")


# --- hwprobe explain: a pasted dump full of identifiers ----------------------------------------------

def _paste_lines(values: list[str]) -> list[str]:
    """A paste whose torch import fails with `values` in its error line (explain quotes that line)."""
    return [
        f"{leaks.USER}@{leaks.NODE}:~$ uname -a",
        f"Linux {leaks.NODE} 5.15.0-91-generic #101-Ubuntu SMP Tue Nov 14 13:30:08 UTC 2023 x86_64 GNU/Linux",
        f"{leaks.USER}@{leaks.NODE}:~$ python -c 'import torch'",
        "Traceback (most recent call last):",
        '  File "<string>", line 1, in <module>',
        f'  File "{leaks.HOME}/venvs/dl/lib/python3.11/site-packages/torch/__init__.py", line 237, in <module>',
        "ImportError: libcudnn.so.9: cannot open shared object file (" + ", ".join(values) + ")",
    ]


# What a dump can state of each, and how explain must still know it for what it is: secrets as the
# NAME=value an environment dump prints, or token-shaped.
EXPLAIN_PLANTED = {
    **{k: v for k, v in leaks.IDENTIFIERS.items()},
    "node name": leaks.NODE, "user": leaks.USER,
    "HF_TOKEN (token-shaped)": leaks.SECRET_ENV["HF_TOKEN"],
    "GITHUB_TOKEN (token-shaped)": leaks.SECRET_ENV["GITHUB_TOKEN"],
    "AWS_ACCESS_KEY_ID (key-shaped)": leaks.SECRET_ENV["AWS_ACCESS_KEY_ID"],
    "AWS_SECRET_ACCESS_KEY=": leaks.SECRET_ENV["AWS_SECRET_ACCESS_KEY"],
    "DB_PASSWORD=": leaks.SECRET_ENV["DB_PASSWORD"], "WANDB_API_KEY=": leaks.SECRET_ENV["WANDB_API_KEY"],
    "index URL password": "planted-url-pass-q7",
}
EXPLAIN_SAID = {  # how each appears in the paste
    "AWS_SECRET_ACCESS_KEY=": f"AWS_SECRET_ACCESS_KEY={leaks.SECRET_ENV['AWS_SECRET_ACCESS_KEY']}",
    "DB_PASSWORD=": f"DB_PASSWORD={leaks.SECRET_ENV['DB_PASSWORD']}",
    "WANDB_API_KEY=": f"WANDB_API_KEY={leaks.SECRET_ENV['WANDB_API_KEY']}",
    "index URL password": leaks.REPORTED_ENV["PYTORCH_INDEX_URL"],
    "link-local ipv6": leaks.IDENTIFIERS["link-local ipv6"] + "%eth0",
    "serial": f"Serial Number: {leaks.IDENTIFIERS['serial']}",  # a bare number could be anything
}


def _explained(tmp_path, capsys, *flags: str) -> dict[str, str]:  # noqa: ANN001
    """explain of pastes that hold every EXPLAIN_PLANTED value (three a paste: explain quotes ~300 characters)."""
    from hwprobe.cli import main

    said = [EXPLAIN_SAID.get(k, v) for k, v in EXPLAIN_PLANTED.items() if k not in ("node name", "user")]
    outputs = {}
    for i in range(0, len(said), 3):
        paste = tmp_path / f"paste{i}.txt"
        paste.write_text("\n".join(_paste_lines(said[i:i + 3] + [leaks.NODE])) + "\n", encoding="utf-8")
        for fmt in FORMATS:
            assert main(["explain", str(paste), "--format", fmt, *flags]) == 0
            outputs[f"{fmt} {paste.name}"] = capsys.readouterr().out
    return outputs


def test_explain_does_not_echo_the_identifiers_of_a_paste_in_any_format(tmp_path, capsys, request):
    """The node and user names come from the paste itself (its prompt, `uname -a`, home paths): there is
    no machine to ask. --no-redact shows every planted value, so the search can fail."""
    outputs = _explained(tmp_path, capsys)
    assert leaks.leaks(outputs, EXPLAIN_PLANTED) == []
    assert "<host>" in "".join(outputs.values()) and "<uuid>" in "".join(outputs.values())
    shown = leaks.present(_explained(tmp_path, capsys, "--no-redact").values(), EXPLAIN_PLANTED)
    assert sorted(shown) == sorted(EXPLAIN_PLANTED), sorted(set(EXPLAIN_PLANTED) - set(shown))
    observe(request, f"{len(EXPLAIN_PLANTED)} planted values in {len(outputs) // 3} pastes, text, Markdown and JSON: "
                     "none found; with --no-redact all are there")


def test_advise_json_carries_nothing_of_the_machines_identity(tmp_path, request):
    """advise senses this machine (planted environment, a fake nvidia-smi stating a GPU UUID and serial)
    and prints only platform facts: versions, kinds, commands."""
    from faults.tools import path_with

    bindir = tmp_path / "bin"
    bindir.mkdir()
    smi = bindir / "nvidia-smi"
    smi.write_text("#!/bin/sh\ncase \"$1\" in --query-gpu=*) echo '0, NVIDIA GeForce RTX 4090, 24564, 550.54.15, "
                   "00000000:01:00.0, 8.9, [N/A]';; *) printf '%s\\n' 'CUDA Version: 12.4' "
                   + " ".join(f"'{ln}'" for ln in NVIDIA_SMI_Q) + ";; esac\n")
    smi.chmod(0o755)
    env = {**base_env(), **leaks.planted_env(), "PATH": path_with(bindir, "/usr/bin:/bin")}
    outputs = {}
    for fmt in ("--json", "--format=text"):
        run = hwprobe("advise", fmt, env=env, timeout=120)
        assert run.returncode == 0, run.stderr[-2000:]
        outputs[fmt] = run.stdout
    doc = json.loads(outputs["--json"])
    assert doc["platform"]["driver"] == "550.54.15" and doc["platform"]["accelerator"] == "cuda"  # it sensed the fake
    planted = leaks.needles({"node name": os.uname().nodename} if len(os.uname().nodename) >= 3 else {})
    assert leaks.leaks(outputs, planted) == []
    observe(request, f"exit 0; advice for the sensed cuda GPU (driver {doc['platform']['driver']}); {len(planted)} "
                     "planted values searched in --json and text: none found")


def test_a_stated_name_that_is_also_a_report_field_does_not_rename_the_fields(tmp_path):
    # microsoft/WSL#6772 crashed `explain` (an internal error): /proc/version's "Linux version 5.4.91-..." was read
    # as `uname -a` with node name "version", and redaction then renamed the report's "version" keys to "<host>".
    paste = tmp_path / "wsl.txt"
    paste.write_text("Linux version 5.4.91-microsoft-standard-WSL2 (oe-user@oe-host) (gcc version 9.3.0 (GCC)) #1 SMP\n"
                     "status@version:~$ nvidia-smi\nNVIDIA-SMI has failed because it couldn't communicate with the "
                     "NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n",
                     encoding="utf-8")
    for fmt in ((), ("--json",), ("--format", "markdown")):
        res = hwprobe("explain", str(paste), *fmt)
        assert res.returncode in (0, 1) and "internal error" not in res.stderr, res.stderr
    data = json.loads(hwprobe("explain", str(paste), "--json").stdout)
    assert data["host"]["wsl"]["version"] == 2 and "<host>" not in json.dumps(list(data["host"]))
