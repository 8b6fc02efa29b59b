"""kumparan.com: newsroom channels and user accounts, from the news sitemaps."""

from __future__ import annotations

from typing import ClassVar

from crawler.spiders.base import NewsSpider


class KumparanSpider(NewsSpider):
    name = "kumparan"
    allowed_domains: ClassVar[list[str]] = ["kumparan.com"]
    start_hosts = ("kumparan.com",)
    # No multi-page articles, and channel listings are filled by the browser: no index.
