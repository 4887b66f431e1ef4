"""packages.*: installed distributions that do not belong together (several TensorFlows, a
torchvision for another torch, Keras 2 under a Keras-3 TensorFlow, two copies of one package)."""

from __future__ import annotations

import re
from typing import Iterable

from hwprobe.facts import Facts
from hwprobe.reason import catalog as cat
from hwprobe.reason.commands import pip, pip_install, pip_uninstall
from hwprobe.reason.diagnose import rule
from hwprobe.reason.knowledge import Knowledge
from hwprobe.reason.rules import _common as c
from hwprobe.reason.versions import in_range, local_label, release
from hwprobe.report import Finding

# Distributions that each provide the `tensorflow` module on their own.
PRIMARY_TF = ("tensorflow", "tensorflow-cpu", "tensorflow-gpu", "tensorflow-rocm", "intel-tensorflow",
              "tf-nightly", "tf-nightly-cpu", "tf-nightly-gpu")
# Helpers the tensorflow wheel itself requires on some platforms (METADATA), fine at the same version.
HELPER_TF = ("tensorflow-intel", "tensorflow-macos", "tensorflow-cpu-aws")
PIP_CHECK = "https://pip.pypa.io/en/stable/cli/pip_check/"
# The PluggableDevice plugins' library files and the distributions that install them (each project's wheel contents).
PLUGIN_DISTS = {"tfdml_plugin": "tensorflow-directml-plugin", "libmetal_plugin": "tensorflow-metal",
                "libitex_gpu": "intel-extension-for-tensorflow"}
# A TensorFlow companion and its nightly twin install the same module (tensorflow_estimator, tensorboard, keras):
# with both, whichever was installed last is the one TensorFlow imports (tensorflow#37756).
NIGHTLY_TWINS = (("tensorflow-estimator", "tf-estimator-nightly"), ("tensorboard", "tb-nightly"),
                 ("keras", "keras-nightly"))


def _index_of(version: str) -> list[str]:
    """pip's arguments for the PyTorch index a '+cu121' (or '+rocm6.2', '+cpu') wheel comes from: PyPI has none of them;
    a nightly ('.dev2022...') is on the nightly index and needs --pre."""
    variant = local_label(version)
    if not variant or not re.fullmatch(r"cu\d+|cpu|rocm[\d.]+", variant):
        return []
    nightly = ".dev" in version
    return (["--pre"] if nightly else []) + [
        "--index-url", f"https://download.pytorch.org/whl/{'nightly/' if nightly else ''}{variant}"]


def _spec(want: str) -> tuple[str, str]:
    """The package and the pip specifier of an OpenMMLab range: 'mmcv>=(1, 3, 13, 0, 0, 0), <(1, 7, 0, 0, 0, 0)' is
    ('mmcv', '>=1.3.13,<1.7') (digit_version's tuples, their trailing zeros and pre-release slots dropped)."""
    name = re.match(r"[A-Za-z][\w-]*", want).group(0)

    def version(m: re.Match[str]) -> str:
        parts = [p.strip() for p in m.group(1).split(",")][:4]
        while len(parts) > 2 and parts[-1] == "0":
            parts.pop()
        return ".".join(parts)

    rest = re.sub(r"\(([\d,\s-]+)\)", version, want[len(name):])
    return name, ",".join(p.strip() for p in rest.split(",") if p.strip())


def _version_check(sh: str, kb: Knowledge, checked) -> Finding:  # noqa: ANN001
    """A companion release outside the range the package importing it asserts (mmcv#2236's 'MMCV==1.3.9 is used but
    incompatible'): install one inside the range; mmcv through OpenMMLab's mim, which picks the build of its compiled
    ops for the installed torch and CUDA (the maintainers' own answer)."""
    v = checked[0].values
    name, spec = _spec(v["want"])
    mm = name.lower().startswith("mmcv")
    # (mmcv 1.x ships its compiled ops as mmcv-full; from 2.0 the package is mmcv again)
    dist = "mmcv-full" if mm and v["have"].split(".")[0] == "1" and spec.startswith(">=1") else name
    fix = (pip_install(sh, ["-U", "openmim"]), f"mim install '{dist}{spec}'") if mm else (pip_install(sh, [name + spec]),)
    return Finding(
        code="packages.conflict", severity="error", subject=name.lower(), framework="torch" if mm else None,
        message=(f"{v['pkg']} {v['have']} is installed, but the package importing it accepts only {name}{spec} and "
                 "stops at import. Install a release in that range"
                 + (" with OpenMMLab's mim, which picks the mmcv build whose compiled ops match the installed torch and "
                    "CUDA." if mm else ".")),
        fix=fix, sources=c.pattern_sources(kb, checked), evidence=(c.quote(checked[0]),),
    )


