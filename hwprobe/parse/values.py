"""Reading values as pasted: versions, yes/no, OS descriptions, GPU names, sizes; None when unsure."""

from __future__ import annotations

import re

from hwprobe.sense._util import normalize_arch
from hwprobe.gpu_names import gpu_vendor  # noqa: F401 - one vendor reading for pastes and rules

# What tools print where they have nothing (collect_env: "Could not collect", "N/A", "No CUDA").
EMPTY = {"", "n/a", "na", "none", "-", "--", "_no response_", "no response", "could not collect", "unknown",
         "not applicable", "null", "no cuda", "nil", "?"}
# A bug template's example left in the answer: "OS: [e.g. Ubuntu 16.04] Mac M1" (nanoporetech/medaka#526).
TEMPLATE_EXAMPLE = re.compile(r"[\[(]\s*e\.\s?g\.?[^\])]*[\])]", re.I)
_MARKUP = re.compile(r"\*\*|__|`|^\s*[-*+]\s+|^#+\s*")
_VERSION = re.compile(r"(?<![\d.])v?(\d+\.\d+(?:\.\d+)*(?:(?:a|b|rc|\.dev|\.post|dev)\d*)*(?:\+[\w.]+)?)(?![\w.]*\d)")


def unmark(text: str) -> str:
    """Markdown emphasis, code ticks and list bullets off; spaces collapsed."""
    return " ".join(_MARKUP.sub("", text).split())


def empty(value: str | None) -> bool:
    return value is None or unmark(value).strip(" .:").lower() in EMPTY


def version(text: str | None) -> str | None:
    """The first version number in text: 'Python 3.8.5 (default, ...)' -> '3.8.5', 'v2.4.0-rc4-...' -> '2.4.0'."""
    if not text:
        return None
    m = _VERSION.search(text)
    return m.group(1) if m else None


def boolean(text: str | None) -> bool | None:
    """True / False / Yes / No as printed by Python and collect_env; None for anything else."""
    if text is None:
        return None
    t = unmark(text).strip(" .!'\"").lower()
    t = re.sub(r"^(?:returns?|is returned|result shows?|->|=>)\s*", "", t)
    t = re.sub(r"\s*(?:is returned|returned)$", "", t)
    if t in ("true", "yes", "1"):
        return True
    if t in ("false", "no", "0"):
        return False
    return None


def tf_version_line(text: str) -> tuple[str | None, bool]:
    """(version, imported): 'v2.4.0-rc4-71-g582c8d236cb 2.4.0' is what the import printed (True)."""
    m = re.search(r"\bv\d+\.\d+\.\d+\S*-g[0-9a-f]{6,}\s+(\d+\.\d+\.\d+\S*)", text)
    if m:
        return m.group(1), True
    return version(text), False


# A bare "M" is megabytes only after a number a GPU model's is not: "4096M", not the GeForce "750M" or "940M".
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*(KiB|MiB|GiB|TiB|KB|MB|GB|TB|G)\b|(\d{4,})\s*(M)\b", re.I)
_UNITS = {"k": 2**10, "m": 2**20, "g": 2**30, "t": 2**40}


def size_bytes(text: str | None) -> int | None:
    """'24576MiB' -> bytes; '8GB' is read as GiB, as GPU memory is marketed."""
    m = _SIZE.search(text or "")
    if not m:
        return None
    number, unit = (m.group(1), m.group(2)) if m.group(1) else (m.group(3), m.group(4))
    return int(float(number) * _UNITS[unit[0].lower()])


def arch(text: str | None) -> str | None:
    """x86_64 / arm64 / AMD64 ... normalized as live sensing does; None when not an architecture."""
    if not text:
        return None
    m = re.search(r"\b(x86_64|x86-64|amd64|x64|aarch64|arm64|armv8l?|armv7l|i[3-6]86|ppc64le|s390x|riscv64)\b",
                  text, re.I)
    return normalize_arch(m.group(1)) if m else None


# --- operating systems ---------------------------------------------------------------------------

_LINUX_DISTROS = ("ubuntu", "debian", "centos", "red hat", "rhel", "rocky", "almalinux", "fedora", "arch linux",
                  "manjaro", "opensuse", "suse", "amazon linux", "oracle linux", "linux mint", "mint", "pop!_os",
                  "gentoo", "alpine", "kali", "elementary", "zorin", "nixos", "void", "endeavouros", "garuda",
                  "clear linux", "scientific linux", "raspbian", "deepin", "uos", "kylin", "openeuler", "wsl")


