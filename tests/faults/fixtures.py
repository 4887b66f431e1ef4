"""Pytest fixtures of the fault harness (imported by tests/conftest.py)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import pytest

from faults.frameworks import Fault, install_faults
from faults.processes import Run, base_env, hwprobe, leftovers, read_pids, wait_gone, with_path_first


@dataclass
class FaultBed:
    """A place for fakes: a site folder for PYTHONPATH, a pid folder, and the environment that sees both."""

    root: Path
    site: Path
    piddir: Path
    env: dict[str, str]

    def frameworks(self, faults: Mapping[str, Fault]) -> "FaultBed":
        install_faults(self.site, dict(faults))
        return self

    def doctor(self, *args: str, timeout: float = 300, env: Mapping[str, str] | None = None, **kw) -> Run:  # noqa: ANN003
        return hwprobe("doctor", *args, env=env or self.env, timeout=timeout, **kw)

    def pids(self) -> dict[str, int]:
        return read_pids(self.piddir)

    def assert_nothing_left(self, run: Run, ignore: tuple[str, ...] = ()) -> None:
        """Every pid a fake recorded is gone, and no process of the run is still alive."""
        pids = {k: v for k, v in self.pids().items() if not any(k.endswith(i) for i in ignore)}
        assert not wait_gone(pids.values()), f"still running: {pids}"
        ignored = {v for k, v in self.pids().items() if any(k.endswith(i) for i in ignore)}
        left = leftovers(run.mark, ignore=ignored)
        assert not left, f"processes of the run left behind: {left}"


def make_faultbed(root: Path) -> FaultBed:
    """A fresh bed under `root` (one per doctor when a test runs several at once)."""
    site, piddir = root / "site", root / "pids"
    site.mkdir(parents=True)
    piddir.mkdir()
    env = with_path_first(base_env(FAKE_PIDDIR=str(piddir)), site)
    return FaultBed(root, site, piddir, env)


@pytest.fixture
def faultbed(tmp_path: Path) -> FaultBed:
    return make_faultbed(tmp_path)


@pytest.fixture(scope="session")
def this_machine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """This machine recorded once through RecordingIO, with the frameworks that are installed."""
    from conftest import HAS_TF, HAS_TORCH
    from faults.recording import record_this_machine

    names = tuple(n for n, has in (("torch", HAS_TORCH), ("tensorflow", HAS_TF)) if has) or ("torch",)
    return record_this_machine(tmp_path_factory.mktemp("recorded") / "this-machine", names)
