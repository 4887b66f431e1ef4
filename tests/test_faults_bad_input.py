"""Bad input, table-driven (tests/faults/bad_input.py): one line on stderr, the documented exit code,
no traceback, nothing on stdout; HWPROBE_DEBUG=1 adds the traceback (real processes)."""

from __future__ import annotations

import os

import pytest
from faults.bad_input import DEBUG_ROWS, ROWS
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
