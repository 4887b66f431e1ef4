"""TensorFlow's environment as pasted: the bug template's answers (the old "- Key: value" list, with
or without bold keys and with the value on the next line, and the new "### Heading" issue form,
https://github.com/tensorflow/tensorflow/tree/master/.github/ISSUE_TEMPLATE) and the output of
tools/tf_env_collect.sh ("== check python ===" sections,
https://github.com/tensorflow/tensorflow/blob/master/tools/tf_env_collect.sh).

Template answers are typed by a person: they rank below a tool's output of the same fact. A version
answered as "v2.4.0-rc4-71-g582c8d236cb 2.4.0" is what `python -c "import tensorflow as tf;
print(tf.version.GIT_VERSION, tf.version.VERSION)"` printed, so TensorFlow imported.
"""

from __future__ import annotations

import re
from typing import Sequence

from hwprobe.parse import keyvalues
from hwprobe.parse.draft import TOOL, TYPED, Draft
from hwprobe.parse.source import Line
from hwprobe.parse.values import empty, unmark

# Template questions (lower case, parenthetical hints dropped) -> the key-value vocabulary of keyvalues.
_QUESTIONS = {
    "os platform and distribution": "os",
    "tensorflow version": "tensorflow version",
    "tensorflow version (use command below)": "tensorflow version",
    "python version": "python version",
    "gpu model and memory": "gpu",
    "cuda/cudnn version": "cuda/cudnn version",
    "tensorflow installed from": "tensorflow installed from",
    "tensorflow installed from (source or binary)": "tensorflow installed from",
    "source": "tensorflow installed from",
    "installed using virtualenv? pip? conda": "installed using",  # as _question strips it: no trailing "?"
}
_LIST_ITEM = re.compile(r"^\s*[-*]\s+(?:\*\*)?(?P<q>[^:*]+?)(?:\*\*)?\s*:\s*(?:\*\*)?\s*(?P<a>.*)$")
_HEADING = re.compile(r"^\s*#{2,4}\s+(?P<q>.+?)\s*$")


def _question(q: str) -> str | None:
    k = unmark(q).lower().strip(" :?")
    k = re.sub(r"\s*\(e\.g\.[^)]*\)", "", k).strip()
    return _QUESTIONS.get(k) or _QUESTIONS.get(re.sub(r"\s*\([^)]*\)", "", k).strip())


def read(lines: Sequence[Line], d: Draft) -> None:
    _template(lines, d)
    _env_collect(lines, d)


def _template(lines: Sequence[Line], d: Draft) -> None:
    answers: list[tuple[str, Line, str]] = []
    for i, ln in enumerate(lines):
        m = _LIST_ITEM.match(ln.text) or _HEADING.match(ln.text)
        if not m:
            continue
        key = _question(m.group("q"))
        if key is None:
            continue
        value = (m.groupdict().get("a") or "").strip()
        where = ln
        if empty(value):  # the answer on the following line(s), up to the next question
            value = ""
            for nxt in lines[i + 1:i + 6]:
                if _LIST_ITEM.match(nxt.text) or _HEADING.match(nxt.text):
                    break
                if nxt.text.strip():
                    value, where = nxt.text.strip(), nxt
                    break
        if empty(value):
            continue
        answers.append((key, where, value))
        if key == "tensorflow version" and where is not ln:
            _rows_below(lines, i, d)
    if not answers:
        return
    for key, where, value in answers:
        keyvalues.apply(key, value, d, where, TYPED)
    nos = [a[1].no for a in answers]
    d.section("tf_template", min(nos), max(nos))


def _rows_below(lines: Sequence[Line], i: int, d: Draft) -> None:
    """'- TensorFlow version: \\ntensorflow  2.3.1\\ntensorflow-estimator 2.3.0' (pip list rows as the answer)."""
    from hwprobe.parse.packages import _ROW, _keep, _name

    for nxt in lines[i + 1:i + 8]:
        m = _ROW.match(nxt.text)
        if not m:
            if nxt.text.strip():
                break
            continue
        if _keep(_name(m.group(1))):
            d.package(_name(m.group(1)), m.group(2), nxt.no, nxt.text, TYPED + 1)


