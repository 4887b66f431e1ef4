"""What a GPU's name says about its vendor: shared by the paste readers and the rules (a torch warning names it)."""

from __future__ import annotations

import re

_NVIDIA = re.compile(
    r"\b(?:NVIDIA|GeForce|Quadro|Tesla|TITAN|Jetson|GRID)\b|\b(?:RTX|GTX|MX)\s?-?\d{3,4}(?:ti|super)?\b"
    r"|\b(?:[AHLBVTPK]\d{1,3}|GH200|GB200|A100|H100|H200|L40S?)\b(?:[- ](?:SXM\d?|PCIE|\d+GB))?", re.I)
_AMD = re.compile(r"\b(?:Radeon|Instinct|FirePro)\b|\bAMD\b.*\b(?:RX\s?)?\d{3,4}\b|\bRX\s?\d{3,4}(?:\s?XTX?)?\b|\bMI\d{2,3}X?\b"
                  r"|\bNavi\s?\d+|\bVega\b", re.I)
_APPLE = re.compile(r"\bApple\s+M\d\b|\bM[1-5]\s+(?:Pro|Max|Ultra)\b", re.I)
_INTEL_IGPU = re.compile(r"\bIntel(?:\(R\)|®)?\s*(?:HD|UHD|Iris)(?:\s*Xe|\s*Plus|\s*Pro)?(?:\s*Graphics)?\b"
                         r"|\bIntel(?:\(R\)|®)?\s+Graphics\b", re.I)


def gpu_vendor(text: str, typed_gpu_field: bool = False) -> str | None:
    """nvidia | amd | apple | intel for a GPU name, None when it names no GPU we can place."""
    if _NVIDIA.search(text):
        return "nvidia"
    if _AMD.search(text):
        return "amd"
    if _APPLE.search(text):
        return "apple"
    if _INTEL_IGPU.search(text):
        return "intel"
    if typed_gpu_field and re.match(r"^\s*\d{3,4}\s?(?:ti|super)?\b", text, re.I):
        return "nvidia"  # "1050ti 4 GB" in the GPU field of a template: a GeForce without its brand
    return None
