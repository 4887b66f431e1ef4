"""The machine around the frameworks: platform strings, sw_vers, uname -a, the Python REPL banner,
lscpu / Windows CPU fields, rocminfo agents, `ls -l /dev/kfd`, and paths that name an OS or a Python."""

from __future__ import annotations

import re
from typing import Sequence

from packaging.version import Version

from hwprobe.parse.draft import HINT, TOOL, Draft
from hwprobe.parse.source import Line
from hwprobe.parse.values import arch, platform_string, version
from hwprobe.sense._util import normalize_arch
from hwprobe.sense.cpu import FLAG_ORDER, _LINUX_FLAGS  # one list of flag names for live and pasted CPUs
from hwprobe.sense.environment import NVCC_RELEASE  # one pattern for live and pasted `nvcc --version`

# WMI Win32_Processor.Architecture codes (Microsoft, "Win32_Processor class").
_WMI_ARCH = {"0": "i686", "5": "armv7l", "9": "x86_64", "12": "aarch64"}


def apply_platform(info: dict[str, str], d: Draft, ln: Line, priority: int = TOOL,
                   os_version_priority: int | None = None) -> None:
    for k in ("os", "kernel", "libc", "distro"):
        if k in info:
            d.set(f"host.{k}", info[k], ln.no, ln.text, priority)
    if "os_version" in info:
        d.set("host.os_version", info["os_version"], ln.no, ln.text, os_version_priority or priority)
    if "arch" in info:
        d.set("python.machine", info["arch"], ln.no, ln.text, priority)
        d.set("host.arch", info["arch"], ln.no, ln.text, priority - 1)
    if "wsl" in info:
        d.set("host.wsl", int(info["wsl"]), ln.no, ln.text, priority)
        d.known.add("host.wsl")


def python_version(value: str, d: Draft, ln: Line, priority: int = TOOL) -> None:
    """'3.10.13 | packaged by Anaconda, Inc. | (main, ...) [MSC v.1916 64 bit (AMD64)] (64-bit runtime)'."""
    v = version(value)
    if v is None:
        return
    d.set("python.version", v, ln.no, ln.text, priority)
    m = re.search(r"\((\d+)-bit runtime\)", value)
    if m:
        d.set("python.bits", int(m.group(1)), ln.no, ln.text, priority)
    if re.search(r"anaconda|conda-forge|continuum", value, re.I):
        d.set("python.env_manager", "conda", ln.no, ln.text, HINT)
    if "PyPy" in value:
        d.set("python.implementation", "PyPy", ln.no, ln.text, priority)
    elif re.search(r"\[(?:GCC|Clang|MSC)", value):
        d.set("python.implementation", "CPython", ln.no, ln.text, priority)
    if "[MSC" in value:
        d.set("host.os", "windows", ln.no, ln.text, HINT)
        m = re.search(r"\[MSC v\.\d+ (?:32|64) bit \((AMD64|ARM64|Intel)\)\]", value)
        if m:  # the interpreter's own build: "(AMD64)" is an x86_64 Python (CPython's PC/pyconfig.h)
            a = {"AMD64": "x86_64", "ARM64": "aarch64", "Intel": "i686"}[m.group(1)]
            d.set("python.machine", a, ln.no, ln.text, priority)
            d.set("host.arch", a, ln.no, ln.text, HINT)


def _machine_answer(lines: Sequence[Line], i: int, d: Draft) -> None:
    """`platform.machine()` and its answer, on the same line or one of the next three (a REPL's ">>> platform.machine()"
    then "'x86_64'"; "Returned value: `'x86_64'`"; a bare "x86_64" from print()): the interpreter's own architecture."""
    t = lines[i].text
    for ln in [Line(lines[i].no, t[t.index("platform.machine()") + len("platform.machine()"):])] + list(lines[i + 1:i + 4]):
        m = re.search(r"['\"](x86_64|arm64|aarch64|AMD64|i386)['\"]", ln.text)
        if m is None and ln.no != lines[i].no:  # print(platform.machine()) prints it bare, on a line of its own
            m = re.match(r"^\s*(x86_64|arm64|aarch64|AMD64|i386)\s*$", ln.text)
        if m:
            d.set("python.machine", normalize_arch(m.group(1)), ln.no, lines[i].text if ln.no == lines[i].no else ln.text,
                  TOOL - 1)
            return


