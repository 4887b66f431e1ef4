"""Facts stated as "key: value" and as Python's answers to known expressions.

Three shapes, one vocabulary: environment lists typed into issues ("- **PyTorch Version**: 2.2.0+cu121",
"OS: macOS 26.0", "MPS available?: False"), the interactive interpreter (">>> torch.cuda.is_available()"
then "False"; "In [2]: torch.__version__" then "Out[2]: '1.7.0'"; "print(torch.__version__)" then
"1.8.1+cu102") and code with its result in a comment ("torch.cuda.is_available()  # Returns False").
What Python printed for an expression is a tool's output; a typed list is a person's answer.
"""

from __future__ import annotations

import ast
import re
from typing import Callable, Sequence

from hwprobe.parse import system
from hwprobe.parse.draft import HINT, TOOL, TYPED, Draft
from hwprobe.parse.source import Line
from hwprobe.parse.values import (
    TEMPLATE_EXAMPLE, boolean, empty, gpu_model, gpu_vendor, os_description, platform_string, size_bytes,
    stated_compute_capability, tf_version_line, unmark, version,
)

Handler = Callable[[str, Draft, Line, int], None]


def _torch_version(value: str, d: Draft, ln: Line, p: int) -> None:
    v = version(value)
    if v:
        d.set("torch.version", v, ln.no, ln.text, p)
        if p >= TOOL:
            d.set("torch.status", "ok", ln.no, ln.text, p)


def _tf_version(value: str, d: Draft, ln: Line, p: int) -> None:
    v, imported = tf_version_line(value)
    if not v:
        return
    d.set("tensorflow.version", v, ln.no, ln.text, TOOL if imported else p)
    if imported or p >= TOOL:
        d.set("tensorflow.status", "ok", ln.no, ln.text, TOOL)
    m = re.search(r"\b(tensorflow-(?:gpu|cpu|macos|intel|rocm|aarch64)|tf-nightly(?:-gpu|-cpu)?)\b", value, re.I)
    if m:
        d.set("tensorflow.distribution", m.group(1).lower(), ln.no, ln.text, p)


def _python(value: str, d: Draft, ln: Line, p: int) -> None:
    system.python_version(value, d, ln, p)
    if re.search(r"\bconda\b", value, re.I):
        d.set("python.env_manager", "conda", ln.no, ln.text, HINT)


def _os(value: str, d: Draft, ln: Line, p: int) -> None:
    info = platform_string(value) if re.search(r"\b(?:Linux|macOS|Darwin|Windows)-\d", value) else {}
    if info:
        system.apply_platform(info, d, ln, p, os_version_priority=p - 1 if info.get("os") == "darwin" else p)
        return
    info = os_description(value)
    for k in ("os", "os_version", "distro", "distro_id"):
        if k in info:
            d.set(f"host.{k}", info[k], ln.no, ln.text, p)
    if "arch" in info:
        d.set("host.arch", info["arch"], ln.no, ln.text, p - 1)
    if re.search(r"apple silicon|\bM[1-5]\b", value, re.I):
        d.set("host.arch", "aarch64", ln.no, ln.text, p)
    if re.search(r"\bwsl\s?2\b", value, re.I):
        d.set("host.wsl", 2, ln.no, ln.text, p)
        d.known.add("host.wsl")


def _macos(value: str, d: Draft, ln: Line, p: int) -> None:
    v = version(value)
    if v:
        d.set("host.os", "darwin", ln.no, ln.text, p)
        d.set("host.os_version", v, ln.no, ln.text, p)


def _machine(value: str, d: Draft, ln: Line, p: int) -> None:
    from hwprobe.parse.values import arch

    a = arch(value)
    if a:
        d.set("python.machine", a, ln.no, ln.text, p)
        d.set("host.arch", a, ln.no, ln.text, p - 1)


def gpu(value: str, d: Draft, ln: Line, p: int) -> None:
    """A GPU named by a person or a tool: NVIDIA and AMD ones become accelerators; Apple ones mean MPS."""
    for part in re.split(r"\s*(?:,|;|\band\b|\+|/)\s*(?=\D)", unmark(value)):
        vendor = gpu_vendor(part, typed_gpu_field=True)
        if vendor in ("nvidia", "amd"):
            d.gpu(None, ln.no, ln.text, kind="cuda" if vendor == "nvidia" else "rocm", vendor=vendor,
                  model=gpu_model(part), memory_bytes=size_bytes(part),
                  compute_capability=stated_compute_capability(part) if vendor == "nvidia" else None)
        elif vendor == "apple":
            d.set("host.os", "darwin", ln.no, ln.text, HINT)
            d.set("host.arch", "aarch64", ln.no, ln.text, p)
            d.set("cpu.model", gpu_model(part), ln.no, ln.text, HINT)
        elif vendor == "intel":
            d.set("gpu.intel_integrated", gpu_model(part), ln.no, ln.text, p)


