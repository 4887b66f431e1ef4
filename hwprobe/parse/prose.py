"""What people write around their dumps: "I'm on Windows 11 with an RTX 3070", "PyTorch 2.5.1",
`CUDA_VISIBLE_DEVICES=$0 ./demo.py`, `docker run ...`. Weakest evidence (HINT): any tool output
of the same fact wins, and a version is taken only when the prose names a single one.
"""

from __future__ import annotations

import re
from typing import Sequence

from hwprobe.parse.draft import HINT, TOOL, TYPED, Draft, Quote
from hwprobe.parse.keyvalues import gpu
from hwprobe.parse.source import Line
from hwprobe.parse.values import TEMPLATE_EXAMPLE, os_description
from hwprobe.sense._util import normalize_arch

_ENV = re.compile(r"(?:^|[\s`'\"(;]|export\s+|set\s+|\$env:|environ\[['\"])(?P<name>CUDA_VISIBLE_DEVICES|"
                  r"NVIDIA_VISIBLE_DEVICES|HIP_VISIBLE_DEVICES|ROCR_VISIBLE_DEVICES|HSA_OVERRIDE_GFX_VERSION|"
                  r"CUDA_HOME|CUDA_PATH|LD_LIBRARY_PATH|PYTORCH_ENABLE_MPS_FALLBACK|TF_FORCE_GPU_ALLOW_GROWTH)"
                  r"(?:['\"]\])?\s*=\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s`;]+)")
# The value said in words: "an empty `CUDA_VISIBLE_DEVICES`", "CUDA_VISIBLE_DEVICES is set to an empty string", which
# CUDA reads as no devices at all (tobocop2/lilbee#394).
_ENV_EMPTY = re.compile(r"\bempty\s+`?(?P<a>CUDA_VISIBLE_DEVICES|HIP_VISIBLE_DEVICES|ROCR_VISIBLE_DEVICES)\b|"
                        r"\b(?P<b>CUDA_VISIBLE_DEVICES|HIP_VISIBLE_DEVICES|ROCR_VISIBLE_DEVICES)`?\s+(?:is|was|gets|got|being)\s+"
                        r"(?:set\s+(?:to\s+)?)?(?:an?\s+)?(?:empty|blank)\b")
# The same variables in a docker-compose `environment:` map or a Kubernetes env block: "  CUDA_VISIBLE_DEVICES: all".
_ENV_YAML = re.compile(r"^\s*-?\s*(?P<name>CUDA_VISIBLE_DEVICES|NVIDIA_VISIBLE_DEVICES|HIP_VISIBLE_DEVICES|"
                       r"ROCR_VISIBLE_DEVICES|HSA_OVERRIDE_GFX_VERSION)\s*:\s*(?P<value>\"[^\"]*\"|'[^']*'|[^\s#]+)\s*$")
# An OS and its version as people write it; "macOS is `12.7.6`" too, but never a requirement ("MacOS 12.3+",
# torch's "The MPS backend is supported on MacOS 12.3+"): a version followed by "+" is a minimum, not this machine's.
_OS = re.compile(r"\b(?:Windows\s*(?:10|11|7|8\.1|Server\s*\d+)|Win\s?1[01]|Ubuntu[\s-]?\d\d\.\d\d|Debian\s+\d+|"
                 r"CentOS\s+\d+|Fedora\s+\d+|mac\s?OS\s*(?:X\s*)?(?:(?:El Capitan|Yosemite|High Sierra|Sierra|Mojave|Catalina|Big Sur|Monterey|"
                 r"Ventura|Sonoma|Sequoia|Tahoe)\s+(?=\d))?(?:(?:version|is)\s*:?\s*)?"
                 r"`?\d+(?:\.\d+)*(?![\d.]*\+)|"
                 r"Arch Linux)\b", re.I)
# "I am not using Windows 7" (InvokeAI#7520), "not on Windows": a system the machine is not.
_NEGATED_BEFORE = re.compile(r"\b(?:not|n't|never|no longer)\s+(?:(?:using|running|on|in|with)\s+)?(?:an?\s+)?$", re.I)
_MINIMUM_BEFORE = re.compile(r"\b(?:from|since|ab|seit|requires?|needs?|at least|minimum|mindestens|starting(?: with)?)"
                             r"\s+(?:the\s+)?$|>=\s*$", re.I)
_MINIMUM_AFTER = re.compile(r"\s*(?:\+|or (?:later|newer|above|higher)|and (?:later|newer|above)|oder (?:neuer|höher))",
                            re.I)
# A three-part version right after the word ("windows  python 3.11.8   ffmpeg 6.1", MoneyPrinterPlus#81) is an
# installed interpreter too: a wish or a minimum names X.Y, and the clause around it is checked for wishes anyway.
# "Python 3.12 installed on my system" (fastsdcpu#271) says so in words.
_PY_STATED = re.compile(r"^\s*(?:[-*]\s*)?Python(?:\s+version)?\s*(?:[-:=]\s*)?(3\.\d{1,2}(?:\.\d+)?)\s*$|\b(?:using|use|have|with|on)\s+python\s*"
                        r"(?:=|==|\s)\s*`?(3\.\d{1,2}(?:\.\d+)?)\b|\bpython\s+(3\.\d{1,2}\.\d+)\b(?![.\d]|\s*(?:\+|or\s))|"
                        r"\bpython\s+(3\.\d{1,2})\s+(?:is\s+)?installed\b|"  # "Python 3.12 installed on my system"
                        # "My python version is 3.6.13" (Linyou/taichi-ngp-renderer#11), at a line's start or after "my"
                        r"(?:^\s*|\bmy\s+)python\s+version\s+(?:is|was)\s*:?\s*`?(3\.\d{1,2}(?:\.\d+)?)\b|"
                        # the environment the paste's own `conda create ... python=3.12` made (ModelAssistant#279)
                        r"\bconda\s+create\b[^\n`]*?\bpython=(3\.\d{1,2}(?:\.\d+)?)\b|"
                        r"\b(?:downgraded|upgraded|switched|went back)\s+(?:python\s+)?to\s+(?:python\s*)?(3\.\d{1,2}\.\d+)\b|"
                        # "Because there is no mediapipe available for Python 3.12" (krita-ai-diffusion#576)
                        r"\bthere\s+(?:is|are)\s+no\s+[A-Za-z][\w.-]*\s+(?:wheels?\s+)?available\s+for\s+python\s*(3\.\d{1,2})\b",
                        re.I)  # "So I downgraded to 3.10.6" on a line about Python (LoRA_Easy_Training_Scripts#35)