def _ultralytics(m: re.Match, d: Draft, ln: Line) -> None:
    """What Ultralytics' banner states: the Python, the torch that imported, and the CUDA device it chose. Of two
    banners (an old environment that worked, a new one that does not), the newer Ultralytics release is the
    environment the paste is about: it replaces the older banner's facts."""
    v = re.search(r"(?:Ultralytics|YOLO)v?\s?(\d+(?:\.\d+)+)", ln.text)
    mine = Version(v.group(1)) if v else None
    seen = d.values.get("ultralytics.version")
    priority = TOOL
    if seen is not None:
        if mine is None or mine <= Version(seen.value):
            return
        priority = seen.priority + 1
        cuda = d.device_kinds.get("torch", {}).get("cuda")
        if cuda and cuda[2].line == seen.quote.line:
            del d.device_kinds["torch"]["cuda"]  # the older environment's GPU view
    if mine is not None:
        d.set("ultralytics.version", str(mine), ln.no, ln.text, priority)
    d.set("python.version", m.group("py"), ln.no, ln.text, priority)
    d.set("torch.version", m.group("torch"), ln.no, ln.text, priority)
    d.set("torch.status", "ok", ln.no, ln.text, priority)
    if m.group("kind") == "CUDA":
        d.gpu(int(m.group("index")), ln.no, ln.text, model=m.group("gpu").strip(),
              memory_bytes=int(m.group("mib")) * 2**20 if m.group("mib") else None)
        d.sees("torch", "cuda", True, ln.no, ln.text, m.group("gpu").strip())
    d.section("ultralytics", ln.no, ln.no)


def cpu_model(model: str, d: Draft, ln: Line, priority: int = TOOL) -> None:
    model = " ".join(model.split())
    d.set("cpu.model", model, ln.no, ln.text, priority)
    low = model.lower()
    vendor = ("Apple" if low.startswith("apple") else "GenuineIntel" if "intel" in low else
              "AuthenticAMD" if re.search(r"\bamd\b|ryzen|epyc|threadripper", low) else None)
    if vendor:
        d.set("cpu.vendor", vendor, ln.no, ln.text, priority)
    if vendor == "Apple":
        d.set("cpu.arch", "aarch64", ln.no, ln.text, priority)
        d.set("host.arch", "aarch64", ln.no, ln.text, priority)  # the OS arch of an Apple Silicon Mac
    elif vendor in ("GenuineIntel", "AuthenticAMD"):
        d.set("cpu.arch", "x86_64", ln.no, ln.text, HINT)
        d.set("host.arch", "x86_64", ln.no, ln.text, HINT)