def _cuda(value: str, d: Draft, ln: Line, p: int) -> None:
    m = re.search(r"\bdriver\s*(?:version)?\s*:?\s*(\d{3}\.\d+(?:\.\d+)?)", value, re.I)
    if m:
        d.set("nvidia.driver_version", m.group(1), ln.no, ln.text, p)
    # "10.2.89 / 7.6": a version with the toolkit's build number is copied from nvcc or the toolkit's version file,
    # so it is the system CUDA toolkit (typed, so below what a tool prints). A bare "12.8" is not read: people
    # often type nvidia-smi's "CUDA Version" there, which is the newest CUDA the driver supports, not a toolkit.
    head = re.split(r"cudnn|driver|/", value, maxsplit=1, flags=re.I)[0]
    t = re.search(r"(?<![\d.])(\d{1,2}\.\d{1,2}\.\d+)(?![\d.])", head)
    if t and 7 <= int(t.group(1).split(".")[0]) <= 19:
        d.set("cuda.toolkit", t.group(1), ln.no, ln.text, min(p, TYPED))


def _driver(value: str, d: Draft, ln: Line, p: int) -> None:
    m = re.search(r"\b(\d{3}\.\d+(?:\.\d+)?)\b", value)
    if m:
        d.set("nvidia.driver_version", m.group(1), ln.no, ln.text, p)


def _flag(key: str) -> Handler:
    def handler(value: str, d: Draft, ln: Line, p: int) -> None:
        b = boolean(value)
        if b is not None:
            d.set(key, b, ln.no, ln.text, p)
            fw = key.split(".")[0]
            if p >= TOOL and fw in ("torch", "tensorflow"):
                d.set(f"{fw}.status", "ok", ln.no, ln.text, p)  # Python printed it: the import worked
    return handler


def _sees(framework: str, kind: str) -> Handler:
    def handler(value: str, d: Draft, ln: Line, p: int) -> None:
        b = boolean(value)
        if b is None:
            m = re.match(r"^\s*(\d+)\s*$", value)
            b = int(m.group(1)) > 0 if m else None
        if b is None:
            return
        d.sees(framework, kind, b, ln.no, ln.text)
        if framework == "torch" and kind in ("cuda", "mps"):
            d.set(f"torch.build.runtime.{kind}_available", b, ln.no, ln.text, p)
        if p >= TOOL:
            d.set(f"{framework}.status", "ok", ln.no, ln.text, p)
    return handler


def _device_name(value: str, d: Draft, ln: Line, p: int) -> None:
    name = value.strip().strip("'\"")
    if name and not empty(name):
        d.gpu(0, ln.no, ln.text, model=name)
        d.sees("torch", "cuda", True, ln.no, ln.text, name)
        d.set("torch.status", "ok", ln.no, ln.text, p)


def _arch_list(value: str, d: Draft, ln: Line, p: int) -> None:
    archs = re.findall(r"\b(?:sm|compute)_\d+a?\b", value)
    d.set("torch.build.arch_list", archs, ln.no, ln.text, p)


def _tf_gpus(value: str, d: Draft, ln: Line, p: int) -> None:
    v = value.strip()
    if v == "[]":
        d.set("tensorflow.gpu_seen", False, ln.no, ln.text, p)
    elif "device_type='GPU'" in v or re.match(r"^\s*[1-9]\d*\s*$", v):
        d.set("tensorflow.gpu_seen", True, ln.no, ln.text, p)
    elif re.match(r"^\s*0\s*$", v):
        d.set("tensorflow.gpu_seen", False, ln.no, ln.text, p)
    else:
        return
    if p >= TOOL:
        d.set("tensorflow.status", "ok", ln.no, ln.text, p)


def _numpy(value: str, d: Draft, ln: Line, p: int) -> None:
    v = version(value)
    if v:
        d.package("numpy", v, ln.no, ln.text, p)


def _executable(value: str, d: Draft, ln: Line, p: int) -> None:
    d.set("python.executable", value.strip().strip("'\""), ln.no, ln.text, p)


def _cpu(value: str, d: Draft, ln: Line, p: int) -> None:
    if value.strip("'\"") in ("i386", "arm") and d.get("host.os") == "darwin":
        # platform.processor() on macOS (Lightning's collect_env "processor:"): 'i386' from an x86_64 Python, 'arm'
        # from an arm64 one; the interpreter's view, not the Mac's (Lightning#16124)
        d.set("python.machine", "x86_64" if value.strip("'\"") == "i386" else "aarch64", ln.no, ln.text, p)
        return
    if re.search(r"intel|amd|ryzen|apple|xeon|epyc|core", value, re.I):
        system.cpu_model(unmark(value), d, ln, p)


