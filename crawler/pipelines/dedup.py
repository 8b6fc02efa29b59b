"""Dedup pipeline: marks what the corpus already holds (``corpus.dedup`` does the grouping)."""

from __future__ import annotations

from scrapy import Spider
from scrapy.crawler import Crawler

from corpus.dedup import sha256_text
from corpus.store import CorpusStore


class DedupPipeline:
    """Fingerprint each article and mark what the corpus already holds.

    Sets ``sha256`` and, when the corpus (earlier runs) has the same canonical URL or text,
    ``duplicate_of`` with that document's file. Grouping the run's documents into stories needs
    all of them, so it happens when the writer finishes the run (``CorpusStore.finish``).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats
        self.folder = crawler.settings.get("CORPUS_DIR")
        self.store: CorpusStore | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> DedupPipeline:
        return cls(crawler)

    def open_spider(self, spider: Spider | None = None) -> None:
        self.store = CorpusStore(self.folder)

    def close_spider(self, spider: Spider | None = None) -> None:
        if self.store is not None:
            self.store.close()

    def process_item(self, item: dict, spider: Spider | None = None) -> dict:
        assert self.store is not None
        item["sha256"] = sha256_text(item["text"])
        item["duplicate_of"] = self.store.find(item["canonical_url"], item["sha256"])
        self.stats.inc_value("dedup/known" if item["duplicate_of"] else "dedup/unseen")
        return item
