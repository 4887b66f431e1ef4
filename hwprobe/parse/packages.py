"""Installed packages as pasted: `pip list`, `pip freeze`, `conda list`, `pip show`, pip's own
"Successfully installed ..." and "Requirement already satisfied: ... (version)" lines, and the
"[pip3]"/"[conda]" lines of collect_env. Only the distributions live sensing reports are kept
(sense/packages.py), under the same PEP 503 names; conda's `pytorch` is the `torch` distribution.
"""

from __future__ import annotations

import re
from typing import Sequence
from urllib.parse import unquote

from hwprobe.parse.draft import HINT, TOOL, Draft
from hwprobe.parse.source import Line
from hwprobe.sense.packages import is_interesting, normalize

# (pytorch-nightly: the 2018 nightlies' conda package, which installs the same torch module, pytorch#12031)
_CONDA_NAMES = {"pytorch": "torch", "pytorch-cpu": "torch", "pytorch-gpu": "torch", "pytorch-nightly": "torch"}
# Conda packages that are not Python distributions but say how torch was built (conda's own metadata).
_CONDA_EXTRA = {"cudatoolkit", "cpuonly", "pytorch-cuda", "cudnn", "cuda-toolkit", "tensorflow-base"}
_ROW = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s+(\d[\w.+!-]*)(?:\s+(\S+))?(?:\s+(\S+))?\s*$")
_FREEZE = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?\s*===?\s*(\d[\w.+!-]*)\s*$")
# pip's "Downloading torch-2.6.0-cp312-cp312-manylinux1_x86_64.whl" (or the same file at a URL).
_DOWNLOADING = re.compile(r"\bDownloading\s+(?:\S*/)?([A-Za-z0-9_.]+)-(\d[\w.+!%]*?)-(?:cp\d+|py3)-\S*?\.whl")
_AT_URL = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*@\s*\S*?/([A-Za-z0-9_.]+)-(\d[\w.+!%-]*?)-cp\d")


def _name(raw: str, conda: bool = False) -> str:
    n = normalize(raw)
    return _CONDA_NAMES.get(n, n) if conda else n


def _keep(name: str, conda: bool = False) -> bool:
    return is_interesting(name) or (conda and name in _CONDA_EXTRA)


def freeze_row(body: str, x: Line, d: Draft, priority: int = TOOL) -> bool:
    """'torch==1.7.0+cu110' or 'torch @ https://.../torch-2.0.0%2Bcu118-cp310-...whl'."""
    m = _FREEZE.match(body)
    if m:
        name, ver = _name(m.group(1)), m.group(2)
    else:
        m = _AT_URL.match(body)
        if not m:
            return False
        name, ver = _name(m.group(1)), unquote(m.group(3))
    if _keep(name):
        d.package(name, ver, x.no, x.text, priority)
    return True


def conda_row(body: str, x: Line, d: Draft, priority: int = TOOL) -> bool:
    """'pytorch  1.7.0  py3.8_cuda11.0.221_cudnn8.0.3_0  pytorch' (name, version, build, channel)."""
    m = _ROW.match(body)
    if not m:
        return False
    return _conda_package(m.group(1), m.group(2), m.group(3) or "", m.group(4) or "", x, d, priority)