def _ram(value: str, d: Draft, ln: Line, p: int) -> None:
    n = size_bytes(value)
    if n:
        d.set("memory.total_bytes", n, ln.no, ln.text, p)


def _installed(value: str, d: Draft, ln: Line, p: int) -> None:
    if re.search(r"\bconda\b", value, re.I):
        d.set("python.env_manager", "conda", ln.no, ln.text, HINT)


def _sys_version(value: str, d: Draft, ln: Line, p: int) -> None:
    system.python_version(value.strip("'\""), d, ln, p)


VOCABULARY: dict[str, Handler] = {
    **dict.fromkeys(("pytorch version", "pytorch", "torch version", "torch", "torch.__version__", "pytorch build"),
                    _torch_version),
    **dict.fromkeys(("tensorflow version", "tensorflow", "tf version", "tf.__version__", "tensorflow.__version__",
                     "tf.version.version", "tensor flow version"), _tf_version),
    **dict.fromkeys(("python version", "python", "python3"), _python),
    **dict.fromkeys(("os", "operating system", "os platform and distribution", "system", "os version", "platform",
                     "platform.platform()", "distribution", "linux distribution"), _os),
    **dict.fromkeys(("macos", "macos version", "mac os", "mac os version", "platform.mac_ver()[0]"), _macos),
    **dict.fromkeys(("arch", "architecture", "machine", "platform.machine()"), _machine),
    **dict.fromkeys(("gpu", "gpus", "gpu model and memory", "gpu model", "graphics card", "graphics", "video card",
                     "gpu models"), gpu),
    **dict.fromkeys(("cuda version", "cuda/cudnn version", "cuda"), _cuda),
    **dict.fromkeys(("driver", "driver version", "nvidia driver", "nvidia driver version", "gpu driver",
                     "nvidia-smi driver version"), _driver),
    **dict.fromkeys(("mps built", "is mps built", "mps is built", "torch.backends.mps.is_built()"),
                    _flag("torch.build.mps_built")),
    **dict.fromkeys(("mps available", "is mps available", "mps is available", "torch.backends.mps.is_available()"),
                    _sees("torch", "mps")),
    **dict.fromkeys(("cuda available", "is cuda available", "cuda is available", "torch.cuda.is_available()",
                     "gpu available", "torch cuda available"), _sees("torch", "cuda")),
    **dict.fromkeys(("gpu count", "torch.cuda.device_count()", "device count", "cuda device count"),
                    _sees("torch", "cuda")),
    **dict.fromkeys(("torch.cuda.get_device_name(0)", "torch.cuda.get_device_name()"), _device_name),
    "torch.cuda.get_arch_list()": _arch_list,
    "torch.version.cuda": lambda v, d, ln, p: d.set("torch.build.cuda", None if empty(v.strip("'\"")) else
                                                    version(v), ln.no, ln.text, p),
    **dict.fromkeys(("num gpus available", "gpus available", "number of gpus", "len(tf.config.list_physical_devices('gpu'))",
                     "tf.config.list_physical_devices('gpu')", "tf.config.experimental.list_physical_devices('gpu')",
                     "tf.test.is_gpu_available()"), _tf_gpus),
    **dict.fromkeys(("tf.test.is_built_with_cuda()", "tf.test.is_build_with_cuda()", "built with cuda",
                     "is built with cuda"), _flag("tensorflow.build.is_cuda_build")),
    **dict.fromkeys(("numpy", "numpy version", "np.__version__", "numpy.__version__"), _numpy),
    **dict.fromkeys(("executable", "sys.executable", "python executable", "python path"), _executable),
    **dict.fromkeys(("cpu", "processor", "cpu model"), _cpu),
    **dict.fromkeys(("ram", "memory", "system memory"), _ram),
    **dict.fromkeys(("tensorflow installed from", "installed using", "install", "installed from"), _installed),
    "sys.version": _sys_version,
}


def normalize_key(raw: str) -> str:
    k = unmark(raw).strip().lower()
    k = re.sub(r"^print\((?:f?['\"][^'\"]*['\"],\s*)?(.*)\)$", r"\1", k)
    k = re.sub(r"\s*\((?:e\.g\.|use command|source or|metal performance shader)[^)]*\)", "", k)
    k = k.replace('"', "'").replace(" ", "") if "(" in k and "." in k else k
    return k.strip(" :?=")




