"""Extensions: crawl-wide reports built from the stats."""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured

from articles.record import Article
from crawler.pipelines.accept import rejections

logger = logging.getLogger(__name__)


class FallbackMonitor:
    """Warn when a site's articles keep needing the fallback extractor.

    The spiders count ``extract/<site>/site`` and ``extract/<site>/fallback``. A rising fallback
    share means the site changed its layout: the corpus still fills (trafilatura plus the same
    cleaner), but the site profile needs an update, and this makes that visible in the log and
    in the ``extract/<site>/fallback_share`` stat.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.share = crawler.settings.getfloat("FALLBACK_WARN_SHARE")
        self.min_items = crawler.settings.getint("FALLBACK_WARN_MIN_ITEMS")
        self.warned: set[str] = set()
        crawler.signals.connect(self.item_scraped, signal=signals.item_scraped)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FallbackMonitor:
        return cls(crawler)

    def _check(self, site: str, final: bool) -> None:
        site_path = self.stats.get_value(f"extract/{site}/site", 0)
        fallback = self.stats.get_value(f"extract/{site}/fallback", 0)
        total = site_path + fallback
        if not total:
            return
        share = fallback / total
        if final:
            self.stats.set_value(f"extract/{site}/fallback_share", round(share, 3))
        alarming = site != "generic" and share > self.share and total >= self.min_items
        if alarming and site not in self.warned:
            logger.warning(
                "%s: %d of %d articles (%.0f%%) needed the fallback extractor (limit %.0f%%); "
                "the site's layout may have changed: check cleaners/sites/%s.py",
                site,
                fallback,
                total,
                100 * share,
                100 * self.share,
                site,
            )
            self.warned.add(site)

    def item_scraped(self, item: Article, spider: Spider) -> None:
        self._check(item.site, final=False)

    def spider_closed(self, spider: Spider) -> None:
        sites = {
            key.split("/")[1]
            for key in self.stats.get_stats()
            if key.startswith("extract/") and key.count("/") == 2
        }
        for site in sorted(sites):
            self._check(site, final=True)


class JobdirGuard:
    """Set aside the request queue a killed run left in ``JOBDIR``.

    Scrapy writes its on-disk queue as it goes; a run killed with SIGKILL can leave it
    truncated, and reading it back then fails. The spiders walk discovery again on every start
    and the corpus state says which articles are done, so that queue holds nothing that would
    be lost: it is renamed aside and the run starts with an empty one. A queue left by a run
    that stopped cleanly (SIGINT included) is kept and resumed.
    """

    MARKER = "beritabersih.running"

    def __init__(self, crawler: Crawler) -> None:
        self.jobdir = crawler.settings.get("JOBDIR")
        if not self.jobdir:
            return
        folder = Path(self.jobdir)
        folder.mkdir(parents=True, exist_ok=True)
        marker = folder / self.MARKER
        queue = folder / "requests.queue"
        if marker.exists() and queue.exists():
            aside = folder / f"requests.queue.killed-{int(time.time())}"
            queue.rename(aside)
            logger.warning(
                "JOBDIR %s: the last run was killed; its request queue is set aside (%s) and "
                "discovery is walked again (the corpus state keeps what was done)",
                folder,
                aside.name,
            )
        marker.write_text(str(os.getpid()))
        self.marker = marker
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> JobdirGuard:
        return cls(crawler)

    def spider_closed(self, spider: Spider) -> None:
        self.marker.unlink(missing_ok=True)


class Progress:
    """What a crawl has done so far, while it runs.

    On a terminal, one live status line (tqdm), redrawn twice a second; off a terminal (CI, a
    log file), a short log line every ``PROGRESS_INTERVAL`` seconds instead, so nothing
    interactive reaches a log. Pages fetched, articles written, the queue, the rate, failures
    by reason and articles per site.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.interval = crawler.settings.getfloat("PROGRESS_INTERVAL")
        self.live = crawler.settings.getbool("PROGRESS_LIVE") and sys.stderr.isatty()
        self.bar: Any = None
        self.task: Any = None
        self.started = time.monotonic()
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> Progress:
        if crawler.settings.getfloat("PROGRESS_INTERVAL") <= 0:
            raise NotConfigured("PROGRESS_INTERVAL is 0: no progress lines")
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        from twisted.internet import task

        self.started = time.monotonic()
        if self.live:
            from tqdm import tqdm

            self.bar = tqdm(total=0, bar_format="{desc}", file=sys.stderr, dynamic_ncols=True)
        self.task = task.LoopingCall(self.tick)
        self.task.start(0.5 if self.live else self.interval, now=False)

    def status(self) -> str:
        stats = self.stats.get_stats()
        pages = stats.get("downloader/response_count", 0)
        elapsed = max(time.monotonic() - self.started, 1e-6)
        text = (
            f"{pages} pages ({pages / elapsed:.1f}/s), {stats.get('corpus/staged', 0)} articles, "
            f"queue {self._queued()}"
        )
        # Not written, by reason: the crawl's rejections under the corpus report's labels.
        if failures := rejections(stats):
            text += ", not written: " + ", ".join(f"{k} {v}" for k, v in sorted(failures.items()))
        sites: dict[str, int] = {}
        for key, value in stats.items():
            parts = key.split("/")
            if len(parts) == 3 and parts[0] == "extract" and parts[2] in ("site", "fallback"):
                sites[parts[1]] = sites.get(parts[1], 0) + value
        if sites:
            text += "; " + ", ".join(f"{k} {v}" for k, v in sorted(sites.items()))
        return text

    def _queued(self) -> int | str:
        try:
            return len(self.crawler.engine._slot.scheduler)  # type: ignore[union-attr, arg-type]
        except (AttributeError, TypeError, RuntimeError):  # (no engine yet: not crawling)
            return "?"

    def tick(self) -> None:
        if self.bar is not None:
            self.bar.set_description_str(f"crawl: {self.status()}")
        else:
            logger.info("progress: %s", self.status())

    def spider_closed(self, spider: Spider) -> None:
        if self.task is not None and self.task.running:
            self.task.stop()
        if self.bar is not None:
            self.bar.set_description_str(f"crawl: {self.status()}")
            self.bar.close()