def os_description(text: str) -> dict[str, str]:
    """Facts in an OS description: 'Microsoft Windows 10 Pro', 'macOS 13.2.1 (arm64)', 'Ubuntu 20.04.1 LTS
    (x86_64)', 'Win11', 'KALI LINUX'. Keys: os, os_version, distro, distro_id, arch."""
    t = unmark(text).strip()
    low = t.lower()
    out: dict[str, str] = {}
    a = arch(t)
    if a:
        out["arch"] = a
    # (a chip is no version: "macOS(m3)", pytorch/executorch#3670; macOS versions run from 10)
    m = re.search(r"\b(?:mac\s?os\s?x?|os\s?x|macos)\b[^\d]*?(?<![a-z])(\d+(?:\.\d+){0,2})", low)
    if m and not 10 <= int(m.group(1).split(".")[0]) <= 40:
        m = None
    if m or re.search(r"\bmac\s?os\b|\bmacbook|\bimac\b|\bdarwin\b", low):
        out["os"] = "darwin"
        if m:
            out["os_version"] = m.group(1)
            out["distro"] = f"macOS {m.group(1)}"
        return out
    # (Python's sys.platform "win32", and "win64", name no Windows release: "OS: win32 (Windows 11)", QGIS_AI-Segmentation#97)
    m = re.search(r"\bwin(?:dows)?\s*(?!(?:32|64)\b)(\d+|xp|vista|server\s*\d+)?\b", low)
    if m or re.search(r"\bwin(?:32|64)\b", low):
        out["os"] = "windows"
        if m and m.group(1):
            out["distro"] = f"Windows {m.group(1).title()}"
        name = re.sub(r"^microsoft\s+", "", t, flags=re.I)
        if name.lower().startswith("windows"):
            # "windows11" typed without its space reads as "Windows 11"
            out["distro"] = re.sub(r"^windows(?=\d)", "Windows ", re.sub(r"\s*\(.*$", "", name), flags=re.I)
        return out
    for d in _LINUX_DISTROS:
        if re.search(rf"(?<![\w]){re.escape(d)}(?![\w])", low):
            out["os"] = "linux"
            distro = re.sub(r"\s*\((?:x86_64|aarch64|arm64|ppc64le|s390x)\)\s*$", "", t).strip()
            distro = re.sub(r"^linux\s+(?=\w)", "", distro, flags=re.I)
            out["distro"] = distro
            out["distro_id"] = {"red hat": "rhel", "arch linux": "arch", "linux mint": "linuxmint", "mint": "linuxmint",
                                "pop!_os": "pop", "amazon linux": "amzn", "oracle linux": "ol"}.get(d, d)
            v = version(distro)
            if v is None:
                m2 = re.search(r"\b(\d{2})\b", distro)
                v = m2.group(1) if m2 else None
            if v:
                out["os_version"] = v
            return out
    if re.search(r"\blinux\b|\bgnu/linux\b", low):
        out["os"] = "linux"
    return out


def platform_string(text: str) -> dict[str, str]:
    """platform.platform(): 'Linux-5.15.0-86-generic-x86_64-with-glibc2.35', 'macOS-12.3-arm64-arm-64bit',
    'Windows-10-10.0.19041-SP0'. Keys: os, kernel, arch (the Python's machine), libc, os_version, wsl."""
    out: dict[str, str] = {}
    m = re.search(r"\bLinux-(\S+?)-(x86_64|aarch64|armv7l|ppc64le|s390x|i686|riscv64)(?:-with-(\S+))?(?:\s|$|[),;'\"])",
                  text)
    if m:
        out.update(os="linux", kernel=m.group(1), arch=normalize_arch(m.group(2)))
        if m.group(3):
            g = re.match(r"glibc(\d+\.\d+)", m.group(3))
            if g:
                out["libc"] = f"glibc {g.group(1)}"
        if "microsoft" in m.group(1).lower():
            out["wsl"] = "2" if "wsl2" in m.group(1).lower() or "microsoft-standard" in m.group(1).lower() else "1"
        return out
    m = re.search(r"\b(?:macOS|Darwin)-(\d+(?:\.\d+)*)-(x86_64|arm64|i386)(?:-\w+)*", text)
    if m:
        out.update(os="darwin", arch=normalize_arch(m.group(2)))
        if text[m.start():].startswith("macOS"):
            out["os_version"] = m.group(1)
        else:
            out["kernel"] = m.group(1)
        return out
    m = re.search(r"\bWindows-(\w+)-(\d+\.\d+\.\d+)(?:-\S*)?", text)
    if m:
        out.update(os="windows", os_version=m.group(2))
        build = int(m.group(2).split(".")[2])
        out["distro"] = "Windows 11" if m.group(1) == "10" and build >= 22000 else f"Windows {m.group(1)}"
    return out


# --- GPUs -------------------------------------------------------------------------------------------



# A compute capability written beside a GPU's name: "NVIDIA GeForce GTX 1050 (compute capability 6.1)", "(sm_61)",
# "(CC 8.6)" (digitalsreeni-image-annotator#57).
_STATED_CC = re.compile(r"\s*[(,]\s*(?:compute capability|cc|capability)\s*:?\s*(?P<cc>\d{1,2}\.\d)\s*\)?|"
                        r"\s*[(,]\s*sm_?(?P<sm>\d{2,3})\s*\)?", re.I)


def stated_compute_capability(text: str) -> str | None:
    """The compute capability a GPU's description states beside its name, if any ('(sm_61)' -> '6.1')."""
    m = _STATED_CC.search(unmark(text))
    if not m:
        return None
    return m.group("cc") or f"{int(m.group('sm')[:-1])}.{m.group('sm')[-1]}"


def gpu_model(text: str) -> str:
    """The name without memory sizes and trailing remarks: 'GTX 1080 Ti 11GB' -> 'GTX 1080 Ti'."""
    t = unmark(text)
    t = re.sub(r"\(UUID:.*?\)", "", t)
    t = _STATED_CC.sub("", t)  # "(compute capability 6.1)", "(sm_61)": a remark about the GPU, not its name
    t = re.sub(r"[,;(]?\s*\d+(?:\.\d+)?\s*(?:GB|GiB|G|MB|MiB)\b.*$", "", t, flags=re.I)
    return t.strip(" ,;-()")
