"""torch's `python -m torch.utils.collect_env`, every format since torch 1.0 (Linux, Windows, macOS).

The fields and what they mean come from torch/utils/collect_env.py
(https://github.com/pytorch/pytorch/blob/main/torch/utils/collect_env.py): "PyTorch version: N/A" when
torch could not be imported; "CUDA used to build PyTorch: None" or "Could not collect" when
torch.version.cuda is None (a CPU or ROCm build); "ROCM used to build PyTorch: N/A" when
torch.version.hip is None; "Is CUDA available" is torch.cuda.is_available(); the OS line ends in
"(<platform.machine() of the Python>)"; GPU names come from `nvidia-smi -L`, the driver version from
`nvidia-smi`; "[pip3] ..." and "[conda] ..." lines are `pip list --format=freeze` and `conda list`
filtered for torch/numpy/mkl/... A paste cut off anywhere still yields every field before the cut.
"""

from __future__ import annotations

import re
from typing import Sequence

from hwprobe.parse import packages as pkgs
from hwprobe.parse import system
from hwprobe.parse.draft import TOOL, Draft
from hwprobe.parse.source import Line
from hwprobe.parse.values import boolean, empty, os_description, platform_string, version

_KEY = re.compile(r"^\s*(?P<key>[A-Za-z][A-Za-z0-9 ._/()-]*?)\s*:\s*(?P<value>.*)$")
# Keys that only collect_env prints: two of them make a paste a collect_env dump.
_SIGNATURE = {"pytorch version", "is debug build", "cuda used to build pytorch", "rocm used to build pytorch",
              "is cuda available", "cuda runtime version", "gpu models and configuration", "nvidia driver version",
              "cudnn version", "hip runtime version", "miopen runtime version", "is xnnpack available",
              "cuda_module_loading set to", "is xpu available", "xpu used to build pytorch", "python platform"}
_KNOWN = _SIGNATURE | {"os", "gcc version", "clang version", "cmake version", "libc version", "python version",
                       "versions of relevant libraries", "cpu"}


def read(lines: Sequence[Line], d: Draft) -> None:
    fields = _fields(lines)
    if len({k for k, _, _ in fields} & _SIGNATURE) < 2:
        return
    first, last = fields[0][1].no, fields[-1][1].no
    values = {}
    for key, line, value in fields:
        values.setdefault(key, (line, value))
    torch_ok = _torch(values, d)
    _host(values, d)
    _gpus(lines, values, d, torch_ok)
    last = max(last, _cpu_block(lines, values, d))
    last = max(last, _libraries(lines, values, d))
    d.section("collect_env", first, last)


def _fields(lines: Sequence[Line]) -> list[tuple[str, Line, str]]:
    out = []
    for ln in lines:
        m = _KEY.match(ln.text.replace("**", ""))  # lines a reporter set in bold: "**Is CUDA available: Yes"
        if not m:
            continue
        key = m.group("key").strip().lower()
        if key in _KNOWN:
            out.append((key, ln, m.group("value").strip()))
    return out


def _torch(values: dict[str, tuple[Line, str]], d: Draft) -> bool:
    if "pytorch version" not in values:
        # A paste that starts below the version line, or retypes it ("PyTorch version 1.5.0"): collect_env
        # prints the debug flag and CUDA availability only when torch imported (else "N/A"), so either
        # still means torch imported, and the build lines below it are its build.
        seen = [values[k][0] for k in ("is debug build", "is cuda available")
                if k in values and boolean(values[k][1]) is not None]
        if not seen:
            return False
        d.set("torch.status", "ok", seen[0].no, seen[0].text)
        _build(values, d)
        return False
    line, v = values["pytorch version"]
    if empty(v):
        d.set("torch.detail", "collect_env could not import torch (PyTorch version: N/A)", line.no, line.text)
        d.set("torch.status", "import_error_or_absent", line.no, line.text)  # settled in parse.assemble
        return False
    d.set("torch.version", v.split()[0], line.no, line.text)
    d.set("torch.status", "ok", line.no, line.text)
    _build(values, d)
    return True


def _build(values: dict[str, tuple[Line, str]], d: Draft) -> None:
    """The build lines of an imported torch: debug, ROCm, CUDA, and what it sees."""
    if "is debug build" in values:
        ln, val = values["is debug build"]
        b = boolean(val)
        if b is not None:
            d.set("torch.build.debug", b, ln.no, ln.text)
    hip = None
    if "rocm used to build pytorch" in values:
        ln, val = values["rocm used to build pytorch"]
        hip = None if empty(val) or not re.match(r"\d", val.strip()) else val.split()[0]  # "N/" is a cut "N/A"
        d.set("torch.build.hip", hip, ln.no, ln.text)
    if "cuda used to build pytorch" in values:
        ln, val = values["cuda used to build pytorch"]
        d.set("torch.build.cuda", None if empty(val) else version(val) or val.split()[0], ln.no, ln.text)
    if "cuda runtime version" in values:  # collect_env runs `nvcc --version`: the system toolkit, not torch's
        ln, val = values["cuda runtime version"]
        v = None if empty(val) else version(val)
        if v:
            d.set("cuda.toolkit", v, ln.no, ln.text)
    if "is cuda available" in values:
        ln, val = values["is cuda available"]
        b = boolean(val)
        if b is not None:
            d.set("torch.build.runtime.cuda_available", b, ln.no, ln.text)
            d.sees("torch", "rocm" if hip else "cuda", b, ln.no, ln.text)
    if "is xpu available" in values:
        ln, val = values["is xpu available"]
        b = boolean(val)
        if b is not None:
            d.set("torch.build.runtime.xpu_available", b, ln.no, ln.text)
            d.sees("torch", "xpu", b, ln.no, ln.text)


