"""kompas.com: every article host and section, from sitemaps and the daily index."""

from __future__ import annotations

from typing import ClassVar

from crawler.spiders.base import NewsSpider


class KompasSpider(NewsSpider):
    name = "kompas"
    allowed_domains: ClassVar[list[str]] = ["kompas.com"]
    start_hosts = ("www.kompas.com",)
    page_all = True
    index_urls = ("https://indeks.kompas.com/?site=all&date={date}&page={page}",)
