"""Readers of pasted text, on real pastes from public threads (tests/parse_samples/SOURCE.md names each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from hwprobe.parse import parse_text

SAMPLES = Path(__file__).resolve().parent / "parse_samples"


def paste(name: str):
    return parse_text((SAMPLES / name).read_text(encoding="utf-8"), name=name)


def fw(p, name):
    f = p.facts.framework(name)
    assert f is not None, f"no {name} facts in {[x.name for x in p.facts.frameworks]}"
    return f


def test_collect_env_2024_windows_reads_a_cpu_wheel_beside_an_nvidia_gpu():
    p = paste("collect_env_2024_windows_cpu_wheel.txt")
    torch = fw(p, "torch")
    assert (torch.status, torch.version) == ("ok", "2.2.2")
    # "CUDA used to build PyTorch: Could not collect" is collect_env's rendering of torch.version.cuda = None
    assert "cuda" in torch.build and torch.build["cuda"] is None
    assert torch.build["runtime"]["cuda_available"] is False
    h = p.facts.host
    assert (h.os, h.arch, h.os_version, h.distro) == ("windows", "x86_64", "10.0.22631", "Windows 11 Education")
    assert (h.python.version, h.python.env_manager, h.python.bits) == ("3.10.13", "conda", 64)
    (gpu,) = p.facts.accelerators
    assert (gpu.kind, gpu.vendor, gpu.model, gpu.driver_version, gpu.source) == (
        "cuda", "nvidia", "NVIDIA GeForce RTX 4080 Laptop GPU", "551.86", "paste")
    assert p.facts.cpu.model == "13th Gen Intel(R) Core(TM) i9-13980HX"
    assert p.facts.packages["torchvision"] == "0.17.2" and p.facts.packages["cudatoolkit"] == "11.8.0"
    assert "accelerators" not in p.facts.unknown and "host.os" not in p.facts.unknown
    assert [s.kind for s in p.sections][0] == "collect_env"


def test_collect_env_2019_keeps_the_conda_build_and_sees_two_torch_versions():
    p = paste("collect_env_2019_pip_and_conda.txt")
    torch = fw(p, "torch")
    assert (torch.version, torch.build["cuda"], torch.build["runtime"]["cuda_available"]) == ("1.3.0", "10.1.243", False)
    assert torch.build["debug"] is False  # "Is debug build: No" in the 1.x format
    (gpu,) = p.facts.accelerators
    assert (gpu.model, gpu.driver_version, gpu.max_cuda_supported) == ("Tesla T4", "410.104", None)
    assert p.facts.host.distro == "Debian GNU/Linux 9.11 (stretch)"
    # [pip3] torch==1.2.0 and [conda] pytorch 1.3.0: two copies of torch in one environment
    assert p.facts.environment.package_duplicates["torch"] == ("1.2.0", "1.3.0")
    assert p.facts.environment.installers["torch"] == "conda"


def test_a_collect_env_cut_off_mid_line_keeps_every_field_before_the_cut():
    p = paste("collect_env_cut_off.txt")
    torch = fw(p, "torch")
    assert (torch.version, torch.build["cuda"]) == ("1.7.1+cpu", None)
    assert p.facts.host.os == "windows" and p.facts.host.python.version == "3.7"
    assert "accelerators" in p.facts.unknown  # the cut came before the GPU lines: unknown, not "none"
    assert p.facts.accelerators == ()


def test_collect_env_on_macos_shows_an_x86_64_python_under_rosetta():
    p = paste("collect_env_macos_rosetta.txt")
    h = p.facts.host
    assert (h.os, h.os_version, h.arch) == ("darwin", "15.3", "aarch64")  # not the 10.16 of the platform string
    assert (h.python.machine, h.python.is_rosetta) == ("x86_64", True)
    assert p.facts.cpu.model == "Apple M2 Pro"


def test_a_quoted_collect_env_with_gpu_lines_below_the_key_is_read_whole():
    p = paste("collect_env_quoted.txt")
    assert [a.model for a in p.facts.accelerators] == ["TITAN RTX", "TITAN RTX"]
    assert [a.index for a in p.facts.accelerators] == [0, 1]
    torch = fw(p, "torch")
    assert torch.build["runtime"]["cuda_available"] is True
    assert [d.kind for d in torch.devices] == ["cpu", "cuda", "cuda"]
    assert all(d.smoke and d.smoke.status == "skipped" for d in torch.devices)  # nothing was run


def test_nvidia_smi_table_gives_each_gpu_with_memory_driver_and_cuda_version():
    p = paste("nvidia_smi_two_v100.txt")
    gpus = p.facts.accelerators
    assert [(g.index, g.model, g.memory_bytes // 2**20) for g in gpus] == [
        (0, "Tesla V100-PCIE...", 32510), (1, "Tesla V100-PCIE...", 32510)]
    assert {(g.driver_version, g.max_cuda_supported) for g in gpus} == {("435.21", "10.1")}
    assert [g.pci_bus_id for g in gpus] == ["00000000:37:00.0", "00000000:86:00.0"]
    assert ("nvidia_smi", 8, 14) in [(s.kind, s.first_line, s.last_line) for s in p.sections]


def test_tf_template_answers_are_read_as_typed_facts():
    p = paste("tf_template_2020.txt")
    tf = fw(p, "tensorflow")
    assert (tf.version, tf.status) == ("2.3.0", "unknown")  # a typed "2.3.0" does not prove the import worked
    assert (p.facts.host.os, p.facts.host.distro, p.facts.host.python.version) == ("linux", "Ubuntu 18.04", "3.7")
    (gpu,) = p.facts.accelerators
    assert gpu.model == "NVIDIA GeForce GTX 1050 Mobile" and gpu.vendor == "nvidia"
    (obs,) = [o for o in p.facts.observations if o.code == "tf.dlopen_failed"]
    assert obs.values == {"library": "libcudnn.so.7"} and obs.line == 15


def test_tf_template_with_bold_keys_and_answers_on_the_next_line():
    p = paste("tf_template_bold_2017.txt")
    tf = fw(p, "tensorflow")
    # "v1.3.0-rc2-20-g0787eee 1.3.0" is what the template's python -c printed: TensorFlow imported
    assert (tf.version, tf.status) == ("1.3.0", "ok")
    assert p.facts.host.python.version == "3.5.3" and p.facts.host.distro == "Ubuntu 17.04"
    assert [a.model for a in p.facts.accelerators] == ["GTX 1080"]
    codes = {o.code for o in p.facts.observations}
    assert "cuda.library_not_found" in codes  # ImportError: libcudnn.so.6: cannot open shared object file


def test_tf_issue_form_headings_and_a_brandless_gpu_answer():
    p = paste("tf_issue_form_2023.txt")
    tf = fw(p, "tensorflow")
    assert (tf.version, tf.status) == ("2.12.0", "ok")
    assert (p.facts.host.os, p.facts.host.python.version) == ("windows", "3.10.10")
    (gpu,) = p.facts.accelerators
    assert (gpu.vendor, gpu.model, gpu.memory_bytes) == ("nvidia", "1050ti", 4 * 2**30)


def test_tf_env_collect_output_is_read_section_by_section():
    p = paste("tf_env_collect_2020.txt")
    tf = fw(p, "tensorflow")
    assert (tf.version, tf.status) == ("2.0.3", "ok")  # tf.version.VERSION printed by the import
    h = p.facts.host
    assert (h.os, h.arch, h.kernel, h.python.version, h.python.implementation) == (
        "linux", "x86_64", "3.10.0-957.el7.x86_64", "3.6.6", "CPython")
    assert h.container is None and "host.container" not in p.facts.unknown  # "are we in docker: No"
    assert len(p.facts.accelerators) == 4 and {a.model for a in p.facts.accelerators} == {"Tesla P40"}
    assert p.facts.packages["tensorflow"] == "2.0.3" and p.facts.packages["numpy"] == "1.18.5"
    assert p.facts.environment.variables["LD_LIBRARY_PATH"].startswith("/usr/local/cuda-10.0/")


def test_conda_list_and_an_import_traceback_in_one_paste():
    p = paste("conda_list_and_traceback.txt")
    assert p.facts.packages["torch"] == "0.2.0"  # conda's "pytorch" is the torch distribution
    assert p.facts.host.python.env_manager == "conda" and p.facts.host.python.conda_env == "base"
    torch = fw(p, "torch")
    assert torch.status == "import_error" and "numpy.core.multiarray failed to import" in torch.detail
    assert torch.build["cuda"] == "7.5"  # the conda build string py36_4cu75
    codes = {o.code for o in p.facts.observations}
    assert {"numpy.api_version_mismatch", "numpy.multiarray_failed"} <= codes
    assert p.facts.host.os == "darwin"  # from /Users/... paths


@pytest.mark.parametrize("name", ["traceback_ipython_dll.txt", "jupyter_error_json.txt"])
def test_a_failed_import_torch_on_windows_is_an_import_error(name):
    p = paste(name)
    torch = fw(p, "torch")
    assert torch.status == "import_error"
    assert torch.detail.startswith(("ImportError: DLL load failed", "OSError: [WinError 126]"))
    assert p.facts.host.os == "windows"


def test_pip_output_inside_a_notebook_paste_gives_the_installed_version():
    p = paste("jupyter_error_json.txt")
    assert p.facts.packages["torch"] == "2.4.0+cu121"  # "Successfully installed torch-2.4.0+cu121"
    assert fw(p, "torch").version == "2.4.0+cu121"


def test_a_segfault_right_after_import_torch_is_a_crash_with_its_signal():
    p = paste("repl_segfault.txt")
    torch = fw(p, "torch")
    assert (torch.status, torch.signal) == ("crashed", "SIGSEGV")
    assert (p.facts.host.os, p.facts.host.python.version) == ("linux", "3.6.3")  # the interpreter's banner


def test_sw_vers_and_a_platform_string_in_prose():
    p = paste("sw_vers_mps.txt")
    h = p.facts.host
    assert (h.os, h.os_version, h.arch) == ("darwin", "12.7.6", "aarch64")
    (obs,) = [o for o in p.facts.observations if o.code == "mps.not_available"]
    assert obs.values == {"min": "12.3"}
    assert fw(p, "torch").version == "2.5.1"  # the one torch version the prose names


def test_repl_answers_about_mps():
    p = paste("repl_mps_built.txt")
    torch = fw(p, "torch")
    assert torch.build["mps_built"] is True and torch.build["runtime"]["mps_available"] is False
    assert p.facts.host.os_version == "12.2.1"


def test_rocminfo_agent_gives_the_gfx_architecture():
    p = paste("rocminfo_agent.txt")
    (gpu,) = p.facts.accelerators
    assert (gpu.kind, gpu.vendor, gpu.gfx_arch) == ("rocm", "amd", "gfx1012")
    assert gpu.model.startswith("Navi 14")
    assert "rocm.no_binary_for_gpu" in {o.code for o in p.facts.observations}


def test_ls_of_dev_kfd_readable_by_root_only_is_a_permission_fact():
    p = paste("ls_dev_kfd.txt")
    (gpu,) = p.facts.accelerators
    assert (gpu.kind, gpu.status) == ("rocm", "no_permission")
    assert "crw-------" in gpu.detail
    assert "rocm.kfd_denied" in {o.code for o in p.facts.observations}


def test_pip_list_rows_show_two_tensorflow_distributions():
    p = paste("pip_list_rows.txt")
    assert p.facts.packages["tensorflow"] == "1.14.0" and p.facts.packages["tensorflow-gpu"] == "1.14.0"
    assert p.facts.host.python.version == "3.6.8"
    assert p.facts.accelerators[0].driver_version == "410.104"


def test_pip_resolver_lines_name_what_is_installed():
    p = paste("pip_resolver_lines.txt")
    pk = p.facts.packages
    assert (pk["tensorflow"], pk["tensorflow-gpu"], pk["tf-nightly"]) == ("2.5.0", "2.2.0", "2.6.0.dev20210526")


def test_uname_and_os_release_inside_a_container():
    p = paste("uname_os_release.txt")
    h = p.facts.host
    assert (h.os, h.arch, h.kernel, h.distro) == ("linux", "x86_64", "6.5.0-0.deb12.1-amd64", "Ubuntu 22.04.3 LTS")
    assert p.facts.cpu.model == "Intel(R) Celeron(R) N4505 @ 2.00GHz"
    tf = fw(p, "tensorflow")
    assert (tf.status, tf.signal) == ("crashed", "SIGILL")


def test_the_sm_120_warning_names_the_gpu_its_capability_and_the_build_arch_list():
    p = paste("sm120_warning.txt")
    (gpu,) = p.facts.accelerators
    assert (gpu.model, gpu.compute_capability) == ("NVIDIA GeForce RTX 5060 Ti", "12.0")
    assert fw(p, "torch").build["arch_list"] == ["sm_50", "sm_60", "sm_70", "sm_75", "sm_80", "sm_86", "sm_90"]
    assert p.facts.host.python.version == "3.11"  # from the site-packages path


def test_every_fact_keeps_the_line_it_came_from():
    p = paste("collect_env_2024_windows_cpu_wheel.txt")
    value, quotes = p.quotes["torch.version"]
    assert value == "2.2.2"
    (q,) = quotes
    lines = (SAMPLES / "collect_env_2024_windows_cpu_wheel.txt").read_text(encoding="utf-8").splitlines()
    assert lines[q.line - 1].strip() == q.text == "PyTorch version: 2.2.2"


def test_collect_env_2025_linux_lscpu_block_and_a_flags_line_cut_by_the_paste_end():
    p = paste("collect_env_2025_linux_lscpu.txt")
    cpu = p.facts.cpu
    assert (cpu.model, cpu.vendor, cpu.logical_cores, cpu.physical_cores, cpu.frequency_mhz) == (
        "13th Gen Intel(R) Core(TM) i7-13700H", "GenuineIntel", 20, 14, 5000.0)  # "5000,0000": a comma locale
    # the excerpt ends inside the Flags line: the flags are unknown, not "no AVX"
    assert "cpu.flags" in p.facts.unknown and cpu.flags == ()
    (gpu,) = p.facts.accelerators
    assert (gpu.model, gpu.driver_version) == ("NVIDIA GeForce RTX 4060 Laptop GPU", "555.42.06")
    torch = fw(p, "torch")  # no version line in the excerpt, but "Is CUDA available: True" means it imported
    assert (torch.status, torch.version, torch.build["runtime"]["cuda_available"]) == ("ok", None, True)
    assert (p.facts.host.libc, p.facts.host.kernel) == ("glibc 2.35", "6.8.0-79-generic")


def test_collect_env_2025_windows_with_xpu_field_and_powershell_cpu_fields():
    p = paste("collect_env_2025_windows_xpu.txt")
    torch = fw(p, "torch")
    assert (torch.version, torch.build["cuda"], torch.build["runtime"]["xpu_available"]) == (
        "2.8.0.dev20250528+cpu", None, False)
    h = p.facts.host
    assert (h.os, h.os_version, h.distro, h.arch) == ("windows", "10.0.22631", "Windows 11 Enterprise", "x86_64")
    assert p.facts.cpu.model == "12th Gen Intel(R) Core(TM) i7-1270P"
    assert "accelerators" in p.facts.unknown  # "No CUDA": nvidia-smi gave nothing, which is not "no GPU"
    assert not any(o.code.startswith("numpy.") for o in p.facts.observations)  # "No module named 'numpy'" is not ABI


def test_a_complete_flags_line_is_read_into_the_same_flag_names_as_live_sensing():
    # the real sample's cut Flags line, ended by hand (not real output): a line with its line break counts
    text = (SAMPLES / "collect_env_2025_linux_lscpu.txt").read_text(encoding="utf-8") + " avx avx2 sse4_2 fma\n"
    p = parse_text(text)
    assert set(p.facts.cpu.flags) >= {"avx", "avx2", "sse4.2", "fma"} and "cpu.flags" not in p.facts.unknown


def test_nvidia_smi_L_line_and_full_width_colons_between_screenshots():
    p = paste("nvidia_smi_L_fullwidth_colon.txt")
    (gpu,) = p.facts.accelerators
    assert (gpu.index, gpu.model) == (0, "Quadro K620")  # the UUID is not part of the name
    assert p.facts.host.python.version == "3.8.16"  # "python version：3.8.16" (U+FF1A)


def test_nvidia_smi_q_xml_gives_driver_cuda_and_the_gpu():
    p = paste("nvidia_smi_q_xml.txt")
    (gpu,) = p.facts.accelerators  # the excerpt ends inside the first of three GPUs
    assert (gpu.model, gpu.driver_version, gpu.max_cuda_supported, gpu.pci_bus_id) == (
        "TITAN X (Pascal)", "432.00", "10.1", "00000000:02:00.0")


# --- format variants first seen in the holdout pastes (tests/cases/HOLDOUT.md) ---------------------------------


def test_proc_cpuinfo_is_read_like_lscpu_even_when_it_lists_no_tracked_flag():
    p = paste("proc_cpuinfo_core2duo.txt")
    cpu = p.facts.cpu
    assert (cpu.model, cpu.vendor) == ("Intel(R) Core(TM)2 Duo CPU E7500 @ 2.93GHz", "GenuineIntel")
    assert cpu.flags == () and "cpu.flags" not in p.facts.unknown  # read whole: no sse4_2, no avx
    assert "lscpu" in [s.kind for s in p.sections]
    # "Tensorflow version = 1.14": the framework's name in any case
    assert fw(p, "tensorflow").version == "1.14"


def test_bare_proc_cpuinfo_flags_lines_are_a_cpus_flags_and_the_cut_one_is_not_used():
    p = paste("cpuinfo_flags_lines.txt")
    assert "cpu.flags" not in p.facts.unknown and "avx" not in p.facts.cpu.flags
    assert p.quotes["cpu.flags"][1][0].line == 6  # the first, complete flags line; the last one is cut


def test_a_collect_env_without_its_version_line_still_gives_torchs_build():
    p = paste("collect_env_retyped_version_line.txt")  # "PyTorch version 1.5.0": no colon, not a field
    torch = fw(p, "torch")
    assert (torch.status, torch.version, torch.build["cuda"]) == ("ok", "1.5.0", "10.2")  # version from [pip3]
    assert torch.build["runtime"]["cuda_available"] is False
    assert [a.driver_version for a in p.facts.accelerators] == ["410.104"] * 4


def test_collect_env_lines_in_markdown_bold_are_fields():
    p = paste("collect_env_bold_lines.txt")  # "**CUDA used to build PyTorch: 10.0.130**", "**Is CUDA available: Yes"
    torch = fw(p, "torch")
    assert (torch.version, torch.build["cuda"], torch.build["runtime"]["cuda_available"]) == ("1.3.1", "10.0.130", True)


def test_a_minimum_macos_in_a_message_is_not_the_machines_version():
    p = paste("mps_minimum_and_macos_prose.txt")  # "supported on MacOS 12.3+ ... my MacOs is `12.7.6`"
    assert (p.facts.host.os, p.facts.host.os_version) == ("darwin", "12.7.6")


def test_a_pin_pip_could_not_find_is_not_an_installed_package():
    p = paste("pip_no_matching_pin.txt")
    assert "torch" not in p.facts.packages and p.facts.framework("torch") is None
    assert p.facts.host.os == "windows"


def test_a_faulthandler_dump_in_torchs_import_is_a_crash_not_a_cut_traceback():
    p = paste("faulthandler_import_torch.txt")
    torch = fw(p, "torch")
    assert (torch.status, torch.signal) == ("crashed", "SIGSEGV")
    assert torch.detail == "`import torch` died: Fatal Python error: Segmentation fault"
    assert "traceback" not in [s.kind for s in p.sections]


def test_a_gpu_named_in_a_url_is_not_this_machines_and_kfds_own_refusal_is_evidence():
    p = paste("dmesg_kfd_unsupported.txt")
    assert [a.model for a in p.facts.accelerators] == ["Radeon R7"]  # lspci's, not the RX580 of a guide's URL
    codes = [o.code for o in p.facts.observations]
    # "Cannot allocate memory" from /dev/kfd is not a permission error (and the paste is about ROCm)
    # (rocminfo's "... is member of render group" is context, read as such)
    assert [x for x in codes if x != "rocm.in_render_group"] == ["rocm.kfd_unsupported_gpu", "rocm.wanted"]
    assert next(o for o in p.facts.observations if o.code == "rocm.kfd_unsupported_gpu").values == {"asic": "PITCAIRN"}


def test_a_pasted_requirements_file_is_wishes_not_installed_packages():
    # holdout2 deeplivecam995: a requirements.txt pasted under pip's error; its pins are what was asked for.
    text = ("requirements.txt:\n--extra-index-url https://download.pytorch.org/whl/cu118\n\nnumpy==2.1.0\n"
            "torch==2.4.0\nonnxruntime-silicon==1.16.3; sys_platform == 'darwin'\ntensorflow==2.17.0\n\nplease help")
    assert parse_text(text).facts.packages == {}
    freeze = "numpy==2.1.0\ntorch==2.4.0\ntensorflow==2.17.0\n"
    assert parse_text(freeze).facts.packages == {"numpy": "2.1.0", "tensorflow": "2.17.0", "torch": "2.4.0"}


def test_one_amd_llvm_target_in_prose_is_this_machines_gpu_and_a_list_of_them_is_not():
    one = parse_text("Simply follow the install instructions on gfx1151. It won't work.").facts.accelerators
    assert [(a.kind, a.vendor, a.gfx_arch) for a in one] == [("rocm", "amd", "gfx1151")]
    assert parse_text("the wheels support gfx900, gfx906 and gfx90a").facts.accelerators == ()
    assert parse_text("see https://example.org/gfx1030-guide").facts.accelerators == ()


def test_a_bare_import_line_followed_by_the_shells_crash_report_is_an_import_crash_and_a_later_one_is_not():
    # holdout2 pytorch4133: every line retyped as a Markdown heading, in capitals.
    heading = parse_text("# IMPORT TORCH\n# Segmentation fault (core dumped)").facts.framework("torch")
    assert (heading.status, heading.signal) == ("crashed", "SIGSEGV") and heading.detail.startswith("`import torch` died")
    later = parse_text("import torch\nx = torch.ones(3)\nSegmentation fault (core dumped)").facts.framework("torch")
    assert later.status == "crashed" and later.detail.startswith("a process that imported torch died")


def test_a_gdb_backtrace_frame_in_libtorch_is_a_native_crash_of_torch():
    # holdout2 pytorch96797: `import torch` segfaults in libtorch_python.so's pybind11 setup; only gdb shows it.
    f = parse_text("#3  0x00007ffff534d45d in pybind11::detail::get_cache() const () from /home/u/lib/libtorch_python.so"
                   ).facts.framework("torch")
    assert f.status == "crashed" and "libtorch_python.so" in f.detail


def test_conda_rows_without_their_header_and_a_driver_named_in_prose_are_read():
    # holdout2 tf37978: two `conda list` rows pasted alone and "NVIDIA Graphics Driver 388.73".
    f = parse_text("now I have\ncudatoolkit               10.0.130                      0\n"
                   "cudnn                     7.6.5                cuda10.0_0\n and NVIDIA Graphics Driver 388.73").facts
    assert f.environment.cuda_toolkit == "10.0.130" and f.environment.installers["cudatoolkit"] == "conda"
    assert [(a.vendor, a.driver_version, a.model) for a in f.accelerators] == [("nvidia", "388.73", None)]


def test_an_rx_6700xt_written_without_a_space_is_an_amd_gpu_with_its_gfx_target():
    # holdout2 rocm1931: "my RX 6700xt"; gpu_models maps RX 6700 (XT) to gfx1031.
    acc = parse_text("I am trying to run a test for my RX 6700xt but I face many problems.").facts.accelerators
    assert [(a.vendor, a.model) for a in acc] == [("amd", "RX 6700xt")]


def test_a_collect_env_cut_inside_its_rocm_line_is_not_a_rocm_build():
    # holdout2 lhotse793: the stored excerpt ends at "ROCM used to build PyTorch: N/" (a cut "N/A").
    torch = parse_text("PyTorch version: 1.12.1+cu102\nIs debug build: False\nCUDA used to build PyTorch: 10.2\n"
                       "ROCM used to build PyTorch: N/").facts.framework("torch")
    assert torch.build.get("hip") is None and torch.build["cuda"] == "10.2"


def test_one_package_pinned_at_several_versions_is_versions_tried_not_installed():
    # holdout2 tf62054: "Install TensorFlow with various specific versions" then three `tensorflow==...` lines.
    f = parse_text("Install TensorFlow with various specific versions\n`tensorflow==2.1.0`\n`tensorflow==2.5.0`\n"
                   "`tensorflow==2.2.0rc4`").facts
    assert "tensorflow" not in f.packages and f.environment.package_duplicates == {}


def test_a_python_version_stated_alone_or_as_python_equals_is_read():
    # holdout3 momoko1 ("### Python" then "Python 3.10.9") and pytorch20631 ("I am using python=3.6").
    assert parse_text("### Python\nPython 3.10.9\n### OS\nwin11").facts.host.python.version == "3.10.9"
    assert parse_text("I am using python=3.6").facts.host.python.version == "3.6"
    assert parse_text("pip install python==3.12").facts.host.python.version is None


def test_a_python_said_to_be_installed_is_read_and_a_wish_in_an_earlier_sentence_does_not_undo_it():
    # rupeshs/fastsdcpu#271: "Downloaded the zip from latest release ... Python 3.12 installed on my system."
    line = ("Downloaded the zip from latest release on windows, opened install.bat and keep getting this error. "
            "Python 3.12 installed on my system. Any tips?")
    assert parse_text(line).facts.host.python.version == "3.12"
    assert parse_text("I want to have Python 3.12 installed").facts.host.python.version is None


def test_an_uncaught_cpp_exception_is_a_sigabrt_of_the_one_framework_in_the_paste():
    # holdout3 tf64507: protobuf's FatalException ends TensorFlow 2.16.1 on macOS through libc++abi.
    f = parse_text("### TensorFlow version\n2.16.1\n### Current behavior?\n[libprotobuf FATAL message_lite.cc:353] CHECK "
                   "failed\nlibc++abi: terminating due to uncaught exception of type google::protobuf::FatalException"
                   ).facts.framework("tensorflow")
    assert (f.status, f.signal) == ("crashed", "SIGABRT")


def test_an_import_error_inside_a_frameworks_own_library_is_its_import_error_without_a_traceback():
    # holdout3 pytorch643: a quoted ImportError naming torch/lib/libgomp.so.1.
    f = parse_text("> ImportError: /usr/local/lib/python2.7/dist-packages/torch/lib/libgomp.so.1: version `GOMP_4.0' "
                   "not found (required by /usr/local/lib/python2.7/dist-packages/torch/lib/libTH.so.1)").facts
    assert f.framework("torch").status == "import_error"


def test_a_repl_expression_followed_by_markdown_printed_nothing():
    # holdout3 pytorch101147: ">>> torch.cuda.get_device_name(0)" then "```" and "### Versions": no GPU named "### Versions".
    f = parse_text(">>> import torch\n>>> torch.cuda.get_device_name(0)\n```\n### Versions\n").facts
    assert f.accelerators == ()


def test_a_cmd_exe_prompt_is_windows():
    # holdout3 taskmatrix431: "D:\VisualGPT\TaskMatrix>pip install -r requirements.txt".
    assert parse_text("D:\\VisualGPT\\TaskMatrix>pip install -r requirements.txt").facts.host.os == "windows"


def test_pips_resolver_conflict_line_names_both_installed_packages():
    # pip's resolver prints what it found installed on both sides of the conflict.
    p = parse_text("ERROR: pip's dependency resolver does not currently take into account all the packages that are "
                   "installed.\ntorchvision 0.15.2 requires torch==2.0.1, but you have torch 2.1.0 which is incompatible.")
    assert p.facts.packages == {"torchvision": "0.15.2", "torch": "2.1.0"}


def test_an_apple_silicon_mac_named_in_prose_is_an_arm64_mac():
    p = parse_text("I'm on a Macbook pro M1 and python 3.8.8")
    assert (p.facts.host.os, p.facts.host.arch, p.facts.cpu.model) == ("darwin", "aarch64", "Apple M1")
    # A repository's name and a build's target are not the machine (tests/cases/host-ambiguous-tfmacos81-1).
    q = parse_text("1. Get the TF for M1 tarball from [here](https://github.com/apple/tensorflow_macos/releases)")
    assert q.facts.host.arch is None


def test_nvidias_apt_toolkit_package_names_the_cuda_toolkit():
    p = parse_text("> sudo apt-get install -y cuda-toolkit-11-2")
    assert p.facts.environment.cuda_toolkit == "11.2"


def test_ultralytics_device_banner_names_python_torch_and_the_cuda_device():
    # ultralytics/utils/torch_utils.py select_device() prints this at every run.
    p = parse_text("Ultralytics YOLOv8.0.20 🚀 Python-3.10.9 torch-1.13.1+cu117 CUDA:0 (NVIDIA GeForce RTX 3080, 10240MiB)")
    torch = p.facts.framework("torch")
    assert (p.facts.host.python.version, torch.version, torch.status) == ("3.10.9", "1.13.1+cu117", "ok")
    assert p.facts.accelerators[0].model == "NVIDIA GeForce RTX 3080"
    cpu = parse_text("Ultralytics YOLOv8.1.3 🚀 Python-3.10.11 torch-2.1.0+cpu")
    assert cpu.facts.framework("torch").version == "2.1.0+cpu"


def test_proc_version_of_a_wsl1_kernel_is_wsl_1():
    p = parse_text("Linux version 4.4.0-20150-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 (GCC) ) #1000-Microsoft")
    assert (p.facts.host.os, p.facts.host.wsl.version) == ("linux", 1)


def test_xformers_warning_names_the_torch_that_is_installed():
    p = parse_text("WARNING[XFORMERS]: xFormers can't load C++/CUDA extensions. xFormers was built for:\n"
                   "    PyTorch 2.1.2+cu121 with CUDA 1201 (you have 2.1.2+cpu)")
    assert p.facts.framework("torch").version == "2.1.2+cpu"


def test_a_compose_environment_map_sets_the_visibility_variables():
    p = parse_text("services:\n  comfyui:\n    environment:\n      CUDA_VISIBLE_DEVICES: all\n      NVIDIA_VISIBLE_DEVICES: all")
    assert p.facts.environment.variables == {"CUDA_VISIBLE_DEVICES": "all", "NVIDIA_VISIBLE_DEVICES": "all"}


def test_file_b_on_the_python_binary_is_a_macos_interpreter_of_that_arch():
    p = parse_text("`file -b $(command -v python)` does return `Mach-O 64-bit executable x86_64`.")
    assert (p.facts.host.os, p.facts.host.python.machine) == ("darwin", "x86_64")


def test_the_wheel_pip_downloads_is_a_hint_of_the_version_it_installs():
    p = parse_text("Collecting torch\n  Downloading torch-2.6.0-cp312-cp312-manylinux1_x86_64.whl.metadata (28 kB)")
    assert p.facts.packages.get("torch") == "2.6.0"


def test_platform_machine_and_its_answer_on_the_next_line_is_the_interpreters_arch():
    p = parse_text(">>> import platform\n>>> platform.machine()\n'x86_64'")
    assert p.facts.host.python.machine == "x86_64"


def test_a_printed_platform_machine_is_read_bare_but_a_bare_arch_elsewhere_is_not():
    p = parse_text('> python -c "import platform; print(platform.machine())"\nx86_64')
    assert p.facts.host.python.machine == "x86_64"
    assert parse_text("x86_64\nsome log line").facts.host.python.machine is None


def test_m1_macs_in_a_title_and_a_backticked_python_version_in_prose():
    p = parse_text("Support M1 Macs for conda\n\nI'm using python `3.10.5`")
    assert p.facts.host.arch == "aarch64" and p.facts.host.python.version == "3.10.5"


def test_an_apple_chip_in_lower_case_counts_only_beside_an_apple_word():
    assert parse_text("macOS 14.4 with an apple m3 pro chip").facts.cpu.model == "Apple M3 Pro"
    # "im on an m1 macbook pro" (dwrensha/acronymy-assistant#2): beside a Mac word the lower-case chip is the Mac's
    assert parse_text("im on an m1 macbook pro if that helps").facts.cpu.model == "Apple M1"  # a MacBook Pro
    assert parse_text("the m1 abrams benchmark is slow").facts.cpu.model is None


def test_of_two_ultralytics_banners_the_newer_release_is_the_environment_in_question():
    # ultralytics/ultralytics#1495: the old environment saw the RTX 3070, the new one has a +cpu torch.
    p = parse_text("Ultralytics YOLOv8.0.53 Python-3.9.1 torch-1.8.1+cu111 CUDA:0 (NVIDIA GeForce RTX 3070, 8192MiB)\n"
                   "Ultralytics YOLOv8.0.54 Python-3.10.6 torch-2.0.0+cpu CPU")
    torch = p.facts.framework("torch")
    assert torch.version == "2.0.0+cpu" and p.facts.host.python.version == "3.10.6"
    assert not any(dev.kind == "cuda" for dev in torch.devices)
    assert [a.model for a in p.facts.accelerators] == ["NVIDIA GeForce RTX 3070"]  # the GPU is still this machine's


def test_a_printed_sys_version_with_an_msc_tag_is_a_windows_python_and_says_its_bits():
    p = parse_text("Python 3.8.10 (tags/v3.8.10:3d8993a, May  3 2021, 11:34:34) [MSC v.1928 32 bit (Intel)]")
    assert (p.facts.host.os, p.facts.host.python.version, p.facts.host.python.bits) == ("windows", "3.8.10", 32)
    said = parse_text("Python 3.8.10 (is what I use)").facts  # prose, not a banner: no OS or bits from it
    assert (said.host.os, said.host.python.bits) == (None, None)


def test_a_segfault_in_a_paste_that_imports_one_framework_is_that_frameworks_crash():
    # hughperkins/pytorch#44: the crash comes after a later REPL line, not right after the import.
    p = parse_text(">>> import PyTorch\n>>> import torch\n>>> torch.zeros(10)\nFatal Python error: Segmentation fault")
    torch = p.facts.framework("torch")
    assert (torch.status, torch.signal) == ("crashed", "SIGSEGV")
    prose = parse_text("the error is coming in loggers file while importing tensorflow.\nSegmentation fault (core dumped)")
    assert prose.facts.framework("tensorflow").status == "crashed"
    both = parse_text("import torch\nimport tensorflow as tf\nx = 1\nSegmentation fault (core dumped)")
    assert all(fw.status != "crashed" for fw in both.facts.frameworks)  # which one died is not said
    sigill = parse_text("importing tensorflow\nsome output\nIllegal instruction (core dumped)")
    assert all(fw.status != "crashed" for fw in sigill.facts.frameworks)


def test_wsls_template_question_and_its_unticked_box_do_not_count_the_ticked_box_does():
    # microsoft/WSL's issue form: "Are you using WSL 1 or WSL 2?" then "- [X] WSL 2" / "- [ ] WSL 1".
    p = parse_text("### WSL Version\n\n2.2.4.0\n\n### Are you using WSL 1 or WSL 2?\n\n- [X] WSL 2\n- [ ] WSL 1\n")
    assert p.facts.host.wsl.version == 2
    one = parse_text("### Are you using WSL 1 or WSL 2?\n\n- [ ] WSL 2\n- [x] WSL 1\n")
    assert one.facts.host.wsl.version == 1


def test_a_pip_list_whose_header_follows_a_code_fence_backtick_is_read_whole():
    p = parse_text("`Package                Version\n---------------------- -------\ntb-nightly             2.2.0a20200320\n"
                   "tensorflow             2.1.0\n")
    assert p.facts.packages.get("tb-nightly") == "2.2.0a20200320"


def test_a_rocminfo_cut_before_its_agent_name_still_names_the_gpu_by_its_isa():
    # ROCm/rocBLAS#1299: the stored paste starts inside the GPU agent's ISA block.
    p = parse_text("  ISA Info:\n    ISA 1\n      Name:                    amdgcn-amd-amdhsa--gfx1031\n"
                   "      Machine Models:          HSA_MACHINE_MODEL_LARGE\n*** Done ***")
    assert [(a.vendor, a.gfx_arch) for a in p.facts.accelerators] == [("amd", "gfx1031")]


def test_a_conda_list_cut_before_its_header_is_read_and_apples_channel_is_an_arm64_mac():
    # ray-project/ray#28680: the stored excerpt starts inside the list.
    p = parse_text("scipy                     1.9.1                    pypi_0    pypi\n"
                   "tensorflow                2.6.0            py38h44df477_1    conda-forge\n"
                   "tensorflow-deps           2.6.0                         0    apple\n"
                   "tensorflow-metal          0.6.0                    pypi_0    pypi\n")
    assert p.facts.packages.get("tensorflow-metal") == "0.6.0" and p.facts.packages.get("tensorflow") == "2.6.0"
    assert (p.facts.host.os, p.facts.host.arch) == ("darwin", "aarch64")
    two = parse_text("step 100 loss_1 value\nstep 200 loss_2 value\n")  # two rows are not a list
    assert not two.facts.packages


def test_the_2019_tf_templates_install_question_is_read_despite_its_question_marks():
    p = parse_text("**System information**\n- TensorFlow version:\nTensorflow 1.14\n"
                   "- Installed using virtualenv? pip? conda?:\nconda\n")
    assert p.facts.host.python.env_manager == "conda"


def test_a_python_the_user_has_is_read_though_the_same_line_says_an_install_failed():
    # tensorflow#62777
    p = parse_text("I have python 3.12.1 and pip 23.3.2, but I can't install tensorflow libraries")
    assert p.facts.host.python.version == "3.12.1"
    assert parse_text("I am trying to install python 3.12.1").facts.host.python.version is None


def test_a_dll_that_did_not_load_places_the_paste_on_windows():
    p = parse_text("W tensorflow/stream_executor/platform/default/dso_loader.cc:64] Could not load dynamic library "
                   "'cudart64_110.dll'; dlerror: cudart64_110.dll not found")
    assert p.facts.host.os == "windows"


def test_a_retyped_template_without_colons_still_gives_python_and_a_pre_release_tensorflow():
    # tensorflow#45872: the 2020 template retyped without its '- ' bullets and colons.
    p = parse_text("OS: Ubuntu 18.04\nTensorFlow binary installed using pip\nTensorFlow version 2.4.0rc0\n"
                   "Python version 3.8.6\n")
    assert p.facts.host.python.version == "3.8.6"
    assert p.facts.framework("tensorflow").version == "2.4.0rc0"  # not cut back to "2.4"
    assert parse_text("I use tensorflow 2.4.").facts.framework("tensorflow").version == "2.4"


def test_a_macos_wheel_tag_gives_the_interpreters_architecture_and_only_arm64_gives_the_macs():
    # An x86_64 tag on macOS may be Rosetta on Apple Silicon (transcribe-anything#77); an arm64 one cannot run on Intel.
    x86 = parse_text("hint: You're on macOS (`macosx_15_0_x86_64`), but `torch` (v2.7.1) only has wheels for...\n").facts
    assert x86.host.os == "darwin" and x86.host.python.machine == "x86_64" and x86.host.arch is None
    arm = parse_text("Downloading https://example.org/tensorflow-2.15.0-cp311-cp311-macosx_14_0_arm64.whl\n").facts
    assert arm.host.python.machine == "aarch64" and arm.host.arch == "aarch64"
    # a `pip install` of a wheel file is what was tried, not what fits (ml-explore/mlx#1055: refused under Rosetta)
    tried = parse_text("pip install ./mlx-0.12.0-cp312-cp312-macosx_14_0_arm64.whl\n").facts
    assert tried.host.python.machine is None
    linux = parse_text("Downloading torch-2.1.0-cp310-cp310-manylinux1_x86_64.whl\n").facts
    assert linux.host.arch == "x86_64" and linux.host.os == "linux"


def test_proc_version_is_not_uname_and_a_capitalised_wsl_user_is_read_from_its_prompt():
    from hwprobe.parse.identity import identity
    assert identity(["Linux version 5.4.91-microsoft-standard-WSL2 (oe-user@oe-host) #1 SMP"]) == (None, None)
    assert identity(["Linux gpu-box 5.15.0-91-generic #101-Ubuntu SMP x86_64 GNU/Linux"]) == (None, "gpu-box")
    assert identity(["MyId@DESKTOP-930EG0A:~$ nvidia-smi"]) == ("MyId", "DESKTOP-930EG0A")


def test_nvidia_smis_own_failure_marks_a_typed_nvidia_gpu_unusable_and_cmds_build_is_kept_for_wsl():
    # microsoft/WSL#6772: "Latest Nvidia Win10 driver 465.89", then nvidia-smi fails inside WSL 2 (Insider 21343).
    p = parse_text("Microsoft Windows [Version 10.0.21343.1000]\n"
                   "Linux version 5.4.91-microsoft-standard-WSL2 (oe-user@oe-host) (gcc version 9.3.0 (GCC)) #1 SMP\n"
                   "Latest Nvidia Win10 driver 465.89\n$ nvidia-smi\nNVIDIA-SMI has failed because it couldn't "
                   "communicate with the NVIDIA driver. Make sure that the latest NVIDIA driver is installed and running.\n")
    (gpu,) = p.facts.accelerators
    assert gpu.driver_version == "465.89" and gpu.status == "error" and "nvidia-smi failed" in gpu.detail
    assert p.facts.host.wsl.version == 2 and p.facts.host.wsl.windows_build == 21343


def test_gdb_running_import_torch_crashed_with_the_signal_it_reports_past_its_notices():
    # pytorch/pytorch#90749: gdb stops in CPython's type_name, but the program it ran was `-c 'import torch'`.
    text = ("-c (gdb) r -c 'import torch'\nStarting program: /opt/conda/envs/dev/bin/python3 -c 'import torch'\n"
            "[Thread debugging using libthread_db enabled]\nUsing host libthread_db library "
            '"/lib/x86_64-linux-gnu/libthread_db.so.1".\n[Detaching after fork from child process 31265]\n\n'
            "Program received signal SIGSEGV, Segmentation fault.\n0x000055555564d27c in type_name (context=<optimized "
            "out>, type=0x555558aa7630)\n")
    torch = parse_text(text).facts.framework("torch")
    assert torch.status == "crashed" and torch.signal == "SIGSEGV"


def test_an_amd_graphics_card_named_in_chinese_is_an_amd_gpu():
    # Comfy-Org/ComfyUI#8638: "Amd显卡" (AMD graphics card) above torch's "Found no NVIDIA driver".
    for said in ("Amd显卡", "我用的是A卡", "AMD 的显卡"):
        (gpu,) = parse_text(said + "\n").facts.accelerators
        assert gpu.vendor == "amd", said
    assert not parse_text("我没有显卡\n").facts.accelerators


def test_a_radeon_named_in_korean_is_an_amd_gpu():
    # wlsdml1114/diff-svc#3: "라데온 GPU 성능이 더 높아서" (the Radeon GPU is faster).
    (gpu,) = parse_text("가지고있는 GPU 중에선 라데온 GPU 성능이 더 높아서 사용하고 싶은데\n").facts.accelerators
    assert gpu.vendor == "amd"


def test_the_official_python_images_tag_gives_the_python():
    # pytorch/pytorch#112882: "with Docker image python:3.12-slim".
    assert parse_text("I tested it with Docker image python:3.12-slim\n").facts.host.python.version == "3.12"
    assert parse_text("FROM python:3.10.13-bookworm\n").facts.host.python.version == "3.10.13"
    assert parse_text("FROM pytorch/python:3.9\n").facts.host.python.version is None  # not the official image


def test_a_darwin_arm64_kernel_string_beside_processor_i386_is_an_x86_64_python_on_apple_silicon():
    # Lightning#16124: Lightning's collect_env "System" block from an emulated conda env on an M1.
    text = ("* System:\n\t- OS:                Darwin\n\t- architecture:\n\t\t- 64bit\n\t\t- \n"
            "\t- processor:         i386\n\t- python:            3.9.13\n"
            "\t- version:           Darwin Kernel Version 22.1.0: Sun Oct  9 20:14:30 PDT 2022; "
            "root:xnu-8792.41.9~2/RELEASE_ARM64_T8103\n")
    facts = parse_text(text).facts
    assert (facts.host.os, facts.host.arch, facts.host.python.machine) == ("darwin", "aarch64", "x86_64")


def test_an_apple_chip_said_to_report_an_intel_platform_is_a_translated_python():
    # Lightning#14634: "my M1 Pro reports platform i386", with no Mac word on the line.
    facts = parse_text("Check is wrong due to platform check here expecting arm (my M1 Pro reports platform i386):\n").facts
    assert (facts.host.os, facts.host.arch, facts.host.python.machine) == ("darwin", "aarch64", "x86_64")
    assert parse_text("The Tesla M10 reports platform x86_64\n").facts.host.python.machine is None


def test_a_framework_name_after_a_hyphen_is_another_packages_version():
    # Lightning#14634's environment block lists "adabelief-pytorch: 0.2.1"; onnx-tf is ONNX's TensorFlow backend.
    facts = parse_text("\t- adabelief-pytorch: 0.2.1\nI use onnx-tf 1.10 here\n").facts
    assert facts.framework("torch") is None and facts.framework("tensorflow") is None
    assert parse_text("PyTorch 2.1.0 and tf 2.15\n").facts.framework("torch").version == "2.1.0"


def test_a_three_part_python_version_after_the_word_is_the_interpreter_unless_wished_for():
    # MoneyPrinterPlus#81: "windows  python 3.11.8   ffmpeg 6.1-full_build".
    assert parse_text("windows  python 3.11.8   ffmpeg 6.1-full_build\n").facts.host.python.version == "3.11.8"
    assert parse_text("I need to install python 3.11.8 first\n").facts.host.python.version is None


def test_a_docker_run_continued_over_lines_is_read_whole():
    # ComfyUI-Nvidia-Docker#104: `docker run --rm -it \` with --gpus all on the next line.
    text = ("docker run --rm -it \\\n  --gpus all \\\n  -v $(pwd)/run:/comfy/mnt \\\n"
            "  mmartial/comfyui-nvidia-docker:latest\n")
    box = parse_text(text).facts.host.container
    assert box is not None and box.gpu_hints == ("started with GPU access (nvidia-docker / --gpus)",)
    bare = parse_text(text.replace("  --gpus all \\\n", "")).facts.host.container
    assert bare.gpu_hints == ("`docker run` without --gpus",)


def test_nvidia_docker_run_is_a_run_with_gpus_and_the_ngc_warnings_advice_is_not_a_run():
    # pytorch#18690: `NV_GPU=0 nvidia-docker run ...`; nvidia-docker#1071: the NGC image's "Use 'nvidia-docker run'".
    box = parse_text("NV_GPU=0 nvidia-docker run -it --rm pytorch/pytorch:1.0.1-cuda10.0-cudnn7-devel\n").facts.host.container
    assert box.gpu_hints == ("started with GPU access (nvidia-docker / --gpus)",)
    advice = parse_text("   Use 'nvidia-docker run' to start this container; see\n").facts.host.container
    assert advice is None or "started with GPU access (nvidia-docker / --gpus)" not in advice.gpu_hints


def test_a_wheel_said_to_have_been_installed_is_the_installed_build():
    # astral-sh/uv#17236: "Note that the PyTorch wheel for 2.9.1+cpu has been installed."
    torch = parse_text("Note that the PyTorch wheel for 2.9.1+cpu has been installed.\n").facts.framework("torch")
    assert torch is not None and torch.version == "2.9.1+cpu"


def test_a_crash_named_with_the_import_it_happened_on_is_that_frameworks_crash():
    # isl-org/Open3D#922's title, "SIGABRT when import torch".
    torch = parse_text("SIGABRT when import torch\n\nimport torch\nimport open3d\n").facts.framework("torch")
    assert (torch.status, torch.signal) == ("crashed", "SIGABRT")


def test_bashs_padded_job_report_of_a_segfault_is_a_crash_line():
    # ROCm/TheRock#2850's shape: bash pads the signal's name and adds the command.
    text = "```\nimport torch\nx = torch.ones(3)\n```\nSegmentation fault         (core dumped) python test.py\n"
    torch = parse_text(text).facts.framework("torch")
    assert (torch.status, torch.signal) == ("crashed", "SIGSEGV")


def test_a_shared_library_import_error_beside_one_imported_framework_is_its_import_failing():
    # ROCm/legacy-rocm-build#1852: tensorflow-rocm without /opt/rocm/lib on the loader's path.
    text = ("when i try to run this command`import tensorflow as tf`it crash:\n\n"
            "`ImportError: libhsa-runtime64.so.1: cannot open shared object file: No such file or directory`\n")
    tf = parse_text(text).facts.framework("tensorflow")
    assert tf.status == "import_error" and "libhsa-runtime64.so.1" in tf.detail


def test_an_apple_m_chip_named_without_its_number_is_apple_silicon():
    # jianchang512/vocal-separate#15: "apple M 芯片 安装运行问题" (芯片: chip).
    facts = parse_text("apple M 芯片 安装运行问题\n").facts
    assert (facts.host.os, facts.host.arch) == ("darwin", "aarch64")


def test_a_compose_services_log_is_a_container():
    # weaviate#1736: `docker compose up` prefixes each line with the service's name and a bar.
    text = ('qna-transformers_1  |   File "/usr/local/lib/python3.9/site-packages/torch/cuda/__init__.py", line 170\n'
            "qna-transformers_1  |     torch._C._cuda_init()\n")
    box = parse_text(text).facts.host.container
    assert box is not None and box.gpu_hints == ("a compose service's log",)
    assert parse_text("| a | b |\n| c | d |\n").facts.host.container is None


def test_windows_faulthandlers_access_violation_beside_one_framework_is_its_crash():
    # numz/ComfyUI-SeedVR2_VideoUpscaler#552: faulthandler's Windows line, with "PyTorch: 2.9.1+cu130" listed.
    text = "- PyTorch: 2.9.1+cu130\n\nWindows fatal exception: access violation\n\nStack (most recent call first):\n"
    torch = parse_text(text).facts.framework("torch")
    assert (torch.status, torch.signal) == ("crashed", "SIGSEGV")


def test_pytorchs_bug_template_keys_with_their_example_are_read():
    # ROCm/pytorch#627: "PyTorch Version (e.g., 1.0): '1.6.0a0+93432cf'", the example's comma inside the key
    facts = parse_text(" - PyTorch Version (e.g., 1.0): '1.6.0a0+93432cf'\n - OS (e.g., Linux): Ubuntu 18.04.4\n").facts
    assert facts.framework("torch").version == "1.6.0a0+93432cf"
    assert facts.host.os == "linux"


def test_a_tegra_kernel_or_a_jetpack_release_is_a_jetson_an_aarch64_board_with_an_nvidia_gpu():
    # L4T's kernel releases end in "-tegra" (e.g. "5.10.120-tegra" on JetPack 5.1); JetPack ships only for Jetsons
    # (dusty-nv/jetson-inference#1932: "Jetpack<6 to support ubuntu20").
    for text in ("Linux orin 5.10.120-tegra #1 SMP PREEMPT Tue Aug 1 12:32:50 PDT 2023 aarch64 aarch64 aarch64 GNU/Linux",
                 "Linux version 4.9.253-tegra (buildbrain@mobile-u64-5273-d7000) (gcc version 7.3.1) #1 SMP PREEMPT",
                 "I need python>10 to run Llama and Jetpack<6 to support ubuntu20.",
                 "Board: Jetson with JetPack 6.1", "my Jetson AGX Orin"):
        f = parse_text(text).facts
        (gpu,) = f.accelerators
        assert (gpu.vendor, gpu.model.removesuffix(" AGX Orin"), f.host.os, f.host.arch) == (
            "nvidia", "Jetson", "linux", "aarch64"), text
    assert not parse_text("Linux box 6.8.0-45-generic #45-Ubuntu SMP x86_64 GNU/Linux").facts.accelerators
    assert not parse_text("see the jetpack docs for details").facts.accelerators


def test_is_available_reported_false_without_its_parentheses_is_read():
    # jetson-inference#1932: 'when I checked "torch.cuda.is_available", it returned false'
    f = parse_text('But when I checked "torch.cuda.is_available", it returned false.').facts
    assert "torch.cuda_unavailable" in [o.code for o in f.observations]


def test_gpu_names_typed_without_spaces_or_brand_are_read():
    # PaddleOCR#9913 "GPU：RTX3070TI"; tensorflow#81340 "an nvidia 4060 laptop"; a driver number is no GPU
    assert [a.model for a in parse_text("GPU：RTX3070TI\nCUDA：11.3").facts.accelerators] == ["RTX3070TI"]
    assert [a.model for a in parse_text("I have an nvidia 4060 laptop").facts.accelerators] == ["nvidia 4060"]
    assert not parse_text("NVIDIA 535 driver").facts.accelerators