def _host(values: dict[str, tuple[Line, str]], d: Draft) -> None:
    py_machine = None
    if "os" in values:
        ln, val = values["os"]
        if not empty(val):
            info = os_description(val)
            if "os" not in info and re.search(r"\((x86_64|aarch64|arm64|ppc64le|s390x)\)\s*$", val):
                info["os"] = "linux"  # collect_env adds "(machine)" only on Linux and macOS; macOS says so
            for k in ("os", "os_version", "distro", "distro_id"):
                if k in info:
                    d.set(f"host.{k}", info[k], ln.no, ln.text)
            py_machine = info.get("arch")
    if "python platform" in values:
        ln, val = values["python platform"]
        info = platform_string(val)
        system.apply_platform(info, d, ln, os_version_priority=TOOL - 1 if info.get("os") == "darwin" else TOOL)
        py_machine = py_machine or info.get("arch")
    if py_machine:
        line = values.get("os", values.get("python platform"))[0]
        d.set("python.machine", py_machine, line.no, line.text)
        d.set("host.arch", py_machine, line.no, line.text, priority=TOOL - 1)  # Rosetta: see system.settle
    if "python version" in values:
        ln, val = values["python version"]
        system.python_version(val, d, ln)
    if "libc version" in values:
        ln, val = values["libc version"]
        m = re.match(r"glibc-(\d+\.\d+)", val.strip())
        if m:
            d.set("host.libc", f"glibc {m.group(1)}", ln.no, ln.text)


def _gpus(lines: Sequence[Line], values: dict[str, tuple[Line, str]], d: Draft, torch_ok: bool) -> None:
    hip = d.get("torch.build.hip")
    if "gpu models and configuration" in values:
        ln, val = values["gpu models and configuration"]
        entries = [(ln, val)] if val.strip() else []
        if not entries:  # "GPU models and configuration: \nGPU 0: ...\nGPU 1: ..."
            after = [x for x in lines if x.no > ln.no]
            for x in after:
                if re.match(r"^\s*GPU \d+:", x.text):
                    entries.append((x, x.text))
                elif x.text.strip():
                    break
        for x, text in entries:
            if empty(text):
                continue
            m = re.match(r"^\s*GPU (\d+):\s*(.+?)\s*(?:\(UUID:.*)?$", text)
            if m:
                d.gpu(int(m.group(1)), x.no, x.text, kind="rocm" if hip else "cuda", model=m.group(2))
            elif hip or re.search(r"\b(?:AMD|Radeon|Instinct)\b", text):
                g = re.search(r"\((gfx[0-9a-f]+)", text)
                d.gpu(0, x.no, x.text, kind="rocm", vendor="amd", model=re.sub(r"\s*\(gfx.*$", "", text).strip(),
                      gfx_arch=g.group(1) if g else None)
            elif torch_ok:
                d.gpu(0, x.no, x.text, model=text.strip())  # macOS 1.x: torch.cuda.get_device_name()
    if "nvidia driver version" in values:
        ln, val = values["nvidia driver version"]
        if not empty(val):
            d.set("nvidia.driver_version", val.split()[0], ln.no, ln.text)
            if not any(g.vendor == "nvidia" for g in d.gpus):
                d.gpu(None, ln.no, ln.text)  # nvidia-smi printed a driver version: it reached a GPU


def _cpu_block(lines: Sequence[Line], values: dict[str, tuple[Line, str]], d: Draft) -> int:
    """The "CPU:" block: lscpu on Linux, wmic / PowerShell fields on Windows, the brand string on macOS."""
    if "cpu" not in values:
        return 0
    start, _ = values["cpu"]
    block = []
    for x in lines:
        if x.no <= start.no:
            continue
        if x.text.startswith("Versions of relevant libraries") or (not x.text.strip() and block):
            break
        if x.text.strip():
            block.append(x)
    if not block:
        return 0
    if len(block) == 1 and ":" not in block[0].text and "=" not in block[0].text:
        system.cpu_model(block[0].text.strip(), d, block[0], TOOL)  # macOS: "Apple M2 Pro"
    else:
        system.read_cpu_fields(block, d)
    return block[-1].no


def _libraries(lines: Sequence[Line], values: dict[str, tuple[Line, str]], d: Draft) -> int:
    last = 0
    for x in lines:
        m = re.match(r"^\s*\[(pip3?|conda)\]\s+(.*)$", x.text)
        if not m:
            continue
        last = x.no
        d.set("collect_env.libraries", "listed", x.no, x.text)
        body = m.group(2).strip()
        if m.group(1) == "conda":
            pkgs.conda_row(body, x, d)
        else:
            pkgs.freeze_row(body, x, d)
    return last
