"""Who and where a paste comes from, as it says itself: the user and host name to redact in explain's reply.

`hwprobe explain` has no machine to ask for its own names (the doctor redacts what `platform.node()`
and $USER say), yet a paste states them: a shell prompt (`user@host:~$`), `uname -a` (the node name is
its second field), home paths (/home/<user>, /Users/<user>, C:\\Users\\<user>). A host name then goes
wherever it appears in the reply (a distributed error's "connect to <host>:29500"), not just where the
generic patterns (paths, UUIDs, addresses) catch it.
"""

from __future__ import annotations

import re
from typing import Iterable

# WSL's default user names keep Windows' capitals ("MyId@DESKTOP-930EG0A:~$", microsoft/WSL#6772).
_PROMPT = re.compile(r"^\s*(?:\([^)\s]+\)\s+)?([A-Za-z_][\w.-]{0,31})@([A-Za-z0-9][\w-]{0,62})(?:\.[\w.-]+)?:\S*\s*[$#%]")
# `uname -a`'s second field is the node name; /proc/version's "Linux version 5.4.91-..." has none.
_UNAME = re.compile(r"^\s*(?:Linux|Darwin|FreeBSD)\s+(?!version\b)([A-Za-z0-9][\w-]{0,62})(?:\.[\w.-]+)?\s+\d+\.\d+")
_HOME = re.compile(r"(?:/home/|/Users/|\b[A-Za-z]:\\{1,2}Users\\{1,2})([A-Za-z0-9_][\w.-]{0,63})")


def identity(lines: Iterable[str]) -> tuple[str | None, str | None]:
    """(user, host) stated by the paste, the first of each; None where it states none."""
    user = host = None
    for text in lines:
        if host is None or user is None:
            m = _PROMPT.match(text)
            if m:
                user, host = user or m.group(1), host or m.group(2)
        if host is None:
            m = _UNAME.match(text)
            if m:
                host = m.group(1)
        if user is None:
            m = _HOME.search(text)
            if m:
                user = m.group(1)
        if user and host:
            break
    return user, host
