"""kumparan.com: newsroom channels and user accounts, from the news sitemaps."""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.spiders.base import NewsSpider


class KumparanSpider(NewsSpider):
    name = "kumparan"
    allowed_domains: ClassVar[list[str]] = ["kumparan.com"]
    start_hosts = ("kumparan.com",)
    # kumparan.com/<account>/<slug>-<shortId>; the id is 11 characters starting with 2 digits.
    # /channel/... and /topic/... are listings.
    article_url = re.compile(
        r"^https?://(?:www\.|m\.)?kumparan\.com/(?!channel/|topic/)[\w.-]+/[\w-]+-\d{2}[A-Za-z0-9]{9}"
        r"/?(?:[?#].*)?$"
    )
    # No multi-page articles, and channel listings are filled by the browser: no index.