# A Mac model with a year before 2020 ("Mac Pro 2019", "MacBook Pro (Mid 2015)", "iMac 27 late 2013"): an Intel Mac
# (the first Apple silicon Macs came on 2020-11-10:
# https://www.apple.com/newsroom/2020/11/introducing-the-next-generation-of-mac/).
_MAC_BEFORE_2020 = re.compile(r"\b(?:Mac\s?Pro|MacBook(?:\s(?:Pro|Air))?|iMac(?:\sPro)?|Mac\s?mini)\b(?:\s+\d{2}(?:-inch|\")?)?"
                              r"\s*[,(]?\s*(?:(?:early|mid|late)[- ])?(?:200\d|201\d)\b", re.I)
_INTEL_MAC = re.compile(r"\bIntel(?:-based)?\s+(?:\d{4}\s+)?(?:Mac(?:Book(?:\s+(?:Pro|Air))?|\s?mini|\s?Pro)?|iMac)\b|"
                        r"\b(?:Mac(?:Book(?:\s+(?:Pro|Air))?)?|iMac)(?:\s+[\w()-]+){0,3}?\s+\(?(?:\d{4}\s+)?(?:with\s+)?(?:an?\s+)?"
                        r"Intel\b", re.I)  # "an iMac 27 mid-2010 Intel Core i7" (pytorch#29967)
# A zsh/bash prompt on a MacBook: "me@MY-MBP dir %", "user@Users-MacBook-Pro ~ %".
# An Apple Silicon Mac named in prose: "the Mac with the Apple M1 chip", "Macbook pro M1", "an M2 Max MacBook",
# "Apple Silicon". The chip alone ("M1") counts only beside a Mac or Apple word, never after Tesla/Quadro (Tesla M10).
# (read only beside an Apple word, where "an m1 macbook pro" in lower case is the chip too: acronymy-assistant#2)
_APPLE_CHIP = re.compile(r"(?<!Tesla )(?<!Quadro )(?<!for )\b(?:(?i:apple)\s+(?i:m)|(?:Apple\s+)?[Mm])([1-5])(?:\s?((?i:pro|max|ultra)))?(?:\s+chip)?\b(?![-.]\d)")
_APPLE_CHIP_ZH = re.compile(r"苹果\s*(?:电脑\s*)?[Mm]([1-5])(?:\s?((?i:pro|max|ultra)))?")
_AVX_SAID = re.compile(r"(?:支持|supports?|has|have)\s*(?:the\s+)?(?:both\s+)?avx\s*(?:[、,/]|and)\s*avx2(?![a-z0-9])", re.I)
_ON_CHIP = re.compile(r"\b(?:on|my|an|with)\s+(?:an?\s+)?M[1-5](?:\s+(?:Pro|Max|Ultra))?(?:\s+(?:chip|Mac\w*))?\s*(?:[.,;:!?)]|$)")
_APPLE_WORDS = re.compile(r"\b(?:macs?|macos|macbooks?|imacs?|mac\s?mini|mac\s?studio|mac\s?air|macbookair|apple|silicon)\b",
                          re.I)
# "Apple Silicon", and the M chips named without their number: "apple M 芯片" (vocal-separate#15; 芯片 is "chip"),
# "Apple M series", "Apple M-chip".
_APPLE_SILICON = re.compile(r"\bApple\s+Silicon\b|\bApple\s+M[\s-]*(?:芯片|chips?\b|series\b|系列)", re.I)
# An Apple chip said to report an Intel platform: "my M1 Pro reports platform i386" (Lightning#14634), the
# interpreter's view of itself (platform.processor(), platform.machine()) under Rosetta 2.
_TRANSLATED_SAID = re.compile(r"\b(?:reports?|returns?|says|shows?|gives?|prints?)\s+(?:the\s+)?(?:platform|processor|"
                              r"machine|arch(?:itecture)?)?\s*(?:as\s+|of\s+)?[`'\"]?(i386|x86_64)\b", re.I)
# macOS's `arch -x86_64 <program>` runs that program's x86_64 slice, under Rosetta 2 on Apple Silicon (the only Macs
# where anyone types it; https://github.com/RobotLocomotion/drake/blob/v1.10.0/doc/_pages/rosetta2.md):
# "zsh: illegal hardware instruction  arch -x86_64 python" (apple/tensorflow_macos#69).
_ARCH_X86 = re.compile(r"(?<![\w-])arch\s+-x86_64\s+(?:\S*/)?(?:python[\d.]*|ipython|jupyter|zsh|bash|conda|pip[\d.]*|/bin/\w+)\b")
# A Singularity/Apptainer container the program runs in, said in words.
# (also "in the docker," and "within docker", BundleSDF#152 and pySLAM-docker#12: the container without the word)
_IN_A_SIF = re.compile(r"\b(?:in|using|inside|within|from|with)\s+(?:a|an|the|my|our)\s+(singularity|apptainer|docker)(?:\s+"
                       # ("in a docker on my unraid server", faster-whisper#1229)
                       r"(?:container|image|environment)\b|(?=\s*(?:[,.;:!?)]|$))|(?=\s+(?:on|under|with|running)\s))"
                       r"|\b(?:inside|within)\s+(docker)\b(?!\s+(?:hub|desktop|compose|engine)\b)", re.I)
_URL = re.compile(r"https?://\S+")
# A Radeon named by number only, on a line labelled GPU: "GPU :- AMD 6600xt" (a bare "AMD 5600XT" elsewhere may be a
# Ryzen 5 5600XT, so the label must say GPU).
_AMD_GPU_LABELED = re.compile(r"\b(?:GPU|Graphics(?: card)?)\s*[:：=-]+\s*(AMD\s+\d{4}\s?(?:XTX?)?)(?![\w-])", re.I)
# An AMD GPU named without its model: "The amd graphics card I use", "my AMD GPU", "a Radeon card".
# In Chinese, 显卡 is "graphics card" and A卡 an AMD one ("Amd显卡", Comfy-Org/ComfyUI#8638); in Korean, 라데온 is
# Radeon and 그래픽카드 a graphics card ("라데온 GPU", wlsdml1114/diff-svc#3). Chinese puts no space before the brand
# ("不支持AMD显卡", ChatGLM2-6B#426), and a CJK character is a word character, so no \b there.
_AMD_GPU_WORDS = re.compile(r"\b(?:AMD|Radeon)\s+(?:graphics\s+card|GPU|video\s+card|card)s?\b|"
                            r"(?<![A-Za-z])(?:AMD|Radeon)\s*(?:的)?\s*显卡|(?<![A-Za-z])A卡|라데온\s*(?:GPU|그래픽\s*카드|그래픽카드)?", re.I)
# A Kubernetes pod (the container the paste's programs run in): "pods error with nvidia-smi not found", "GKE".
_K8S = re.compile(r"\b(?:k8s|kubernetes|kubectl)\b|\bpods?\b.*\b(?:GKE|EKS|AKS|k8s|kubernetes|daemonset|nvidia\.com/gpu)\b|"
                  r"\b(?:GKE|EKS|AKS)\b.*\bpods?\b", re.I)
