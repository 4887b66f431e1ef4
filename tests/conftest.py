"""Shared fixtures: run the CLI from this checkout, load the report schema, build a base-only venv."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path
from typing import Any

import pytest

from faults.fixtures import faultbed, this_machine  # noqa: F401 - the fault harness (tests/faults/)

REPO = Path(__file__).resolve().parent.parent
SCHEMA_PATH = REPO / "reports" / "report.schema.json"
# The base install (pyproject.toml [project] dependencies), for the base-only venv.
BASE_REQUIREMENTS = ("typer", "rich", "psutil", "py-cpuinfo", "packaging")


def installed(dist: str) -> bool:
    try:
        metadata.version(dist)
        return True
    except metadata.PackageNotFoundError:
        return False


HAS_TORCH = installed("torch")
HAS_TF = any(installed(d) for d in ("tensorflow", "tensorflow-cpu", "tensorflow-macos", "tensorflow-intel"))
needs_torch = pytest.mark.skipif(not HAS_TORCH, reason="torch is not installed (pip install torch==2.13.0)")
needs_tf = pytest.mark.skipif(not HAS_TF, reason="TensorFlow is not installed (pip install tensorflow-cpu==2.21.0)")


def cli_env(**extra: str) -> dict[str, str]:
    """The environment for a `python -m hwprobe` child: this checkout first on the path, no debug."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + [p for p in [env.get("PYTHONPATH", "")] if p])
    env.pop("HWPROBE_DEBUG", None)
    env.pop("NO_COLOR", None)
    env.update(extra)
    return env


def run_cli(*args: str, env: dict[str, str] | None = None, timeout: float = 600,
            python: str | None = None, cwd: str | Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [python or sys.executable, "-m", "hwprobe", *args],
        capture_output=True, text=True, timeout=timeout, env=env or cli_env(), cwd=cwd,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture(scope="session")
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def validate(schema: dict[str, Any]):
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())

    def check(report: dict[str, Any]) -> None:
        errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
        assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])

    return check


@pytest.fixture(scope="session")
def live_doctor() -> subprocess.CompletedProcess[str]:
    """One real `hwprobe doctor --json --no-bench` on this machine, shared by the tests that read it."""
    return run_cli("doctor", "--json", "--no-bench")


def _requirement_closure(names: tuple[str, ...]) -> list[metadata.Distribution]:
    """The installed distributions that the base requirements pull in (markers for this Python)."""
    from packaging.requirements import Requirement

    seen: dict[str, metadata.Distribution] = {}
    todo = list(names)
    while todo:
        name = re.sub(r"[-_.]+", "-", todo.pop()).lower()
        if name in seen:
            continue
        dist = metadata.distribution(name)
        seen[name] = dist
        for raw in dist.requires or []:
            req = Requirement(raw)
            if req.marker is None or req.marker.evaluate({"extra": ""}):
                todo.append(req.name)
    return list(seen.values())


@pytest.fixture(scope="session")
def base_venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real venv holding only hwprobe's base install: no torch, no TensorFlow, no network needed.

    Its site-packages links the installed files of the base requirements (and what they require)
    and this checkout; nothing else of the test environment is visible inside it.
    """
    root = tmp_path_factory.mktemp("base-venv")
    venv.EnvBuilder(with_pip=False, symlinks=os.name != "nt").create(root)
    py = root / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(subprocess.check_output(
        [str(py), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True).strip())
    for dist in _requirement_closure(BASE_REQUIREMENTS):
        base = Path(dist.locate_file(""))
        tops = {Path(str(f)).parts[0] for f in dist.files or [] if not str(f).startswith("..")}
        for top in tops:
            src, dst = base / top, site / top
            if src.exists() and not dst.exists() and top not in ("__pycache__", "bin"):
                dst.symlink_to(src, target_is_directory=src.is_dir())
    (site / "hwprobe-checkout.pth").write_text(str(REPO) + "\n", encoding="utf-8")
    return py
