"""Crawls in the test process: Scrapy's ``CrawlerRunner`` on one Twisted reactor that runs in a
thread for the whole test process (a reactor cannot be started twice), against local servers
started in threads too. A crawl is a blocking call that returns its items, stats and log; no
subprocess, no wait on output lines.
"""

from __future__ import annotations

import io
import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scrapy import signals
from scrapy.crawler import Crawler, CrawlerRunner
from scrapy.settings import Settings

from articles.record import Article
from crawler.commands.mirror import DEFAULT_ROOT, make_server

_started = threading.Lock()
_reactor_ready = threading.Event()


def reactor() -> Any:
    """The Twisted reactor (asyncio, Scrapy's default), running in a daemon thread."""
    with _started:
        if not _reactor_ready.is_set():
            threading.Thread(target=_run_reactor, name="reactor", daemon=True).start()
            _reactor_ready.wait(30)
    from twisted.internet import reactor as running

    return running


def _run_reactor() -> None:
    from scrapy.utils.reactor import install_reactor

    install_reactor("twisted.internet.asyncioreactor.AsyncioSelectorReactor")
    from twisted.internet import reactor as running

    running.callWhenRunning(_reactor_ready.set)
    running.run(installSignalHandlers=False)


class RequestLog(io.StringIO):
    """What a local server was asked for, one ``STATUS /host/path?query`` line per request.

    ``when(n, action)``: ``action`` runs in the server's thread right after the ``n``-th
    request from now is answered (a test interrupts a crawl at a request, not after a delay).
    """

    def __init__(self) -> None:
        super().__init__()
        self._lock = threading.Lock()
        self._trigger: tuple[int, Any] | None = None

    def paths(self) -> list[str]:
        with self._lock:
            text = self.getvalue()
        return [line.split(" ", 1)[1] for line in text.splitlines() if " " in line]

    def when(self, requests: int, action: Any) -> None:
        with self._lock:
            self._trigger = (self.getvalue().count("\n") + requests, action)

    def write(self, text: str) -> int:
        with self._lock:
            written = super().write(text)
            due = self._trigger is not None and self.getvalue().count("\n") == self._trigger[0]
            action = self._trigger[1] if due and self._trigger else None
        if action is not None:
            action()
        return written


@dataclass
class Mirror:
    url: str
    log: RequestLog

    def requested(self) -> list[str]:
        return self.log.paths()


@contextmanager
def local_mirror(root: Path = DEFAULT_ROOT) -> Iterator[Mirror]:
    """``scrapy mirror``'s server, in a thread of this process, on a free port."""
    log = RequestLog()
    server = make_server(root, 0, log)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Mirror(f"http://127.0.0.1:{server.server_address[1]}", log)
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Crawl:
    items: list[Article]
    stats: dict[str, Any]
    log: str  # every record of the crawl (INFO and up), one line each
    paths: list[str] = field(default_factory=list)  # what the mirror served during the crawl

    def stat(self, name: str) -> Any:
        return self.stats.get(name)


class _Lines(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(f"{record.levelname} {record.name}: {record.getMessage()}")


def settings_for(mirror: Mirror | None, folder: Path, **overrides: Any) -> Settings:
    """The project's settings for a fast offline crawl: corpus and archive in ``folder``."""
    settings = Settings()
    settings.setmodule("crawler.settings", priority="project")
    values = {
        "AUTOTHROTTLE_ENABLED": False,
        "DOWNLOAD_DELAY": 0,
        "CORPUS_DIR": str(folder / "corpus"),
        "ARCHIVE_DIR": str(folder / "raw"),
        "PROGRESS_INTERVAL": 0,
        "LOG_LEVEL": "INFO",
        **({"MIRROR_URL": mirror.url} if mirror else {}),
        **overrides,
    }
    settings.setdict(values, priority="cmdline")
    return settings


def crawl(
    spider: str | type,
    folder: Path,
    mirror: Mirror | None = None,
    settings: dict[str, Any] | None = None,
    **arguments: str,
) -> Crawl:
    """Run one crawl to its end in this process; ``arguments`` are the spider's ``-a`` ones."""
    from twisted.internet.threads import blockingCallFromThread

    running = reactor()
    runner = CrawlerRunner(settings_for(mirror, folder, **(settings or {})))
    crawler: Crawler = runner.create_crawler(spider)
    items: list[Article] = []

    def scraped(item: Article) -> None:
        items.append(item)

    crawler.signals.connect(scraped, signal=signals.item_scraped, weak=False)
    before = len(mirror.requested()) if mirror else 0
    lines = _Lines()
    root = logging.getLogger()
    level = root.level
    root.addHandler(lines)
    root.setLevel(logging.INFO)
    try:
        blockingCallFromThread(running, runner.crawl, crawler, **arguments)
    finally:
        root.removeHandler(lines)
        root.setLevel(level)
    assert crawler.stats is not None
    paths = mirror.requested()[before:] if mirror else []
    return Crawl(items, crawler.stats.get_stats(), "\n".join(lines.lines), paths)