def read_cpu_fields(block: Sequence[Line], d: Draft) -> None:
    """lscpu ("Model name:   ...") or Windows ("Name=..." / "Name: ...") CPU fields."""
    kv: dict[str, tuple[str, Line]] = {}
    for x in block:
        m = re.match(r"^\s*([A-Za-z][\w ()/.-]*?)\s*[:=]\s*(.*)$", x.text)
        if m:
            kv.setdefault(m.group(1).strip().lower(), (m.group(2).strip(), x))
    if "model name" in kv:
        cpu_model(kv["model name"][0], d, kv["model name"][1])
    elif "name" in kv and kv["name"][0]:
        cpu_model(kv["name"][0], d, kv["name"][1])
    vendor_key = "vendor id" if "vendor id" in kv else "vendor_id" if "vendor_id" in kv else None  # lscpu, /proc/cpuinfo
    if vendor_key:
        d.set("cpu.vendor", kv[vendor_key][0], kv[vendor_key][1].no, kv[vendor_key][1].text)
    elif "manufacturer" in kv:
        d.set("cpu.vendor", kv["manufacturer"][0], kv["manufacturer"][1].no, kv["manufacturer"][1].text)
    if "architecture" in kv:
        val, x = kv["architecture"]
        a = _WMI_ARCH.get(val) if val.isdigit() else arch(val)
        if a:
            d.set("cpu.arch", a, x.no, x.text)
            d.set("host.arch", a, x.no, x.text)
    if "flags" in kv and kv["flags"][1].no != d.cut_line:  # a Flags line cut by the paste's end is partial:
        val, x = kv["flags"]                                # its missing "avx" would be invented
        found = {_LINUX_FLAGS[f] for f in val.split() if f in _LINUX_FLAGS}
        d.set("cpu.flags", tuple(f for f in FLAG_ORDER if f in found), x.no, x.text)
    if "cpu(s)" in kv and kv["cpu(s)"][0].isdigit():
        d.set("cpu.logical_cores", int(kv["cpu(s)"][0]), kv["cpu(s)"][1].no, kv["cpu(s)"][1].text)
    if "core(s) per socket" in kv and "socket(s)" in kv:
        try:
            n = int(kv["core(s) per socket"][0]) * int(kv["socket(s)"][0])
            d.set("cpu.physical_cores", n, kv["core(s) per socket"][1].no, kv["core(s) per socket"][1].text)
        except ValueError:
            pass
    for key in ("cpu max mhz", "maxclockspeed"):
        if key in kv:
            try:  # lscpu prints "5000,0000" under a decimal-comma locale
                d.set("cpu.frequency_mhz", float(kv[key][0].replace(",", ".")), kv[key][1].no, kv[key][1].text)
                break
            except ValueError:
                pass


# --- the readers of this module ----------------------------------------------------------------------

_PLATFORM = re.compile(r"\b(?:Linux-\d\S*-(?:x86_64|aarch64|ppc64le|s390x|armv7l)|macOS-\d[\d.]*-(?:arm64|x86_64)"
                       r"|Darwin-\d[\d.]*-(?:arm64|x86_64)|Windows-\w+-\d+\.\d+\.\d+)")
# /proc/version: "Linux version 4.4.0-20150-Microsoft (Microsoft@Microsoft.com) (gcc version 5.4.0 ...) #1000-Microsoft"
_PROC_VERSION = re.compile(r"\bLinux version (\d+\.\d+\S*) \(")
_UNAME = re.compile(r"^\s*(?:\$\s*)?(Linux|Darwin)\s+\S+\s+(\d\S*)\s+(#.*|Darwin Kernel Version.*?)\s+"
                    r"(x86_64|aarch64|arm64|ppc64le|s390x|i686|armv7l)(?:\s+\S+)*\s*$")
_UNAME_SRM = re.compile(r"^\s*Darwin\s+\d+\.\d+(?:\.\d+)?\s+(arm64|x86_64)\s*$")
_BANNER = re.compile(r"^\s*Python (\d+\.\d+\.\d+\S*) (?:\|.*?\| )?\((.*)\)\s*(?:\[(.*)\])?")
_BANNER_OS = re.compile(r"\]?\s*(?:::\s*(Anaconda, Inc\.)\s*)?on (linux|darwin|win32|cygwin)\s*$")
_SW_VERS = re.compile(r"^\s*(ProductName|ProductVersion|BuildVersion)\s*:\s*(.+)$")
_KFD_LS = re.compile(r"^\s*(c[rwx-]{9})[.+@]?\s+\d+\s+(\S+)\s+(\S+)\s+\d+,\s*\d+\s+.*?\s(?:/dev/)?(kfd|renderD\d+)\s*$")
_PATH_PY = re.compile(r"[/\\]lib[/\\]python(\d\.\d{1,2})[/\\](?:site|dist)-packages|[/\\]Python(\d)(\d{1,2})[/\\]"
                      r"|[/\\]python(\d\.\d{1,2})[/\\]")
_WIN_PATH = re.compile(r"\b[A-Za-z]:\\(?:Users|Program Files|ProgramData|Python\d|ai|apps|Anaconda|Miniconda)", re.I)


