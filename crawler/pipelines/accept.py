"""The acceptance pipeline: the crawl's adapter of ``corpus.accept``, which does the work
(language, fingerprints, staging; the corpus written when the run ends)."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from scrapy import Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from articles.outcomes import Rejection, language_label
from articles.record import Article
from corpus.accept import Acceptance
from corpus.store import CorpusStore

logger = logging.getLogger(__name__)


class AcceptancePipeline:
    """Accept each article (Indonesian only, fingerprinted, staged) or drop it; when the run
    ends, write the corpus (``CORPUS_DIR``). The item passed on is the judged article (its
    language and SHA-256 set), for the feed exports.

    A run stopped by SIGINT/SIGTERM (close reason ``shutdown``) keeps its articles staged and
    writes nothing: the next run, resumed or new, numbers them together with its own, so an
    interrupted crawl ends with the corpus an uninterrupted one would have written.
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats
        self.folder = Path(crawler.settings.get("CORPUS_DIR"))
        self.acceptance: Acceptance | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AcceptancePipeline:
        pipeline = cls(crawler)
        # Finishing needs the close reason, which the spider_closed signal carries.
        crawler.signals.connect(pipeline.spider_closed, signal=signals.spider_closed)
        return pipeline

    def open_spider(self, spider: Spider | None = None) -> None:
        store = CorpusStore(self.folder)
        # A run killed after committing but before writing every file: finish that first.
        store.write_files()
        self.acceptance = Acceptance(store)

    def process_item(self, item: Article, spider: Spider | None = None) -> Article:
        assert self.acceptance is not None
        verdict = self.acceptance.accept(item)
        judged = verdict.article
        if verdict.rejected is not None:
            self.stats.inc_value(f"language/rejected/{judged.language}")
            raise DropItem(f"{verdict.rejected}: {item.url}", log_level="INFO")
        self.stats.inc_value("language/id")
        known = self.acceptance.known(judged)
        self.stats.inc_value("dedup/known" if known else "dedup/unseen")
        self.stats.inc_value("corpus/staged")
        return judged

    def spider_closed(self, spider: Spider, reason: str) -> None:
        assert self.acceptance is not None
        store = self.acceptance.store
        if reason == "shutdown":
            staged = store.staged_count()
            store.close()
            self.stats.set_value("corpus/staged_for_next_run", staged)
            logger.warning(
                "corpus: run interrupted; %d articles stay staged in %s, the next run finishes "
                "the corpus with them",
                staged,
                self.folder,
            )
            return
        # Every URL the spider found for each article, also those found after it was fetched.
        report = self.acceptance.finish(
            f"crawl {spider.name}",
            getattr(spider, "requested", None),
            rejections(self.stats.get_stats()),
            started=_stamp(self.stats.get_value("start_time")),
            source=_live_source(spider),
        )
        store.close()
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


def _live_source(spider: Spider) -> str:
    """What a crawl read, for the report: the live sites, by their hosts."""
    from archives.warc import excerpt

    hosts = ", ".join(getattr(spider, "allowed_domains", None) or []) or "the URLs given"
    return excerpt(f"live sites: {hosts}")


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
