"""The system CUDA toolkit: read live from its install directory or nvcc, read from pastes, and reasoned on where
TensorFlow loads it (releases before the and-cuda extra, native Windows)."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pytest
from factsbuild import facts, findings, gpu_dev, host, nvidia, pasted, tf

from hwprobe.parse import parse_text
from hwprobe.reason.knowledge import Knowledge
from hwprobe.sense.environment import detect_cuda_toolkit
from hwprobe.sense.io import LiveIO, ReplayIO

KB = Knowledge()
A100 = nvidia("NVIDIA A100-SXM4-80GB", "8.0", "535.104.05", "12.2")
MACHINES = Path(__file__).resolve().parent / "machines"


class _EnvIO(LiveIO):
    """The real file system and PATH, with the environment the test gives."""

    def __init__(self, env: dict[str, str]) -> None:
        self._env = env

    def env(self) -> dict[str, str]:
        return self._env


def test_the_toolkit_version_is_read_from_cuda_homes_version_json(tmp_path: Path) -> None:
    (tmp_path / "version.json").write_text(json.dumps({"cuda": {"name": "CUDA SDK", "version": "12.4.1"}}))
    assert detect_cuda_toolkit(_EnvIO({"CUDA_HOME": str(tmp_path), "PATH": ""})) == "12.4.1"


def test_an_old_toolkits_version_txt_is_read_and_garbage_is_not_a_version(tmp_path: Path) -> None:
    (tmp_path / "version.txt").write_text("CUDA Version 10.2.89\n")
    assert detect_cuda_toolkit(_EnvIO({"CUDA_PATH": str(tmp_path), "PATH": ""})) == "10.2.89"
    (tmp_path / "version.txt").unlink()
    (tmp_path / "version.json").write_text('{"cuda": {"version": "$(rm -rf ~)"}}')
    found = detect_cuda_toolkit(_EnvIO({"CUDA_PATH": str(tmp_path), "PATH": ""}))
    assert found is None or found[0].isdigit()  # /usr/local/cuda of this machine may still answer


def test_the_recorded_machine_reports_its_nvcc_release() -> None:
    # tests/machines/linux-x86_64-cpu-xeon-live: no version file, nvcc on PATH says release 13.0, V13.0.88.
    assert detect_cuda_toolkit(ReplayIO(MACHINES / "linux-x86_64-cpu-xeon-live")) == "13.0.88"


@pytest.mark.parametrize("text, toolkit", [
    ("Cuda compilation tools, release 10.2, V10.2.89", "10.2.89"),
    ("CUDA runtime version: 11.8.89\nPyTorch version: 2.0.1", "11.8.89"),
    ("- CUDA/cuDNN version: 10.2.89", "10.2.89"),
    ("- CUDA/cuDNN version: 11.2.152 / 8.1.0", "11.2.152"),
    # nvidia-smi's "CUDA Version" is often typed here: a bare major.minor is not read as a toolkit.
    ("### CUDA/cuDNN version\n\ncuda 12.8 cudnn 9.7.1", None),
    ("- CUDA/cuDNN version: N/A", None),
    ("CUDA runtime version: Could not collect", None),
])
def test_a_pasted_toolkit_version_is_read_from_nvcc_collect_env_or_a_typed_build_number(text: str, toolkit) -> None:
    assert parse_text(text, KB, "t").facts.environment.cuda_toolkit == toolkit


def _with_toolkit(f, toolkit: str):  # noqa: ANN001, ANN202
    return dataclasses.replace(f, environment=dataclasses.replace(f.environment, cuda_toolkit=toolkit))


WINDOWS = host("windows", "x86_64", "3.7.7")
LINUX = host("linux", "x86_64", "3.10.12")


@pytest.mark.parametrize("h, version, toolkit, fires", [
    (WINDOWS, "2.1.0", "10.2.89", True),  # tf38090: built for 10.1, whose libcudart64_101.dll 10.2 lacks
    (WINDOWS, "2.1.0", "10.1.243", False),
    (WINDOWS, "2.10.1", "11.8.89", False),  # one CUDA 11 family: the same runtime library names
    (LINUX, "2.11.0", "12.2.140", True),  # CUDA 11.2 build, a CUDA 12 toolkit
    (LINUX, "2.16.1", "11.8.89", False),  # and-cuda releases bring CUDA as pip wheels
])
def test_a_tensorflow_that_loads_the_system_cuda_is_checked_against_the_toolkit(h, version, toolkit, fires) -> None:
    f = _with_toolkit(facts(h, accelerators=[A100], frameworks=[tf(version)]), toolkit)
    got = findings(f).get("cuda.library_missing")
    assert (got is not None) == fires
    if fires:
        assert got.severity == "error" and toolkit in got.message
        assert got.fix == () if h.os == "windows" else got.fix  # Windows TF always needs a system CUDA


def test_a_tensorflow_that_sees_the_gpu_has_no_toolkit_finding() -> None:
    f = _with_toolkit(facts(LINUX, accelerators=[A100], frameworks=[tf("2.11.0", devices=[gpu_dev()])]),
                      "12.2.140")
    assert "cuda.library_missing" not in findings(f)


def test_pasted_observations_still_work_beside_a_toolkit() -> None:
    f = _with_toolkit(facts(LINUX, accelerators=[A100], frameworks=[tf("2.11.0")],
                            observations=pasted("Could not load dynamic library 'libcudart.so.11.0'")), "11.8.89")
    assert findings(f)["cuda.library_missing"].severity == "error"
