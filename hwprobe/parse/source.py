"""Reading a pasted dump: bytes to clean numbered lines, in bounded memory whatever the input's size.

A file or stdin is read in chunks. The first HEAD_CHARS and the last TAIL_CHARS characters are kept
whole (environment dumps sit at the start of a log, the error at its end); lines in between are
only scanned for known messages (matrices/error_patterns.json) and at most MIDDLE_LINES of them are
kept. Line numbers always count the lines of the whole input, so evidence can quote "line 12".

Line breaks are "\\n", "\\r\\n" and a lone "\\r" (Python's universal newlines). Each line is cleaned of
what GitHub and terminals add around the text: markdown quote prefixes ("> "), code fences,
ANSI colour codes, zero-width characters, non-breaking spaces, smart quotes, box-drawing borders.
"""

from __future__ import annotations

import codecs
import re
import sys
from collections import deque
from dataclasses import dataclass
from pathlib import Path
from bisect import bisect_right
from typing import BinaryIO, Iterator, NamedTuple, Sequence

from hwprobe.errors import InputError

CHUNK = 1 << 20
HEAD_CHARS = 4 << 20
TAIL_CHARS = 2 << 20
MIDDLE_LINES = 2000
MAX_LINE = 4000  # characters of one line that are kept; the rest of a giant line is noise
SNIFF = 64 << 10


class Line(NamedTuple):
    no: int  # 1-based, in the whole input
    text: str  # cleaned


@dataclass(frozen=True)
class Pasted:
    """The input as numbered clean lines: every line of a normal paste; head, tail and hits of a huge one."""

    lines: tuple[Line, ...]
    total_lines: int
    name: str  # the file name, or "stdin"
    encoding: str
    skipped: str | None = None  # what was only scanned, for huge inputs
    cut: bool = False  # the input ends inside a line (no line break at the end): its last line may be partial

    def runs(self) -> Iterator[tuple[int, list[str]]]:
        """Consecutive stretches of lines as (first line number, texts)."""
        run: list[str] = []
        first = prev = 0
        for ln in self.lines:
            if run and ln.no != prev + 1:
                yield first, run
                run = []
            if not run:
                first = ln.no
            run.append(ln.text)
            prev = ln.no
        if run:
            yield first, run

    @property
    def text(self) -> str:
        return "\n".join(t for _, t in self.lines)


# --- cleaning one line -----------------------------------------------------------------------------

_ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]")
_QUOTE = re.compile(r"^[ \t]{0,3}>(?!>>)[ \t]?")  # one level of "> "; ">>> " is a Python prompt
_FENCE = re.compile(r"^[ \t]*(?:`{3,}|~{3,})[\w+.#-]*[ \t]*$")
_TABLE = {
    **dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f"), None),  # zero-width, BOM, soft hyphen
    **dict.fromkeys(map(ord, "\u00a0\u2007\u202f\u3000\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a"), " "),
    **dict.fromkeys(map(ord, "\u2018\u2019\u201a\u201b\u2032"), "'"),
    **dict.fromkeys(map(ord, "\u201c\u201d\u201e\u201f\u2033"), '"'),
    **dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2212"), "-"),
    ord("\uff1a"): ":", ord("\uff08"): "(", ord("\uff09"): ")", ord("\uff0c"): ",",  # fullwidth (CJK text)
    **dict.fromkeys(map(ord, "│┃║╎╏┆┇┊┋"), "|"),
    **dict.fromkeys(map(ord, "─━╌╍┄┅┈┉"), "-"),
    ord("═"): "=",
    **dict.fromkeys(map(ord, "┼╪╫╬┬┴├┤┌┐└┘╞╡╤╧╒╕╘╛╔╗╚╝╠╣╦╩┝┥┯┷┿╋"), "+"),
    **dict.fromkeys(map(ord, "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"), " "),  # other line breaks: not ours
}


def clean_line(raw: str) -> str:
    """One pasted line as the tool printed it (see the module docstring)."""
    line = raw[:MAX_LINE]
    if "\x1b" in line:
        line = _ANSI.sub("", line)
    line = line.translate(_TABLE)
    while ">" in line[:4] and not line.lstrip().startswith(">>>"):
        stripped = _QUOTE.sub("", line, count=1)
        if stripped == line:
            break
        line = stripped
    if _FENCE.match(line):
        return ""
    return line.rstrip()


# --- decoding --------------------------------------------------------------------------------------

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1a\x1c-\x1f\x7f\ufffd]")