def apply(key: str, value: str, d: Draft, ln: Line, priority: int) -> bool:
    h = VOCABULARY.get(normalize_key(key))
    if (example := TEMPLATE_EXAMPLE.match(value.lstrip())):  # the template's example before the answer is no answer
        value = value.lstrip()[example.end():].lstrip()
    if h is None or empty(value):
        return False
    h(value.strip(), d, ln, priority)
    return True


# (a bug template's example stays in the key, commas and all: pytorch's "PyTorch Version (e.g., 1.0): 1.6.0")
_KV = re.compile(r"^\s*(?:[-*+]\s+)?(?:\*\*)?(?P<key>[A-Za-z][\w .()/'\[\]-]{0,60}?(?:\s*\(e\.g\.,?[^()]{0,30}\))?)"
                 r"(?:\*\*)?\s*(?:\?\s*:?|:)\s*"
                 r"(?:\*\*)?\s*(?P<value>\S.*?)\s*$")
_PROMPT = re.compile(r"^\s*(?:>>>|In \[\d+\]:)\s*(?P<expr>\S.*?)\s*$")
_OUT = re.compile(r"^\s*(?:Out\[\d+\]:\s*)?(?P<value>.+?)\s*$")
_COMMENT = re.compile(r"^(?P<code>[^#]*?)\s*#\s*(?P<value>.+?)\s*$")
_EXPRS = tuple(k for k in VOCABULARY if "(" in k or k.count(".") >= 1)


def _expr_key(code: str) -> str | None:
    k = normalize_key(code)
    if k in VOCABULARY:
        return k
    c = code.replace('"', "'").replace(" ", "").lower()
    return next((e for e in _EXPRS if e in c), None)


def read(lines: Sequence[Line], d: Draft) -> None:
    covered = [(s.first_line, s.last_line) for s in d.sections if s.kind in ("collect_env", "tf_env", "tf_template", "hwprobe_text")]
    first = last = None
    for i, ln in enumerate(lines):
        t = ln.text
        if any(a <= ln.no <= b for a, b in covered) and not t.lstrip().startswith((">>>", "In [")):
            continue
        m = _PROMPT.match(t) or (re.match(r"^\s*(?P<expr>print\([^#]*\))\s*$", t) if "print(" in t else None)
        if m:
            key = _expr_key(m.group("expr"))
            if key:
                for nxt in lines[i + 1:i + 4]:
                    if not nxt.text.strip():
                        continue
                    if _PROMPT.match(nxt.text) or re.match(r"^\s*(?:```|~~~|#{1,6}\s)", nxt.text) or _CODE.match(nxt.text):
                        break  # the next prompt, the paste's own Markdown, or more source: nothing printed here
                    out = _OUT.match(nxt.text).group("value")
                    out = re.sub(r"^(?:returns?|return)\s+", "", out, flags=re.I)
                    if boolean(out) is None and boolean(out.split()[-1]) is not None:
                        out = out.split()[-1]  # print(f"Is MPS built? {...}") prints its label first
                    VOCABULARY[key](_literal(out), d, nxt, TOOL)
                    first, last = first or ln.no, nxt.no
                    break
            continue
        if "#" in t and "(" in t:
            c = _COMMENT.match(t)
            key = _expr_key(c.group("code")) if c else None
            if key and c and (boolean(c.group("value")) is not None or c.group("value").strip().startswith("[")):
                val = re.sub(r"^(?:result shows?|returns?)\s*", "", c.group("value"), flags=re.I)
                val = re.sub(r"\s*(?:is returned|returned)\s*$", "", val, flags=re.I)
                VOCABULARY[key](val, d, ln, TYPED)
                continue
        m = _KV.match(t)
        if m and apply(m.group("key"), m.group("value"), d, ln, TOOL if _printed(m.group("key")) else TYPED):
            first, last = first or ln.no, ln.no
    if first is not None:
        d.section("key_values", first, last or first)


# A line of Python source after a print(...) in a pasted script is no output of it (pytorch#2730's example:
# `print(f"ROCm device detected: ...")` then `print(f"VRAM available: ...")`).
_CODE = re.compile(r"^\s*(?:print\(|import\s+\w|from\s+[\w.]+\s+import\s|[A-Za-z_][\w.]*\s*=(?!=)\s*\S)")


def _printed(key: str) -> bool:
    """Keys that only a program prints (collect_env-like scripts): their values are a tool's output."""
    return bool(re.match(r"^(?:is )?(?:mps|cuda) (?:\(.*\) )?(?:built|available)|^num gpus available", key.strip().lower()))


def _literal(text: str) -> str:
    t = text.strip()
    if len(t) >= 2 and t[0] == t[-1] and t[0] in "'\"":
        try:
            return str(ast.literal_eval(t))
        except (ValueError, SyntaxError):
            return t[1:-1]
    return t
