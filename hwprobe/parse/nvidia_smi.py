"""nvidia-smi as pasted: the default table (every layout since the driver 3xx series, Linux and
Windows, also a lone header line quoted in prose), `nvidia-smi -q` and `-q -x` (XML),
`nvidia-smi -L`, `--query-gpu ... --format=csv`, and "No devices were found".

Layouts from the NVIDIA System Management Interface documentation
(https://docs.nvidia.com/deploy/nvidia-smi/index.html): the header "NVIDIA-SMI <v>  Driver Version: <v>
CUDA Version: <v>" ("CUDA Version" since driver 410), then per GPU a first row
"| <index>  <name>  <Persistence-M or TCC/WDDM> | <bus id> <Disp.A> | ..." and a second row with
"<used>MiB / <total>MiB". Names are cut to fit the column ("Tesla V100-PCIE...").
"""

from __future__ import annotations

import re
from typing import Sequence

from hwprobe.parse.draft import HINT, Draft, Quote
from hwprobe.parse.source import Line
from hwprobe.parse.values import gpu_vendor, size_bytes

_HEADER = re.compile(r"NVIDIA-SMI\s+(?P<smi>[\d.]+)?\s*.*?Driver Version:\s*(?P<driver>[\d.]+)"
                     r"(?:\s+CUDA Version:\s*(?P<cuda>[\d.]+|N/A))?", re.I)
# nvidia-smi's version alone, as a typed answer ("CPU/GPU model: NVIDIA-SMI 390.138 ", LightGBM#3310): nvidia-smi
# ships with the driver and prints the driver's version beside its own, so it ran on a machine with an NVIDIA GPU.
_SMI_ONLY = re.compile(r"\bNVIDIA-SMI\s+(?P<smi>\d{3}\.\d{2,3}(?:\.\d{2})?)\s*$", re.I)
_ROW1 = re.compile(r"^\|?\s*(?P<index>\d+)\s+(?P<name>.+?)\s+(?P<mode>On|Off|WDDM|TCC|MCDM)\s*\|\s*"
                   r"(?P<bus>[0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d)\s")
_ROW2 = re.compile(r"(?P<used>\d+)\s*MiB\s*/\s*(?P<total>\d+)\s*MiB")
_LIST = re.compile(r"^\s*GPU (?P<index>\d+):\s*(?P<name>.+?)\s*\(UUID:\s*[^)]*\)\s*$")
_Q_KV = re.compile(r"^\s*(?P<key>[A-Za-z][\w .()/-]*?)\s+:\s+(?P<value>.*?)\s*$")


def read(lines: Sequence[Line], d: Draft) -> None:
    first = last = None
    header = None
    for i, ln in enumerate(lines):
        t = ln.text
        m = _HEADER.search(t)
        if m:
            header = header or ln
            d.set("nvidia.driver_version", m.group("driver"), ln.no, t)
            if m.group("cuda") and m.group("cuda") != "N/A":
                d.set("nvidia.max_cuda_supported", m.group("cuda"), ln.no, t)
            first, last = first or ln.no, ln.no
            d.known.add("accelerators")
            continue
        m = _SMI_ONLY.search(t) if header is None else None
        if m:
            header = ln
            d.set("nvidia.driver_version", m.group("smi"), ln.no, t, HINT)
            first, last = first or ln.no, ln.no
            continue
        m = _ROW1.match(t)
        if m:
            name = m.group("name").strip()
            g = d.gpu(int(m.group("index")), ln.no, t, model=name, pci_bus_id=m.group("bus"))
            nxt = lines[i + 1] if i + 1 < len(lines) else None
            mem = _ROW2.search(nxt.text) if nxt else None
            if mem:
                g.memory_bytes = int(mem.group("total")) * 2**20
                g.quotes.append(Quote(nxt.no, nxt.text.strip()))
            first, last = first or ln.no, (nxt.no if mem else ln.no)
            continue
        m = _LIST.match(t)
        if m:
            d.gpu(int(m.group("index")), ln.no, t, model=m.group("name"))
            first, last = first or ln.no, ln.no
            continue
        if re.match(r"^\s*No devices were found\s*$", t):
            d.known.add("accelerators")  # nvidia-smi ran and found no NVIDIA GPU
            d.set("nvidia.no_devices", True, ln.no, t)
            first, last = first or ln.no, ln.no
    if header is not None and not any(g.vendor == "nvidia" for g in d.gpus):
        d.gpu(None, header.no, header.text)  # nvidia-smi prints its header only when it reached a GPU
    if first is not None:
        d.section("nvidia_smi", first, last or first)
    _query(lines, d)
    _csv(lines, d)
    _xml(lines, d)
    _ggml(lines, d)


# llama.cpp/ggml's CUDA start-up listing, one line a device: "  Device 0: NVIDIA RTX A1000 Laptop GPU, compute
# capability 8.6, VMM: yes" (leejet/stable-diffusion.cpp#554); a HIP build prints its gfx target the same way.
_GGML_DEVICE = re.compile(r"^[\s>]*Device (?P<index>\d+): (?P<name>[^,]+), compute capability (?P<cc>\d+\.\d+)\b")