def sniff_encoding(first: bytes) -> str:
    """The encoding of a paste from its first bytes; InputError for binary data.

    UTF-16 is what PowerShell 5's `>` writes (`python -m torch.utils.collect_env > env.txt`).
    """
    for bom, name in _BOMS:
        if first.startswith(bom):
            return name
    if b"\x00" in first:
        even, odd = first[0::2], first[1::2]
        if odd and odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return "utf-16-le"
        if even and even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return "utf-16-be"
        raise InputError("binary data (NUL bytes), not a pasted text")
    head = first[:-4] if len(first) >= SNIFF else first  # a multibyte character may be cut at the end
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError:
        pass
    text = head.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for ch in text if ch > "\x7f") - bad
    if good > bad:
        return "utf-8"  # UTF-8 text with a few broken bytes: those are replaced, the rest is read
    try:
        head.decode("cp1252")
        return "cp1252"  # Windows "ANSI" console output
    except UnicodeDecodeError:
        return "latin-1"


def _check_text(sample: str) -> None:
    if not sample.strip():
        return
    bad = len(_CONTROL.findall(sample))
    if bad > 0.1 * len(sample):
        raise InputError("binary or undecodable data (mostly control characters), not a pasted text")


# --- reading ---------------------------------------------------------------------------------------


def _raw_lines(stream: BinaryIO, first: bytes, encoding: str, state: dict) -> Iterator[str]:
    """Decoded lines without their line breaks; a final line without a break counts, an empty one not
    (and sets state["cut"])."""
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    carry = ""
    chunk = first
    checked = False
    overlong = False  # inside a line already cut to MAX_LINE: drop the rest of it, keep memory bounded
    while True:
        final = not chunk
        text = decoder.decode(chunk, final=final)
        if not checked and text:
            _check_text(text[:SNIFF])
            checked = True
        if overlong:
            cut = min((i for i in (text.find("\n"), text.find("\r")) if i != -1), default=-1)
            if cut == -1:
                text = ""
            else:
                text, overlong = text[cut:], False
        text = carry + text
        hold = ""
        if not final and text.endswith("\r"):
            text, hold = text[:-1], "\r"  # a "\r\n" may be split between chunks
        parts = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        carry = parts.pop() + hold
        if len(carry) > MAX_LINE and not final:
            carry, overlong = carry[:MAX_LINE], True
        yield from parts
        if final:
            state["cut"] = bool(carry)
            if carry:
                yield carry
            return
        chunk = stream.read(CHUNK)


def read_stream(stream: BinaryIO, name: str, keywords: Sequence[str] = ()) -> Pasted:
    """Read a whole stream in bounded memory (see the module docstring).

    `keywords`: lower-case strings one of which every line worth keeping from the middle of a huge
    input contains (parse.keywords(): the literal parts of the error patterns). Lines are cleaned
    only where kept, and the middle is searched a megabyte at a time, so a 50 MB log takes seconds.
    """
    first = stream.read(SNIFF)
    if not first.strip():
        rest = stream.read(SNIFF)
        if not rest.strip():
            raise InputError(f"{name} is empty: nothing to explain")
        first += rest
    first, stream = _reindented_report(first, stream, name)
    encoding = sniff_encoding(first)
    head: list[Line] = []
    tail: deque[tuple[int, str]] = deque()
    middle: list[Line] = []
    pending: list[tuple[int, str]] = []
    head_chars = tail_chars = pending_chars = 0
    no = scanned = dropped = 0

    def flush() -> None:
        nonlocal pending_chars, dropped
        if pending and keywords:
            for i in _hits(pending, keywords):
                if len(middle) < MIDDLE_LINES:
                    middle.append(Line(pending[i][0], clean_line(pending[i][1])))
                else:
                    dropped += 1
        pending.clear()
        pending_chars = 0

    state: dict = {}
    for raw in _raw_lines(stream, first, encoding, state):
        no += 1
        if head_chars < HEAD_CHARS:
            head.append(Line(no, clean_line(raw)))
            head_chars += len(raw) + 1
            continue
        raw = raw[:MAX_LINE]
        tail.append((no, raw))
        tail_chars += len(raw) + 1
        while tail_chars > TAIL_CHARS and len(tail) > 1:
            old = tail.popleft()
            tail_chars -= len(old[1]) + 1
            scanned += 1
            pending.append(old)
            pending_chars += len(old[1]) + 1
            if pending_chars >= CHUNK:
                flush()
    flush()
    lines = tuple(head) + tuple(middle) + tuple(Line(n, clean_line(t)) for n, t in tail)
    if not any(ln.text.strip() for ln in lines):
        raise InputError(f"{name} holds only blank lines (or bare Markdown fences): nothing to explain")
    skipped = None
    if scanned:
        lo = head[-1].no + 1
        hi = lo + scanned - 1
        skipped = (f"lines {lo}-{hi} of {no} (past the first {HEAD_CHARS >> 20} MiB and before the last "
                   f"{TAIL_CHARS >> 20} MiB) were only scanned for known error messages; {len(middle)} kept")
        if dropped:
            skipped += f", {dropped} more not kept"
    return Pasted(lines, no, name, encoding, skipped, cut=bool(state.get("cut")))