def read(lines: Sequence[Line], d: Draft) -> None:
    sw: dict[str, Line] = {}
    for i, ln in enumerate(lines):
        t = ln.text
        if "-" in t and any(k in t for k in ("Linux-", "macOS-", "Darwin-", "Windows-")) and _PLATFORM.search(t):
            info = platform_string(t)
            if info:
                apply_platform(info, d, ln, TOOL - 1 if info.get("os") == "darwin" else TOOL,
                               os_version_priority=TOOL - 1)
                d.section("platform", ln.no, ln.no)
        if "Linux version " in t and (m := _PROC_VERSION.search(t)):
            _proc_version(m.group(1), d, ln)
        if ("Linux" in t or "Darwin" in t) and (m := _UNAME.match(t)):
            _uname(m, d, ln)
        if t.lstrip().startswith("Darwin") and (m := _UNAME_SRM.match(t)):
            # `uname -srm` ("Darwin 23.5.0 arm64", uv's bug template): arm64 only ever reads so on Apple Silicon
            d.set("host.os", "darwin", ln.no, t)
            if m.group(1) == "arm64":
                d.set("host.arch", "aarch64", ln.no, t, TOOL + 1)
        if "RELEASE_ARM64" in t and "Darwin Kernel Version" in t and not _UNAME.match(t):
            # The Darwin kernel's version string alone (platform.version(), Lightning's collect_env "version:"):
            # an arm64 kernel is Apple Silicon, whatever the Python that printed it runs as (Lightning#16124)
            d.set("host.os", "darwin", ln.no, t)
            d.set("host.arch", "aarch64", ln.no, t, TOOL + 1)
        if "Python " in t and (m := _BANNER.match(t)):
            _banner(m, lines[i + 1] if i + 1 < len(lines) else None, d, ln)
        if ("Product" in t or "BuildVersion" in t) and (m := _SW_VERS.match(t)):
            sw[m.group(1)] = ln
        if ("kfd" in t or "renderD" in t) and (m := _KFD_LS.match(t)):
            _device_node(m, d, ln)
        if "=" in t and (m := _OS_RELEASE.match(t)):
            _os_release(m.group(1), m.group(2), d, ln)
        if "Mach-O" in t and (m := _MACHO.search(t)):
            d.set("host.os", "darwin", ln.no, t)
            d.set("python.machine", "aarch64" if m.group(1) == "arm64" else "x86_64", ln.no, t)
            d.section("file", ln.no, ln.no)
        if ("GHz" in t or "AMD " in t) and (m := _BRAND.match(t)):
            cpu_model(m.group("model"), d, ln, TOOL - 1)
        elif ":" in t and (m := _TYPED_MODEL.match(t)):
            cpu_model(m.group("model"), d, ln, HINT)
        elif "GHz" in t and not d.has("cpu.model") and (m := _BRAND_INLINE.search(t)):
            cpu_model(m.group(0), d, ln, HINT)
        if "Cuda compilation tools" in t and (m := NVCC_RELEASE.search(t)):
            d.set("cuda.toolkit", m.group(2), ln.no, t)  # `nvcc --version`: the system CUDA toolkit
            d.section("nvcc", ln.no, ln.no)
        if "platform.machine()" in t:
            _machine_answer(lines, i, d)
        if "torch" in t and "Python-" in t and (m := _ULTRALYTICS.search(t)):
            _ultralytics(m, d, ln)
        if "cuda-toolkit-" in t and (m := _APT_TOOLKIT.search(t)):
            d.set("cuda.toolkit", f"{m.group(1)}.{m.group(2)}", ln.no, t, HINT)  # NVIDIA's apt package, e.g. cuda-toolkit-11-2
        if "/" in t or "\\" in t:
            _paths(t, d, ln)
    if "ProductVersion" in sw:
        ln = sw["ProductVersion"]
        v = version(ln.text.split(":", 1)[1])
        if v:
            d.set("host.os", "darwin", ln.no, ln.text)
            d.set("host.os_version", v, ln.no, ln.text, TOOL + 1)  # sw_vers is the truth on macOS
            d.set("host.distro", f"macOS {v}", ln.no, ln.text, TOOL + 1)
            nos = [x.no for x in sw.values()]
            d.section("sw_vers", min(nos), max(nos))
    _lscpu(lines, d)
    _rocminfo(lines, d)


