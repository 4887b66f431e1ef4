"""hwprobe doctor's own terminal and Markdown reports, pasted back into a bug report: read into the facts they show.

The shapes are the renderers' own (render/terminal.py, render/markdown.py, render/_words.py), so this reader and
they change together; a round trip over every recorded machine in tests/machines keeps them in step. What those
reports never print (CPU flags, a working framework's stderr, the OS build) stays unknown. The doctor sensed the
WSL, container, accelerator and package facts itself, so a report that shows none of them says there are none.
The findings, advice, benchmark and gates sections are the doctor's own words, not evidence: they are not read,
and no error message is matched in them (Draft.own_words); the findings are diagnosed again from the facts.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from packaging.version import InvalidVersion, Version

from hwprobe.parse.draft import Draft
from hwprobe.parse.source import Line
from hwprobe.render._words import ACCEL_STATUS_LABEL

SECTION = "hwprobe_text"
_HEAD = re.compile(r"^hwprobe (\d+\.\d+\S*)(?:\s+\[(?:live|replay|report|paste): [^\]]*\])?\s*$")
_MD_HEAD = re.compile(r"^#{1,3}\s*hwprobe doctor report\s*$")
_PYTHON = re.compile(r"^Python (\S+)(?: \((.*?)\))? · (.*) · RAM (.*)$")
_CPU = re.compile(r"^(.*) \((\?|\d+) cores / (\?|\d+) threads(?:, (\d+) usable)?(?:, ([\d.]+) GHz)?\)$")
_KIND_VENDOR = {"cuda": "nvidia", "rocm": "amd", "mps": "apple", "tpu": "google", "xpu": "intel"}
_STATUS = {label: status for status, label in ACCEL_STATUS_LABEL.items()}
_FRAMEWORK = re.compile(r"^  (torch|tensorflow|jax)(?: (\S+))?(?: \(([\w.-]+)\))?  "
                        r"(ok|not_installed|import_error|crashed|timeout|error)(?:, import [\d.]+ s)?$")
_MD_FRAMEWORK = re.compile(r"^- \*\*(torch|tensorflow|jax)(?: (\S+))?\*\*(?: \(([\w.-]+)\))?: "
                           r"(ok|not_installed|import_error|crashed|timeout|error)(?:; (.*))?$")
_DEVICE = re.compile(r"^\s*-?\s*(cpu|cuda|rocm|mps|tpu|xpu):(\d+)(?: (.*?))?:?\s+(?:\S+ )?smoke (\w+)")
_SIGNAL = re.compile(r"child process was killed by (SIG[A-Z]+)")
# Terminal headings that start a section of the doctor's own words (findings, advice, benchmark, gates).
_OWN_HEADINGS = ("Findings", "Install advice", "Benchmark (seed CNN", "Gates")
_MD_OWN_HEADINGS = ("### Findings", "### Install advice", "### Benchmark", "### Gates")
_WRAP = 60  # Rich wraps at the console's width (100 when piped): a line this long may continue on the next


def read(lines: Sequence[Line], d: Draft) -> None:
    i = 0
    while i < len(lines):
        t = lines[i].text
        if _HEAD.match(t.strip()) and _python_follows(lines, i):
            i = _terminal(lines, i, d)
        elif _MD_HEAD.match(t.strip()):
            i = _markdown(lines, i, d)
        else:
            i += 1


def _python_follows(lines: Sequence[Line], i: int) -> bool:
    return any(x.text.startswith("Python ") and " · " in x.text for x in lines[i + 2:i + 4])


# --- the terminal report ------------------------------------------------------------------------------------

def _terminal(lines: Sequence[Line], start: int, d: Draft) -> int:
    """Read one terminal report from its `hwprobe X.Y.Z` line; the index of the first line after it."""
    i = start + 1
    machine, i = _joined(lines, i, lambda t: t.startswith("Python "))
    _machine(machine, d)
    python, i = _joined(lines, i, lambda t: t.startswith("Accelerator"))
    _python(python, d)
    _known(d)
    while i < len(lines) and lines[i].text.startswith("Accelerator"):
        accel, i = _joined(lines, i, lambda t: t.startswith("Accelerator") or not t.strip())
        _accelerator(accel, d)
    d.own_words.update(x.no for x in lines[start:i])
    last = i - 1
    section = "matrix"  # the matrix and its notes are computed from the facts read here: not read
    fw: str | None = None
    said: dict[str, list[str]] = {}  # framework -> its warnings (its own words, evidence as live warnings are)
    while i < len(lines):
        t = lines[i].text.rstrip()
        if not t.strip():
            if section in ("frameworks", "gates"):
                nxt = next((x.text for x in lines[i + 1:i + 3] if x.text.strip()), "")
                if not nxt.startswith("Gates"):
                    break  # the report ends at the first blank line after its details (or its gates)
            i += 1
            continue
        if not t.startswith(" "):
            if t.startswith(_OWN_HEADINGS):
                section = "gates" if t.startswith("Gates") else "own"
            elif t == "Frameworks":
                section = "frameworks"
            elif section in ("frameworks", "gates") and not t.startswith(_DETAIL) and not _continues(lines[i - 1].text):
                break  # neither a line of the report nor a wrapped part of the one before
        j = i + 1
        if section == "frameworks":
            # a warning or a failure's detail is the framework's own text, newlines and all
            free = t.lstrip().startswith("warning: ") or (fw is not None and t.startswith("    ") and not _DEVICE.match(t))
            whole, j = _joined(lines, i, _starts_part, free)
            m = _FRAMEWORK.match(t)
            if m:
                fw = _framework(m.group(1), m.group(2), m.group(3), m.group(4), None, whole, d)
            elif whole.text.startswith(_DETAIL):
                _detail_line(whole, d)
            elif fw and whole.text.startswith("build: "):
                _build(fw, whole.text[len("build: "):], whole, d)
            elif fw:
                _framework_part(fw, whole, d, said.setdefault(fw, []))
        d.own_words.update(x.no for x in lines[i:j])
        last, i = j - 1, j
    for name, texts in said.items():
        if texts:
            d.set(f"{name}.warnings", tuple(texts), lines[start].no, lines[start].text)
    d.section(SECTION, lines[start].no, lines[max(last, start)].no)
    return max(i, start + 1)


_DETAIL = ("Packages: ", "Environment: ", "System CUDA toolkit: ")


def _starts_part(t: str) -> bool:
    return not t.strip() or t.startswith(("  ", "Gates", "Frameworks") + _DETAIL)


def _continues(previous: str) -> bool:
    return len(previous.rstrip()) >= _WRAP


def _joined(lines: Sequence[Line], i: int, starts_next: Callable[[str], bool], free: bool = False) -> tuple[Line, int]:
    """Line i with the lines Rich wrapped it onto (each after a long line, none starting a new part), as one line
    numbered as the first; and the index after it. Rich breaks at a space, so the parts join with one. A `free`
    text (a warning) runs on over its own newlines too, up to the next part."""
    if i >= len(lines):
        return Line(0, ""), i
    parts = [lines[i].text.strip()]
    j = i + 1
    while j < len(lines) and not starts_next(lines[j].text) and (free or _continues(lines[j - 1].text)):
        parts.append(lines[j].text.strip())
        j += 1
    return Line(lines[i].no, " ".join(parts)), j


def _framework_part(fw: str, ln: Line, d: Draft, said: list[str]) -> None:
    """A device line (`cuda:0 NVIDIA ...  ✔ smoke ok`), a warning, or the detail of a failed framework."""
    if _device(fw, ln, d):
        return
    if ln.text.startswith("warning: "):
        said.append(ln.text[len("warning: "):])  # the framework's own words: evidence, as live warnings are
    elif d.get(f"{fw}.status") not in (None, "ok", "not_installed"):
        d.set(f"{fw}.detail", ln.text, ln.no, ln.text)
        s = _SIGNAL.search(ln.text)
        if s:
            d.set(f"{fw}.signal", s.group(1), ln.no, ln.text)


# --- the Markdown report ------------------------------------------------------------------------------------

_MD_FIELD = re.compile(r"^\*\*(Machine|Python / CPU|Accelerators?):\*\*\s*(.*?)\s*$")


def _markdown(lines: Sequence[Line], start: int, d: Draft) -> int:
    """Read one Markdown report from its `## hwprobe doctor report` heading; the index of the first line after it."""
    i, last = start + 1, start
    section = "head"
    fw: str | None = None
    stderr: list[str] | None = None  # inside a failed framework's ```text block
    while i < len(lines):
        ln = lines[i]
        s = ln.text.strip()
        if stderr is not None:
            if s.startswith("```"):
                if fw and stderr:
                    d.set(f"{fw}.stderr_tail", "\n".join(stderr), ln.no, ln.text)
                stderr = None
            else:
                stderr.append(s)  # the framework's own stderr: evidence, as a live one is
        elif s.startswith("## "):
            break
        elif (m := _MD_FIELD.match(s)) and section == "head":
            field, value = m.group(1), _unescape(m.group(2))
            if field == "Machine":
                _machine(Line(ln.no, value), d)
            elif field == "Python / CPU":
                _python(Line(ln.no, value), d)
                _known(d)
            else:
                _accelerator(Line(ln.no, f"{field}: {value}"), d)
        elif s.startswith(_MD_OWN_HEADINGS):
            section = "own"
        elif s.startswith("<details><summary>Frameworks"):
            section = "frameworks"
        elif section == "frameworks":
            if (fm := _MD_FRAMEWORK.match(s)):
                fw = _framework(fm.group(1), fm.group(2), fm.group(3), fm.group(4), fm.group(5), ln, d)
            elif s.startswith("```"):
                stderr = []
            elif s.startswith("- packages: "):
                _packages([p.rsplit(" ", 1) for p in _unescape(s[len("- packages: "):]).split(", ")], ln, d)
            elif s.startswith("- environment: "):
                _variables(re.findall(r"`+ ?(.*?) ?`+(?:, |$)", s[len("- environment: "):]), ln, d)
            elif s.startswith("- system CUDA toolkit: "):
                d.set("cuda.toolkit", _unescape(s[len("- system CUDA toolkit: "):]), ln.no, ln.text)
            elif fw:
                _device(fw, Line(ln.no, _unescape(s)), d)
        d.own_words.add(ln.no)
        last = i
        i += 1
        if s.startswith("</details>") and section == "frameworks":
            break  # the report's last line
    d.section(SECTION, lines[start].no, lines[last].no)
    return max(i, start + 1)


def _device(fw: str, ln: Line, d: Draft) -> bool:
    """`cuda:0 NVIDIA GeForce RTX 4090  ✔ smoke ok (...)` (terminal) or `- cuda:0 NVIDIA ...: smoke ok` (Markdown)."""
    m = _DEVICE.match(ln.text)
    if not m:
        return False
    kind, index, name, smoke = m.group(1), int(m.group(2)), m.group(3), m.group(4)
    d.sees(fw, kind, True, ln.no, ln.text, name or None)
    if smoke != "missing":
        d.smokes[(fw, kind, index)] = smoke
    return True


def _unescape(s: str) -> str:
    """md_cell undone: pipes, brackets and backslashes as the facts had them."""
    return s.replace("&lt;", "<").replace("&gt;", ">").replace("\\|", "|").replace("\\\\", "\\")


# --- shared parts: the lines both reports print the same way ------------------------------------------------

def _machine(ln: Line, d: Draft) -> None:
    """`Ubuntu 22.04 LTS · x86_64 · WSL2 · docker container · CI: github · VM: kvm` (machine_line)."""
    text, line, where = ln.text, ln.no, ln.text
    parts = text.split(" · ")
    name = parts[0].strip()
    if name and name != "unknown OS":
        low = name.lower()
        if low in ("linux", "windows", "darwin"):
            d.set("host.os", low, line, where)
        elif low.startswith("macos"):
            d.set("host.os", "darwin", line, where)
            d.set("host.distro", name, line, where)
            m = re.match(r"macOS (\d+(?:\.\d+)*)", name)
            if m:
                d.set("host.os_version", m.group(1), line, where)
        elif low.startswith("windows"):
            d.set("host.os", "windows", line, where)
            d.set("host.distro", name, line, where)
        else:
            d.set("host.os", "linux", line, where)
            d.set("host.distro", name, line, where)
    if len(parts) > 1 and parts[1].strip() != "unknown arch":
        d.set("host.arch", parts[1].strip(), line, where)
    # The doctor senses WSL and containers itself: where its line names neither, there is neither, and that (0, "")
    # outweighs a guess from prose elsewhere in the paste
    wsl, box = 0, ""
    for p in parts[2:]:
        p = p.strip()
        m = re.fullmatch(r"WSL(\d)", p)
        if m:
            wsl = int(m.group(1))
        m = re.fullmatch(r"(\S+) container", p)
        if m:
            box = m.group(1)
    d.set("host.wsl", wsl, line, where)
    d.set("host.container", box, line, where)


def _python(ln: Line, d: Draft) -> None:
    """`Python 3.11.7 (CPython, venv) · Intel(R) Xeon(R) ... (2 cores / 2 threads, 2.00 GHz) · RAM 23.5 GiB`."""
    text, line, where = ln.text, ln.no, ln.text
    m = _PYTHON.match(text)
    if not m:
        return
    ver, inside, cpu, ram = m.groups()
    if ver != "unknown":
        d.set("python.version", ver, line, where)
    rosetta = "Rosetta 2" in (inside or "")
    for bit in re.sub(r", Rosetta 2 \(x86_64 on Apple Silicon\)|Rosetta 2 \(x86_64 on Apple Silicon\)", "",
                      inside or "").split(", "):
        bit = bit.strip()
        if bit in ("CPython", "PyPy", "IronPython", "Jython", "GraalVM"):
            d.set("python.implementation", bit, line, where)
        elif bit in ("venv", "uv"):
            d.set("python.venv", True, line, where)
            d.set("python.env_manager", bit, line, where)
        elif bit in ("conda", "system"):
            d.set("python.env_manager", bit, line, where)
    if rosetta:
        d.set("python.is_rosetta", True, line, where)
        d.set("python.machine", "x86_64", line, where)
    elif d.get("host.os") == "darwin":
        d.set("python.is_rosetta", False, line, where)  # the doctor checks sysctl.proc_translated on every Mac
    c = _CPU.match(cpu.strip())
    if c:
        model, phys, logical, _, ghz = c.groups()
        if model != "unknown CPU":
            d.set("cpu.model", model, line, where)
        if phys != "?":
            d.set("cpu.physical_cores", int(phys), line, where)
        if logical != "?":
            d.set("cpu.logical_cores", int(logical), line, where)
        if ghz:
            d.set("cpu.frequency_mhz", float(ghz) * 1000, line, where)
    g = re.fullmatch(r"([\d.]+) GiB", ram.strip())
    if g:
        d.set("memory.total_bytes", int(float(g.group(1)) * 2**30), line, where)


def _known(d: Draft) -> None:
    """What the doctor always senses, so a report that shows none says there is none."""
    d.known.update(("host.wsl", "host.container", "accelerators", "environment"))
    d.listed_packages = True  # the doctor lists every package of interest it finds


def _accelerator(ln: Line, d: Draft) -> None:
    """`Accelerator: cuda:0 · NVIDIA ... · 24.0 GiB · compute 8.6 · driver 550.54 · driver supports CUDA 12.4 ·
    [NO WORKING DRIVER: ...]`, or `Accelerators: none found ...` (accelerator_line)."""
    text, line, where = ln.text, ln.no, ln.text
    if not text.startswith("Accelerator: "):
        return  # "none found by the OS or drivers": known by _known, and empty
    body = text[len("Accelerator: "):]
    status = detail = None
    m = re.search(r" · \[([A-Z][A-Z ]+)(?:: (.*))?\]$", body)
    if m and m.group(1) in _STATUS:
        status, detail, body = _STATUS[m.group(1)], m.group(2), body[:m.start()]
    else:
        m = re.search(r" · \((.*)\)$", body)
        if m:
            detail, body = m.group(1), body[:m.start()]
    parts = body.split(" · ")
    km = re.fullmatch(r"(cuda|rocm|mps|tpu|xpu):(\d+|\?)", parts[0].strip())
    if not km:
        return
    kind = km.group(1)
    vendor = _KIND_VENDOR[kind]
    attrs: dict[str, object] = {}
    if len(parts) > 1 and not parts[1].endswith("device (model unknown)"):
        attrs["model"] = parts[1].strip()
    for p in (x.strip() for x in parts[2:]):
        if re.fullmatch(r"[\d.]+ GiB", p):
            attrs["memory_bytes"] = int(float(p.split()[0]) * 2**30)
        elif p.startswith("compute "):
            attrs["compute_capability"] = p[len("compute "):]
        elif re.fullmatch(r"gfx[0-9a-f]+", p):
            attrs["gfx_arch"] = p
        elif p.startswith("driver supports CUDA "):
            d.set("nvidia.max_cuda_supported", p[len("driver supports CUDA "):], line, where)
        elif p.startswith("driver ") and kind == "cuda":
            d.set("nvidia.driver_version", p[len("driver "):], line, where)
    index = int(km.group(2)) if km.group(2) != "?" else None
    d.gpu(index, line, where, kind=kind, vendor=vendor, **attrs)
    if status:
        d.set(f"gpu.{vendor}.status", status, line, where)
    if detail:
        d.set(f"gpu.{vendor}.detail", detail, line, where)


def _framework(name: str, ver: str | None, dist: str | None, status: str, build: str | None, ln: Line,
               d: Draft) -> str:
    d.set(f"{name}.status", status, ln.no, ln.text)
    if ver:
        d.set(f"{name}.version", ver, ln.no, ln.text)
    if dist:
        d.set(f"{name}.distribution", dist, ln.no, ln.text)
    if build:
        _build(name, _unescape(build), ln, d)
    return name


# render/_words.build_summary's words read back: (label, key, value); a label ending in a space is followed by the
# value, which the callable reads. Exact labels come before the prefixes they start with ("CUDA build", "CUDA ").
_BUILD_WORDS: dict[str, tuple[tuple[str, str, object], ...]] = {
    "torch": (("no CUDA", "cuda", None), ("CUDA ", "cuda", str), ("ROCm/HIP ", "hip", str), ("cuDNN ", "cudnn", str),
              ("MPS built", "mps_built", True), ("XPU built", "xpu_built", True), ("archs ", "arch_list", str.split),
              ("CPU ", "cpu_capability", str)),
    "tensorflow": (("no CUDA", "is_cuda_build", False), ("CUDA build", "is_cuda_build", True),
                   ("CUDA ", "cuda_version", str), ("cuDNN ", "cudnn_version", str),
                   ("ROCm build", "is_rocm_build", True), ("XLA", "is_xla_build", True)),
}


def _build(fw: str, summary: str, ln: Line, d: Draft) -> None:
    """build_summary read back: `CUDA 12.1, cuDNN 8902, archs sm_50 sm_80, CPU AVX2, 8 threads`."""
    put: dict[str, object] = {}
    for b in (x.strip() for x in summary.split(", ")):
        if fw == "torch" and (m := re.fullmatch(r"(\d+) threads", b)):
            put["threads"] = int(m.group(1))
            continue
        for label, key, value in _BUILD_WORDS.get(fw, ()):
            if label.endswith(" ") and b.startswith(label):
                put[key] = value(b[len(label):]) if callable(value) else value
                break
            if b == label:
                put[key] = value
                break
    if "cuda_version" in put:
        put.setdefault("is_cuda_build", True)
    if fw == "torch" and "cuda" in put and "hip" not in put:
        put["hip"] = None  # the summary names ROCm whenever the build has it
    if fw == "torch" and d.get("host.os") == "darwin":
        put.setdefault("mps_built", False)  # the summary names MPS whenever the build has it
    for key, value in put.items():
        d.set(f"{fw}.build.{key}", value, ln.no, ln.text)


def _detail_line(ln: Line, d: Draft) -> None:
    text, line, where = ln.text, ln.no, ln.text
    if text.startswith("Packages: "):
        _packages([p.strip().rsplit(" ", 1) for p in text[len("Packages: "):].split(" · ")], ln, d)
    elif text.startswith("Environment: "):
        _variables(re.split(r" (?=[A-Za-z_][A-Za-z0-9_]*=)", text[len("Environment: "):]), ln, d)
    elif text.startswith("System CUDA toolkit: "):
        d.set("cuda.toolkit", text[len("System CUDA toolkit: "):].strip(), line, where)


def _packages(pairs: list[list[str]], ln: Line, d: Draft) -> None:
    for pair in pairs:
        if len(pair) == 2 and _is_version(pair[1]):
            d.package(pair[0], pair[1], ln.no, ln.text)


def _variables(pairs: Sequence[str], ln: Line, d: Draft) -> None:
    for pair in pairs:
        name, eq, value = pair.partition("=")
        if eq and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            d.variables.setdefault(name, value)


def _is_version(s: str) -> bool:
    try:
        Version(s)
    except InvalidVersion:
        return False
    return True

