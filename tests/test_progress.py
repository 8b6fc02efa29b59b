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
from tests.inprocess import Mirror, crawl, local_mirror
from tests.mirror import offline_settings


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
def mirror() -> Iterator[Mirror]:
    with local_mirror() as served:
        yield served


@pytest.fixture(scope="module")
def archive(mirror: Mirror, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive of a crawl (in this process) of the mirror's kumparan pages."""
    folder = tmp_path_factory.mktemp("crawl")
    crawl("kumparan", folder, mirror)
    return folder / "raw"


def test_crawl_off_a_terminal_logs_a_progress_line(caplog: pytest.LogCaptureFixture) -> None:
    from scrapy.utils.misc import build_from_crawler
    from scrapy.utils.test import get_crawler

    from crawler.extensions import Progress
    from crawler.spiders.sites import SPIDERS

    crawler = get_crawler(SPIDERS["kumparan"], {"PROGRESS_LIVE": True, "PROGRESS_INTERVAL": 30})
    progress = build_from_crawler(Progress, crawler)  # (the test's stderr is no terminal)
    for name, value in {"downloader/response_count": 12, "corpus/staged": 3}.items():
        crawler.stats.set_value(name, value)
    crawler.stats.set_value("article/incomplete", 1)
    crawler.stats.set_value("extract/kumparan/site", 3)
    with caplog.at_level("INFO"):
        progress.tick()
    (line,) = [r.getMessage() for r in caplog.records if r.getMessage().startswith("progress: ")]
    assert " 12 pages (" in line and " 3 articles, queue " in line
    assert "not written: incomplete (a page missing) 1" in line and "; kumparan 3" in line
    assert "\r" not in caplog.text  # nothing interactive in a log


@pytest.mark.e2e
def test_crawl_on_a_terminal_draws_one_live_status_line(mirror: Mirror, tmp_path: Path) -> None:
    screen = _on_a_terminal(
        [
            "crawl",
            "kumparan",
            "-O",
            str(tmp_path / "items.jsonl"),
            *offline_settings(mirror.url, tmp_path),
            "-L",
            "WARNING",
        ]
    )
    assert "\r" in screen and "crawl: " in screen
    final = screen.rsplit("crawl: ", 1)[1].split("\n", 1)[0]
    assert "4 articles" in final and "kumparan 4" in final
    assert "progress: " not in screen  # the log line is for logs only


@pytest.mark.e2e
def test_regenerate_off_a_terminal_prints_progress_lines(archive: Path, tmp_path: Path) -> None:
    result = run_scrapy(
        "regenerate", archive, "-o", tmp_path / "again", "-s", "PROGRESS_INTERVAL=0.000001"
    )
    assert result.returncode == 0, result.stderr
    lines = [line for line in result.stderr.splitlines() if "regenerate: progress:" in line]
    archives = len(list(archive.iterdir()))
    assert f"regenerate: progress: reading archives: {archives} of {archives} files" in lines
    assert "articles" in lines[-1]


@pytest.mark.e2e
def test_regenerate_on_a_terminal_draws_a_bar_for_each_pass(archive: Path, tmp_path: Path) -> None:
    out = tmp_path / "again"
    screen = _on_a_terminal(["regenerate", str(archive), "-o", str(out), "--workers", "2"])
    archives = len(list(archive.iterdir()))
    assert "reading archives: 100%" in screen and f"{archives}/{archives}" in screen
    assert "regenerate: 100%" in screen
    assert "progress: " not in screen  # the log lines are for logs only