_OS_RELEASE = re.compile(r'^\s*(PRETTY_NAME|ID|VERSION_ID)="?([^"]*)"?\s*$')
# Ultralytics' device banner (ultralytics/utils/torch_utils.py select_device): "Ultralytics YOLOv8.1.3 🚀 Python-3.10.11
# torch-2.1.0+cpu CUDA:0 (NVIDIA GeForce RTX 3060, 12288MiB)"; YOLOv5 printed "torch 1.10.0+cu102" with a space.
_ULTRALYTICS = re.compile(r"\b(?:Ultralytics|YOLOv\d)\S*\s.*?Python-(?P<py>\d+\.\d+\.\d+)\s+torch[- ](?P<torch>\d+\.\d+[\w.+]*)"
                          r"(?:\s+(?:(?P<kind>CUDA):(?P<index>\d+)\s*\((?P<gpu>[^,)]+)(?:,\s*(?P<mib>\d+)MiB)?\)))?")
# NVIDIA's apt packages name the toolkit release: `apt-get install cuda-toolkit-11-2` (the CUDA repository's
# cuda-toolkit-X-Y meta-packages, docs.nvidia.com/cuda/cuda-installation-guide-linux, "Meta Packages").
_APT_TOOLKIT = re.compile(r"\b(?:apt|apt-get|dnf|yum)\s+(?:-\S+\s+)*install\b.*?\bcuda-toolkit-(\d{1,2})-(\d)\b")
# `file $(which python)`: the interpreter's own architecture (x86_64 under Rosetta on an M1).
_MACHO = re.compile(r"python[\d.]*:\s+Mach-O 64-bit executable (x86_64|arm64)\b")
# A line that is only a CPU brand string (lscpu, /proc/cpuinfo, lshw "product:", a typed "CPU:" answer).
_BRAND = re.compile(r"^\s*(?:[-*]\s*)?(?:(?:\*\*)?(?:CPU(?: model)?|Processor|product|model name)(?:\*\*)?\s*:\s*)?"
                    r"(?P<model>(?:\d+th Gen )?Intel\s*\(R\)\s*(?:Core|Celeron|Pentium|Xeon|Atom)\S*.*?@\s*\d+(?:\.\d+)?\s*GHz"
                    r"|AMD (?:Ryzen|EPYC|Athlon|Phenom|FX|A\d+)[\w -]*?(?:Processor)?)\s*$", re.I)

# Intel's whole brand string inside a sentence ("running on Win10 Pro, 48 MB RAM, Intel(R) Xeon(R) CPU E5620 @ 2.40GHz",
# gpt4all#1268): its "(R)" marks and the clock make it the CPU's own name, wherever it stands.
_BRAND_INLINE = re.compile(r"Intel\(R\)\s*(?:Xeon|Core|Celeron|Pentium|Atom)(?:\(R\)|\(TM\))?[^@\n]{0,40}?@\s*\d+(?:\.\d+)?\s*GHz")
# A CPU typed by hand after its key, without the brand string's clock ("cpu: celeron n3050", koboldcpp#1260):
# an Intel line name and a model number, enough for cpu_models to match on.
_TYPED_MODEL = re.compile(r"^\s*(?:[-*]\s*)?(?:\*\*)?(?:CPU|Processor)(?:\*\*)?\s*:\s*(?P<model>(?:Intel\s*(?:\(R\)|®)?\s*)?"
                          r"(?:Celeron|Pentium|Atom)(?:\(R\)|®)?\s*(?:Silver\s+|Gold\s+)?(?:CPU\s+)?[A-Z]\d{4}[A-Z]?)\s*$", re.I)


def _os_release(key: str, value: str, d: Draft, ln: Line) -> None:
    """/etc/os-release (os-release(5)): the distribution, as live sensing reads it."""
    d.set("host.os", "linux", ln.no, ln.text)
    if key == "PRETTY_NAME":
        d.set("host.distro", value, ln.no, ln.text, TOOL + 1)
    elif key == "ID":
        d.set("host.distro_id", value, ln.no, ln.text, TOOL + 1)
    else:
        d.set("host.os_version", value, ln.no, ln.text, TOOL + 1)
    d.section("os_release", ln.no, ln.no)