_SECTION = re.compile(r"^\s*==\s*(?P<name>[\w\s/().-]+?)\s*=+\s*$")


def _env_collect(lines: Sequence[Line], d: Draft) -> None:
    sections: dict[str, list[Line]] = {}
    current = None
    for ln in lines:
        m = _SECTION.match(ln.text)
        if m:
            current = m.group("name").strip().lower()
            sections[current] = []
            continue
        if current is not None:
            sections[current].append(ln)
    if len(sections) < 2 or not any(k.startswith(("check python", "check os platform", "tensorflow import", "check pips"))
                                    for k in sections):
        return
    all_lines = [x for v in sections.values() for x in v]
    for ln in sections.get("check python", []):
        m = re.match(r"^\s*python (version|implementation):\s*(.+)$", ln.text)
        if m and m.group(1) == "version":
            d.set("python.version", m.group(2).strip(), ln.no, ln.text, TOOL)
        elif m:
            d.set("python.implementation", m.group(2).strip(), ln.no, ln.text, TOOL)
    for ln in sections.get("check os platform", []):
        m = re.match(r"^\s*(os|os release version|os platform|machine|mac version|linux distribution)\s*:\s*(.+)$",
                     ln.text)
        if not m:
            continue
        key, value = m.group(1), m.group(2).strip()
        if key == "os":
            d.set("host.os", value.lower().replace("windows", "windows"), ln.no, ln.text, TOOL)
        elif key == "os release version":
            d.set("host.kernel", value, ln.no, ln.text, TOOL)
        elif key == "machine":
            keyvalues.apply("arch", value, d, ln, TOOL)
        elif key == "mac version":
            v = re.match(r"\('(\d[\d.]*)'", value)
            if v:
                d.set("host.os_version", v.group(1), ln.no, ln.text, TOOL)
        elif key == "linux distribution":
            parts = re.findall(r"'([^']*)'", value)
            if parts and parts[0]:
                d.set("host.distro", " ".join(p for p in parts[:2] if p), ln.no, ln.text, TOOL)
                d.set("host.distro_id", parts[0].lower().split()[0], ln.no, ln.text, TOOL)
    docker = sections.get("are we in docker", [])
    for ln in docker:
        if ln.text.strip() in ("Yes", "No"):
            d.known.add("host.container")
            if ln.text.strip() == "Yes":
                d.set("host.container", "docker", ln.no, ln.text, TOOL)
            break
    # "check for virtualenv" prints hasattr(sys, "real_prefix"): False in every python3 venv, so not read
    # (tensorflow/tensorflow#89271 replaced it for that reason).
    for ln in sections.get("check pips", []):
        from hwprobe.parse.packages import _ROW, _keep, _name

        m = _ROW.match(ln.text)
        if m and _keep(_name(m.group(1))):
            d.package(_name(m.group(1)), m.group(2), ln.no, ln.text, TOOL)
    imp = sections.get("tensorflow import", [])
    for ln in imp:
        m = re.match(r"^\s*tf\.(?:version\.VERSION|VERSION|__version__)\s*=\s*(\S+)", ln.text)
        if m:
            d.set("tensorflow.version", m.group(1), ln.no, ln.text, TOOL)
            d.set("tensorflow.status", "ok", ln.no, ln.text, TOOL)
    for ln in sections.get("python version", []):
        m = re.match(r"^\s*\((\d+), (\d+), (\d+), '(\w+)', \d+\)\s*$", ln.text)
        if m:
            d.set("python.version", ".".join(m.groups()[:3]), ln.no, ln.text, TOOL)
    for ln in sections.get("env", []):
        m = re.match(r"^\s*(LD_LIBRARY_PATH|DYLD_LIBRARY_PATH|CUDA_VISIBLE_DEVICES)\s+(.*)$", ln.text)
        if m and m.group(2).strip() != "is unset":
            d.variables[m.group(1)] = m.group(2).strip()
    if all_lines:
        d.section("tf_env", min(x.no for x in all_lines) - 1, max(x.no for x in all_lines))
