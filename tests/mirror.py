"""Run the project's demo mirror (`scrapy mirror`) on a free local port for a test."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.conftest import REPO


@contextmanager
def running_mirror(log: Path, root: Path | None = None) -> Iterator[str]:
    """Start `scrapy mirror --port 0`; yield its base URL; stop it afterwards."""
    args = [sys.executable, "-m", "scrapy", "mirror", "--port", "0", "--log", str(log)]
    if root is not None:
        args += ["--root", str(root)]
    proc = subprocess.Popen(args, cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()
        if "serving" not in line:
            raise RuntimeError(f"mirror did not start: {line!r}")
        yield line.rsplit(" on ", 1)[1].strip()
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
        time.sleep(0)  # let the port go


def requested(log: Path) -> list[str]:
    """The paths the mirror was asked for, in order: ``/host/path?query``."""
    if not log.exists():
        return []
    return [line.split(" ", 1)[1] for line in log.read_text().splitlines() if " " in line]


def offline_settings(mirror_url: str, folder: Path) -> list[str]:
    """`-s` options for a fast crawl of the mirror, corpus and archive in ``folder``."""
    settings = {
        "MIRROR_URL": mirror_url,
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "CORPUS_DIR": str(folder / "corpus"),
        "ARCHIVE_DIR": str(folder / "raw"),
    }
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]