def _proc_version(release: str, d: Draft, ln: Line) -> None:
    """The kernel's own version line: Linux, its release, and under WSL which one (WSL 1's 4.4.0-NNNNN-Microsoft
    kernel is Windows' emulation; WSL 2's are '-microsoft-standard(-WSL2)')."""
    d.section("proc_version", ln.no, ln.no)
    d.set("host.os", "linux", ln.no, ln.text)
    d.set("host.kernel", release, ln.no, ln.text)
    _tegra(release, d, ln)
    if "microsoft" in release.lower():
        d.set("host.wsl", 2 if "wsl2" in release.lower() or "microsoft-standard" in release.lower() else 1,
              ln.no, ln.text)
        d.known.add("host.wsl")


def _tegra(release: str, d: Draft, ln: Line) -> None:
    """NVIDIA's Linux for Tegra kernel ('4.9.253-tegra', '5.10.120-tegra', '5.15.148-tegra'): only Jetson boards run
    it (L4T is the BSP of every JetPack), so the machine is an aarch64 Jetson with its integrated NVIDIA GPU."""
    if re.search(r"-tegra\b", release, re.I):
        if not d.gpus:
            d.gpu(None, ln.no, ln.text, kind="cuda", vendor="nvidia", model="Jetson")
        d.set("host.arch", "aarch64", ln.no, ln.text, HINT)


def _uname(m: re.Match[str], d: Draft, ln: Line) -> None:
    system, release, ver, machine = m.group(1), m.group(2), m.group(3), m.group(4)
    d.section("uname", ln.no, ln.no)
    d.set("host.os", system.lower(), ln.no, ln.text)
    d.set("host.kernel", release, ln.no, ln.text)
    _tegra(release, d, ln)
    a = normalize_arch(machine)
    if system == "Darwin" and "RELEASE_ARM64" in ver:
        d.set("host.arch", "aarch64", ln.no, ln.text, TOOL + 1)  # an arm64 kernel, whatever the shell runs as
        if a == "x86_64":
            d.set("shell.translated", True, ln.no, ln.text)
    else:
        d.set("host.arch", a, ln.no, ln.text)
    if system == "Linux" and "microsoft" in release.lower():
        d.set("host.wsl", 2 if "wsl2" in release.lower() or "microsoft-standard" in release.lower() else 1,
              ln.no, ln.text)
        d.known.add("host.wsl")


def _banner(m: re.Match[str], nxt: Line | None, d: Draft, ln: Line) -> None:
    """The interactive interpreter's first lines: 'Python 3.6.3 (default, ...) \\n[GCC 7.2.0] on linux'."""
    rest = ln.text[m.end():] + " " + (nxt.text if nxt else "")
    o = _BANNER_OS.search(rest) or _BANNER_OS.search(ln.text)
    # A launcher that prints sys.version (stable-diffusion-webui: "Python 3.11.1 (tags/v3.11.1:a7a450f, Dec  6 2022,
    # 19:58:39) [MSC v.1934 64 bit (AMD64)]") shows no "on win32", but the MSC compiler tag is a Windows CPython's.
    msc = re.search(r"\[MSC v\.\d+ (32|64) bit \((AMD64|ARM64|Intel)\)\]", ln.text[m.end(1):])
    if o is None and "Type \"help\"" not in rest and msc is None:
        return
    d.set("python.version", m.group(1), ln.no, ln.text)
    d.section("platform", ln.no, nxt.no if nxt else ln.no)
    if o:
        d.set("host.os", {"linux": "linux", "darwin": "darwin", "win32": "windows", "cygwin": "windows"}[o.group(2)],
              ln.no, ln.text)
        if o.group(1) or "anaconda" in ln.text.lower() or "conda-forge" in ln.text.lower():
            d.set("python.env_manager", "conda", ln.no, ln.text, HINT)
    if msc and o is None:
        d.set("host.os", "windows", ln.no, ln.text, HINT)
    if msc and msc.group(1) == "32":
        d.set("python.bits", 32, ln.no, ln.text)
    comp = m.group(3) or (nxt.text if nxt else "")
    a = re.search(r"\[MSC v\.\d+ (?:32|64) bit \((AMD64|ARM64)\)\]", ln.text + " " + comp)
    if a:
        d.set("python.machine", "x86_64" if a.group(1) == "AMD64" else "aarch64", ln.no, ln.text)
    if (msc or re.search(r"\[?(?:GCC|Clang|MSC)", comp)) and "PyPy" not in ln.text:
        d.set("python.implementation", "CPython", ln.no, ln.text)


