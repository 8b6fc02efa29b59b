"""`article`: any list of article URLs, on any site.

Known hosts get their site's path (and ``?page=all`` where the site serves it); other hosts get
the fallback extractor and the generic profile.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from articles.urls import ascii_host
from cleaners.sites import detect_site, get_profile, site_for_url
from crawler.spiders.base import NewsSpider


class ArticleSpider(NewsSpider):
    name = "article"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.allowed_domains = self.allowed_domains_for(self.given_urls)

    @classmethod
    def parse_arguments(cls, kwargs: dict[str, Any], *, report: bool = True) -> dict[str, Any]:
        if not (kwargs.get("urls") or kwargs.get("urls_file")):
            raise UsageError("the article spider needs -a urls=URL,URL or -a urls_file=PATH")
        return super().parse_arguments(kwargs, report=report)

    @classmethod
    def allowed_domains_for(cls, urls: list[str]) -> list[str]:
        return sorted({cls._domain(u) for u in urls})

    @staticmethod
    def _domain(url: str) -> str:
        """The whole domain of a known site (any of its hosts), else the URL's own host."""
        site = site_for_url(url)
        # (IDNA: the requests, robots.txt's included, carry the host in punycode.)
        host = ascii_host(urlsplit(url.strip()).hostname or "")
        return get_profile(site).domains[0] if site else host

    def sites_read(self) -> set[str]:
        return {detect_site(url=url) for url in self.given_urls}

    def is_article(self, url: str) -> bool:
        return self._allowed(url)

    def site_serves_page_all(self, url: str) -> bool:
        site = site_for_url(url)
        return site is not None and get_profile(site).page_all
