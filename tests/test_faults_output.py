"""--output is all or nothing: a full disk, a size limit, a directory made read-only or removed
mid-run leave the old report as it was (and no temp file); devices, FIFOs and symlinks stay what they are.
`record --force` is all or nothing too."""

from __future__ import annotations

import os
import shutil
import stat
import threading

import pytest
from faults.frameworks import FAULTS_BY_NAME
from faults.hostile import IS_ROOT, file_size_limit, full_disk, set_readonly
from faults.observe import observe
from faults.processes import hwprobe, one_line_error, start_hwprobe, wait_for_files

pytestmark = pytest.mark.skipif(os.name == "nt", reason="POSIX file semantics")

OLD = '{"old": "report"}\n'


def _no_temp_files(folder) -> None:  # noqa: ANN001
    stray = [p.name for p in folder.iterdir() if p.name.endswith((".tmp", ".probe"))]
    assert not stray, f"temp files left behind: {stray}"


def _fast(faultbed):  # noqa: ANN001, ANN202 - both frameworks fail at once: a doctor run of about a second
    return faultbed.frameworks({"torch": FAULTS_BY_NAME["sigill"], "tensorflow": FAULTS_BY_NAME["import-error"]})


def test_a_full_disk_leaves_the_old_report_untouched(faultbed, tmp_path, request):
    _fast(faultbed)
    with full_disk(tmp_path / "disk", {"report.json": OLD}) as disk:
        run = faultbed.doctor("--json", "--no-bench", "--output", str(disk / "report.json"))
        line = one_line_error(run, 2)
        assert "No space left on device" in line
        assert (disk / "report.json").read_text() == OLD
        _no_temp_files(disk)
    observe(request, f"exit 2, `{line}`; old file unchanged, no temp file")


def test_a_file_size_limit_leaves_the_old_report_untouched(faultbed, tmp_path, request):
    _fast(faultbed)
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text(OLD)
    run = faultbed.doctor("--json", "--no-bench", "--output", str(out / "report.json"),
                          preexec_fn=file_size_limit(1024))
    line = one_line_error(run, 2)
    assert "File too large" in line
    assert (out / "report.json").read_text() == OLD
    _no_temp_files(out)
    observe(request, f"exit 2, `{line}`; old file unchanged, no temp file")


@pytest.mark.parametrize("change", ["made-read-only", "removed"])
def test_an_output_directory_that_changes_mid_run_fails_cleanly(faultbed, tmp_path, request, change):
    faultbed.frameworks({"torch": FAULTS_BY_NAME["hang-in-import"]})
    out = tmp_path / "out"
    out.mkdir()
    (out / "report.json").write_text(OLD)
    proc = start_hwprobe("doctor", "--json", "--no-bench", "--framework", "torch", "--probe-timeout", "3",
                         "--output", str(out / "report.json"), env=faultbed.env)
    try:
        wait_for_files(faultbed.piddir, ["torch.pid"])  # the probe runs: --output was checked and found fine
        if change == "removed":
            shutil.rmtree(out)
            stdout, stderr = proc.communicate(timeout=120)
        else:
            with set_readonly(out):
                stdout, stderr = proc.communicate(timeout=120)
    finally:
        if proc.poll() is None:
            proc.kill()
    lines = stderr.decode().strip().splitlines()
    assert proc.returncode == 2, stderr.decode()
    assert len(lines) == 1 and lines[0].startswith("hwprobe: error: --output") and "Traceback" not in lines[0]
    assert stdout == b""
    if change == "made-read-only":
        assert (out / "report.json").read_text() == OLD
        _no_temp_files(out)
    else:
        assert not out.exists()
    observe(request, f"exit 2, `{lines[0]}`" + ("; old file unchanged" if change != "removed" else ""))


@pytest.mark.skipif(not IS_ROOT, reason="mknod needs root")
def test_output_to_a_device_writes_through_it_and_leaves_the_device(faultbed, tmp_path, request):
    _fast(faultbed)
    dev = tmp_path / "null"
    os.mknod(dev, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a second /dev/null, where a mistake costs nothing
    run = faultbed.doctor("--json", "--no-bench", "--output", str(dev))
    assert run.returncode == 0, run.stderr
    assert stat.S_ISCHR(dev.stat().st_mode), "the device node was replaced by a regular file"
    observe(request, "exit 0; the character device is still a character device")


def test_output_to_a_fifo_streams_the_report(faultbed, tmp_path, request):
    _fast(faultbed)
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()), daemon=True)
    reader.start()
    run = faultbed.doctor("--json", "--no-bench", "--output", str(fifo))
    reader.join(60)
    assert run.returncode == 0, run.stderr
    import json

    assert json.loads(got[0])["schema_version"] == "1"
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    observe(request, "exit 0; the reader got the whole JSON report; the FIFO is still a FIFO")


def test_output_through_a_symlink_replaces_the_target_and_keeps_the_link(faultbed, tmp_path, request):
    _fast(faultbed)
    target = tmp_path / "real" / "report.json"
    target.parent.mkdir()
    target.write_text(OLD)
    link = tmp_path / "latest.json"
    link.symlink_to(target)
    run = faultbed.doctor("--json", "--no-bench", "--output", str(link))
    assert run.returncode == 0, run.stderr
    assert link.is_symlink() and target.read_text() != OLD and '"schema_version"' in target.read_text()
    _no_temp_files(tmp_path)
    _no_temp_files(target.parent)
    observe(request, "exit 0; the link is still a link, its target holds the new report")


def _tree(root) -> dict[str, bytes]:  # noqa: ANN001
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_record_force_over_a_recording_while_the_write_fails_keeps_the_old_one(faultbed, tmp_path, request):
    """`record --force` onto an old recording, under a file-size limit that makes the new one's files fail
    (EFBIG): one line, exit 2, the old recording byte for byte, no temp directory beside it."""
    _fast(faultbed)
    rec = tmp_path / "recordings" / "this-machine"
    rec.mkdir(parents=True)
    (rec / "host.json").write_text(OLD)
    (rec / "SOURCE.md").write_text("# the old recording\n")
    before = _tree(rec)
    run = hwprobe("record", str(rec), "--force", env=faultbed.env, timeout=300, preexec_fn=file_size_limit(2048))
    line = one_line_error(run, 2)
    assert "File too large" in line and "nothing was changed" in line
    assert _tree(rec) == before
    assert sorted(p.name for p in rec.parent.iterdir()) == ["this-machine"], "temp recording left behind"
    observe(request, f"exit 2, `{line}`; the old recording unchanged, nothing beside it")


def test_record_into_a_read_only_directory_fails_before_any_probe(tmp_path, capsys, request):
    """A read-only mount (or, not as root, a mode-555 directory): one line, exit 2, before any framework is
    probed. (Where os.access says writable but nothing can be created, /proc as root, the check's real
    mkdtemp catches it: row record-parent-is-proc.)"""
    from hwprobe.cli import main

    parent = tmp_path / "ro"
    parent.mkdir()
    with set_readonly(parent):
        code = main(["record", str(parent / "rec"), "--framework", "torch", "--probe-timeout", "1"])
        err = capsys.readouterr().err
        assert list(parent.iterdir()) == []
    lines = err.strip().splitlines()
    assert code == 2 and len(lines) == 1 and "not writable" in lines[0] and "Traceback" not in err, err
    assert "probing" not in err
    observe(request, f"exit 2, `{lines[0]}`")
