"""A progress bar on stderr for benchmark runs (stdout stays clean); silent when stderr is not a terminal."""

from __future__ import annotations

import sys
import threading
import time
from typing import Any


class BenchProgress:
    """One bar per (framework, device, mode) run: elapsed against the run's expected time, then its status."""

    def __init__(self, total_jobs: int, enabled: bool | None = None) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.total_jobs = total_jobs
        self._progress: Any = None
        self._overall: Any = None
        self._current: tuple[Any, float, float] | None = None  # (task, started, expected)
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._ticker: threading.Thread | None = None

    def __call__(self, label: str, event: str, expected_s: float) -> None:
        if self._progress is None:
            return
        with self._lock:
            if event == "start":
                task = self._progress.add_task(label, total=max(expected_s, 0.1), status="running")
                self._current = (task, time.monotonic(), max(expected_s, 0.1))
            elif event.startswith("done:") and self._current is not None:
                task, _, expected = self._current
                self._progress.update(task, completed=expected, status=event[5:])
                self._progress.advance(self._overall, 1)
                self._current = None

    def _tick(self) -> None:
        while not self._stop.wait(0.1):
            with self._lock:
                if self._current is not None:
                    task, started, expected = self._current
                    # Never full before the run ends: a slow run creeps, it does not claim to be done.
                    self._progress.update(task, completed=min(time.monotonic() - started, expected * 0.99))

    def __enter__(self) -> "BenchProgress":
        if self.enabled and self.total_jobs:
            from rich.console import Console
            from rich.progress import BarColumn, Progress, TextColumn, TimeElapsedColumn

            self._progress = Progress(TextColumn("{task.description}"), BarColumn(), TimeElapsedColumn(),
                                      TextColumn("{task.fields[status]}"), console=Console(stderr=True),
                                      transient=True)
            self._progress.__enter__()
            self._overall = self._progress.add_task("benchmark", total=self.total_jobs, status="")
            self._ticker = threading.Thread(target=self._tick, name="bench-progress", daemon=True)
            self._ticker.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._ticker is not None:
            self._ticker.join(timeout=1)
        if self._progress is not None:
            self._progress.__exit__(None, None, None)
            self._progress = None
