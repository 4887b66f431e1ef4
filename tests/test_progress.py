"""Progress goes to stderr only: with stderr on a terminal, stdout piped still carries pure JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import cli_env, needs_torch

pytestmark = pytest.mark.skipif(os.name == "nt", reason="needs a POSIX pseudo-terminal")


@needs_torch
def test_progress_is_shown_on_a_terminal_stderr_and_stdout_stays_json():
    import pty

    leader, follower = pty.openpty()
    try:
        proc = subprocess.Popen([sys.executable, "-m", "hwprobe", "doctor", "--json", "--no-bench", "--framework", "torch"],
                                stdout=subprocess.PIPE, stderr=follower, stdin=subprocess.DEVNULL, env=cli_env(TERM="xterm"))
        os.close(follower)
        follower = -1
        seen = b""
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:  # the child closed the terminal
                break
            if not chunk:
                break
            seen += chunk
        out, _ = proc.communicate(timeout=300)
    finally:
        os.close(leader)
        if follower != -1:
            os.close(follower)
    assert proc.returncode == 0
    json.loads(out)
    assert b"probing torch" in seen