# The user's fix, not the state that failed: "I solved it by ...", "fixed it by adding", "works with", "workaround:".
_FIX_SAID = re.compile(r"\b(?:solved|fixed|resolved) (?:it|this|the (?:issue|problem))? ?(?:by|with)\b|\bworks? (?:now )?"
                       r"(?:when|with|after)\b|\bworkaround\b|\bthe (?:fix|solution) (?:is|was)\b", re.I)
_MAC_PROMPT = re.compile(r"\w@[\w-]*(?:-MBP|MacBook(?:-Pro|-Air)?)(?:-\d+)?(?:\.local)?\s+\S+\s*[%$]", re.I)
# "on my Mac", and "I installed PyTorch for MacOS" (a framework's build for the OS is this machine's; Multi-BioNER#9)
_OS_WORD = re.compile(r"\b(?:on|in|use|using|running|my|under|for|(?:py)?torch\s+for|tensorflow\s+for)\s+(?:a\s+)?"
                      r"(windows|linux|ubuntu|macos|mac|os\s?x)\b", re.I)
_OS_OF_WORD = {"windows": "windows", "mac": "darwin", "macos": "darwin", "osx": "darwin"}  # the rest: a Linux
_GPU = re.compile(
    r"\b(?:NVIDIA\s+)?(?:GeForce\s+)?(?:RTX|GTX)\s?-?\d{3,4}(?:\s?(?:Ti|SUPER|Laptop(?: GPU)?|Mobile))*\b"
    r"|\b(?:NVIDIA\s+)?GeForce\s+(?:MX\s?)?\d{3,4}(?:M|MX)?\b"  # a GeForce without RTX/GTX: "GeForce 750M", "MX150"
    r"|\bNVIDIA\s+[1-5][06][5-9]0(?:\s?Ti)?\b"  # and without "GeForce": "I have an nvidia 4060 laptop" (tensorflow#81340)
    r"|\bTesla\s+[A-Z]\d+\w*|\bTITAN\s+[XVZ]\w*|\bQuadro\s+(?!(?:drivers?|cards?|GPUs?|series|in|and|or)\b)\w+|\bJetson(?:\s+(?:AGX\s+)?(?:Orin|Xavier|Nano|TX[12]|Thor|T[45]000)\b(?:\s+(?:NX|Nano)\b)?)?"
    r"|\b(?:AMD\s+)?Radeon\s+(?:RX\s?)?\w+(?:\s?XTX?)?|\bRX\s?\d{3,4}(?:\s?XTX?)?\b|\bAMD\s+\d{3}(?:\s+series)?\b"
    r"|\bInstinct\s+MI\d+\w*", re.I)
# "JetPack 6.0", "Jetpack<6", "jetpack 4.6.1": the SDK's name with a release (a bare word may name the docs)
_JETPACK = re.compile(r"\bjet\s?pack\s*(?:[<>=]=?|version)?\s*[v]?\d", re.I)
# /proc/driver/nvidia/version's first line: "NVRM version: NVIDIA UNIX x86_64 Kernel Module  460.80  Fri May  7 ...".
_NVRM = re.compile(r"NVRM version: NVIDIA UNIX (?:Open Kernel Module for )?\w+ Kernel Module\s+(\d{3}\.\d+(?:\.\d+)?)\b|"
                   r"NVRM version: NVIDIA UNIX Open Kernel Module for \w+\s+(\d{3}\.\d+(?:\.\d+)?)\b")
# An NVIDIA driver version in prose: "NVIDIA Graphics Driver 388.73", "nvidia driver version is 470.82.01", "my CUDA
# driver is 570.133.20", "the latest NVIDIA drivers (version: 576.57)" (NVIDIA's own versions: three digits, then two
# or three, then two; a full stop may follow).
_DRIVER = re.compile(r"(?:\b(?:NVIDIA|GeForce|Game Ready)\b[^.\n]{0,30}?|\bCUDA\s+)\bdrivers?\b\s*\(?(?:version\s*)?(?:is\s*)?[:=]?\s*"
                     r"v?(\d{3}\.\d{2,3}(?:\.\d{2})?)(?!\d|\.\d)", re.I)
# An AMD GPU's LLVM target ("gfx1151", "gfx90a"): ROCm's name for the GPU, used by AMD GPUs only
# (https://llvm.org/docs/AMDGPUUsage.html#processors).
_GFX = re.compile(r"(?<![\w-])(gfx\d{3,4}[a-z]?)(?![\w-])", re.I)
# A torch version with its build label, quoted without the word torch ("System Info ... 2.0.0+cpu"): the local labels
# +cpu, +cuNNN and +rocmX are PyTorch's own (torchvision's 0.x and torchaudio's are excluded by the word before).
# (a nightly keeps its date: "2.13.0.dev20260531+rocm7.2"; CJK text may touch the version on either side)
_TORCH_LOCAL = re.compile(r"(?<![A-Za-z0-9_.])([12]\.\d{1,2}\.\d{1,2}(?:\.dev\d{8})?\+(?:cpu|cu\d{2,3}|rocm\d+(?:\.\d+)*))\b")
# Any case: people write "Tensorflow version = 1.14", "pytorch 1.7.1" as often as the projects' own spelling; a name
# after a hyphen is another package's ("adabelief-pytorch: 0.2.1", Lightning#14634; "onnx-tf 1.10").
_FW_VERSION = {
# A pre-release keeps its tag ("2.4.0rc0", "2.0.0.dev20230301"), rather than being cut back to "2.4".
    "torch": re.compile(r"(?<![\w-])(?:PyTorch|torch)(?:\s+version)?(?:\s+(?:is|=))?\s*:?\s*v?"
                        r"(\d+\.\d+(?:\.\d+)?(?:(?:a|b|rc)\d+|\.dev\d+)?(?:\+\w+(?:\.\d+)*)?)(?!\w|\.\d)", re.I),
    "tensorflow": re.compile(r"(?<![\w-])(?:TensorFlow|tf)(?:-gpu)?(?:\s+version)?(?:\s+(?:is|=))?\s*:?\s*v?"
                             r"(\d+\.\d+(?:\.\d+)?(?:-?rc\d+|\.dev\d+)?)(?!\w|\.\d)", re.I),
}
# A CPU-only torch said in words: what was installed or is in use, not the error's "if you are running on a CPU-only
# machine" (a machine, not a build).
_TORCH_CPU_SAID = re.compile(r"\b(?:install(?:s|ed)?|got|gets|ha(?:s|ve)|using|uses?|is|was|resulted in|results in|"
                             # "It defaults to the [cpu] version" (kyutai-labs/delayed-streams-modeling#131)
                             # "(which otherwise installs only the CPU versions)" (facebookresearch/nougat#21)
                             # and "installs the **CPU-only** version of PyTorch" (speechLabBcCuny/EDANSA#2)
                             r"gave|gives|default(?:s|ed)?\s+to)\s+(?:only\s+)?(?:the\s+|a\s+)?(?:\*\*)?(?:cpu[- ]?only|\[?CPU\]?)(?:\*\*)?\s+"
                             r"(?:versions?|builds?|wheels?)(?:\s+of\s+torch)?\b|"
                             # "the CPU-only PyTorch is installed" (Imageomics/pybioclip#101)
                             r"\bCPU[- ]only\s+(?:py)?torch\s+(?:is|was|gets|got)\s+installed\b|"
                             # "the version of pytorch installed was cpu only" (cgpotts/cs224u#125)
                             r"\b(?:version|build)\s+of\s+(?:py)?torch\s+(?:that\s+(?:got|was)\s+)?installed\s+(?:was|is)\s+"
                             r"(?:the\s+|a\s+)?cpu[- ]?only\b|"
                             r"\btorch\s+cpu(?:[- ]only)?\s+version\s+(?:is\s+|was\s+|gets?\s+|got\s+)?installed\b|"
                             # "replaces it with Torch without CUDA" (StoryToolkitAI#170), "installs the non-CUDA version
                             # of Torch", and in Chinese "安装为CPU版本的torch" (TaskMatrix#171: "installs as the CPU version")
                             r"\b(?:with|installs?|installed|reinstalls?)\s+(?:the\s+)?(?:non-?CUDA\s+version\s+of\s+torch|"
                             r"torch\s+without\s+CUDA)\b|(?:安装为|装的是|安装了)\s*CPU\s*版本的?\s*(?:py)?torch|"
                             # an installer's own "falling back to CPU-only PyTorch" (unslothai/unsloth#8402)
                             r"\bfall(?:ing|s)?\s+back\s+to\s+(?:a\s+)?CPU[- ]only\s+(?:PyTorch|torch)\b|"
                             # "Another PyTorch 2.0.1 (without CUDA) is also installed" (Geometric-Attributes-Toolbox#16)
                             r"\b(?:py)?torch\s+\d+\.\d+(?:\.\d+)?\s*\(\s*(?:without|no)\s+CUDA\s*\)\s+(?:is|was|gets|got)\s+"
                             r"(?:also\s+)?installed\b", re.I)
