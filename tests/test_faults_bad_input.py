"""Bad input, table-driven (tests/faults/bad_input.py): one line on stderr, the documented exit code,
no traceback, nothing on stdout, no work done; HWPROBE_DEBUG=1 adds the traceback."""

from __future__ import annotations

import os

import pytest
from faults.bad_input import DEBUG_ROWS, ROWS
from faults.hostile import IS_ROOT
from faults.observe import observe
from faults.processes import base_env, hwprobe, one_line_error

BY_ID = {r.id: r for r in ROWS}


@pytest.mark.parametrize("row", ROWS, ids=[r.id for r in ROWS])
def test_bad_input_is_one_line_and_the_documented_exit_code(tmp_path, request, row):
    if row.skip_as_root and IS_ROOT:
        pytest.skip("root ignores directory permissions (output-on-proc covers an unwritable place)")
    if row.posix_only and os.name == "nt":
        pytest.skip("a POSIX path")
    run = hwprobe(*row.argv(tmp_path), timeout=120)
    line = one_line_error(run, row.code)
    assert line.startswith("hwprobe: error:"), line
    assert row.message in line, line
    observe(request, f"exit {run.returncode}, `{line}`")


@pytest.mark.parametrize("row_id", DEBUG_ROWS)
def test_debug_mode_adds_the_traceback_and_keeps_the_exit_code(tmp_path, request, row_id):
    row = BY_ID[row_id]
    run = hwprobe(*row.argv(tmp_path), env=base_env(HWPROBE_DEBUG="1"), timeout=120)
    assert run.returncode == row.code, run.stderr
    assert "Traceback (most recent call last)" in run.stderr
    assert run.stderr.strip().splitlines()[-1].startswith("hwprobe: error:")
    observe(request, f"exit {run.returncode}; traceback, then the same one line")
