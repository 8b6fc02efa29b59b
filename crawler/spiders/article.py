"""`article`: any list of article URLs, on any site.

Known hosts get their site's path (and ``?page=all`` where the site serves it); other hosts get
the fallback extractor and the generic profile.
"""

from __future__ import annotations

from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from cleaners.sites import get_profile, site_for_url
from crawler.spiders.base import NewsSpider, url_args

# Sites that serve the whole of a multi-page article at ?page=all.
PAGE_ALL_SITES = frozenset({"kompas", "tribun"})


class ArticleSpider(NewsSpider):
    name = "article"
    allowed_domains: ClassVar[list[str]] = []

    def __init__(
        self, urls: str | None = None, urls_file: str | None = None, **kwargs: Any
    ) -> None:
        given = url_args(urls, urls_file)
        if not given:
            raise UsageError("the article spider needs -a urls=URL,URL or -a urls_file=PATH")
        self.allowed_domains = sorted({self._domain(u) for u in given})
        super().__init__(urls=urls, urls_file=urls_file, **kwargs)

    @staticmethod
    def _domain(url: str) -> str:
        """The whole domain of a known site (any of its hosts), else the URL's own host."""
        site = site_for_url(url)
        host = (urlsplit(url.strip()).hostname or "").lower()
        return get_profile(site).domains[0] if site else host

    def is_article(self, url: str) -> bool:
        return self._allowed(url)

    def site_serves_page_all(self, url: str) -> bool:
        return site_for_url(url) in PAGE_ALL_SITES
