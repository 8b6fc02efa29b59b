"""How a long run shows where it is: a live bar on a terminal, a line now and then in a log."""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

from tqdm import tqdm


@dataclass(frozen=True)
class ProgressDisplay:
    """How a run shows progress: a live bar on a terminal; elsewhere (CI, a log file) a line
    ``<command>: progress: ...`` every ``interval`` seconds; nothing when not ``shown``."""

    shown: bool = True
    interval: float = 30.0
    command: str = "regenerate"


class ProgressBar:
    """One bar (or its log lines); ``advance`` may be called from several threads."""

    def __init__(self, display: ProgressDisplay, total: int, unit: str, desc: str) -> None:
        live = display.shown and sys.stderr.isatty()
        self._bar = tqdm(
            total=total, unit=unit, desc=desc, file=sys.stderr, disable=not live, mininterval=0.5
        )
        self._lines = display.shown and not live
        self._display = display
        self._last_line = time.perf_counter()
        self._lock = threading.Lock()

    def advance(self, done: int, line: Callable[[], str]) -> None:
        """``done`` more units; ``line`` says where the run is (on the bar, or in a log line
        when one is due)."""
        with self._lock:
            self._bar.update(done)
            now = time.perf_counter()
            if self._lines and now - self._last_line >= self._display.interval:
                self._last_line = now
                print(f"{self._display.command}: progress: {line()}", file=sys.stderr, flush=True)

    def describe(self, text: str) -> None:
        """What the bar shows after its count (a terminal only)."""
        with self._lock:
            self._bar.set_postfix_str(text, refresh=False)

    def close(self) -> None:
        self._bar.close()