def _conda_package(raw: str, ver: str, build: str, channel: str, x: Line, d: Draft, priority: int) -> bool:
    """One conda package with its build string, which says how conda's torch was built."""
    name = _name(raw, conda=True)
    if normalize(raw) == "python":
        d.set("python.version", ver, x.no, x.text, priority)
        d.set("python.env_manager", "conda", x.no, x.text, priority)
        return True
    plat = re.search(r"(?:^|_)osx(64|arm64)_", build)
    if plat:
        # conda-forge's BLAS builds name their platform ("22_osx64_openblas", "22_osxarm64_openblas"): the env's
        # interpreter is that architecture's (an osx-64 env on an M2 runs under Rosetta, polars#17687)
        d.set("host.os", "darwin", x.no, x.text, HINT)
        d.set("python.machine", "x86_64" if plat.group(1) == "64" else "aarch64", x.no, x.text, HINT)
        if plat.group(1) == "arm64":
            d.set("host.arch", "aarch64", x.no, x.text, HINT)  # an osx-arm64 env runs on Apple Silicon only
    if not _keep(name, conda=True):
        return True
    pip = channel == "pypi" or build.startswith("pypi")
    d.package(name, ver, x.no, x.text, priority, installer="pip" if pip else "conda")
    if channel == "apple":  # Apple's conda channel (tensorflow-deps) publishes osx-arm64 packages only
        d.set("host.os", "darwin", x.no, x.text, HINT)
        d.set("host.arch", "aarch64", x.no, x.text, HINT)
    if name in ("cudatoolkit", "cuda-toolkit") and not pip:
        d.set("cuda.toolkit", ver, x.no, x.text, priority + 1)  # the env's CUDA, which its TensorFlow loads
    if name in _TORCH_COMPANIONS and not pip:
        # a conda build of a package compiled against torch names the torch variant it requires: conda-forge's
        # "cpu_py311h12a0d1d_3" / "cuda112py311h..." (torchani, openmm-torch), the pytorch channel's "py39_cu115"
        # (torchvision); below torch's own row, which says it directly (openmm-ml#60: torchani cpu_py311 only)
        cuda = re.search(r"(?:^|_)cu(?:da)?(\d{2,3})(?=py|_|$)", build)
        if cuda and cuda.group(1) != "0":
            d.set("torch.build.cuda", f"{cuda.group(1)[:-1]}.{cuda.group(1)[-1]}", x.no, x.text, priority - 2)
        elif re.match(r"cpu_", build):
            d.set("torch.build.cuda", None, x.no, x.text, priority - 2)
            d.set("torch.build.hip", None, x.no, x.text, priority - 2)
    if name == "torch" and not pip:
        cuda = re.search(r"cuda(\d+)\.(\d+)|(?<![a-z])cu(\d)(\d)(?!\d)", build)
        # (the pytorch channel's 2018 CPU builds say "cuda0.0_cudnn0.0": no CUDA, pytorch#12031)
        if cuda and (cuda.group(1) or cuda.group(3)) != "0":
            v = f"{cuda.group(1)}.{cuda.group(2)}" if cuda.group(1) else f"{cuda.group(3)}.{cuda.group(4)}"
            d.set("torch.build.cuda", v, x.no, x.text, priority - 1)
        elif cuda or re.search(r"(?:^|_)cpu(?:_|$)", build):
            d.set("torch.build.cuda", None, x.no, x.text, priority - 1)
            d.set("torch.build.hip", None, x.no, x.text, priority - 1)  # conda's CPU build: no ROCm either
    return True


# Packages compiled against one torch build, whose conda build string names its variant (each feedstock's recipe).
_TORCH_COMPANIONS = ("torchvision", "torchaudio", "torchani", "openmm-torch", "pytorch-scatter", "pytorch-sparse",
                     "pytorch-cluster")


# A conda list row: name, version, build string ("py38h44df477_1", "h2229b38_0", "pypi_0", "0"), channel
# ("tensorflow  2.6.0  py38h44df477_1  conda-forge").
_CONDA_BODY = re.compile(r"^\s*[A-Za-z0-9][A-Za-z0-9._-]*\s+\d[\w.+!-]*\s+(?:py\w*|\d+|\w+_\d+)\s+[\w-]+\s*$")


_CONDA_LIST_CMD = re.compile(r"^\s*(?:\(\S+\)\s*)?(?:[$#>]\s*)?conda list(?:\s+-n\s+\S+)?\s*$")


def _conda_run(lines: Sequence[Line], i: int) -> int:
    """How many lines from i on are conda list rows: a list cut before its '# Name Version Build Channel' header."""
    j = i
    while j < len(lines) and _CONDA_BODY.match(lines[j].text):
        j += 1
    return j - i


def read(lines: Sequence[Line], d: Draft) -> None:
    i = 0
    n = len(lines)
    while i < n:
        t = lines[i].text
        if (run := _conda_run(lines, i)) >= 3:
            for x in lines[i:i + run]:
                conda_row(x.text, x, d, TOOL - 1)
            d.section("conda_list", lines[i].no, lines[i + run - 1].no)
            i += run
            continue
        if "conda list" in t and _CONDA_LIST_CMD.match(t):
            # rows right after the typed command, without the header it prints (pytorch#12031): conda's own rows
            j = i + 1
            while j < n and (row := _ROW.match(lines[j].text)) and row.group(3):
                conda_row(lines[j].text, lines[j], d, TOOL - 1)
                j += 1
            if j > i + 1:
                d.section("conda_list", lines[i + 1].no, lines[j - 1].no)
                i = j
                continue
        if re.match(r"^\s*`*\s*Package\s+Version\b", t):  # also right after a code fence's backtick
            i = _table(lines, i + 1, d, "pip_list", conda=False)
            continue
        if re.match(r"^\s*#\s*(?:Name\s+Version\s+Build|packages in environment at)", t):
            m = re.search(r"packages in environment at (.+?):?\s*$", t)
            if m:
                d.set("python.env_manager", "conda", lines[i].no, t)
                env = re.search(r"[/\\]envs[/\\]([^/\\]+)$", m.group(1).strip())
                d.set("python.conda_env", env.group(1) if env else "base", lines[i].no, t)
            i = _table(lines, i + 1, d, "conda_list", conda=True)
            continue
        _one_line(lines[i], d)
        i += 1
    _freeze_block(lines, d)