def _reindented_report(first: bytes, stream: BinaryIO, name: str) -> tuple[bytes, BinaryIO]:
    """A saved JSON report on one line (`jq -c`, a minifier) would be cut at MAX_LINE and read as text:
    an input that is one whole JSON report (at most HEAD_CHARS) is re-indented first. Anything else
    goes on as it came."""
    import io
    import json

    if first.lstrip()[:1] != b"{":
        return first, stream
    buf = first + stream.read(HEAD_CHARS + 1 - len(first))
    if len(buf) > HEAD_CHARS:
        return buf, stream  # too big for a report: read on as text
    try:
        data = json.loads(buf.decode("utf-8-sig"))
    except (ValueError, UnicodeDecodeError):
        return buf, io.BytesIO()
    except RecursionError:
        raise InputError(f"{name}: JSON nested too deeply to read") from None
    if not (isinstance(data, dict) and "schema_version" in data and "host" in data):
        return buf, io.BytesIO()
    return json.dumps(data, indent=1, ensure_ascii=False).encode("utf-8"), io.BytesIO()


def _hits(pending: list[tuple[int, str]], keywords: Sequence[str]) -> list[int]:
    """Indexes of the pending lines that contain a keyword: one lower-cased join, str.find per keyword."""
    text = "\n".join(t for _, t in pending).lower()
    starts = []
    pos = 0
    for _, t in pending:
        starts.append(pos)
        pos += len(t) + 1
    found: set[int] = set()
    for kw in keywords:
        at = text.find(kw)
        while at != -1:
            i = bisect_right(starts, at) - 1
            found.add(i)
            nxt = starts[i + 1] if i + 1 < len(starts) else len(text)
            at = text.find(kw, nxt)
    return sorted(found)


def read_path(path: str, keywords: Sequence[str] = ()) -> Pasted:
    """A file named on the command line, or "-" for stdin; InputError (exit 2) when it cannot be read."""
    if path == "-":
        stream = sys.stdin.buffer if hasattr(sys.stdin, "buffer") else None
        if stream is None:
            raise InputError("stdin is not readable")
        return read_stream(stream, "stdin", keywords)
    p = Path(path)
    if p.is_dir():
        raise InputError(f"{path}: is a directory, not a pasted dump")
    try:
        with _open_fifo(path) if p.is_fifo() else p.open("rb") as fh:
            return read_stream(fh, p.name, keywords)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not a pasted dump") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot be read ({exc.strerror or exc})") from None


FIFO_WAIT = 2.0  # seconds a named pipe may stay without a writer before that is an error


def _open_fifo(path: str) -> BinaryIO:
    """A named pipe (`mkfifo`, `<(cmd)`) is read like stdin once something writes to it; one that no
    process has open for writing would block open() forever, so it is waited for FIFO_WAIT seconds.
    (A non-blocking read of a FIFO says EOF while it has no writer, EAGAIN while a writer is silent.)"""
    import os
    import time

    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    deadline = time.monotonic() + FIFO_WAIT
    first = b""
    try:
        while True:
            try:
                first = os.read(fd, SNIFF)
            except BlockingIOError:
                break  # a writer is attached: read on, blocking, as from stdin
            if first or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        if not first and time.monotonic() > deadline:
            raise InputError(f"{path}: a named pipe that nothing writes to")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return _Prefixed(first, os.fdopen(fd, "rb"))


class _Prefixed:
    """A binary stream with bytes already read put back in front."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self.head, self.rest = head, rest

    def read(self, n: int = -1) -> bytes:
        if self.head:
            out, self.head = (self.head, b"") if n < 0 or n >= len(self.head) else (self.head[:n], self.head[n:])
            return out
        return self.rest.read(n)

    def __enter__(self) -> "_Prefixed":
        return self

    def __exit__(self, *exc: object) -> None:
        self.rest.close()


def read_string(text: str, name: str = "text", keywords: Sequence[str] = ()) -> Pasted:
    """A paste already in memory (tests, library callers)."""
    import io

    return read_stream(io.BytesIO(text.encode("utf-8")), name, keywords)
