"""kompas.com: every article host and section, from sitemaps and the daily index."""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.spiders.base import NewsSpider


class KompasSpider(NewsSpider):
    name = "kompas"
    allowed_domains: ClassVar[list[str]] = ["kompas.com"]
    start_hosts = ("www.kompas.com",)
    # <sub>.kompas.com/read/YYYY/MM/DD/<id>/<slug>, www.kompas.com/<section>/read/...,
    # and the short form <sub>.kompas.com/read/<id like 25H27130500368>/<slug>.
    article_url = re.compile(
        r"^https?://(?:[a-z0-9-]+\.)?kompas\.com/(?:[a-z0-9-]+/)?(?:read|copy)/"
        r"(?:\d{4}/\d{2}/\d{2}/\d{6,}|\d{2}[A-Z]\d{8,})/[\w-]+/?(?:[?#].*)?$"
    )
    page_all = True
    index_urls = ("https://indeks.kompas.com/?site=all&date={date}&page={page}",)