def _ggml(lines: Sequence[Line], d: Draft) -> None:
    for ln in lines:
        if "compute capability" in ln.text and (m := _GGML_DEVICE.match(ln.text)):
            name = m.group("name").strip()
            if gpu_vendor(name, typed_gpu_field=True) == "amd":
                d.gpu(int(m.group("index")), ln.no, ln.text, kind="rocm", vendor="amd", model=name)
            else:
                d.gpu(int(m.group("index")), ln.no, ln.text, model=name, compute_capability=m.group("cc"))
            d.known.add("accelerators")


def _query(lines: Sequence[Line], d: Draft) -> None:
    """`nvidia-smi -q`: 'Driver Version : 535.104.05', 'GPU 00000000:01:00.0', 'Product Name : ...',
    'FB Memory Usage' then 'Total : 24576 MiB'."""
    if not any("NVSMI LOG" in ln.text or re.match(r"^\s*Attached GPUs\s+:", ln.text) for ln in lines):
        return
    gpu = None
    index = -1
    in_fb = False
    first = last = lines[0].no
    for ln in lines:
        t = ln.text
        if re.match(r"^\s*GPU [0-9A-Fa-f]{4,8}:[0-9A-Fa-f]{2}:[0-9A-Fa-f]{2}\.\d\s*$", t):
            index += 1
            gpu = d.gpu(index, ln.no, t, pci_bus_id=t.strip()[4:])
            last = ln.no
            continue
        m = _Q_KV.match(t)
        if not m:
            if re.match(r"^\s*FB Memory Usage\s*$", t):
                in_fb = True
            elif re.match(r"^\s{0,4}\S", t):
                in_fb = False
            continue
        key, value = m.group("key").strip(), m.group("value")
        if key == "Driver Version":
            d.set("nvidia.driver_version", value, ln.no, t)
            first = min(first, ln.no)
        elif key == "CUDA Version" and value != "N/A":
            d.set("nvidia.max_cuda_supported", value, ln.no, t)
        elif key == "Product Name" and gpu is not None:
            d.gpu(index, ln.no, t, model=value)
        elif key == "Total" and in_fb and gpu is not None:
            gpu.memory_bytes = size_bytes(value)
        elif key == "MIG Mode" or key == "Current":
            pass
        last = ln.no
    d.known.add("accelerators")
    d.section("nvidia_smi", first, last)


def _csv(lines: Sequence[Line], d: Draft) -> None:
    """`nvidia-smi --query-gpu=name,driver_version,memory.total,compute_cap --format=csv`."""
    for i, ln in enumerate(lines):
        head = [h.strip().lower() for h in ln.text.split(",")]
        if len(head) < 2 or "name" not in head or not any(h.startswith(("driver_version", "compute_cap", "memory.total"))
                                                           for h in head):
            continue
        cols = {h.split(" ")[0]: n for n, h in enumerate(head)}
        index = 0
        last = ln.no
        for row in lines[i + 1:]:
            cells = [c.strip() for c in row.text.split(",")]
            if len(cells) != len(head):
                break
            attrs = {"model": cells[cols["name"]]}
            if "compute_cap" in cols:
                attrs["compute_capability"] = cells[cols["compute_cap"]]
            if "memory.total" in cols:
                attrs["memory_bytes"] = size_bytes(cells[cols["memory.total"]])
            idx = int(cells[cols["index"]]) if "index" in cols and cells[cols["index"]].isdigit() else index
            d.gpu(idx, row.no, row.text, **attrs)
            if "driver_version" in cols:
                d.set("nvidia.driver_version", cells[cols["driver_version"]], row.no, row.text)
            index += 1
            last = row.no
        if last != ln.no:
            d.section("nvidia_smi", ln.no, last)


_XML = re.compile(r"^\s*<(?P<tag>driver_version|cuda_version|product_name|total|gpu id=\"(?P<bus>[^\"]+)\")>(?P<value>[^<]*)")


def _xml(lines: Sequence[Line], d: Draft) -> None:
    """`nvidia-smi -q -x`: the same facts as -q, as XML elements one per line."""
    if not any("<nvidia_smi_log" in ln.text for ln in lines):
        return
    index, in_fb, first, last = -1, False, None, None
    for ln in lines:
        t = ln.text
        if "<fb_memory_usage>" in t:
            in_fb = True
        elif "</fb_memory_usage>" in t:
            in_fb = False
        m = _XML.match(t)
        if not m:
            continue
        tag, value = m.group("tag"), m.group("value").strip()
        first, last = first or ln.no, ln.no
        if m.group("bus"):
            index += 1
            d.gpu(index, ln.no, t, pci_bus_id=m.group("bus"))
        elif tag == "driver_version":
            d.set("nvidia.driver_version", value, ln.no, t)
        elif tag == "cuda_version" and value not in ("", "N/A"):
            d.set("nvidia.max_cuda_supported", value, ln.no, t)
        elif tag == "product_name" and index >= 0:
            d.gpu(index, ln.no, t, model=value)
        elif tag == "total" and in_fb and index >= 0:
            d.gpu(index, ln.no, t, memory_bytes=size_bytes(value))
    if first is not None:
        d.known.add("accelerators")
        d.section("nvidia_smi", first, last or first)
