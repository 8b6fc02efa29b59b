"""Live progress: a status line on a terminal, a periodic log line elsewhere (never both)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.mirror import offline_settings, running_mirror

pytestmark = pytest.mark.e2e


def _on_a_terminal(args: list[str], timeout: float = 120) -> str:
    """Run ``scrapy ARGS`` with its stderr (and stdout) on a pseudo-terminal; what it drew."""
    master, slave = pty.openpty()
    # A terminal of 40 rows and 200 columns (a new pseudo-terminal has no size at all).
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 200, 0, 0))
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapy", *args],
        cwd=REPO,
        stdin=subprocess.DEVNULL,
        stdout=slave,
        stderr=slave,
        env={**os.environ, "COLUMNS": "200", "TERM": "xterm"},
    )
    os.close(slave)
    chunks: list[bytes] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                data = os.read(master, 65536)
            except OSError:
                break
            if not data:
                break
            chunks.append(data)
        elif proc.poll() is not None:
            break
    proc.wait(timeout=30)
    os.close(master)
    assert proc.returncode == 0, b"".join(chunks).decode(errors="replace")[-2000:]
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_mirror(tmp_path_factory.mktemp("mirror") / "log") as url:
        yield url


@pytest.fixture(scope="module")
def logged_crawl(
    mirror: str, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, subprocess.CompletedProcess]:
    """A crawl whose output goes to a log (not a terminal), with its archive."""
    folder = tmp_path_factory.mktemp("crawl")
    result = run_scrapy(
        "crawl",
        "kumparan",
        "-O",
        folder / "items.jsonl",
        *offline_settings(mirror, folder),
        "-s",
        "PROGRESS_INTERVAL=0.2",
        "-s",
        "DOWNLOAD_DELAY=0.3",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return folder, result


def test_crawl_off_a_terminal_logs_a_progress_line(logged_crawl) -> None:
    _, result = logged_crawl
    lines = [line for line in result.stderr.splitlines() if "progress: " in line]
    assert lines, "no progress line"
    assert " pages (" in lines[-1] and " articles, queue " in lines[-1]
    assert "\r" not in result.stderr  # nothing interactive in a log


def test_crawl_on_a_terminal_draws_one_live_status_line(mirror: str, tmp_path: Path) -> None:
    screen = _on_a_terminal(
        [
            "crawl",
            "kumparan",
            "-O",
            str(tmp_path / "items.jsonl"),
            *offline_settings(mirror, tmp_path),
            "-s",
            "DOWNLOAD_DELAY=0.3",
            "-L",
            "WARNING",
        ]
    )
    assert "\r" in screen and "crawl: " in screen
    final = screen.rsplit("crawl: ", 1)[1].split("\n", 1)[0]
    assert "4 articles" in final and "kumparan 4" in final
    assert "progress: " not in screen  # the log line is for logs only


def test_regenerate_off_a_terminal_prints_progress_lines(logged_crawl, tmp_path: Path) -> None:
    folder, _ = logged_crawl
    result = run_scrapy(
        "regenerate", folder / "raw", "-o", tmp_path / "again", "-s", "PROGRESS_INTERVAL=0.000001"
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "regenerate: progress:" in line]
    archives = len(list((folder / "raw").iterdir()))
    assert f"regenerate: progress: reading archives: {archives} of {archives} files" in lines
    assert "articles" in lines[-1]


def test_regenerate_on_a_terminal_draws_a_bar_for_each_pass(logged_crawl, tmp_path: Path) -> None:
    folder, _ = logged_crawl
    out = tmp_path / "again"
    screen = _on_a_terminal(["regenerate", str(folder / "raw"), "-o", str(out), "--workers", "2"])
    archives = len(list((folder / "raw").iterdir()))
    assert "reading archives: 100%" in screen and f"{archives}/{archives}" in screen
    assert "regenerate: 100%" in screen
    assert "progress: " not in screen  # the log lines are for logs only