# Words that say a version is wanted, tried or offered rather than installed, wherever they stand on the line.
_WISHES = (r"pip3?:?\s+install|conda\s+install|require(?:ment|d|s)?|satisf|from versions|>=|<=|https?://|wheel|\.whl|"
           r"docker (?:pull|run)|image|\b(?:need|want|install(?!ed)\w*|tried|try(?:ing)? to|instead|latest")
_NOT_INSTALLED_STRONG = re.compile(_WISHES + r")\b", re.I)
# The same, with the hedges that count only before a version ("should", "recommended", "expected").
_NOT_INSTALLED_CONTEXT = re.compile(_WISHES + r"|should|recommend\w*|expect\w*)\b", re.I)


def _stated(t: str, m: re.Match[str]) -> bool:
    """Whether a version matched in line t is stated as installed: no wish or hedge before it, no wish after it
    ("..., Torch 2.6.0+cu126 - so my setup should be ok" states it)."""
    if _INSTALLED_AFTER.match(t[m.end():]):
        return True  # "the PyTorch wheel for 2.9.1+cpu has been installed" (astral-sh/uv#17236), whatever came before
    if _REPORTED_BEFORE.search(t[:m.start()]):
        return True  # "Expected ... the cu128 index. Local repro reports torch 2.7.0+cpu" (Motphys/UniLab#624)
    return not _NOT_INSTALLED_CONTEXT.search(t[:m.start()]) and not _NOT_INSTALLED_STRONG.search(t[m.end():])


# What a run printed, right before the version: "reports torch 2.7.0+cpu", "shows 2.1.0+cu118".
_REPORTED_BEFORE = re.compile(r"\b(?:reports|shows|prints)\s+(?:(?:py)?torch\s+)?$", re.I)
_INSTALLED_AFTER = re.compile(r"\W{0,3}\s*(?:has|have|had)\s+been\s+installed\b|\W{0,3}\s*(?:was|got|is|gets)\s+installed\b", re.I)


# Lines where a pin is asked for, not installed: pip's "No matching distribution found for torch==1.13.1" names
# what it could NOT install.
_NOT_PINNED = re.compile(r"pip3?:?\s+install|conda\s+install|requirement|satisf|from versions|matching distribution|"
                         # uv's and uvx's requests: "uvx --with torch==2.5.1+cu124 --index-url ..." (kyutai #131)
                         r"\buvx?\s+(?:pip\s+install|add|run|tool)\b|\buvx\s|--with\s|--index-url\b|"
                         r"^\s*(?:Collecting|Downloading|Obtaining)\s|"
                         # a launcher about to install ("Installing package: torch==2.1.2+cu118", kohya_ss#2010)
                         r"\b(?:need|want|try|tried|installing)\b", re.I)
_WHEEL_ARCH = re.compile(r"\b(win|windows|linux|manylinux\w*?|macosx_\d+_\d+)[-_](x86_64|amd64|arm64|aarch64)\b", re.I)
_WHEEL_OS = {"win": "windows", "lin": "linux", "man": "linux", "mac": "darwin"}
_PIN = re.compile(r"(?<![\w.-])([A-Za-z][A-Za-z0-9_.-]*)==(\d[\w.+!]*)")
# WSL 2 needs Windows 10 version 1903 build 18362 or later on x64
# (https://learn.microsoft.com/en-us/windows/wsl/install-manual); earlier builds have only WSL 1.
_WSL2_MIN_BUILD = 18362
_WINDOWS_BUILD = re.compile(r"\bWindows\b.{0,40}?\b(?:OS\s+)?build\W{0,3}\s*(\d{5})\b", re.I)


# Cheap substring tests in front of each regex: most lines of a long log contain none of these.
_ENV_HINTS = ("_DEVICES", "CUDA_", "LD_LIBRARY_PATH", "HSA_", "PYTORCH_", "TF_FORCE")
# A container image's tag that names its CUDA and its torch: "...:ubuntu20.04-cuda11.8.0-py38-torch2.0.1-tf2.13.0"
# (ModelScope's images), "pytorch/pytorch:2.0.1-cuda11.7-cudnn8-runtime" (the official ones).
_IMAGE_TAG = re.compile(r"(?:\bpytorch/pytorch:(?P<pt>\d+\.\d+\.\d+)-cuda(?P<major>\d{2})\.(?P<minor>\d)\b"
                        r"|:[\w.]*-cuda(?P<major2>\d{2})\.(?P<minor2>\d)(?:\.\d+)?-(?:[\w.]+-)*?py\d+-torch"
                        r"(?P<torch>\d+\.\d+(?:\.\d+)?)(?![\w.]))", re.I)
