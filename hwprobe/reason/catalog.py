"""Questions asked of the release data in matrices/: the one module that knows the row shapes.

Every answer is computed from rows (never a version fact in code), so a new torch, TensorFlow or
CUDA release is a new row. Rows marked `unverified` are never used (Knowledge.usable).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Sequence

from packaging.version import Version

from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.versions import in_range, parse

Row = dict[str, Any]
PLATFORMS = ("linux-x86_64", "linux-aarch64", "windows-x86_64", "darwin-aarch64", "darwin-x86_64")


def plat_key(os_: str, arch: str) -> str:
    return f"{os_}-{arch}"


def _v(text: str | None) -> Version | None:
    return parse(text)


def newest_first(rows: Iterable[Row], key: str = "release") -> list[Row]:
    return sorted(rows, key=lambda r: _v(r[key]) or Version("0"), reverse=True)


# --- CUDA variants -------------------------------------------------------------------------------

def cuda_of_variant(variant: str | None) -> str | None:
    """'cu118' -> '11.8', 'cu92' -> '9.2', 'cu100' -> '10.0'; None for cpu/rocm/xpu/mps."""
    m = re.fullmatch(r"cu(\d+)(\d)", variant or "")
    return f"{int(m.group(1))}.{m.group(2)}" if m else None


def variant_of_cuda(cuda: str | None) -> str | None:
    """'12.6' -> 'cu126', '9.2' -> 'cu92'."""
    v = _v(cuda)
    if v is None or len(v.release) < 2:
        return None
    return f"cu{v.release[0]}{v.release[1]}"


def kind_of_variant(variant: str) -> str:
    """The device kind a build variant serves: cu* -> cuda, rocm* -> rocm, xpu, mps, cpu."""
    if variant.startswith("cu"):
        return "cuda"
    if variant.startswith("rocm"):
        return "rocm"
    return variant  # cpu | xpu | mps


# --- releases ------------------------------------------------------------------------------------

def releases(kb: Knowledge, framework: str) -> list[Row]:
    """Release rows of torch or TensorFlow, newest first."""
    name = "torch_releases" if framework == "torch" else "tf_releases"
    return kb.derived(f"{name}:sorted", lambda k: newest_first(k.usable(name)))


def wheel_rows(kb: Knowledge, package: str) -> list[Row]:
    """A package's release rows in package_wheels (PyPI's file lists), oldest first."""
    return kb.derived(f"package_wheels:{package}", lambda k: sorted(
        (r for r in k.usable("package_wheels") if r["package"] == package), key=lambda r: Version(r["release"])))


def release_of(kb: Knowledge, framework: str, version: str | None) -> Row | None:
    """The row of the release a version belongs to ('2.8.0+cu128' -> the 2.8 row)."""
    if not version:
        return None
    return next((r for r in releases(kb, framework) if in_range(version, r["versions"])), None)


def platform_entry(row: Row, os_: str, arch: str) -> dict[str, Any] | None:
    return row.get("platforms", {}).get(plat_key(os_, arch))


def python_range(row: Row, entry: dict[str, Any] | None) -> str:
    return (entry or {}).get("python") or row["python"]


def python_ok(row: Row, entry: dict[str, Any] | None, python: str | None) -> bool:
    return python is None or in_range(python, python_range(row, entry))


def os_ok(entry: dict[str, Any] | None, os_version: str | None) -> bool:
    """Whether the wheels install on this OS version (macOS wheel tags, e.g. macosx_14_0)."""
    need = (entry or {}).get("min_os")
    return not need or not os_version or (_v(os_version) or Version("0")) >= Version(need)


def source_urls(rows: Iterable[Row | None]) -> tuple[str, ...]:
    out: list[str] = []
    for r in rows:
        if r and r.get("source") and r["source"] not in out:
            out.append(r["source"])
    return tuple(out)


# --- CUDA architectures --------------------------------------------------------------------------

def parse_arch_list(items: Sequence[str] | str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """torch/TF arch flags ('sm_86', 'compute_90', 'sm_90a', '8.6+PTX') -> (sm CCs, ptx CCs).

    Arch-specific targets (sm_90a) run only on that exact CC; they are kept with their suffix."""
    if isinstance(items, str):
        items = items.replace(";", " ").split()
    sm: list[str] = []
    ptx: list[str] = []
    for raw in items or ():
        a = str(raw).strip().lower()
        m = re.fullmatch(r"(sm|compute)_(\d+)(\d)([af]?)", a)
        if m:
            cc = f"{int(m.group(2))}.{m.group(3)}{m.group(4)}"
            (ptx if m.group(1) == "compute" else sm).append(cc)
            continue
        m = re.fullmatch(r"(\d+)\.(\d)(\+ptx)?", a)
        if m:
            cc = f"{int(m.group(1))}.{m.group(2)}"
            sm.append(cc)
            if m.group(3):
                ptx.append(cc)
    return tuple(sm), tuple(ptx)


def _cc(text: str) -> tuple[int, int] | None:
    m = re.fullmatch(r"(\d+)\.(\d+)", text)
    return (int(m.group(1)), int(m.group(2))) if m else None


def covers(cc: str, sm: Sequence[str], ptx: Sequence[str]) -> bool:
    """Whether a GPU of compute capability `cc` can run a binary with these cubins and PTX.

    NVIDIA CUDA C++ Programming Guide, 'Binary Compatibility' and 'PTX Compatibility': a cubin for
    X.y runs on X.z for z >= y (same major only); PTX for A.B is JIT-compiled for any CC >= A.B.
    Arch-specific cubins (sm_90a) run only on exactly that CC."""
    want = _cc(cc)
    if want is None:
        return True
    for s in sm:
        if s.endswith(("a", "f")):
            if _cc(s[:-1]) == want:
                return True
            continue
        have = _cc(s)
        if have and have[0] == want[0] and have[1] <= want[1]:
            return True
    return any((p := _cc(x)) is not None and p <= want for x in ptx)


def torch_arch_row(kb: Knowledge, torch_version: str, variant: str, os_: str, arch: str) -> Row | None:
    plat = plat_key(os_, arch)
    for r in kb.usable("torch_cuda_arch"):
        if r["variant"] == variant and plat in r["platforms"] and in_range(torch_version, r["torch"]):
            return r
    return None


def torch_rocm_row(kb: Knowledge, torch_version: str, variant: str | None) -> Row | None:
    for r in kb.usable("torch_rocm_arch"):
        pat = r["variant"].replace(".", r"\.").replace("*", ".*")
        if in_range(torch_version, r["torch"]) and (variant is None or re.fullmatch(pat, variant)):
            return r
    return None


def rocm_release_row(kb: Knowledge, hip_version: str) -> Row | None:
    """The ROCm release row (AMD's supported gfx targets) of a HIP/ROCm version ('6.3.42131-fa1d09cbd' -> 6.3)."""
    m = re.match(r"(\d+)\.(\d+)", hip_version or "")
    if not m:
        return None
    return next((r for r in kb.usable("rocm_releases") if in_range(f"{m.group(1)}.{m.group(2)}", r["rocm"])), None)


# --- drivers -------------------------------------------------------------------------------------

def driver_os(os_: str, wsl: bool = False) -> str:
    """Which column of the driver tables applies: under WSL the driver is the Windows one."""
    return "windows" if (os_ == "windows" or wsl) else "linux"


def min_driver(kb: Knowledge, cuda: str, table_os: str) -> tuple[str | None, Row | None]:
    """The minimum driver of a CUDA toolkit minor ('12.8', linux) and the row it comes from."""
    v = _v(cuda)
    if v is None:
        return None, None
    key = f"{v.release[0]}.{v.release[1] if len(v.release) > 1 else 0}"
    row = next((r for r in kb.usable("cuda_drivers") if r["cuda"] == key), None)
    return (row.get(table_os) if row else None), row


def mvc_row(kb: Knowledge, cuda: str) -> Row | None:
    return next((r for r in kb.usable("cuda_compat") if in_range(cuda, r["cuda"])), None)


def max_cuda_of_driver(kb: Knowledge, driver: str, table_os: str) -> tuple[str | None, Row | None]:
    """The newest CUDA toolkit whose minimum driver this driver meets (from the driver table)."""
    d = _v(driver)
    best: tuple[Version, Row] | None = None
    if d is None:
        return None, None
    for r in kb.usable("cuda_drivers"):
        need = _v(r.get(table_os))
        if need is not None and d >= need:
            c = Version(r["cuda"])
            if best is None or c > best[0]:
                best = (c, r)
    return (str(best[0]), best[1]) if best else (None, None)


def decode_driver_cuda(found: str) -> str | None:
    """torch's 'found version 11040' (cudaDriverGetVersion: 1000*major + 10*minor) -> '11.4'."""
    try:
        n = int(found)
    except (TypeError, ValueError):
        return None
    return f"{n // 1000}.{(n % 1000) // 10}" if n >= 1000 else None


@dataclass(frozen=True)
class DriverCheck:
    """Whether a driver runs code built with a given CUDA version, and why."""

    ok: bool | None  # None: not enough known about the driver
    native: bool  # the driver's own CUDA version is at least the build's (no minor-version limits)
    build_cuda: str
    driver: str | None
    driver_cuda: str | None  # the newest CUDA the driver supports
    needed: str | None  # the minimum driver for the build, for this OS
    rows: tuple[Row, ...]
    why: str


def check_driver(kb: Knowledge, build_cuda: str, table_os: str, driver: str | None = None,
                 driver_cuda: str | None = None) -> DriverCheck:
    """Backward compatibility (a driver runs everything up to its CUDA version) plus, from CUDA 11,
    minor-version compatibility (any driver >= the family minimum runs that family, NVIDIA
    'Minor Version Compatibility')."""
    rows: list[Row] = []
    if driver_cuda is None and driver:
        driver_cuda, r = max_cuda_of_driver(kb, driver, table_os)
        if r:
            rows.append(r)
    need, need_row = min_driver(kb, build_cuda, table_os)
    if need_row:
        rows.append(need_row)
    mvc = mvc_row(kb, build_cuda)
    b, dc = _v(build_cuda), _v(driver_cuda)
    if b is None or (dc is None and not driver):
        return DriverCheck(None, False, build_cuda, driver, driver_cuda, need, tuple(rows), "driver not known")
    if dc is not None and (dc.release[:2] >= b.release[:2]):
        return DriverCheck(True, True, build_cuda, driver, driver_cuda, need, tuple(rows),
                           f"the driver supports CUDA {driver_cuda} >= {build_cuda}")
    if mvc is not None:
        rows.append(mvc)
        mvc_min = mvc.get(table_os)
        same_major = dc is not None and dc.release[0] == b.release[0]
        if driver and mvc_min and _v(driver) and _v(driver) >= Version(mvc_min):
            return DriverCheck(True, False, build_cuda, driver, driver_cuda, need, tuple(rows),
                               f"minor-version compatibility: driver {driver} >= {mvc_min} runs CUDA {b.release[0]}.x")
        if not driver and same_major:
            return DriverCheck(True, False, build_cuda, driver, driver_cuda, need, tuple(rows),
                               f"minor-version compatibility: a CUDA {driver_cuda} driver runs CUDA {b.release[0]}.x")
        need = mvc_min or need
    have = f"driver {driver}" if driver else f"a driver for CUDA {driver_cuda}"
    return DriverCheck(False, False, build_cuda, driver, driver_cuda, need, tuple(rows),
                       f"{have} cannot run CUDA {build_cuda} code" + (f" (needs >= {need})" if need else ""))


# --- GPU models ----------------------------------------------------------------------------------

def gpu_model(kb: Knowledge, name: str | None, vendor: str | None = None) -> Row | None:
    """The first gpu_models row whose pattern matches the model name, as written or spaced as the vendors write it."""
    if not name:
        return None
    spaced = _spaced_model(name)
    for r in kb.usable("gpu_models"):
        if vendor and r["vendor"] != vendor:
            continue
        if re.search(r["pattern"], name, re.IGNORECASE) or (spaced != name and re.search(r["pattern"], spaced, re.I)):
            return r
    return None


def _spaced_model(name: str) -> str:
    """'rtx3090' -> 'rtx 3090', 'GTX1080Ti' -> 'GTX 1080 Ti', 'RX6800XT' -> 'RX 6800 XT': people type model names
    without the spaces NVIDIA's and AMD's own names have (and the gpu_models patterns follow)."""
    t = re.sub(r"\b(RTX|GTX|GTS|GT|MX|RX)(?=\d)", r"\1 ", name, flags=re.I)
    return re.sub(r"(\d)(Ti|SUPER|XTX|XT|GRE)\b", r"\1 \2", t, flags=re.I)


def cpu_model(kb: Knowledge, name: str | None) -> Row | None:
    """The cpu_models row (a family known to lack AVX) whose pattern matches the CPU's model name."""
    if not name:
        return None
    return next((r for r in kb.usable("cpu_models") if re.search(r["pattern"], name, re.IGNORECASE)), None)


# --- TensorFlow side tables ----------------------------------------------------------------------

def metal_for(kb: Knowledge, tf_version: str) -> Row | None:
    """The tensorflow-metal release made for this TensorFlow (newest first)."""
    rows = newest_first(kb.usable("tf_metal"), key="metal")
    return next((r for r in rows if in_range(tf_version, r["tensorflow"])), None)


def metal_row(kb: Knowledge, metal_version: str) -> Row | None:
    v = _v(metal_version)
    return next((r for r in kb.usable("tf_metal") if _v(r["metal"]) == v), None)


def tf_rocm_for(kb: Knowledge, tf_version: str) -> Row | None:
    return next((r for r in kb.usable("tf_rocm") if in_range(tf_version, r["tensorflow"])), None)


def tpu_rows(kb: Knowledge, framework: str) -> list[Row]:
    return [r for r in kb.usable("tpu") if r["framework"] == framework]


def fix(kb: Knowledge, fix_id: str) -> Row | None:
    return next((r for r in kb.usable("system_fixes") if r["id"] == fix_id), None)
