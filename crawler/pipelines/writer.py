"""Writer pipeline: stages each article and writes the corpus when the run ends
(``corpus.store`` does the work)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler

from articles.plan import Rejection, language_label
from corpus.store import CorpusStore

logger = logging.getLogger(__name__)


class CorpusWriterPipeline:
    """Stage each article; when the run ends, write the corpus (``CORPUS_DIR``).

    A run stopped by SIGINT/SIGTERM (close reason ``shutdown``) keeps its articles staged and
    writes nothing: the next run, resumed or new, numbers them together with its own, so an
    interrupted crawl ends with the corpus an uninterrupted one would have written.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.folder = Path(crawler.settings.get("CORPUS_DIR"))
        self.store: CorpusStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> CorpusWriterPipeline:
        pipeline = cls(crawler)
        # Finishing needs the close reason, which the spider_closed signal carries.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        self.store = CorpusStore(self.folder)
        # A run killed after committing but before writing every file: finish that first.
        self.store.write_files()

    def process_item(self, item: dict, spider: Spider | None = None) -> dict:
        assert self.store is not None
        self.store.stage(dict(item))
        self.stats.inc_value("corpus/staged")
        return item

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.store is not None
        if reason == "shutdown":
            staged = self.store.staged_count()
            self.store.close()
            self.stats.set_value("corpus/staged_for_next_run", staged)
            logger.warning(
                "corpus: run interrupted; %d articles stay staged in %s, the next run finishes "
                "the corpus with them",
                staged,
                self.folder,
            )
            return
        # Every URL the spider found for each article, also those found after it was fetched.
        report = self.store.finish(getattr(spider, "requested", None))
        self.store.record_run(
            f"crawl {spider.name}",
            report,
            rejections(self.stats.get_stats()),
            started=_stamp(self.stats.get_value("start_time")),
        )
        self.store.close()
        self.stats.set_value("corpus/new", report.new)
        self.stats.set_value("corpus/duplicates", report.duplicates)
        self.stats.set_value("corpus/total", report.total)
        logger.info(
            "corpus: %d new documents (%d duplicates folded), %d in all, in %s",
            report.new,
            report.duplicates,
            report.total,
            self.folder,
        )


_BY_STAT = {reason.stat: reason for reason in Rejection}


def rejections(stats: dict[str, Any]) -> dict[str, int]:
    """What a crawl did not write, by reason (``articles.plan``'s labels), from its stats."""
    found: dict[str, int] = {}
    for key, value in stats.items():
        if key.startswith("language/rejected/"):
            reason = language_label(key.rsplit("/", 1)[1])
        elif key in _BY_STAT:
            reason = _BY_STAT[key].label
        else:
            continue
        found[reason] = found.get(reason, 0) + int(value)
    return found


def _stamp(value: Any) -> str | None:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ") if hasattr(value, "strftime") else None