# A line that starts another setup than the one listed before it: "Also tested on nightly:" (torchtune#891), "I also
# tried it in a fresh conda env": a version listed after it is that setup's, not a second copy beside the first.
_TRIAL = re.compile(r"\b(?:also|again)\s+(?:tested|tried|ran|checked|reproduced)\b|\b(?:tested|tried)\s+(?:it\s+)?"
                    r"(?:again\s+)?(?:on|with)\s+(?:the\s+)?(?:latest\s+)?nightly\b|\bin\s+(?:another|a\s+(?:new|"
                    r"different|fresh|second|separate|clean))\s+(?:env(?:ironment)?|venv|virtualenv|conda\s+env"
                    r"(?:ironment)?)\b", re.I)
_OS_HINTS = ("windows", "win1", "ubuntu", "debian", "centos", "fedora", "mac", "os x", "osx", "arch linux", "linux",
             ".bat", "cmd.exe", "powershell", "ps ")
_GPU_HINTS = ("rtx", "gtx", "geforce", "tesla", "titan", "quadro", "jetson", "radeon", "rx", "amd ", "instinct", "nvidia ")


def _covered(spans: list[tuple[int, int]]) -> set[int]:
    return {n for a, b in spans for n in range(a, b + 1)}


_CONTINUED = re.compile(r"\s(?:\\|`|\^)\s*$")  # a shell line continued on the next: bash "\\", PowerShell "`", cmd "^"


def _continued(lines: Sequence[Line], i: int, most: int = 40) -> str:
    """Line i with the lines a trailing continuation mark joins to it (`docker run --rm -it \\` then `--gpus all \\`)."""
    parts = [lines[i].text]
    j = i
    while _CONTINUED.search(parts[-1]) and j + 1 < len(lines) and j - i < most:
        j += 1
        parts[-1] = _CONTINUED.sub(" ", parts[-1])
        parts.append(lines[j].text.strip())
    return " ".join(parts)


