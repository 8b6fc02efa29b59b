"""Language pipeline: drops what is not Indonesian (``corpus.language`` decides)."""

from __future__ import annotations

import logging

from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

from corpus.language import detect_language

logger = logging.getLogger(__name__)


class LanguagePipeline:
    """Keep Indonesian articles; record ``language`` and ``language_score`` on the item."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LanguagePipeline:
        return cls(crawler)

    def process_item(self, item: dict, spider: Spider | None = None) -> dict:
        result = detect_language(item["text"])
        item["language"], item["language_score"] = result.language, result.score
        if result.rejected:
            self.stats.inc_value(f"language/rejected/{result.language}")
            raise DropItem(f"not Indonesian: {result.rejected}: {item['url']}", log_level="INFO")
        self.stats.inc_value("language/id")
        return item
