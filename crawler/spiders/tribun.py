"""tribunnews.com and the regional Tribun Network hosts."""

from __future__ import annotations

import re
from typing import ClassVar

from crawler.spiders.base import NewsSpider


class TribunSpider(NewsSpider):
    name = "tribun"
    allowed_domains: ClassVar[list[str]] = ["tribunnews.com"]
    # The national site and regional hosts (same layout); `-a hosts=...` to choose others.
    start_hosts = ("www.tribunnews.com", "jateng.tribunnews.com")
    # [/<section>[/<sub>]]/YYYY/MM/DD/<slug> (older; regional hosts often have no section) and
    # /<section>/<numeric id>/<slug> (newer).
    article_url = re.compile(
        r"^https?://[a-z0-9-]+\.tribunnews\.com/(?:amp/)?(?:[a-z0-9-]+/)*?"
        r"(?:\d{4}/\d{2}/\d{2}|\d{5,})/[\w-]+/?(?:[?#].*)?$"
    )
    page_all = True
    index_urls = ("https://www.tribunnews.com/index-news?date={date}&page={page}",)
