"""Best-of-N timing and the working folder shared by the benchmarks."""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


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


def add_run_arguments(parser: argparse.ArgumentParser) -> None:
    """``--rounds`` and ``--workdir`` of the benchmarks that run the commands and write a corpus
    (in a folder made and removed in ``--workdir``: by default the project's ``output/``, where
    the corpus goes by default)."""
    parser.add_argument("--rounds", type=int, default=3, help="runs of each; the best counts")
    parser.add_argument(
        "--workdir", type=Path, default=ROOT / "output", help="folder to work in (default: output/)"
    )


@contextmanager
def work_folder(workdir: Path) -> Iterator[Path]:
    """A new folder inside ``workdir``, removed afterwards."""
    workdir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=workdir, prefix="bench-") as tmp:
        yield Path(tmp)


def file_creation_ms(folder: Path, count: int = 500) -> float:
    """CPU (user and system) to create, write and rename one small file in a new folder inside
    ``folder``, in ms: the disk's own cost of a corpus file. On the test machine it moved
    between 0.02 and 0.9 ms from one folder to another and over the hours, which moves a
    crawl's CPU per page by as much; the benchmarks print it beside their results."""
    with tempfile.TemporaryDirectory(dir=folder, prefix="files-") as tmp:
        started = time.process_time()
        for i in range(count):
            path = Path(tmp) / f"{i:06d}.txt"
            path.with_suffix(".tmp").write_bytes(b"x" * 3000)
            path.with_suffix(".tmp").replace(path)
        return (time.process_time() - started) / count * 1000
