"""Best-of-N timing shared by the benchmarks."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from typing import Any


def best_seconds(func: Callable[[Any], object], items: Sequence[Any], rounds: int) -> float:
    """The fastest of ``rounds`` passes of ``func`` over ``items``, in seconds; one call first,
    outside the timing, loads models and warms caches."""
    func(items[0])
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in items:
            func(item)
        best = min(best, time.perf_counter() - started)
    return best
