"""Progress on stderr only (stdout stays clean JSON when piped): which probe runs, for how long."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any


class ProbeProgress:
    """A live status line on stderr while probes run; silent when stderr is not a terminal."""

    def __init__(self, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self._lock = threading.Lock()
        self._running: dict[str, float] = {}
        self._done: dict[str, str] = {}
        self._live: Any = None

    def __call__(self, name: str, event: str) -> None:
        with self._lock:
            if event == "start":
                self._running[name] = time.monotonic()
            elif event.startswith("done:"):
                self._running.pop(name, None)
                self._done[name] = event[5:]
        self._refresh()

    def _text(self) -> Any:
        from rich.text import Text

        now = time.monotonic()
        t = Text()
        with self._lock:
            for name, started in self._running.items():
                t.append(f"probing {name} … {now - started:4.1f} s   ", "cyan")
            for name, status in self._done.items():
                t.append(f"{name}: {status}   ", "green" if status == "ok" else "yellow")
        return t

    def _refresh(self) -> None:
        if self._live is not None:
            self._live.update(self._text())

    def __enter__(self) -> "ProbeProgress":
        if self.enabled:
            from rich.console import Console
            from rich.live import Live

            self._live = Live(self._text(), console=Console(stderr=True), refresh_per_second=8,
                              transient=True, get_renderable=self._text)
            self._live.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        if self._live is not None:
            self._live.__exit__(None, None, None)
            self._live = None
