"""The small decoders the detectors rely on, against values documented by their sources."""

from __future__ import annotations

import pytest

from hwprobe.sense.apple import parse_sysctl
from hwprobe.sense.pci import normalize_bus_id
from hwprobe.sense.rocm import gfx_name
from hwprobe.sense.xpu import discrete_family


@pytest.mark.parametrize("version, arch", [(90010, "gfx90a"), (90402, "gfx942"), (90500, "gfx950"),
                                           (110000, "gfx1100"), (100100, "gfx1010"), (120001, "gfx1201")])
def test_kfd_gfx_target_version_decodes_as_rocr_does(version, arch):
    # Pairs from ROCr/rocprofiler's decoder and its users (MI200 gfx90a = 90010, MI300X gfx942 = 90402).
    assert gfx_name(version) == arch


@pytest.mark.parametrize("smi, sysfs", [("00000000:07:00.0", "0000:07:00.0"), ("00000000:10:1C.0", "0000:10:1c.0"),
                                        ("0000:5a:00.0", "0000:5a:00.0"), ("01:00.0", "0000:01:00.0")])
def test_nvidia_smi_bus_ids_become_sysfs_addresses(smi, sysfs):
    assert normalize_bus_id(smi) == sysfs


@pytest.mark.parametrize("device, discrete", [(0x56A0, True), (0x56C0, True), (0xE20B, True), (0x0BD5, True),
                                              (0x4905, True), (0x9A49, False), (0x46A6, False), (0x7D55, False)])
def test_only_discrete_intel_gpus_count_as_xpus_by_pci_id(device, discrete):
    # include/drm/intel/pciids.h: DG2 0x56A0, ATS-M 0x56C0, BMG 0xE20B, PVC 0x0BD5, DG1 0x4905 are discrete;
    # Tiger Lake 0x9A49, Alder Lake-P 0x46A6 and Meteor Lake 0x7D55 are integrated.
    assert (discrete_family(device) is not None) == discrete


def test_sysctl_output_parses_into_keys_and_values():
    kv = parse_sysctl("hw.optional.arm64: 1\nmachdep.cpu.brand_string: Apple M3 Max\nhw.osenvironment:\n")
    assert kv == {"hw.optional.arm64": "1", "machdep.cpu.brand_string": "Apple M3 Max", "hw.osenvironment": ""}


def test_a_tools_binary_output_is_summarized_even_when_its_first_line_is_printable():
    # tests/faults/tools.py's garbage nvidia-smi: random bytes split into "lines" at \x0c or \x1e, the first a lone "$"
    from hwprobe.sense._util import first_line

    noise = "$\x0c" + "".join(chr(c) for c in range(0x80, 0x100)) * 20 + "\ufffd" * 200
    assert first_line(noise).startswith("binary data (")
    assert first_line("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.\n\x1b[0m") \
        == "NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver."