def _table(lines: Sequence[Line], i: int, d: Draft, kind: str, conda: bool) -> int:
    start, rows = lines[i - 1].no, 0
    while i < len(lines):
        t = lines[i].text
        if re.match(r"^\s*[-=]{3,}[\s-]*$", t) or re.match(r"^\s*#", t) or (not t.strip() and rows == 0):
            i += 1
            continue
        if conda:
            ok = conda_row(t, lines[i], d)
        else:
            m = _ROW.match(t)
            ok = bool(m)
            if m and _keep(_name(m.group(1))):
                d.package(_name(m.group(1)), m.group(2), lines[i].no, t)
        if not ok:
            break
        rows += 1
        i += 1
    if rows:
        d.section(kind, start, lines[i - 1].no)
        if rows >= 15:
            d.listed_packages = True  # a whole environment, not a grep of it
    return i


# A requirements file looks like `pip freeze` but lists wishes, not what is installed: its name, pip's options
# (--extra-index-url, -r ...) and environment markers ("; sys_platform == 'darwin'") never appear in pip freeze.
_REQUIREMENTS = re.compile(r"requirements[\w.-]*\.(?:txt|in)\b|^\s*(?:--(?:extra-)?index-url|--find-links|-[rcf])\s"
                           r"|==\s*[\w.+!-]+\s*;\s*(?:sys_platform|platform_|python_version|os_name)", re.I)


def _freeze_block(lines: Sequence[Line], d: Draft) -> None:
    """`pip freeze` output: runs of 'name==version' lines (two or more, or one interesting one)."""
    run: list[Line] = []
    wishes = False  # inside a pasted requirements file: from its first sign to the next line of something else
    for ln in list(lines) + [Line(-1, "")]:
        if ln.no > 0 and _REQUIREMENTS.search(ln.text):
            wishes = True
            d.wish_lines.add(ln.no)
            run = []
            continue
        if ln.no > 0 and _FREEZE.match(ln.text) and "pip install" not in ln.text:
            if wishes:
                d.wish_lines.add(ln.no)
            else:
                run.append(ln)
            continue
        if ln.no > 0 and not ln.text.strip().strip("`"):
            if not run:
                continue  # blank lines and code fences inside a requirements file keep it open
        elif ln.no > 0:
            wishes = False
        names = [_name(_FREEZE.match(x.text).group(1)) for x in run]
        if len(set(names)) < len(names):  # one package at several versions: versions tried in turn, not a freeze
            d.wish_lines.update(x.no for x in run)
            run = []
        if run and (len(run) >= 2 or _keep(_name(_FREEZE.match(run[0].text).group(1)))):
            for x in run:
                freeze_row(x.text, x, d)
            d.section("pip_list", run[0].no, run[-1].no)
            if len(run) >= 15:
                d.listed_packages = True
        run = []


# conda's install plan, what `conda install` is about to put in the environment: its download table
# ("    pytorch-1.12.1 | py3.8_cpu_0   133.8 MB  pytorch") and its package lists ("  pytorch   pytorch/win-64::pytorch-
# 1.12.1-py3.8_cpu_0", the target after "-->" where a package is updated) (pytorch/pytorch#92273)
_PLAN_DOWNLOAD = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*?)-(\d[\w.+!]*)\s*\|\s*(\S+)\s+\d[\d.]*\s*[KMG]?B\s+(\S+)\s*$")
# (a row set in Markdown italics, "_pytorch   conda-forge/linux-64::pytorch-1.7.1-cpu_py38h36eccb8_2_", TuragaLab/DECODE#202)
_PLAN_LINK = re.compile(r"^\s*_?[A-Za-z0-9][A-Za-z0-9._-]*\s+.*?(?:([\w.-]+)/)?(?:[\w.-]+/)*[\w-]+::([A-Za-z0-9][A-Za-z0-9._-]*?)-"
                        r"(\d[\w.+!]*)-([\w.]*[A-Za-z0-9.])_?\s*$")