def _device_node(m: re.Match[str], d: Draft, ln: Line) -> None:
    """`ls -l /dev/kfd`: readable and writable by its owner only means only root can use ROCm."""
    mode, owner, group, node = m.group(1), m.group(2), m.group(3), m.group(4)
    d.section("ls_dev", ln.no, ln.no)
    others_rw = mode[7:9] == "rw"
    group_rw = mode[4:6] == "rw"
    status = "ok" if others_rw else "no_permission"
    detail = None if others_rw else (f"/dev/{node} is {mode} {owner}:{group}: only {owner}"
                                     + (f" and the {group} group" if group_rw else "") + " may open it")
    d.gpu(None, ln.no, ln.text, kind="rocm", vendor="amd")
    if status != "ok":
        d.set("gpu.amd.status", status, ln.no, ln.text)
        d.set("gpu.amd.detail", detail, ln.no, ln.text)


def _paths(t: str, d: Draft, ln: Line) -> None:
    """Paths in tracebacks and logs: the Python version of a site-packages, a Windows drive, a macOS home."""
    m = _PATH_PY.search(t)
    if m:
        v = m.group(1) or (f"{m.group(2)}.{m.group(3)}" if m.group(2) else m.group(4))
        d.set("python.version", v, ln.no, ln.text, HINT)
    if _WIN_PATH.search(t) or re.search(r"\bsite-packages\\|\\Lib\\site-packages", t):
        d.set("host.os", "windows", ln.no, ln.text, HINT)
    elif re.search(r"(?:^|[\s\"'(])/Users/[^/\s]+/|/opt/homebrew/|/Library/Frameworks/Python", t):
        d.set("host.os", "darwin", ln.no, ln.text, HINT)
        if "/opt/homebrew/" in t:
            d.set("host.arch", "aarch64", ln.no, ln.text, HINT)  # Homebrew's prefix on Apple Silicon
    elif re.search(r"(?:^|[\s\"'(])/(?:home|usr/local/lib|usr/lib|opt/conda)/", t) \
            and not re.search(r"(?:^|[\s\"'(])/usr/local/lib/python[\d.]+/site-packages/", t):
        # /usr/local/lib/pythonX.Y/site-packages is Homebrew's prefix on an Intel Mac as well as a source-built
        # Python's on Linux (Debian's own Pythons use dist-packages), so it names no OS (pytorch_Realtime...#14)
        d.set("host.os", "linux", ln.no, ln.text, HINT)
    if re.search(r"/usr/lib/wsl/lib\b", t):
        d.set("host.wsl", 2, ln.no, ln.text, HINT)  # the driver's libraries, mapped in by WSL2
        d.known.add("host.wsl")
    if re.search(r"(?:[/\\](?:ana|mini)conda\d?[/\\]|[/\\]miniforge\d?[/\\]|[/\\]mambaforge[/\\]|[/\\]\.conda[/\\])",
                 t, re.I):
        d.set("python.env_manager", "conda", ln.no, ln.text, HINT)
        m2 = re.search(r"[/\\]envs[/\\]([^/\\\s]+)[/\\]", t)
        if m2:
            d.set("python.conda_env", m2.group(1), ln.no, ln.text, HINT)
    elif re.search(r"[/\\](?:venv|\.venv|env)[/\\](?:lib|Lib|bin|Scripts)[/\\]", t):
        d.set("python.venv", True, ln.no, ln.text, HINT)
        d.set("python.env_manager", "venv", ln.no, ln.text, HINT)


