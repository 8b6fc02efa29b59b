"""Extensions: crawl-wide reports built from the stats."""

from __future__ import annotations

import logging

from scrapy import Spider, signals
from scrapy.crawler import Crawler

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

    def item_scraped(self, item: dict, spider: Spider) -> None:
        self._check(str(item.get("site")), final=False)

    def spider_closed(self, spider: Spider) -> None:
        sites = {
            key.split("/")[1]
            for key in self.stats.get_stats()
            if key.startswith("extract/") and key.count("/") == 2
        }
        for site in sorted(sites):
            self._check(site, final=True)