def _conda_plan(ln: Line, d: Draft) -> bool:
    """A row of conda's install plan, read as a conda list row at a hint's weight (the install may not finish)."""
    t = ln.text
    m = _PLAN_DOWNLOAD.match(t) if "|" in t else None
    if m:
        return _conda_package(m.group(1), m.group(2), m.group(3), m.group(4), ln, d, HINT + 1)
    m = _PLAN_LINK.match(t) if "::" in t else None
    if m:
        return _conda_package(m.group(2), m.group(3), m.group(4), m.group(1) or "", ln, d, HINT + 1)
    return False


def _one_line(ln: Line, d: Draft) -> None:
    t = ln.text
    if ("|" in t or "::" in t) and _conda_plan(ln, d):
        return
    m = re.search(r"Successfully installed (.+)$", t)
    if m:
        for tok in m.group(1).split():
            p = re.match(r"^(.+?)-(\d[\w.+!]*)$", tok.strip("`'\""))
            if p and _keep(_name(p.group(1))):
                d.package(_name(p.group(1)), p.group(2), ln.no, t)
        d.section("pip_install", ln.no, ln.no)
        return
    m = re.search(r"(?:^\s*|^ERROR:\s+|dependency conflicts\.\s+)([A-Za-z0-9][A-Za-z0-9._-]*) (\d[\w.+!]*) "
                  r"(?:requires|has requirement) .*but you(?: have|'ll have) ([A-Za-z0-9][A-Za-z0-9._-]*) (\d[\w.+!]*\w)", t)
    # pip's resolver names what is installed: the package that requires and the one it found (its explanation and
    # the conflict on one line, MOFA-Video#20; pip 19/20's "has requirement ..., but you'll have", pytorch#87075)
    if m:
        for name, ver in ((m.group(1), m.group(2)), (m.group(3), m.group(4))):
            if _keep(_name(name)):
                d.package(_name(name), ver, ln.no, t)
        d.section("pip_install", ln.no, ln.no)
    m = _DOWNLOADING.search(t)
    if m and _keep(_name(m.group(1))):  # the wheel pip chose: what it is about to install (a hint, it may fail)
        d.package(_name(m.group(1)), unquote(m.group(2)), ln.no, t, HINT)
    m = re.search(r"Successfully uninstalled ([A-Za-z0-9][A-Za-z0-9._]*(?:-[A-Za-z][A-Za-z0-9._]*)*)[- ](\d[\w.+!]*)", t)
    if m and _keep(_name(m.group(1))):  # it was installed beside whatever Python imported
        d.package_versions.setdefault(_name(m.group(1)), [])
        if m.group(2) not in d.package_versions[_name(m.group(1))]:
            d.package_versions[_name(m.group(1))].append(m.group(2))
        d.set(f"uninstalled.{_name(m.group(1))}", m.group(2), ln.no, t)
        return
    m = re.search(r"Requirement already satisfied:\s*([A-Za-z0-9._-]+)(?:\[[^\]]*\])?(?:[<>=!~]=?[^\s]+)?\s+in\s+.+?"
                  r"\((\d[\w.+!]*)\)\s*$", t)
    if m and _keep(_name(m.group(1))):
        d.package(_name(m.group(1)), m.group(2), ln.no, t)
        return
    m = _ROW.match(t)
    if m and m.group(3) is not None and normalize(m.group(1)) in _CONDA_EXTRA:
        conda_row(t, ln, d, TOOL - 1)  # "cudatoolkit  10.0.130  0": a conda list row without its header
        return
    if m and m.group(3) is None and _keep(_name(m.group(1))) and re.match(r"^(?:torch|tensorflow|tensorflow-\w+|numpy|"
                                                                          r"keras|jax|jaxlib)$", _name(m.group(1))):
        d.package(_name(m.group(1)), m.group(2), ln.no, t, HINT)  # "torch 2.5.1" alone on a line


def pip_show(lines: Sequence[Line], d: Draft) -> None:
    """`pip show torch`: 'Name: torch' then 'Version: 2.0.1'."""
    for i, ln in enumerate(lines):
        m = re.match(r"^\s*Name:\s*([A-Za-z0-9._-]+)\s*$", ln.text)
        if not m:
            continue
        for nxt in lines[i + 1:i + 3]:
            v = re.match(r"^\s*Version:\s*(\d[\w.+!]*)\s*$", nxt.text)
            if v and _keep(_name(m.group(1))):
                d.package(_name(m.group(1)), v.group(1), nxt.no, nxt.text)
                d.section("pip_show", ln.no, nxt.no)