def _lscpu(lines: Sequence[Line], d: Draft) -> None:
    """A standalone lscpu, or /proc/cpuinfo ("model name\t: ...", "flags\t\t: fpu vme ..."); collect_env's CPU
    block is read by collect_env."""
    if d.has("cpu.model") and d.has("cpu.flags"):
        return
    idx = [i for i, ln in enumerate(lines) if re.match(r"^\s*(?:Model name|Flags)\s*:\s+\S", ln.text, re.I)]
    if not idx:
        return
    lo, hi = idx[0], idx[-1]
    while lo > 0 and re.match(r"^\s*[A-Za-z][\w ()/.-]*?[ \t]*:\s", lines[lo - 1].text):
        lo -= 1
    block = list(lines[lo:hi + 1])
    # lscpu's own keys, /proc/cpuinfo's, or an x86 flags list: the kernel prints the X86_FEATURE bits in
    # order, bit 0 (fpu) first (arch/x86/kernel/cpu/proc.c), so "flags : fpu vme ..." is a CPU's flags line.
    if not any(re.match(r"^\s*(?:Architecture|CPU\(s\)|Vendor ID|vendor_id|processor|cpu family)\s*:", x.text)
               or re.match(r"^\s*flags\s*:\s*fpu\s", x.text, re.I) for x in block):
        return
    read_cpu_fields(block, d)
    d.section("lscpu", block[0].no, block[-1].no)


def _rocminfo(lines: Sequence[Line], d: Draft) -> None:
    """rocminfo agents: 'Name: gfx1030' with 'Marketing Name: ...' and 'Device Type: GPU'."""
    agent: dict[str, tuple[str, Line]] = {}

    def flush() -> None:
        name = agent.get("name", ("", None))[0]
        if agent.get("device type", ("",))[0].upper() == "GPU" and re.match(r"gfx[0-9a-f]+$", name):
            ln = agent["name"][1]
            model = agent.get("marketing name", (None,))[0]
            d.gpu(None, ln.no, ln.text, kind="rocm", vendor="amd", gfx_arch=name, model=model)
            nos = [x[1].no for x in agent.values()]
            d.section("rocminfo", min(nos), max(nos))
        agent.clear()

    for ln in lines:
        if re.match(r"^\s*\*{5,}\s*$", ln.text) or re.match(r"^\s*Agent \d+\s*$", ln.text):
            flush()
            continue
        m = re.match(r"^\s*(Name|Marketing Name|Vendor Name|Device Type)\s*:\s*(.+?)\s*$", ln.text)
        if m:
            agent.setdefault(m.group(1).lower(), (m.group(2), ln))
        isa = re.match(r"^\s*Name:\s*amdgcn-amd-amdhsa--(gfx[0-9a-f]+)\b", ln.text)
        if isa and not any(g.gfx_arch == isa.group(1) for g in d.gpus):
            # a GPU agent's ISA ("ISA Info: ... Name: amdgcn-amd-amdhsa--gfx1031"): only GPUs have an amdgcn ISA, so
            # a rocminfo cut before its agent's own Name line still names the GPU's target
            d.gpu(None, ln.no, ln.text, kind="rocm", vendor="amd", gfx_arch=isa.group(1))
            d.section("rocminfo", ln.no, ln.no)
    flush()


def settle(d: Draft) -> None:
    """What follows from several lines together: an x86_64 Python on an Apple Silicon Mac runs under Rosetta 2."""
    if d.get("host.os") == "darwin":
        apple = d.get("cpu.vendor") == "Apple" or d.get("host.arch") == "aarch64"
        machine = d.get("python.machine")
        if apple and machine == "x86_64":
            q = d.quote("python.machine")
            d.set("python.is_rosetta", True, q.line, q.text)
            d.set("host.arch", "aarch64", q.line, q.text, TOOL + 2)
        elif machine == "aarch64":
            q = d.quote("python.machine")
            d.set("python.is_rosetta", False, q.line, q.text)
    if d.get("host.os") == "linux" and "host.wsl" not in d.known and d.has("host.kernel"):
        d.known.add("host.wsl")  # a Linux kernel string without "microsoft": not WSL
