"""Shared test helpers: run the real `scrapy` CLI of this project in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
GOLDEN = REPO / "tests" / "golden"
DATA = REPO / "tests" / "data"


def run_scrapy(
    *args: str | os.PathLike[str], timeout: float = 120, **kw
) -> subprocess.CompletedProcess:
    """`scrapy ARGS...` from the project folder, with this interpreter, output captured."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.run(
        [sys.executable, "-m", "scrapy", *map(str, args)],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        **kw,
    )


@pytest.fixture
def outdir(tmp_path: Path) -> Path:
    return tmp_path / "out"