@rule
def conflict(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    sh = c.shell(facts)
    pk = facts.packages
    # Several TensorFlow distributions.
    primary = [d for d in PRIMARY_TF if d in pk]
    first = pk[primary[0]] if primary else None
    helpers = [d for d in HELPER_TF if d in pk and first and release(pk[d], 2) != release(first, 2)]
    # tensorflow-macos up to 2.12 is Apple's full build, not the alias that requires tensorflow.
    mac_row = cat.release_of(kb, "tensorflow", pk.get("tensorflow-macos"))
    mac_full = bool(primary and mac_row and (cat.platform_entry(mac_row, "darwin", "aarch64") or {}).get("cpu")
                    == "tensorflow-macos")
    if len(primary) > 1 or helpers or mac_full:
        dists = primary + helpers + (["tensorflow-macos"] if mac_full and "tensorflow-macos" not in helpers else [])
        keep = "tensorflow" if "tensorflow" in primary else primary[0]
        yield Finding(
            code="packages.conflict", severity="error", subject="tensorflow", framework="tensorflow",
            message=(f"Several TensorFlow distributions are installed ({', '.join(f'{d} {pk[d]}' for d in dists)}); "
                     "each writes the same `tensorflow` package, so whichever was installed last wins and the "
                     "others' files are mixed in. Remove all of them and install one."),
            fix=(pip_uninstall(sh, dists), pip_install(sh, [f"{keep}=={release(pk[keep], 2)}.*"])),
            sources=(PIP_CHECK,), evidence=tuple(f"{d} {pk[d]}" for d in dists),
        )
    twins = [(a, b) for a, b in NIGHTLY_TWINS if a in pk and b in pk]
    if twins and primary and not any(d.startswith("tf-nightly") for d in primary):
        nightly = [b for _, b in twins]
        yield Finding(
            code="packages.conflict", severity="error", subject="tensorflow", framework="tensorflow",
            message=("Nightly TensorFlow companions are installed beside the release ones ("
                     + "; ".join(f"{a} {pk[a]} and {b} {pk[b]}" for a, b in twins) + "): each pair installs the same "
                     f"module, so {primary[0]} {pk[primary[0]]} may import the nightly one, built for another "
                     "TensorFlow. Remove the nightly packages and reinstall TensorFlow's own."),
            fix=(pip_uninstall(sh, nightly), pip_install(sh, ["--force-reinstall", f"{primary[0]}=={pk[primary[0]]}"])),
            sources=("https://github.com/tensorflow/tensorflow/issues/37756",),
            evidence=tuple(f"{a} {pk[a]}, {b} {pk[b]}" for a, b in twins),
        )
    # torchvision / torchaudio for another torch.
    torch_v = _torch_version(facts)
    row = cat.release_of(kb, "torch", torch_v)
    mismatched = False
    for comp in ("torchvision", "torchaudio"):
        if comp not in pk or not torch_v:
            continue
        want = (row or {}).get("companions", {}).get(comp)
        bad = []
        if want and release(pk[comp], 2) != release(want, 2):
            bad.append(f"{comp} {pk[comp]} belongs to another torch release (torch {row['release']} pairs with "
                       f"{comp} {release(want, 2)})")
        tl, cl = local_label(torch_v), local_label(pk[comp])
        if tl and cl and tl != cl:
            bad.append(f"{comp} {pk[comp]} is a {cl} build, torch {torch_v} a {tl} build")
        if not bad:
            continue
        mismatched = True
        tfw = facts.framework("torch")
        variant = tl or (c.torch_variant(tfw) if tfw is not None else None)
        args = [f"{comp}=={release(want, 2)}.*"] if want else [comp]
        if variant and row and row.get("install_era") == "index_url":
            args += ["--index-url", f"https://download.pytorch.org/whl/{variant}"]
        yield Finding(
            code="packages.conflict", severity="error", subject=comp, framework="torch",
            message="; ".join(bad) + ". Its compiled operators fail to load against this torch.",
            fix=(pip_install(sh, args),), sources=cat.source_urls([row]),
            evidence=(f"torch {torch_v}", f"{comp} {pk[comp]}"),
        )
    # pip's own resolver line: a companion release that pins one torch exactly beside another (pytorch#87075: two
    # nightlies a day apart, which the release pairing above cannot tell apart; diad49's xformers 0.0.18 and torch 1.12.1)
    pinned = [o for o in c.find(c.obs(facts, kb), "pip.pinned_conflict") if o.values.get("pin") != o.values.get("have")]
    if pinned and not mismatched:
        v = pinned[0].values
        mismatched = True
        yield Finding(
            code="packages.conflict", severity="error", subject=v["pkg"], framework="torch",
            message=(f"pip says {v['pkg']} {v['ver']} requires {v['dep']}=={v['pin']}, and {v['dep']} {v['have']} is "
                     f"installed (or being installed): {v['pkg']} was built for another {v['dep']}, so its compiled code "
                     f"does not load against this one. Install the two as pip's line pairs them, or the {v['pkg']} "
                     f"release built for {v['dep']} {v['have']} (one pip command for the whole torch stack, from one "
                     "index, keeps them together)."),
            fix=(pip_install(sh, [f"{v['dep']}=={v['pin']}", f"{v['pkg']}=={v['ver']}"] + _index_of(v["ver"])),),
            sources=c.pattern_sources(kb, pinned), evidence=(c.quote(pinned[0]),),
        )
    checked = c.find(c.obs(facts, kb), "packages.version_check")
    if checked and not mismatched:
        mismatched = True
        yield _version_check(sh, kb, checked)
    ops = c.find(c.obs(facts, kb), "torchvision.custom_ops_failed", "torch_extension.undefined_symbol",
                 "torch_extension.torch_library_missing")
    if ops and not mismatched:
        stack = ["torch", "torchvision", "torchaudio"]
        lib = ops[0].values.get("library", "torchvision").lower()  # torchaudio's own message says "TorchAudio"
        comp = next((n for n in ("torchaudio", "torchtext", "torch_scatter", "torch_sparse") if n in lib), "torchvision")
        comp = "torchaudio" if "_torch_sox" in lib else comp
        yield Finding(
            code="packages.conflict", severity="error", subject=comp, framework="torch",
            message=(f"{comp}'s compiled operators do not load: it was built for another torch release or CUDA "
                     "variant than the torch installed (an upgrade that replaced one but not the other). Remove "
                     "the torch stack and install torch, torchvision and torchaudio in one command, so pip takes "
                     "the torchvision that pins this torch (add the --index-url of your build, e.g. "
                     "https://download.pytorch.org/whl/cu126, to stay on a CUDA variant)."),
            fix=(pip_uninstall(sh, stack), pip_install(sh, stack)),
            sources=("https://github.com/pytorch/vision/blob/main/torchvision/extension.py",) + cat.source_urls([row]),
            evidence=tuple(c.quote(o) for o in ops[:1]) + tuple(f"{n} {pk[n]}" for n in stack if n in pk),
        )
    own = c.find(c.obs(facts, kb), "torch.own_library_missing")
    # (or a PyG wheel installed for one torch build, pytorch_scatter#211: torch-1.8.0+cu111 under a cu102 torch)
    # (or named in prose, pytorch_scatter#223: "an installation issue with torch-scatter" on Colab)
    ext = c.find(c.obs(facts, kb), "torch_ext.import_compiled") or c.find(c.obs(facts, kb), "ext.pyg_wheel") \
        or c.find(c.obs(facts, kb), "ext.pyg_named")
    if own and ext and not ops and not mismatched:
        # an extension's compiled module needs one of torch's own libraries that this torch lacks
        # (RVH_Mesh_Registration#23: pytorch3d's _C wants libc10_cuda.so, a CUDA torch's, under a CPU torch)
        pkg = _ext_name(ext[0])
        wheel = (f" (its wheel is the one for torch {ext[0].values['torch']}+{ext[0].values['variant']})"
                 if ext[0].values.get("torch") else "")
        lib = own[0].values.get("library", "")
        cuda = "cuda" in lib or "hip" in lib
        yield Finding(
            code="packages.conflict", severity="error", subject=pkg, framework="torch",
            message=(f"{pkg}'s compiled module{wheel} needs torch's {lib}, which the installed torch does not have: "
                     f"{pkg} was built for another torch build than this one"
                     + (" (a CUDA one: a CPU torch has no " + lib + ", nor may a torch built for another CUDA "
                           "variant)" if cuda else "")
                     + f". Install the torch build {pkg} was built for (the same release and CUDA variant), or rebuild "
                     f"{pkg} against this torch."),
            sources=c.pattern_sources(kb, own + ext),
            evidence=tuple(c.quote(o) for o in (ext[:1] + own[:1])),
        )
    runtime = [o for o in c.find(c.obs(facts, kb), "cuda.library_not_found")
               if re.match(r"lib(?:cudart|cublas\w*|cudnn\w*|cufft|curand|cusparse|cusolver|nvrtc)\.so\.\d", o.values.get("library", ""))]
    if ext and runtime and not own and not ops and not mismatched:
        # an extension's compiled module asks for a CUDA runtime release the environment does not have: it was built
        # for another CUDA than the torch installed (detectron2#2557: a CUDA 11.0 build beside torch 1.7 with CUDA 11.1)
        mismatched = True
        pkg = _ext_name(ext[0])
        lib = runtime[0].values["library"]
        want = re.search(r"\.so\.(\d+(?:\.\d+)?)", lib)
        yield Finding(
            code="packages.conflict", severity="error", subject=pkg, framework="torch",
            message=(f"{pkg}'s compiled module asks for {lib}" + (f" (CUDA {want.group(1)})" if want and "cudart" in lib
                                                                   else "")
                     + f", which this environment does not have: {pkg} was built for another CUDA than the torch "
                     f"installed. Install the {pkg} build made for this torch release and its CUDA, or build {pkg} "
                     "from source against it; installing a second CUDA only to satisfy the old build mixes two."),
            sources=c.pattern_sources(kb, ext + runtime),
            evidence=tuple(c.quote(o) for o in (ext[:1] + runtime[:1])),
        )
    other = c.find(c.obs(facts, kb), "torch_extension.other_undefined_symbol")
    if other and not ops and not mismatched:
        # another project's compiled extension (flash-attn#931: flash_attn_2_cuda.so for an older torch than 2.3.0)
        lib = next((o.values["library"] for o in other if o.values.get("library")), "")
        module = lib.split(".")[0]
        yield Finding(
            code="packages.conflict", severity="error", subject=module or "torch extension", framework="torch",
            message=(f"{module + ' (a compiled torch extension)' if module else 'A compiled torch extension'} needs a "
                     "torch C++ symbol that "
                     f"{('torch ' + torch_v) if torch_v else 'the installed torch'} does not export: it was built for "
                     "another torch release or CUDA variant. Install the release of its package whose wheel is built "
                     "for this torch, or rebuild it against this torch (pip's --no-build-isolation --no-cache-dir "
                     "--force-reinstall on that package); a torch upgrade after it was installed is the usual cause."),
            sources=c.pattern_sources(kb, other),
            evidence=tuple(c.quote(o) for o in other[:1]) + ((f"torch {torch_v}",) if torch_v else ()),
        )
    # xFormers built for another torch ("PyTorch 2.0.1+cu118 with CUDA 1108 (you have 2.0.1)", Rein#27): its wheel
    # must come from the same release and index as the torch it runs with
    xf = c.find(c.obs(facts, kb), "xformers.built_for_other_torch")
    have_cpu = any((local_label((o.values.get("have") or "").strip()) or "").startswith("cpu") for o in xf)
    if xf and not have_cpu:  # (a CPU torch under it is cuda.cpu_only_build's: InvokeAI#5399)
        v = next((o.values for o in xf if o.values.get("built")), {})
        built, have = v.get("built"), (v.get("have") or "").strip()
        variant = local_label(have) if have else None
        index = f"https://download.pytorch.org/whl/{variant}" if variant and re.match(r"cu\d+$", variant) else None
        if built and have and built == have:
            # its own lines say it was built for this very torch (xformers#1250: 2.6.0+cu118, you have 2.6.0+cu118):
            # the release is not why the extensions fail, and reinstalling the same wheel is no fix
            yield Finding(
                code="packages.conflict", severity="info", subject="xformers", framework="torch",
                message=(f"xFormers' C++/CUDA extensions do not load, but it was built for this very torch ({have}), so "
                         "the torch release is not the cause. `XFORMERS_MORE_DETAILS=1 python -m xformers.info` prints "
                         "the error that stops them (a CUDA library that is missing, a Python it was not built for, "
                         "or a build for another CUDA)."),
                sources=c.pattern_sources(kb, xf), evidence=tuple(c.quote(o) for o in xf[:2]),
            )
        else:
            yield Finding(
                code="packages.conflict", severity="error", subject="xformers", framework="torch",
                message=((f"xFormers was built for torch {built} and this is torch {have}: " if built and have else
                          "xFormers was built for another torch release or CUDA variant than the one installed: ")
                         + "its C++/CUDA extensions do not load, and its memory-efficient attention is off. Install the "
                         "xformers wheel built for this torch, from the same PyTorch index as torch ("
                         + (f"{index}" if index else "https://download.pytorch.org/whl/<variant> of your torch, e.g. cu118")
                         + "), or the torch release it was built for; installing xformers alone from PyPI may also "
                         "replace torch with the release it pins."),
                fix=(pip_install(sh, ["xformers", "--index-url", index], upgrade=True),) if index else (),
                sources=c.pattern_sources(kb, xf), evidence=tuple(c.quote(o) for o in xf[:2]),
            )
    yield from _triton_dll(facts, kb, sh)
    # jax and jaxlib of releases that do not pair (jax's own import-time check).
    jx = c.find(c.obs(facts, kb), "jax.jaxlib_mismatch")
    need = next((o for o in jx if o.values.get("need")), None)
    if need:
        # the older wording names the jaxlib jax needs, not jax's own version (jax#15285: jaxlib 0.3.25, >= 0.4.6)
        v = need.values
        yield Finding(
            code="packages.conflict", severity="error", subject="jax",
            message=(f"This jax needs jaxlib >= {v.get('need')}, and jaxlib {v.get('jaxlib')} is installed, so jax "
                     "refuses to import. Upgrade both together so they come from one release (jax[cpu], or jax[cuda12] "
                     "for NVIDIA GPUs, pins its jaxlib)."),
            fix=(pip_install(sh, ["jax", "jaxlib"], upgrade=True),), sources=c.pattern_sources(kb, [need]),
            evidence=(c.quote(need),),
        )
        jx = []
    if jx:
        v = jx[0].values
        newer = max((v.get("jax", "0"), v.get("jaxlib", "0")), key=lambda x: tuple(int(p) for p in re.findall(r"\d+", x)))
        yield Finding(
            code="packages.conflict", severity="error", subject="jax",
            message=(f"jaxlib {v.get('jaxlib')} and jax {v.get('jax')} come from releases that do not pair, and jax refuses "
                     f"to import. Install both at one release (jax[cuda12] or jax[tpu] for an accelerator build, which "
                     f"pins its jaxlib): e.g. jax=={newer} with jaxlib=={newer}."),
            fix=(pip_install(sh, [f"jax=={newer}", f"jaxlib=={newer}"]),), sources=c.pattern_sources(kb, jx),
            evidence=tuple(c.quote(o) for o in jx[:1]),
        )
    # protobuf 4.21+ under _pb2 modules generated by an older protoc (older TensorFlow, TensorBoard, ONNX wheels).
    pb = c.find(c.obs(facts, kb), "protobuf.descriptors_outdated")
    if pb:
        tf_present = facts.framework("tensorflow") is not None or any(d in pk for d in PRIMARY_TF)
        yield Finding(
            code="packages.conflict", severity="error", subject="protobuf",
            framework="tensorflow" if tf_present else None,
            message=("protobuf " + (f"{pk['protobuf']} " if "protobuf" in pk else "") + "is newer than the generated "
                     "protocol-buffer code of a package that imports it (an older TensorFlow, TensorBoard or "
                     "ONNX): protobuf 4.21 stopped accepting code from protoc < 3.19. Install protobuf 3.20.x (the "
                     "message's first workaround), or upgrade the package that ships the old _pb2 files."),
            fix=(pip_install(sh, ["protobuf==3.20.*"]),), sources=("https://protobuf.dev/news/2022-05-06/",),
            evidence=tuple(c.quote(o) for o in pb[:1]) + ((f"protobuf {pk['protobuf']}",) if "protobuf" in pk else ()),
        )
    # Keras 2 vs 3 against TensorFlow's own requirement.
    tf = facts.framework("tensorflow")
    tf_v = tf.version if tf else next((pk[d] for d in PRIMARY_TF if d in pk), None)
    trow = cat.release_of(kb, "tensorflow", tf_v)
    if trow and trow.get("keras") and "keras" in pk and not in_range(pk["keras"], trow["keras"]):
        yield Finding(
            code="packages.conflict", severity="error", subject="keras", framework="tensorflow",
            message=(f"keras {pk['keras']} is installed, but tensorflow {tf_v} requires keras{trow['keras']} "
                     "(Keras 3 is TensorFlow's Keras from 2.16; 2.15 and older need Keras 2)."),
            fix=(pip_install(sh, [f"keras{trow['keras']}"]),), sources=cat.source_urls([trow]),
            evidence=(f"tensorflow {tf_v}", f"keras {pk['keras']}"),
        )
    # The same distribution twice on sys.path, or installed by two installers.
    for name, versions in facts.environment.package_duplicates.items():
        if name in ("torch", "numpy", "torchvision", "torchaudio", "keras") or name in PRIMARY_TF:
            yield Finding(
                code="packages.conflict", severity="warning", subject=name,
                framework="torch" if name.startswith("torch") else ("tensorflow" if name in PRIMARY_TF or name == "keras" else None),
                message=(f"{name} is installed {len(versions)} times ({', '.join(versions)}) in places this Python "
                         "reads; the first one on sys.path is imported, the other one confuses pip and conda. "
                         "Uninstall until none is left, then install once."),
                fix=(pip_uninstall(sh, [name]), pip_uninstall(sh, [name])), sources=(PIP_CHECK,),
                evidence=tuple(f"{name} {v}" for v in versions),
            )
    inst = facts.environment.installers
    stack = [n for n in ("torch", "torchvision", "torchaudio", "numpy") if n in inst]
    kinds = {inst[n] for n in stack}
    if "conda" in kinds and len(kinds) > 1 and "torch" in stack:
        yield Finding(
            code="packages.conflict", severity="warning", subject="torch", framework="torch",
            message=("The torch stack was installed by both conda and pip ("
                     + ", ".join(f"{n}: {inst[n]}" for n in stack) + "); conda and pip copies of the CUDA/cuDNN "
                     "libraries and of NumPy load side by side. Install the stack with one tool."),
            fix=(), sources=("https://github.com/pytorch/pytorch/issues/138506",),
            evidence=tuple(f"{n} installed by {inst[n]}" for n in stack),
        )


@rule
def built_for_another(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """Code that reaches for a part of the framework its release lacks: what ships that code was made for another
    release (an add-on's `torch.ao` under an older torch; a TensorFlow plugin built for another TensorFlow)."""
    all_obs = c.obs(facts, kb)
    sub = c.find(all_obs, "torch.submodule_missing")
    if sub:
        mod = sub[0].values["module"]
        torch = facts.framework("torch")
        label = c.release_label(torch) if torch is not None and torch.version else "The installed torch"
        yield Finding(
            code="packages.conflict", severity="error", subject="torch", framework="torch",
            message=(f"{label} has no module {mod}, which the failing code imports: that code (an add-on such as "
                     "torchvision or torchaudio, or the program itself) was written for another torch release. "
                     "Install the add-on releases made for this torch (torchvision and torchaudio each pin one "
                     "torch: install them in one pip command with it), or the torch release the program needs; "
                     "`pip check` lists the requirements that disagree."),
            fix=(pip(facts, "check"),), sources=(PIP_CHECK,) + c.pattern_sources(kb, sub),
            evidence=tuple(c.quote(o) for o in sub[:1]),
        )
    gone = c.find(all_obs, "python.name_missing_from")
    if gone and not sub:
        # spconv#367: spconv 2.1.2 importing ConvFwdAndBwdInput from an older cumm ("your cumm need to be upgraded too")
        v = gone[0].values
        top = v["module"].split(".")[0]
        yield Finding(
            code="packages.conflict", severity="error", subject=top, framework="torch" if top == "torch" else None,
            message=(f"The installed {top} has no {v['name']} in {v['module']}, which the code that failed imports: "
                     f"that code was written for another {top} release. Install the {top} release it requires "
                     f"(usually upgrading both together); `pip check` lists the requirements that disagree, and `pip "
                     f"show {top}` its version."),
            fix=(pip(facts, "check"), pip(facts, "show", top)), sources=c.pattern_sources(kb, gone) + (PIP_CHECK,),
            evidence=tuple(c.quote(o) for o in gone[:1]),
        )
    alias = c.find(all_obs, "numpy.alias_removed")
    if alias:
        # gluonts#2509: MXNet 1.x's np.bool under NumPy 1.24 (its maintainers capped numpy for the mxnet extra)
        name = alias[0].values["alias"]
        have = facts.packages.get("numpy")
        yield Finding(
            code="packages.conflict", severity="error", subject="numpy",
            message=(f"The failing code uses np.{name}, an alias of Python's {name} that NumPy deprecated in 1.20 and "
                     f"removed in 1.24: the installed NumPy{' ' + have if have else ''} is newer than that code (the "
                     "package in the traceback, or the program). Install numpy<1.24 beside it, or a release of that "
                     f"package that uses {name} (or np.{name}_) instead"
                     + (" (NumPy 2.0 brought np.bool back as its own boolean type, but 2.0 breaks other old code)."
                        if name == "bool" else ".")),
            fix=(pip_install(c.shell(facts), ["numpy<1.24"]),), sources=c.pattern_sources(kb, alias),
            evidence=tuple(c.quote(o) for o in alias[:1]) + ((f"numpy {have}",) if have else ()),
        )
    tfp = c.find(all_obs, "tfp.needs_newer_tf")
    if tfp:
        # tensorflow/probability#1060 (tfp-nightly beside tensorflow 2.0.0b1: tf-nightly pairs with it) and volatile#4
        # (tensorflow_cpu 2.4.0 installed, a 2.3.0-dev copy imported)
        v = tfp[0].values
        dev = bool(re.search(r"dev|alpha|beta|a\d|b\d|rc\d", v["found"]))
        yield Finding(
            code="packages.conflict", severity="error", subject="tensorflow-probability", framework="tensorflow",
            message=(f"This TensorFlow Probability needs TensorFlow {v['need']} or newer, and the TensorFlow that "
                     f"imports is {v['found']}: each TFP release pairs with one TensorFlow release (TFP's release notes "
                     "name it; tfp-nightly pairs with tf-nightly). Install TensorFlow " + v["need"] + " or newer, or "
                     "the TFP release made for the installed TensorFlow"
                     + (f". {v['found']} is a pre-release or nightly build: if you installed a release, another "
                        "TensorFlow copy (tf-nightly, or another distribution) is the one imported; `pip list` shows "
                        "them, uninstall the one you did not mean." if dev else ".")),
            fix=(pip_install(c.shell(facts), [f"tensorflow>={v['need']}"]), pip(facts, "list")),
            sources=c.pattern_sources(kb, tfp), evidence=tuple(c.quote(o) for o in tfp[:1]),
        )
    numba = c.find(all_obs, "numba.numpy_out_of_range")
    if numba:
        # ComfyUI_MatAnyone_Kytra#3: numba for NumPy <= 2.1 under NumPy 2.2; the maintainer's `numpy>=1.20.0,<2.1`
        v = numba[0].values
        major, minor = v["bound"].split(".")
        spec = f"numpy<{major}.{int(minor) + 1}" if v["side"] == "less" else f"numpy>={v['bound']}"
        yield Finding(
            code="packages.conflict", severity="error", subject="numba",
            message=(f"The installed numba supports NumPy {v['bound']} or {'older' if v['side'] == 'less' else 'newer'}, "
                     f"and NumPy {v['have']} is installed: numba refuses to import (and whatever imports it, librosa, "
                     f"umap, shap). Install {spec.replace('numpy', 'NumPy ')}, or a numba release that supports NumPy "
                     f"{v['have']}."),
            fix=(pip_install(c.shell(facts), [spec]),), sources=c.pattern_sources(kb, numba),
            evidence=tuple(c.quote(o) for o in numba[:1]),
        )
    plug = [o for o in c.find(all_obs, "tf.plugin_load_failed")
            if not o.values.get("plugin", "").startswith("libmetal_plugin")]  # tf.metal_plugin's, with its own data
    if plug:
        name = plug[0].values.get("plugin") or "a plugin"
        dist = PLUGIN_DISTS.get(name.rsplit(".", 1)[0])
        yield Finding(
            code="packages.conflict", severity="error", subject=dist or "tensorflow", framework="tensorflow",
            message=(f"`import tensorflow` failed loading the plugin {name} from site-packages/tensorflow-plugins"
                     + (f" ({dist})" if dist else "") + ": a PluggableDevice plugin is built for one TensorFlow "
                     "release, and one that does not load into the installed TensorFlow stops the import (the file "
                     "is there; 'not found' is how TensorFlow reports a library that failed to load). Install the "
                     "TensorFlow release the plugin requires (`pip check` names it), or uninstall the plugin."),
            fix=(pip(facts, "check"),), sources=c.pattern_sources(kb, plug) + (PIP_CHECK,),
            evidence=tuple(c.quote(o) for o in plug[:1]),
        )


@rule
def pair_mismatch_said(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A package's own check that it and its framework are of different releases or CUDA builds (Open3D-ML#430:
    'Open3D needs PyTorch version 1.7.*, but version 1.8.2 is installed'; a PJRT plugin's API version, openxla#27)."""
    said = c.find(c.obs(facts, kb), "package.pair_mismatch_said")
    if not said:
        return
    v = said[0].values
    pkg, other = v.get("pkg", "the package"), v.get("other", "the framework")
    other = "jax" if other == "framework" else other
    pjrt = pkg in ("PJRT plugin", "plugin")
    if pjrt:
        pkg = f"the {v.get('backend', '')} PJRT plugin".replace("  ", " ")
    cuda = "built with CUDA" in said[0].text
    yield c.said_finding(
        kb, said, "packages.conflict", "pjrt-plugin" if pjrt else pkg.lower(), device_kind=None,
        message=(f"{pkg[0].upper() + pkg[1:]} and {other} do not match (its own check says so): {pkg} "
                 + (f"was built with CUDA {v.get('want')}, {other} with CUDA {v.get('have')}" if cuda else
                    f"implements PJRT API {v.get('have')}, this {other} {v.get('want')}" if pjrt and v.get("have") else
                    "is built for another jaxlib release (its structures have another size)" if pjrt else
                    f"needs {other} {v.get('want')}, and {v.get('have')} is installed")
                 + f". Install the {other} release and build {pkg} was made for, or the {pkg} release made for this "
                 f"{other}: the two come as a pair."),
    )


@rule
def tf_ops_for_another_major(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A compiled library wants libtensorflow_framework.so.N of another TensorFlow major than the one installed
    (deepmd-kit#248: deepmd-kit 1.2.0's ops want .so.2 beside TensorFlow 1.14, whose file is .so.1)."""
    said = c.find(c.obs(facts, kb), "tf.framework_library_missing")
    tf = facts.framework("tensorflow")
    version = facts.packages.get("tensorflow") or (tf.version if tf is not None else None)
    if not said or not version or not re.match(r"\d+\.", version):
        return
    want, have = said[0].values["major"], version.split(".")[0]
    if want == have:
        return  # the file of this very major is missing: TensorFlow's own install, not a pairing
    yield Finding(
        code="packages.conflict", severity="error", subject="tensorflow", framework="tensorflow",
        message=(f"A compiled library asks for libtensorflow_framework.so.{want}, TensorFlow {want}.x's, but TensorFlow "
                 f"{version} is installed (its file is libtensorflow_framework.so.{have}): the package whose ops fail "
                 f"to load was built against TensorFlow {want}. Install a TensorFlow {want}.x release that package "
                 f"supports, or the package's release built for TensorFlow {have}.x; linking one file to the other's "
                 "name does not make the two builds match."),
        sources=c.pattern_sources(kb, said), evidence=(c.quote(said[0]), f"tensorflow {version}"),
    )


@rule
def numpy_outside_requirement(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """pip's resolver says a package caps NumPy below the one installed (UniAD#84: mmdet3d 0.17.1 requires
    numpy<1.20.0 beside numpy 1.24.4; the fix was the guide's older NumPy)."""
    said = [o for o in c.find(c.obs(facts, kb), "pip.numpy_requirement_conflict")
            if re.search(r"<|==", o.values["spec"]) and not in_range(o.values["have"], o.values["spec"])]
    if not said:
        return
    def cap(o) -> tuple:  # noqa: ANN001 - the lowest upper bound first: the most packages stay satisfied under it
        m = re.search(r"(?:<|==)=?\s*(\d[\w.]*)", o.values["spec"])
        return tuple(int(p) if p.isdigit() else 0 for p in m.group(1).split(".")) if m else ()
    first = min(said, key=cap)
    v = first.values
    others = [o.values for o in said if o is not first]
    yield Finding(
        code="packages.conflict", severity="warning", subject="numpy",
        message=(f"pip says {v['pkg']} {v['ver']} requires numpy{v['spec']}, and numpy {v['have']} is installed"
                 + ("".join(f"; {o['pkg']} {o['ver']} requires numpy{o['spec']}" for o in others[:3]))
                 + f": {v['pkg']} was made for another NumPy, and its code can fail at run time under this one "
                 f"(pip installs it anyway and only warns). Install a NumPy inside its range, or a {v['pkg']} "
                 "release made for this NumPy."),
        fix=(pip_install(c.shell(facts), [f"numpy{v['spec'].replace(' ', '')}"]),),
        sources=c.pattern_sources(kb, said), evidence=tuple(c.quote(o) for o in said[:2]),
    )


def _torch_version(facts: Facts) -> str | None:
    """torch's version as installed (its distribution) or as the paste's framework facts give it."""
    torch = facts.framework("torch")
    return facts.packages.get("torch") or (torch.version if torch else None)


# PyTorch Geometric's compiled extensions, each a wheel built for one torch release and CUDA variant (its README).
PYG_EXTENSIONS = ("torch-cluster", "torch-scatter", "torch-sparse", "torch-spline-conv", "pyg-lib")
PYG_INSTALL = "https://github.com/pyg-team/pytorch_geometric#installation"


@rule
def pyg_cpu_wheel(facts: Facts, kb: Knowledge) -> Iterable[Finding]:
    """A PyG extension built without CUDA beside a torch that has it: "Not compiled with CUDA support" (pytorch_cluster
    #186, aligned_diffusion_bridges#2: PyPI's torch-cluster 1.6.1 beside torch 1.12.0+cu113)."""
    all_obs = c.obs(facts, kb)
    said = c.find(all_obs, "ext.pyg_not_compiled_with_cuda")
    if not said:
        return
    torch = facts.framework("torch")
    if torch is not None and c.torch_has_cuda(torch, all_obs) is False:
        return  # torch itself has no CUDA: cuda.cpu_only_build is torch's, and its GPU build comes first
    # the extension the error's own lines name (a traceback's torch.ops.torch_cluster), not a listing's rows
    named = [o.values["pkg"].replace("_", "-").lower() for o in c.find(all_obs, "ext.pyg_named")
             if not re.match(r"\s*[\w.-]+\s+\d[\w.+!-]*(?:\s|$)", o.text)]
    pkg = next(iter(dict.fromkeys(n for n in named if n in PYG_EXTENSIONS)), None)
    listed = [n for n in PYG_EXTENSIONS if n in facts.packages]
    torch_v = torch.version if torch is not None else None
    variant = local_label(torch_v) if torch_v else None
    index = (f"https://data.pyg.org/whl/torch-{release(torch_v, 2)}.0+{variant}.html"
             if variant and re.fullmatch(r"cu\d+", variant) else None)
    cuda = c.torch_cuda(torch) if torch is not None else None
    what = f"PyG's {pkg}" if pkg else ("A PyG extension (" + ", ".join(listed) + " installed)" if listed
                                       else "A PyG extension")
    targets = [pkg] if pkg else listed
    yield Finding(
        code="packages.conflict", severity="error", subject=pkg or "pyg", framework="torch", device_kind="cuda",
        message=(f"{what} was built without CUDA ('Not compiled with CUDA support'): its wheel "
                 "is a CPU build (PyPI's source package built where no CUDA was found, or a +cpu wheel), so its ops "
                 "refuse the CUDA tensors "
                 + (f"torch {torch_v} gives them" if cuda else "torch gives them")
                 + ". Install the extension wheels made for this torch release and CUDA variant from the PyG wheel "
                 "index" + (f" ({index})" if index else " (https://data.pyg.org/whl/torch-<release>+<cuda>.html, "
                                                           "named for the installed torch)")
                 + ", not from PyPI."),
        fix=(pip_install(c.shell(facts), targets + ["--force-reinstall", "--no-cache-dir", "-f", index]),)
        if index and targets else (),
        sources=c.pattern_sources(kb, said) + (PYG_INSTALL,),
        evidence=(c.quote(said[0]),) + ((f"torch {torch_v}",) if cuda else ()),
    )


def _ext_name(o) -> str:  # noqa: ANN001
    """The extension a torch_ext.import_compiled line names (its regex's alternatives fill pkg, pkg2 or pkg3)."""
    return o.values.get("pkg") or o.values.get("pkg2") or o.values.get("pkg3") or "the extension"


TRITON_WINDOWS = "https://github.com/woct0rdho/triton-windows"


def _triton_dll(facts: Facts, kb: Knowledge, sh) -> Iterable[Finding]:  # noqa: ANN001
    """Windows' "DLL load failed while importing libtriton" (triton-windows#71: triton-windows 3.0-3.2 under torch
    2.3.0): triton-windows is built per torch release, from Triton 3.0 (torch 2.4) on."""
    failed = [o for o in c.find(c.obs(facts, kb), "python.dll_load_failed", "python.dll_init_failed")
              if "libtriton" in o.text]
    if not failed:
        return
    torch_v = _torch_version(facts)
    row = cat.release_of(kb, "torch", torch_v)
    want = (row or {}).get("companions", {}).get("triton")
    old = row is not None and int((want or "3").split(".")[0]) < 3
    if row is not None and old:
        yield Finding(
            code="packages.conflict", severity="error", subject="triton-windows", framework="torch",
            message=(f"torch {torch_v} is older than any triton-windows: its wheels start at Triton 3.0, built for "
                     f"torch 2.4 (torch {row['release']} used Triton {want or 'below 3.0'}), so libtriton does not load "
                     "beside it. Upgrade torch (with torchvision/torchaudio from the same index) and install the "
                     "triton-windows release made for it (torch 2.6 with triton-windows 3.2, per its README's table)."),
            fix=(), sources=(TRITON_WINDOWS,) + cat.source_urls([row]),
            evidence=tuple(c.quote(o) for o in failed[:1]) + (f"torch {torch_v}",),
        )
        return
    if row is not None and want:
        major, minor = (int(x) for x in want.split(".")[:2])
        yield Finding(
            code="packages.conflict", severity="warning", subject="triton-windows", framework="torch",
            message=(f"libtriton does not load: triton-windows is built for one torch release at a time, and torch "
                     f"{torch_v} pairs with Triton {want}. Install that triton-windows release; if it still fails, "
                     "the Microsoft Visual C++ Redistributable (x64) is the other thing its DLL needs."),
            fix=(pip_install(sh, [f"triton-windows<{major}.{minor + 1}"], upgrade=True),),
            sources=(TRITON_WINDOWS,) + cat.source_urls([row]),
            evidence=tuple(c.quote(o) for o in failed[:1]) + (f"torch {torch_v}",),
        )
        return
    yield Finding(
        code="packages.conflict", severity="info", subject="triton-windows", framework="torch",
        message=("libtriton does not load: triton-windows is built for one torch release at a time (its README's "
                 "table: Triton 3.2 for torch 2.6, 3.3 for 2.7, ...), and its DLL needs the Microsoft Visual C++ "
                 "Redistributable (x64). `pip show torch triton-windows` shows whether the two pair."),
        fix=(pip(facts, "show", "torch", "triton-windows"),), sources=(TRITON_WINDOWS,),
        evidence=tuple(c.quote(o) for o in failed[:1]),
    )
