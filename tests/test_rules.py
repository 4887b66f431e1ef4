"""Every finding code fires where it should and stays silent on its healthy neighbours.

Facts are built in the tests (factsbuild.py) for hardware this machine lacks; pasted lines go through
the same matcher as live output (reason.evidence), so the sparse-facts cases are what `hwprobe
explain` produces from a paste.
"""

from __future__ import annotations

import re

import pytest
from factsbuild import (CPU_DEV, amd, container, facts, findings, gpu_dev, host, nvidia, paste, pasted, report, tf,
                        torch, wsl)

from hwprobe.facts import Accelerator, FrameworkFacts
from hwprobe.parse import parse_text
from hwprobe.reason.diagnose import diagnose
from hwprobe.reason.explain import explain
from hwprobe.reason.knowledge import Knowledge

# ARCHITECTURE.md, "Finding codes" (the framework.* codes are tested in test_probe_failures.py).
CODES = {
    "cuda.cpu_only_build", "cuda.driver_too_old", "cuda.arch_not_in_build", "cuda.no_gpu", "cuda.driver_not_loaded",
    "cuda.devices_hidden", "cuda.library_missing", "rocm.cuda_build_on_amd", "rocm.arch_unsupported",
    "rocm.permission", "mps.macos_too_old", "mps.not_built", "host.rosetta_python", "tf.metal_plugin",
    "tf.windows_native_gpu", "cpu.avx_missing", "numpy.abi_mismatch", "tpu.not_found", "python.unsupported_version",
    "wsl.gpu_unavailable", "container.gpu_not_passed", "packages.conflict",
}

A100 = nvidia("NVIDIA A100-SXM4-80GB", "8.0", "535.104.05", "12.2")
H100 = nvidia("NVIDIA H100 80GB HBM3", "9.0", "550.54.15", "12.4")
RTX5090 = nvidia("NVIDIA GeForce RTX 5090", "12.0", "570.86.10", "12.8")
MAC = host("darwin", "aarch64", "3.12.4", os_version="14.5")
SM_50_90 = ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"]
SM_75_120 = ["sm_75", "sm_80", "sm_86", "sm_90", "sm_100", "sm_120"]

# name -> (facts, code that must appear, codes that must not)
FIRES = {
    # cuda.cpu_only_build
    "cpu torch on an A100": (facts(accelerators=[A100], frameworks=[torch("2.8.0+cpu", cuda=None)]),
                             "cuda.cpu_only_build", ["cuda.driver_too_old", "cuda.no_gpu"]),
    "pasted 'not compiled with CUDA'": (facts(observations=pasted("AssertionError: Torch not compiled with CUDA enabled")),
                                        "cuda.cpu_only_build", ["cuda.driver_too_old", "cuda.library_missing"]),
    "tensorflow-cpu on an A100": (facts(accelerators=[A100], frameworks=[tf("2.21.0", cuda_build=False, distribution="tensorflow-cpu")],
                                        packages={"tensorflow-cpu": "2.21.0"}), "cuda.cpu_only_build", ["tf.windows_native_gpu"]),
    # cuda.driver_too_old
    "torch 1.7 cu110 on driver 440 (2020)": (facts(host(python="3.8.5"), accelerators=[nvidia("Tesla V100-SXM2-16GB", "7.0", "440.33.01", "10.2")],
                                                   frameworks=[torch("1.7.1+cu110", cuda="11.0")]),
                                             "cuda.driver_too_old", ["cuda.cpu_only_build", "cuda.arch_not_in_build"]),
    "cu130 on driver 535": (facts(accelerators=[A100], frameworks=[torch("2.14.1+cu130", cuda="13.0")]),
                            "cuda.driver_too_old", ["cuda.cpu_only_build"]),
    "cu102 on driver 418 (no minor-version compatibility before CUDA 11)": (
        facts(host(python="3.7.9"), accelerators=[nvidia("Tesla T4", "7.5", "418.87.01", "10.1")], frameworks=[torch("1.6.0", cuda="10.2")]),
        "cuda.driver_too_old", []),
    "cu130 on Windows driver 560": (facts(host("windows"), accelerators=[nvidia("NVIDIA GeForce RTX 4090", "8.9", "560.94", "12.6")],
                                          frameworks=[torch("2.12.1+cu130", cuda="13.0")]), "cuda.driver_too_old", []),
    "pasted 'found version 11040' only": (facts(observations=pasted(
        "RuntimeError: The NVIDIA driver on your system is too old (found version 11040). Please update your GPU driver")),
        "cuda.driver_too_old", ["cuda.cpu_only_build"]),
    "pasted 'found version 11040' with torch 2.1 cu121": (facts(frameworks=[torch("2.1.0+cu121", cuda="12.1", status="ok")],
                                                                observations=pasted("The NVIDIA driver on your system is too old (found version 11040).")),
                                                          "cuda.driver_too_old", []),
    # cuda.arch_not_in_build
    "RTX 5090 with a cu124 build": (facts(accelerators=[RTX5090], frameworks=[torch("2.6.0+cu124", cuda="12.4", arch=SM_50_90)]),
                                    "cuda.arch_not_in_build", ["cuda.driver_too_old", "cuda.cpu_only_build"]),
    "GTX 1080 Ti with a cu130 build": (facts(accelerators=[nvidia("NVIDIA GeForce GTX 1080 Ti", "6.1", "580.65.06", "13.0")],
                                             frameworks=[torch("2.11.0+cu130", cuda="13.0", arch=SM_75_120)]), "cuda.arch_not_in_build", []),
    "arch list from the data (torch 2.5.1 cu124, no flags)": (facts(accelerators=[RTX5090], frameworks=[torch("2.5.1+cu124", cuda="12.4")]),
                                                              "cuda.arch_not_in_build", []),
    "pasted sm_120 warning": (facts(observations=pasted(
        "NVIDIA GeForce RTX 5090 with CUDA capability sm_120 is not compatible with the current PyTorch installation.\n"
        "The current PyTorch install supports CUDA capabilities sm_50 sm_60 sm_70 sm_75 sm_80 sm_86 sm_90.")),
        "cuda.arch_not_in_build", ["cuda.driver_too_old", "cuda.cpu_only_build", "cuda.no_gpu"]),
    "TensorFlow without PTX for an old GPU": (facts(accelerators=[nvidia("Tesla K40m", "3.5", "470.82.01", "11.4")],
                                                    frameworks=[tf("2.12.1", build={"cuda_compute_capabilities": ["sm_50", "sm_60", "sm_70", "sm_75", "compute_80"], "cuda_version": "11.8"})]),
                                              "cuda.arch_not_in_build", []),
    # cuda.no_gpu
    "CUDA torch on a machine without NVIDIA": (facts(frameworks=[torch("2.8.0+cu128", cuda="12.8")]), "cuda.no_gpu", ["cuda.cpu_only_build"]),
    # cuda.driver_not_loaded
    "GPU on the bus, module not loaded": (facts(accelerators=[nvidia(status="no_driver", driver=None, cuda=None, detail="10de:2330 on PCI, no nvidia module")],
                                                frameworks=[torch("2.8.0+cu128", cuda="12.8")]), "cuda.driver_not_loaded", ["cuda.no_gpu", "cuda.driver_too_old"]),
    "pasted nvidia-smi failure": (facts(observations=pasted("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.")),
                                  "cuda.driver_not_loaded", ["cuda.no_gpu"]),
    # cuda.devices_hidden
    "CUDA_VISIBLE_DEVICES empty": (facts(accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8")], env={"CUDA_VISIBLE_DEVICES": ""}),
                                   "cuda.devices_hidden", ["cuda.no_gpu", "cuda.driver_not_loaded"]),
    "CUDA_VISIBLE_DEVICES=-1": (facts(accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8")], env={"CUDA_VISIBLE_DEVICES": "-1"}),
                                "cuda.devices_hidden", []),
    "CUDA_VISIBLE_DEVICES=1 with one GPU": (facts(accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8")], env={"CUDA_VISIBLE_DEVICES": "1"}),
                                            "cuda.devices_hidden", []),
    # cuda.library_missing
    "torch cannot load libcudnn": (facts(accelerators=[H100], frameworks=[FrameworkFacts("torch", "import_error", detail="ImportError: libcudnn.so.9: cannot open shared object file: No such file or directory")]),
                                   "cuda.library_missing", ["cuda.cpu_only_build"]),
    "TensorFlow 2.15 skips the GPU for missing libraries": (facts(accelerators=[H100], frameworks=[tf("2.15.1", stderr_tail=(
        "W tensorflow/compiler/xla/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library 'libcudnn.so.8'; dlerror: libcudnn.so.8: cannot open shared object file\n"
        "W tensorflow/core/common_runtime/gpu/gpu_device.cc:2251] Cannot dlopen some GPU libraries. Please make sure the missing libraries mentioned above are installed properly"))]),
        "cuda.library_missing", ["cuda.cpu_only_build"]),
    # rocm.*
    "CUDA torch on an RX 7900 XTX": (facts(accelerators=[amd()], frameworks=[torch("2.8.0+cu128", cuda="12.8")]), "rocm.cuda_build_on_amd", ["cuda.no_gpu"]),
    "ROCm 6.1 build on gfx1031": (facts(accelerators=[amd("AMD Radeon RX 6700 XT", "gfx1031")], frameworks=[torch("2.4.1+rocm6.1", cuda=None, hip="6.1.40091")]),
                                  "rocm.arch_unsupported", ["rocm.cuda_build_on_amd"]),
    "pasted hipErrorNoBinaryForGpu": (facts(observations=pasted('"hipErrorNoBinaryForGpu: Unable to find code object for all current devices!"')),
                                      "rocm.arch_unsupported", []),
    "torch 2.7 rocm6.3 (no arch row) on gfx1010: ROCm 6.3 lacks it": (
        facts(accelerators=[amd(None, "gfx1010")], frameworks=[torch("2.7.0+rocm6.3", cuda=None, hip="6.3.42131-fa1d09cbd")]),
        "rocm.arch_unsupported", ["rocm.cuda_build_on_amd"]),
    "no access to /dev/kfd": (facts(accelerators=[amd(status="no_permission", detail="/dev/kfd: Permission denied")]), "rocm.permission", []),
    "pasted kfd permission denied": (facts(observations=pasted("Unable to open /dev/kfd read-write: Permission denied")), "rocm.permission", []),
    # mps.*
    "torch 2.5 MPS on macOS 12.7": (facts(host("darwin", "aarch64", "3.12.1", os_version="12.7.6"), frameworks=[torch("2.5.1", cuda=None, mps_built=True)],
                                          observations=pasted("RuntimeError: The MPS backend is supported on MacOS 12.3+.")), "mps.macos_too_old",
                                    ["mps.not_built", "host.rosetta_python"]),
    "torch 2.9 on macOS 13.6": (facts(host("darwin", "aarch64", "3.12.1", os_version="13.6"), frameworks=[torch("2.9.0", cuda=None, mps_built=True)]),
                                "mps.macos_too_old", []),
    "a torch build without MPS": (facts(MAC, frameworks=[torch("2.8.0", cuda=None, mps_built=False)]), "mps.not_built", ["mps.macos_too_old"]),
    # host.rosetta_python
    "x86_64 Python under Rosetta": (facts(host("darwin", "aarch64", "3.11.7", os_version="14.5", machine="x86_64", is_rosetta=True),
                                          frameworks=[torch("2.2.2", cuda=None, mps_built=True)]), "host.rosetta_python", ["mps.not_built", "mps.macos_too_old"]),
    # tf.*
    "TensorFlow 2.18 without tensorflow-metal": (facts(MAC, frameworks=[tf("2.18.1", cuda_build=False)], packages={"tensorflow": "2.18.1"}), "tf.metal_plugin", []),
    "TensorFlow 2.18 with tensorflow-metal 1.1.0": (facts(MAC, frameworks=[tf("2.18.0", cuda_build=False)], packages={"tensorflow": "2.18.0", "tensorflow-metal": "1.1.0"}),
                                                    "tf.metal_plugin", []),
    "TensorFlow 2.15 on native Windows with a GPU": (facts(host("windows"), accelerators=[nvidia("NVIDIA GeForce RTX 3060", "8.6", "552.22", "12.4")],
                                                           frameworks=[tf("2.15.1", cuda_build=False)]), "tf.windows_native_gpu", ["cuda.cpu_only_build"]),
    # cpu.avx_missing
    "TensorFlow dies of SIGILL on a CPU without AVX": (facts(flags=("sse4_2",), cpu_model="Intel(R) Core(TM) i3 CPU M 330",
                                                             frameworks=[FrameworkFacts("tensorflow", "crashed", version="2.3.1", signal="SIGILL")]),
                                                       "cpu.avx_missing", ["python.unsupported_version", "cuda.no_gpu"]),
    "pasted 'illegal hardware instruction'": (facts(flags=(), frameworks=[FrameworkFacts("tensorflow", "not_installed", version="2.3.1")],
                                                    observations=pasted("[1]    3760 illegal hardware instruction  python3")), "cpu.avx_missing", []),
    # numpy.abi_mismatch
    "torch 2.2 under NumPy 2": (facts(frameworks=[torch("2.2.2+cu121", cuda="12.1")], packages={"numpy": "2.1.3", "torch": "2.2.2+cu121"}),
                                "numpy.abi_mismatch", []),
    "TensorFlow 2.17 under NumPy 2": (facts(frameworks=[tf("2.17.1")], packages={"numpy": "2.0.2"}), "numpy.abi_mismatch", []),
    "pasted NumPy API version mismatch": (facts(observations=pasted("RuntimeError: module compiled against API version 0xb but this version of numpy is 0xa\n"
                                                                    "ImportError: numpy.core.multiarray failed to import")), "numpy.abi_mismatch", ["cuda.no_gpu"]),
    # tpu.not_found
    "TPU held by another process": (facts(accelerators=[Accelerator("tpu", "google", "sysfs", model="TPU v4", status="busy", detail="held by pid 4242")]),
                                    "tpu.not_found", []),
    "TPU VM without libtpu": (facts(host(python="3.11.9"), accelerators=[Accelerator("tpu", "google", "sysfs", model="TPU v5e", status="no_driver", detail="/dev/vfio present, no libtpu")]),
                              "tpu.not_found", []),
    # python.unsupported_version
    "TensorFlow wanted on Python 3.14": (facts(host(python="3.14.0"), frameworks=[FrameworkFacts("tensorflow", "not_installed")]),
                                         "python.unsupported_version", []),
    "pip finds no TensorFlow for Python 3.14": (facts(host(python="3.14.0"), observations=pasted(
        "ERROR: Could not find a version that satisfies the requirement tensorflow (from versions: none)")), "python.unsupported_version", []),
    # wsl.gpu_unavailable
    "WSL 2 without /dev/dxg": (facts(host(wsl=wsl(2, dxg=False, libcuda=False)), frameworks=[torch("2.8.0+cu128", cuda="12.8")]),
                               "wsl.gpu_unavailable", ["cuda.no_gpu"]),
    "WSL 1": (facts(host(wsl=wsl(1, dxg=False, libcuda=False)), frameworks=[torch("2.8.0+cu128", cuda="12.8")]), "wsl.gpu_unavailable", []),
    # container.gpu_not_passed
    "docker without --gpus": (facts(host(container=container("docker")), frameworks=[torch("2.8.0+cu128", cuda="12.8")]),
                              "container.gpu_not_passed", ["cuda.no_gpu"]),
    "docker with NVIDIA_VISIBLE_DEVICES=void": (facts(host(container=container("docker", ["NVIDIA_VISIBLE_DEVICES=void"])),
                                                      frameworks=[torch("2.8.0+cu128", cuda="12.8")]), "container.gpu_not_passed", []),
    "ROCm torch in a container without /dev/kfd": (facts(host(container=container("docker")), frameworks=[torch("2.8.0+rocm6.4", cuda=None, hip="6.4.1")]),
                                                   "container.gpu_not_passed", []),
    # packages.conflict
    "tensorflow and tensorflow-cpu together": (facts(frameworks=[tf("2.15.1")], packages={"tensorflow": "2.15.1", "tensorflow-cpu": "2.15.0"}),
                                               "packages.conflict", []),
    "torchvision for another torch": (facts(accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8", devices=[CPU_DEV, gpu_dev()])],
                                            packages={"torch": "2.8.0+cu128", "torchvision": "0.19.1+cu121"}), "packages.conflict", []),
    "Keras 2 under TensorFlow 2.16": (facts(frameworks=[tf("2.16.2")], packages={"tensorflow": "2.16.2", "keras": "2.15.0"}), "packages.conflict", []),
    "two copies of torch": (facts(frameworks=[torch()], duplicates={"torch": ("2.8.0", "2.7.1")}), "packages.conflict", []),
}

# name -> (facts, codes that must not appear): the healthy neighbours.
SILENT = {
    "cu126 on sm_90 with driver 550": (facts(accelerators=[H100], frameworks=[torch("2.7.1+cu126", cuda="12.6", arch=SM_50_90, devices=[CPU_DEV, gpu_dev()])]),
                                       ["cuda.arch_not_in_build", "cuda.driver_too_old", "cuda.cpu_only_build"]),
    "cu128 with sm_120 on an RTX 5090": (facts(accelerators=[RTX5090], frameworks=[torch("2.8.0+cu128", cuda="12.8", arch=["sm_70"] + SM_75_120,
                                                                                         devices=[CPU_DEV, gpu_dev(name="NVIDIA GeForce RTX 5090", cap="12.0")])]),
                                         ["cuda.arch_not_in_build", "cuda.driver_too_old"]),
    "sm_89 runs sm_86 cubins": (facts(accelerators=[nvidia("NVIDIA L4", "8.9", "550.54.15", "12.4")], frameworks=[torch("2.4.1+cu121", cuda="12.1", arch=SM_50_90)]),
                                ["cuda.arch_not_in_build"]),
    "PTX covers a newer GPU": (facts(accelerators=[RTX5090], frameworks=[torch("2.1.2+cu121", cuda="12.1", arch=SM_50_90[:-1] + ["sm_90", "compute_90"])]),
                               ["cuda.arch_not_in_build"]),
    "driver 580 runs cu130": (facts(accelerators=[nvidia(driver="580.65.06", cuda="13.0")], frameworks=[torch("2.14.1+cu130", cuda="13.0", devices=[CPU_DEV, gpu_dev()])]),
                              ["cuda.driver_too_old"]),
    "driver 535 runs cu128 by minor-version compatibility": (facts(accelerators=[A100], frameworks=[torch("2.8.0+cu128", cuda="12.8", devices=[CPU_DEV, gpu_dev()])]),
                                                             ["cuda.driver_too_old"]),
    "a working CUDA torch": (facts(accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8", devices=[CPU_DEV, gpu_dev()])], packages={"torch": "2.8.0+cu128", "torchvision": "0.23.0+cu128", "numpy": "2.1.3"}),
                             sorted(CODES)),
    "a CPU torch on a machine without GPUs": (facts(frameworks=[torch("2.13.0+cpu", cuda=None)], packages={"numpy": "2.1.3"}), sorted(CODES)),
    "a CPU torch in WSL without GPU wanted": (facts(host(wsl=wsl(2, dxg=False, libcuda=False)), frameworks=[torch("2.13.0+cpu", cuda=None)]), ["wsl.gpu_unavailable", "cuda.no_gpu"]),
    "CUDA_VISIBLE_DEVICES=0 with one GPU": (facts(accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8", devices=[CPU_DEV, gpu_dev()])], env={"CUDA_VISIBLE_DEVICES": "0"}),
                                            ["cuda.devices_hidden"]),
    "ROCm build on gfx1100": (facts(accelerators=[amd()], frameworks=[torch("2.4.1+rocm6.1", cuda=None, hip="6.1.40091", devices=[CPU_DEV, gpu_dev("rocm", "AMD Radeon RX 7900 XTX", "gfx1100")])]),
                              ["rocm.arch_unsupported", "rocm.cuda_build_on_amd"]),
    "torch 2.7 rocm6.3 on gfx1100 (in ROCm 6.3's list)": (facts(accelerators=[amd()], frameworks=[torch("2.7.0+rocm6.3", cuda=None, hip="6.3.42131-fa1d09cbd")]),
                                                         ["rocm.arch_unsupported", "rocm.cuda_build_on_amd"]),
    "torch 2.7 rocm6.3 on gfx906 (in torch's older lists)": (facts(accelerators=[amd("AMD Radeon VII", "gfx906")], frameworks=[torch("2.7.0+rocm6.3", cuda=None, hip="6.3.42131-fa1d09cbd")]),
                                                            ["rocm.arch_unsupported"]),
    "rocminfo: Invalid argument is not a permission problem": (facts(observations=pasted("Unable to open /dev/kfd read-write: Invalid argument")), ["rocm.permission"]),
    "torch 2.9 MPS on macOS 14.5": (facts(MAC, frameworks=[torch("2.9.0", cuda=None, mps_built=True, devices=[CPU_DEV, gpu_dev("mps", "Apple GPU (Metal)", None)])]),
                                    ["mps.macos_too_old", "mps.not_built", "host.rosetta_python"]),
    "macOS 26 with MPS unavailable (no known cause)": (facts(host("darwin", "aarch64", "3.11.14", os_version="26.0", env_manager="conda"),
                                                             frameworks=[torch("2.9.1", cuda=None, mps_built=True)]),
                                                       ["mps.macos_too_old", "mps.not_built", "host.rosetta_python"]),
    "an Intel Mac is not Rosetta": (facts(host("darwin", "x86_64", "3.10.4", os_version="13.6", is_rosetta=False), frameworks=[torch("2.2.2", cuda=None, mps_built=True)]),
                                    ["host.rosetta_python"]),
    "TensorFlow 2.21 with tensorflow-metal 1.2.0 and a GPU": (facts(MAC, frameworks=[tf("2.21.0", cuda_build=False, devices=[CPU_DEV, gpu_dev("mps", "/physical_device:GPU:0", None)])],
                                                                    packages={"tensorflow": "2.21.0", "tensorflow-metal": "1.2.0"}), ["tf.metal_plugin"]),
    "TensorFlow 2.10 on native Windows": (facts(host("windows", python="3.10.11"), accelerators=[nvidia("NVIDIA GeForce RTX 3060", "8.6", "552.22", "12.4")],
                                                frameworks=[tf("2.10.1", cuda_build=True, devices=[CPU_DEV, gpu_dev()])]), ["tf.windows_native_gpu"]),
    "TensorFlow 2.15 in WSL": (facts(host(wsl=wsl()), accelerators=[nvidia("NVIDIA GeForce RTX 3060", "8.6", "552.22", "12.4")],
                                     frameworks=[tf("2.15.1", devices=[CPU_DEV, gpu_dev()])]), ["tf.windows_native_gpu", "wsl.gpu_unavailable"]),
    "SIGILL on a CPU with AVX is something else": (facts(frameworks=[FrameworkFacts("tensorflow", "crashed", version="2.21.0", signal="SIGILL")]), ["cpu.avx_missing"]),
    "live facts with no tracked CPU flag are not proof of a CPU without AVX": (
        facts(flags=(), frameworks=[tf("2.21.0", cuda_build=False)]), ["cpu.avx_missing"]),
    "no AVX question on aarch64": (facts(host(arch="aarch64"), flags=("asimd",), frameworks=[tf("2.21.0", cuda_build=False)]), ["cpu.avx_missing"]),
    "torch 2.3 is built for NumPy 2": (facts(frameworks=[torch("2.3.1+cu121", cuda="12.1")], packages={"numpy": "2.1.3"}), ["numpy.abi_mismatch"]),
    "TensorFlow 2.18 is built for NumPy 2": (facts(frameworks=[tf("2.18.1")], packages={"numpy": "2.0.2"}), ["numpy.abi_mismatch"]),
    "torch 2.2 with NumPy 1": (facts(frameworks=[torch("2.2.2+cu121", cuda="12.1")], packages={"numpy": "1.26.4"}), ["numpy.abi_mismatch"]),
    "a working TPU": (facts(accelerators=[Accelerator("tpu", "google", "sysfs", model="TPU v4", status="ok")]), ["tpu.not_found"]),
    "TensorFlow on Python 3.13": (facts(host(python="3.13.1"), frameworks=[FrameworkFacts("tensorflow", "not_installed")]), ["python.unsupported_version"]),
    "TensorFlow that imports on Python 3.14 (a nightly)": (facts(host(python="3.14.0"), frameworks=[tf("2.22.0rc0")]), ["python.unsupported_version"]),
    "WSL 2 with the GPU passed through": (facts(host(wsl=wsl()), accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8", devices=[CPU_DEV, gpu_dev()])]),
                                          ["wsl.gpu_unavailable"]),
    "docker with --gpus": (facts(host(container=container("docker", ["NVIDIA_VISIBLE_DEVICES=all", "/dev/nvidiactl present", "/dev/nvidia0 present"])),
                                 accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8", devices=[CPU_DEV, gpu_dev()])]), ["container.gpu_not_passed"]),
    "tensorflow with its tensorflow-intel helper": (facts(host("windows"), frameworks=[tf("2.15.1", cuda_build=False)],
                                                          packages={"tensorflow": "2.15.1", "tensorflow-intel": "2.15.1"}), ["packages.conflict"]),
    "TensorFlow 2.15 with Keras 2.15": (facts(frameworks=[tf("2.15.1")], packages={"tensorflow": "2.15.1", "keras": "2.15.0"}), ["packages.conflict"]),
}


@pytest.mark.parametrize("name", sorted(FIRES))
def test_each_code_fires_where_it_should(name):
    f, code, never = FIRES[name]
    got = findings(f)
    assert code in got, f"{name}: expected {code}, got {sorted(got)}"
    for other in never:
        assert other not in got, f"{name}: {other} must not fire ({got[other].message})"
    finding = got[code]
    assert finding.severity in ("error", "warning", "info") and finding.message and finding.subject
    assert finding.evidence, f"{name}: {code} cites no evidence"


@pytest.mark.parametrize("name", sorted(SILENT))
def test_each_code_stays_silent_on_healthy_neighbours(name):
    f, never = SILENT[name]
    got = findings(f)
    for code in never:
        assert code not in got, f"{name}: {code} fired: {got[code].message}"


def test_every_architecture_code_has_a_firing_case():
    assert {v[1] for v in FIRES.values()} == CODES


def test_findings_that_explain_a_cell_name_its_framework_and_device_kind():
    for name, (f, code, _) in FIRES.items():
        x = findings(f)[code]
        if x.framework is not None:
            assert x.framework in ("torch", "tensorflow") and x.device_kind in (None, "cpu", "cuda", "rocm", "mps", "tpu", "xpu"), name


def test_a_cpu_build_on_an_nvidia_machine_is_not_built_with_the_fix_to_install():
    r = report(FIRES["cpu torch on an A100"][0])
    cell = next(c for c in r.matrix if (c.framework, c.device_kind) == ("torch", "cuda"))
    assert (cell.state, cell.reason_code) == ("not_built", "cuda.cpu_only_build")
    x = findings(FIRES["cpu torch on an A100"][0])["cuda.cpu_only_build"]
    # driver 535 (CUDA 12.2): the newest torch whose build that driver runs, A100 (sm_80) covered.
    assert x.fix == ("python -m pip uninstall -y torch",
                     "python -m pip install 'torch==2.14.*' --index-url https://download.pytorch.org/whl/cu126")
    assert "https://docs.nvidia.com/deploy/cuda-compatibility/minor-version-compatibility.html" in x.sources


def test_the_2020_cu110_on_driver_440_case_says_which_driver_and_offers_a_build_440_runs():
    x = findings(FIRES["torch 1.7 cu110 on driver 440 (2020)"][0])["cuda.driver_too_old"]
    assert "CUDA 11.0" in x.message and ">= 450.80.02" in x.message
    assert x.fix[-1] == "python -m pip install torch==1.12.1"  # the PyPI wheel of 1.12.1 is the CUDA 10.2 build
    assert any("docs.nvidia.com" in s for s in x.sources)


def test_driver_too_old_from_a_sparse_paste_decodes_the_cuda_version_and_advises_for_it():
    x = findings(FIRES["pasted 'found version 11040' only"][0])["cuda.driver_too_old"]
    assert "CUDA 11.4" in x.message
    assert "whl/cu118" in x.fix[-1]  # 11.4 runs 11.x builds by minor-version compatibility
    assert x.evidence[-1].startswith("line 1: RuntimeError: The NVIDIA driver")


def test_arch_not_in_build_fix_installs_a_build_with_the_gpus_kernels():
    x = findings(FIRES["RTX 5090 with a cu124 build"][0])["cuda.arch_not_in_build"]
    assert "sm_120" in x.message and "whl/cu128" in x.fix[-1]
    y = findings(FIRES["GTX 1080 Ti with a cu130 build"][0])["cuda.arch_not_in_build"]
    assert "whl/cu126" in y.fix[-1]  # only the CUDA 12.6 builds still carry Pascal (sm_60)


def test_fixes_are_quoted_for_powershell_on_windows_and_use_uv_in_uv_environments():
    win = findings(facts(host("windows"), accelerators=[H100], frameworks=[torch("2.8.0+cu128", cuda="12.8")],
                         env={"CUDA_VISIBLE_DEVICES": "-1"}))["cuda.devices_hidden"]
    assert win.fix == ("Remove-Item Env:CUDA_VISIBLE_DEVICES",)
    posix = findings(FIRES["CUDA_VISIBLE_DEVICES=-1"][0])["cuda.devices_hidden"]
    assert posix.fix == ("unset CUDA_VISIBLE_DEVICES",)
    cpu_win = findings(facts(host("windows"), accelerators=[H100], frameworks=[torch("2.8.0+cpu", cuda=None)]))["cuda.cpu_only_build"]
    assert cpu_win.fix[-1] == 'python -m pip install "torch==2.14.*" --index-url https://download.pytorch.org/whl/cu126'
    uv = findings(facts(host(env_manager="uv"), accelerators=[A100], frameworks=[torch("2.8.0+cpu", cuda=None)]))["cuda.cpu_only_build"]
    assert uv.fix[0] == "uv pip uninstall torch" and uv.fix[1].startswith("uv pip install 'torch==2.14.*'")


def test_conda_environments_get_conda_commands_where_pytorch_published_them():
    old = findings(facts(host(python="3.9.18", env_manager="conda"), accelerators=[nvidia("Tesla T4", "7.5", "460.32.03", "11.2")],
                         frameworks=[torch("2.5.1+cpu", cuda=None)]))["cuda.cpu_only_build"]
    # Driver 460 runs CUDA 11.x; the newest release with an 11.x build whose arch list the data
    # confirms for this T4 is 2.5 (the 2.6/2.7 cu118 lists are unverified), and PyTorch's conda
    # channel still had 2.5.1.
    assert old.fix[-1] == "conda install -y pytorch==2.5.1 pytorch-cuda=11.8 -c pytorch -c nvidia"
    new = findings(facts(host(python="3.12.4", env_manager="conda"), accelerators=[A100],
                         frameworks=[torch("2.8.0+cpu", cuda=None)]))["cuda.cpu_only_build"]
    assert new.fix[-1].startswith("python -m pip install 'torch==2.14.*'")  # no conda channel after 2.5


def test_rocm_fixes_are_the_rocm_index_or_the_unofficial_override():
    x = findings(FIRES["CUDA torch on an RX 7900 XTX"][0])["rocm.cuda_build_on_amd"]
    assert "download.pytorch.org/whl/rocm" in x.fix[-1]
    y = findings(FIRES["ROCm 6.1 build on gfx1031"][0])["rocm.arch_unsupported"]
    assert y.fix == ("export HSA_OVERRIDE_GFX_VERSION=10.3.0",) and "Unofficially" in y.message


def test_macos_too_old_offers_the_newest_torch_whose_mps_runs_on_that_macos():
    x = findings(FIRES["torch 2.9 on macOS 13.6"][0])["mps.macos_too_old"]
    assert "macOS 14.0" in x.message and x.fix[-1] == "python -m pip install 'torch==2.8.*'"


def test_metal_plugin_fix_pins_the_plugin_apple_pairs_with_the_release():
    assert findings(FIRES["TensorFlow 2.18 without tensorflow-metal"][0])["tf.metal_plugin"].fix == (
        "python -m pip install tensorflow-metal==1.2.0",)
    mismatch = findings(FIRES["TensorFlow 2.18 with tensorflow-metal 1.1.0"][0])["tf.metal_plugin"]
    assert mismatch.severity == "error" and mismatch.fix == ("python -m pip install tensorflow-metal==1.2.0",)
    py313 = findings(facts(host("darwin", "aarch64", "3.13.1", os_version="15.1"), frameworks=[tf("2.21.0", cuda_build=False)]))["tf.metal_plugin"]
    assert "no wheel for Python 3.13" in py313.message and py313.fix == ()



def test_metal_plugin_does_not_claim_the_plugin_missing_when_no_package_list_was_pasted():
    # tensorflow/tensorflow#60569: a TF template on an M1 lists no packages, so whether tensorflow-metal is there
    # is unknown; the finding says the paste does not show it and how to find out.
    text = parse_text("### Tensorflow Version\n\ntf 2.12\n\n### OS Platform and Distribution\n\nMac M1\n\n"
                      "### Python version\n\n3.10\n")
    assert "packages" in text.facts.unknown
    m = findings(text.facts)["tf.metal_plugin"]
    assert "does not show tensorflow-metal" in m.message and "not installed" not in m.message
    assert m.evidence[0].endswith("tensorflow-metal not in the paste")
    listed = findings(FIRES["TensorFlow 2.18 without tensorflow-metal"][0])["tf.metal_plugin"]
    assert listed.message.startswith("Tensorflow-metal, Apple's GPU plugin, is not installed")

def test_numpy_fix_uses_the_frameworks_own_requirement():
    assert findings(FIRES["TensorFlow 2.17 under NumPy 2"][0])["numpy.abi_mismatch"].fix == (
        "python -m pip install 'numpy>=1.23.5,<2.0.0'",)
    assert findings(FIRES["torch 2.2 under NumPy 2"][0])["numpy.abi_mismatch"].fix == ("python -m pip install 'numpy<2'",)
    assert findings(FIRES["pasted NumPy API version mismatch"][0])["numpy.abi_mismatch"].fix == (
        "python -m pip install --upgrade numpy",)


def test_python_unsupported_names_the_newest_supported_python_and_the_env_command():
    x = findings(FIRES["TensorFlow wanted on Python 3.14"][0])["python.unsupported_version"]
    assert "3.13" in x.message and x.fix == ("python3.13 -m venv .venv",)
    uv = findings(facts(host(python="3.14.0", env_manager="uv"), frameworks=[FrameworkFacts("tensorflow", "not_installed")]))
    assert uv["python.unsupported_version"].fix == ("uv venv --python 3.13",)


def test_tpu_busy_fix_is_libtpus_own_advice():
    assert findings(FIRES["TPU held by another process"][0])["tpu.not_found"].fix == ("sudo lsof -w /dev/accel0",)
    assert "torch_xla[tpu]" in findings(FIRES["TPU VM without libtpu"][0])["tpu.not_found"].fix[-1]


def test_packages_conflict_reinstalls_the_matching_companion_from_torchs_index():
    x = findings(FIRES["torchvision for another torch"][0])["packages.conflict"]
    assert x.fix == ("python -m pip install 'torchvision==0.23.*' --index-url https://download.pytorch.org/whl/cu128",)
    tfdup = findings(FIRES["tensorflow and tensorflow-cpu together"][0])["packages.conflict"]
    assert tfdup.fix[0] == "python -m pip uninstall -y tensorflow tensorflow-cpu"


def test_container_and_wsl_fixes_come_from_the_system_fixes_table():
    assert findings(FIRES["docker without --gpus"][0])["container.gpu_not_passed"].fix == (
        "sudo docker run --rm --runtime=nvidia --gpus all ubuntu nvidia-smi",)
    assert findings(FIRES["WSL 1"][0])["wsl.gpu_unavailable"].fix == ("wsl --set-default-version 2", "wsl --list --verbose")
    assert findings(FIRES["no access to /dev/kfd"][0])["rocm.permission"].fix == ("sudo usermod -a -G render,video $LOGNAME",)


# --- sparse pastes: what `hwprobe explain` builds from a few lines (OS, Python, GPUs mostly unknown) ---------

PASTES = {
    "dmesg: the NVIDIA probe routine was not called": (
        paste("NVRM: The NVIDIA probe routine was not called for 3 device(s)."), "cuda.driver_not_loaded",
        ["cuda.no_gpu", "cuda.driver_too_old"]),
    "only an Intel HD Graphics GPU": (paste("I am not using NVIDIA GPU, but i have Intel HD graphics 4000."), "cuda.no_gpu",
                                      ["cuda.driver_not_loaded"]),
    "a VM: NVIDIA: no NVIDIA devices found": (paste("NVIDIA: no NVIDIA devices found", os="linux"), "cuda.no_gpu",
                                              ["cuda.driver_not_loaded", "cuda.devices_hidden"]),
    "torch 2.2 cu121 on an RTX 5090, OS arch unknown": (
        paste("", os="linux", accelerators=[nvidia("NVIDIA GeForce RTX 5090", None, "570.181", None)],
              frameworks=[torch("2.2.0+cu121", cuda=None, build={"cuda": "12.1"})]), "cuda.arch_not_in_build",
        ["cuda.driver_too_old", "cuda.cpu_only_build"]),
    "'No CUDA GPUs are available' comes from a CUDA build": (
        paste("RuntimeError: No CUDA GPUs are available", os="windows", env={"CUDA_VISIBLE_DEVICES": "2"},
              accelerators=[nvidia("NVIDIA GeForce RTX 2070 SUPER", None, None, None)], frameworks=[torch(None, cuda=None)]),
        "cuda.devices_hidden", ["cuda.cpu_only_build", "cuda.no_gpu"]),
    "not linked with support for mps devices": (
        paste("RuntimeError: PyTorch is not linked with support for mps devices"), "mps.not_built", ["mps.macos_too_old"]),
    "a nightly torch on macOS 12.2 (dev builds count as their release)": (
        facts(host("darwin", "aarch64", "3.9.12", os_version="12.2.1", is_rosetta=False),
              frameworks=[torch("1.13.0.dev20220525", cuda=None, mps_built=True)]), "mps.macos_too_old", ["mps.not_built"]),
    "zsh: illegal hardware instruction on a Mac of unknown architecture": (
        paste("zsh: illegal hardware instruction  python3", os="darwin", python="3.8.2",
              frameworks=[FrameworkFacts("tensorflow", "crashed", signal="SIGILL")]), "host.rosetta_python",
        ["cpu.avx_missing", "framework.crashed"]),
    "file $(which python): Mach-O 64-bit executable x86_64": (
        paste("/Users/z/anaconda/envs/py38/bin/python: Mach-O 64-bit executable x86_64", os="darwin"),
        "host.rosetta_python", ["cpu.avx_missing"]),
    "torchvision's custom C++ ops do not load": (
        paste("RuntimeError: Couldn't load custom C++ ops. This can happen if your PyTorch and torchvision versions are incompatible"),
        "packages.conflict", ["cuda.cpu_only_build"]),
    "pip offers torch 2.2.0 and newer to a torch==1.13.1 pin": (
        paste("ERROR: Could not find a version that satisfies the requirement torch==1.13.1 (from versions: 2.2.0, 2.2.1, 2.3.0)\n"
              "ERROR: No matching distribution found for torch==1.13.1"), "python.unsupported_version", ["packages.conflict"]),
    "pip finds no torch at all": (
        paste("ERROR: Could not find a version that satisfies the requirement torch==1.10.0+cu113 (from versions: none)"),
        "python.unsupported_version", ["cuda.cpu_only_build"]),
    "pinned torch 1.13.1 on Python 3.12": (
        facts(host(python="3.12.3"), observations=pasted("ERROR: No matching distribution found for torch==1.13.1")),
        "python.unsupported_version", []),
    "pip finds no tensorflow-metal": (paste("ERROR: No matching distribution found for tensorflow-metal"), "tf.metal_plugin",
                                      ["tf.windows_native_gpu"]),
    "TensorFlow 2.12 on Windows, architecture not stated": (
        paste("No version 2.12.0 of the tensorflow-gpu was found.", os="windows", python="3.10.10",
              frameworks=[FrameworkFacts("tensorflow", "unknown", version="2.12.0")]), "tf.windows_native_gpu", []),
    "jax: no TPU runtime": (paste("A Google TPU may be present on this machine, but either a TPU-enabled jaxlib or libtpu is "
                                  "not installed. Falling back to cpu."), "tpu.not_found", ["cuda.no_gpu"]),
    "no TPU VM metadata (Colab's TPU Node)": (
        paste("HTTP 404 for url http://metadata.google.internal/computeMetadata/v1/instance/attributes/tpu-env"),
        "tpu.not_found", []),
    "WSL 2: Failed to dlopen libcuda.so": (paste("RuntimeError: Failed to dlopen libcuda.so", os="linux", wsl_facts=wsl(2, False, False)),
                                           "wsl.gpu_unavailable", ["cuda.driver_not_loaded", "container.gpu_not_passed"]),
    "docker run without --gpus, host GPUs in the paste": (
        paste("docker run -it anibali/pytorch:1.4.0-cuda10.1 sh\nboth nvcc and nvidia-smi not found.",
              accelerators=[nvidia("Tesla V100-PCIE...", None, "435.21", "10.1")],
              box=container("docker", ["`docker run` without --gpus"])), "container.gpu_not_passed",
        ["cuda.driver_too_old", "cuda.driver_not_loaded", "cuda.no_gpu"]),
    # first seen in the holdout pastes (tests/cases/HOLDOUT.md)
    "the kernel says kfd does not support the GPU": (
        paste("Unable to open /dev/kfd read-write: Cannot allocate memory\n"
              "[    3.548555] kfd kfd: amdgpu: PITCAIRN  not supported in kfd"), "rocm.arch_unsupported",
        ["rocm.permission", "rocm.cuda_build_on_amd"]),
    "tensorflow-metal's own symbol error, nothing else": (
        paste("NotFoundError: dlopen(/Users/u/lib/python3.9/site-packages/tensorflow-plugins/libmetal_plugin.dylib, "
              "0x0006): symbol not found in flat namespace '_TF_AllocateOutput'"), "tf.metal_plugin",
        ["host.rosetta_python", "cuda.library_missing"]),
    "an NVIDIA image's entrypoint finds no driver": (
        paste("WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available."),
        "container.gpu_not_passed", ["cuda.driver_not_loaded", "cuda.no_gpu"]),
    "docker run without --gpus, then is_available() False": (
        paste("$ sudo docker run -t -i floydhub/pytorch:latest-gpu-py3 ipython",
              frameworks=[torch(None, cuda=None, build={"cuda": "unset", "runtime": {"cuda_available": False}})],
              box=container("docker", ["`docker run` without --gpus"])), "container.gpu_not_passed",
        ["cuda.cpu_only_build", "cuda.driver_not_loaded"]),
    "torch cannot load cuDNN's cudnn_cnn_infer64_8.dll": (
        paste('OSError: [WinError 126] The specified module could not be found. Error loading "C:\\v\\lib\\site-packages'
              '\\torch\\lib\\cudnn_cnn_infer64_8.dll" or one of its dependencies.', os="windows",
              frameworks=[FrameworkFacts("torch", "import_error")]), "cuda.library_missing", []),
    "a pasted /proc/cpuinfo with no AVX and a TensorFlow version": (
        paste("", frameworks=[FrameworkFacts("tensorflow", "unknown", version="1.14")], known=("cpu", "cpu.flags")),
        "cpu.avx_missing", []),
    "pip offers torch 2.0+ on Windows to a 1.13.1 pin, Python and architecture unknown": (
        paste("ERROR: Could not find a version that satisfies the requirement torch==1.13.1 (from versions: 2.0.0, 2.0.1, 2.1.0)",
              os="windows"), "python.unsupported_version", ["packages.conflict"]),
    "an AMD GPU on Windows and the web UI's GPU check": (
        paste("RuntimeError: Torch is not able to use GPU; add --skip-torch-cuda-test to COMMANDLINE_ARGS variable",
              os="windows", accelerators=[amd("AMD 570 series", None)]), "rocm.cuda_build_on_amd",
        ["cuda.driver_not_loaded", "cuda.no_gpu"]),
}

PASTE_SILENT = {
    "SIGILL on an Intel Mac is AVX, not Rosetta": (
        facts(host("darwin", "x86_64", "3.9.6", is_rosetta=False), flags=(),
              frameworks=[FrameworkFacts("tensorflow", "crashed", version="2.16.1", signal="SIGILL")]),
        ["host.rosetta_python"]),
    "an arm64 Python under a known-native shell": (
        paste("zsh: illegal hardware instruction  python3", os="darwin"), []),
    "no_gpu waits for CUDA_VISIBLE_DEVICES": (paste("NVIDIA: no NVIDIA devices found", env={"CUDA_VISIBLE_DEVICES": "1"}),
                                              ["cuda.no_gpu"]),
    "a pin that exists for this Python": (
        facts(host(python="3.10.12"), observations=pasted("ERROR: No matching distribution found for torch==1.13.1")),
        ["python.unsupported_version"]),
    "pip offers releases that include the pin's Python": (
        paste("ERROR: Could not find a version that satisfies the requirement torch==9.9 (from versions: 2.2.0, 2.3.0)"),
        ["python.unsupported_version"]),
    "a kfd open that fails with Invalid argument": (paste("Unable to open /dev/kfd read-write: Invalid argument"),
                                                    ["rocm.permission"]),
    # first seen in the holdout pastes (tests/cases/HOLDOUT.md)
    "a kfd open that fails with Operation not permitted, user already in the group": (
        paste("Unable to open /dev/kfd read-write: Operation not permitted and it states that I am a member of render group"),
        ["rocm.permission"]),
    "torch's own caffe2_nvrtc.dll or one of its dependencies": (
        paste('OSError: [WinError 126] The specified module could not be found. Error loading "C:\\v\\lib\\site-packages'
              '\\torch\\lib\\caffe2_nvrtc.dll" or one of its dependencies.', os="windows",
              frameworks=[FrameworkFacts("torch", "import_error")]), ["cuda.library_missing"]),
    "docker run --gpus all, then is_available() False": (
        paste("docker run --gpus all -it img python",
              frameworks=[torch(None, cuda=None, build={"cuda": "unset", "runtime": {"cuda_available": False}})],
              box=container("docker", ["started with GPU access (nvidia-docker / --gpus)"])), ["container.gpu_not_passed"]),
    "docker run without --gpus, no CUDA question": (
        paste("docker run -it ubuntu bash", box=container("docker", ["`docker run` without --gpus"])),
        ["container.gpu_not_passed"]),
}


@pytest.mark.parametrize("name", sorted(PASTES))
def test_sparse_pastes_fire(name):
    f, code, never = PASTES[name]
    got = findings(f)
    assert code in got, f"{name}: expected {code}, got {sorted(got)}"
    for other in never:
        assert other not in got, f"{name}: {other} must not fire ({got[other].message})"
    assert got[code].evidence and got[code].message


@pytest.mark.parametrize("name", sorted(PASTE_SILENT))
def test_sparse_pastes_stay_silent(name):
    f, never = PASTE_SILENT[name]
    got = findings(f)
    for code in never:
        assert code not in got, f"{name}: {code} fired: {got[code].message}"


def test_pasted_fixes_are_exact_commands():
    assert findings(PASTES["jax: no TPU runtime"][0])["tpu.not_found"].fix == ("python -m pip install -U 'jax[tpu]'",)
    w = findings(PASTES["WSL 2: Failed to dlopen libcuda.so"][0])["wsl.gpu_unavailable"]
    assert w.fix == ("ls -l /usr/lib/wsl/lib/libcuda.so*", "export LD_LIBRARY_PATH=/usr/lib/wsl/lib:$LD_LIBRARY_PATH")
    assert findings(PASTES["torchvision's custom C++ ops do not load"][0])["packages.conflict"].fix == (
        "python -m pip uninstall -y torch torchvision torchaudio", "python -m pip install torch torchvision torchaudio")
    m = findings(PASTES["pip finds no tensorflow-metal"][0])["tf.metal_plugin"]
    assert m.fix[-1] == "python -m pip install tensorflow tensorflow-metal"
    # torch 2.2 cu121 has no sm_120: the newest build with Blackwell kernels that driver 570 (CUDA 12.8) runs.
    a = findings(PASTES["torch 2.2 cu121 on an RTX 5090, OS arch unknown"][0])["cuda.arch_not_in_build"]
    assert a.fix[-1] == "python -m pip install 'torch==2.11.*' --index-url https://download.pytorch.org/whl/cu128"
    p = findings(PASTES["pip offers torch 2.2.0 and newer to a torch==1.13.1 pin"][0])["python.unsupported_version"]
    assert "Python 3.12" in p.message and p.fix == ("python3.11 -m venv .venv",)


def test_found_no_nvidia_driver_alone_is_a_possibility_not_a_diagnosis():
    # It cannot tell a machine without an NVIDIA GPU from one whose driver is not loaded (ARCHITECTURE.md:
    # driver_not_loaded is "a GPU on the bus"): info, which explain never states as the cause.
    f = findings(paste("RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU"))
    assert f["cuda.driver_not_loaded"].severity == "info"
    dead = findings(facts(accelerators=[nvidia(status="no_driver", driver=None, cuda=None)],
                          observations=pasted("Found no NVIDIA driver on your system")))
    assert dead["cuda.driver_not_loaded"].severity == "error"  # with the GPU on the bus it is the diagnosis


def test_the_kfd_refusal_says_no_group_or_rocm_build_helps():
    f = findings(PASTES["the kernel says kfd does not support the GPU"][0])["rocm.arch_unsupported"]
    assert "PITCAIRN" in f.message and f.fix == ()
    assert f.sources == ("https://github.com/torvalds/linux/blob/master/drivers/gpu/drm/amd/amdkfd/kfd_device.c",)



def test_a_user_who_says_there_is_no_gpu_is_not_told_to_install_a_cuda_build():
    # "Torch not compiled with CUDA enabled" alone is a CPU build on a GPU machine (cuda.cpu_only_build); with the
    # reporter's own "I don't have a GPU", installing a CUDA build is the wrong way: cuda.no_gpu says run on CPU.
    said = findings(paste("AssertionError: Torch not compiled with CUDA enabled\nSince I don't have a GPU I don't need CUDA."))
    assert "cuda.no_gpu" in said and "cuda.cpu_only_build" not in said
    alone = findings(paste("AssertionError: Torch not compiled with CUDA enabled"))
    assert "cuda.cpu_only_build" in alone and "cuda.no_gpu" not in alone


def test_saying_there_is_no_gpu_is_no_finding_where_nothing_asked_for_cuda():
    # An AVX crash report that mentions "I dont have gpu": no CUDA was wanted, so no cuda.no_gpu.
    f = findings(paste("Illegal instruction (core dumped)\nI dont have gpu"))
    assert "cuda.no_gpu" not in f


def test_tensorflows_could_not_find_cuda_drivers_names_the_runtime_only_where_a_driver_works():
    # TensorFlow's cudart stub prints it on a machine without a driver as much as on one without the CUDA runtime,
    # so alone it is a possibility (info, never explain's stated cause); beside a working driver it is the cause.
    line = "I tensorflow/tsl/cuda/cudart_stub.cc:28] Could not find cuda drivers on your machine, GPU will not be used."
    alone = findings(paste(line, frameworks=[tf("2.13.0")]))["cuda.library_missing"]
    assert alone.severity == "info" and alone.fix == ("nvidia-smi",) and "CUDA 11.8" in alone.message
    working = findings(facts(accelerators=[A100], frameworks=[tf("2.13.0")], observations=pasted(line)))
    assert working["cuda.library_missing"].severity == "error"


def test_a_tensorflow_that_needs_system_cuda_is_not_told_to_reinstall_itself():
    # Python 3.8 tops out at TensorFlow 2.13, which takes CUDA 11.8 from the system: reinstalling 2.13 is no fix.
    line = "Could not find cuda drivers on your machine, GPU will not be used."
    f = findings(facts(host("linux", "x86_64", "3.8.18"), accelerators=[A100], frameworks=[tf("2.13.0")],
                       observations=pasted(line)))["cuda.library_missing"]
    assert f.severity == "error" and f.fix == () and "CUDA 11.8" in f.message


def test_a_sigill_on_a_mac_is_a_rosetta_python_only_where_the_paste_shows_an_x86_64_shell_or_interpreter():
    # A Rosetta terminal or an x86_64-only Python are the usual causes of SIGILL on Apple Silicon, but a SIGILL alone
    # shows neither (apple/tensorflow_macos#81: one reporter had a Rosetta terminal, another did not): a possibility.
    # uname -a's last field is the shell's architecture (x86_64 in a Rosetta-translated shell).
    crash = "Illegal instruction: 4"
    kernel = "Darwin mbp 23.3.0 Darwin Kernel Version 23.3.0; root:xnu-10002.81.5~7/RELEASE_ARM64_T6000"
    assert findings(paste(f"{kernel} arm64\n{crash}", os="darwin"))["host.rosetta_python"].severity == "info"
    assert findings(paste(f"{kernel} x86_64\n{crash}", os="darwin"))["host.rosetta_python"].severity == "warning"
    assert findings(paste(crash, os="darwin"))["host.rosetta_python"].severity == "info"
    shown = "/Users/u/venv/bin/python: Mach-O 64-bit executable x86_64"
    assert findings(paste(f"{kernel} arm64\n{shown}\n{crash}", os="darwin"))["host.rosetta_python"].severity != "info"


def test_torch_version_cuda_none_alone_is_not_a_cpu_build_since_rocm_builds_say_none_too():
    # holdout2 pytorch99983: a ROCm wheel's torch.version.cuda is None; without torch.version.hip it proves nothing.
    rocm_or_cpu = FrameworkFacts("torch", "ok", version="2.0.0", build={"cuda": None}, devices=(CPU_DEV,))
    assert "cuda.cpu_only_build" not in findings(paste("torch.cuda.is_available() False", frameworks=[rocm_or_cpu]))
    cpu = FrameworkFacts("torch", "ok", version="2.0.0", build={"cuda": None, "hip": None}, devices=(CPU_DEV,))
    assert "cuda.cpu_only_build" in findings(paste("torch.cuda.is_available() False", frameworks=[cpu]))


def test_an_intel_integrated_gpu_named_beside_not_compiled_with_cuda_means_no_gpu_not_a_cuda_build():
    # holdout2 wav2lip502: "My PC is Intel R lris Xe Graphics" under torch's "Torch not compiled with CUDA enabled".
    f = findings(paste("AssertionError: Torch not compiled with CUDA enabled\nMy PC is Intel R lris Xe Graphics ,help me"))
    assert "cuda.no_gpu" in f and "cuda.cpu_only_build" not in f


def test_an_ngc_entrypoints_no_driver_warning_beside_a_gpus_run_is_not_proof_of_a_container_without_gpus():
    # holdout2 nvdocker1548: `docker run --gpus all ...` and the entrypoint's warning contradict each other (a known
    # false warning under WSL 2); its own advice "Use 'nvidia-docker run'" is not a docker run without --gpus.
    warn = ("WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
            "   Use 'nvidia-docker run' to start this container; see")

    run = "docker run --gpus all --rm nvcr.io/nvidia/tensorflow:20.03-tf2-py3 nvidia-smi\n"
    assert "container.gpu_not_passed" not in findings(parse_text(run + warn).facts)
    assert "container.gpu_not_passed" in findings(parse_text(warn).facts)
    plain = "docker run --rm nvcr.io/nvidia/tensorflow:20.03-tf2-py3 python -c 'import torch; torch.cuda.is_available()'\n"
    assert "container.gpu_not_passed" in findings(parse_text(plain + warn).facts)


def test_a_conda_tensorflow_runs_on_the_envs_cudatoolkit_and_its_driver_minimum_applies():
    # holdout2 tf37978: conda tensorflow-gpu with cudatoolkit 10.0.130 on a Windows driver 388.73 (CUDA 10.0 needs
    # >= 411.31 on Windows, CUDA 10.0 release notes).

    f = parse_text("conda install tensorflow-gpu\ncudatoolkit               10.0.130                      0\n"
                   "NVIDIA Graphics Driver 388.73\nFile \"C:\\\\ProgramData\\\\Anaconda3\\\\lib\\\\site-packages\\\\"
                   "tensorflow\\\\python\\\\keras\\\\engine\\\\training.py\", line 780, in fit").facts
    got = findings(f)["cuda.driver_too_old"]
    assert "411.31" in got.message and "environment's CUDA toolkit" in got.message


def test_a_pin_older_than_every_release_pip_offers_is_a_python_too_new_for_it():
    # holdout2 gnesflow6: pip offers TensorFlow from 1.13.0rc1 (the first with Python 3.7 wheels), so the
    # interpreter is too new for the pinned 1.12 (Python 2.7, 3.3-3.6: tested build configurations).
    f = findings(paste("ERROR: Could not find a version that satisfies the requirement tensorflow==1.12 (from versions: "
                       "1.13.0rc1, 1.13.1, 1.14.0, 1.15.0, 2.0.0, 2.1.0)"))["python.unsupported_version"]
    assert "1.12" in f.message and "3.6" in f.message


def test_torchs_macos_minimum_message_without_the_macos_version_is_a_lead_to_check_sw_vers():
    # holdout2 noscribe14: "The MPS backend is supported on MacOS 12.3+" and German prose "ab macOS 12.3" (from 12.3
    # on), which is a requirement, not this Mac's version.

    f = parse_text("MPS scheint erst ab macOS 12.3 zu funktionieren:\nThe MPS backend is supported on MacOS 12.3+."
                   "Current OS version can be queried using `sw_vers`").facts
    assert f.host.os_version is None
    got = findings(f)["mps.macos_too_old"]
    assert got.severity == "info" and got.fix == ("sw_vers",)  # a lead: the message fits Macs MPS never runs on too


def test_a_tpu_runtime_of_another_pjrt_version_or_a_libtpu_that_does_not_open_is_tpu_not_found():
    pjrt = findings(paste("XlaRuntimeError: INVALID_ARGUMENT: Mismatched PJRT plugin PJRT API version (0.47) and "
                          "framework PJRT API version 0.54)."))["tpu.not_found"]
    assert "0.47" in pjrt.message and "0.54" in pjrt.message and pjrt.fix
    lib = findings(paste("RuntimeError: Unable to initialize backend 'tpu': INTERNAL: Failed to open /h/u/site-packages/"
                         "libtpu/libtpu.so: /h/u/site-packages/libtpu/libtpu.so: cannot open shared object file"))
    assert "tpu.not_found" in lib


def test_a_cpu_model_from_a_family_without_avx_is_cpu_avx_missing_for_tensorflow_without_flags():
    # holdout2 tf40446: "CPU: Intel Xeon x5450" (Harpertown, 2007) in the template, TensorFlow 2.2 fails to import.

    old = findings(parse_text("- TensorFlow version: 2.2.0\n- CPU: Intel Xeon x5450\n\"import tensorflow as tf\" fails").facts)
    assert "cpu.avx_missing" in old and "x5450" in old["cpu.avx_missing"].message
    new = findings(parse_text("- TensorFlow version: 2.2.0\n- CPU: Intel Xeon E5-2670\n\"import tensorflow as tf\" fails").facts)
    assert "cpu.avx_missing" not in new


def test_a_driver_too_old_message_without_the_driver_offers_no_build_that_driver_might_run():
    # holdout2 pytorch28195: "the msg is that my Nvidia version is too old" beside torch 1.2.0 built with CUDA 10.0.

    f = findings(parse_text(">>> print(torch.__version__)\n1.2.0\n>>> print(torch.version.cuda)\n10.0.130\n"
                            "the msg is that my Nvidia version is too old.").facts)["cuda.driver_too_old"]
    assert "410.48" in f.message and f.fix == () and "driver not known" not in f.message


def test_a_windows_build_before_21h2_gives_wsl2_no_gpu_whatever_the_cuda_error_says():
    # build18363 / wsl7056: Windows 10 1909 (18363) and 20H2 (19042) under WSL 2; the CUDA samples' enum name
    # cudaErrorInsufficientDriver reads like an old driver, but no driver helps before Windows 10 19044 (21H2).

    text = ("CUDA error at helper_cuda.h:777 code=35(cudaErrorInsufficientDriver) \"cudaGetDeviceCount(&device_count)\"\n"
            "I'm running on Ubuntu 18.04 (On windows with wsl2)\nNvidia driver version 465.21\n"
            "Windows 10 Version 1909 build 18363")
    f = findings(parse_text(text).facts)
    assert "wsl.gpu_unavailable" in f and "cuda.driver_too_old" not in f and "18363" in f["wsl.gpu_unavailable"].message
    newer = findings(parse_text(text.replace("1909 build 18363", "22H2 build 19045")).facts)
    assert "no GPU compute" not in getattr(newer.get("wsl.gpu_unavailable"), "message", "")


def test_pips_offer_with_a_post_release_is_read_without_crashing_and_collecting_is_not_installed():
    # holdout3 pytorch20631: "(from versions: 0.1.2, 0.1.2.post1)" crashed explain (InvalidVersion '0.1.2.'), and
    # pip's "Collecting torch==0.3.1" was read as an installed torch.
    from hwprobe.reason.explain import explain

    text = (">pip install torch==0.3.1\nCollecting torch==0.3.1\n  ERROR: Could not find a version that satisfies the "
            "requirement torch==0.3.1 (from versions: 0.1.2, 0.1.2.post1)\nERROR: No matching distribution found for "
            "torch==0.3.1")
    p = parse_text(text)
    assert "torch" not in p.facts.packages
    explain(p)


def test_a_cuda_index_on_a_mac_is_no_gpu_not_an_unsupported_python():
    # holdout3 ultra8: "me@MY-MBP ULTRA % pip install torch==2.1.0 --index-url .../whl/cu118", from versions: none.

    f = findings(parse_text("(env) me@MY-MBP ULTRA % pip install torch==2.1.0 --index-url https://download.pytorch.org/whl/cu118\n"
                            "Looking in indexes: https://download.pytorch.org/whl/cu118\nERROR: Could not find a version that "
                            "satisfies the requirement torch==2.1.0 (from versions: none)\nERROR: No matching distribution "
                            "found for torch==2.1.0").facts)
    assert "cuda.no_gpu" in f and "python.unsupported_version" not in f and "cu118" in f["cuda.no_gpu"].message


def test_a_reporter_who_runs_on_the_cpu_is_not_told_to_install_a_cuda_build():
    # holdout3 openreid97: "since im running code on cpu windows 10 and disabled cuda()" under "not compiled with CUDA".
    f = findings(paste("since im running code on cpu windows 10 and disabled cuda()\n"
                       "AssertionError: Torch not compiled with CUDA enabled"))
    assert "cuda.cpu_only_build" not in f


def test_torchs_capability_warning_naming_an_amd_gpu_is_a_rocm_builds_not_a_cuda_arch_gap():
    # holdout3 rocmpytorch627: a working ROCm build prints "Found GPU0 Ellesmere [Radeon RX 470/480/570] which is of
    # cuda capability 3.0" and then computes on cuda:0.
    f = findings(paste("Found GPU0 Ellesmere [Radeon RX 470/480/570/570X/580/580X] which is of cuda capability 3.0.\n"
                       "tensor([9], device='cuda:0')"))
    assert "cuda.arch_not_in_build" not in f


def test_torchs_mps_minimum_message_on_an_intel_mac_is_not_a_macos_version_problem():
    # holdout3 sdwebui1557: "my 2020 Intel MacBook Pro": there the GPU, not only macOS, decides whether MPS exists.

    f = findings(parse_text("Install to my 2020 Intel MacBook Pro\nRuntimeError: The MPS backend is supported on MacOS "
                            "12.3+.Current OS version can be queried using `sw_vers`").facts)
    assert "mps.macos_too_old" not in f


def test_dockers_no_device_driver_for_gpus_is_a_container_without_the_nvidia_toolkit():
    # holdout3 nvdocker1591: `--gpus all` answered by 'could not select device driver "" with capabilities: [[gpu]]'.
    f = findings(paste('docker: Error response from daemon: could not select device driver "" with capabilities: [[gpu]].'))
    assert "nvidia-ctk" in " ".join(f["container.gpu_not_passed"].fix)


def test_cudnns_windows_loader_message_is_a_missing_cuda_library():
    # holdout3 pytorch46312 / reactor396: cuDNN 8's own "Could not load library / locate cudnn_ops_infer64_8.dll".
    f = findings(paste("Could not load library cudnn_ops_infer64_8.dll. Error code 126\n"
                       "Please make sure cudnn_ops_infer64_8.dll is in your library path!", os="windows"))
    assert "cudnn_ops_infer64_8.dll" in f["cuda.library_missing"].message


def test_not_compiled_with_cuda_on_a_mac_is_no_gpu_and_a_stated_gpu_less_pc_with_a_cuda_build_too():
    # holdout3 bertwsi1 ("installed pytorch in my Mac laptop") and pytorch101147 ("a computer without an nvidia
    # graphics card", torch 2.0.1+cu118).

    mac = findings(parse_text("I already installed pytorch in my Mac laptop.\nAssertionError: Torch not compiled with CUDA "
                              "enabled").facts)
    assert "cuda.no_gpu" in mac and "cuda.cpu_only_build" not in mac
    pc = findings(parse_text("I ran torch.cuda.is_available() on a computer without an nvidia graphics card\n"
                             "pytorch 2.0.1+cu118\nWindows10").facts)
    assert "cuda.no_gpu" in pc


def test_no_nvidia_driver_on_an_amd_machine_is_not_a_driver_to_load():
    # holdout3 comfy2058 / simswap421: torch's "Found no NVIDIA driver" beside an AMD GPU: rocm.cuda_build_on_amd.

    f = findings(parse_text("GPU: AMD Radeon RX 7900 XTX\nRuntimeError: Found no NVIDIA driver on your system.").facts)
    assert "cuda.driver_not_loaded" not in f


def test_a_kepler_geforce_known_only_by_name_is_too_old_for_a_modern_cuda_build():
    # gpu_models: GTX 680 is compute capability 3.0 (NVIDIA's cuda-gpus table); no torch 2.x build carries sm_30.
    gpu = nvidia("NVIDIA GeForce GTX 680", cc=None, driver="470.256.02", cuda="11.4")
    x = findings(facts(accelerators=[gpu], frameworks=[torch("2.1.2+cu118", cuda="11.8")]))
    assert "cuda.arch_not_in_build" in x and "3.0" in x["cuda.arch_not_in_build"].message


def test_a_mobile_maxwell_is_not_read_as_its_desktop_namesake():
    # GTX 960M is compute capability 5.0, GTX 960 is 5.2 (developer.nvidia.com/cuda-legacy-gpus): the first row wins.
    from hwprobe.reason import catalog as cat
    kb = Knowledge()
    assert cat.gpu_model(kb, "NVIDIA GeForce GTX 960M", "nvidia")["compute_capability"] == "5.0"
    assert cat.gpu_model(kb, "NVIDIA GeForce GTX 960", "nvidia")["compute_capability"] == "5.2"
    assert cat.gpu_model(kb, "GeForce GTX TITAN X", "nvidia")["compute_capability"] == "5.2"
    assert cat.gpu_model(kb, "GeForce GTX TITAN Black", "nvidia")["compute_capability"] == "3.5"


def test_a_gpu_model_typed_without_its_spaces_is_still_known():
    # "rtx3090" (openpose#1708), "GTX1080Ti", "RX6800XT": the vendors' names, and the gpu_models patterns, have spaces.
    from hwprobe.reason import catalog as cat
    kb = Knowledge()
    assert cat.gpu_model(kb, "rtx3090")["compute_capability"] == "8.6"
    assert cat.gpu_model(kb, "GTX1080Ti")["compute_capability"] == "6.1"
    assert cat.gpu_model(kb, "RX6800XT")["vendor"] == "amd"
    assert cat.gpu_model(kb, "GT730") is None  # a spacing rule is not a model: GT 730 has no row


def test_no_kernel_image_with_no_torch_in_the_paste_does_not_claim_the_build_is_torchs():
    # openpose#1708: Caffe's "Check failed: error == cudaSuccess (48 vs. 0)" on an RTX 3090; nothing names torch.
    text = ("i run demo on my pc with rtx3090 , and i get error as below:\nCheck failed: error == cudaSuccess "
            "(48 vs. 0) no kernel image is available for execution on the device.\n")
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "cuda.arch_not_in_build")
    assert "otherwise the program's own" in f.message and "If it is torch" in f.message
    assert "compute capability 8.6" in f.message
    named = parse_text("RuntimeError: CUDA error: no kernel image is available for execution on the device\n"
                       "torch 2.0.1+cu117\n").facts
    f = next(x for x in diagnose(named, Knowledge()) if x.code == "cuda.arch_not_in_build")
    assert "program's own" not in f.message


def test_protobufs_descriptor_error_is_a_protobuf_too_new_for_the_generated_code():
    # The message protobuf 4.21+ raises for _pb2 modules from protoc < 3.19 (https://protobuf.dev/news/2022-05-06/).
    x = findings(paste("TypeError: Descriptors cannot not be created directly.", packages={"tensorflow": "2.8.0"}))
    f = x["packages.conflict"]
    assert f.subject == "protobuf" and f.fix == ("python -m pip install 'protobuf==3.20.*'",)


def test_zshs_illegal_hardware_instruction_alone_is_a_lead_not_an_avx_diagnosis():
    # macOS's default shell words SIGILL this way, and an x86_64 Python under Rosetta has no AVX either.
    x = findings(paste("zsh: illegal hardware instruction  python"))
    assert x["cpu.avx_missing"].severity == "info" and "Rosetta" in x["cpu.avx_missing"].message
    y = findings(paste("zsh: illegal hardware instruction  python", os="linux"))
    assert y["cpu.avx_missing"].severity == "error"


def test_nvmls_driver_library_mismatch_is_a_driver_upgraded_without_a_reboot():
    x = findings(paste("Failed to initialize NVML: Driver/library version mismatch", os="linux"))
    assert x["cuda.driver_not_loaded"].fix == ("sudo reboot",)


def test_tensorflow_ignoring_a_gpu_below_its_minimum_capability_is_an_arch_gap():
    # TensorFlow's own device log line (tensorflow/core/common_runtime/gpu/gpu_device.cc).
    x = findings(paste("I tensorflow/core/common_runtime/gpu/gpu_device.cc:1858] Ignoring visible gpu device (device: 0, "
                       "name: GeForce GTX 670MX, pci bus id: 0000:01:00.0, compute capability: 3.0) with Cuda compute "
                       "capability 3.0. The minimum required Cuda capability is 3.5."))
    f = x["cuda.arch_not_in_build"]
    assert f.framework == "tensorflow" and "3.5" in f.message and "GTX 670MX" in f.message


def test_pips_from_versions_none_with_nothing_else_known_is_a_python_lead_not_a_diagnosis():
    line = "ERROR: Could not find a version that satisfies the requirement tensorflow (from versions: none)"
    assert findings(paste(line))["python.unsupported_version"].severity == "info"
    assert findings(paste(line, os="windows"))["python.unsupported_version"].severity == "warning"


def test_from_versions_none_for_a_python_older_than_the_first_release_for_it_dates_the_paste():
    # pytorch#70994: Python 3.10.1 came out 2021-12-06, torch 1.11 (the first with cp310 wheels) 2022-03-10.
    line = "ERROR: Could not find a version that satisfies the requirement torch (from versions: none)"
    early = findings(paste(line, os="linux", python="3.10.1"))["python.unsupported_version"]
    assert early.severity == "warning" and "torch 1.11 (2022-03-10)" in early.message and "2021-12-06" in early.message
    # 3.10.9 came out after torch 1.11, and "3.10" alone gives no date: a 32-bit build, an index... nothing named
    assert "python.unsupported_version" not in findings(paste(line, os="linux", python="3.10.9"))
    assert "python.unsupported_version" not in findings(paste(line, os="linux", python="3.10"))


def test_a_release_the_template_names_that_has_no_wheel_for_the_python_is_an_unsupported_python():
    # tensorflow#85298: 'TensorFlow version tf 2.8' with 'Python version 3.13'; pip finds none.
    line = "ERROR: Could not find a version that satisfies the requirement tensorflow (from versions: none)"
    f = findings(paste(line, os="windows", python="3.13", frameworks=(tf("2.8", status="unknown"),)))
    assert "the named tensorflow 2.8 has wheels for Python >=3.7,<3.11" in f["python.unsupported_version"].message
    fits = findings(paste(line, os="windows", python="3.8.3", frameworks=(tf("2.2", status="unknown"),)))
    assert "python.unsupported_version" not in fits  # tensorflow#41130: 2.2 has cp38 wheels, so another cause


def test_an_offer_of_only_torchs_old_0_1_2_releases_is_read_as_no_release_for_this_python():
    # pytorch#67669: pip offered 0.1.2* to a Python 3.10 that torch 1.10 had no wheel for.
    line = ("ERROR: Could not find a version that satisfies the requirement torch==1.10.0+cu113 (from versions: 0.1.2, "
            "0.1.2.post1, 0.1.2.post2)")
    f = findings(paste(line, os="linux"))["python.unsupported_version"]
    assert f.severity == "warning" and "the pinned torch 1.10.0+cu113 has wheels for Python" in f.message
    assert "0.1.2" not in f.message
    real = "ERROR: Could not find a version that satisfies the requirement torch==1.10.0 (from versions: 2.2.0, 2.3.0)"
    assert "pip offers torch 2.2.0 and newer only" in findings(paste(real, os="linux"))["python.unsupported_version"].message


def test_a_nightly_companion_beside_its_release_twin_is_a_conflict_but_a_nightly_tensorflow_with_them_is_not():
    # tensorflow#37756: tf-estimator-nightly and tb-nightly beside tensorflow 2.1.0's own companions.
    pk = {"tensorflow": "2.1.0", "tensorflow-estimator": "2.1.0", "tf-estimator-nightly": "2.3.0.dev2020032001",
          "tensorboard": "2.1.1", "tb-nightly": "2.2.0a20200320"}
    f = findings(paste("", packages=pk))["packages.conflict"]
    assert "tensorflow-estimator 2.1.0 and tf-estimator-nightly" in f.message
    assert f.fix[0].endswith("uninstall -y tf-estimator-nightly tb-nightly")
    assert "packages.conflict" not in findings(paste("", packages={"tf-nightly": "2.3.0.dev20200320",
                                                                   "tb-nightly": "2.2.0a20200320"}))


def test_kfd_denied_and_kfd_missing_in_one_paste_is_a_lead_not_a_group_fix():
    x = findings(paste("cat /dev/kfd: Permission denied\nand `kfd` in /dev does not exist"))
    assert x["rocm.permission"].severity == "info" and "ls -l /dev/kfd" in x["rocm.permission"].message
    assert findings(paste("cat /dev/kfd: Permission denied"))["rocm.permission"].severity == "error"



def test_an_mps_operation_minimum_is_a_macos_update_and_its_cpu_fallback_warning_only_a_lead():
    # torch's MPS kernels: TORCH_CHECK for int64 power (BinaryOps.mm), TORCH_WARN_ONCE + CPU fallback for others.
    err = findings(paste("RuntimeError: MPS: power op with int64 input is supported natively starting from macOS 13.2.",
                         os="darwin"))["mps.macos_too_old"]
    assert err.severity == "error" and "13.2" in err.message
    warn = findings(paste("UserWarning: MPS: nonzero op is supported natively starting from macOS 14.0. Falling back on "
                          "CPU. This may have performance implications.", os="darwin"))["mps.macos_too_old"]
    assert warn.severity == "info"


def test_metal_registered_twice_is_a_tensorflow_metal_pair_that_does_not_fit():
    x = findings(paste('F tensorflow/c/experimental/stream_executor/stream_executor.cc:808] Non-OK-status: '
                       'RegisterPlatform( std::move(cplatform)) status: INTERNAL: platform is already registered with '
                       'name: "METAL"'))
    assert "a second time" in x["tf.metal_plugin"].message


def test_a_missing_libtpu_module_on_a_tpu_vm_is_tpu_not_found():
    x = findings(paste("ModuleNotFoundError: No module named 'libtpu'"))
    assert "torch_xla[tpu]" in x["tpu.not_found"].message


def test_fails_due_to_no_nvidia_gpu_is_the_users_word_that_there_is_none():
    x = findings(paste("it fails due to no Nvidia GPU:\nRuntimeError: Found no NVIDIA driver on your system. Please check "
                       "that you have an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx"))
    assert "cuda.no_gpu" in x and "cuda.driver_not_loaded" not in x  # no module to load on a machine without one


def test_tensorflows_lone_cudart_dlerror_with_no_gpu_in_sight_is_a_lead():
    # TensorFlow prints it at every import without a GPU and says to ignore it then (cudart_stub.cc).
    line = ("W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
            "'cudart64_110.dll'; dlerror: cudart64_110.dll not found")
    assert findings(paste(line))["cuda.library_missing"].severity == "info"
    assert findings(paste("I installed CUDA 11.2 for my GPU\n" + line))["cuda.library_missing"].severity == "error"


def test_torchs_driver_too_old_message_is_not_checked_against_the_system_toolkit():
    # torch's wheels bring their own CUDA: nvcc 11.2 on the system says nothing about what torch needs.
    x = findings(paste("The NVIDIA driver on your system is too old (found version 11040).\n"
                       "Cuda compilation tools, release 11.2, V11.2.152"))
    assert "cuda.driver_too_old" in x


def test_jaxlibs_own_avx_check_is_a_cpu_without_avx():
    x = findings(paste("RuntimeError: This version of jaxlib was built using AVX instructions, which your CPU and/or "
                       "operating system do not support. You may be able work around this issue by building jaxlib "
                       "from source.", os="linux"))
    assert "jaxlib" in x["cpu.avx_missing"].message


def test_no_cuda_gpus_after_is_available_true_is_a_visibility_variable_the_program_sets():
    # thuml/Anomaly-Transformer#74: the project's scripts export CUDA_VISIBLE_DEVICES with an id the machine lacks.
    x = findings(paste("torch.cuda.is_available(): True\nbut:\nRuntimeError: No CUDA GPUs are available", os="linux"))
    f = x["cuda.devices_hidden"]
    assert f.severity == "warning" and f.fix == ("grep -rn CUDA_VISIBLE_DEVICES --include='*.py' --include='*.sh' .",)
    assert "cuda.devices_hidden" not in findings(paste("RuntimeError: No CUDA GPUs are available", os="linux"))


def test_an_nvidia_module_refused_by_secure_boot_names_the_key_enrolment():
    x = findings(paste("modprobe: ERROR: could not insert 'nvidia': Key was rejected by service", os="linux"))
    f = x["cuda.driver_not_loaded"]
    assert "Secure Boot" in f.message and f.fix == ("mokutil --sb-state",)


def test_the_nvidia_installers_module_load_error_is_a_module_that_is_not_loaded():
    x = findings(paste("ERROR: Unable to load the kernel module 'nvidia.ko'.  This happens most frequently when this "
                       "kernel module was built against the wrong or improperly configured kernel sources", os="linux"))
    assert x["cuda.driver_not_loaded"].severity == "error" and "Secure Boot" not in x["cuda.driver_not_loaded"].message


def test_jaxs_tpu_init_failure_is_a_tpu_finding_only_where_the_paste_is_about_a_tpu():
    line = "UserWarning: cloud_tpu_init failed: KeyError('')"
    assert "tpu.not_found" in findings(paste("Trying to use TPU in CoLab\n" + line))
    assert "tpu.not_found" not in findings(paste(line))


def test_a_libtpu_without_a_function_tensorflow_looks_up_is_a_libtpu_of_another_release():
    x = findings(paste("F ./tensorflow/core/tpu/tpu_library_init_fns.inc:98] TpuEmbeddingEngine_ExecutePartitioner not "
                       "available in this library."))
    assert "tpu.not_found" in x


def test_nvidia_smi_without_nvml_inside_wsl2_is_the_wsl_gpu_path():
    x = findings(paste("NVIDIA-SMI couldn't find libnvidia-ml.so library in your system.", os="linux", wsl_facts=wsl()))
    assert "wsl.gpu_unavailable" in x and "cuda.driver_not_loaded" not in x


def test_tensorflows_cpu_feature_guard_for_avx2_or_sse4_names_that_instruction_set():
    x = findings(paste("F tensorflow/core/platform/cpu_feature_guard.cc:35] The TensorFlow library was compiled to use "
                       "AVX2 instructions, but these aren't available on your machine.", os="linux"))
    assert "lacks AVX2" in x["cpu.avx_missing"].message


def test_invalid_device_ordinal_with_a_visibility_list_is_a_device_past_the_visible_ones():
    x = findings(paste("RuntimeError: cuda runtime error (101) : invalid device ordinal",
                       env={"CUDA_VISIBLE_DEVICES": "1,2"}, os="linux"))
    assert "leaves 2 GPUs visible" in x["cuda.devices_hidden"].message


def test_cuda_visible_devices_all_is_not_a_cuda_device_list():
    # 'all' is NVIDIA_VISIBLE_DEVICES' word; CUDA stops at the first invalid entry (CUDA C++ Programming Guide).
    x = findings(paste("RuntimeError: No CUDA GPUs are available", env={"CUDA_VISIBLE_DEVICES": "all"}, os="linux"))
    assert "cuda.devices_hidden" in x
    from hwprobe.reason.rules.cuda import _hides_all

    assert _hides_all("all", 1) and not _hides_all("$GPU", 1) and not _hides_all("0,1", 2)  # "$GPU" expands at run time


def test_jax_and_jaxlib_of_releases_that_do_not_pair_is_a_package_conflict_fixed_at_one_release():
    x = findings(paste("RuntimeError: jaxlib version 0.4.14 is newer than and incompatible with jax version 0.4.6. "
                       "Please update your jax and/or jaxlib packages.", os="linux"))
    assert x["packages.conflict"].fix == ("python -m pip install jax==0.4.14 jaxlib==0.4.14",)


def test_rocblas_without_a_tensile_library_for_the_gpu_is_an_unsupported_arch():
    x = findings(paste("rocBLAS error: Cannot read /opt/rocm/lib/rocblas/library/TensileLibrary.dat: No such file or "
                       "directory for GPU arch : gfx1036", os="linux"))
    assert "gfx1036" in x["rocm.arch_unsupported"].message


def test_torch_xlas_permission_denied_on_dev_accel_is_a_tpu_held_by_another_process():
    x = findings(paste("(PERMISSION_DENIED: open(/dev/accel0)", os="linux"))
    assert "held by another process" in x["tpu.not_found"].message


def test_jaxs_libtpu_probe_on_a_gpu_machine_is_not_a_tpu_finding():
    # google-deepmind/alphafold3#656: jax probes the TPU backend at start-up; on a GPU machine the line is noise.
    line = ("xla_bridge.py:841] Unable to initialize backend 'tpu': INTERNAL: Failed to open libtpu.so: libtpu.so: "
            "cannot open shared object file: No such file or directory")
    assert "tpu.not_found" not in findings(paste(line, accelerators=[nvidia("NVIDIA RTX 6000 Ada Generation")]))



def test_a_cpu_torch_with_no_gpu_in_sight_and_no_cuda_request_is_not_told_to_install_a_cuda_build():
    # openfederatedlearning#999: a NumPy 2 question on torch 2.2.2+cpu; nothing asks for CUDA.
    quiet = paste("A module that was compiled using NumPy 1.x cannot be run in", frameworks=[torch("2.2.2+cpu", cuda=None)])
    assert "cuda.cpu_only_build" not in findings(quiet)
    asked = paste("torch.cuda.is_available() returns False", frameworks=[torch("2.2.2+cpu", cuda=None)])
    assert "cuda.cpu_only_build" in findings(asked)


def test_ollamas_lower_case_kfd_permission_denied_is_a_group_problem():
    x = findings(paste('error="permissions not set up properly.  Either run ollama as root, or add you user account to '
                       'the render group. open /dev/kfd: permission denied"', os="linux"))
    assert "rocm.permission" in x


def test_torch_xlas_missing_xla_configuration_on_a_tpu_is_a_tpu_not_configured():
    x = findings(paste("On my TPU node, after pytorch-xla-env-setup.py:\nRuntimeError: "
                       "tensorflow/compiler/xla/xla_client/computation_client.cc:234 : Missing XLA configuration"))
    assert "PJRT_DEVICE=TPU" in x["tpu.not_found"].message


def test_nvidia_smi_failing_in_wsl_without_a_version_gets_no_linux_driver_advice():
    # microsoft/WSL#9134: the GPUs work on Windows; loading a Linux kernel module is the wrong fix under WSL.
    x = findings(paste("I get this error in WSL:\nNVIDIA-SMI has failed because it couldn't communicate with the NVIDIA "
                       "driver. Make sure that the latest NVIDIA driver is installed and running.",
                       accelerators=[nvidia("NVIDIA GeForce RTX 2080 Ti", cc=None)]))
    assert "cuda.driver_not_loaded" not in x


def test_cudas_insufficient_driver_with_no_framework_is_the_programs_and_offers_no_empty_either():
    # roop-unleashed#465: onnxruntime's "CUDA failure 35" with neither a driver nor a framework in the paste.
    text = ("onnxruntime::CudaCall CUDA failure 35: CUDA driver version is insufficient for CUDA runtime version ; "
            "GPU=-2011338632 ; expr=cudaSetDevice(info_.device_id);\nI am using cuda 11.8.\n")
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "cuda.driver_too_old")
    assert f.subject == "cuda" and f.framework is None
    assert "Update the driver (" in f.message and "Either" not in f.message


def test_an_insufficient_driver_under_wsl_1_is_wsl_1_having_no_gpu_not_an_old_driver():
    # microsoft/WSL#6122: cudaErrorInsufficientDriver with a 4.4.0-...-Microsoft kernel (WSL 1).
    text = ("CUDA throw cudaErrorInsufficientDriver error\n\nLinux version 4.4.0-20236-Microsoft "
            "(Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1000-Microsoft Thu Oct 09 16:31:00 PST 2020\n")
    codes = [x.code for x in diagnose(parse_text(text).facts, Knowledge())]
    assert "wsl.gpu_unavailable" in codes and "cuda.driver_too_old" not in codes


def test_dockers_refused_gpu_request_on_a_mac_is_no_nvidia_gpu_not_a_missing_toolkit():
    # fofr/cog-face-to-sticker#12: a Mac Studio M1 Max; Cog's `--gpus` retry notice, then "Found no NVIDIA driver".
    text = ("I'm trying to run it on a Mac Studio M1 Max but obviously it fails.\n"
            "docker: Error response from daemon: could not select device driver \"\" with capabilities: [[gpu]].\n"
            "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and "
            "installed a driver from http://www.nvidia.com/Download/index.aspx\n")
    found = {x.code: x for x in diagnose(parse_text(text).facts, Knowledge())}
    assert "container.gpu_not_passed" not in found
    assert "cuda.no_gpu" in found and "Docker on a Mac" in found["cuda.no_gpu"].message


def test_an_apollo_lake_celeron_with_tensorflow_lacks_avx_though_lscpu_is_cut_before_its_flags():
    # tensorflow#36503: lscpu cut at "Flags: fpu vme de pse"; the model name (Goldmont, no AVX) carries it.
    text = ("tensorflow 2.1.0 from pip3\n$ lscpu\nArchitecture:        x86_64\nVendor ID:           GenuineIntel\n"
            "Model name:          Intel(R) Celeron(R) CPU J3455 @ 1.50GHz\nFlags:               fpu vme de pse")
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "cpu.avx_missing")
    assert f.severity == "error" and "Apollo Lake" in f.message
    # the same flags line read whole: the flags themselves say it, and the evidence says which were seen
    f = next(x for x in diagnose(parse_text(text + "\n").facts, Knowledge()) if x.code == "cpu.avx_missing")
    assert "CPU flags without avx (none of the flags hwprobe tracks)" in f.evidence


def test_numpys_struct_size_check_is_an_abi_mismatch_also_when_its_line_is_wrapped():
    # refraction-ray/xalpha#189 (one line) and mjhydri/BeatNet#6 (wrapped before "Expected").
    one = ("numpy.dtype size changed, may indicate binary incompatibility. Expected 96 from C header, "
           "got 88 from PyObject \n")
    f = next(x for x in diagnose(parse_text(one).facts, Knowledge()) if x.code == "numpy.abi_mismatch")
    assert f.severity == "error" and "88 bytes here, its build expected 96" in f.message and not f.fix
    wrapped = ("ValueError: numpy.ndarray size changed, may indicate binary incompatibility. \n"
               "Expected 96 from C header, got 88 from PyObject!\n")
    f = next(x for x in diagnose(parse_text(wrapped).facts, Knowledge()) if x.code == "numpy.abi_mismatch")
    assert "numpy.ndarray's size differs" in f.message


def test_a_torch_library_an_extension_cannot_open_is_an_extension_of_another_torch():
    # TEAMuP-dev/audacitorch#9: importing torchaudio after another package reinstalled torch.
    text = ("it prevents me from importing torchaudio with the message `OSError: libtorch_cuda_cpp.so: cannot open "
            "shared object file: No such file or directory`.\n")
    codes = [x.code for x in diagnose(parse_text(text).facts, Knowledge())]
    assert codes[:1] == ["packages.conflict"] and "cuda.library_missing" not in codes
    # torch's own library, with no extension named: not this finding
    bare = "OSError: libtorch_cuda_cpp.so: cannot open shared object file: No such file or directory\n"
    assert "packages.conflict" not in [x.code for x in diagnose(parse_text(bare).facts, Knowledge())]


def test_ollamas_unsupported_gfx_is_its_own_rocm_builds_and_gets_the_override_not_a_torch_reinstall():
    # ollama/ollama#4099: a Radeon 780M (gfx1103) and ollama's bundled ROCm targets.
    text = ('time=2024-05-02T12:17:03.657Z level=WARN source=amd_linux.go:116 msg="amdgpu [0] gfx1103 is not '
            'supported by /tmp/ollama2145067703/rocm [gfx1030 gfx1100 gfx1101 gfx1102 gfx900 gfx906 gfx908 gfx90a '
            'gfx940 gfx941 gfx942]"\n')
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "rocm.arch_unsupported")
    assert "(the program's own list)" in f.message and "This program's ROCm build" in f.message
    assert f.fix == ("export HSA_OVERRIDE_GFX_VERSION=11.0.0",)


def test_nvidia_smi_missing_beside_a_working_gpus_test_container_is_a_container_started_without_gpus():
    # iot-salzburg/gpu-jupyter#22: the --gpus test container runs nvidia-smi; the notebook container has none.
    text = ("despite confirmative output at \ndocker run --gpus all nvidia/cuda:10.1-base-ubuntu18.04 nvidia-smi\n\n"
            "> NVIDIA-SMI 450.51.05    Driver Version: 450.51.05    CUDA Version: 11.0\n\n"
            'cuda is not available in pylabs. "torch.cuda.is_available()" returns "False".\n'
            '"!nvidia-smi" in the notebook does also not work: "/bin/bash: nvidia-smi: command not found"\n')
    codes = [x.code for x in diagnose(parse_text(text).facts, Knowledge())]
    assert codes[:1] == ["container.gpu_not_passed"]
    assert "cuda.driver_not_loaded" not in codes and "cuda.no_gpu" not in codes


def test_a_singularity_shell_without_nv_is_a_container_without_the_gpu_and_the_fix_is_nv():
    # apptainer/singularity#6203: `singularity shell nemo.sif`, then Lightning's "your machine only has: []".
    text = ("singularity build nemo.sif docker:zhan0502/nemo\nsingularity shell nemo.sif\n\n"
            "Singularity> python3 test_train_q.py\n"
            "pytorch_lightning.utilities.exceptions.MisconfigurationException: You requested GPUs: [0]\n"
            " But your machine only has: []\n")
    found = {x.code: x for x in diagnose(parse_text(text).facts, Knowledge())}
    f = found["container.gpu_not_passed"]
    assert "`singularity shell` without --nv" in f.message and "--nv" in f.message and "--gpus" not in f.message
    with_nv = text.replace("singularity shell nemo.sif", "singularity shell --nv nemo.sif")
    assert "container.gpu_not_passed" not in [x.code for x in diagnose(parse_text(with_nv).facts, Knowledge())]


# A compose service as in docker/compose#7929's samples, with torch's autocast warning as tibava#2 pasted it.
_COMPOSE = ("```yaml\nservices:\n  test:\n    image: pytorch/pytorch:2.0.1-cuda11.7-cudnn8-runtime\n"
            "    command: python train.py\n```\n"
            "test-1  | /opt/conda/lib/python3.10/site-packages/torch/amp/autocast_mode.py:250: UserWarning: User "
            "provided device_type of 'cuda', but CUDA is not available. Disabling\n")
_RESERVATION = ("    deploy:\n      resources:\n        reservations:\n          devices:\n"
                "          - driver: nvidia\n            count: 1\n            capabilities: [gpu]\n")


def test_a_compose_service_that_asks_for_no_gpu_is_a_container_without_the_gpu():
    found = diagnose(parse_text(_COMPOSE).facts, Knowledge())
    assert found[0].code == "container.gpu_not_passed" and found[0].severity == "error"
    assert "compose service" in found[0].message and "capabilities: [gpu]" in found[0].message
    assert "https://docs.docker.com/compose/how-tos/gpu-support/" in found[0].sources


def test_a_compose_gpu_reservation_that_gave_no_gpu_is_a_lead_not_a_diagnosis():
    text = _COMPOSE.replace("    command: python train.py\n", "    command: python train.py\n" + _RESERVATION)
    found = [f for f in diagnose(parse_text(text).facts, Knowledge()) if f.code == "container.gpu_not_passed"]
    assert [f.severity for f in found] == ["info"]
    assert "runtime: nvidia" in found[0].message and "docker compose config" in found[0].message
    assert explain(parse_text(text)).explanation.verdict == "not_enough_information"


def test_a_compose_service_on_the_nvidia_runtime_is_not_a_container_without_the_gpu():
    for key in ("    runtime: nvidia\n", "    gpus: all\n"):
        text = _COMPOSE.replace("    command: python train.py\n", "    command: python train.py\n" + key)
        assert "container.gpu_not_passed" not in [f.code for f in diagnose(parse_text(text).facts, Knowledge())]


def test_a_pasted_deploy_block_alone_is_read_as_a_compose_container_with_its_reservation():
    # cresset-template/cresset#216 pasted only the service's deploy block, under a title saying CUDA is not detected
    text = ("CUDA runtime detection failure.\n\n```\ndeploy: # API dependent on compose version.\n  resources:\n"
            "    reservations:\n      devices:\n        - driver: nvidia\n          capabilities: [ gpu ]\n```\n")
    box = parse_text(text).facts.host.container
    assert box is not None and box.runtime == "docker"
    assert box.gpu_hints == ("a compose GPU reservation (deploy.resources.reservations.devices)",)


def test_the_ngc_entrypoints_advice_to_use_nvidia_docker_still_reads_as_a_container_without_the_gpu():
    # nvidia-docker#1071: the warning quotes `nvidia-docker run`; what ran was plain `docker`.
    text = ("`WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
            "   Use 'nvidia-docker run' to start this container; see\n"
            "   https://github.com/NVIDIA/nvidia-docker/wiki/nvidia-docker`\n")
    found = diagnose(parse_text(text).facts, Knowledge())
    assert found[0].code == "container.gpu_not_passed" and "entrypoint" in found[0].message


def test_nvidia_docker_run_is_not_called_a_container_started_without_gpus():
    # pytorch#18690: the container was started with nvidia-docker; why CUDA fails is not settled by the paste.
    text = ("this is the command I used to create a container:\n"
            "NV_GPU=0 nvidia-docker run -it --rm pytorch/pytorch:1.0.1-cuda10.0-cudnn7-devel\n"
            "I found that torch.cuda.is_available() is always False.\n")
    assert "container.gpu_not_passed" not in [f.code for f in diagnose(parse_text(text).facts, Knowledge())]


def test_an_nvidia_module_that_is_not_found_at_boot_or_by_mkinitcpio_is_a_driver_not_loaded():
    # gridhead/nvidia-auto-installer-for-fedora-linux#288 (KDE's start screen) and
    # korvahannu/arch-nvidia-drivers-installation-guide#37 (mkinitcpio after a DKMS build failed).
    for text in ('the start screen of KDE Plasma shows "NVIDIA kernel module not found. Falling back to Nouveau."\n',
                 "==> ERROR: module not found: 'nvidia'\n==> ERROR: module not found: 'nvidia_modeset'\n"):
        found = diagnose(parse_text(text).facts, Knowledge())
        assert found[0].code == "cuda.driver_not_loaded" and found[0].severity == "error"


def test_found_no_nvidia_driver_retyped_with_two_spaces_on_an_amd_card_is_a_cuda_build_on_amd():
    # lllyasviel/Fooocus#1190: an RX 550 on Windows, the message retyped in prose.
    text = ('I\'m unable to run this properly on my AMD RX 550 GPU-powered PC. It\'s getting the issue "Found no NVIDIA  '
            'driver on your system. How can I use this with my AMD GPU?\n'
            "Python 3.10.9 (tags/v3.10.9:1dd9be6, Dec  6 2022, 20:01:21) [MSC v.1934 64 bit (AMD64)]\n")
    found = diagnose(parse_text(text).facts, Knowledge())
    assert found[0].code == "rocm.cuda_build_on_amd"
    assert not any(f.code in ("cuda.driver_not_loaded", "cuda.driver_too_old") for f in found)


def test_bitsandbytes_not_finding_libcuda_under_wsl2_is_the_wsl_library_path():
    # lxe/simple-llm-finetuner#13: bitsandbytes 0.37's CUDA setup under WSL2.
    text = ("(WSL2) - No GPU / Cuda detected....\n\nCUDA SETUP: WARNING! libcuda.so not found! Do you have a CUDA "
            "driver installed? If you are on a cluster, make sure you are on a CUDA machine!\n")
    found = diagnose(parse_text(text).facts, Knowledge())
    assert found[0].code == "wsl.gpu_unavailable" and "LD_LIBRARY_PATH" in found[0].message


def test_a_container_runtime_that_finds_no_nvidia_smi_to_start_got_no_gpu():
    # NVIDIA/nvidia-container-runtime#190 (podman's crun) and Docker's runc form of the same failure.
    crun = ("* `sudo podman run --rm --gpus all ubuntu nvidia-smi -L`\n"
            "Error: crun: executable file `nvidia-smi` not found in $PATH: No such file or directory: OCI runtime "
            "attempted to invoke a command that was not found\n")
    f = diagnose(parse_text(crun).facts, Knowledge())[0]
    assert f.code == "container.gpu_not_passed" and f.severity == "error"
    assert f.fix[0] == "sudo nvidia-ctk cdi generate --output=/etc/cdi/nvidia.yaml"
    runc = ('docker: Error response from daemon: OCI runtime create failed: container_linux.go:349: starting container '
            'process caused "exec: \\"nvidia-smi\\": executable file not found in $PATH": unknown.\n')
    f = diagnose(parse_text(runc).facts, Knowledge())[0]
    assert f.code == "container.gpu_not_passed" and f.fix == (
        "sudo nvidia-ctk runtime configure --runtime=docker", "sudo systemctl restart docker")


def test_an_enroot_container_without_nvidia_visible_devices_got_no_gpu():
    # NVIDIA/enroot#205: a plain Ubuntu image under pyxis; enroot's NVIDIA hook needs NVIDIA_VISIBLE_DEVICES.
    text = ("srun \\\n  --nodes=1 --gpus=2 \\\n  --container-image=\"myimage\" \\\n  --pty bash -i\n"
            "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and "
            "installed a driver from http://www.nvidia.com/Download/index.aspx\n")
    found = diagnose(parse_text(text).facts, Knowledge())
    assert found[0].code == "container.gpu_not_passed" and "NVIDIA_VISIBLE_DEVICES" in found[0].message
    assert "cuda.driver_not_loaded" not in [f.code for f in found]


def test_another_librarys_cpu_build_is_a_diagnosis_beside_an_nvidia_gpu_and_a_lead_without_one():
    # apache/mxnet#3739 (a GTX1060 named) and PaddlePaddle/PARL#929 (no GPU shown; Paddle's message offers both).
    mx = ("I'm using Ubuntu 16.04,GTX1060,cuda8.0,cudnnv5.1\n"
          "mxnet.base.MXNetError: [11:28:30] src/storage/storage.cc:78: Compile with USE_CUDA=1 to enable GPU usage\n")
    f = diagnose(parse_text(mx).facts, Knowledge())[0]
    assert (f.code, f.severity, f.subject) == ("cuda.cpu_only_build", "error", "mxnet") and "mxnet-cu112" in f.message
    paddle = "Cannot use GPU because you have installed CPU version PaddlePaddle.\n"
    f = next(f for f in diagnose(parse_text(paddle).facts, Knowledge()) if f.code == "cuda.cpu_only_build")
    assert (f.severity, f.subject, f.fix) == ("info", "paddlepaddle", ("python -m pip uninstall -y paddlepaddle",))
    assert explain(parse_text(paddle)).explanation.verdict == "not_enough_information"


def test_a_rocblas_message_shows_the_torch_in_use_is_a_rocm_build():
    # pytorch#96964: a 7900 XTX, "Pytorch: 2.0.0 / install by: pip install" and rocBLAS's missing TensileLibrary.dat:
    # PyPI's default wheel is CUDA's, but only a ROCm build reaches rocBLAS.
    text = ("rocBLAS error: Cannot read /home/u/miniconda3/envs/p/lib/python3.9/site-packages/torch/lib/rocblas/library/"
            "TensileLibrary.dat: No such file or directory\n\n### Versions\n\nGPU：AMD 7900XTX\nOS：Ubuntu 22.04\n"
            "Pytorch: 2.0.0\ninstall by: pip install\n")
    codes = [f.code for f in diagnose(parse_text(text).facts, Knowledge())]
    assert codes[:1] == ["rocm.arch_unsupported"] and "rocm.cuda_build_on_amd" not in codes


def test_a_missing_dev_dxg_under_wsl2_is_the_gpu_not_passed_into_wsl():
    # microsoft/WSL#6617: the WSL team's own report of Insider build 21327, in WSL's issue template.
    text = ("Windows build number: 21327\nYour Distribution version: All distros\n"
            "Whether the issue is on WSL 2 and/or WSL 1: WSL 2\n\n"
            "Trying to use any Linux application that leverages the GPU on Windows will not work. Additionally "
            "/dev/dxg is not visible.\n")
    facts = parse_text(text).facts
    assert facts.host.wsl is not None and facts.host.wsl.version == 2
    found = diagnose(facts, Knowledge())
    assert found[0].code == "wsl.gpu_unavailable" and "/dev/dxg" in found[0].message
    assert not any(f.code in ("cuda.driver_not_loaded", "cuda.no_gpu") for f in found)


def test_an_illegal_instruction_on_a_cpu_without_avx_names_no_framework_the_paste_does_not_show():
    # wenbowen123/BundleTrack#43: the project's own C++ binary, "there is no tensorflow in there".
    text = ("> /home/u/BundleTrack/build/bundle_track_ycbineoat /tmp/config_ycb_dir.yml\n> illegal instruction (core dumped)\n"
            "flags: fpu vme de pse tsc msr pae mce cx8 apic sep mtrr sse sse2 ssse3 sse4_1 sse4_2 popcnt aes\n")
    f = next(f for f in diagnose(parse_text(text).facts, Knowledge()) if f.code == "cpu.avx_missing")
    assert f.framework is None and "TensorFlow binaries (1.6 and newer) are compiled" not in f.message
    assert f.message.startswith("This CPU lacks AVX")


def test_an_amd_machine_with_a_torch_of_unknown_build_is_not_called_a_cuda_build():
    # ROCm/rocm-libraries#5184: "ROCm 6.4.1 and PyTorch 2.5.1", the RX 7900 XTX working as cuda:0.
    text = ("On a system with ROCm 6.4.1 and PyTorch 2.5.1, I have both an iGPU and a dGPU available:\n"
            "- GPU[0]: Radeon RX 7900 XTX (Device ID: 0x744c, recognized as cuda:0)\n")
    assert "rocm.cuda_build_on_amd" not in [f.code for f in diagnose(parse_text(text).facts, Knowledge())]
    # ogkalu2/comic-translate#210: torch asked and saw no GPU beside a Radeon: the CUDA build is shown
    seen_none = "Radeon GPU and Cuda incompatibility\n\ntorch.cuda.is_available(): False\ntorch.cuda.device_count(): 0\n"
    assert diagnose(parse_text(seen_none).facts, Knowledge())[0].code == "rocm.cuda_build_on_amd"


def test_xlas_no_cuda_device_on_a_colab_tpu_runtime_is_not_a_missing_gpu():
    # jax-ml/jax#14481: jax on a Colab TPU; XLA's cuInit line is noise there.
    text = ("Running jax code on Colab with TPU, however, it failed to find TPU and fell back to CPU.\n"
            "E external/org_tensorflow/tensorflow/compiler/xla/stream_executor/cuda/cuda_driver.cc:267] failed call to "
            "cuInit: CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\n")
    assert "cuda.no_gpu" not in [f.code for f in diagnose(parse_text(text).facts, Knowledge())]


def test_a_bare_illegal_instruction_with_no_tensorflow_in_the_paste_is_not_said_to_be_tensorflows():
    # davisking/dlib#1820: dlib's own source build dumps core; no CPU flags are pasted.
    text = "Illegal Instruction (Core Dump) on Dlib face_detection and landmark detection\n"
    f = next(f for f in diagnose(parse_text(text).facts, Knowledge()) if f.code == "cpu.avx_missing")
    assert f.framework is None and "on import of TensorFlow" not in f.message and "grep -o -w avx" in f.message


def test_pip_offering_only_intel_mac_releases_on_apple_silicon_is_a_rosetta_python():
    # nanoporetech/medaka#526: "(from medaka)" before the offer, and the template's "[e.g. Ubuntu 16.04]" left in.
    text = ("ERROR: Could not find a version that satisfies the requirement torch~=2.3 (from medaka) (from versions: "
            "1.13.1, 2.0.0, 2.1.0, 2.2.0, 2.2.1, 2.2.2)\nERROR: No matching distribution found for torch~=2.3\n"
            " - OS: [e.g. Ubuntu 16.04] Mac M1 (possibly in emulator mode)\n")
    facts = parse_text(text).facts
    assert (facts.host.os, facts.host.arch) == ("darwin", "aarch64")
    codes = [f.code for f in diagnose(facts, Knowledge())]
    assert codes[:1] == ["host.rosetta_python"] and "python.unsupported_version" not in codes


def test_a_requirement_range_pip_cannot_meet_is_read_as_its_newest_release():
    # HumanCompatibleAI/evaluating-rewards#39: tensorflow<1.16,>=1.15 on Python 3.8; pip offers 2.2.0rc3 and newer.
    text = ("Could not find a version that satisfies the requirement tensorflow<1.16,>=1.15 (from evaluating-rewards==0.1.1) "
            "(from versions: 2.2.0rc3, 2.2.0, 2.2.1, 2.3.0, 2.3.1)\n")
    f = next(f for f in diagnose(parse_text(text).facts, Knowledge()) if f.code == "python.unsupported_version")
    assert "tensorflow 1.15" in f.message and "Python 3.8" in f.message and "3.7" in f.message


def test_a_packages_own_refusal_of_the_python_is_an_unsupported_python():
    # pip's Requires-Python check, and jax's build script (jax-ml/jax#16616).
    f = diagnose(parse_text("ERROR: Package 'torch' requires a different Python: 3.7.0 not in '>=3.8.0'\n").facts,
                 Knowledge())[0]
    assert (f.code, f.subject, f.severity) == ("python.unsupported_version", "torch", "error")
    assert "Python >=3.8.0" in f.message and "Python 3.8" in f.message
    f = diagnose(parse_text("ERROR: JAX requires Python 3.9 or newer, found  (3, 8)\n").facts, Knowledge())[0]
    assert (f.code, f.subject) == ("python.unsupported_version", "jax") and "Python 3.9" in f.message


def test_the_kernels_invalid_opcode_trap_and_a_missing_module_from_modinfo_are_read():
    # deepfakes/faceswap-playground#37 (dmesg) and Bumblebee-Project/Bumblebee#527 (modinfo).
    trap = ("python[24460] trap invalid opcode ip:7fb4d67981ad sp:7ffd16de66c0 error:0 in "
            "dlib.cpython-36m-x86_64-linux-gnu.so[7fb4d6309000+5c5000]\n")
    assert diagnose(parse_text(trap).facts, Knowledge())[0].code == "cpu.avx_missing"
    modinfo = ("modinfo: ERROR: Module nvidia-current not found.\n"
               "01:00.0 3D controller [0302]: NVIDIA Corporation GK106M [GeForce GTX 765M] [10de:11e2](rev ff)\n")
    assert diagnose(parse_text(modinfo).facts, Knowledge())[0].code == "cuda.driver_not_loaded"


def test_xformers_built_for_another_torch_is_a_conflict_unless_the_torch_is_a_cpu_build():
    # w1oves/Rein#27 (built for 2.0.1+cu118, "you have 2.0.1"); a "+cpu" torch is cuda.cpu_only_build's.
    text = ("WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:\n"
            "    PyTorch 2.0.1+cu118 with CUDA 1108 (you have 2.0.1)\n    Python  3.8.16 (you have 3.8.13)\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert (f.code, f.subject) == ("packages.conflict", "xformers") and "2.0.1+cu118" in f.message
    cpu = text.replace("(you have 2.0.1)", "(you have 2.0.1+cpu)")
    assert "packages.conflict" not in [f.code for f in diagnose(parse_text(cpu).facts, Knowledge())]


def test_intel_homebrews_python_on_an_m1_is_a_rosetta_python():
    # zackees/transcribe-anything#52: "Python errors on M1", a Python from /usr/local/Cellar.
    text = ("Python errors on M1\n\nTraceback (most recent call last):\n"
            '  File "/usr/local/Cellar/python@3.10/3.10.18/Frameworks/Python.framework/Versions/3.10/lib/python3.10/'
            'subprocess.py", line 503, in run\n')
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert f.code == "host.rosetta_python"


def test_an_os_the_reporter_says_they_are_not_using_is_not_read():
    # invoke-ai/InvokeAI#7520: "And no I am not using Windows 7 it's a very convincing theme".
    assert parse_text("And no I am not using Windows 7 it's a very convincing theme isn't it? :)\n").facts.host.os is None
    assert parse_text("It does not work on my Mac\n").facts.host.os == "darwin"


def test_ollamas_unsupported_amdgpu_with_its_own_target_list_is_an_unsupported_arch():
    # likelovewant/ROCmLibs-for-gfx1103-AMD780M-APU#30: ollama's Windows discovery log.
    text = ('time=2025-02-24T21:27:51.269+08:00 level=WARN source=amd_windows.go:138 msg="amdgpu is not supported '
            '(supported types:[gfx1103])" gpu_type=gfx1150 gpu=0 library=C:\\ollama\\lib\\ollama\\rocm\n')
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert f.code == "rocm.arch_unsupported" and "gfx1150" in f.message and "gfx1103" in f.message


def test_nvml_blocked_by_the_operating_system_under_wsl2_is_the_gpu_not_passed_into_wsl():
    # microsoft/WSL#14339: an L40S in data-center mode on Windows Server 2025.
    text = ("Linux version 6.6.87.2-microsoft-standard-WSL2 (root@439a258ad544) (gcc (GCC) 11.2.0) #1 SMP\n"
            "$ nvidia-smi\nFailed to initialize NVML: GPU access blocked by the operating system\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert f.code == "wsl.gpu_unavailable" and "TCC" in f.message
    assert not any(x.code == "cuda.driver_not_loaded" for x in diagnose(parse_text(text).facts, Knowledge()))


def test_tensorflows_avx_refusal_under_qemu_on_apple_silicon_is_the_emulated_cpu_not_rosetta():
    # tensorchord/envd#881: an amd64 container on an M1 Mac, emulated by QEMU.
    text = ("bug: MNIST example doesn't work on Apple Silicon MacOS\n"
            "The TensorFlow library was compiled to use AVX instructions, but these aren't available on your machine.\n"
            "qemu: uncaught target signal 6 (Aborted) - core dumped\n")
    codes = [f.code for f in diagnose(parse_text(text).facts, Knowledge())]
    assert codes[:1] == ["cpu.avx_missing"] and "host.rosetta_python" not in codes


def test_an_insufficient_driver_in_a_container_beside_the_hosts_recent_driver_is_a_lead():
    # NVIDIA/TensorRT#1786: onnxruntime's error with hostname=<container id>, and the host's nvidia-smi (515.48.07).
    text = ("[E:onnxruntime:Default, cuda_call.cc:118 CudaCall] CUDA failure 35: CUDA driver version is insufficient for "
            "CUDA runtime version ; GPU=0 ; hostname=d158deaa4612 ; expr=cudaGetDeviceCount(&num_devices);\n"
            "| NVIDIA-SMI 515.48.07    Driver Version: 515.48.07    CUDA Version: 11.7     |\n")
    found = [f for f in diagnose(parse_text(text).facts, Knowledge()) if f.code == "cuda.driver_too_old"]
    assert [f.severity for f in found] == ["info"] and "container" in found[0].message


def test_a_tpu_machines_cpu_torch_is_not_a_missing_cuda_build():
    # vllm-project/vllm#16243: collect_env of a Cloud TPU host, whose own field names mention CUDA and GPUs.
    text = ("[Usage]: Failed to get global TPU topology.\n\nPyTorch version: 2.8.0\nCUDA used to build PyTorch: None\n"
            "Is CUDA available: False\nGPU models and configuration: No CUDA\nNvidia driver version: No CUDA\n")
    assert "cuda.cpu_only_build" not in [f.code for f in diagnose(parse_text(text).facts, Knowledge())]


def test_a_cpu_said_to_have_avx_and_avx2_is_not_read_as_lacking_avx():
    # PaddlePaddle/Paddle#43181: "系统支持avx、avx2指令集" (the system supports the AVX and AVX2 instruction sets).
    text = "import paddle 报错\nIllegal instruction (core dumped)\n系统支持avx、avx2指令集\n"
    assert "cpu.avx_missing" not in [f.code for f in diagnose(parse_text(text).facts, Knowledge())]


def test_a_cpu_torch_said_in_words_or_in_chinese_beside_an_nvidia_card_is_a_cpu_build():
    # StoryToolkitAI#170 and TaskMatrix#171.
    for text in ("This makes it unable to use the NVIDIA card: the update removes Torch with CUDA 2.2.1 cu118 and "
                 "replaces it with Torch without CUDA version 2.1.2\n",
                 "提醒：Windows下使用pip install -r requirements.txt默认安装为CPU版本的torch，CUDA 不可用\n"):
        assert diagnose(parse_text(text).facts, Knowledge())[0].code == "cuda.cpu_only_build"


def test_paddles_cannot_load_cudnn_is_a_missing_library():
    # PaddlePaddle/PaddleOCR#300.
    text = ("Error: Cannot load cudnn shared library. Cannot invoke method cudnnGetVersion at "
            "(/paddle/paddle/fluid/platform/dynload/cudnn.cc:63)\n")
    assert diagnose(parse_text(text).facts, Knowledge())[0].code == "cuda.library_missing"


def test_dockers_device_driver_refusal_is_read_without_the_quoted_driver_name():
    # NVIDIA/nvidia-docker#1642: newer Docker prints no quoted driver name.
    text = ("docker run --rm --gpus all nvidia/cuda:11.0-base nvidia-smi\n"
            "docker: Error response from daemon: could not select device driver with capabilities: [[gpu]].\n")
    assert "container.gpu_not_passed" in [f.code for f in diagnose(parse_text(text).facts, Knowledge())]


def test_a_cuda_torch_in_a_container_on_an_amd_machine_is_the_build_not_the_container():
    # invoke-ai/InvokeAI#7977's shape: a Radeon VII, torch 2.6.0+cu124, a shell prompt inside a container.
    text = ("GPU: Radeon VII\nroot@0a1b2c3d4e5f:/opt/invokeai# python3 -c 'import torch; print(torch.__version__)'\n"
            "torch.__version__: 2.6.0+cu124\n")
    codes = [f.code for f in diagnose(parse_text(text).facts, Knowledge())]
    assert codes[:1] == ["rocm.cuda_build_on_amd"] and "container.gpu_not_passed" not in codes


def test_cuda_wanted_under_wsl1_is_wsl_without_a_gpu_even_without_an_error():
    # microsoft/WSL#5644: "(Should be version 2)", but the kernel is WSL 1's; the reporter is installing CUDA.
    text = ("Whether the issue is on WSL 2 and/or WSL 1: (Should be version 2)\n"
            "Linux version 4.4.0-19041-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1-Microsoft\n"
            "I'm in the process of trying to install cuda (and eventually tensorflow-gpu) on WSL 2.\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert f.code == "wsl.gpu_unavailable" and "WSL 1" in f.message


def test_an_intel_gpu_named_beside_found_no_nvidia_driver_is_no_nvidia_gpu():
    # lllyasviel/Fooocus#1227: "Is there a way to use Fooocus from an Intel GPU."
    text = ("RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed "
            "a driver from http://www.nvidia.com/Download/index.aspx\nIs there a way to use Fooocus from an Intel GPU.\n")
    assert diagnose(parse_text(text).facts, Knowledge())[0].code == "cuda.no_gpu"


def test_a_cudnn_older_than_the_build_was_compiled_with_is_a_library_that_cannot_load():
    # chandar-lab/Recall2Imagine#1: jaxlib cuda11.cudnn86 finding cuDNN 8.5.0 first.
    text = ("E external/xla/xla/stream_executor/cuda/cuda_dnn.cc:427] Loaded runtime CuDNN library: 8.5.0 but source "
            "was compiled with: 8.6.0.  CuDNN library needs to have matching major version and equal or higher minor "
            "version.\n")
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "cuda.library_missing")
    assert f.subject == "cudnn" and "(8.5.0) is older than the 8.6.0" in f.message


def test_tpu_executor_functions_missing_from_libtpu_is_a_tpu_runtime_of_another_release():
    # kingoflolz/mesh-transformer-jax#59: jax pinned to 0.2.12 on a newer TPU VM image.
    text = ("2021-07-18 05:15:21.807145: F external/org_tensorflow/tensorflow/core/tpu/tpu_executor_init_fns.inc:110] "
            "TpuTransferManager_ReadDynamicShapes not available in this library.\nAborted (core dumped)\n")
    assert "tpu.not_found" in [x.code for x in diagnose(parse_text(text).facts, Knowledge())]


def test_a_cpu_torch_run_with_device_0_asked_for_a_gpu_it_cannot_use():
    # mikel-brostrom/boxmot#836: Ultralytics' banner shows torch-2.0.0+cpu; the command asked for --device 0.
    banner = "Ultralytics YOLOv8.0.88  Python-3.9.16 torch-2.0.0+cpu\n"
    asked = "This is my CLI command: python track.py --yolo-weights yolov8x.pt --source 0 --device 0\n"
    assert "cuda.cpu_only_build" in [x.code for x in diagnose(parse_text(asked + banner).facts, Knowledge())]
    # the banner alone (a CPU box running on the CPU) and a device= that is not a number ask for nothing
    assert "cuda.cpu_only_build" not in [x.code for x in diagnose(parse_text(banner).facts, Knowledge())]
    cpu = asked.replace("--device 0", "--device cpu")
    assert "cuda.cpu_only_build" not in [x.code for x in diagnose(parse_text(cpu + banner).facts, Knowledge())]


def test_no_nvidia_gpu_said_with_nvidia_misspelt_is_still_no_gpu_not_a_cpu_build():
    # pytorch/pytorch#117358: "i don't have nivida gpu" beside "Torch not compiled with CUDA enabled".
    text = ("AssertionError: Torch not compiled with CUDA enabled\n"
            "i have been getting this error when i try to generate image in fooocus \n"
            "i don't have nivida gpu but with google collab i could use the fooocus\n")
    codes = [x.code for x in diagnose(parse_text(text).facts, Knowledge())]
    assert "cuda.no_gpu" in codes and "cuda.cpu_only_build" not in codes


def test_a_sigill_inside_torchs_avx2_kernels_is_a_cpu_without_avx2():
    # pytorch/pytorch#37577: gdb stops in _GLOBAL__sub_I_BinaryOpsKernel.cpp.AVX2.cpp of libtorch_cpu.so.
    text = ('`gdb -ex r --args python -c "import torch"` gives\n\nProgram received signal SIGILL, Illegal instruction.\n'
            "0x00007fffe9076f17 in _GLOBAL__sub_I_BinaryOpsKernel.cpp.AVX2.cpp ()\n"
            "   from /home/j/src/pytorch/torch/lib/libtorch_cpu.so\n")
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "cpu.avx_missing")
    assert "compiled for AVX2" in f.message and f.framework == "torch"
    # flags that show AVX2: the crash has another cause
    flags = "flags : fpu sse sse2 ssse3 sse4_1 sse4_2 avx avx2 fma\n"
    assert "cpu.avx_missing" not in [x.code for x in diagnose(parse_text(flags + text).facts, Knowledge())]


def test_dockers_unknown_nvidia_runtime_is_a_missing_toolkit_unless_nvidias_test_container_ran():
    # sair-lab/AirSLAM#113 (the toolkit was missing) against NVIDIA/nvidia-container-toolkit#150 (the test ran).
    err = "docker: Error response from daemon: unknown or invalid runtime name: nvidia.\n"
    run = "sudo docker run -it --runtime nvidia --gpus all --name air_slam xukuanhit/air_slam:v1 /bin/bash\n"
    f = next(x for x in diagnose(parse_text(run + err).facts, Knowledge()) if x.code == "container.gpu_not_passed")
    assert f.severity == "error" and "nvidia-ctk runtime configure" in " ".join(f.fix)
    test = "sudo docker run --rm --runtime=nvidia --gpus all ubuntu nvidia-smi\nThis command executes successfully.\n"
    f = next(x for x in diagnose(parse_text(test + err).facts, Knowledge()) if x.code == "container.gpu_not_passed")
    assert f.severity == "info" and "docker context ls" in f.message


def test_jaxs_cpu_only_jaxlib_on_a_gpu_machine_is_a_cpu_build_when_jax_is_what_runs():
    # sanchit-gandhi/whisper-jax#211 and CDCgov/cfa-variant-forecasting-2026#20 (jax is the program's) against
    # hollowstrawberry/kohya-colab#133 (a torch trainer; the jaxlib only came with the Colab image).
    warn = ("WARNING:2025-06-15 17:04:55,449:jax._src.xla_bridge:791: An NVIDIA GPU may be present on this machine, "
            "but a CUDA-enabled jaxlib is not installed. Falling back to cpu.\n")

    def finding(text):  # noqa: ANN001, ANN202
        return next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "cuda.cpu_only_build")

    assert finding(warn + "Does this mean we have the wrong version of jax in the lockfile?\n").severity == "error"
    assert finding(warn + "Name: jax\nVersion: 0.6.1\nSummary: Differentiate, compile\n").subject == "jax"
    f = finding(warn + "However, I am able to train despite falling back to the CPU.\n")
    assert f.severity == "info" and "only if the program uses jax" in f.message


def test_cudas_unsupported_ptx_toolchain_is_a_driver_older_than_the_programs_cuda():
    # ComputationalRadiationPhysics/cuda_memtest#31: driver 460.80 (NVRM line) under a CUDA 11.3 build.
    text = ("[05/23/2021 18:30:06][computer][0]:NVRM version: NVIDIA UNIX x86_64 Kernel Module  460.80  Fri May  7 "
            "06:55:54 UTC 2021\n[05/23/2021 18:30:06][computer][0]:ERROR: CUDA error: the provided PTX was compiled "
            "with an unsupported toolchain., line 148, file cuda_memtest.cu\n")
    facts = parse_text(text).facts
    assert facts.accelerators[0].driver_version == "460.80"
    f = next(x for x in diagnose(facts, Knowledge()) if x.code == "cuda.driver_too_old")
    assert f.subject == "cuda" and not f.fix and "driver 460.80" in f.message  # cuda_memtest's build, not torch's
    torch_said = parse_text("The NVIDIA driver on your system is too old (found version 11040).\n").facts
    f = next(x for x in diagnose(torch_said, Knowledge()) if x.code == "cuda.driver_too_old")
    assert f.subject == "torch"


def test_cuinits_stub_library_error_under_wsl_2_is_wsls_libcuda_not_found_and_a_quadro_driver_is_no_gpu_model():
    # jax-ml/jax#7600: "NVIDIA's WSL quadro driver", the toolkit's stub libcuda linked in, then cuInit error 34.
    text = ("Just installed jax on WSL2 with python 3.8.5 using NVIDIA's WSL quadro driver and cuda-11.4.\n"
            "Linux version 5.10.16.3-microsoft-standard-WSL2 (oe-user@oe-host) #1 SMP\n"
            "`2021-08-12 12:19:51.012484: E external/org_tensorflow/tensorflow/stream_executor/cuda/cuda_driver.cc:271]"
            " failed call to cuInit: UNKNOWN ERROR (34)`\n")
    facts = parse_text(text).facts
    assert not [a for a in facts.accelerators if a.model and "driver" in a.model.lower()]
    f = next(x for x in diagnose(facts, Knowledge()) if x.code == "wsl.gpu_unavailable")
    assert "/usr/lib/wsl/lib" in f.message and f.message.startswith("The driver's libcuda.so")


def test_torch_xlas_pjrt_tpu_check_failing_is_no_usable_tpu_and_names_colabs_tpu_node_runtime():
    # Lightning-AI/pytorch-lightning#19274 (answered in pytorch/xla#6568): torch_xla 2.x on Colab's TPU runtime.
    text = "RuntimeError: torch_xla/csrc/runtime/pjrt_computation_client.cc:108 : Check failed: tpu_status.ok() \n"
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "tpu.not_found")
    assert "TPU Node" in f.message and "2.0" in f.message


def test_an_insufficient_driver_or_a_cpu_torch_on_an_intel_only_laptop_is_no_nvidia_gpu():
    # Akegarasu/lora-scripts#101 (bitsandbytes' "insufficient driver", Iris Xe) and xinntao/ESRGAN#88 ("Intel i5
    # Graphics card" beside "Torch not compiled with CUDA enabled"): no driver or CUDA build would help.
    for text in ("Error CUDA driver version is insufficient for CUDA runtime version at line 167 in file ops.cu\n"
                 "I'm using a integrated Intel GPU(iris xe graphics). os is win 11, torch==2.0.0+cu118\n",
                 'i get an error saying "Torch not compiled with CUDA enabled", i\'m using a Laptop with Intel i5 '
                 "Graphics card, is there anything i can do?\n"):
        codes = [x.code for x in diagnose(parse_text(text).facts, Knowledge())]
        assert "cuda.no_gpu" in codes and not {"cuda.driver_too_old", "cuda.cpu_only_build"} & set(codes), codes


def test_no_kernel_for_a_gpu_of_unknown_capability_asks_for_the_capability_instead_of_the_newest_build():
    # pytorch/pytorch.github.io#72: old torch's "cuda runtime error (8) : invalid device function" on a 2.1-class GPU,
    # for which no current build exists: "install the newest" would be wrong, so the capability is asked for.
    text = "I always get the `cuda runtime error (8) : invalid device function` error\n"
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "cuda.arch_not_in_build")
    assert not f.fix and "compute_cap" in f.message
    known = "RuntimeError: CUDA error: no kernel image is available for execution on the device\nGPU: RTX 5090\n"
    f = next(x for x in diagnose(parse_text(known).facts, Knowledge()) if x.code == "cuda.arch_not_in_build")
    assert f.fix  # the capability is known (12.0): the build that covers it is named


def test_nvidia_smi_not_found_in_a_container_of_nvidias_cuda_image_is_a_container_without_gpu_access():
    # NVIDIA/nvidia-docker#341: FROM nvidia/cuda:8.0-devel-ubuntu16.04, then "bash: nvidia-smi: command not found".
    text = ("I'm using `FROM nvidia/cuda:8.0-devel-ubuntu16.04` in my Dockerfile.\nAfter the build and run I'm getting\n"
            "$ nvidia-smi\nbash: nvidia-smi: command not found\n")
    codes = [x.code for x in diagnose(parse_text(text).facts, Knowledge())]
    assert codes[:1] == ["container.gpu_not_passed"] and "cuda.driver_not_loaded" not in codes


def test_four_more_ways_a_paste_says_the_build_the_driver_or_the_gpu():
    # tonybaloney/CSnakes#750, pytorch/pytorch#168065, wookayin/gpustat#110, lucastabelini/LaneATT#50.

    def codes(text):  # noqa: ANN001, ANN202
        return [x.code for x in diagnose(parse_text(text).facts, Knowledge())]

    # a requirements file pointing pip at a CUDA index, and "torch cpu version installed"
    assert "cuda.cpu_only_build" in codes("--extra-index-url https://download.pytorch.org/whl/cu118\ntorch \n"
                                          "thins is requirements.txt file. when debug torch cpu version installed.\n")
    # "resulted in the CPU version of torch", beside the CUDA index the reporter bypassed it with
    assert "cuda.cpu_only_build" in codes("`pip install torch` resulted in the CPU version of torch stable.\n"
                                          "It can be bypassed with\npip3 install torch --index-url "
                                          "https://download.pytorch.org/whl/cu128\n")
    # NVML's own "driver not loaded" (gpustat, pynvml)
    assert "cuda.driver_not_loaded" in codes("pynvml.NVMLError_DriverNotLoaded: Driver Not Loaded\n")
    # no CUDA device on a Mac: a Mac has no NVIDIA GPU
    assert "cuda.no_gpu" in codes("I get `RuntimeError: cuda runtime error (100) : no CUDA-capable device is detected"
                                  " at` on a MacBook with MacOs 11.1\n")


def test_jaxs_older_jaxlib_check_names_the_jaxlib_it_needs_and_upgrades_both():
    # jax-ml/jax#15285: "jaxlib is version 0.3.25, but this version of jax requires version >= 0.4.6."
    text = "`RuntimeError: jaxlib is version 0.3.25, but this version of jax requires version >= 0.4.6.`\n"
    f = next(x for x in diagnose(parse_text(text).facts, Knowledge()) if x.code == "packages.conflict")
    assert "needs jaxlib >= 0.4.6" in f.message and "jaxlib 0.3.25 is installed" in f.message
    assert f.fix == ("python -m pip install --upgrade jax jaxlib",)


def test_a_mac_on_macos_10_is_an_intel_mac_with_no_rosetta_and_a_macair_with_m1_is_apple_silicon():
    # tensorflow#25822 (High Sierra 10.13.6: Apple Silicon needs macOS 11) and spektral#385 ("a MacAir with M1").
    intel = parse_text("I've installed tensorflow using pip3 on MacOS High Sierra 10.13.6\n>>> import tensorflow\n"
                       "Illegal instruction: 4\n").facts
    assert intel.host.os_version == "10.13.6"
    assert "host.rosetta_python" not in [x.code for x in diagnose(intel, Knowledge())]
    m1 = parse_text("`zsh: illegal hardware instruction  python`.\nI have a MacAir with M1 and a conda env\n").facts
    assert m1.host.arch == "aarch64"
    assert "cpu.avx_missing" not in [x.code for x in diagnose(m1, Knowledge())]
    # a macOS named as the one to upgrade to is no fact about this Mac
    assert parse_text("Should I upgrade my macOS to 13.2?\n").facts.host.os_version is None


def _top(text: str) -> str | None:
    """The code explain names as the cause, or None where it does not diagnose."""
    r = explain(parse_text(text))
    return r.findings[0].code if r.explanation.verdict == "diagnosed" else None


def test_a_geforce_named_without_rtx_or_gtx_is_an_nvidia_gpu_not_its_memory():
    # pytorch/pytorch#12438: "NVIDIA GeForce 750M (dual GPU with Intel Iris Pro as well)" is an NVIDIA GPU, so the
    # Intel one beside it does not make it a machine without one; and 750M is its model, not 750 MB of memory.
    p = parse_text("I am using on mid-2014 MacBook Pro model with NVIDIA GeForce 750M (dual GPU with Intel Iris Pro "
                   "as well).\n")
    gpus = [a for a in p.facts.accelerators if a.vendor == "nvidia"]
    assert [a.model for a in gpus] == ["NVIDIA GeForce 750M"] and gpus[0].memory_bytes is None
    assert "cuda.no_gpu" not in [f.code for f in diagnose(p.facts, Knowledge())]


def test_an_intel_macs_radeon_is_no_rocm_gpu_but_a_mac_without_cuda():
    # chenfei-wu/TaskMatrix#341: "In MAC", a Radeon Pro 560X and torch's "not compiled with CUDA".
    text = ("In MAC - AssertionError: Torch not compiled with CUDA enabled\n\nMi MAC \n\n"
            "Graphics: Radeon Pro 560X 4 GB\nIntel UHD Graphics 630 1536 MB\n")
    found = [f.code for f in explain(parse_text(text)).findings]
    assert found[0] == "cuda.no_gpu" and "rocm.cuda_build_on_amd" not in found


def test_a_driver_version_in_prose_may_end_a_sentence_or_have_three_digit_minor():
    # FastPhotoStyle#68 ("my nvidia driver version is 390.77.") and NVIDIA/cutlass#2866 ("my CUDA driver is
    # 570.133.20.").
    assert parse_text("btw my nvidia driver version is 390.77.\n").facts.accelerators[0].driver_version == "390.77"
    cutlass = ("When I run examples/python/CuTeDSL/blackwell/dense_gemm.py on the Blackwell, I find the error CUDAError "
               "InsufficientDriver. My CUDA version is 12.9.41 and my CUDA driver is 570.133.20. May I ask if I need "
               "to upgrade the driver or CUDA version.\n")
    p = parse_text(cutlass)
    assert p.facts.accelerators[0].driver_version == "570.133.20"
    assert _top(cutlass) == "cuda.driver_too_old"


def test_an_ngc_containers_avx_check_is_a_cpu_without_avx_and_names_a_vm_that_hides_it():
    # NVIDIA/object-detection-tensorrt-example#2 (a Xeon X3470, which has no AVX) and
    # triton-inference-server/server#5026 (a Xeon Gold 6240, which has: a hypervisor hides the flag).
    old = ("ERROR: This container was built for CPUs supporting at least the AVX instruction set, but\n"
           "       the CPU detected was Intel(R) Xeon(R) CPU           X3470  @ 2.93GHz, which does not report\n"
           "       support for AVX.  An Illegal Instrution exception at runtime is likely to result.\n")
    r = explain(parse_text(old))
    assert r.findings[0].code == "cpu.avx_missing" and "X3470" in r.findings[0].message
    assert "hypervisor" not in r.findings[0].message
    new = ("ERROR: This container was built for CPUs supporting at least the AVX instruction set, but the CPU detected "
           "was Intel(R) Xeon(R) Gold 6240 CPU @ 2.60GHz, which does not report support for AVX.  An Illegal "
           "Instrution exception at runtime is likely to result.\n")
    r = explain(parse_text(new))
    assert r.findings[0].code == "cpu.avx_missing" and "hypervisor" in r.findings[0].message


def test_nvrtcs_invalid_gpu_architecture_is_a_build_older_than_the_gpu():
    # pytorch/pytorch#47658: an RTX 3090 under a torch whose CUDA's NVRTC does not know sm_86.
    text = ("RuntimeError: nvrtc: error: invalid value for --gpu-architecture (-arch)\n```\n\n```\nrtx 3090\n"
            "cuda 11.1\npytorch for cuda 11.1\n```\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "cuda.arch_not_in_build" and "NVRTC" in r.findings[0].message
    assert "cuda.driver_too_old" not in [f.code for f in r.findings]


def test_tensorflows_ignored_gpu_message_wrapped_onto_two_lines_is_still_read():
    # tensorflow/tensorflow#112: a GRID K520 (compute capability 3.0) on an EC2 g2.2xlarge.
    text = ("    tensorflow/core/common_runtime/gpu/gpu_device.cc:611\n"
            "     Ignoring gpu device (device: 0, name: GRID K520, pci bus id: 0000:00:03.0) \n"
            "    with Cuda compute capability 3.0. The minimum required Cuda capability is 3.5.\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "cuda.arch_not_in_build" and "3.5" in r.findings[0].message


def test_the_kernels_api_mismatch_is_a_driver_upgraded_under_a_loaded_module():
    # NVIDIA/nvidia-docker#182 (the reporter: a reboot fixed it), and the "client 'name' (pid N)" form of
    # Frogging-Family/nvidia-all#394.
    for text in ("Aug 26 14:08:07 nyasara-linux kernel: NVRM: API mismatch: the client has the version 367.44, but\n"
                 "                                      NVRM: this kernel module has the version 367.35.  Please\n",
                 "[    9.424670] NVRM: API mismatch: the client 'kwin_wayland' (pid 1005)\n"
                 "               NVRM: has the version 595.84, but this kernel module has\n"):
        r = explain(parse_text(text))
        assert r.findings[0].code == "cuda.driver_not_loaded" and r.findings[0].fix == ("sudo reboot",)


def test_rm_init_adapter_failed_is_a_module_that_could_not_bring_up_the_gpu():
    # ublue-os/bazzite#2668: the GSP firmware for the loaded module's version is missing.
    text = ("[   23.991667] NVRM: RmFetchGspRmImages: No firmware image found\n"
            "[   23.991672] NVRM: GPU 0000:07:00.0: RmInitAdapter failed! (0x61:0x56:1770)\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "cuda.driver_not_loaded" and "RmInitAdapter" in r.findings[0].message


def test_a_crash_beside_the_one_frameworks_files_or_version_is_that_frameworks():
    # pytorch/pytorch#2542: glibc's heap-corruption banner, then frames in torch/lib/libshm.so.
    glibc = ("*** Error in `/usr/bin/python2.7': free(): invalid pointer: 0x00007f801fcdbb80 ***\n"
             "======= Backtrace: =========\n"
             "/lib/x86_64-linux-gnu/libc.so.6(+0x777e5)[0x7f80a2e637e5]\n"
             "/usr/local/lib/python2.7/dist-packages/torch/lib/libshm.so(_ZNSt6locale5_ImplC2Em+0x1e3)[0x7f801fa77953]\n")
    torch = parse_text(glibc).facts.framework("torch")
    assert torch is not None and (torch.status, torch.signal) == ("crashed", "SIGABRT")
    # a ROCm nightly in a pip listing, then bash's abort line (pytorch/pytorch#181499's lines, its version listed)
    nightly = ("$ pip freeze | grep torch\ntorch==2.13.0.dev20260531+rocm7.2\n\n"
               "HW Exception by GPU node-1 (Agent handle: 0xd35035ef170) reason :GPU Hang\n"
               "Aborted                    (core dumped) python\n")
    torch = parse_text(nightly).facts.framework("torch")
    assert torch is not None and (torch.status, torch.signal) == ("crashed", "SIGABRT")
    # and a nightly's version in prose keeps its date
    assert parse_text("the nightly build (`2.13.0.dev20260531+rocm7.2`) is installed\n").facts.framework(
        "torch").version == "2.13.0.dev20260531+rocm7.2"


def test_a_library_that_does_not_load_when_importing_it_is_the_named_frameworks_import_error():
    # aieater/rocm_pytorch_informations#7: "`torch` seems to be successfully installed, but when I try to import it".
    text = ("`torch` seems to be successfully installed, but when I try to import it I get\n\n```python\n"
            "ImportError: libhip_hcc.so.3: cannot open shared object file: No such file or directory\n```\n")
    assert _top(text) == "framework.import_error"


def test_another_projects_extension_missing_a_torch_symbol_is_built_for_another_torch():
    # Dao-AILab/flash-attention#931: flash-attn 2.5.7's wheel under torch 2.3.0.
    text = ("torch: 2.3.0\nflash-attn: 2.5.7\n\nStill getting the error:\n\n"
            "flash_attn_2_cuda.cpython-310-x86_64-linux-gnu.so: undefined symbol: _ZN3c104cuda9SetDeviceEi\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "packages.conflict" and r.findings[0].subject == "flash_attn_2_cuda"
    # torch's own library missing a symbol is not another project's extension
    own = "OSError: /x/site-packages/torch/lib/libtorch_cuda.so: undefined symbol: _ZN3c104cuda9SetDeviceEi\n"
    assert "flash" not in " ".join(f.subject for f in explain(parse_text(own)).findings)


def test_uvs_word_that_a_release_has_no_wheel_for_this_python_is_an_unsupported_python():
    # jaredpalmer/kev#34 (uv's ABI-tag hint) and PaddlePaddle/Paddle#70316 (its resolver's report).
    hint = ("Using CPython 3.14.0\nerror: Distribution `torch==2.8.0 @ registry+https://pypi.org/simple` can't be "
            "installed because it doesn't have a source distribution or wheel for the current platform\n\n"
            "hint: You're using CPython 3.14 (`cp314`), but `torch` (v2.8.0) only has wheels with the following "
            "Python ABI tags: `cp312`, `cp313`, `cp313t`\n")
    r = explain(parse_text(hint))
    assert r.findings[0].code == "python.unsupported_version" and "3.12, 3.13" in r.findings[0].message
    resolver = ("  × No solution found when resolving dependencies for split (python_full_version >= '3.13' and "
                "platform_system == 'Darwin'):\n  ╰─▶ Because only the following versions of paddlepaddle are "
                "available:\n          paddlepaddle<=2.3.2\n      have no wheels with a matching Python version tag, "
                "we can conclude that all of:\n")
    r = explain(parse_text(resolver))
    assert (r.findings[0].code, r.findings[0].subject) == ("python.unsupported_version", "paddlepaddle")
    assert "Python 3.13" in r.findings[0].message


def test_a_package_pinned_without_a_wheel_for_this_python_is_an_unsupported_python():
    # rupeshs/fastsdcpu#271: mediapipe 0.10.9's PyPI files are cp38 to cp311; 0.10.13 is the first with cp312.
    f = facts(host("windows", "x86_64", "3.12.1"), observations=pasted(
        "ERROR: No matching distribution found for mediapipe==0.10.9\n"))
    hit = findings(f)["python.unsupported_version"]
    assert hit.subject == "mediapipe" and "3.8 to 3.11" in hit.message and "0.10.13" in hit.message
    ok = facts(host("windows", "x86_64", "3.11.7"), observations=pasted(
        "ERROR: No matching distribution found for mediapipe==0.10.9\n"))
    assert "python.unsupported_version" not in findings(ok)


def test_a_python_older_than_a_packages_first_wheel_for_it_dates_froms_versions_none():
    # google-ai-edge/mediapipe#5259: no cp312 wheel until 0.10.13 (2024-05-03); Python 3.12.1 came out 2023-12-07.
    none = ("ERROR: Could not find a version that satisfies the requirement mediapipe (from versions: none)\n"
            "ERROR: No matching distribution found for mediapipe\n")
    hit = findings(facts(host("windows", "x86_64", "3.12.1"), observations=pasted(none)))["python.unsupported_version"]
    assert hit.subject == "mediapipe" and hit.severity == "warning" and "2023-12-07" in hit.message
    assert any("mediapipe>=0.10.13" in x for x in hit.fix)
    # a Python that came out after that first wheel (3.12.10, 2025-04-08; mediapipe#5940) met wheels: another cause
    assert "python.unsupported_version" not in findings(facts(host("linux", "x86_64", "3.12.10"), observations=pasted(none)))
    # Python 3.11's first mediapipe wheel is older than the releases PyPI still lists: nothing is concluded
    assert "python.unsupported_version" not in findings(facts(host("linux", "x86_64", "3.11.0"), observations=pasted(none)))
    # Python 3.7 had mediapipe wheels in releases PyPI no longer lists (before 0.10.5): its py3 wheels of 0.10.30
    # are not its first
    assert "python.unsupported_version" not in findings(facts(host("linux", "x86_64", "3.7.9"), observations=pasted(none)))
    # an Intel Mac: mediapipe's py3 wheels from 0.10.30 are arm64 only, and 0.10.21's stop at cp312
    mac = findings(facts(host("darwin", "x86_64", "3.13.1"), observations=pasted(none)))["python.unsupported_version"]
    assert "0.10.21" in mac.message and "3.12" in mac.message and mac.severity == "error"


def test_wsls_blocked_gpu_beside_the_windows_hosts_nvidia_smi_table_is_still_wsl_without_a_gpu():
    # microsoft/WSL#10289: NVML inside WSL 2 is blocked; the table is the Windows host's ("On Windows 11 host os it
    # works").
    text = ("### Are you using WSL 1 or WSL 2?\n\n- [X] WSL 2\n- [ ] WSL 1\n\n"
            "i got the error \"Failed to initialize NVML: GPU access blocked by the operating system\".\n\n"
            "On Windows 11 host os it works :\n```\n"
            "+---------------------------------------------------------------------------------------+\n"
            "| NVIDIA-SMI 536.40                 Driver Version: 536.40       CUDA Version: 12.2     |\n"
            "|-----------------------------------------+----------------------+----------------------+\n"
            "| GPU  Name                     TCC/WDDM  | Bus-Id        Disp.A | Volatile Uncorr. ECC |\n"
            "|=========================================+======================+======================|\n"
            "|   0  NVIDIA GeForce GTX 1060 3GB  WDDM  | 00000000:01:00.0  On |                  N/A |\n")
    assert _top(text) == "wsl.gpu_unavailable"


def test_jaxs_unreachable_tpu_driver_is_the_retired_tpu_node_runtime():
    # googlecolab/colabtools#3405: the tpu_driver backend of an old jax on Colab.
    text = ("RuntimeError: Requested backend tpu_driver, but it failed to initialize: DEADLINE_EXCEEDED: Failed to "
            "connect to remote server at address: grpc://10.106.231.74:8470. Error from gRPC: Deadlin\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "tpu.not_found" and "TPU VM" in r.findings[0].message


def test_nvidia_smi_not_found_in_the_container_the_user_is_in_is_a_container_without_gpus():
    # SyneRBI/SIRF-Exercises#213: a VS Code dev container whose configuration has no --gpus.
    text = ("In the new container the command `nvidia-smi` is not found, but `nvcc` is found. I tried installing "
            "torch, but can't seem to get the GPU working: `torch.cuda.is_available()` is false.\n")
    assert _top(text) == "container.gpu_not_passed"
    # a container named without nvidia-smi failing in it says nothing about the GPU (ROCm/vllm#893)
    rocm = ("The test-kernels job runs in a container on the Strix Halo runner and mounts /dev/kfd and /dev/dri, but "
            "only adds --group-add video.\n")
    assert _top(rocm) != "container.gpu_not_passed"


def test_intel_mkls_fatal_cpu_error_on_a_mac_is_a_rosetta_lead():
    # AI4EPS/PhaseNet#55: MKL refuses the CPU on a Mac whose chip the paste does not name (an M1 in the title only);
    # an Intel Mac before 2011 has no AVX either, so it is a lead, not a diagnosis.
    text = ("When I use MACOS, it prompts me that it only support the Intel kernel.\n\n"
            "Intel MKL FATAL ERROR: This system does not meet the minimum requirements for use of the Intel(R) Math "
            "Kernel Library.\nThe processor must support the Intel(R) Advanced Vector Extensions (Intel(R) AVX) "
            "instructions.\n")
    r = explain(parse_text(text))
    assert r.facts.host.os == "darwin" and r.explanation.verdict != "diagnosed"
    assert [f.code for f in r.findings] == ["host.rosetta_python"]
    # with the M1 said, it is Rosetta
    assert _top("Mac OS M1 chip error report\n\n" + text) == "host.rosetta_python"


def test_tensorflow_without_tpu_kernels_on_a_tpu_runtime_is_a_missing_tpu_build():
    # googlecolab/colabtools#5203: TensorFlow's guide code on Colab's v2-8 TPU runtime.
    text = ("InvalidArgumentError: No OpKernel was registered to support Op 'ConfigureDistributedTPU' used by "
            "{{node ConfigureDistributedTPU}} with these attrs: [enable_whole_mesh_compilations=false]\n"
            "Registered devices: [CPU]\n")
    r = explain(parse_text(text))
    assert (r.findings[0].code, r.findings[0].subject) == ("tpu.not_found", "tensorflow")
    assert "tensorflow-tpu" in r.findings[0].message


def test_a_cuda_error_the_program_caught_and_went_on_from_is_not_the_macs_failure():
    # AUTOMATIC1111/stable-diffusion-webui#5167: the webui's start-up warning on every Mac, then a segfault.
    text = ("When it fails (as it does most of the time) it gets a segmentation fault on M1 mac:\n\n"
            "`Warning: caught exception 'Torch not compiled with CUDA enabled', memory monitor disabled\n"
            "No module 'xformers'. Proceeding without it.\n")
    assert "cuda.no_gpu" not in [f.code for f in explain(parse_text(text)).findings]
    # the same message raised is still the Mac's missing CUDA
    raised = "on my M1 mac:\nAssertionError: Torch not compiled with CUDA enabled\n"
    assert _top(raised) == "cuda.no_gpu"


def test_torch_seeing_the_gpu_in_the_users_session_makes_no_gpus_available_a_hidden_device():
    # jiaxinxie97/HFGI3D#9: the project's config sets cuda_visible_devices; in WSL 2 and on Colab is_available() is True.
    text = ("\"torch._C._cuda_init() \"RuntimeError: No CUDA GPUs are available\"\n\n"
            "I'm getting this error in WSL2 and Google Colab. But CUDA is available (got True when I run \"import "
            "torch torch.cuda.is_available()\").\n")
    found = [f.code for f in explain(parse_text(text)).findings]
    assert found[0] == "cuda.devices_hidden" and "wsl.gpu_unavailable" not in found


def test_modprobe_finding_no_nvidia_module_is_a_driver_not_loaded():
    # Witko/nvidia-xrun#144 and Frogging-Family/nvidia-all#70.
    for text in ("modprobe: ERROR: could not find module by name 'nvidia'\n\n"
                 "modprobe: FATAL: nvidia_drm not found in directory /lib/modules/5.5.9-zen1-2-zen\n",
                 "a quick `modprobe nvidia` showed that the module does not exist. \n\nseems to be a DKMS error.\n"):
        assert _top(text) == "cuda.driver_not_loaded"


def test_ctranslate2s_missing_cuda_library_is_a_library_missing():
    # jhj0517/Whisper-WebUI#102 (faster-whisper's CTranslate2 wants CUDA 12's cuBLAS).
    text = "\"Error: Library cublas64_12.dll is not found or cannot be loaded\"\n\nwin 11 rtx 3090\n"
    r = explain(parse_text(text))
    assert r.findings[0].code == "cuda.library_missing" and "cublas64_12.dll" in r.findings[0].message


def test_torchs_own_library_missing_is_its_import_or_an_extension_built_for_another_torch():
    # pytorch/pytorch#54827: torch's own libc10_cuda.so, no traceback: `import torch` fails.
    assert _top("Import error;libc10_cuda.so: cannot open shared object file: No such file or directory\n\n"
                "cudatoolkit:11.0\npytorch:1.7.1\n") == "framework.import_error"
    # bharat-b7/RVH_Mesh_Registration#23: pytorch3d's _C wants it: pytorch3d was built for a CUDA torch.
    ext = ("Traceback (most recent call last):\n"
           "  File \"/home/u/env/lib/python3.7/site-packages/pytorch3d/ops/graph_conv.py\", line 8, in <module>\n"
           "    from pytorch3d import _C\n"
           "ImportError: libc10_cuda.so: cannot open shared object file: No such file or directory\n")
    r = explain(parse_text(ext))
    assert (r.findings[0].code, r.findings[0].subject) == ("packages.conflict", "pytorch3d")
    assert "framework.import_error" not in [f.code for f in r.findings]


def test_an_undefined_torch_symbol_wrapped_onto_its_own_line_is_an_extension_for_another_torch():
    # pytorch/audio#171: torchaudio's _torch_sox compiled against the torch before an upgrade.
    text = ("When you try to import torchaudio, you get\n```\n"
            "ImportError: ...audio/_torch_sox.cpython-36m-x86_64-linux-gnu.so: \n"
            "undefined symbol: _ZN2at19NonVariableTypeMode10is_enabledEv\n```\n")
    assert _top(text) == "packages.conflict"


def test_an_m1_named_in_lower_case_beside_a_macbook_is_apple_silicon():
    # dwrensha/acronymy-assistant#2: "im on an m1 macbook pro", torch's CUDA assertion in the title.
    r = explain(parse_text("AssertionError: Torch not compiled with CUDA enabled\n\n"
                           "not sure why..? im on an m1 macbook pro if that helps.\n"))
    assert (r.facts.host.os, r.facts.host.arch) == ("darwin", "aarch64") and r.findings[0].code == "cuda.no_gpu"


def test_an_intel_gpu_beside_a_framework_that_does_not_import_is_no_missing_gpu_finding():
    # tensorflow/tensorflow#46788: TensorFlow's DLL fails to load; the template answers "no cuda (Intel HD Graphics)".
    text = ("Win10: ImportError: DLL load failed while importing _pywrap_tensorflow_internal: A dynamic link library "
            "(DLL) initialization routine failed.\n\n"
            "- TensorFlow version: 2.4.1\n- CUDA/cuDNN version: no cuda (Intel HD Graphics)\n"
            "- GPU model and memory: Intel HD Graphics Integrated (Memory: N/A)\n")
    assert "cuda.no_gpu" not in [f.code for f in explain(parse_text(text)).findings]


def test_a_cpu_said_to_lack_avx2_beside_a_dll_that_does_not_load_is_the_missing_extension():
    # fo40225/tensorflow-windows-wheel#48 (the wheels' maintainer confirmed: "Yes.").
    text = (" CPU  support AVX but didn't support AVX2 instructions, you will get ImportError: DLL load failed: A "
            "dynamic link library (DLL) initialization routine failed\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "cpu.avx_missing" and "AVX2" in r.findings[0].message
    # said without any failure it is a statement, not a finding
    assert "cpu.avx_missing" not in [f.code for f in explain(parse_text("My CPU doesn't support AVX2.\n")).findings]


def test_the_docker_run_the_user_fixed_it_with_says_the_failing_container_had_no_gpus():
    # kcosta42/VQGAN-CLIP-Docker#1: a compose run failed with "Found no NVIDIA driver"; `docker run --gpus all` fixed it.
    text = ("Creating vqgan-clip-docker_generate_run ... done\n"
            "RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and "
            "installed a driver from http://www.nvidia.com/Download/index.aspx\n\n"
            "I solved it by manually creating the docker run command based on the compose file, and adding `--gpus all`:\n"
            "```bash\ndocker run --gpus all -v $PWD/models:/models kcosta42-vqgan-clip\n```\n")
    assert _top(text) == "container.gpu_not_passed"


def test_an_nvidia_gpu_bound_to_nouveau_is_a_driver_not_loaded():
    # peci1/nvidia-htop#23: nvidia-smi not found (Python's FileNotFoundError) and lshw's driver=nouveau.
    text = ("FileNotFoundError: [Errno 2] No such file or directory: 'nvidia-smi': 'nvidia-smi'\n\n"
            " sudo lshw -C display\n  *-display\n       product: G98 [GeForce 9300 GS]\n"
            "       vendor: NVIDIA Corporation\n       configuration: driver=nouveau latency=0\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "cuda.driver_not_loaded" and "nouveau" in r.findings[0].message


def test_jaxs_cudnn_check_with_integer_versions_is_an_older_cudnn():
    # MIT-REALM/gcbfplus#1: cuDNN 8600 found, jaxlib built against 8906.
    r = explain(parse_text("CUDA backend failed to initialize: Found cuDNN version 8600, but JAX was built against "
                           "version 8906, which is newer.\n"))
    assert r.findings[0].code == "cuda.library_missing" and "(8.6.0)" in r.findings[0].message and "8.9.6" in r.findings[0].message


def test_cythons_older_wrong_size_message_is_a_numpy_abi_mismatch():
    # h5py/h5py#684 (the reporter: upgrading numpy fixed it).
    assert _top("import h5py\nValueError: numpy.dtype has the wrong size, try recompiling\n") == "numpy.abi_mismatch"


def test_torchaudio_built_for_another_cuda_than_torch_is_torchaudios_conflict():
    # numz/sd-wav2lip-uhq#36.
    r = explain(parse_text("RuntimeError: Detected that PyTorch and TorchAudio were compiled with different CUDA "
                           "versions. PyTorch has CUDA version 11.8 whereas TorchAudio has CUDA version 11.7.\n"))
    assert (r.findings[0].code, r.findings[0].subject) == ("packages.conflict", "torchaudio")


def test_the_ubuntu_subsystem_on_windows_is_wsl_and_its_missing_libcuda_is_wsls_gpu_path():
    # facebookresearch/seamless_communication#167.
    text = ("\"Could not load library libcudnn_cnn_infer.so.8. Error: libcuda.so: cannot open shared object file: No "
            "such file or directory\"\n\ni'm using Python 3.10.12 and followed the instructions as it shows to run on "
            "a Ubuntu Subsystem on Windows.\n")
    assert _top(text) == "wsl.gpu_unavailable"


def test_jaxs_tpu_probe_log_is_no_tpu_wish():
    # kuprel/min-dalle#22: XLA's "No TPU platform found" and jax's "No GPU/TPU found" on a machine with a GPU.
    text = ("2022-06-28 20:30:10.936503: I external/org_tensorflow/tensorflow/stream_executor/tpu/"
            "tpu_platform_interface.cc:74] No TPU platform found.\n"
            "WARNING:absl:No GPU/TPU found, falling back to CPU. (Set TF_CPP_MIN_LOG_LEVEL=0 and rerun for more info.)\n"
            "\nI've GPU, why it's not finding it?\n")
    assert "tpu.not_found" not in [f.code for f in explain(parse_text(text)).findings]


def test_nvml_blocked_in_a_container_started_in_wsl_is_a_lead_on_the_containers_gpu_setup():
    # microsoft/WSL#9962: nvidia-smi works in WSL 2, NVML is blocked only inside the Docker container.
    text = ("### Are you using WSL 1 or WSL 2?\n\n- [X] WSL 2\n- [ ] WSL 1\n\n"
            "nvidia-smi works well in wsl2, but it doesn't work properly in the docker container started in wsl2, with "
            "error \"Failed to initialize NVML: GPU access blocked by the operating system\".\n")
    r = explain(parse_text(text))
    assert r.explanation.verdict != "diagnosed" and r.findings[0].code == "wsl.gpu_unavailable"
    assert "container" in r.findings[0].message


def test_an_import_traceback_cut_before_its_error_line_is_a_lead_not_a_cause():
    # tensorflow/tensorflow#37804: the store cut the traceback before its ImportError line.
    text = ("When i try to execut : import tensorflow as tf\n\ni have :\n\nImportError: Traceback (most recent call "
            "last):\n  File \"/Users/M/miniconda3/envs/c/lib/python3.5/site-packages/tensorflow_core/python/"
            "pywrap_tensorflow.py\", line 58, in <module>\n    from tensorflow.python.pywrap_tensorflow_internal import *\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "framework.import_error" and r.explanation.verdict != "diagnosed"


def test_a_localized_illegal_instruction_and_an_intel_imac_named_with_words_between():
    # ria-com/nomeroff-net#62 (Russian: "Недопустимая инструкция") and pytorch/pytorch#29967 ("iMac 27 mid-2010 Intel
    # Core i7", "Illegal instruction : 4").
    assert _top("root@Server:~# python3 demo0.py\nНедопустимая инструкция\nLinux Server 5.3.0-kali2-amd64 #1 SMP "
                "Debian 5.3.9-3kali1 (2019-11-20) x86_64 GNU/Linux\n") == "cpu.avx_missing"
    imac = ("Illegal instruction : 4\n\nUnable to run pytorch on an iMac 27 mid-2010 Intel Core i7.\n")
    r = explain(parse_text(imac))
    assert r.facts.host.arch == "x86_64" and r.findings[0].code == "cpu.avx_missing"


def test_a_cpu_without_avx_on_an_m1_is_a_translated_python():
    # nomic-ai/gpt4all#2744: gpt4all refuses the model because the "CPU does not support AVX" on an M1 MacBook.
    text = ("(M1 Macbook, 16GB)\n\nWhen initialising the model as in the example, it says unable because CPU does "
            "not support AVX.\n")
    assert _top(text) == "host.rosetta_python"


def test_a_print_statement_after_a_print_statement_is_source_not_its_output():
    # pytorch/pytorch#2730's example script: the second print is not what the first one printed.
    p = parse_text("print(f\"ROCm device detected: {torch.cuda.get_device_name(0)}\")\n"
                   "print(f\"VRAM available: {torch.cuda.get_device_properties(0).total_memory / 1024**3:.2f} GB\")\n")
    assert not [a for a in p.facts.accelerators if "print" in (a.model or "")]


def test_xformers_built_for_the_very_torch_installed_is_a_lead_not_a_reinstall():
    # facebookresearch/xformers#1250: its own lines say built for 2.6.0+cu118, and 2.6.0+cu118 is installed.
    same = ("WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:\n"
            "    PyTorch 2.6.0+cu118 with CUDA 1107 (you have 2.6.0+cu118)\n"
            "    Python  3.10.17 (you have 3.10.17)\n")
    f = next(f for f in diagnose(parse_text(same).facts, Knowledge()) if f.code == "packages.conflict")
    assert f.severity == "info" and not f.fix and "XFORMERS_MORE_DETAILS=1" in f.message
    other = same.replace("(you have 2.6.0+cu118)", "(you have 2.7.0+cu126)")
    f = next(f for f in diagnose(parse_text(other).facts, Knowledge()) if f.code == "packages.conflict")
    assert f.severity == "error" and "whl/cu126" in f.fix[0]


def test_xformers_operators_without_cuda_support_are_a_broken_xformers_install():
    # yufu-wang/PromptHMR#4, balazik/ComfyUI-PuLID-Flux#36: "xFormers wasn't build with CUDA support" per operator.
    text = ("NotImplementedError: No operator found for `memory_efficient_attention_forward` with inputs:\n"
            "`cutlassF-pt` is not supported because:\n    xFormers wasn't build with CUDA support\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert (f.code, f.subject, f.severity) == ("packages.conflict", "xformers", "error")


def test_onnx_runtime_offering_only_cpu_providers_is_its_cpu_package():
    # TaterTotterson/microWakeWord-Trainer-Nvidia-Docker#1: torch sees the RTX 4060 Ti, onnxruntime lists no CUDA.
    text = ("🔧 Torch CUDA Available: True\n  • Device name: NVIDIA GeForce RTX 4060 Ti\n\n🔧 ONNX Runtime Providers:\n"
            "  • ['AzureExecutionProvider', 'CPUExecutionProvider']\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert (f.code, f.subject, f.severity) == ("cuda.cpu_only_build", "onnxruntime", "error")
    assert f.fix == ("python -m pip uninstall -y onnxruntime onnxruntime-gpu", "python -m pip install onnxruntime-gpu")
    # Naozumi520/g2pW-Cantonese#1: the warning alone, no GPU shown: a lead (the machine may have none).
    warn = ("UserWarning: Specified provider 'CUDAExecutionProvider' is not in available provider names.Available "
            "providers: 'AzureExecutionProvider, CPUExecutionProvider'\n")
    f = next(f for f in diagnose(parse_text(warn).facts, Knowledge()) if f.code == "cuda.cpu_only_build")
    assert f.severity == "info" and f.subject == "onnxruntime"
    # a list that has the CUDA provider is a GPU build
    gpu = "['TensorrtExecutionProvider', 'CUDAExecutionProvider', 'CPUExecutionProvider']\n"
    assert not diagnose(parse_text(gpu).facts, Knowledge())


def test_condas_install_plan_with_a_cpu_pytorch_beside_cudatoolkit_is_a_cpu_only_build():
    # pytorch/pytorch#92273: `conda install pytorch==1.12.1 ... cudatoolkit=10.2` planned pytorch-1.12.1-py3.8_cpu_0.
    text = ("The following packages will be downloaded:\n\n"
            "    package                    |            build\n    ---------------------------|-----------------\n"
            "    cudatoolkit-10.2.89        |       h74a9793_1       317.2 MB  defaults\n"
            "    pytorch-1.12.1             |      py3.8_cpu_0       133.8 MB  pytorch\n"
            "    pytorch-mutex-1.0          |              cpu           3 KB  pytorch\n")
    facts = parse_text(text).facts
    torch = facts.framework("torch")
    assert torch.version == "1.12.1" and torch.build == {"cuda": None, "hip": None}
    assert facts.environment.installers["cudatoolkit"] == "conda"
    assert diagnose(facts, Knowledge())[0].code == "cuda.cpu_only_build"
    # the plan's package lists, with an update's target after "-->"
    plan = ("The following packages will be UPDATED:\n\n"
            "  pytorch    pytorch::pytorch-1.11.0-py3.9_cuda11.3_cudnn8.2.0_0 --> pytorch::pytorch-1.12.1-py3.9_cpu_0\n")
    torch = parse_text(plan).facts.framework("torch")
    assert torch.version == "1.12.1" and torch.build.get("cuda", "absent") is None
    # without cudatoolkit, a CPU pytorch alone may be the build the user wants
    alone = text.replace("    cudatoolkit-10.2.89        |       h74a9793_1       317.2 MB  defaults\n", "")
    assert "cuda.cpu_only_build" not in [f.code for f in diagnose(parse_text(alone).facts, Knowledge())]


def test_a_segfault_gdb_caught_in_a_script_that_imports_one_framework_is_its_crash():
    # tensorflow/tensorflow#2034: `import tensorflow as tf` first, then gdb's SIGSEGV under scipy's import.
    text = ("```\nimport tensorflow as tf\nimport numpy as np\nimport scipy.ndimage as nd\n```\n"
            "```\nProgram received signal SIGSEGV, Segmentation fault.\n0x00007ffff2d0e220 in PyArray_API () from "
            "/usr/lib64/python2.7/site-packages/numpy/core/multiarray.so\n```\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert (f.code, f.subject) == ("framework.crashed", "tensorflow") and "SIGSEGV" in f.message
    # gdb stopping on a breakpoint's SIGTRAP is no crash
    trap = text.replace("SIGSEGV, Segmentation fault", "SIGTRAP, Trace/breakpoint trap")
    assert "framework.crashed" not in [f.code for f in diagnose(parse_text(trap).facts, Knowledge())]


def test_an_installer_falling_back_to_a_cpu_only_torch_on_an_amd_gpu_needs_a_rocm_build():
    # unslothai/unsloth#8402: an RX 7900 XTX (gfx1100), and the installer's "falling back to CPU-only PyTorch".
    text = ("On Linux Mint with a Radeon RX 7900 XTX, the installer detects the GPU.\n"
            "[WARN] ROCm rocm5.7 detected but PyTorch ROCm wheels require ROCm 6.0+ -- falling back to CPU-only PyTorch\n"
            "Environment: RX 7900 XTX, ROCm at /opt/rocm\n")
    facts = parse_text(text).facts
    assert len(facts.accelerators) == 1  # "Radeon RX 7900 XTX" and "RX 7900 XTX" are one GPU
    assert diagnose(facts, Knowledge())[0].code == "rocm.cuda_build_on_amd"


def test_an_xrt_op_missing_on_the_tpu_worker_is_a_tpu_runtime_older_than_torch_xla():
    # pytorch/xla#659 (the maintainer: "You are using a TPU VM version which is too old").
    text = ("RuntimeError: tensorflow/compiler/xla/xla_client/xrt_computation_client.cc:105 : Check failed: "
            "session_work.first->session()->Run(...) == ::tensorflow::Status::OK() (Not found: Op type not registered "
            "'XRTAllocateFromTensor' in binary running on n-a66176ae-w-0. Make sure the Op and Kernel are registered)\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert (f.code, f.severity) == ("tpu.not_found", "error") and "n-a66176ae-w-0" in f.message


def test_xlas_stale_driver_messages_and_jaxs_no_kernel_image_are_a_driver_older_than_its_ptx_compiler():
    # jax-ml/jax#11699 (XLA's own lines), jax#11967 (the workaround named beside "no kernel image"), jax#25718.
    own = ("E external/org_tensorflow/tensorflow/stream_executor/cuda/cuda_asm_compiler.cc:57] cuLinkAddData fails. "
           "This is usually caused by stale driver version.\n")
    f = diagnose(parse_text(own).facts, Knowledge())[0]
    assert (f.code, f.severity) == ("cuda.driver_too_old", "error") and f.message.startswith("XLA")
    check = ("The NVIDIA driver's CUDA version is 12.4 which is older than the PTX compiler version (12.6.85). Because "
             "the driver is older than the PTX compiler version, XLA is disabling parallel compilation.\n")
    f = diagnose(parse_text(check).facts, Knowledge())[0]
    assert f.code == "cuda.driver_too_old" and "CUDA 12.4" in f.message and "CUDA 12.6" in f.message
    named = ("jax.numpy.ones(3)\n>>>RuntimeError: Unknown: no kernel image is available for execution on the device\n"
             "Setting the `xla_gpu_force_compilation_parallelism=1` works but has a performance hit.\n"
             "jax 0.3.16, jaxlib 0.3.15\n")
    codes = [(f.code, f.severity) for f in diagnose(parse_text(named).facts, Knowledge())]
    assert codes[0] == ("cuda.driver_too_old", "error") and "cuda.arch_not_in_build" not in [c for c, _ in codes]
    # jax's "no kernel image" alone: the likely cause, said as a warning; under torch it stays an arch question
    bare = named.replace("Setting the `xla_gpu_force_compilation_parallelism=1` works but has a performance hit.\n", "")
    assert [(f.code, f.severity) for f in diagnose(parse_text(bare).facts, Knowledge())][:1] == [
        ("cuda.driver_too_old", "warning")]
    torch = "import torch\nRuntimeError: CUDA error: no kernel image is available for execution on the device\n"
    assert diagnose(parse_text(torch).facts, Knowledge())[0].code == "cuda.arch_not_in_build"


def test_quadro_cards_in_prose_are_no_gpu_model():
    # microsoft/WSL#9952: "will not be available on Quadro GPUs in TCC mode", "applies to Quadro cards".
    text = "This limitation applies to Quadro cards; it will not be available on Quadro GPUs in TCC mode.\n"
    assert not parse_text(text).facts.accelerators
    assert [a.model for a in parse_text("I have a Quadro P2000 GPU\n").facts.accelerators] == ["Quadro P2000"]


def test_condas_unsatisfiable_python_specs_are_an_unsupported_python():
    # KaihuaTang/Scene-Graph-Benchmark.pytorch#160: pytorch=1.4.0 has builds up to Python 3.8, the env has 3.9.
    text = ("UnsatisfiableError: The following specifications were found\n"
            "to be incompatible with the existing python installation in your environment:\n\nSpecifications:\n\n"
            "  - pytorch=1.4.0 -> python[version='>=2.7,<2.8.0a0|>=3.6,<3.7.0a0|>=3.7,<3.8.0a0|>=3.8,<3.9.0a0|"
            ">=3.5,<3.6.0a0']\n\nYour python: python=3.9\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert f.code == "python.unsupported_version" and f.subject == "pytorch"
    assert "Python 3.5 to 3.8" in f.message and "Python 3.9" in f.message and f.fix == ("python3.8 -m venv .venv",)
    # conda's bare "3.7.*" shorthand (RitataLU/ATACgraph's conflicts log), under a Python 2.7
    old = "  - numpy -> python[version='3.7.*|3.8.*|3.9.*']\n\nYour python: python=2.7\n"
    f = diagnose(parse_text(old).facts, Knowledge())[0]
    assert f.code == "python.unsupported_version" and "Python 3.7 to 3.9" in f.message and "2.7" in f.message


def test_a_machine_said_to_have_no_gpu_or_a_mac_said_to_have_no_cuda_is_no_cuda_reinstall():
    # SparkAudio/Spark-TTS#87 ("a server with plenty of CPU and ram but no GPU"), CorentinJ/Real-Time-Voice-Cloning#101.
    for said in ("Trying to run on old HP rack mounted server with plenty of CPU and ram but no GPU really to speak of",
                 "I have pip all the packages and the enviroment,But Mac doesn't have cuda and every time I click:"):
        codes = [f.code for f in diagnose(parse_text("AssertionError: Torch not compiled with CUDA enabled\n" + said
                                                     + "\n").facts, Knowledge())]
        assert codes[:1] == ["cuda.no_gpu"] and "cuda.cpu_only_build" not in codes


def test_a_launchers_installing_and_required_lines_are_wishes_and_its_own_torch_line_is_the_installed_one():
    # bmaltais/kohya_ss#2010: "Torch 2.2.1+cpu" is installed; "required 2.1.2+cu118" and "Installing package: ..."
    # (and kohya's "Error running pip: install ...") are what it wants.
    text = ("08:08:04-612313 INFO     nVidia toolkit detected\n08:08:06-536617 INFO     Torch 2.2.1+cpu\n"
            "08:08:06-539647 WARNING  Torch reports CUDA not available\n"
            "08:08:06-543654 WARNING  Package wrong version: torch 2.2.1 required 2.1.2+cu118\n"
            "08:08:06-545642 INFO     Installing package: torch==2.1.2+cu118 torchvision==0.16.2+cu118 --index-url "
            "https://download.pytorch.org/whl/cu118\n08:09:32-842384 ERROR    Error running pip: install --upgrade "
            "torch==2.1.2+cu118 torchvision==0.16.2+cu118 --index-url\n"
            "08:09:38-232115 INFO     Installing package: tensorboard==2.14.1 tensorflow==2.14.0\n")
    facts = parse_text(text).facts
    assert facts.framework("torch").version == "2.2.1+cpu" and facts.framework("tensorflow") is None
    assert diagnose(facts, Knowledge())[0].code == "cuda.cpu_only_build"


def test_a_launcher_installing_a_cuda_torch_over_a_rocm_one_on_an_amd_gpu_is_a_cuda_build_on_amd():
    # bmaltais/kohya_ss#2228: the working 2.1.2+rocm5.6 on an RX 7800 XT, "required 2.1.2+cu118".
    text = ("INFO     Torch 2.1.2+rocm5.6\nINFO     Torch detected GPU: AMD Radeon RX 7800 XT VRAM 16368 Arch (11, 0)\n"
            "WARNING  Package wrong version: torch 2.1.2+rocm5.6 required 2.1.2+cu118\n"
            "INFO     Installing package: torch==2.1.2+cu118 --extra-index-url https://download.pytorch.org/whl/cu118\n")
    facts = parse_text(text).facts
    assert facts.framework("torch").version == "2.1.2+rocm5.6"
    f = diagnose(facts, Knowledge())[0]
    assert f.code == "rocm.cuda_build_on_amd" and "cu118" in f.message and "2.1.2+rocm5.6" in f.message


def test_torchs_no_nvidia_driver_in_a_paste_about_rocm_is_a_cuda_build_on_amd():
    # av/harbor#173: the ROCm index quoted as what should work; collect_env's "ROCM used to build PyTorch: N/A" is no
    # such word (pytorch#74733 stays ambiguous).
    text = ("Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver\n"
            "In theory, comfyUI should work with: `pip install torch --index-url https://download.pytorch.org/whl/rocm6.3`\n")
    assert diagnose(parse_text(text).facts, Knowledge())[0].code == "rocm.cuda_build_on_amd"
    env = ("UserWarning: CUDA initialization: Found no NVIDIA driver on your system. Please check that you have an "
           "NVIDIA GPU and installed a driver\nROCM used to build PyTorch: N/A\n")
    assert "rocm.cuda_build_on_amd" not in [f.code for f in diagnose(parse_text(env).facts, Knowledge())]


def test_a_container_that_exited_with_code_132_died_of_an_illegal_instruction():
    # exadel-inc/CompreFace#518: 128 + SIGILL (4), on a NAS's Celeron without AVX.
    text = "Using the docker compose, all docker images start except compreface-core with error code 132\n"
    assert diagnose(parse_text(text).facts, Knowledge())[0].code == "cpu.avx_missing"
    assert not diagnose(parse_text("the job finished with code 0 after 132 steps\n").facts, Knowledge())


def test_torchs_capability_warning_wrapped_before_the_sm_is_still_an_arch_gap():
    # guoqincode/Open-AnimateAnyone#114: re-wrapped by hand after "capability".
    text = ("NVIDIA H100 PCIe with CUDA capability\nsm_90 is not compatible with the current PyTorch installation.\n"
            "The current PyTorch\ninstall supports CUDA capabilities sm_37 sm_50 sm_60 sm_70 sm_75 sm_80 sm_86.\n")
    assert diagnose(parse_text(text).facts, Knowledge())[0].code == "cuda.arch_not_in_build"


def test_libcuda_missing_in_a_kubernetes_pod_is_a_pod_without_the_gpu():
    # NVIDIA/nvidia-docker#828: `docker run --runtime nvidia` works, the pod's TensorFlow lacks libcuda.so.1.
    text = ("But when I deploy in kubernetes I get the following error for tensorflow\n"
            "\"ImportError: libcuda.so.1: cannot open shared object file: No such file or directory\"\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert f.code == "container.gpu_not_passed" and "libcuda.so.1" in f.evidence[0]


def test_cudas_unknown_error_after_a_suspend_is_a_driver_to_reload():
    # pytorch/pytorch#88639, gbionics/jaxsim#50: reloading nvidia_uvm brings CUDA back.
    text = ("after resuming I typically get the following error:\n"
            "E external/xla/xla/stream_executor/cuda/cuda_driver.cc:268] failed call to cuInit: CUDA_ERROR_UNKNOWN: "
            "unknown error\n")
    f = diagnose(parse_text(text).facts, Knowledge())[0]
    assert f.code == "cuda.driver_not_loaded" and f.fix == ("sudo rmmod nvidia_uvm", "sudo modprobe nvidia_uvm")
    # the same error without a suspend is not this
    alone = text.split("\n", 1)[1]
    assert "sudo rmmod nvidia_uvm" not in [x for f in diagnose(parse_text(alone).facts, Knowledge()) for x in f.fix]


def test_jaxs_cuda_plugin_failing_to_load_a_library_is_a_missing_library_not_a_cpu_jaxlib():
    # google-deepmind/mujoco_playground#137: jax_plugins/xla_cuda12 cannot load cuSPARSE, then jax's CPU fallback.
    text = ('  File "/e/lib/python3.11/site-packages/jax_plugins/xla_cuda12/__init__.py", line 230, in initialize\n'
            "RuntimeError: Unable to load cuSPARSE. Is it installed?\n"
            "WARNING:jax._src.xla_bridge:791: An NVIDIA GPU may be present on this machine, but a CUDA-enabled jaxlib "
            "is not installed. Falling back to cpu.\n")
    codes = [f.code for f in diagnose(parse_text(text).facts, Knowledge())]
    assert codes == ["cuda.library_missing"]


def test_uname_srm_on_an_arm64_mac_is_apple_silicon_under_jaxlibs_avx_refusal():
    # astral-sh/uv#11960: an x86_64 uv picked an x86_64 Python on "Darwin 23.5.0 arm64".
    text = ("RuntimeError: This version of jaxlib was built using AVX instructions, which your CPU and/or operating "
            "system do not support. This error is frequently encountered on macOS when running an x86 Python "
            "installation on ARM hardware.\n\n### Platform\n\nDarwin 23.5.0 arm64\n")
    facts = parse_text(text).facts
    assert (facts.host.os, facts.host.arch) == ("darwin", "aarch64")
    assert diagnose(facts, Knowledge())[0].code == "host.rosetta_python"


def test_a_tpu_device_node_that_cannot_be_opened_and_a_tpu_runtime_of_another_tensorflow_are_unusable_tpus():
    # pytorch/xla#9604 and tensorflow/tensorflow#34346 (tf-nightly against Colab's TPU runtime).
    opened = "RuntimeError: Bad StatusOr access: UNKNOWN: TPU initialization failed: open(/dev/accel2): Operation not permitted\n"
    assert diagnose(parse_text(opened).facts, Knowledge())[0].code == "tpu.not_found"
    other = ("resolver = tf.distribute.cluster_resolver.TPUClusterResolver(tpu='grpc://' + os.environ['COLAB_TPU_ADDR'])\n"
             "NotFoundError: '__inference__tpu_init_fn_4' is neither a type of a primitive operation nor a name of a "
             "function registered in binary running on n-b3f5d1f6-w-0.\n")
    f = diagnose(parse_text(other).facts, Knowledge())[0]
    assert f.code == "tpu.not_found" and "tf-nightly" in f.message


def test_amds_tensorflow_rocm_is_never_told_it_lacks_rocm():
    # ROCm/tensorflow-upstream#1291: tensorflow-rocm 2.3.4 on an RX 580 (gfx803) and HIP's "no binary for GPU".
    text = ("- TensorFlow version (use command below): 2.3.2 (tensorflow-rocm==2.3.4)\n- GPU model and memory: Radeon RX 580\n"
            '/src/external/hip-on-vdi/rocclr/hip_code_object.cpp:120: guarantee(false && "hipErrorNoBinaryForGpu: '
            "Coudn't find binary for current devices!\")\n")
    codes = [f.code for f in diagnose(parse_text(text).facts, Knowledge())]
    assert codes[:1] == ["rocm.arch_unsupported"] and "rocm.cuda_build_on_amd" not in codes


def _found(text: str):  # noqa: ANN202
    """The findings `hwprobe explain` gives a paste, first one first."""
    return explain(parse_text(text)).findings


def test_a_rocm_library_missing_at_import_torch_is_an_import_error_not_an_unsupported_gpu():
    # ROCm/TheRock#7329: a nightly's libtorch_python.so needs libhipfile.so.0, missing from torch's preload list.
    text = ("Nightly PyTorch smoke tests fail on Linux ROCm (observed gfx1153) at `import torch`:\n"
            "[ERROR] Failed to retrieve GPU info: ERROR:libhipfile.so.0: cannot open shared object file: No such "
            "file or directory\n")
    found = _found(text)
    assert found[0].code == "framework.import_error" and found[0].subject == "torch"
    assert "rocm.arch_unsupported" not in {f.code for f in found}  # a torch that does not import ran no kernel
    # the same GPU with a torch that imports is still read against the builds
    assert "rocm.arch_unsupported" in {f.code for f in _found("ROCm on my gfx1153, torch.cuda.is_available() False\n")}


def test_tensorflows_failed_cuinit_in_a_container_named_by_its_host_id_is_a_container_without_the_gpu():
    # NVIDIA/nvidia-docker#92: TensorFlow 0.8 in a plain docker container; its diagnostics name the container's id.
    log = ("E tensorflow/stream_executor/cuda/cuda_driver.cc:481] failed call to cuInit: CUresult(-1)\n"
           "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:114] retrieving CUDA diagnostic information for "
           "host: 18a61c37a941\n"
           "I tensorflow/stream_executor/cuda/cuda_diagnostics.cc:257] driver version file contents: \"\"\"NVRM "
           "version: NVIDIA UNIX x86_64 Kernel Module 352.93 Tue Apr 5 18:18:24 PDT 2016\n")
    assert _found(log)[0].code == "container.gpu_not_passed"
    host = log.replace("18a61c37a941", "gpu-node-7")  # a host name of its own: no container to blame
    assert "container.gpu_not_passed" not in {f.code for f in _found(host)}


def test_cuda_jls_word_that_cuda_13_does_not_support_the_gpu_is_an_architecture_gap():
    # JuliaGPU/CUDA.jl#3079: a V100 under driver 580, whose CUDA 13 dropped Volta.
    found = _found("┌ Error: Your Tesla V100-PCIE-32GB GPU (compute capability 7.0) is not supported on CUDA 13+.\n"
                 "│ Please use a device with at least capability 7.5, or downgrade your NVIDIA driver to below v580.\n")
    assert found[0].code == "cuda.arch_not_in_build" and "12.x" in found[0].message
    assert "cuda.driver_too_old" not in {f.code for f in found}


def test_windows_event_viewers_python_fault_after_import_torch_is_a_crash_of_torchs_process():
    # pytorch/pytorch#96998: python.exe dies in nvcuda64.dll at torch.cuda.is_available().
    fault = ("Faulting application name: python.exe, version: 3.10.9150.1013, time stamp: 0x638fa05d\n"
             "Faulting module name: nvcuda64.dll, version: 31.0.15.3129, time stamp: 0x640826be\n"
             "Exception code: 0xc0000409\n")
    found = _found("import torch\nprint(torch.cuda.is_available())\n" + fault)
    assert found[0].code == "framework.crashed" and "0xc0000409" in found[0].message
    assert "nvcuda64.dll" in " ".join(found[0].evidence)
    assert not _found(fault)  # no framework imported in the paste: whose process it was is not known
    ill = parse_text("import tensorflow\n" + fault.replace("0xc0000409", "0xc000001d")).facts
    assert ill.framework("tensorflow").signal == "SIGILL"  # the illegal instruction's twin, for the CPU rules


def test_a_system_library_too_old_for_torchs_own_library_is_an_import_error():
    # KumaTea/pytorch-aarch64#16: Ubuntu 18.04's glibc 2.27 under an aarch64 torch wheel that needs 2.28.
    found = _found("ImportError: /lib/aarch64-linux-gnu/libc.so.6: version `GLIBC_2.28' not found (required by "
                 "/www/miniconda3/envs/vits/lib/python3.7/site-packages/torch/lib/libtorch_python.so)\n")
    assert found[0].code == "framework.import_error" and found[0].subject == "torch"


def test_no_release_of_an_arm64_only_package_on_an_apple_silicon_mac_is_a_rosetta_python():
    # ml-explore/mlx#10 (and mlx#200's note): mlx publishes macOS wheels for arm64 only.
    none = ("ERROR: Could not find a version that satisfies the requirement mlx (from versions: none)\n"
            "ERROR: No matching distribution found for mlx\n")
    m1 = _found(none + "Python version: 3.10.13\nMacbook air M1 2020 with 8GB memory running Sonoma 14.0\n")
    assert m1[0].code == "host.rosetta_python" and m1[0].severity == "warning" and "arm64 only" in m1[0].message
    # below the wheels' macOS tag (macosx_13_0) pip finds none for a native Python too: not Rosetta's doing
    old = _found(none + "Python version: 3.10.13\nMacBook Air M1, macOS 12.6\n")
    assert "host.rosetta_python" not in {f.code for f in old}
    # a package with Intel-Mac wheels for this Python (mediapipe 0.10.21 for 3.12) says nothing of the interpreter
    mp = _found(none.replace("mlx", "mediapipe") + "Python version: 3.12.1\nMacbook air M1 running Sonoma 14.0\n")
    assert "host.rosetta_python" not in {f.code for f in mp}


def test_two_conda_packages_of_torch_after_a_typed_conda_list_are_a_conflict():
    # pytorch/pytorch#12031: pytorch and pytorch-nightly in one environment overwrite each other.
    text = ("conda list\n"
            "pytorch                   0.4.1           py37_cuda0.0_cudnn0.0_1    pytorch\n"
            "pytorch-nightly           1.0.0.dev20180921         py3.7_0    pytorch\n")
    found = _found(text)
    assert found[0].code == "packages.conflict" and "1.0.0.dev20180921" in found[0].message
    assert parse_text(text).facts.framework("torch").build.get("cuda") is None  # "cuda0.0": the CPU build


def test_a_pinned_onnxruntime_without_a_wheel_for_this_python_is_an_unsupported_python():
    # luckycucu/duguang-ocr-onnx#9: onnxruntime 1.18.0's PyPI files stop at cp312.
    found = _found("ERROR: No matching distribution found for onnxruntime==1.18.0\n\n系统：windows 10\npython: 3.13.3\n")
    assert (found[0].code, found[0].subject) == ("python.unsupported_version", "onnxruntime")
    assert "3.8 to 3.12" in found[0].message and "1.20.0" in found[0].message


def test_a_windows_build_without_wsl_gpu_compute_is_named_when_the_user_speaks_of_the_gpu():
    # microsoft/WSL#5955: Windows 10 19041 (2004) with WSL 2 and the CUDA-on-WSL guide "does not work".
    text = (" Microsoft Windows [Version 10.0.19041.508]\n Linux version 4.19.128-microsoft-standard (oe-user@oe-host) "
            "(gcc version 8.2.0 (GCC)) #1 SMP Tue Jun 23 12:58:10 UTC 2020\n\nWSL2\n\n"
            "Following the guide here for establishing GPU support in WSL does not work.\n")
    assert _found(text)[0].code == "wsl.gpu_unavailable"
    assert not _found(text.replace("Following the guide here for establishing GPU support in WSL does not work.", "hi"))


def test_found_no_nvidia_driver_on_an_apple_silicon_mac_names_no_driver_to_load():
    # lllyasviel/Fooocus#2472: torch's "Found no NVIDIA driver" "on MAC pro M1".
    text = ("RuntimeError: Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and "
            "installed a driver from http://www.nvidia.com/Download/index.aspx\n")
    assert "cuda.driver_not_loaded" not in {f.code for f in _found(text + "\non MAC pro M1\n")}
    assert "cuda.driver_not_loaded" in {f.code for f in _found(text + "\non Ubuntu 22.04\n")}


def test_an_ides_exit_code_139_beside_one_frameworks_version_is_that_frameworks_crash():
    # pytorch/pytorch#13123: PyCharm's "Process finished with exit code 139 (interrupted by signal 11: SIGSEGV)".
    text = ('I got the following error: "Process finished with exit code 139 (interrupted by signal 11: SIGSEGV)"\n'
            "I am using torch version 0.4.1, without the usage of a GPU.\n")
    found = _found(text)
    assert found[0].code == "framework.crashed" and "SIGSEGV" in found[0].message and found[0].subject == "torch"
    # whose process it was is not in the paste: the Python process's crash, no framework's
    assert [(f.code, f.subject) for f in _found(text.splitlines()[0] + "\n")] == [("framework.crashed", "python")]


def test_torch_seeing_its_gpu_in_a_rocm_paste_is_no_nvidia_gpu():
    # ROCm/legacy-rocm-build#1930: rocm/pytorch's torch.cuda is HIP; "is_available() True" is the Radeon's.
    f = parse_text("Hi! I have problem with my radeon rx570\ndocker run -it --device=/dev/kfd --device=/dev/dri "
                   "rocm/pytorch:latest bash\ntorch.cuda.is_available() == True #True\n").facts
    assert not [a for a in f.accelerators if a.vendor == "nvidia"]
    plain = parse_text("torch.cuda.is_available() == True #True\n").facts
    assert [a for a in plain.accelerators if a.vendor == "nvidia"]  # with nothing else said, CUDA is NVIDIA's


def test_a_build_named_for_the_gpus_own_target_is_not_told_it_lacks_code_objects():
    # robertrosenbusch/gfx803_rocm#50: the community rocm64_gfx803_pytorch image on an RX 560X (gfx803).
    text = ("I'm trying to run the rocm64_gfx803_pytorch Docker image on my RX560x (gfx803) GPU on Linux Mint 22\n"
            "dGPU: AMD Radeon RX560x (gfx803)\n")
    assert "rocm.arch_unsupported" not in {f.code for f in _found(text)}
    official = "I'm trying to run the rocm/pytorch Docker image on my RX560x (gfx803) GPU on Linux Mint 22\n"
    assert "rocm.arch_unsupported" in {f.code for f in _found(official)}


def test_python_2s_form_of_torchs_missing_cuda_binding_is_a_build_without_cuda():
    # wuhuikai/DeepGuidedFilter#4 (Python 2.7): "'module' object has no attribute '_cuda_getDevice'".
    found = _found("AttributeError: 'module' object has no attribute '_cuda_getDevice'\n")
    assert "cuda.cpu_only_build" in {f.code for f in found}


def test_a_docker_without_the_gpus_flag_is_a_container_that_never_got_the_gpu():
    # pytorch/serve#627: "unknown flag: --gpus" from a Docker older than 19.03.
    found = _found("when:     docker run --rm -it --gpus all -p 8080:8080 torchserve:gpu-latest\n"
                   "result:    unknown flag: --gpus See 'docker run --help'.\n")
    assert found[0].code == "container.gpu_not_passed" and "19.03" in found[0].message


def test_no_cuda_on_my_laptop_is_a_machine_without_a_gpu_and_no_cuda_installed_is_not():
    # wuhuikai/DeepGuidedFilter#4: "I don't have cuda on my laptop" beside torch's missing CUDA binding.
    err = "AttributeError: 'module' object has no attribute '_cuda_getDevice'\n"
    assert _found(err + "I don't have cuda on my laptop.\n")[0].code == "cuda.no_gpu"
    assert _found(err + "I don't have cuda installed on my laptop.\n")[0].code == "cuda.cpu_only_build"


def test_cudas_unknown_error_in_a_pod_is_the_drivers_not_a_pod_without_the_gpu():
    # GoogleCloudPlatform/container-engine-accelerators#248: torch's "CUDA unknown error" on GKE after a node reboot.
    text = ("I'm running torchserve in GKE and I've installed the nvidia-driver-installer\n"
            ">>> torch.cuda.is_available()\n"
            "/home/venv/lib/python3.8/site-packages/torch/cuda/__init__.py:82: UserWarning: CUDA initialization: CUDA "
            "unknown error - this may be due to an incorrectly set up environment, e.g. changing env variable "
            "CUDA_VISIBLE_DEVICES after program start. Setting the available devices to be zero.\n"
            ">>> torch.__version__\n'1.11.0+cu102'\n")
    assert "container.gpu_not_passed" not in {f.code for f in _found(text)}


def test_a_pyg_wheel_for_another_torch_build_missing_torchs_cuda_library_is_a_conflict():
    # rusty1s/pytorch_scatter#211: the torch-1.8.0+cu111 wheel of torch-scatter under a cu102 torch.
    found = _found("`pip install torch-scatter -f https://pytorch-geometric.com/whl/torch-1.8.0+cu111.html`\n"
                   "but now throws an error\n`Exception has occurred: OSError\n"
                   "libtorch_cuda_cu.so: cannot open shared object file: No such file or directory`\n")
    assert (found[0].code, found[0].subject) == ("packages.conflict", "torch-scatter")
    assert "1.8.0+cu111" in found[0].message


def test_whispers_cpu_fallback_on_an_intel_mac_pro_is_a_mac_without_cuda():
    # octimot/StoryToolkitAI#3: "FP16 is not supported on CPU" on a Mac Pro 2019 with an AMD W6800X Duo.
    text = ("UserWarning: FP16 is not supported on CPU; using FP32 instead\nSystem specs:\nMac Pro 2019\n"
            "3.2GHz 16-core Intel Xeon W\nAMD Radeon W6800X Duo 32GB\n")
    assert _found(text)[0].code == "cuda.no_gpu"
    f = parse_text(text).facts
    assert (f.host.os, f.host.arch) == ("darwin", "x86_64")  # a Mac from before November 2020 is an Intel one
    assert parse_text("my MacBook Air 2020\n").facts.host.arch is None  # 2020 had both


def test_mps_is_available_false_is_not_cuda_being_unavailable():
    # The two MPS cases (codex#10199, pytorch#177819) print torch.backends.mps.is_available() == False.
    f = parse_text("torch.backends.mps.is_available() == False\n").facts
    assert "torch.cuda_unavailable" not in {o.code for o in f.observations}
    assert "torch.cuda_unavailable" in {o.code for o in parse_text("torch.cuda.is_available() == False\n").facts.observations}


def test_a_gpu_named_in_a_gpu_word_with_a_trademark_sign_is_still_that_gpu():
    # LykosAI/StabilityMatrix#1512: "Gigabyte GeForce RTX™ 3080 VISION OC 10G".
    f = parse_text("### What GPU / hardware type are you using?\n\nGigabyte GeForce RTX™ 3080 VISION OC 10G (rev. 2.0)\n").facts
    assert [a.model for a in f.accelerators if a.vendor == "nvidia"] == ["GeForce RTX 3080"]


def test_docker_gpus_on_a_machine_said_to_have_no_gpu_is_no_gpu_not_a_container_problem():
    # ATOMScience-org/AMPL#362: `docker run --gpus all` "on a machine without a GPU".
    text = ("I was encountering the following error when running on a machine without a GPU:\n"
            "docker run --gpus all -p 8080:8080 img\n"
            "docker: Error response from daemon: failed to create shim task: OCI runtime create failed: runc create "
            "failed: unable to start container process: error during container init: error running hook #0: error "
            "running hook: exit status 1, stdout: , stderr: nvidia-container-cli: initialization error: driver "
            "error: failed to process request: unknown.\n")
    found = {f.code for f in _found(text)}
    assert _found(text)[0].code == "cuda.no_gpu" and "container.gpu_not_passed" not in found


def test_import_then_a_segfault_said_in_that_order_is_the_frameworks_crash():
    # tensorflow/tensorflow#2197: "Now trying ```import tensorflow``` results in a segmentation fault."
    f = parse_text("Now trying ```import tensorflow``` results in a segmentation fault.\n").facts
    assert (f.framework("tensorflow").status, f.framework("tensorflow").signal) == ("crashed", "SIGSEGV")


def test_ollamas_no_gpu_detected_in_wsl_beside_a_gpu_only_named_is_the_gpu_not_reaching_wsl():
    # ollama/ollama#4659: an RTX 3060 Ti named, WSL 2, and ollama's installer finds no GPU.
    text = ("i have an RTX 3060 Ti and when I ran the install script in ubuntu on WSL it says this:\n"
            "WARNING: No NVIDIA/AMD GPU detected. Ollama will run in CPU-only mode.\n\n### OS\n\nWSL2\n")
    assert _found(text)[0].code == "wsl.gpu_unavailable"
    # cuml#4143: the same "no device" beside "with nvidia-smi working" in WSL 2: the GPU reaches WSL
    said = ("same here. I have a fresh install of WSL2, with nvidia-smi working. The message I got is :\n"
            "numba.cuda.cudadrv.error.CudaSupportError: Error at driver init:\n"
            "[100] Call to cuInit results in CUDA_ERROR_NO_DEVICE:\nWhich is wrong, because I have and NVIDIA RTX 3070.\n")
    assert "wsl.gpu_unavailable" not in {f.code for f in _found(said)}


def test_found_no_nvidia_driver_on_a_mac_is_no_gpu_unless_the_mac_predates_mojave():
    # Prem95/realtime-face-anti-spoofing#12 (lowercase, on macOS), and pytorch#3864 (a CUDA source build on 10.13,
    # when NVIDIA's macOS drivers still existed).
    mac = _found("Runtime error found no NVIDIA driver on your system\n\nI got this error on macOS.\n")
    assert mac[0].code == "cuda.no_gpu" and "cuda.driver_not_loaded" not in {f.code for f in mac}
    old = ("PyTorch 0.4.0a0, macOS 10.13 High Sierra\nAssertionError: \nFound no NVIDIA driver on your system. Please "
           "check that you\n")
    assert "cuda.no_gpu" not in {f.code for f in _found(old)}


def test_nvmls_mismatch_without_its_failed_to_initialize_prefix_is_still_a_stale_module():
    # kaushikcfd's "[stout,bock] NVML: Driver/library version mismatch" (kernel module 520.56.06, nvidia-smi 525.85.12).
    assert _found("[stout,bock] NVML: Driver/library version mismatch\n")[0].code == "cuda.driver_not_loaded"


def test_a_system_library_too_old_for_torchs_library_with_its_path_cut_is_an_import_error():
    # pytorch/pytorch#157709: "(required by .../libtorch_python.so)".
    found = _found("ImportError: /lib/x86_64-linux-gnu/libstdc++.so.6: version `GLIBCXX_3.4.30' not found (required "
                   "by .../libtorch_python.so)\n")
    assert (found[0].code, found[0].subject) == ("framework.import_error", "torch")


def test_a_python_downgraded_to_is_the_python_now_and_a_later_sentences_pip_is_no_wish():
    # derrian-distro/LoRA_Easy_Training_Scripts#35: "So I downgraded to 3.10.6 per your instructions. However now I get
    # the following when running `pip install ...`".
    f = parse_text("I was having issues with my default 3.10.10 Python version. So I downgraded to 3.10.6 per your "
                   "instructions. However now I get the following when running `pip install -r requirements.txt`:\n").facts
    assert f.host.python.version == "3.10.6"


def test_a_pinned_open3d_without_a_wheel_for_python_3_13_is_an_unsupported_python():
    # isl-org/Open3D#7145: open3d==0.18.0 on Python 3.13 (its PyPI wheels, some with a build tag, stop at cp311).
    found = _found("ERROR: Could not find a version that satisfies the requirement open3d==0.18.0 (from versions: none)\n"
                   "ERROR: No matching distribution found for open3d==0.18.0\n\nPython 3.13.1\n")
    assert (found[0].code, found[0].subject) == ("python.unsupported_version", "open3d")
    assert "3.8 to 3.11" in found[0].message


def test_polaris_and_rdna1_radeons_map_to_their_gfx_targets_from_llvms_processor_table():
    # LLVM's AMDGPUUsage processor table (gfx803: RX 460/470/480; gfx900: RX Vega 56/64; gfx1010: RX 5700 XT) and
    # ROCm's 2.9-era README (Polaris 10 and 11: the RX 580 and RX 570)
    from hwprobe.reason import catalog as cat
    kb = Knowledge()
    for name, gfx in (("Radeon RX 580 Series", "gfx803"), ("AMD Radeon RX 470", "gfx803"), ("RX 570", "gfx803"),
                      ("Radeon RX Vega 64", "gfx900"), ("AMD Radeon RX 5700 XT", "gfx1010"),
                      ("Radeon RX 5500 XT", "gfx1012")):
        assert cat.gpu_model(kb, name, "amd")["gfx_arch"] == gfx, name
    assert cat.gpu_model(kb, "AMD Instinct MI60", "amd")["gfx_arch"] == "gfx906"  # MI6's pattern is not MI60's


def test_an_rx_480_that_no_torch_rocm_wheel_was_built_for_is_an_unsupported_gpu():
    # xuhuisheng/rocm-build#8: the maintainer's answer, official torch 1.8.1 has no gfx803; build it from source.
    found = _found("| GPU      | RX 480             |\n| ROCm     | 4.1.1      |\n")
    assert found[0].code == "rocm.arch_unsupported" and "gfx803" in found[0].message
    # ROCm's tensorflow#51: the same GPU in 2018's rocm/tensorflow image, dead of an illegal instruction at import,
    # ran no GPU kernel to lack code objects for
    sigill = _found("import tensorflow error\nIllegal instruction (core dumped)\nGPU AMD RX480\n")
    assert sigill[0].code == "cpu.avx_missing" and "rocm.arch_unsupported" not in {f.code for f in sigill}


def test_a_cuda_torchs_own_message_on_an_rx_570_is_a_cuda_build_whose_rocm_fix_would_not_help_either():
    # neuralchen/SimSwap#421: torch's "Found no NVIDIA driver" and "but I have a RX570 GPU".
    text = ('it states "Found no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed '
            'a driver from http://www.nvidia.com/Download/index.aspx" but I have a RX570 GPU.\n')
    found = _found(text)
    assert found[0].code == "rocm.cuda_build_on_amd"
    assert "No official torch ROCm build includes gfx803" in found[0].message and not found[0].fix
    assert "rocm.arch_unsupported" not in {f.code for f in found}  # no ROCm build is installed to lack code objects


def test_a_source_build_of_torch_is_never_told_no_official_build_has_its_gpu():
    # ROCm/pytorch#627: torch 1.6.0a0+93432cf built from source runs on an RX 580-class Ellesmere (gfx803).
    text = ("Found GPU0 Ellesmere [Radeon RX 470/480/570/570X/580/580X] which is of cuda capability 3.0.\n"
            "tensor([9], device='cuda:0')\n"
            " - PyTorch Version (e.g., 1.0): '1.6.0a0+93432cf'\n")
    assert "rocm.arch_unsupported" not in {f.code for f in _found(text)}
    wheel = text.replace("1.6.0a0+93432cf", "1.6.0")  # a published release has no gfx803 code objects
    assert "rocm.arch_unsupported" in {f.code for f in _found(wheel)}


def test_a_misspelt_illegal_instruction_is_still_the_cpus_missing_instructions():
    # remicres/otbtf#77: "illegals instruction (core dumped)" from the otbtf cpu image on an older CPU.
    found = _found("using the otbcli_TensorflowModelTrain command there is an error that is **illegals instruction "
                   "(core dumped)**. I need help\n")
    assert found[0].code == "cpu.avx_missing"


def test_cudnn_9s_unable_to_load_any_of_its_libraries_is_a_missing_cuda_library():
    # MahmoudAshraf97/whisper-diarization#259 (fixed by apt-get install libcudnn9-cuda-12), disler's assistant#3.
    found = _found("Unable to load any of {libcudnn_ops.so.9.1.0, libcudnn_ops.so.9.1, libcudnn_ops.so.9, "
                   "libcudnn_ops.so}\nInvalid handle. Cannot load symbol cudnnCreateTensorDescriptor\n")
    assert found[0].code == "cuda.library_missing" and "libcudnn_ops.so.9.1.0" in " ".join(found[0].evidence)


def test_nvidia_smis_failure_retold_after_a_reboot_is_a_driver_that_is_not_loaded():
    # NVIDIA/nvidia-docker#804: driver 396.26, then an OS upgrade's reboot.
    text = ("* Install NVIDIA-driver 396.26 and nvidia-docer2\n"
            "**run nvidia-smi and got message saying that it cannot communicate to the driver\n")
    assert _found(text)[0].code == "cuda.driver_not_loaded"
    assert not _found("nvidia-smi works and can communicate with the driver\n")


def test_docker_refusing_a_gpu_request_on_a_machine_said_to_have_no_nvidia_card_is_no_gpu():
    # metadist/synaplan#331: the compose file's reservation on a machine without an NVIDIA card.
    text = ("docker compose stack fails without nvidia graphics card\n"
            "`Error response from daemon: could not select device driver \"nvidia\" with capabilities: [[gpu]]`\n")
    found = _found(text)
    assert found[0].code == "cuda.no_gpu" and "reservation" in found[0].message
    # the same refusal on a machine with a GPU is the toolkit's
    assert _found(text.replace("fails without nvidia graphics card", "fails on my RTX 3090"))[0].code \
        == "container.gpu_not_passed"


def test_pips_exact_pin_of_another_torch_is_a_conflict_even_between_two_nightlies():
    # pytorch#87075: two cu117 nightlies a day apart, which the release pairing cannot tell apart.
    text = ("ERROR: torchaudio 0.13.0.dev20221016+cu117 has requirement torch==1.14.0.dev20221016, but you'll have "
            "torch 1.14.0.dev20221017+cu117 which is incompatible.\n")
    f = _found(text)[0]
    assert f.code == "packages.conflict" and f.subject == "torchaudio"
    assert "--pre" in f.fix[0] and "https://download.pytorch.org/whl/nightly/cu117" in f.fix[0]
    # MOFA-Video#20: pip's explanation and the conflict on one line, a release pair the data knows
    one_line = ("ERROR: pip's dependency resolver does not currently take into account all the packages that are "
                "installed. This behaviour is the source of the following dependency conflicts. torchaudio 2.3.1 "
                "requires torch==2.3.1, but you have torch 2.0.1 which is incompatible.\n")
    facts = parse_text(one_line).facts
    assert facts.packages["torch"] == "2.0.1" and facts.packages["torchaudio"] == "2.3.1"
    assert _found(one_line)[0].code == "packages.conflict"


def test_pips_offer_names_the_python_a_pinned_package_release_has_no_wheel_for():
    # rupeshs/fastsdcpu#296: mediapipe==0.10.9 has no cp312 wheel; 0.10.13 is the first release with one.
    text = ("ERROR: Could not find a version that satisfies the requirement mediapipe==0.10.9 (from versions: 0.10.13, "
            "0.10.14, 0.10.15, 0.10.18, 0.10.20, 0.10.21)\nERROR: No matching distribution found for mediapipe==0.10.9\n")
    f = _found(text)[0]
    assert f.code == "python.unsupported_version" and f.subject == "mediapipe"
    assert "Python 3.12" in f.message and "mediapipe >= 0.10.13" in f.message
    # an offer that does not start where some Python's wheels start names no Python
    odd = text.replace("0.10.13, 0.10.14, ", "0.10.14, ")
    assert "python.unsupported_version" not in {x.code for x in _found(odd)}


def test_a_crash_named_in_the_systems_language_is_a_crash():
    # pytorch#109929: a French system's "Abandon (core dumped)" after ROCm's memory access fault.
    text = ("Memory access fault by GPU node-1 (Agent handle: 0x55eb9b596570) on address 0x7f66960b2000. Reason: Page "
            "not present or supervisor privilege.\nAbandon (core dumped)\n\nPyTorch: 2.2.0.dev20230920+rocm5.6\n")
    f = _found(text)[0]
    assert f.code == "framework.crashed" and f.subject == "torch" and "SIGABRT" in f.message
    german = parse_text("import torch\nSpeicherzugriffsfehler (Speicherabzug geschrieben)\n").facts.framework("torch")
    assert (german.status, german.signal) == ("crashed", "SIGSEGV")
    assert parse_text("import torch\nAbandon\n").facts.framework("torch") is None  # a word alone is no crash


def test_an_import_said_to_end_in_a_segfault_is_that_frameworks_crash():
    # AmpereComputingAI/ampere_model_library#183: torchvision then tensorflow in one process.
    text = ("When we `import torchvision` and then `import tensorflow`, we get a `Segmentation fault (core dumped)`.\n")
    f = _found(text)[0]
    assert f.code == "framework.crashed" and f.subject == "tensorflow"


def test_a_cuda_library_of_torchs_missing_beside_a_rocm_torch_is_not_torchs_import():
    # C0untFloyd/bark-gui#112: the rocm6.1 index, and libtorch_cuda.so wanted by something built for CUDA.
    text = ("OSError: libtorch_cuda.so: cannot open shared object file: No such file or directory\n\n"
            "using rocm  --index-url https://download.pytorch.org/whl/rocm6.1\n")
    assert "framework.import_error" not in {f.code for f in _found(text)}
    cuda = text.replace("rocm6.1", "cu121")  # a CUDA torch's own library: its import fails
    assert _found(cuda)[0].code == "framework.import_error"


def test_a_tensorflow_named_beside_a_python_no_native_build_has_is_no_missing_build_without_a_pip_failure():
    # zepen/predict_Lottery_ticket#33: TensorFlow 2.1.0 and Python 3.6.12 on an M1 did install (x86_64, under
    # Rosetta) and died of an illegal instruction; no arm64 build for Python 3.6 is not what went wrong.
    text = ("OS Platform and Distribution (e.g., Linux Ubuntu 16.04): MacBook Air Apple M1 chip, macOS Monterey version 12.2\n"
            "TensorFlow version: 2.1.0\nPython version: 3.6.12\n"
            "[1]    59236 illegal hardware instruction  python train_model.py\n")
    codes = [f.code for f in _found(text)]
    assert codes[0] == "host.rosetta_python" and "python.unsupported_version" not in codes
    failed = text + "ERROR: No matching distribution found for tensorflow==2.1.0\n"
    assert "python.unsupported_version" in {f.code for f in _found(failed)}


def test_a_cpu_only_torch_on_a_jetson_is_sent_to_nvidias_jetpack_wheels_not_back_to_pypi():
    # pytorch/pytorch#139498: PyPI's torch 2.5.1 on a Jetson with JetPack 6.1 says "Torch not compiled with CUDA
    # enabled"; PyPI's and pytorch.org's aarch64 wheels are the ones without Jetson's CUDA, so no pip line from them.
    p = parse_text("This means PyTorch cannot run on Nvidia Jetsons with Jetpack 6.1.\n"
                   "AssertionError: Torch not compiled with CUDA enabled\n\ntorch 2.5.1\n")
    report = explain(p)
    first = report.findings[0]
    assert first.code == "cuda.cpu_only_build" and "On a Jetson, install NVIDIA's torch wheel" in first.message
    assert first.fix == () and any("forums.developer.nvidia.com" in s for s in first.sources)
    assert not any("download.pytorch.org/whl/cu" in cmd for a in report.advice for cmd in a.commands)


def _first(text: str):  # noqa: ANN202
    """The first finding `hwprobe explain` states for a paste (None when it names no cause)."""
    r = explain(parse_text(text))
    return r.findings[0] if r.explanation.verdict == "diagnosed" else None


def test_a_dll_error_under_another_packages_folder_is_not_torchs_and_winerror_127_is_no_missing_library():
    # PaddlePaddle/PaddleX#1944: paddle's own loader, with torch's wording, on a DLL that is there (127: a procedure
    # not found, a clash); a torch DLL with 126 is still torch's own import failure.
    paddle = ('OSError: [WinError 127] 找不到指定的程序。 Error loading "D:\\anaconda\\envs\\PaddleX\\lib\\site-packages\\'
              'paddle\\..\\nvidia\\cudnn\\bin\\cudnn_adv_infer64_8.dll" or one of its dependencies.')
    assert _first(paddle) is None
    torch127 = ('OSError: [WinError 127] The specified procedure could not be found. Error loading "C:\\v\\lib\\'
                'site-packages\\torch\\lib\\cudnn_adv_infer64_8.dll" or one of its dependencies.')
    assert _first(torch127).code == "framework.import_error"
    torch126 = torch127.replace("127] The specified procedure", "126] The specified module")
    assert _first(torch126).code == "cuda.library_missing"


def test_dockers_empty_capability_set_is_the_missing_toolkit_and_names_the_compose_capabilities():
    # kohya_ss#1647: `docker compose run` with driver: nvidia and no capabilities
    f = _first('Error response from daemon: could not select device driver "nvidia" with capabilities: [[]]')
    assert f.code == "container.gpu_not_passed" and "capabilities: [gpu]" in f.message


def test_a_cpu_build_said_after_an_unrelated_if_sentence_counts_and_a_uvx_pin_is_no_installed_torch():
    # kyutai-labs/delayed-streams-modeling#131: on Windows uvx gives the CPU torch; the fix's --with pin is a wish
    p = parse_text("Operating system version: Windows 10\nUnsure, if this is an issue with windows only. The wrong "
                   "pytorch version is installed. It defaults to the [cpu] version even when having cuda installed.\n"
                   "`uvx --with moshi --with torch==2.5.1+cu124 --index-url https://download.pytorch.org/whl/cu124 x`\n")
    assert "torch" not in p.facts.packages and p.facts.framework("torch").build["cuda"] is None
    assert explain(p).findings[0].code == "cuda.cpu_only_build"
    advice = parse_text("If it installs the cpu only version of torch, reinstall it.").facts.framework("torch")
    assert advice is None or "cuda" not in advice.build


def test_glibcs_link_time_reference_error_is_two_cuda_releases_mixed():
    # microsoft/onnxruntime#8594: a conda env's libcublas.so.11 beside another install's libcublasLt.so.11
    f = _first("OSError: /home/u/anaconda3/envs/FXM/lib/python3.7/lib-dynload/../../libcublas.so.11: symbol "
               "free_gemm_select version libcublasLt.so.11 not defined in file libcublasLt.so.11 with link time reference")
    assert f.code == "cuda.library_missing" and "two CUDA installs are mixed" in f.message
    assert "ldconfig -p | grep libcublasLt" in f.message


def test_paddles_third_party_dynamic_library_error_is_a_missing_cuda_library():
    # PaddlePaddle/PaddleOCR#9913: paddlepaddle-gpu 2.4.2 wants cudnn64_7.dll beside cuDNN 8
    f = _first("RuntimeError: (PreconditionNotMet) The third-party dynamic library (cudnn64_7.dll) that Paddle depends "
               "on is not configured correctly. (error code is 126)")
    assert f.code == "cuda.library_missing" and "cudnn64_7.dll" in f.message


def test_an_extension_build_on_a_clusters_cpu_node_has_no_gpu_and_is_sent_to_a_gpu_node():
    # hpcaitech/FastFold#29: apex-style setup.py's warning, on a "cpu node"
    f = _first("Warning: Torch did not find available GPUs on this system.\n\nI don't have a cuda environment on the "
               "cluster server (cpu node, non-root user).")
    assert f.code == "cuda.no_gpu" and "GPU node" in f.message
    assert _first("Warning: Torch did not find available GPUs on this system.") is None  # alone: not enough


def test_zshs_job_report_of_a_segfault_after_import_torch_is_a_crash():
    # facebookresearch/faiss#4273: "[1]    10389 segmentation fault  python"
    f = _first("import faiss\nimport torch\ntorch.arange(0, 32_769)\n[1]    10389 segmentation fault  python\n")
    assert f.code == "framework.crashed" and "SIGSEGV" in f.message


def test_openmmlabs_version_assertion_is_a_companion_out_of_range_fixed_with_mim():
    # open-mmlab/mmcv#2236: digit_version tuples become a pip specifier
    from hwprobe.reason.rules.packages import _spec
    assert _spec("mmcv>=(1, 3, 13, 0, 0, 0), <(1, 7, 0, 0, 0, 0)") == ("mmcv", ">=1.3.13,<1.7")
    assert _spec("mmcv>=2.0.0rc4, <2.2.0") == ("mmcv", ">=2.0.0rc4,<2.2.0")
    f = _first("AssertionError: MMCV==1.3.9 is used but incompatible. Please install mmcv>=(1, 3, 13, 0, 0, 0), "
               "<(1, 7, 0, 0, 0, 0).")
    assert f.code == "packages.conflict" and f.fix[-1] == "mim install 'mmcv-full>=1.3.13,<1.7'"


def test_pip_installing_tensorflow_intel_on_windows_is_a_release_without_a_native_gpu():
    # tensorflow/tensorflow#81340: no version typed; tensorflow-intel is how 2.11+ installs on Windows
    f = _first("There is no way to install the gpu version of tensorflow on Windows 11.\nEvery time I use pip to "
               "install tensorflow, it installs tensorflow_intel for me. I have an nvidia 4060 laptop.")
    assert f.code == "tf.windows_native_gpu" and "2.11" in f.message


def test_uvs_split_report_gives_the_release_and_python_and_the_data_gives_the_wheels():
    # pytorch/botorch#3056 (the hint's tag line cut) and astral-sh/uv#9597 (--verbose log, an exact pin)
    f = _first("  ╰─▶ Because torch==2.0.1 has no wheels with a matching Python ABI tag\n"
               "      hint: You require CPython 3.13 (`cp313`), but we only found wheels for\n")
    assert f.code == "python.unsupported_version" and "no wheel for Python 3.13" in f.message
    assert "3.8, 3.9, 3.10, 3.11 only" in f.message and f.fix == ("python3.11 -m venv .venv",)
    g = _first("DEBUG Found `cpython-3.13.0-windows-x86_64-none` at `D:\\x\\.venv\\Scripts\\python.exe` (active "
               "virtual environment)\nDEBUG Using Python 3.13.0 environment at .venv\n"
               "DEBUG Adding direct dependency: torch>=2.3.0, <2.3.0+\nDEBUG No compatible version found for: torch\n")
    assert g.code == "python.unsupported_version" and "pinned torch 2.3.0" in g.message
    assert "uv's resolver finds no compatible version" in g.message


def test_a_cuda_runtime_an_extensions_compiled_module_asks_for_is_a_companion_built_for_another_cuda():
    # facebookresearch/detectron2#2557: a CUDA 11.0 detectron2 beside torch 1.7 with CUDA 11.1
    f = _first("I worked with Pytorch 1.7 and CUDA 11.1.\n```\nfrom detectron2 import _C\nImportError: libcudart.so.11.0: "
               "cannot open shared object file: No such file or directory\n```\n")
    assert f.code == "packages.conflict" and f.subject == "detectron2" and "(CUDA 11.0)" in f.message


def test_a_missing_cuda_library_from_a_program_whose_cpu_build_is_wanted_is_only_a_lead():
    # detectron2#4934: the CPU wheel was installed, yet the import asks for libcudart.so.10.2
    r = explain(parse_text("I tried to run the CPU version following the installation but I have the error.\n"
                           "`ImportError: libcudart.so.10.2: cannot open shared object file: No such file or directory`\n"))
    assert r.explanation.verdict != "diagnosed"
    lead = next(f for f in r.findings if f.code == "cuda.library_missing")
    assert lead.severity == "info" and "the CPU build is what is wanted" in lead.message


def test_works_as_root_on_an_amd_gpu_is_the_device_permission_and_an_rx_580_alone_does_not_outrank_it():
    # ROCm/ROCm#1080: rocminfo's HSA error as the user, none as root, on an RX 580 with ROCm 3.3
    f = _first("rocm-dkms 3.3.0-19\nRX 580\nWhen I run **rocminfo**, I get this error\nxeon is member of video group\n"
               "But if I run it as **root**, it works as intended\n")
    assert f.code == "rocm.permission"
    assert "rocm.arch_unsupported" not in [x.code for x in explain(parse_text(
        "RX 580\nBut if I run it as **root**, it works as intended\n")).findings]  # no kernel ran to lack code objects
    # a plugin's own report that the machine has no GPU: its +cpu torch is the right build (QGIS_AI-Segmentation#150)
    assert "cuda.cpu_only_build" not in [x.code for x in explain(parse_text(
        "--- GPU ---\nGPU: CPU only (4 cores)\nPyTorch: 2.10.0+cpu\n")).findings]
    assert "rocm.permission" not in [x.code for x in explain(parse_text("RX 580\nit fails with sudo too")).findings]


def test_kfd_denied_for_a_user_rocminfo_lists_in_the_render_group_is_a_lead_not_the_group_fix():
    # ROCm/ROCm#6142
    r = explain(parse_text("ROCk module is loaded\nUnable to open /dev/kfd read-write: Permission denied\n"
                           "peastman is member of render group\n"))
    assert r.explanation.verdict != "diagnosed"
    lead = next(f for f in r.findings if f.code == "rocm.permission")
    assert lead.severity == "info" and lead.fix == () and "`id`" in lead.message


def test_a_pin_left_out_below_the_newest_offered_release_is_the_python_not_rosetta():
    # zackees/transcribe-anything#16: torch==2.1.2 with "from versions: 2.2.0" on an M2 is Python 3.12
    f = _first("ERROR: Could not find a version that satisfies the requirement torch==2.1.2 (from versions: 2.2.0)\n"
               "ERROR: No matching distribution found for torch==2.1.2\n\nI'm on MacOS on a M2 mac\n")
    assert f.code == "python.unsupported_version" and "Python 3.12" in f.message


def test_the_tpu_drivers_busy_device_is_a_tpu_held_by_another_process():
    # huggingface/transformers#12434
    f = _first("E0630 13:24:28.491443   20778 kernel_dma_mapper.cc:88] Error setting number simples with "
               "FAILED_PRECONDITION: ioctl failed [type.googleapis.com/util.ErrorSpacePayload='util::PosixErrorSpace::"
               "Device or resource busy']")
    assert f.code == "tpu.not_found" and "another process" in f.message


def test_torch_xlas_extension_failing_on_a_torch_symbol_without_its_traceback_is_an_import_failure():
    # pytorch/xla#3215: the ImportError quoted in a fence above a traceback cut before torch_xla's frames
    f = _first("```\nImportError: /usr/local/lib/python3.7/dist-packages/_XLAC.cpython-37m-x86_64-linux-gnu.so: "
               "undefined symbol: _ZN2at13_foreach_erf_EN3c108ArrayRefINS_6TensorEEE\n```\n")
    assert f.code == "framework.import_error" and "_XLAC" in f.message
    # another extension's .so on torch's symbols is no import failure of torch itself
    assert _first("ImportError: /x/site-packages/foo.so: version `GLIBCXX_3.4.29' not found") is None


def test_a_version_a_run_reports_counts_after_an_expectation_and_its_bare_twin_is_the_same_install():
    # Motphys/UniLab#624: "torch 2.7.0 cpu" and then "reports torch 2.7.0+cpu", after "Expected ... cu128 index"
    f = _first("uv sync resolves torch 2.7.0 cpu because pyproject maps torch to pytorch-cu128 only on linux. "
               "Expected Windows to use the cu128 PyTorch index too. Local repro reports torch 2.7.0+cpu, "
               "torch.version.cuda None, torch.cuda.is_available False.")
    assert f.code == "cuda.cpu_only_build" and "2.7.0+cpu" in f.message
    # an expectation alone is still no installed version
    p = parse_text("I expected torch 2.7.0+cu128 here.")
    assert p.facts.framework("torch") is None or p.facts.framework("torch").version is None


def test_a_cuda_variant_no_build_of_which_covers_the_gpu_settles_a_nightly_the_data_lacks():
    # deepbeepmeep/Wan2GP#376: a 2.6.0 nightly for CUDA 12.1 on an RTX 5070 Ti (sm_120), "no kernel image"
    f = _first("RTX 5070 Ti\nRuntimeError: CUDA error: no kernel image is available for execution on the device\n"
               "OS: Windows 11\nPyTorch: 2.6.0.dev20241112+cu121\nInstalled the latest NVIDIA drivers (version: 576.57)\n")
    assert f.code == "cuda.arch_not_in_build" and f.severity == "error" and "every cu121 build" in f.message
    assert "CUDA 12.8" in f.message  # the driver read from "(version: 576.57)" runs a cu128 build
    # a GPU some build of the variant covers is still only a lead (the kernel may be an extension's)
    r = explain(parse_text("Quadro RTX 8000\nRuntimeError: CUDA error: no kernel image is available for execution "
                           "on the device\nPyTorch: 2.6.0.dev20241112+cu121\n"))
    assert r.explanation.verdict != "diagnosed"


def test_cuda_failing_to_initialise_with_unknown_error_after_resume_is_the_uvm_module():
    # pop-os/default-settings#64
    f = _first("CUDA fails to initialize after resuming from suspend with `UNKNOWN_ERROR(99)` until we reload the "
               "`nvidia_uvm` module.")
    assert f.code == "cuda.driver_not_loaded" and "sudo modprobe nvidia_uvm" in f.fix


def test_a_program_that_cannot_load_libcuda_on_a_machine_said_to_have_no_gpu_has_no_gpu():
    # isaac-sim/IsaacGymEnvs#27
    f = _first("On a machine without GPU:\n[Error] [carb] [Plugin: libcarb.gym.plugin.so] Could not load the dynamic "
               "library from /x/libcarb.gym.plugin.so. Error: libcuda.so.1: cannot open shared object file: No such "
               "file or directory\n")
    assert f.code == "cuda.no_gpu"


def test_r_failing_to_load_its_torch_package_is_torchs_import_failure_in_r():
    # mlverse/torch#58 (Dutch-locale Windows) and #1002 (lantern on macOS)
    f = _first("> library(torch)\nError: package or namespace load failed for ‘torch’:\n .onLoad failed in "
               "loadNamespace() for 'torch', details:\n  call: cpp_lantern_init(lantern_install_path())\n  error: "
               "lantern_TensorIndex_new - Kan opgegeven procedure niet vinden.\n")
    assert f.code == "framework.import_error" and "`library(torch)` fails in R" in f.message
    assert "lantern_TensorIndex_new" in f.message
    f = _first('Error in cpp_lantern_init(file.path(install_path(), "lib")) : \n  /x/torch/lib/liblantern.dylib - '
               "dlopen(/x/torch/lib/liblantern.dylib, 10): Symbol not found: __ZNSt3__113basic_filebuf\n")
    assert f.code == "framework.import_error" and "liblantern.dylib" in f.message
    assert _first("Error: package or namespace load failed for ‘ggplot2’:\n") is None


def test_a_wsl_driver_folder_listing_without_libcuda_is_the_windows_driver_not_mapped():
    # microsoft/WSL#5604
    f = _first("Whether the issue is on WSL 2 and/or WSL 2: WSL 2\n2. Open up WSL and do `ls /usr/lib/wsl/lib`\n"
               "I should see `libcuda.so` in `/usr/lib/wsl/lib`\nInstead I see:\n"
               "``libd3d12.so  libd3d12core.so  libdirectml.so  libdxcore.so``\n")
    assert f.code == "wsl.gpu_unavailable" and "no libcuda.so" in f.message
    assert _first("WSL 2\nlibcuda.so  libcuda.so.1  libd3d12.so  libdxcore.so  libnvidia-ml.so.1\n") is None


def test_python_started_with_arch_x86_64_is_rosetta_and_its_illegal_instruction_too():
    # apple/tensorflow_macos#69: `arch -x86_64` runs the x86_64 slice, under Rosetta 2 on an Apple Silicon Mac
    f = _first("when I try to import tf I get: `zsh: illegal hardware instruction  arch -x86_64 python` and python "
               "crashes.")
    assert f.code == "host.rosetta_python"
    assert _top("I run it natively, not `arch -x86_64 python`: zsh: illegal hardware instruction  python") \
        != "host.rosetta_python"


def test_a_compatible_release_pin_below_the_pythons_first_wheel_is_the_python():
    # AllAboutAI-YT/chatTTS#2: torch~=2.1.0 (>=2.1.0,<2.2) under Python 3.12, whose first torch is 2.2
    f = _first("Requirement already satisfied: omegaconf~=2.3.0 in /Users/me/miniconda3/lib/python3.12/site-packages "
               "(from -r requirements.txt (line 1)) (2.3.0)\nERROR: Could not find a version that satisfies the "
               "requirement torch~=2.1.0 (from versions: 2.2.0, 2.2.1, 2.2.2, 2.3.0, 2.3.1)\n")
    assert f.code == "python.unsupported_version" and "torch 2.1" in f.message


def test_an_empty_cuda_visible_devices_said_in_words_hides_the_gpu_not_the_pods_request():
    # tobocop2/lilbee#394: the GPU reached the container; the empty variable hid it
    text = ("On a GPU host, a container orchestrator (SkyPilot, some Docker/Kubernetes GPU setups) can export an "
            "empty `CUDA_VISIBLE_DEVICES` while exposing the GPU through `NVIDIA_VISIBLE_DEVICES`. An empty value "
            "reads as \"no devices\", so `llama-server --list-devices` reports `ggml_cuda_init: no CUDA-capable "
            "device`.")
    r = explain(parse_text(text))
    assert r.explanation.verdict == "diagnosed" and r.findings[0].code == "cuda.devices_hidden"
    assert "container.gpu_not_passed" not in [f.code for f in r.findings]
    assert _top("A non-empty CUDA_VISIBLE_DEVICES is left alone.\nno CUDA-capable device is detected") \
        != "cuda.devices_hidden"


def test_a_rocm_tool_that_works_only_with_sudo_is_the_device_permission():
    # ROCm/rocm-examples#172: no GPU is named, but rocminfo is ROCm's own tool
    f = _first("GPUs are not visible due to lack of permissions in docker container. Permissions can be checked by "
               "running `rocminfo` which fails and `sudo rocminfo` which executes correctly.")
    assert f.code == "rocm.permission"
    assert _top("`sudo nvidia-smi` works but CUDA fails") != "rocm.permission"


def test_a_colab_notebook_without_colab_tpu_addr_has_no_tpu_runtime():
    # PacktPublishing/Mastering-Computer-Vision-with-TensorFlow-2.0#10
    f = _first("----> 6   assert 'COLAB_TPU_ADDR' in os.environ, 'ERROR: Not connected to a TPU runtime; please see "
               "the first cell in this notebook for instructions!'\nAssertionError: ERROR: Not connected to a TPU "
               "runtime; please see the first cell in this notebook for instructions!\n")
    assert f.code == "tpu.not_found" and "Change runtime type" in f.message
    # googlecolab/colabtools#4699: the notebook's own message after TPUClusterResolver() failed says nothing settled
    assert _first("except ValueError:\n  raise BaseException(\n    'ERROR: Not connected to a TPU runtime; please see "
                  "the previous cell in this notebook for instructions!')\n") is None


def test_torchs_numpy_warning_before_a_cuda_initialisation_traceback_is_a_side_note():
    # MisEty/RTG-SLAM#9: the warning is real, but the traceback fails in torch.cuda's lazy init
    warn = ("/x/utils/general_utils.py:22: UserWarning: Failed to initialize NumPy: _ARRAY_API not found (Triggered "
            "internally at /opt/conda/conda-bld/pytorch_1670525539683/work/torch/csrc/utils/tensor_numpy.cpp:77.)\n")
    tb = ("Traceback (most recent call last):\n  File \"/x/slam.py\", line 13, in <module>\n    float_dev = "
          "torch.tensor([0], device=\"cuda\")\n  File \"/e/lib/python3.9/site-packages/torch/cuda/__init__.py\", line "
          "229, in _lazy_init\n    torch._C.\n")
    r = explain(parse_text(warn + tb))
    assert r.explanation.verdict != "diagnosed"
    assert r.findings[0].code == "numpy.abi_mismatch" and r.findings[0].severity == "info"
    assert _first(warn).code == "numpy.abi_mismatch"  # alone, the warning is the paste's complaint


def test_the_reporters_word_that_a_torch_release_has_no_wheel_for_their_python_is_the_python():
    # tomchang25/whisper-auto-transcribe#56
    f = _first("There are no available .whl packages for torch 1.12.1+cu113 for Python 3.11, as the latest ones are "
               "for 3.10 a the latest.")
    assert f.code == "python.unsupported_version" and "3.10" in f.message


def test_torchs_mps_minimum_message_without_the_macos_version_or_chip_is_a_lead():
    # oobabooga/text-generation-webui#1337: the message is raised below macOS 12.3 and where MPS cannot run at all
    r = explain(parse_text("RuntimeError: The MPS backend is supported on MacOS 12.3+.Current OS version can be "
                           "queried using `sw_vers`\n  File \"/Users/d/x/server.py\", line 905, in <module>\n"))
    assert r.explanation.verdict != "diagnosed"
    assert r.findings[0].code == "mps.macos_too_old" and "sw_vers" in r.findings[0].fix


def test_onnxruntimes_cuda_provider_missing_a_dll_is_the_cuda_libraries():
    # lazydog28/mc_auto_boss#205: error 126 loading onnxruntime_providers_cuda.dll, which onnxruntime-gpu ships itself
    f = _first('[E:onnxruntime:Default, provider_bridge_ort.cc:1745 onnxruntime::TryGetProviderInfo_CUDA] '
               'D:\\a\\_work\\1\\s\\onnxruntime\\core\\session\\provider_bridge_ort.cc:1426 onnxruntime::ProviderLibrary'
               '::Get [ONNXRuntimeError] : 1 : FAIL : LoadLibrary failed with error 126 "" when trying to load '
               '"D:\\envs\\mc\\lib\\site-packages\\onnxruntime\\capi\\onnxruntime_providers_cuda.dll"')
    assert f.code == "cuda.library_missing" and f.subject == "onnxruntime" and "cuDNN" in f.message


def test_a_loader_refusing_glibcxx_after_import_torch_is_torchs_import_failure():
    # ai4d-iasc/trixie#97
    f = _first("when I run `import torch` in python, I got this exception:\n```\n/home/x/anaconda3/envs/x/bin/../lib/"
               "libstdc++.so.6: version `GLIBCXX_3.4.29' not found\n```\n")
    assert f.code == "framework.import_error" and f.subject == "torch" and "GLIBCXX" in f.message
    assert "strings <that library> | grep GLIBCXX" in f.message
    # another package's library named as the one that needs it is that package's, not torch's
    assert _top("import torch\nImportError: /x/lib/libstdc++.so.6: version `GLIBCXX_3.4.29' not found (required by "
                "/x/site-packages/cv2/cv2.abi3.so)\n") != "framework.import_error"


def test_a_python_run_killed_by_a_signal_with_no_framework_named_is_the_crash_and_how_to_see_where():
    # chatchat-space/Langchain-Chatchat#655 (zsh), dragen1860/...#4 (PyCharm), ultralytics/yolov3#362 (Windows)
    f = _first("llm device: mps\n\nzsh: segmentation fault  python webui.py\n")
    assert f.code == "framework.crashed" and f.subject == "python" and "SIGSEGV" in f.message
    assert f.fix == ("python -X faulthandler webui.py",)
    f = _first("运行train_transfer.py,遇到了如下的错误:\nProcess finished with exit code 139 (interrupted by signal 11: "
               "SIGSEGV).\n")
    assert f.code == "framework.crashed" and "SIGSEGV" in f.message and f.fix == ()
    f = _first("Process finished with exit code -1073741819 (0xC0000005)\n")
    assert f.code == "framework.crashed" and "0xC0000005" in f.message
    # a crash that one framework's import explains is that framework's own finding, not a second one
    r = explain(parse_text(">>> import torch\nSegmentation fault (core dumped)\n"))
    assert [x.subject for x in r.findings if x.code == "framework.crashed"] == ["torch"]


def test_a_cuda_torch_listed_in_a_container_beside_an_extensions_failure_asks_nothing_of_the_container():
    # rusty1s/pytorch_scatter#246: torch-scatter's undefined symbol in an NGC container, no CUDA failure at all
    r = explain(parse_text("`OSError: /opt/conda/lib/python3.8/site-packages/torch_scatter/_version_cpu.so: undefined "
                           "symbol: _ZN5torch3jit17parseSchemaOrNameERKNSt7__cxx1112basic_stringIcSt11char_traitsIcESaIc"
                           "EEE`.\nroot@e15b821fc422:~/x# pip list | grep torch\ntorch                            "
                           "1.8.1+cu111\ntorch-scatter                    2.0.9\n"))
    assert r.findings[0].code == "packages.conflict"
    assert "container.gpu_not_passed" not in [f.code for f in r.findings]


def test_windows_typed_without_its_space_is_named_as_windows_with_its_number():
    # ggml-org/llama.cpp#6898: "windows11" on a line of its own
    h = parse_text("windows11\n13900k+4090\npython3.11.8\n").facts.host
    assert h.os == "windows" and h.distro == "Windows 11"


def test_a_compute_capability_written_beside_the_gpus_name_is_its_capability_not_part_of_the_name():
    # digitalsreeni-image-annotator#57: "GPU: NVIDIA GeForce GTX 1050 (compute capability 6.1)"
    (a,) = parse_text("- GPU: NVIDIA GeForce GTX 1050 (compute capability 6.1)\n").facts.accelerators
    assert (a.model, a.compute_capability) == ("NVIDIA GeForce GTX 1050", "6.1")
    (a,) = parse_text("GPU: RTX 3090 (sm_86), 24GB\n").facts.accelerators
    assert (a.model, a.compute_capability) == ("RTX 3090", "8.6")
    (a,) = parse_text("GPU: NVIDIA GeForce RTX 3060 (12GB)\n").facts.accelerators
    assert (a.model, a.compute_capability) == ("NVIDIA GeForce RTX 3060", None)


def test_tensorflows_windows_finding_states_the_last_native_gpu_release_once():
    # tensorflow#61691: the advice's note repeated the lead's "2.10 was the last release" sentence
    for text in ("tf 2.13.0\nWindows 10\nPython version 3.11.4\nGPU model and memory: RTX 3500 Ada 12GB\n",
                 "tf 2.13.0\nWindows 10\nGPU: NVIDIA GeForce RTX 3060\n"):
        f = _first(text)
        assert f.code == "tf.windows_native_gpu"
        assert len(re.findall(r"2\.10 (?:was|is) the last release", f.message)) == 1, f.message


def test_the_container_toolkits_cuda_requirement_check_is_the_host_driver_too_old_for_the_image():
    # NVIDIA/nvidia-docker#497 (nvidia-docker 1.0, with the host's nvidia-smi) and #745 (nvidia-container-cli)
    f = _first("`nvidia-docker | 2017/10/13 08:33:01 Error: unsupported CUDA version: driver 8.0 < image 9.0.176`\n"
               "| NVIDIA-SMI 375.66                 Driver Version: 375.66                    |\n")
    assert f.code == "cuda.driver_too_old" and "image is built with CUDA 9.0" in f.message and ">= 384.81" in f.message
    f = _first("docker run --runtime=nvidia --rm nvidia/cuda:9.2-runtime-ubuntu18.04 nvidia-smi\n"
               "nvidia-container-cli: requirement error: unsatisfied condition: cuda >= 9.2\n")
    assert f.code == "cuda.driver_too_old" and "CUDA 9.2" in f.message and "older tag" in f.message


def test_no_kernel_image_inside_a_container_shows_the_container_has_the_gpu():
    # dusty-nv/jetson-containers#220: a kernel launch failed for the GPU's arch, so the GPU was passed in
    r = explain(parse_text("RuntimeError: CUDA error: no kernel image is available for execution on the device\n"
                           "docker run - it -- runtime nvidia -- name yolo nvcr.io/nvidia/l4t-ml: r35.1.0-py3\n"))
    assert "container.gpu_not_passed" not in [f.code for f in r.findings]
    assert _top("docker run -it ubuntu python x.py\nRuntimeError: No CUDA GPUs are available\n") \
        == "container.gpu_not_passed"


def test_cudas_insufficient_driver_inside_a_singularity_container_said_in_words_is_a_lead():
    # nanoporetech/dorado#116: the container was run without --nv; no driver is shown
    r = explain(parse_text("I'm having problems running dorado 0.2.1 with system CUDA 11.3 using a singularity "
                           "container (handled by nextflow).\n[error] CUDA error: CUDA driver version is insufficient "
                           "for CUDA runtime version\n"))
    assert r.explanation.verdict != "diagnosed"
    assert r.findings[0].code == "cuda.driver_too_old" and "--nv" in r.findings[0].message
    # the same message with no container stays the driver's
    assert _top("[error] CUDA error: CUDA driver version is insufficient for CUDA runtime version\n") \
        == "cuda.driver_too_old"


def test_ggmls_device_listing_names_the_gpu_that_runs_and_its_compute_capability():
    # leejet/stable-diffusion.cpp#554: the prose names another machine's RTX 4070; ggml lists the one that runs
    f = parse_text("On my personal computer with RTX 4070, everything works well\n> ggml_cuda_init: found 1 CUDA "
                   "devices:\n>   Device 0: NVIDIA RTX A1000 Laptop GPU, compute capability 8.6, VMM: yes\n").facts
    (a,) = f.accelerators
    assert (a.model, a.compute_capability, a.vendor) == ("NVIDIA RTX A1000 Laptop GPU", "8.6", "nvidia")
    (b,) = parse_text("  Device 0: AMD Radeon RX 7900 XTX, compute capability 11.0, VMM: no\n").facts.accelerators
    assert (b.vendor, b.kind, b.compute_capability) == ("amd", "rocm", None)


def test_numpys_cpu_baseline_refusal_is_the_cpu_or_the_vms_cpu_type_not_numpys_abi():
    # home-assistant/core#162460: an i7-7700 under Proxmox's default kvm64 CPU type
    f = _first("The container fails with:\n`RuntimeError: NumPy was built with baseline optimizations: (X86_V2) but "
               "your machine doesn't support: (X86_V2).`\n")
    assert f.code == "cpu.avx_missing" and "X86_V2" in f.message and "host" in f.message


def test_the_container_hook_missing_nvml_under_wsl_2_is_wsls_gpu_path():
    # AbdBarho/stable-diffusion-webui-docker#129: Docker Desktop's WSL 2 backend on Windows 10 19042
    f = _first("nvidia-container-cli: initialization error: load library failed: libnvidia-ml.so.1: cannot open shared "
               "object file: no such file or directory: unknown\n\nI'm using WSL2 (latest Docker Desktop).\nGPU is "
               "RTX3090.\n")
    assert f.code == "wsl.gpu_unavailable" and "libnvidia-ml.so.1" in f.message and "19044" in f.message


def test_a_dll_start_up_failure_on_a_cpu_family_without_avx_is_the_missing_avx():
    # LostRuins/koboldcpp#1260: a Celeron N3050 (Braswell), WinError 1114 in the system's language (Spanish)
    f = _first("cpu: celeron n3050\nInitializing dynamic library: koboldcpp_noavx2.dll\nOSError: [WinError 1114] Error "
               "en una rutina de inicialización de biblioteca de vínculos dinámicos (DLL)\n")
    assert f.code == "cpu.avx_missing" and "Braswell" in f.message and "WinError 1114" in f.message
    # the same failure on a CPU the data does not place in a family without AVX names no cause
    assert _top("cpu: Intel Core i7-12700\nOSError: [WinError 1114] A dynamic link library (DLL) initialization "
                "routine failed.\n") != "cpu.avx_missing"


def test_a_typed_cpu_answer_without_a_clock_is_read_as_the_cpu_model():
    assert parse_text("CPU: Intel Celeron N3050\n").facts.cpu.model == "Intel Celeron N3050"
    assert parse_text("cpu: celeron n3050\n").facts.cpu.model == "celeron n3050"
    assert parse_text("CPU: my laptop's\n").facts.cpu.model is None


def test_a_torch_whose_device_types_lack_mps_predates_mps():
    # rasbt/machine-learning-notes#4: torch 1.11's list, on an M1
    f = _first("On my Mac M1 chip:\nRuntimeError: Expected one of cpu, cuda, xpu, mkldnn, opengl, opencl, ideep, hip, "
               "ve, ort, mlc, xla, lazy, vulkan, meta, hpu device type at start of device string: mps\n")
    assert f.code == "mps.not_built" and "1.12" in f.message
    # a list that has mps, or a device other than mps, is no such finding
    assert _top("RuntimeError: Expected one of cpu, cuda, mps, meta device type at start of device string: mpss\n") \
        != "mps.not_built"


def test_a_torch_submodule_the_installed_torch_lacks_is_a_version_mismatch():
    # microsoft/DirectML#245: torch-directml (1.8) under a torchvision that imports torch.ao
    f = _first("`ModuleNotFoundError: No module named 'torch.ao'`\n")
    assert f.code == "packages.conflict" and "torch.ao" in f.message and any("pip check" in x for x in f.fix)
    # torch itself missing, or its compiled core missing, is no such finding
    assert _top("ModuleNotFoundError: No module named 'torch._C'\n") != "packages.conflict"
    assert _top("ModuleNotFoundError: No module named 'torch'\n") != "packages.conflict"


def test_a_tensorflow_plugin_that_does_not_load_is_a_plugin_built_for_another_tensorflow():
    # microsoft/tensorflow-directml-plugin#331 and #352: TF 2.11 under the plugin built for tensorflow-cpu 2.10
    r = explain(parse_text(
        ">>> import tensorflow as tf\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
        "  File \"C:\\Python310\\lib\\site-packages\\tensorflow\\__init__.py\", line 440, in <module>\n"
        "    _ll.load_library(_plugin_dir)\ntensorflow.python.framework.errors_impl.NotFoundError: "
        "C:\\Python310\\lib\\site-packages\\tensorflow-plugins\\tfdml_plugin.dll not found\n"))
    f = r.findings[0]
    assert f.code == "packages.conflict" and f.subject == "tensorflow-directml-plugin"
    assert r.facts.framework("tensorflow").status == "import_error"
    # a path with spaces (C:\Program Files) names the plugin all the same
    spaced = _first("tensorflow.python.framework.errors_impl.NotFoundError: C:\\Program Files\\Python310\\lib\\"
                    "site-packages\\tensorflow-plugins\\tfdml_plugin.dll not found\n")
    assert spaced.code == "packages.conflict" and spaced.subject == "tensorflow-directml-plugin"
    # tensorflow-metal's own plugin is tf.metal_plugin's to explain, with its version data
    metal = explain(parse_text("tensorflow.python.framework.errors_impl.NotFoundError: /opt/site-packages/"
                               "tensorflow-plugins/libmetal_plugin.dylib not found\n"))
    assert "packages.conflict" not in [x.code for x in metal.findings]


def test_pkgutil_impimporter_missing_is_a_python_newer_than_the_pinned_build():
    # Kotak-Neo/kotak-neo-api#105: numpy 1.24.2 built from source on Python 3.12
    f = _first("Error - AttributeError: module 'pkgutil' has no attribute 'ImpImporter'. Did you mean: 'zipimporter'?\n")
    assert f.code == "python.unsupported_version" and "3.12" in f.message and any("3.11" in x for x in f.fix)


def test_numbas_own_python_range_refusal_names_the_python_to_use():
    # 0Xiaohei0/LocalAIVtuber#35
    f = _first("RuntimeError: Cannot install on Python version 3.12.0; only versions >=3.8,<3.12 are supported.\n")
    assert f.code == "python.unsupported_version" and ">=3.8,<3.12" in f.message and any("3.11" in x for x in f.fix)
    f = _first("RuntimeError: Cannot install on Python version 3.7.1; only versions >=3.8, <3.12 are supported.\n")
    assert f.code == "python.unsupported_version" and any("3.8" in x for x in f.fix)


def test_no_wheel_for_a_python_named_in_words_and_a_bare_minor_dates_the_paste():
    # Acly/krita-ai-diffusion#576: mediapipe had no 3.12 wheel before 0.10.13
    f = _first("Because there is no mediapipe available for Python 3.12, this plugin will not finish the install:\n"
               "ERROR: Could not find a version that satisfies the requirement mediapipe (from versions: none)\n")
    assert f.code == "python.unsupported_version" and f.subject == "mediapipe" and "0.10.13" in f.message
    # another Python that has the wheels failing the same way: the Python is not shown to be why (mediapipe#5280)
    assert _top("Programming Language and version\n\npython 3.12\n\nI have unistalled python and tried 3.11 and i "
                "still get this error everytime\nERROR: Could not find a version that satisfies the requirement "
                "mediapipe (from versions: none)\n") is None


def test_insufficient_driver_in_a_container_with_only_nvcc_shown_is_a_lead():
    # abetlen/llama-cpp-python#763: nvcc 12.2 on the host and in the image, no nvidia-smi, a compose service's prefix
    r = explain(parse_text("web  | CUDA error 35 at ggml-cuda.cu:5522: CUDA driver version is insufficient for CUDA "
                           "runtime version\n**nvcc version in container**\n```\nroot@af3d8458b74f:/src# nvcc --version"
                           "\nCuda compilation tools, release 12.2, V12.2.91\n```\nFROM nvidia/cuda:12.2.0-devel-ubuntu22.04\n"))
    assert r.explanation.verdict != "diagnosed"
    assert r.findings[0].code == "cuda.driver_too_old" and "container" in r.findings[0].message


def test_a_package_with_its_own_kernels_on_an_older_gpu_than_it_supports():
    # vllm-project/vllm#16307: vllm-openai on Tesla P100s (sm_60); torch 2.5.1+cu124 covers sm_60, vLLM needs 7.0
    text = ("[Usage]: running vllm-openai:v0.7.3 with an cuda-error: no kernel image is available for execution on the "
            "device\nPyTorch version: 2.5.1+cu124\nIs CUDA available: True\nGPU models and configuration: \nGPU 0: "
            "Tesla P100-PCIE-16GB\n\nNvidia driver version: 535.183.01\n")
    f = _first(text)
    assert f.code == "cuda.arch_not_in_build" and f.subject == "vllm" and "7.0" in f.message
    # on a GPU vLLM supports, the same message is not vLLM's arch gap
    assert "vllm" not in [x.subject for x in explain(parse_text(text.replace("Tesla P100-PCIE-16GB", "Tesla T4"))).findings]


def test_cuda_error_804_is_a_driver_older_than_the_images_cuda():
    # vllm-project/vllm#4940: vllm-openai:latest on a 525 driver
    f = _first("docker run --runtime nvidia --gpus all vllm/vllm-openai:latest\nRuntimeError: Unexpected error from "
               "cudaGetDeviceCount(). Error 804: forward compatibility was attempted on non supported HW\n")
    assert f.code == "cuda.driver_too_old" and "804" in f.message


def test_neofetchs_intel_gpu_line_is_an_intel_gpu_unless_an_nvidia_one_is_there():
    # PromtEngineer/localGPT#137: an i7-1260P laptop, torch's "Found no NVIDIA driver"
    text = ("System: Ubuntu 20.04\nCPU: 12th Gen Intel i7-1260P (16)\nGPU: Intel Device 46a6 \n\nRuntimeError: Found "
            "no NVIDIA driver on your system. Please check that you have an NVIDIA GPU and installed a driver\n")
    assert _top(text) == "cuda.no_gpu"
    assert _top(text.replace("GPU: Intel Device 46a6 \n", "GPU: Intel Device 46a6 \nGPU: NVIDIA GeForce RTX 3060 "
                                                          "Mobile\n")) != "cuda.no_gpu"


def _codes_of(text: str) -> list[str]:
    """Every finding code explain gives for a paste, leads included, in its order."""
    return [f.code for f in explain(parse_text(text)).findings]


def test_an_ngc_banner_saying_no_driver_is_not_an_old_driver():
    # SeldonIO/seldon-core#4887: Triton 23.02's banner, then CUDA's "insufficient driver" in its pinned-memory warning
    codes = _codes_of("WARNING: The NVIDIA Driver was not detected.  GPU functionality will not be available.\n"
                      "W0605 pinned_memory_manager.cc:236] Unable to allocate pinned system memory: CUDA driver "
                      "version is insufficient for CUDA runtime version\n")
    assert "cuda.driver_too_old" not in codes and codes[0] == "container.gpu_not_passed"


def test_nvidia_smi_failing_on_colab_is_a_cpu_runtime_not_a_driver_to_load():
    # googlecolab/colabtools#2756: Colab's bug template, Ray's probe wrapping nvidia-smi's failure
    text = ("**Describe the expected behavior**\njust init ray actor\n**What web browser you are using**\nedge\n"
            "invalid literal for int() with base 10: \"NVIDIA-SMI has failed because it couldn't communicate with the "
            "NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n")
    f = _first(text)
    assert f.code == "cuda.no_gpu" and "runtime" in f.message and "nvidia-smi" in f.message
    assert "cuda.driver_not_loaded" not in _codes_of(text)
    # the same failure with no Colab in sight stays the driver's
    assert _top(text.replace("**What web browser you are using**\nedge\n", "")) == "cuda.driver_not_loaded"


def test_a_cdi_device_name_taken_for_a_path_is_an_engine_without_cdi():
    # podman-container-tools/podman#24474: podman 3.4.4
    f = _first("podman versions : 3.4.4\npodman run --rm --device nvidia.com/gpu=all ubuntu nvidia-smi -L\n"
               "Error: stat nvidia.com/gpu=all: no such file or directory\n")
    assert f.code == "container.gpu_not_passed" and "CDI" in f.message


def test_the_toolkit_hook_finding_no_loaded_driver_is_the_hosts_driver():
    # iterative/cml#1069: GCP runner VMs whose driver install had failed
    text = ("docker: Error response from daemon: failed to create shim task: OCI runtime create failed: error running "
            "hook #0: exit status 1, stdout: , stderr: Auto-detected mode as 'legacy'\nnvidia-container-cli: "
            "initialization error: nvml error: driver not loaded: unknown.\n")
    assert _top(text) == "cuda.driver_not_loaded"
    # on a machine the paste says has no GPU it stays cuda.no_gpu's (ATOMScience-org/AMPL#362)
    assert _top(text + "I don't have a GPU on this machine.\n") == "cuda.no_gpu"


def test_an_ngc_image_tag_dates_its_cuda_and_the_driver_it_needs():
    # triton-inference-server/server#3773: tritonserver:21.10 (CUDA 11.4.2, driver 470+) on 455.45.01
    text = ("docker run -it --rm --runtime=nvidia nvcr.io/nvidia/tritonserver:21.10-py3-sdk bash\n\n"
            "Driver Version: 455.45.01\n")
    f = _first(text)
    assert f.code == "cuda.driver_too_old" and "11.4.2" in f.message and "470" in f.message
    # on the R460 branch the image's compatibility package serves data-center GPUs: a lead, not a diagnosis
    r = explain(parse_text(text.replace("455.45.01", "460.32.03")))
    assert r.explanation.verdict != "diagnosed" and r.findings[0].code == "cuda.driver_too_old"
    # a driver the release needs, or a release not in the data, says nothing
    assert "cuda.driver_too_old" not in _codes_of(text.replace("455.45.01", "470.82.01"))
    assert "cuda.driver_too_old" not in _codes_of(text.replace("21.10", "21.11"))


def test_the_ngc_entrypoints_driver_check_is_the_hosts_old_driver():
    # isarsoft/yolov4-triton-tensorrt#5: TensorRT 20.08 on driver 410.78
    text = ("ERROR: This container was built for NVIDIA Driver Release 450.51 or later, but\n       version 410.78 "
            "was detected and compatibility mode is UNAVAILABLE.\n")
    f = _first(text)
    assert f.code == "cuda.driver_too_old" and "450.51" in f.message and "410.78" in f.message
    # with forward compatibility enabled the check only warns and CUDA runs
    assert "cuda.driver_too_old" not in _codes_of(text.replace("UNAVAILABLE", "ENABLED"))


def test_the_wsl_hook_finding_no_adapter_on_a_laptop_without_nvidia_is_no_gpu():
    # IDEA-Research/Grounded-Segment-Anything#506
    f = _first("I am working in WSL 2.\n`nividia-container-cli: initialization error: WSL environment detected but no "
               "adapters were found: unknown`\nI also can't enable CUDA on my Laptop since it doesn't have an NVIDIA "
               "graphics card.\n")
    assert f.code == "cuda.no_gpu"


def test_a_segfault_told_in_words_with_what_was_run_is_a_crash_but_not_on_an_amd_gpu():
    # autogluon/autogluon#1627
    f = _first("I face a problem that is \"Segmentation fault (core dumped)\" when I use this comm: ```from "
               "autogluon.text import TextPredictor```.\n")
    assert f.code == "framework.crashed" and "faulthandler" in f.message
    # on an AMD GPU, a crash is the ROCm rules' to explain (an arch no build has)
    assert "framework.crashed" not in _codes_of("My GPU: AMD Radeon RX 580. I get a Segmentation fault when I run "
                                                "the webui.\n")


def test_an_amd_graphics_card_named_in_chinese_without_a_space_is_an_amd_gpu():
    # zai-org/ChatGLM2-6B#426: "请问是不是不支持AMD显卡？我是AMD 6600XT" on Windows 10
    f = _first("请问是不是不支持AMD显卡？我是AMD 6600XT\n\n碰到了异常:\"Torch not compiled with CUDA enabled\"\n- OS: win10\n")
    assert f.code == "rocm.cuda_build_on_amd"


def test_lightgbms_cpu_build_beside_nvidia_smis_version_is_a_cpu_only_build():
    # lightgbm-org/LightGBM#3310
    text = ("CPU/GPU model: NVIDIA-SMI 390.138 \n\nLightGBMError: GPU Tree Learner was not enabled in this build.\n")
    f = _first(text)
    assert f.code == "cuda.cpu_only_build" and f.subject == "lightgbm" and any("lightgbm" in x for x in f.fix)
    (a,) = parse_text(text).facts.accelerators
    assert (a.vendor, a.driver_version) == ("nvidia", "390.138")


def test_conda_forges_blas_build_strings_name_the_macos_architecture():
    f = parse_text("# Name  Version  Build  Channel\nlibblas  3.9.0  22_osx64_openblas  conda-forge\n").facts
    assert (f.host.os, f.host.python.machine) == ("darwin", "x86_64")
    g = parse_text("# Name  Version  Build  Channel\nlibblas  3.9.0  22_osxarm64_openblas  conda-forge\n").facts
    assert (g.host.os, g.host.arch, g.host.python.machine) == ("darwin", "aarch64", "aarch64")


def test_a_source_build_that_fails_where_the_release_has_no_wheel_for_this_python():
    # google/sentencepiece#1104: 0.2.0 on Python 3.13 (Windows)
    text = ("Error log on python 3.13 and sentencepiece 0.2.0:\n(venv) PS D:\\ComfyUI> pip install sentencepiece\n"
            "Collecting sentencepiece\n  Using cached sentencepiece-0.2.0.tar.gz (2.6 MB)\n  Installing build "
            "dependencies ... done\n  Getting requirements to build wheel ... error\n")
    f = _first(text)
    assert f.code == "python.unsupported_version" and f.subject == "sentencepiece" and "0.2.1" in f.message
    # on a Python the release has wheels for, the failed build is something else
    assert "python.unsupported_version" not in _codes_of(text.replace("python 3.13", "python 3.11"))


def test_tiny_cuda_nns_missing_extension_for_a_compute_capability_is_the_arch_gap():
    # NVlabs/tiny-cuda-nn#230 (an RTX 2060, 75) and #490 (built on an 86, run on a 70)
    f = _first("OSError: Could not find compatible tinycudann extension for compute capability 75.\n")
    assert f.code == "cuda.arch_not_in_build" and f.subject == "tinycudann" and "TCNN_CUDA_ARCHITECTURES=75" in f.message


def test_an_extension_not_compiled_with_gpu_support_is_its_cpu_build():
    # facebookresearch/pytorch3d#1878: a source build of 0.7.8 beside a CUDA torch
    f = _first("RuntimeError: Not compiled with GPU support.\n[rank1]:   File \"/pytorch3d/pytorch3d/ops/knn.py\", line "
               "74, in forward\n")
    assert f.code == "cuda.cpu_only_build" and f.subject == "pytorch3d"
    assert any("FORCE_CUDA" in x for x in f.fix) and any("pytorch3d.git" in x for x in f.fix)
    # with no package named, it is still the extension's build, with no command to guess
    g = _first("RuntimeError: Not compiled with GPU support\n")
    assert g.code == "cuda.cpu_only_build" and g.fix == ()


def test_tensorrts_library_failing_an_import_is_missing_but_tensorflows_warning_is_not():
    # jkjung-avt/tensorrt_demos#517
    f = _first("im using tensorrt 8.2.1.8, cuda 11.5 on ubuntu 20.04\nImportError: libnvinfer.so.8: cannot open shared "
               "object file: No such file or directory\n")
    assert f.code == "cuda.library_missing" and f.subject == "tensorrt"
    # TensorFlow's optional TF-TRT libraries it could not load are no failure (TheLastBen's notebook, lastben1580)
    assert _top("W tensorflow/compiler/xla/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic "
                "library 'libnvinfer.so.7'; dlerror: libnvinfer.so.7: cannot open shared object file: No such file or "
                "directory\n") is None


def test_a_name_missing_from_a_companion_package_is_a_version_mismatch():
    # traveller59/spconv#367: spconv 2.1.2 over an older cumm
    f = _first("ImportError: cannot import name 'ConvFwdAndBwdInput' from 'cumm.conv.main'\n")
    assert f.code == "packages.conflict" and f.subject == "cumm"
    # a circular import, or a module shadowed by a stray file, is no such thing
    assert _top("ImportError: cannot import name 'x' from partially initialized module 'a' (most likely due to a "
                "circular import)\n") != "packages.conflict"
    assert _top("ImportError: cannot import name 'x' from 'a' (unknown location)\n") != "packages.conflict"


def test_an_apple_chip_named_in_chinese_is_an_apple_silicon_mac():
    # zai-org/GLM-TTS#31: "我用的是苹果M1芯片" and torch's "not compiled with CUDA"
    f = _first("Inference failed: Torch not compiled with CUDA enabled\n\n我用的是苹果M1芯片，已经将前面问题都跑通了。\n")
    assert f.code == "cuda.no_gpu" and "Mac" in f.message


def test_a_model_load_crash_on_a_cpu_family_without_avx_is_the_missing_avx():
    # nomic-ai/gpt4all#1268: a Xeon E5620 (Westmere), GPT4All guessing "out of memory"
    f = _first("GPT4All 2.4.13 running on Win10 Pro, 48 MB RAM, Intel(R) Xeon(R) CPU E5620 @ 2.40GHz \n[Warning]: ERROR: "
               "Previous attempt to load model resulted in crash for `ggml-model.bin` most likely due to out of memory.\n")
    assert f.code == "cpu.avx_missing" and "Westmere" in f.message
    # the same crash on a CPU with AVX names no CPU cause
    assert _top("running on Win11, Intel(R) Core(TM) i7-12700 CPU @ 2.10GHz\nERROR: Previous attempt to load model "
                "resulted in crash for `x.bin` most likely due to out of memory.\n") != "cpu.avx_missing"


def test_coqui_tts_own_python_range_check_names_the_python_to_use():
    # coqui-ai/TTS#3627
    f = _first("RuntimeError: TTS requires python >= 3.9 and < 3.12 but your Python version is 3.12.0 (tags/v3.12.0)\n")
    assert f.code == "python.unsupported_version" and ">=3.9,<3.12" in f.message and any("3.11" in x for x in f.fix)


def test_numpys_removed_builtin_aliases_are_code_older_than_numpy_1_24():
    # awslabs/gluonts#2509: MXNet 1.x's np.bool under NumPy 1.24
    f = _first("  File \".../site-packages/mxnet/contrib/text/embedding.py\", line 36, in <module>\nAttributeError: module "
               "'numpy' has no attribute 'bool'\n")
    assert f.code == "packages.conflict" and f.subject == "numpy" and any("numpy<1.24" in x for x in f.fix)


def test_asking_how_to_run_without_a_gpu_after_cuda_errors_is_no_gpu():
    # potterhsu/SVHNClassifier-PyTorch#5
    assert _top("AssertionError: Torch not compiled with CUDA enabled\n\nFound no NVIDIA driver on your system.\n\n"
                "How can I run without a GPU?\n") == "cuda.no_gpu"


def test_the_nvidia_installer_failing_to_build_its_module_is_a_driver_not_loaded():
    # Bumblebee-Project/Bumblebee#639: Fedora 21, an old kernel
    assert _top("ERROR: Unable to build the NVIDIA kernel module.\nERROR: Installation has failed.\n") \
        == "cuda.driver_not_loaded"


def test_cudnns_could_not_locate_messages_name_the_missing_dll():
    # AlexeyAB/darknet#8551 and PaddleOCR#8400: zlibwapi.dll; Deep-Live-Cam#1063: cublas64_10.dll
    f = _first("Could not locate zlibwapi.dll. Please make sure it is in your library path!\n")
    assert f.code == "cuda.library_missing" and "zlibwapi.dll" in f.message
    g = _first("I get this error \"Could not locate cublas64_10.dll. Please make sure it is in your library path!\"\n")
    assert g.code == "cuda.library_missing" and "cublas64_10.dll" in g.message


def test_a_cuda_dll_named_as_not_found_in_words_but_not_tensorflows_dlerror():
    # lltcggie/waifu2x-caffe#120 (title) and video-subtitle-extractor#48 (Chinese: 找不到, cannot find)
    assert _top("Cudnn64_7.dll not found error\n\nSo I installed Cuda v10\n") == "cuda.library_missing"
    assert _top("但GPU版本报错说找不到cudnn64_8.dll\n") == "cuda.library_missing"
    # TensorFlow's warning, which it prints without a GPU too, stays its own (google/lightweight_mmm#23)
    assert _top("W dso_loader.cc:64] Could not load dynamic library 'cudart64_110.dll'; dlerror: cudart64_110.dll not "
                "found\n") is None


def test_a_wheel_refused_for_its_python_tag_names_the_python_it_is_for():
    # microsoft/DirectML#544: a cp310 torch-directml wheel under Python 3.11.3
    f = _first("ERROR: torch_directml-0.2.0.dev230426-cp310-cp310-win_amd64.whl is not a supported wheel on this "
               "platform.\n\nPython --version     Python 3.11.3\n")
    assert f.code == "python.unsupported_version" and "3.10" in f.message and any("3.10" in x for x in f.fix)
    # the interpreter the wheel is for: another platform, not the Python
    assert _top("ERROR: torch_directml-0.2.0-cp311-cp311-win_amd64.whl is not a supported wheel on this platform.\n"
                "Python 3.11.3\n") != "python.unsupported_version"


def test_torchs_dll_error_split_over_two_lines_in_the_systems_language_is_its_import_error():
    # XiaoGu-G2020/DeltaForceMarketBot#46: a Chinese-locale WinError 1114, the DLL on the next line
    f = _first("OSError: [WinError 1114] 动态链接库(DLL)初始化例程失败。 \nError loading \"E:\\python\\Python310\\lib\\"
               "site-packages\\torch\\lib\\c10.dll\" or one of its dependencies.\n")
    assert f.code == "framework.import_error" and f.framework == "torch"


def test_numpys_abi_message_retold_cut_at_run_in_is_still_the_abi_break():
    # derrian-distro/LoRA_Easy_Training_Scripts#220
    assert _top("The first line of the command line is: A module that was compiled using NumPy 1.x cannot be run in.\n"
                "I checked last week there was a numpy 2 release\n") == "numpy.abi_mismatch"


def test_numbas_own_numpy_range_check_is_a_companion_conflict_with_the_bound_to_install():
    # KytraScript/ComfyUI_MatAnyone_Kytra#3
    f = _first("Numba needs NumPy 2.1 or less. Got NumPy 2.2.\n")
    assert f.code == "packages.conflict" and f.subject == "numba" and any("numpy<2.2" in x for x in f.fix)
    g = _first("ImportError: Numba needs NumPy 1.22 or greater. Got NumPy 1.21.\n")
    assert g.code == "packages.conflict" and any("numpy>=1.22" in x for x in g.fix)


def test_jax_finding_no_tpu_on_colabs_tpu_runtime_is_the_colab_setup():
    # nyx-ai/stylegan2-flax-tpu#8: "have a TPU/High Mem" on Colab Pro+, XLA's cuInit noise, jax's "No GPU/TPU found"
    f = _first("I am using Colab Pro+ and have a TPU/High Mem.\nE cuda_driver.cc:267] failed call to cuInit: "
               "CUDA_ERROR_NO_DEVICE: no CUDA-capable device is detected\nWARNING:jax._src.lib.xla_bridge:No GPU/TPU "
               "found, falling back to CPU.\n")
    assert f.code == "tpu.not_found" and "setup_tpu" in f.message


def test_an_arm64_wheel_refused_on_a_mac_new_enough_for_it_is_a_rosetta_python():
    # ml-explore/mlx#1055: macosx_14_0_arm64 refused on an M3 Pro with macOS 14.4.1
    text = ("[BUG] Unable to install mlx on MacbookPro M3Pro with MacOS 14.4.1\npip install "
            "./mlx-0.12.0-cp312-cp312-macosx_14_0_arm64.whl\nERROR: mlx-0.12.0-cp312-cp312-macosx_14_0_arm64.whl is "
            "not a supported wheel on this platform.\n")
    assert _top(text) == "host.rosetta_python"
    # a wheel for a newer macOS than the paste shows may be refused for that alone (cansik/mediapipe-extended#3)
    assert _top("MacBook-Pro:x me$ pip install build/dist/mx-0.9.1-cp311-cp311-macosx_14_4_arm64.whl\nERROR: "
                "mx-0.9.1-cp311-cp311-macosx_14_4_arm64.whl is not a supported wheel on this platform.\n") is None


def test_a_tensorflow_gpu_pin_is_judged_against_tensorflows_python_range():
    # openai/gpt-2#98: tensorflow-gpu 1.12.0 (Python <= 3.6) under Python 3.7.1
    f = _first("Collecting tensorflow-gpu==1.12.0\n  Could not find a version that satisfies the requirement "
               "tensorflow-gpu==1.12.0 (from versions: 1.13.0rc1, 1.13.0rc2, 1.13.1, 2.0.0a0)\nNo matching distribution "
               "found for tensorflow-gpu==1.12.0\n\nAnd is because i have `Python 3.7.1`.\n")
    assert f.code == "python.unsupported_version" and "1.12.0" in f.message and any("3.6" in x for x in f.fix)


def test_omniverses_own_driver_check_is_an_old_driver():
    # isaac-sim/IsaacAutomator#40: Isaac Sim 5.0 on AWS with driver 535.x
    f = _first("[Error] [gpu.foundation.plugin] The currently installed NVIDIA graphics driver is unsupported or has "
               "known issues. Reason for failure: The minimum Omniverse RTX requirement on Linux Installed driver: 535.5 "
               "The unsupported driver range: [0.0, 535.129) The recommended d\n")
    assert f.code == "cuda.driver_too_old" and "535.5" in f.message and "535.129" in f.message


def test_a_docker_container_said_in_words_makes_an_insufficient_driver_a_lead():
    # ethz-asl/nvblox_ros1#15: "Upon checking the CUDA version in my Docker container", nvcc 11.8, no nvidia-smi
    r = explain(parse_text("I'm trying to utilize your package within a Docker environment.\nCUDA error = 35 at "
                           "unified_ptr_impl.h:48 'cudaMallocHost'. Error string: CUDA driver version is insufficient "
                           "for CUDA runtime version.\nCuda compilation tools, release 11.8, V11.8.89\n"))
    assert r.facts.host.container is not None and r.explanation.verdict != "diagnosed"
    # "not in a docker container" is no container
    assert parse_text("This is not in a docker container, on bare metal.\n").facts.host.container is None


def test_cuda_error_802_is_a_fabric_manager_lead_and_not_a_container_without_gpus():
    # google-deepmind/alphafold3#423: jax's cuInit in a Docker container fails with CUDA_ERROR_SYSTEM_NOT_READY; the
    # GPU reached the container (802 is the driver's own answer), and NVSwitch machines need their Fabric Manager
    text = ("root@fdce889965a7:/app/alphafold# python run_alphafold.py\n2025-05-28 07:52:27.737669: E external/xla/xla/"
            "stream_executor/cuda/cuda_driver.cc:152] failed call to cuInit: INTERNAL: CUDA error: Failed call to cuInit: "
            "CUDA_ERROR_SYSTEM_NOT_READY: system not yet initialized\n")
    r = explain(parse_text(text))
    assert r.explanation.verdict != "diagnosed"
    assert "container.gpu_not_passed" not in [f.code for f in r.findings]
    lead = next(f for f in r.findings if f.code == "cuda.driver_not_loaded")
    assert lead.severity == "info" and "Fabric Manager" in lead.message
    assert "systemctl status nvidia-fabricmanager" in lead.fix
    # torch's and CuPy's wordings of the same error are read too
    assert "cuda.driver_not_loaded" in _codes_of("UserWarning: CUDA initialization: Unexpected error from "
                                                 "cudaGetDeviceCount(). Error 802: system not yet initialized\n")
    assert "cuda.driver_not_loaded" in _codes_of("cupy.cuda.runtime.CUDARuntimeError: cudaErrorSystemNotReady: system "
                                                 "not yet initialized\n")


def test_nvidia_smis_driver_error_retold_with_establish_is_read():
    # MouseLand/cellpose#916: "nvidia-smi outputted an error message that said it could not establish communicate with
    # the driver"
    f = _first("1. ```nvidia-smi``` outputted an error message that said it could not establish communicate with the "
               "driver I had been using, so I uninstalled everything related to nvidia\n")
    assert f is not None and f.code == "cuda.driver_not_loaded"


def test_flash_attentions_own_ampere_check_is_no_code_for_this_gpu():
    # Dao-AILab/flash-attention#1230 (a T1000) and microsoft/MInference#51 (a Tesla V100S in nvidia-smi)
    f = _first("RuntimeError: FlashAttention only supports Ampere GPUs or newer.\n")
    assert f.code == "cuda.arch_not_in_build" and f.subject == "flash-attn" and "8.0" in f.message
    assert "sdpa" in f.message
    f = _first("FlashAttention only supports Ampere GPUs or newer\nflash-attn==2.6.0.post1\n"
               "| NVIDIA-SMI 470.57.02    Driver Version: 470.57.02    CUDA Version: 11.4     |\n"
               "|   0  Tesla V100S-PCIE...  Off  | 00000000:3B:00.0 Off |                    0 |\n")
    assert f.code == "cuda.arch_not_in_build" and "7.0" in f.message
    # the same check on a GPU newer than the release knows: the release predates it, an upgrade is the way
    f = _first("RuntimeError: FlashAttention only supports Ampere GPUs or newer.\nGPU 0: NVIDIA GeForce RTX 5090 "
               "(compute capability 12.0)\n")
    assert f.code == "cuda.arch_not_in_build" and "predates" in f.message and "sm_120" in f.message


def test_a_quantization_methods_minimum_capability_is_read_from_its_message():
    # vllm-project/vllm#1488: AWQ on a V100
    f = _first("The quantization method awq is not supported for the current GPU. Minimum capability: 75. Current "
               "capability: 70.\n")
    assert f.code == "cuda.arch_not_in_build" and "7.5" in f.message and "7.0" in f.message
    assert "driver_too_old" not in " ".join(_codes_of("The quantization method awq is not supported for the current "
                                                      "GPU. Minimum capability: 75. Current capability: 70.\n"))


def test_ptxas_not_knowing_the_gpus_architecture_is_a_toolkit_older_than_the_gpu():
    # axolotl-ai-cloud/axolotl#3630: a B300 (sm_103a) under an image's CUDA 12.8; the message wrapped in the paste
    f = _first("B300 is `sm_103a`, which CUDA 12.8 doesn't recognize — `ptxas fatal: Value 'sm_103a' is not \n"
               "  ▎ defined for option 'gpu-name'`.\n")
    assert f.code == "cuda.arch_not_in_build" and "sm_103a" in f.message and "TRITON_PTXAS_PATH" in f.message


def test_a_rocm_packages_own_gfx_check_is_an_unsupported_target():
    # ROCm/flash-attention#93: an RX 7900 XTX
    f = _first("### Problem Description\n\ngfx1100  is invalid or not supported by Flash-Attention\n\n### GPU\n\n"
               "Radeon RX 7900 XTX\n")
    assert f.code == "rocm.arch_unsupported" and "gfx1100" in f.message


def test_the_driver_apis_no_binary_for_gpu_is_no_code_for_this_gpu():
    # filecoin-project/rust-gpu-tools#79: Rust's Cuda(NoBinaryForGpu) on a Tesla K80 (compute capability 3.7)
    f = _first("thread 'main' panicked at 'called `Result::unwrap()` on an `Err` value: Cuda(NoBinaryForGpu)', "
               "examples/add.rs:10:76\n```\nI use Tesla K80 GPU and how can I solve it.\n")
    assert f.code == "cuda.arch_not_in_build" and "3.7" in f.message


def test_tensorflows_minimum_capability_quoted_alone_is_read_beside_the_gpu():
    # tensorflow/tfjs#4510: the minimum only in the title, a GTX 960M in nvidia-smi
    f = _first("The minimum required Cuda capability is 6.0 for the binary C-API releases 1.14.0 and 1.15.0\n"
               "|   0  GeForce GTX 960M    Off  | 00000000:01:00.0 Off |                  N/A |\n")
    assert f.code == "cuda.arch_not_in_build" and "960M" in f.message and "6.0" in f.message
    # beside a GPU that meets it, the quoted minimum is not this machine's message
    assert _first("The minimum required Cuda capability is 3.5.\nGPU 0: NVIDIA GeForce RTX 3090 (compute capability "
                  "8.6)\n") is None


def test_no_nvidia_gpu_said_outweighs_the_nameless_device_of_torchs_old_driver_warning():
    # WongKinYiu/yolov7#2001: an AMD Instinct MI25; torch's "found version 9010" beside "I do not have NVIDIA"
    text = ("This part didn't make sense to me as I do not have NVIDIA:\n/home/k/.local/lib/python3.10/site-packages/"
            "torch/cuda/__init__.py:138: UserWarning: CUDA initialization: The NVIDIA driver on your system is too old "
            "(found version 9010). Please update your GPU driver\n")
    assert "cuda.driver_too_old" not in _codes_of(text)


def test_a_programs_own_word_that_the_cpu_has_avx_rules_out_a_cpu_without_it():
    # PaddlePaddle/PaddleClas#1100: Paddle's "AVX is supported on local machine", then a SIGILL
    text = ("WARNING: AVX is supported on local machine, but you have installed paddlepaddle without avx core.\n"
            "FatalError: Illegal instruction is detected by the operating system.\n")
    assert "cpu.avx_missing" not in _codes_of(text)
    # TensorFlow's cpu_feature_guard listing AVX2 says the CPU has AVX; listing only SSE4 says nothing
    guard = "I tensorflow/core/platform/cpu_feature_guard.cc:141] Your CPU supports instructions that this TensorFlow " \
            "binary was not compiled to use: {}\nIllegal instruction (core dumped)\n"
    assert "cpu.avx_missing" not in _codes_of(guard.format("AVX2 FMA"))
    assert "cpu.avx_missing" in _codes_of(guard.format("SSE4.1 SSE4.2"))


def test_paddles_own_avx_check_is_a_cpu_without_avx_with_its_noavx_wheels():
    # PaddlePaddle/PaddleOCR#4214: a cloud VM's virtual CPU
    f = _first("Error: AVX is not support on your machine, but you have installed paddlepaddle with avx core, you should "
               "reinstall paddlepaddle by 'python -m pip install -U paddlepaddle-gpu[==version] -f "
               "https://paddlepaddle.org.cn/whl/stable_noavx.html'\n")
    assert f.code == "cpu.avx_missing" and "no-AVX" in f.message and "VM" in f.message


def test_onnxruntimes_cuda_path_message_is_its_cuda_libraries_not_loading():
    # ototadana/sd-face-editor#170: onnxruntime-gpu on Windows
    f = _first("EP Error D:\\a\\_work\\1\\s\\onnxruntime\\python\\onnxruntime_pybind_state.cc:739 onnxruntime::python::"
               "CreateExecutionProviderInstance CUDA_PATH is set but CUDA wasn't able to be loaded. Please install the "
               "correct version of CUDA and cuDNN as mentioned in the GPU requirements page\n")
    assert f.code == "cuda.library_missing" and f.subject == "onnxruntime" and "error 126" not in f.message


def test_cuda_jls_own_driver_check_is_an_old_driver():
    # JuliaGPU/CUDA.jl#2231: a Quadro 600 whose driver stops at CUDA 8
    f = _first("Error: CUDA driver 8.0.0 is not compatible with any supported CUDA toolkit (11.4.4, 11.5.2, 11.6.2, "
               "11.7.1, 11.8.0, 12.0.1, 12.1.1, 12.2.2 or 12.3.1)\n")
    assert f.code == "cuda.driver_too_old" and "8.0" in f.message and "11.4.4" in f.message


def test_cuda_error_no_device_in_any_wording_with_no_gpu_said_offers_no_torch_to_a_julia_user():
    # JuliaGPU/CUDA.jl#1952: an AArch64 instance with no GPU
    f = _first("Using latest Julia 1.9.1 on a AArch64 instance with no GPU and Ubuntu Server 22.04.\njulia> using CUDA\n"
               "┌ Error: Failed to initialize CUDA\n│   exception =\n│    CUDA error (code 100, CUDA_ERROR_NO_DEVICE)\n")
    assert f.code == "cuda.no_gpu" and not f.fix and "torch" not in f.message


def test_djl_loading_its_cpu_library_is_a_cpu_only_build():
    # qupath/qupath-extension-djl#46: DJL derived "cu065" on an RTX 5090 and fell back to the CPU library
    f = _first("QuPath 0.7.0, DJL pytorch-engine 0.36.0, PyTorch 2.7.1\n    No matching cuda flavor for win-x86_64 found: "
               "cu065\n")
    assert f.code == "cuda.cpu_only_build" and "PYTORCH_FLAVOR" in f.message


def test_an_aws_lambda_function_has_no_gpu():
    # aws-samples/aws-lambda-docker-serverless-inference#7: torch's "Found no NVIDIA driver" from a Lambda function
    text = ('{"errorMessage": "\\nFound no NVIDIA driver on your system. Please check that you\\nhave an NVIDIA GPU and '
            'installed a driver", "errorType": "AssertionError", "stackTrace": ["  File \\"/var/task/app.py\\", line 25, '
            'in handler\\n", "  File \\"/var/lang/lib/python3.8/site-packages/torch/cuda/__init__.py\\", line 196, in '
            '_lazy_init\\n"]}\n')
    f = _first(text)
    assert f.code == "cuda.no_gpu" and "Lambda" in f.message
    assert "cuda.driver_not_loaded" not in _codes_of(text)


def test_cuda_asked_on_an_intel_arc_card_is_no_nvidia_gpu_with_torchs_xpu_build():
    # IamCreateAI/Ruyi-Models#31: lshw's "DG2 [Arc A770]" and torch's CUDA assertion
    f = _first("  *-display\n       product: DG2 [Arc A770]\n       vendor: Intel Corporation\nTorch not compiled with CUDA "
               "enabled\n")
    assert f.code == "cuda.no_gpu" and "Arc" in f.message and "xpu" in f.message
    assert any("download.pytorch.org/whl/xpu" in x for x in f.fix)
    # the message retold in lower case is the same message (jy0205/Pyramid-Flow#240)
    assert _first("Intel ARC GPU\n\ni have [error] torch not compiled with cuda enabled.\n").code == "cuda.no_gpu"


def test_an_intel_gpu_named_where_nothing_asks_for_cuda_is_no_cuda_claim():
    # intel/compute-runtime#701: an Arc A770 missing from OpenCL over SSH; openvinotoolkit/openvino#29074: OpenVINO's
    # GPU plugin on a UHD iGPU
    assert "cuda.no_gpu" not in _codes_of("when accessing the machine remotely over SSH, the GPU (Arc A770) does not "
                                          "show up as OpenCL device.\n")
    assert "cuda.no_gpu" not in _codes_of(
        "GPU: Intel® UHD Graphics (CML GT2)\nRuntimeError: Exception from src/inference/src/cpp/core.cpp:214:\nCheck "
        "'!m_device_map.empty()' failed at src/plugins/intel_gpu/src/plugin/plugin.cpp:419:\n")


def test_intel_extension_for_pytorchs_own_avx2_check_is_a_cpu_without_avx2():
    # intel/intel-extension-for-pytorch#450: a QEMU guest on an N305
    f = _first("ERROR! Intel® Extension for PyTorch* only works on machines with         instruction sets equal or newer "
               "than AVX2, which are not detected on the             current machine.\n")
    assert f.code == "cpu.avx_missing" and "AVX2" in f.message and "VM" in f.message


def test_directml_packages_from_versions_none_is_read_against_their_wheels():
    # microsoft/DirectML#38: tensorflow-directml (a TF 1.15 fork, cp36-cp37) under Python 3.8.5
    f = _first("(directml) C:\\Users\\y>python -V\nPython 3.8.5\n\n(directml) C:\\Users\\y>pip install tensorflow-directml\n"
               "ERROR: Could not find a version that satisfies the requirement tensorflow-directml (from versions: none)\n"
               "ERROR: No matching distribution found for tensorflow-directml\n")
    assert f.code == "python.unsupported_version" and "3.7" in f.message
    # MicrosoftDocs/windows-ai-docs#119: tensorflow-directml-plugin (cp37-cp310) under Python 3.11.5
    f = _first("`pip install tensorflow-directml-plugin` gives me\n```\nERROR: Could not find a version that satisfies the "
               "requirement tensorflow-directml-plugin (from versions: none)\nERROR: No matching distribution found for "
               "tensorflow-directml-plugin\n```\nOn python 3.11.5 I believe this is the issue\n")
    assert f.code == "python.unsupported_version" and "3.10" in f.message


def test_mujocos_own_check_of_an_x86_64_python_on_apple_silicon_is_a_rosetta_python():
    # PKU-Alignment/safety-gymnasium#119: an M2 Mac, Gymnasium re-raising MuJoCo's check
    f = _first("I am running apple mac M2, Sonoma 14.0, Mujoco 2.3.3\nError: \"gymnasium.error.DependencyNotInstalled: "
               "You are running an x86_64 build of Python on an Apple Silicon machine. This is not supported by MuJoCo.\"\n")
    assert f.code == "host.rosetta_python" and f.severity == "error" and "own check" in f.message


def test_torchs_not_compiled_with_cuda_is_read_when_retold():
    # espnet/espnet#4513 ("Assertion error: torch not compiled with cuda"), haoheliu/AudioLDM#5 (on Windows), and the
    # message inside Chinese prose (DiffSynth-Studio#114: no word boundary before a CJK character)
    assert _first("Assertion error: torch not compiled with cuda\n").code == "cuda.cpu_only_build"
    assert _first("On Windows 11 I kept getting complaints that torch was not compiled with CUDA support.\n").code == \
        "cuda.cpu_only_build"
    assert _first("遇到提示Torch not compiled with CUDA enabled的错误\n").code == "cuda.cpu_only_build"
    assert "cuda.cpu_only_build" not in _codes_of("torch is compiled with CUDA 12.1 and sees the GPU\n")


def test_numpys_own_check_that_it_predates_this_python_is_an_unsupported_python():
    # AI4Bharat/NeMo#7: nemo_toolkit pins numpy<1.24, pip builds numpy 1.23.5 from source under Python 3.12
    f = _first("Collecting numpy<1.24,>=1.22 (from nemo_toolkit[all])\n  Using cached numpy-1.23.5.tar.gz (10.7 MB)\n"
               "  Getting requirements to build wheel ... error\n      <string>:71: RuntimeWarning: NumPy 1.23.5 may not "
               "yet support Python 3.12.\n")
    assert f.code == "python.unsupported_version" and "3.11" in f.message and f.fix


def test_a_missing_libtorch_library_beside_a_pyg_extension_named_in_prose_is_that_extensions_build():
    # rusty1s/pytorch_scatter#223: libtorch_cuda_cu.so missing, "an installation issue with torch-scatter"
    f = _first("OSError: libtorch_cuda_cu.so: cannot open shared object file: No such file or directory\n\nLately, I'm "
               "having an installation issue with torch-scatter.\n")
    assert f.code == "packages.conflict" and f.subject == "torch-scatter"
    # without an extension named, it stays torch's own broken import
    assert _first("OSError: libtorch_cuda_cu.so: cannot open shared object file: No such file or directory\n").code == \
        "framework.import_error"


def test_dgls_own_device_api_check_is_its_cpu_build():
    # dmlc/dgl#5427 and THUDM/GraphMAE#9
    for api in ("cuda", "gpu"):
        f = _first("dgl._ffi.base.DGLError: [14:00:04] /opt/dgl/src/runtime/c_runtime_api.cc:82: Check failed: "
                   f"allow_missing: Device API {api} is not enabled. Please install the cuda version of dgl.\n")
        assert f.code == "cuda.cpu_only_build" and f.subject == "dgl"


def test_the_tail_of_torchs_old_driver_message_is_read():
    # torch-points3d/torch-points3d#415: a pip build log that kept only the last lines
    f = _first("    Please update your GPU driver by downloading and installing a new\n    version from the URL: http://www."
               "nvidia.com/Download/index.aspx\n    Alternatively, go to: https://pytorch.org to install\n    a PyTorch "
               "version that has been compiled with your version\n    of the CUDA driver.\n")
    assert f.code == "cuda.driver_too_old"


def test_tritons_compute_capability_minimum_is_no_code_for_an_older_gpu_with_eager_as_the_way():
    # MIC-DKFZ/nnUNet#2188: torch.compile on a GTX 1080 Ti
    f = _first("RuntimeError: Found NVIDIA GeForce GTX 1080 Ti which is too old to be supported by the triton GPU "
               "compiler, which is used as the backend. Triton only supports devices of CUDA Capability >= 7.0, but your "
               "device is of CUDA capability 6.1\n")
    assert f.code == "cuda.arch_not_in_build" and f.subject == "triton" and "TORCHDYNAMO_DISABLE=1" in f.message


def test_ptx_newer_than_the_drivers_jit_is_an_old_driver_and_a_lead_without_the_jit():
    # numba/numba#8961: cuda-python 12.1's PTX through cuLinkAddData on a CUDA 12.0 driver
    jit = ("numba.cuda.cudadrv.driver.LinkerError: [222] Call to cuLinkAddData results in UNKNOWN_CUDA_ERROR\n"
           "ptxas application ptx input, line 9; fatal   : Unsupported .version 8.1; current version is '8.0'\n")
    f = _first(jit)
    assert f.code == "cuda.driver_too_old" and "8.1" in f.message
    assert _first(jit.splitlines()[1] + "\n") is None


def test_nvcc_not_knowing_the_gpus_architecture_is_a_toolkit_older_than_the_gpu():
    # apache/tvm#4839: a CUDA older than the Turing GPU (curly quotes as pasted)
    f = _first("Nvcc fatal : Value ‘sm_75’ is not defined for option ‘gpu-architecture’\n")
    assert f.code == "cuda.arch_not_in_build" and "nvcc" in f.message and "sm_75" in f.message


def test_a_programs_own_driver_minimum_with_the_installed_driver_is_an_old_driver():
    # modular/modular#6519: Mojo's DeviceContext
    f = _first("MAX doesn’t support your current NVIDIA GPU driver. MAX requires a minimum driver version of 580 and CUDA "
               "version 13.0. Your driver version is 570.211.01\n")
    assert f.code == "cuda.driver_too_old" and "580" in f.message and "570.211.01" in f.message


def test_a_packages_own_check_that_it_and_its_framework_are_no_pair_is_a_conflict():
    # isl-org/Open3D-ML#430, NeuroFluid#15 (Open3D's CUDA check) and intel-extension-for-openxla#27 (an XPU PJRT plugin)
    f = _first("Exception: Version mismatch: Open3D needs PyTorch version 1.7.*, but version 1.8.2 is installed!\n")
    assert f.code == "packages.conflict" and "1.7.*" in f.message and "1.8.2" in f.message
    f = _first("Warning: Open3D was built with CUDA 11.0 butPyTorch was built with CUDA 11.1. Falling back to CPU for now.\n")
    assert f.code == "packages.conflict" and "CUDA 11.0" in f.message
    f = _first("RuntimeError: Unable to initialize backend 'xpu': INVALID_ARGUMENT: Mismatched PJRT plugin PJRT API version "
               "(0.38) and framework PJRT API version 0.40).\n")
    assert f.code == "packages.conflict" and "xpu PJRT plugin" in f.message
    # a TPU's libtpu mismatch stays the TPU runtime's (google/flax#4122)
    assert _first("XlaRuntimeError: INVALID_ARGUMENT: Mismatched PJRT plugin PJRT API version (0.47) and framework PJRT "
                  "API version 0.54).\n").code == "tpu.not_found"


def test_a_cuda_pjrt_plugins_struct_size_check_and_an_old_tritons_cuda_check_are_conflicts():
    # PlasmaControl/DESC#1534 (jax-cuda plugin vs jaxlib) and kijai/ComfyUI-WanVideoWrapper#540 (an old Triton)
    f = _first("RuntimeError: Unable to initialize backend 'cuda': INVALID_ARGUMENT: Unexpected PJRT_Client_Create_Args "
               "size: expected 88, got 72. The plugin is likely built with a later version than the framework.\n")
    assert f.code == "packages.conflict" and "cuda PJRT plugin" in f.message
    f = _first("RuntimeError: Triton only supports CUDA 10.0 or higher, but got CUDA version: 12.8\n")
    assert f.code == "packages.conflict" and f.subject == "triton"


def test_a_build_compiled_for_one_gpu_architecture_refusing_another_is_no_code_for_it():
    # huggingface/text-embeddings-inference#34: an image for compute capability 8.0 on an RTX 2080 (7.5)
    f = _first("Error: Could not create backend\n\nCaused by:\n    Could not start backend: Runtime compute cap 75 is not "
               "compatible with compile time compute cap 80\n")
    assert f.code == "cuda.arch_not_in_build" and "8.0" in f.message and "sm_75" in f.message


def test_insufficient_driver_wordings_cut_or_with_the_drivers_cuda_are_read():
    # ethereum-mining/ethminer#1640 (driver 396.54, CUDA 10.0 toolkit) and LostCoins#14 (the message cut at 'for')
    f = _first("CUDA error: Insufficient CUDA driver: 9020\n\nSystem Configuration:\nCuda compilation tools, release 10.0, "
               "V10.0.130\nNVRM version: NVIDIA UNIX x86_64 Kernel Module  396.54\n")
    assert f.code == "cuda.driver_too_old" and "396.54" in f.message and "torch" not in f.message
    f = _first("cudaSafeCall() failed at C:/x/GPUEngine.cu:140 : CUDA driver version is insufficient for\n")
    assert f.code == "cuda.driver_too_old"


def test_a_docker_container_said_as_in_the_docker_or_within_docker_is_read():
    # BundleSDF#152 ("output available GPUs in the docker, and it shows 0") and pySLAM-docker#12 ("within docker I get")
    assert parse_text("I also tried to output available GPUs in the docker, and it shows 0 GPUs.\n").facts.host.container
    assert parse_text("drivers/cuda are installed, within docker I get : nvcc\n").facts.host.container
    assert parse_text("I pulled it from docker hub within docker desktop\n").facts.host.container is None


def test_colmaps_own_no_cuda_message_is_its_cpu_build_and_a_lead_where_a_gpu_is_open():
    # colmap/colmap#1474 (a GTX 2060 named) and #1905 ("Cpu-Mode(docker)": whether there is a GPU is open)
    f = _first("'ERROR: Dense stereo reconstruction requires CUDA, which is not available on your system.'.\nwith nvidia-smi, "
               "My CUDA version is 11.4, and graphic cards  and driver is GTX 2060, nvidia-470\n")
    assert f.code == "cuda.cpu_only_build" and f.subject == "colmap"
    assert _first("I use colmap by Cpu-Mode(docker), but it throws the Error 'Dense stereo reconstruction requires CUDA, "
                  "which is not available on your system' in patch_match_stereo step.\n") is None


def test_xgboosts_cpu_build_and_a_binary_not_compiled_for_this_sm_are_read():
    # dmlc/xgboost#11394 and szilard/GBM-perf#57 (R xgboost on a V100)
    f = _first("XGBoostj4-spark train ERROR:: XGBoost version not compiled with GPU support.\n")
    assert f.code == "cuda.cpu_only_build" and f.subject == "xgboost"
    f = _first("xgboost Error in xgb.iter.update(bst = bst, dtrain = dtrain, iter = iteration - :\nThis program was not "
               "compiled for SM 70\n")
    assert f.code == "cuda.arch_not_in_build" and "7.0" in f.message


def test_no_kernel_image_cut_at_the_line_end_is_read():
    # nerfstudio-project/nerfstudio#2878: the message wrapped before "device"
    f = _first(" RuntimeError: CUDA error: no kernel image is available for execution on the \ndevice\n"
               "Do this on a machine with a 3080\n")
    assert f is not None and f.code == "cuda.arch_not_in_build"


def test_a_torch_version_said_without_cuda_is_a_cpu_build_quoted_from_its_line():
    # BjornNyberg/Geometric-Attributes-Toolbox#16: a plugin's configure tool added a second torch 2.0.1 without CUDA
    r = explain(parse_text("Windows 11\nBefore installation: PyTorch 2.0.1 with CUDA 11.8 installed\nAfter installation: "
                           "Another PyTorch 2.0.1 (without CUDA) is also installed - torch.cuda.is_available() returns "
                           "False\n"))
    assert r.explanation.verdict == "diagnosed" and r.findings[0].code == "cuda.cpu_only_build"
    assert any(e.startswith("line 3:") for e in r.findings[0].evidence)
    assert _first("Should I install PyTorch 2.0.1 (without CUDA)?\n") is None


def test_a_plugins_own_driver_check_naming_a_cuda_variant_is_an_old_driver():
    # TerraLabAI/QGIS_AI-Segmentation#108: driver 528.49 below cu121's 530, so the plugin installs CPU torch
    f = _first("[13:38:45] NVIDIA driver 528.49 too old for cu121 (needs >= 530), will use CPU instead\n"
               "[13:38:45] Driver too old for CUDA, installing CPU torch instead\n")
    assert f.code == "cuda.driver_too_old" and "530" in f.message and "CUDA 12.1" in f.message and "528.49" in f.message


def test_a_plugins_gpu_detected_beats_its_cpu_only_device_line_and_win32_names_no_windows_release():
    # TerraLabAI/QGIS_AI-Segmentation#97: its Spanish report, "GPU: CPU only" naming the device it fell back to
    text = ("--- Error ---\nTu GPU fue detectada pero la instalación CUDA no funcionó.\n\n--- System ---\n"
            "OS: win32 (Windows 11)\nPython: 3.12.11\n\n--- GPU ---\nGPU: CPU only (12 cores)\nPyTorch: 2.10.0+cpu\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "cuda.cpu_only_build" and "detected a GPU" in r.findings[0].message
    assert r.facts.host.distro == "Windows 11"
    assert _first(text.replace("Tu GPU fue detectada pero la instalación CUDA no funcionó.", "Plugin error.")) is None


def test_numpy2s_removed_names_and_private_modules_are_code_for_numpy1_and_numpy_core_the_reverse():
    # mbakker7/ttim#65 (np.float_ under NumPy 2), sktime/pytorch-forecasting#1568 (numpy.lib.function_base), and
    # 4DVLab/DexGrasp-Anything#7 (a pickle made under NumPy 2 loaded with numpy 1.23.5)
    f = _first("E   AttributeError: `np.float_` was removed in the NumPy 2.0 release. Use `np.float64` instead.\n")
    assert f.code == "numpy.abi_mismatch" and "np.float_" in f.message and "numpy<2" in f.fix[0]
    f = _first("- Numpy version: 2.0.0rc\nImport error: `No module named 'numpy.lib.function_base'`\n")
    assert f.code == "numpy.abi_mismatch" and "made private" in f.message
    f = _first("The proposed environment with `numpy==1.23.5` failed:\n```\nModuleNotFoundError: No module named "
               "'numpy._core'\n```\n")
    assert f.code == "numpy.abi_mismatch" and "numpy>=2" in f.fix[0]
    assert _first("numpy 2.1.0\nModuleNotFoundError: No module named 'numpy._core'\n") is None


def test_tensorflow_probabilitys_own_tensorflow_minimum_is_a_pair_conflict():
    # tensorflow/probability#1060 (tfp-nightly beside tensorflow 2.0.0b1) and gianlucadetommaso/volatile#4 (a 2.3.0-dev
    # copy imported where tensorflow_cpu 2.4.0 was installed)
    f = _first("ImportError: This version of TensorFlow Probability requires TensorFlow version >= 2.4; Detected an "
               "installation of version 2.3.0-dev20200603. Please upgrade TensorFlow to proceed.\n")
    assert f.code == "packages.conflict" and f.subject == "tensorflow-probability"
    assert "2.3.0-dev20200603 is a pre-release" in f.message and "tensorflow>=2.4" in f.fix[0]


def test_a_torch_pin_of_another_package_names_that_packages_release_as_the_other_way_out():
    # ourownstory/neural_prophet#223: torch<1.7.0 pinned by neuralprophet where pip offers 1.7.1 only
    f = _first("ERROR: Could not find a version that satisfies the requirement torch<1.7.0,>=1.4.0 (from neuralprophet) "
               "(from versions: 0.1.2, 0.1.2.post1, 0.1.2.post2, 1.7.1)\nERROR: No matching distribution found for "
               "torch<1.7.0,>=1.4.0 (from neuralprophet)\n")
    assert f.code == "python.unsupported_version" and "neuralprophet release" in f.message


def test_paddles_own_architecture_check_is_its_build_missing_this_gpu_and_its_gpu_line_is_read():
    # PaddlePaddle/PaddleOCR#10725: a Pascal GPU (6.1) under a wheel for SM 70 75 80 86
    text = ("W0824 17:41:21.103258 13550 gpu_resources.cc:96] The GPU architecture in your current machine is Pascal, "
            "which is not compatible with Paddle installation with arch: 70 75 80 86 , it is recommended to install the "
            "corresponding wheel package\nW0824 17:41:21.103291 13550 gpu_resources.cc:119] Please NOTE: device: 0, GPU "
            "Compute Capability: 6.1, Driver API Version: 11.7, Runtime API Version: 11.7\n")
    r = explain(parse_text(text))
    assert r.findings[0].code == "cuda.arch_not_in_build" and r.findings[0].subject == "paddlepaddle"
    assert "7.0, 7.5, 8.0, 8.6" in r.findings[0].message and "(6.1)" in r.findings[0].message
    gpu = r.facts.accelerators[0]
    assert gpu.compute_capability == "6.1"


def test_installs_only_the_cpu_versions_said_of_torch_is_a_cpu_build():
    # facebookresearch/nougat#21 and ai4d-iasc/trixie#73 ("currently only installs cpu versions of pytorch")
    assert _first("to use the GPU on Windows, install pytorch before `pip install nougat-ocr` (which otherwise installs "
                  "only the CPU versions)\n").code == "cuda.cpu_only_build"
    assert _first("to use the GPU on Windows, install pytorch; if it installs only the CPU versions, ask\n") is None
    f = _first("ERROR: Could not find a version that satisfies the requirement torch<1.7.0,>=1.4.0 (from versions: "
               "0.1.2, 1.7.1)\nERROR: No matching distribution found for torch<1.7.0,>=1.4.0\n")
    assert f.code == "python.unsupported_version" and "versions release" not in f.message


def test_a_paddle_paste_asks_for_paddles_own_check_not_torchs_collect_env():
    # PaddlePaddle/PaddleOCR#4214's kind of paste: Paddle's own message, no torch anywhere
    r = explain(parse_text("You are using paddlepaddle cpu version! Please try to install paddlepaddle-gpu to run "
                           "model on GPU.\n"))
    commands = [u.command for u in r.explanation.unknown]
    assert any("paddle.utils.run_check()" in cmd for cmd in commands)
    assert not any("torch.utils.collect_env" in cmd for cmd in commands)


def test_nvidia_smi_failing_after_salloc_without_srun_is_the_login_node_a_lead_not_a_driver_to_load():
    # aws/aws-parallelcluster#1768: salloc, then nvidia-smi at the same login-node prompt
    text = ("(base) ubuntu@ip-10-0-0-102:~$ salloc\n(base) ubuntu@ip-10-0-0-102:~$ nvidia-smi\nNVIDIA-SMI has failed "
            "because it couldn't communicate with the NVIDIA driver.\n")
    r = explain(parse_text(text))
    assert r.explanation.verdict != "diagnosed" and r.findings[0].code == "cuda.no_gpu"
    assert "srun nvidia-smi" in r.findings[0].fix
    assert _top(text.replace("salloc\n", "srun --pty bash\n")) == "cuda.driver_not_loaded"


def test_a_head_or_login_node_without_gpus_is_no_gpu_and_condas_missing_cuda_virtual_package_says_why():
    # aws/aws-parallelcluster#5085 (OpenMM's CUDA_ERROR_NO_DEVICE on the head node) and
    # conda-forge/pytorch-cpu-feedstock#364 (micromamba on a login node: "__cuda =* *, which is missing on the system")
    f = _first("CUDA platform error: Error initializing CUDA: CUDA_ERROR_NO_DEVICE (100) at CudaContext.cpp:140\n"
               "My head node lacks a GPU, which would explain why the error CUDA_ERROR_NO_DEVICE was given.\n")
    assert f.code == "cuda.no_gpu" and "GPU node" in f.message
    f = _first("I am trying to install pytorch on the login node of our cluster (without any GPUs) and the solver "
               "says `__cuda =* *, which is missing on the system;`\n")
    assert f.code == "cuda.no_gpu" and "CONDA_OVERRIDE_CUDA" in f.message
    assert _first("  - nothing provides __cuda needed by pytorch-2.1.0-cuda118\n") is None  # a GPU may be there


def test_invalid_device_ordinal_in_a_slurm_job_binding_gpus_per_task_is_the_binding():
    # ACEsuit/mace#435: --gpus-per-task=1 and torch.cuda.set_device(local_rank)
    f = _first("all subprocesses except for the one with `local_rank==0` fail due to a `RuntimeError: CUDA error: invalid "
               "device ordinal` error.\n#SBATCH --ntasks-per-node=8\n#SBATCH --gpus-per-task=1\nsrun mace_run_train\n")
    assert f.code == "cuda.devices_hidden" and "--gpus-per-task=1" in f.message and "--gpus-per-node" in f.message


def test_a_cpu_only_build_said_in_markdown_bold_is_read():
    # speechLabBcCuny/EDANSA#2: "installs the **CPU-only** version of PyTorch even on GPU-equipped nodes"
    assert _top("The resulting environment installs the **CPU-only** version of PyTorch even on GPU-equipped nodes.\n"
                "* `torch.cuda.is_available()` returns `False` even on GPU-capable systems.\n") == "cuda.cpu_only_build"


def test_a_cpu_said_to_lack_avx2_beside_a_crashed_jupyter_kernel_is_the_missing_instructions():
    # buenrostrolab/scPrinter#81: an Ivy Bridge Xeon (AVX, no AVX2), repeated kernel crashes
    f = _first("\"The Kernel crashed while executing code in the current cell or a previous cell.\n"
               "# Kernel Crashes on Old CPUs (Missing AVX2)\nWe confirmed the crashes come from an **older CPU without "
               "AVX2** support\n")
    assert f.code == "cpu.avx_missing" and "AVX2" in f.message and "crashes" in f.message
    assert _first("# Kernel Crashes on Old CPUs (Missing AVX2)\n") is None  # no crash or failed import pasted


def test_a_conda_plan_row_in_markdown_italics_and_a_cpu_only_version_said_are_read():
    # TuragaLab/DECODE#202 and cgpotts/cs224u#125
    text = "but i just intall a CPU version of pytorch\n_pytorch            conda-forge/linux-64::pytorch-1.7.1-cpu_py38h36eccb8_2_\n"
    t = parse_text(text).facts.framework("torch")
    assert t.version == "1.7.1" and t.build.get("cuda") is None
    assert _top("When following the instructions, the version of pytorch installed was cpu only. To fix that, I ran "
                "`conda install pytorch=1.13.1 pytorch-cuda=11.7 -c pytorch -c nvidia`\n") == "cuda.cpu_only_build"


def test_libtriton_failing_to_load_is_triton_windows_against_its_torch_release():
    # woct0rdho/triton-windows#71: triton-windows 3.0-3.2 under torch 2.3.0 (older than any triton-windows)
    f = _first("我的环境是cuda11.8，torch2.3.0，python3.11.\nCan't import SageAttention: DLL load failed while importing "
               "libtriton: 动态链接库(DLL)初始化例程失败。\n")
    assert f.code == "packages.conflict" and f.subject == "triton-windows" and "older than any triton-windows" in f.message
    r = explain(parse_text("torch 2.6.0\nImportError: DLL load failed while importing libtriton: A dynamic link library "
                           "(DLL) initialization routine failed.\n"))
    assert r.findings[0].code == "packages.conflict" and "triton-windows<3.3" in r.findings[0].fix[0]


def test_a_package_range_no_release_for_this_python_satisfies_is_the_python_and_my_python_version_is_read():
    # Linyou/taichi-ngp-renderer#11: taichi>=1.2.0 where pip offers up to 1.0.4 on Python 3.6.13
    f = _first("ERROR: Could not find a version that satisfies the requirement taichi>=1.2.0 (from versions: 0.9.2, "
               "1.0.0, 1.0.4)\nERROR: No matching distribution found for taichi>=1.2.0\n\nMy python version is 3.6.13\n")
    assert f.code == "python.unsupported_version" and f.subject == "taichi" and "taichi>=1.2.0" in f.message
    assert parse_text("the minimum python version is 3.8\n").facts.host.python.version is None


def test_syntax_of_a_newer_python_failing_on_an_older_one_is_the_python():
    # neuraloperator/neuraloperator#117: '{norm=}' under Python 3.6.8; PEP 604 unions before Python 3.10
    f = _first("Python 3.6.8 (default, Jan 19 2022, 23:28:49)\n>>> from neuralop.models import FNO\nTraceback (most "
               "recent call last):\n  File \"<stdin>\", line 1, in <module>\n  File \"<fstring>\", line 1\n    (norm=)\n")
    assert f.code == "python.unsupported_version" and "3.8" in f.message
    f = _first("  File \"/x/model.py\", line 12, in Model\n    def forward(self, mask: torch.Tensor | None = None):\n"
               "TypeError: unsupported operand type(s) for |: 'type' and 'NoneType'\n")
    assert f.code == "python.unsupported_version" and "3.10" in f.message
    assert _first("Python 3.11.4\nTypeError: unsupported operand type(s) for |: 'type' and 'NoneType'\n") is None


def test_opencvs_own_no_cuda_messages_are_its_cpu_build():
    # opencv/opencv-python#398 and opencv/opencv#18229
    f = _first("cv2.error: OpenCV(4.4.0) private.cuda.hpp:106: error: (-216:No CUDA support) The library is compiled "
               "without CUDA support in function 'throw_no_cuda'\n")
    assert f.code == "cuda.cpu_only_build" and f.subject == "opencv" and "WITH_CUDA=ON" in f.message
    f = _first("[ WARN:0] global /tmp/pip-req-build-sw_3pm_8/opencv/modules/dnn/src/dnn.cpp (1429) setUpNet DNN module "
               "was not built with CUDA backend; switching to CPU\n")
    assert f.code == "cuda.cpu_only_build" and "OPENCV_DNN_CUDA=ON" in f.message


def test_no_kernel_image_wrapped_after_available_or_named_by_its_enum_is_read():
    # peteonrails/voxtype#386: ONNX Runtime's message wrapped after "available" on an RTX 5090
    f = _first("- GPU: NVIDIA GeForce RTX 5090\nERROR Status Message: CUDA error\n      cudaErrorNoKernelImageForDevice:no "
               "kernel image is available\n      for execution on the device\n")
    assert f.code == "cuda.arch_not_in_build"


def test_a_pep503_spelling_of_a_package_name_finds_its_wheels():
    # Seeed-Studio/ModelAssistant#279: tflite_runtime on Python 3.12
    f = _first("Conda is activated: `conda create --name sscma python=3.12 -y`\nERROR: Could not find a version that satisfies the "
               "requirement tflite_runtime (from versions: none)\nERROR: No matching distribution found for "
               "tflite_runtime\n")
    assert f.code == "python.unsupported_version" and f.subject == "tflite-runtime"


def test_a_macs_chip_beside_macos_is_no_macos_version():
    # pytorch/executorch#3670: "platform: macOS(m3)" read as macOS 3 made torch 2.2.2's MPS minimum a finding
    h = parse_text("- platform: macOS(m3)\n").facts.host
    assert h.os == "darwin" and h.os_version is None and h.arch == "aarch64"
    assert parse_text("macOS Sonoma 14.2\n").facts.host.os_version == "14.2"


def test_torchs_range_warning_for_a_newer_minor_of_its_highest_major_is_no_arch_gap():
    # eugr/spark-vllm-docker#15: a GB10 (12.1) under a build up to 12.0, "you can safely ignore it"
    text = ("Found GPU0 NVIDIA GB10 which is of cuda capability 12.1. Minimum and Maximum cuda capability supported by "
            "this version of PyTorch is (8.0) - (12.0)\n")
    assert _codes_of(text) == []
    old = ("Found GPU0 NVIDIA GeForce GTX 1080 Ti which is of cuda capability 6.1. Minimum and Maximum cuda capability "
           "supported by this version of PyTorch is (7.0) - (12.0)\n")
    assert _top(old) == "cuda.arch_not_in_build"


def test_pips_skipped_releases_for_another_python_name_the_python_when_this_one_is_outside():
    # qualcomm/ai-hub-models#89: every qai_hub_models release requires <3.11, under Python 3.11.9
    text = ("I get the following errors when using Python 3.11.9 ...\nERROR: Ignored the following versions that "
            "require a different python version: 0.0.0 Requires-Python >=3.8, <3.11; 0.10.0 Requires-Python <3.11,>=3.8\n")
    f = _first(text)
    assert f.code == "python.unsupported_version" and "3.10" in " ".join(f.fix)
    assert _first(text.replace("Python 3.11.9", "Python 3.9.7")) is None


def test_torchs_paraphrased_capability_warning_is_read():
    # pytorch/pytorch#147953: "The NVIDIA T4G GPU, with a CUDA capability of sm_75, is not compatible with ..."
    assert _top("The NVIDIA T4G GPU, with a CUDA capability of sm_75, is not compatible with the current PyTorch "
                "installation.\n") == "cuda.arch_not_in_build"


def test_a_cuda_wheel_tag_outweighs_a_cpu_build_said_as_pips_plan():
    # meta-pytorch/opacus#551: "pip is trying to delete my installed torch(GPU) version and install a CPU version
    # instead" beside torch 1.13.1+cu117 (functorch's pin): no CPU build is installed
    text = ("pip is trying to delete my installed torch(GPU) version and install a CPU version instead.\n"
            "Requirement already satisfied: torch>=1.8 in /home/g/venv/lib/python3.7/site-packages (from opacus) "
            "(1.13.1+cu117)\n")
    assert "cuda.cpu_only_build" not in _codes_of(text)


def test_an_extensions_compiled_module_imported_as_pkg_c_star_makes_its_cuda_runtime_its_build():
    # meta-pytorch/opacus#69: torchcsprng built for CUDA 10.2 on Colab's CUDA 10.1, IPython's arrow before the line
    f = _first("> ---> 10 from torchcsprng._C import *\n> ImportError: libcudart.so.10.2: cannot open shared object "
               "file: No such file or directory\n")
    assert f.code == "packages.conflict" and f.subject == "torchcsprng"


def test_tensorflows_dispatch_argspec_mismatch_is_tfp_built_for_another_tensorflow():
    # tensorflow/privacy#520: TFP built against TF 2.13 under TF 2.14
    f = _first("ValueError: Arg specs do not match: original=FullArgSpec(args=['input', 'dtype', 'name', 'layout'], "
               "varargs=None)\n")
    assert f.code == "packages.conflict" and f.subject == "tensorflow-probability"


def test_cuda_visible_devices_zero_with_no_device_names_the_failing_processs_own_value():
    # flwrlabs/flower#1236: "%env CUDA_VISIBLE_DEVICES=0" in a Colab notebook whose torch sees the GPU, Ray's clients
    # started without a GPU share: not "'0' hides the GPUs", and not a Colab runtime without a GPU
    text = ("After setting torch.device(\"cuda:0\"), running the simulation gives 'RuntimeError: No CUDA GPUs are "
            "available' despite torch.cuda.is_available() being True in the notebook itself.\n%env CUDA_VISIBLE_DEVICES=0\n"
            "https://colab.research.google.com/github/adap/flower/blob/main/tutorials/x.ipynb\n")
    r = explain(parse_text(text))
    f = r.findings[0]
    assert f.code == "cuda.devices_hidden" and "hides the GPUs" not in f.message and "num_gpus" in f.message
    assert "cuda.no_gpu" not in [x.code for x in r.findings] and not f.fix


def test_faiss_without_its_gpu_classes_is_its_cpu_build():
    # facebookresearch/faiss#3656 and #591, deepcluster#56 (python 2's "'module' object has no attribute")
    for line in ("AttributeError: module 'faiss' has no attribute 'StandardGpuResources'",
                 "AttributeError: 'module' object has no attribute 'StandardGpuResources'",
                 "NameError: name 'GpuResourcesVector' is not defined"):
        f = _first(line + "\n")
        assert f.code == "cuda.cpu_only_build" and f.subject == "faiss", line


def test_torchs_cublas_finding_another_cublaslt_first_is_a_library_mismatch_not_a_bare_import_error():
    # flairNLP/flair#2996: torch 1.13's nvidia-cublas-cu11 under an AzureML image's other CUDA
    f = _first("    import torch\nOSError: /env/site-packages/torch/lib/../../nvidia/cublas/lib/libcublas.so.11: undefined "
               "symbol: cublasLtGetStatusString, version libcublasLt.so.11\n")
    assert f.code == "cuda.library_missing" and "LD_LIBRARY_PATH" in f.message


def test_a_docker_said_before_on_or_under_is_a_container():
    # SYSTRAN/faster-whisper#1229: "run faster-whisper in a docker on my unraid server" beside an insufficient driver
    assert parse_text("When trying to run faster-whisper in a docker on my unraid server\n").facts.host.container
    assert parse_text("I pulled it from a docker hub mirror\n").facts.host.container is None


def test_faiss_gpu_named_without_gpu_classes_is_a_lead_except_where_faiss_has_no_gpu_build():
    # facebookresearch/faiss#1725 (conda faiss-gpu on Linux: a CPU module imported or the GPU one failed to load) and
    # #3656 (Windows, where Faiss publishes no GPU build: its CPU build)
    linux = ("OS: Linux\n> conda create -n faiss_env -c pytorch python faiss-gpu\nAttributeError: module 'faiss' has no "
             "attribute 'StandardGpuResources'\n")
    r = explain(parse_text(linux))
    assert r.explanation.verdict != "diagnosed" and r.findings[0].code == "cuda.cpu_only_build"
    assert r.findings[0].severity == "info" and "failed to load" in r.findings[0].message
    windows = "I used faiss-gpu version 1.7.4 on my Win11 system.\n" + linux.split("\n", 2)[2]
    assert _top(windows) == "cuda.cpu_only_build"


def test_a_pyg_extension_not_compiled_with_cuda_beside_a_cuda_torch_is_its_wheel_not_torch():
    # rusty1s/pytorch_cluster#186 and vsomnath/aligned_diffusion_bridges#2: PyPI's torch-cluster beside torch +cu113
    text = ("    return torch.ops.torch_cluster.radius(x, y, ptr_x, ptr_y, r,\nRuntimeError: Not compiled with CUDA support\n"
            "torch                     1.12.0+cu113             pypi_0    pypi\n"
            "torch-cluster             1.6.1                    pypi_0    pypi\n"
            "torch-scatter             2.1.1                    pypi_0    pypi\n")
    f = _first(text)
    assert f.code == "packages.conflict" and f.subject == "torch-cluster"
    assert f.fix == ("python -m pip install torch-cluster --force-reinstall --no-cache-dir -f "
                     "https://data.pyg.org/whl/torch-1.12.0+cu113.html",)
    assert "cuda.cpu_only_build" not in _codes_of(text)
    # the title's retyping names no extension: the listed ones are named, and no index is guessed
    f = _first("Help!RuntimeError: Not complied with CUDA support\ntorch-scatter             2.1.1   pypi_0    pypi\n"
               "torch-sparse              0.6.14  pypi_0    pypi\ntorchvision               0.12.0  py39_cu115    pytorch\n")
    assert f.code == "packages.conflict" and "torch-scatter, torch-sparse" in f.message and not f.fix
    # under a CPU torch, torch's own build is the cause
    assert "packages.conflict" not in _codes_of("torch 2.1.0+cpu\nRuntimeError: Not compiled with CUDA support\n")
    # pytorch3d's "GPU support" wording stays its source build's
    assert _top("RuntimeError: Not compiled with GPU support\n") != "packages.conflict"


def test_a_companions_conda_build_string_names_torchs_variant_below_torchs_own_row():
    # openmm/openmm-ml#60 (torchani cpu_py311 only), the pytorch channel's torchvision py39_cu115
    cpu = parse_text("torchani                  2.2.4           cpu_py311h12a0d1d_3    conda-forge\n"
                     "tqdm                      4.66.4                   pypi_0    pypi\n"
                     "typing_extensions         4.11.0             pyha770c72_0    conda-forge\n").facts
    assert cpu.framework("torch").build.get("cuda", "absent") is None
    cu = parse_text("torchaudio                0.11.0               py39_cu115    pytorch\n"
                    "torchvision               0.12.0               py39_cu115    pytorch\n"
                    "tqdm                      4.66.1                   pypi_0    pypi\n").facts
    assert cu.framework("torch").build["cuda"] == "11.5"
    # torch's own row outranks a companion's (openmm-torch#94: openmm-torch cuda112 beside pytorch cpu_py311)
    both = parse_text("openmm-torch              1.0             cuda112py311h756f8fe_0    conda-forge\n"
                      "pytorch                   1.13.1          cpu_py311h410fd25_0    conda-forge\n"
                      "tqdm                      4.66.1                   pypi_0    pypi\n").facts
    assert both.framework("torch").build["cuda"] is None


def test_a_torch_plugins_own_compiled_module_wanting_libtorch_cuda_is_the_plugin_built_for_another_torch():
    # openmm/openmm-torch#94: `import openmmtorch` -> `import _openmmtorch` -> libtorch_cuda.so, under a CPU pytorch
    text = (">>> import openmmtorch\nTraceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n"
            "  File \"/env/lib/python3.11/site-packages/openmmtorch.py\", line 15, in <module>\n    import _openmmtorch\n"
            "ImportError: libtorch_cuda.so: cannot open shared object file: No such file or directory\n")
    f = _first(text)
    assert f.code == "packages.conflict" and f.subject == "openmmtorch" and "libtorch_cuda.so" in f.message
    assert "framework.import_error" not in _codes_of(text)
    # torch's own import failing the same way stays torch's
    assert _first("    import torch\nImportError: libtorch_cuda.so: cannot open shared object file: No such file or "
                  "directory\n").code != "packages.conflict"


def test_custom_ops_wanting_another_tensorflow_majors_framework_library_are_a_pairing():
    # deepmodeling/deepmd-kit#248: deepmd-kit 1.2.0's ops want libtensorflow_framework.so.2 beside TensorFlow 1.14
    error = ("tensorflow.python.framework.errors_impl.NotFoundError: libtensorflow_framework.so.2: cannot open shared "
             "object file: No such file or directory\n")
    f = _first(error + "tensorflow 1.14.0\n")
    assert f.code == "packages.conflict" and "TensorFlow 1.14.0" in f.message and "so.1" in f.message
    assert "cuda.library_missing" not in _codes_of(error + "tensorflow 1.14.0\n")
    # the same major's file missing, or no TensorFlow version: no pairing to name
    assert "packages.conflict" not in _codes_of(error + "tensorflow 2.4.1\n")
    assert "packages.conflict" not in _codes_of(error)


def test_pips_resolver_saying_a_package_caps_numpy_below_the_installed_one_is_a_conflict():
    # OpenDriveLab/UniAD#84: mmdet3d 0.17.1 requires numpy<1.20.0 beside numpy 1.24.4 (the fix: the guide's NumPy)
    text = ("ERROR:torch.distributed.elastic.multiprocessing.api:failed (exitcode: 1) local_rank: 0 (pid: 36672)\n"
            "d2l 0.17.6 requires numpy==1.21.5, but you have numpy 1.24.4 which is incompatible.\n"
            "mmdet3d 0.17.1 requires numpy<1.20.0, but you have numpy 1.24.4 which is incompatible.\n")
    f = _first(text)
    assert f.code == "packages.conflict" and f.subject == "numpy" and f.message.startswith("pip says mmdet3d 0.17.1")
    assert f.fix == ("python -m pip install 'numpy<1.20.0'",)
    # a floor the installed NumPy already meets says nothing
    assert "packages.conflict" not in _codes_of("foo 1.0 requires numpy>=1.20, but you have numpy 1.19.5 which is "
                                                "incompatible.\n")


def test_a_templates_gpu_checkbox_ticked_at_intel_makes_cudas_insufficient_driver_no_nvidia_gpu():
    # C0untFloyd/roop-unleashed#457: onnxruntime's CUDA failure 35 on a laptop whose template ticks Intel
    error = ("onnxruntime::CudaCall CUDA failure 35: CUDA driver version is insufficient for CUDA runtime version ; "
             "GPU=1167449144 ; expr=cudaSetDevice(info_.device_id);\n")
    ticked = error + "Are you using a GPU?\n- [ ] No. CPU FTW\n- [ ] NVIDIA\n- [ ] AMD\n- [+] Intel\n- [ ] Mac\n"
    assert _top(ticked) == "cuda.no_gpu" and "cuda.driver_too_old" not in _codes_of(ticked)
    assert _top(ticked.replace("[+] Intel", "[ OK] Intel")) == "cuda.no_gpu"  # #321's way of ticking
    # the list unticked says nothing: the driver reading stays
    assert _top(error + "Are you using a GPU?\n- [ ] NVIDIA\n- [ ] Intel\n") == "cuda.driver_too_old"


def test_dlibs_build_not_finding_cudnn_is_the_missing_library_it_built_without():
    # davisking/dlib#2125: cmake's "cuDNN V5.0 OR GREATER NOT FOUND ... DLIB WILL NOT USE CUDA" on Windows
    f = _first("-- Looking for cuDNN install...\n-- *** cuDNN V5.0 OR GREATER NOT FOUND.      ***\n"
               "-- Disabling CUDA support for dlib.  DLIB WILL NOT USE CUDA\n")
    assert f.code == "cuda.library_missing" and f.subject == "dlib" and "CMAKE_PREFIX_PATH" in f.message


def test_no_gpu_cpu_only_said_beside_cudas_insufficient_driver_is_no_gpu_not_an_old_driver():
    # CMU-Perceptual-Computing-Lab/openpose#1339: a GPU build of OpenPose on "No GPU, CPU only on my PC"
    said = ("I have tried to install openpose (No GPU, CPU only on my PC), and I got \" Cuda check failed (35 vs. 0): "
            "CUDA driver version is insufficient for CUDA runtime version\"\n")
    assert _top(said) == "cuda.no_gpu" and "cuda.driver_too_old" not in _codes_of(said)
    # the bare message alone stays an old driver (most threads with it confirmed one)
    assert _top("Cuda check failed (35 vs. 0): CUDA driver version is insufficient for CUDA runtime version\n") \
        == "cuda.driver_too_old"


def test_a_missing_cuda_library_line_cut_after_shared_o_is_still_the_missing_library():
    # nf-core/proteinfold#334: the stored excerpt ends at "cannot open shared o" under torch's _load_global_deps
    text = ("    File \"/conda/lib/python3.7/site-packages/torch/__init__.py\", line 154, in _load_global_deps\n"
            "      ctypes.CDLL(lib_path, mode=ctypes.RTLD_GLOBAL)\n  OSError: libcufft.so.10: cannot open shared o")
    assert _top(text) == "cuda.library_missing"
    # cut after "shared object", before "file", too
    assert _top("OSError: libcufft.so.10: cannot open shared object\nzzz") == "cuda.library_missing"


def test_torch_installed_for_os_x_is_a_mac_and_homebrews_site_packages_names_no_os():
    # tensorboy/pytorch_Realtime_Multi-Person_Pose_Estimation#14: "Torch not compiled with CUDA enabled" under
    # /usr/local/lib/python3.6/site-packages, "(I installed Pytorch from http://pytorch.org for OS X)"
    trace = ('File "/usr/local/lib/python3.6/site-packages/torch/cuda/__init__.py", line 51, in _check_driver\n'
             '    raise AssertionError("Torch not compiled with CUDA enabled")\n'
             "AssertionError: Torch not compiled with CUDA enabled\n")
    mac = trace + "(I installed Pytorch from http://pytorch.org for OS X)\n"
    assert _top(mac) == "cuda.no_gpu" and "cuda.cpu_only_build" not in _codes_of(mac)
    assert parse_text(trace).facts.host.os is None  # Homebrew's prefix as well as a source-built Linux Python's
    assert parse_text(trace.replace("site-packages", "dist-packages")).facts.host.os == "linux"  # Debian's
    # and on a Mac the next step asks for no nvidia-smi
    assert "nvidia-smi" not in (explain(parse_text(mac)).explanation.next_step or "")


def test_an_environment_where_gpu_is_not_available_is_no_gpu_for_torchs_no_driver_error():
    # jwohlwend/boltz#282: trifast asks torch for the device capability in "a CPU-only environment where GPU is not
    # available": no GPU, not a driver that failed to load
    error = ("    torch._C._cuda_init()\nRuntimeError: Found no NVIDIA driver on your system. Please check that you have "
             "an NVIDIA GPU and installed a driver from http://www.nvidia.com/Download/index.aspx\n")
    said = "Sometimes I need to run Boltz-1 in a CPU-only environment where GPU is not available.\n" + error
    assert _top(said) == "cuda.no_gpu" and "cuda.driver_not_loaded" not in _codes_of(said)
    assert _top("Is there a way to run it in environments without GPU?\n" + error) == "cuda.no_gpu"  # plural too
    # a GPU that is "not available" to a tool is no statement about the machine
    assert _top("torch says the GPU is not available.\n" + error) != "cuda.no_gpu"


def test_versions_listed_after_also_tested_on_nightly_are_another_setup_not_a_second_copy():
    # meta-pytorch/torchtune#891: a freeze with torch==2.3.0, then "Also tested on nightly:" and torch 2.4.0.dev
    first = "```\ntorch==2.3.0\ntorchvision==0.18.0\n```\n"
    second = "```\ntorch==2.4.0.dev20240428+cu121\n```\n"
    assert "packages.conflict" not in _codes_of(first + "Also tested on nightly:\n" + second)
    assert "packages.conflict" not in _codes_of(first + "I also tried it in a fresh conda env:\n" + second)
    # the two listings with nothing between them stay two copies
    assert "packages.conflict" in _codes_of(first + second)


def test_a_gpu_named_right_after_chinese_text_counts_as_wanting_cuda_for_a_cpu_torch():
    # hiyouga/LlamaFactory#7666: '2.6.0+cpu', then "the tutorial installed the CPU torch, how do I install the
    # gpu version?" with no space before "gpu"
    text = ">>> torch.__version__\n'2.6.0+cpu'\n 教程中默认安装的torch是cpu版本 怎么安装gpu版本呢？\n"
    assert _top(text) == "cuda.cpu_only_build"
    # the +cpu version alone may be the build the user wants
    assert _top(">>> torch.__version__\n'2.6.0+cpu'\n") is None


def test_cusparse_missing_an_nvjitlink_symbol_is_an_older_nvjitlink_loaded_first_not_a_bare_import_error():
    # meta-pytorch/torchtune#1984 (pytorch#134929 the same): torch's bundled libcusparse.so.12 wants
    # __nvJitLinkComplete_12_4 from the libnvJitLink.so.12 that loaded
    text = ("ImportError: /x/envs/a/lib/python3.11/site-packages/torch/lib/../../nvidia/cusparse/lib/libcusparse.so.12: "
            "undefined symbol: __nvJitLinkComplete_12_4, version libnvJitLink.so.12\n")
    f = _first(text)
    assert f.code == "cuda.library_missing" and "LD_LIBRARY_PATH" in f.message and "nvidia-nvjitlink-cu12" in f.message


def test_a_missing_cuda_runtime_of_another_major_than_torchs_build_is_a_companion_built_for_that_cuda():
    # modelscope/ms-swift#136: libcudart.so.12 missing in a cuda11.8/torch2.0.1 image once a newer auto_gptq is in
    error = "ImportError: libcudart.so.12: cannot open shared object file: No such file or directory\n"
    f = _first(error + "torch 2.0.1+cu118\nauto-gptq 0.5.0\n")
    assert f.code == "packages.conflict" and "CUDA 12" in f.message and "CUDA 11.8" in f.message
    tagged = error + "image: modelscope:ubuntu20.04-cuda11.8.0-py38-torch2.0.1-tf2.13.0-1.9.1\n"
    assert _top(tagged) == "packages.conflict"
    # torch's own runtime missing (the same major) stays torch's missing library
    assert _top("ImportError: libcudart.so.11.0: cannot open shared object file: No such file or directory\n"
                "torch 2.0.1+cu118\n") == "cuda.library_missing"
    # and so does torch's own import wanting it (its lib folder in the message)
    assert _top("OSError: /x/site-packages/torch/lib/libcudart.so.12: cannot open shared object file: No such file or "
                "directory\ntorch 2.0.1+cu118\n") != "packages.conflict"


def test_a_pytorch_image_tag_names_its_torch_and_cuda_and_a_listing_beside_it_is_no_second_copy():
    assert parse_text("docker run -it pytorch/pytorch:2.0.1-cuda11.7-cudnn8-runtime bash\n").facts.packages == {
        "torch": "2.0.1+cu117"}
    both = parse_text("FROM pytorch/pytorch:2.0.1-cuda11.7-cudnn8-runtime\ntorch==2.0.1\n").facts
    assert not both.environment.package_duplicates


def test_nvrtcs_missing_builtins_library_is_a_missing_cuda_library_with_where_to_find_it():
    # wenet-e2e/wenet#1335: libtorch's JIT fuser on the second utterance; torch_scatter's JIT the same (scatter220)
    f = _first("terminate called after throwing an instance of 'std::runtime_error'\n"
               "  what():  nvrtc: error: failed to open libnvrtc-builtins.so.11.3.\n"
               "  Make sure that libnvrtc-builtins.so.11.3 is installed correctly.\nnvrtc compilation failed:\n")
    assert f.code == "cuda.library_missing" and "libnvrtc-builtins.so.11.3" in f.message and "CUDA 11.3" in f.message
    assert any("libnvrtc-builtins" in cmd for cmd in f.fix)


def test_torchs_cmake_config_not_finding_cuda_is_the_missing_toolkit_a_build_needs_or_a_cpu_libtorch_to_use():
    # wenet-e2e/wenet#1344: CUDA only inside the conda env, then Caffe2Config.cmake's error
    error = ("CMake Error at fc_base/libtorch-src/share/cmake/Caffe2/Caffe2Config.cmake:90 (message):\n"
             "  Your installed Caffe2 version uses CUDA but I cannot find the CUDA\n"
             "  libraries.  Please set the proper CUDA prefixes and / or install CUDA.\n")
    f = _first(error)
    assert f.code == "cuda.library_missing" and f.subject == "libtorch" and "nvcc --version" in f.fix
    # SHI-Labs/NATTEN#103: the same on "a laptop without a graphics card": build against a CPU torch instead
    hedged = explain(parse_text("I tried to install NATTEN on a laptop without a graphics card.\n" + error)).findings
    assert hedged[0].code == "cuda.library_missing" and "CPU build of torch" in hedged[0].message


def test_a_container_without_gpu_and_driver_and_no_gpu_named_anywhere_is_a_lead_not_a_container_fix():
    # k2-fsa/icefall#646: collect_env inside `docker exec` on an AWS host, GPU and driver "Could not collect"
    env = ("root@185d009a60c8:/workspace# python3 -m torch.utils.collect_env\nCollecting environment information...\n"
           "PyTorch version: 1.12.1\nIs debug build: False\nCUDA used to build PyTorch: 11.3\n"
           "ROCM used to build PyTorch: N/A\n\nOS: Ubuntu 18.04.6 LTS (x86_64)\nIs CUDA available: False\n"
           "CUDA runtime version: 11.3.109\nGPU models and configuration: Could not collect\n"
           "Nvidia driver version: Could not collect\n")
    prompt = ("ubuntu@ip-10-12-2-14:/fsx/icefall/docker/Ubuntu18.04-pytorch1.12.1-cuda11.3-cudnn8$ docker exec -it "
              "icefall /bin/bash\n")
    r = explain(parse_text(prompt + env))
    assert r.explanation.verdict != "diagnosed" and r.findings[0].code == "container.gpu_not_passed"
    assert "host has no NVIDIA GPU" in r.findings[0].message
    # the user's own word that there is a GPU makes it the container again
    said = prompt + "The host has an NVIDIA GPU and nvidia-smi works there.\n" + env
    assert _top(said) == "container.gpu_not_passed"


def test_a_program_that_cannot_find_a_cudnn_dll_is_a_missing_library_in_english_too():
    # lltcggie/waifu2x-caffe#62: its own message, full-width brackets included, with a GTX 970 and a new enough driver
    text = ("Calling cuDNN failed, cannot find 「cudnn64_5.dll」 \nSystem:\nWindows 7 x64\nGraphics Card:\n"
            "NVIDIA GTX 970\nDriver Version:\n369.30\n")
    f = _first(text)
    assert f is not None and f.code == "cuda.library_missing" and "cudnn64_5.dll" in f.message
    assert _first("It says it can't find cublas64_11.dll.\nNVIDIA RTX 3060, Windows 10\n").code == "cuda.library_missing"
    # a DLL of some other library is not CUDA's
    assert "cuda.library_missing" not in _codes_of("Error: cannot find vcruntime140_1.dll\nWindows 10\n")


def test_a_half_precision_cpu_kernel_error_with_an_amd_gpu_on_windows_is_a_torch_without_rocm_there():
    # xinntao/Real-ESRGAN#519: on Windows the model ran on the CPU, where float16 convolutions have no kernel
    text = ("python inference_realesrgan.py -n RealESRGAN_x4plus -i .\\in.png -o .\\out -s 4\n"
            "Error \"slow_conv2d_cpu\" not implemented for 'Half'\n"
            "pytorch is not compatible with AMD GPUs unless AMD's ROCm is installed.\n"
            "Update your documentation clearly explaining that AMD on Windows is not supported.\n")
    f = _first(text)
    assert f is not None and f.code == "rocm.cuda_build_on_amd" and "no ROCm build for windows" in f.message
    # the same error with no GPU named at all says only that torch is on the CPU: no AMD finding
    assert "rocm.cuda_build_on_amd" not in _codes_of("Error \"slow_conv2d_cpu\" not implemented for 'Half'\n")


def test_pip_finding_no_ray_for_a_new_python_names_the_first_release_with_its_wheel_for_that_os():
    # ray-project/ray#50226: ray[rllib] on Python 3.13 under "Windows 10, 64bit" (the arch not given): PyPI's file
    # lists put the first cp313 win_amd64 wheel in ray 2.58.0, Linux's in 2.45.0
    pip = ("ERROR: Could not find a version that satisfies the requirement ray[rllib] (from versions: none)\n"
           "ERROR: No matching distribution found for ray[rllib]\n")
    win = _first(pip + "Windows 10, 64bit\nPython 3.13\n")
    assert win is not None and win.code == "python.unsupported_version"
    assert "ray 2.58.0" in win.message and "on windows" in win.message
    linux = _first(pip + "Ubuntu 22.04 x86_64\nPython 3.13\n")
    assert linux is not None and "ray 2.45.0" in linux.message
    # and torch's collect_env is no next step for a package that is not torch
    assert "python -m torch.utils.collect_env" not in [
        u.command for u in explain(parse_text(pip + "Windows 10, 64bit\nPython 3.13\n")).explanation.unknown]
    # a Python that ray had wheels for from its oldest release in the data on is not shown to be why pip found none
    assert "python.unsupported_version" not in _codes_of(pip + "Ubuntu 22.04 x86_64\nPython 3.8\n")


def test_the_step_that_names_an_amd_gpu_is_rocminfo_on_linux_and_the_adapter_list_on_windows():
    # Windows has no rocminfo (ROCm's tool is Linux's); its adapter list names the GPU, whose model gives the gfx target
    def unknown_commands(text: str) -> list[str]:
        return [u.command for u in explain(parse_text(text)).explanation.unknown]

    said = "I have an AMD GPU and torch runs on the CPU.\n"
    assert "rocminfo" in unknown_commands(said + "Ubuntu 22.04\n")
    win = unknown_commands(said + "Windows 11\n")
    assert "rocminfo" not in win and any("Win32_VideoController" in x for x in win)
