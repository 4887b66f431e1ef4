"""Bad input, table-driven (tests/faults/bad_input.py): one line on stderr, the documented exit code,
no traceback, nothing on stdout; HWPROBE_DEBUG=1 adds the traceback (real processes)."""

from __future__ import annotations

import os

import pytest
from faults.bad_input import DEBUG_ROWS, ERROR_LINE, EXPLAIN_ODD, ROWS
from faults.hostile import IS_ROOT
from faults.observe import observe
from faults.processes import base_env, hwprobe

BY_ID = {r.id: r for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_is_one_line_and_the_documented_exit_code(tmp_path, request, capsys, monkeypatch, row):
    """In-process through the CLI's own boundary (`hwprobe.cli.main`, what `python -m hwprobe` calls):
    fast enough for a table that grows with every command; the debug rows below run as real processes."""
    if row.skip_as_root and IS_ROOT:
        pytest.skip("root ignores directory permissions (output-on-proc covers an unwritable place)")
    if row.posix_only and os.name == "nt":
        pytest.skip("a POSIX path")
    from hwprobe.cli import main

    monkeypatch.delenv("HWPROBE_DEBUG", raising=False)
    code = main(row.argv(tmp_path))
    out, err = capsys.readouterr()
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert code == row.code, err
    assert len(lines) == 1 and "Traceback" not in err, err
    assert out == ""
    assert lines[0].startswith("hwprobe: error:") and row.message in lines[0], lines[0]
    observe(request, f"exit {code}, `{lines[0]}`")


@pytest.mark.parametrize("row_id", DEBUG_ROWS)
def test_debug_mode_adds_the_traceback_and_keeps_the_exit_code(tmp_path, request, row_id):
    row = BY_ID[row_id]
    run = hwprobe(*row.argv(tmp_path), env=base_env(HWPROBE_DEBUG="1"), timeout=120)
    assert run.returncode == row.code, run.stderr
    assert "Traceback (most recent call last)" in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("hwprobe: error:")
    observe(request, f"exit {run.returncode}; traceback, then the same one line")


@pytest.mark.parametrize("odd", EXPLAIN_ODD, ids=[o.id for o in EXPLAIN_ODD])
def test_odd_but_readable_input_is_explained(tmp_path, request, capsys, validate, odd):
    import json

    from hwprobe.cli import main

    paste = tmp_path / "paste"
    paste.write_bytes(odd.data())
    code = main(["explain", str(paste), "--json"])
    out, err = capsys.readouterr()
    assert code == 0 and "Traceback" not in err, err
    report = json.loads(out)
    validate(report)
    codes = [f["code"] for f in report["findings"]]
    assert report["explanation"]["verdict"] == odd.verdict, (report["explanation"], codes)
    if odd.finding:
        assert odd.finding in codes, codes
    observe(request, f"exit 0, schema-valid; verdict {odd.verdict}" + (f", {odd.finding}" if odd.finding else ""))


def test_a_50_mb_paste_is_explained_in_bounded_time_and_memory(tmp_path, request):
    """A real process on a 50 MB training log with the error in the middle; its own peak RSS (wait4)."""
    import subprocess
    import threading
    import time

    from faults.processes import PYTHON

    log = tmp_path / "train.log"
    line = b"2024-01-01 12:00:00 INFO step %d loss 0.%06d lr 0.001 throughput 1234.5 img/s\n"
    with log.open("wb") as fh:
        half = b"".join(line % (i, i * 7919 % 10**6) for i in range(300_000))  # ~25 MB
        fh.write(half + ERROR_LINE.encode() + half)
    size = log.stat().st_size
    assert size > 48_000_000
    out = tmp_path / "out.json"
    start = time.monotonic()
    with out.open("wb") as stdout:
        proc = subprocess.Popen([PYTHON, "-m", "hwprobe", "explain", str(log), "--json"], env=base_env(),
                                stdout=stdout, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL)
        killer = threading.Timer(120, proc.kill)
        killer.start()
        try:
            err = proc.stderr.read()
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            killer.cancel()
            proc.stderr.close()
            proc.returncode = os.waitstatus_to_exitcode(status)
    took = time.monotonic() - start
    peak_mb = usage.ru_maxrss / 1024  # KiB on Linux
    assert proc.returncode == 0, err.decode()[-2000:]
    report = __import__("json").loads(out.read_text())
    assert "cuda.arch_not_in_build" in [f["code"] for f in report["findings"]]
    assert took < 120 and peak_mb < 1024, (took, peak_mb)  # generous bounds: it holds ~6 MiB of the text
    observe(request, f"exit 0 in {took:.1f} s, peak RSS {peak_mb:.0f} MB for {size / 1e6:.0f} MB; "
                     "the error in the middle was found (cuda.arch_not_in_build)")
