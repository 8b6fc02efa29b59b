"""tribunnews.com and the regional Tribun Network hosts."""

from __future__ import annotations

from typing import ClassVar

from crawler.spiders.base import NewsSpider


class TribunSpider(NewsSpider):
    name = "tribun"
    allowed_domains: ClassVar[list[str]] = ["tribunnews.com"]
    # The national site and regional hosts (same layout); `-a hosts=...` to choose others.
    start_hosts = ("www.tribunnews.com", "jateng.tribunnews.com")
    page_all = True
    index_urls = ("https://www.tribunnews.com/index-news?date={date}&page={page}",)