def read(lines: Sequence[Line], d: Draft) -> None:
    versions: dict[str, dict[str, Line]] = {"torch": {}, "tensorflow": {}}
    tool_gpus = bool(d.gpus)  # GPUs a tool listed: prose naming them again adds nothing
    pins: dict[str, dict[str, tuple[int, str]]] = {}  # name -> version -> (line, text) of prose "name==version"
    tools = [(x.first_line, x.last_line) for x in d.sections if x.kind not in ("key_values", "error_line", "tf_template")]
    wsl_said = windows_build = None
    offered_list = False  # inside uv's list of the platforms a package has wheels for
    covered = _covered(tools)
    for i, ln in enumerate(lines):
        t = ln.text
        if ln.no in covered or not t.strip():
            continue  # a tool's output: read by its own reader
        low = t.lower()
        if "cuda" in low and "torch" in low and "torch" not in d.packages and (m := _IMAGE_TAG.search(t)):
            # a container image named by its tag, "modelscope:ubuntu20.04-cuda11.8.0-py38-torch2.0.1-..." (ms-swift#136)
            # or "pytorch/pytorch:2.0.1-cuda11.7-cudnn8-runtime": the torch inside is that release's CUDA build. Not
            # through d.package: a listing's own torch beside it is the same install, not a second copy.
            v = m.group("torch") or m.group("pt")
            cu = (m.group("major") or m.group("major2")) + (m.group("minor") or m.group("minor2"))
            d.packages["torch"] = (f"{v}+cu{cu}", HINT, Quote(ln.no, t.strip()[:300]))
        if ("also" in low or "nightly" in low or "env" in low) and _TRIAL.search(t):
            d.trial_breaks.append(ln.no)  # what follows is another setup: its versions are no second copy
        if "wsl" in low:
            # WSL's issue template asks "Are you using WSL 1 or WSL 2?" and answers with checkboxes: a line naming
            # both, or an unticked "- [ ] WSL 1", says nothing; a ticked "- [X] WSL 2" says which.
            m = re.search(r"\bWSL\s?([12])?\b", t, re.I)
            ticked = re.search(r"\[[xX]\]\s*WSL\s?([12])\b", t)
            # the template's question answered after its colon: "Whether the issue is on WSL 2 and/or WSL 1: WSL 2"
            answered = re.search(r"WSL 2 and/or WSL 1\s*:\s*(?:.*?\bWSL\s?([12])\b|.*?-microsoft-standard-(WSL)2\b)", t, re.I)
            if answered:
                wsl_said = (ln, answered.group(1) or "2")
            elif ticked:
                wsl_said = (ln, ticked.group(1))
            elif re.search(r"\[\s\]\s*WSL\s?[12]\b", t) or re.search(r"\bWSL\s?1\b.*\bWSL\s?2\b|\bWSL\s?2\b.*\bWSL\s?1\b", t, re.I):
                pass
            elif m and (wsl_said is None or (wsl_said[1] is None and m.group(1))):
                wsl_said = (ln, m.group(1))
        if "windows [version" in low:
            m = re.search(r"\bWindows \[Version 10\.0\.(\d{5})", t)
            if m:
                windows_build = (ln, int(m.group(1)))
        elif "build" in low and "windows" in low and windows_build is None:
            m = _WINDOWS_BUILD.search(t)  # "Windows 10 Version 1909 **build 18363**", "OS build 19045.3693"
            if m:
                windows_build = (ln, int(m.group(1)))
        if ":" in t and ("_DEVICES" in t or "HSA_" in t):
            if m := _ENV_YAML.match(t):
                value = m.group("value").strip("'\"")
                d.variables.setdefault(m.group("name"), value)
                d.set(f"env.{m.group('name')}", value, ln.no, t, TYPED)
        if "empty" in t and "VISIBLE_DEVICES" in t and (m := _ENV_EMPTY.search(t)) \
                and not re.search(r"\bnon-?\s*$", t[max(0, m.start() - 5):m.start()], re.I):  # "a non-empty value"
            name = m.group("a") or m.group("b")
            d.variables.setdefault(name, "")
            d.set(f"env.{name}", "", ln.no, t, HINT)
        if "=" in t and any(k in t for k in _ENV_HINTS):
            for m in _ENV.finditer(t):
                value = m.group("value").strip("'\"")
                d.variables.setdefault(m.group("name"), value)
                d.set(f"env.{m.group('name')}", value, ln.no, t, TYPED)
        # uv's "only has wheels for the following platforms: ..." lists what a package offers, not this machine: the
        # list (and its wrapped continuation lines) is not read for the architecture
        offered = "only has wheels for" in t
        head = t.split("only has wheels for", 1)[0] if offered else (
            "" if offered_list and t[:1].isspace() else t)
        offered_list = offered or (offered_list and t[:1].isspace())
        if "64" in head and (m := _WHEEL_ARCH.search(head)):  # a wheel or installer built for this machine
            if "not a supported wheel" in low:  # pip refused it: not this machine's architecture, at most its OS
                d.set("host.os", _WHEEL_OS.get(m.group(1).lower()[:3], "linux"), ln.no, t, HINT - 1)
            elif m.group(1).lower().startswith("macosx") and not re.search(r"\bpip\d*(?:\.exe)?\s+install\b", t):
                # a macOS tag is the interpreter's: an x86_64 one may run under Rosetta on Apple Silicon, so it says
                # nothing of the Mac; only an arm64 interpreter places the Mac on Apple Silicon. (A `pip install` of a
                # wheel file is what was tried, not what fits: mlx#1055, an arm64 wheel refused under Rosetta.)
                arch = normalize_arch(m.group(2))
                d.set("python.machine", arch, ln.no, t, HINT)
                if arch == "aarch64":
                    d.set("host.arch", arch, ln.no, t, HINT)
                d.set("host.os", "darwin", ln.no, t, HINT - 1)
            else:
                d.set("host.arch", normalize_arch(m.group(2)), ln.no, t, HINT)
                d.set("host.os", _WHEEL_OS.get(m.group(1).lower()[:3], "linux"), ln.no, t, HINT - 1)
        if "docker" in low or "nerdctl" in low or "podman" in low:
            # `nvidia-docker run` is its own command (below), not `docker run`
            run = re.search(r"(?<![\w-])(docker|nerdctl|podman)\s+run\b", t)
            cmd = _continued(lines, i) if run else t  # `docker run --rm -it \` and its flags on the lines after it
            # NGC images' own warning, "Use 'nvidia-docker run' to start this container", is advice, not the command run
            nvd = bool(re.search(r"\bnvidia-docker\s+run\b", cmd)) and not re.search(r"\b[Uu]se\s+['\"`]nvidia-docker run", cmd)
            caps = re.search(r"--gpus[ =]+['\"]*[^ ]*?capabilities=([a-z]+(?:,(?![a-z]+=)[a-z]+)*)", cmd, re.I)
            if run and not re.search(r"--gpus|--runtime[= ]nvidia|--device[= ]nvidia", cmd):
                d.set("host.container", run.group(1), ln.no, cmd, HINT)
                d.set("container.hint", f"`{run.group(1)} run` without --gpus", ln.no, cmd, HINT)
            elif run and caps and not {"compute", "all"} & set(caps.group(1).lower().split(",")):
                # The NVIDIA Container Toolkit mounts CUDA's libraries only for the compute capability; 'utility'
                # alone gives nvidia-smi (docs.nvidia.com/datacenter/cloud-native/container-toolkit, "Driver Capabilities").
                d.set("host.container", run.group(1), ln.no, cmd, HINT)
                d.set("container.hint", f"started with --gpus capabilities={caps.group(1)}, without compute", ln.no, cmd, HINT)
            elif (nvd or (run and "--gpus" in cmd)) and re.search(
                    r"\bnvidia/cuda:\S+\s+nvidia-smi\s*$|\s(?:ubuntu|nvidia/cuda:\S+)\s+nvidia-smi\s*$", cmd):
                # NVIDIA's check, `docker run --rm --gpus all nvidia/cuda:... nvidia-smi`: a test container, which says the
                # host's toolkit works, not how the container that fails was started (iot-salzburg/gpu-jupyter#22)
                d.set("host.container", run.group(1) if run else "docker", ln.no, cmd, HINT - 1)
                d.set("container.hint", "a test container with GPU access ran nvidia-smi", ln.no, cmd, HINT - 1)
            elif run and "--gpus" in cmd and _FIX_SAID.search(" ".join(x.text for x in lines[max(0, i - 2):i + 1])):
                # the command the user fixed it with ("I solved it by ... adding `--gpus all`", VQGAN-CLIP-Docker#1):
                # the container that failed was started without it
                d.set("host.container", run.group(1), ln.no, cmd, HINT)
                d.set("container.hint", f"`{run.group(1)} run` without --gpus", ln.no, cmd, HINT)
            elif nvd or (run and "--gpus" in cmd):
                d.set("host.container", run.group(1) if run else "docker", ln.no, cmd, HINT)
                d.set("container.hint", "started with GPU access (nvidia-docker / --gpus)", ln.no, cmd, HINT)
        if "FROM nvidia/cuda:" in t and re.search(r"(?:^|`)\s*FROM\s+nvidia/cuda:\S+", t):
            # a Dockerfile on NVIDIA's CUDA image: what runs in it runs in a container, and nvidia-smi in it comes only
            # from the Container Toolkit when it starts with GPU access (NVIDIA/nvidia-docker#341)
            d.set("host.container", "docker", ln.no, t, HINT - 1)
            d.set("container.hint", "built FROM an nvidia/cuda image", ln.no, t, HINT - 1)
        if ("singularity" in low or "apptainer" in low or "docker" in low) and (m := _IN_A_SIF.search(t)) \
                and not re.search(r"\b(?:not|n't|without|outside)\s+(?:\w+\s+){0,2}$", t[max(0, m.start() - 24):m.start()], re.I):
            # "using a singularity container (handled by nextflow)" (dorado#116): the program runs in one, how it
            # was started is not shown
            d.set("host.container", (m.group(1) or m.group(2)).lower(), ln.no, t, HINT - 1)
        if ("singularity" in low or "apptainer" in low) and (m := re.search(
                r"^\s*(?:\$\s*)?(singularity|apptainer)\s+(shell|exec|run)\b", t, re.I)):
            # Singularity/Apptainer bind the host's NVIDIA driver and /dev/nvidia* in only with --nv (or --nvccli)
            d.set("host.container", m.group(1).lower(), ln.no, t, HINT)
            if not re.search(r"\s--nv(?:ccli)?\b", t):
                d.set("container.hint", f"`{m.group(1).lower()} {m.group(2).lower()}` without --nv", ln.no, t, HINT)
            else:
                d.set("container.hint", "started with GPU access (--nv)", ln.no, t, HINT)
        if ("enroot" in low or "--container-image" in low) and re.search(
                r"\benroot\s+(?:start|create|import)\b|(?:^|\s)--container-image[= ]", t):
            # enroot, or Slurm's pyxis plugin (`srun --container-image=...`), which runs containers through enroot
            d.set("host.container", "enroot", ln.no, t, HINT)
            if "NVIDIA_VISIBLE_DEVICES" not in t:
                d.set("container.hint", "an enroot container", ln.no, t, HINT - 1)
        if ("pod" in low or "k8s" in low or "kubernetes" in low) and _K8S.search(t):
            d.set("host.container", "kubernetes", ln.no, t, HINT - 1)  # a container a scheduler started
        if any(k in low for k in _OS_HINTS):
            if "e.g" in low:  # a template's example is no answer: "OS: [e.g. Ubuntu 16.04] Mac M1" (medaka#526)
                t = TEMPLATE_EXAMPLE.sub(" ", t)
            m = _OS.search(t)
            if m and (_MINIMUM_BEFORE.search(t[max(0, m.start() - 24):m.start()])
                      or _MINIMUM_AFTER.match(t[m.end():m.end() + 24])
                      or _NEGATED_BEFORE.search(t[max(0, m.start() - 30):m.start()])):
                m = None  # "from macOS 12.3 on", "requires Windows 10 or later": a requirement, not this machine
            if m:
                info = os_description(m.group(0).replace("`", ""))
                for k in ("os", "os_version", "distro", "distro_id"):
                    if k in info:
                        d.set(f"host.{k}", info[k], ln.no, t, HINT)
            else:
                m = _OS_WORD.search(t)
                if m and not _NEGATED_BEFORE.search(t[max(0, m.start() - 30):m.start()]):
                    word = m.group(1).lower()
                    d.set("host.os", _OS_OF_WORD.get(re.sub(r"\s+", "", word), "linux"), ln.no, t, HINT - 1)
            if re.search(r"\.bat\b|\bcmd\.exe\b|PowerShell|\bPS [A-Z]:\\", t):
                d.set("host.os", "windows", ln.no, t, HINT - 1)
        if re.match(r"^\s*(?:\(\S+\)\s*)?[A-Za-z]:\\[^<>|\n]*>\s*\S", t):
            d.set("host.os", "windows", ln.no, t, HINT - 1)  # a cmd.exe prompt: "D:\VisualGPT\TaskMatrix>pip install ..."
        if "python:3." in low and not d.has("python.version") and (m := re.search(
                r"(?<![\w/.-])(?:docker\.io/)?(?:library/)?python:(3\.\d{1,2}(?:\.\d+)?)(?:-[\w.-]+)?\b", t, re.I)):
            # the official Python image's tag is its Python ("Docker image python:3.12-slim", pytorch#112882)
            d.set("python.version", m.group(1), ln.no, t, HINT)
        if "python" in low and not d.has("python.version"):
            m = _PY_STATED.search(t)  # "Python 3.10.9" alone on a line (a template answer), "I am using python=3.6"
            # what is wanted or tried is read in the version's own clause: "I have python 3.12.1 and pip 23.3.2, but I
            # can't install tensorflow" (tensorflow#62777) states the Python; "trying to install python 3.12" does not
            # (its own sentence: a wish in an earlier one, "downloaded the zip from latest release", fastsdcpu#271)
            clause = re.split(r"[.!?]\s+", t[:m.start()])[-1] + re.split(r",|;|\bbut\b|[.!?]\s", t[m.end():], maxsplit=1)[0] \
                if m else ""
            if m and not _NOT_INSTALLED_CONTEXT.search(clause):
                d.set("python.version", next(g for g in m.groups() if g), ln.no, t, HINT)
        # a repository's name in a URL (github.com/apple/tensorflow_macos) is no Mac: the words are read without URLs
        if ("mac" in low or "apple" in low or "silicon" in low) and not _INTEL_MAC.search(t) \
                and _APPLE_WORDS.search(bare := _URL.sub(" ", t)):
            chip = _APPLE_CHIP.search(bare)
            if chip or _APPLE_SILICON.search(bare):  # an Apple Silicon Mac: arm64, whatever its Python runs as
                d.set("host.os", "darwin", ln.no, t, HINT)
                d.set("host.arch", "aarch64", ln.no, t, HINT)
                d.set("cpu.vendor", "Apple", ln.no, t, HINT)
                if chip:
                    d.set("cpu.model", " ".join(x for x in ("Apple", f"M{chip.group(1)}", (chip.group(2) or "").capitalize())
                                                 if x), ln.no, t, HINT)
        if "苹果" in t and not d.has("host.arch") and (m := _APPLE_CHIP_ZH.search(t)):
            # "我用的是苹果M1芯片" (zai-org/GLM-TTS#31: 苹果 is Apple, 芯片 chip), with no space or word boundary before it
            d.set("host.os", "darwin", ln.no, t, HINT)
            d.set("host.arch", "aarch64", ln.no, t, HINT)
            d.set("cpu.vendor", "Apple", ln.no, t, HINT)
            d.set("cpu.model", " ".join(x for x in ("Apple", f"M{m.group(1)}", (m.group(2) or "").capitalize()) if x),
                  ln.no, t, HINT)
        if "avx2" in low and not d.has("cpu.flags") and (m := _AVX_SAID.search(t)) \
                and not re.search(r"(?:not|n't|no|never|不|没有?)\s*$", t[max(0, m.start() - 12):m.start()], re.I):
            # the reporter's own word that the CPU has AVX and AVX2: "系统支持avx、avx2指令集" (Paddle#43181; 支持:
            # supports). AVX alone is not read: TensorFlow 2.4.0's wheels needed AVX2 (tensorflow#45744)
            d.set("cpu.flags", ("avx", "avx2"), ln.no, t, HINT)
        if " M" in t and not d.has("host.arch") and _ON_CHIP.search(t):
            # "Python errors on M1", "my M2 Max": an Apple chip named as the machine, without a Mac word
            d.set("host.os", "darwin", ln.no, t, HINT - 1)
            d.set("host.arch", "aarch64", ln.no, t, HINT - 1)
        if "arch -x86_64" in t and (m := _ARCH_X86.search(t)) and not re.search(
                r"\b(?:not|n't|without|never|instead of)\s+(?:using\s+|the\s+)?`?$", t[max(0, m.start() - 20):m.start()], re.I):
            d.set("host.os", "darwin", ln.no, t, HINT)
            d.set("host.arch", "aarch64", ln.no, t, HINT)
            d.set("python.machine", "x86_64", ln.no, t, HINT)
        if ("i386" in low or "x86_64" in low) and _TRANSLATED_SAID.search(t) and _APPLE_CHIP.search(t):
            d.set("host.os", "darwin", ln.no, t, HINT)
            d.set("host.arch", "aarch64", ln.no, t, HINT)
            d.set("python.machine", "x86_64", ln.no, t, HINT)
        if "mac" in low or "mbp" in low:
            if _INTEL_MAC.search(t) or _MAC_BEFORE_2020.search(t):
                # "my 2020 Intel MacBook Pro", "Mac Pro 2019" (StoryToolkitAI#3): an x86_64 Mac, no Apple GPU; Apple
                # Silicon Macs came from November 2020 on
                d.set("host.os", "darwin", ln.no, t, HINT)
                d.set("host.arch", "x86_64", ln.no, t, HINT)
            elif _MAC_PROMPT.search(t):  # "me@MY-MBP ULTRA %": a shell prompt on a MacBook
                d.set("host.os", "darwin", ln.no, t, HINT - 1)
        if not tool_gpus and any(k in low for k in _GPU_HINTS):
            # (a vendor's trademark sign inside the name, "GeForce RTX™ 3080" in StabilityMatrix#1512, is no part of it)
            g = t.replace("™", "").replace("®", "") if "™" in t or "®" in t else t
            urls = [u.span() for u in _URL.finditer(g)]
            for m in _GPU.finditer(g):
                if re.search(r"not|n't|no\s", g[max(0, m.start() - 12):m.start()], re.I):
                    continue
                if any(a <= m.start() < b for a, b in urls):
                    continue  # a guide's or a repository's name ("RX580-rocM-tensorflow-guide"), not this machine's GPU
                gpu(m.group(0), d, ln, HINT)
                if m.group(0).lower().startswith("jetson"):
                    d.set("host.os", "linux", ln.no, t, HINT)
                    d.set("host.arch", "aarch64", ln.no, t, HINT)  # every Jetson is an aarch64 Linux board
        if not tool_gpus and not d.gpus and "jetpack" in low and _JETPACK.search(t):
            # JetPack is NVIDIA's SDK for Jetson boards only ("Jetpack 5.1.2", jetson-inference#1932): a Jetson
            d.gpu(None, ln.no, t, kind="cuda", vendor="nvidia", model="Jetson")
            d.set("host.os", "linux", ln.no, t, HINT)
            d.set("host.arch", "aarch64", ln.no, t, HINT)
        if not tool_gpus and "amd" in low and (m := _AMD_GPU_LABELED.search(t)):
            d.gpu(None, ln.no, t, kind="rocm", vendor="amd", model=m.group(1))
        amd_said = "amd" in low or "radeon" in low or "A卡" in t or "라데온" in t
        if not tool_gpus and not d.gpus and amd_said and (m := _AMD_GPU_WORDS.search(t)) \
                and not re.search(r"not|n't|no\s|without", t[max(0, m.start() - 16):m.start()], re.I):
            d.gpu(None, ln.no, t, kind="rocm", vendor="amd")  # "the amd graphics card I use": an AMD GPU, model unsaid
        if "Kernel Module" in t and (m := _NVRM.search(t)):
            # /proc/driver/nvidia/version (or a tool echoing it, cuda_memtest#31): the loaded kernel module's version
            d.set("nvidia.driver_version", m.group(1) or m.group(2), ln.no, t, TOOL)
        if "driver" in low and (m := _DRIVER.search(t)) and not d.has("nvidia.driver_version"):
            d.set("nvidia.driver_version", m.group(1), ln.no, t, HINT)  # "NVIDIA Graphics Driver 388.73"
        if not tool_gpus and not d.gpus and "gfx" in low:
            urls = [u.span() for u in _URL.finditer(t)]
            named = {m.group(1).lower() for m in _GFX.finditer(t) if not any(a <= m.start() < b for a, b in urls)}
            if len(named) == 1:  # one LLVM target is this machine's AMD GPU; several are a list of supported ones
                d.gpu(None, ln.no, t, kind="rocm", vendor="amd", gfx_arch=named.pop())
        if "==" in t and not _NOT_PINNED.search(t) and ln.no not in d.wish_lines:
            for m in _PIN.finditer(t):  # "pip3 freeze shows me tensorflow==1.12.2 and tensorflow-gpu==1.14.0"
                from hwprobe.parse.packages import _keep, _name

                if _keep(_name(m.group(1))):
                    pins.setdefault(_name(m.group(1)), {}).setdefault(m.group(2), (ln.no, t))
        if "+" in t and (m := _TORCH_LOCAL.search(t)) and _stated(t, m) \
                and not re.search(r"torch(?:vision|audio|text)\W{0,12}$", t[:m.start()], re.I):
            versions["torch"].setdefault(m.group(1), ln)  # "it says 2.0.0+cpu": only torch's 1.x/2.x carry +cpu
        if not ("torch" in low or "tensorflow" in low or "tf" in low):
            continue
        if ("cpu" in low or "cuda" in low) and "torch" in low and (m := _TORCH_CPU_SAID.search(t)) and not re.search(
                r"\b(?:should|shouldn't|need|want|try|must|instead|don't|do not|if|about to)\b",
                re.split(r"[.!?]\s+(?=[A-Z])", t[:m.start()])[-1], re.I) \
                and not re.match(r"\s*instead\b", t[m.end():], re.I):
            # (nor a plan followed by "instead": "pip is trying to delete my installed torch(GPU) version and install
            # a CPU version instead", opacus#551, where torch is 1.13.1+cu117)
            # (advice is no fact: "you should use the CPU version", "if it installs the cpu only version"; only its
            # own sentence counts, not an "Unsure, if this is an issue with windows only." before it)
            # "when installing pytorch it installs the cpu only version" (deforum-art/stable-diffusion#132)
            d.set("torch.build.cuda", None, ln.no, t, HINT)
            d.set("torch.build.hip", None, ln.no, t, HINT)  # CPU only: no ROCm either
        for fw, rx in _FW_VERSION.items():
            for m in rx.finditer(t):
                if _stated(t, m):
                    versions[fw].setdefault(m.group(1), ln)
    if wsl_said is not None:
        ln, v = wsl_said
        if v is None and windows_build is not None and windows_build[1] < _WSL2_MIN_BUILD:
            v, ln = "1", windows_build[0]
        if v is not None:
            d.set("host.wsl", int(v), ln.no, ln.text, HINT)
            d.known.add("host.wsl")
            if windows_build is not None:
                d.set("host.wsl_windows_build", windows_build[1], windows_build[0].no, windows_build[0].text, HINT)
        d.set("host.os", "linux", ln.no, ln.text, HINT + 1)  # inside WSL the OS the frameworks see is Linux
    elif windows_build is not None:
        # WSL known from another reader (/proc/version's -microsoft-standard-WSL2): cmd's `ver` still gives the build
        d.set("host.wsl_windows_build", windows_build[1], windows_build[0].no, windows_build[0].text, HINT)
    for name, seen in pins.items():
        if len(seen) == 1:  # the same package pinned at several versions in prose: versions tried, not installed
            (version, (no, text)), = seen.items()
            d.package(name, version, no, text, HINT)
    for fw, found in versions.items():
        for v in [v for v in found if "+" in v]:
            found.pop(v.split("+")[0], None)  # "torch 2.7.0 cpu ... torch 2.7.0+cpu": one install, its build named once
        if len(found) == 1:
            (v, ln), = found.items()
            d.set(f"{fw}.version", v, ln.no, ln.text, HINT)
