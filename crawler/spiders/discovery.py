"""Discovery: which article URLs a news spider fetches.

robots.txt of each start host -> the sitemaps it lists -> article URLs (filtered by
publication date and by the site's listing forms), plus the site's daily index pages for each
day of ``since..until``; or just the URLs given. Every URL found goes to ``article_request``
(the article path, ``crawler.spiders.base``). Nothing off the allowed hosts is requested.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import date, timedelta
from functools import cached_property
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

from scrapy import Request, Spider
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from articles.sitemaps import SitemapError, parse_sitemap, sitemaps_from_robots
from articles.urls import ascii_host, listed_as_article, on_domains
from cleaners.sites import has_article_form

logger = logging.getLogger(__name__)

# Daily index pages are walked for at most this many days per crawl.
MAX_INDEX_DAYS = 366
# ... and at most this many pages per day.
MAX_INDEX_PAGES = 50


def request_of(failure: Failure) -> Request:
    """The request an errback's failure is about (Scrapy sets it on the failure)."""
    request: Request = failure.request  # type: ignore[attr-defined]
    return request


class DiscoverySpider(Spider):
    """Finds the article URLs of a site; ``NewsSpider`` fetches each as a whole article."""

    # What to fetch, set by each site spider.
    start_hosts: ClassVar[tuple[str, ...]] = ()
    # Where the spider may go (Scrapy's offsite filter reads it too); set by each site spider.
    allowed_domains: Sequence[str] = ()
    # Daily index URL templates, with {date} (YYYY-MM-DD) and {page} (1, 2, ...).
    index_urls: ClassVar[tuple[str, ...]] = ()
    # Set from the arguments by NewsSpider.
    since: date | None = None
    until: date | None = None
    given_urls: list[str]
    hosts: tuple[str, ...] = ()

    def article_request(self, url: str) -> Request | None:
        """The first request for an article URL found (or None): the article path's."""
        raise NotImplementedError

    @cached_property
    def local_frontier(self) -> bool:
        """True unless ``REDIS_URL`` shares the frontier between processes.

        Alone, the spider's own map of requested articles and the corpus state are the
        duplicate filter for articles (so a request lost in a kill is simply made again); on a
        shared frontier, the shared duplicate filter keeps processes from fetching one URL twice.
        """
        return not self.crawler.settings.get("REDIS_URL")

    # --- filters --------------------------------------------------------------------------
    def _allowed(self, url: str) -> bool:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return False
        host = ascii_host(parts.hostname or "")
        return on_domains(host, self.allowed_domains)

    def _refuse(self, url: str, offsite_reason: str) -> None:
        """Count a discovered URL that is not fetched: another scheme, or another host."""
        scheme = urlsplit(url).scheme.lower()
        if scheme not in ("http", "https"):
            self.crawler.stats.inc_value(f"scheme/{scheme or 'none'}")
            logger.warning("refused %s URL: %s", scheme or "schemeless", url[:200])
        else:
            self.crawler.stats.inc_value(offsite_reason)

    def in_dates(self, day: date | None) -> bool:
        if day is None:
            return True  # unknown here; the article's own date decides later
        return (self.since is None or day >= self.since) and (
            self.until is None or day <= self.until
        )

    def index_days(self) -> list[date]:
        if self.since is None and self.until is None:
            return [date.today()]
        until = self.until or date.today()
        since = self.since or until
        days = (until - since).days + 1
        if days > MAX_INDEX_DAYS:
            logger.warning("index: %d days asked, walking the last %d", days, MAX_INDEX_DAYS)
            since = until - timedelta(days=MAX_INDEX_DAYS - 1)
        return [since + timedelta(days=i) for i in range((until - since).days + 1)]

    def is_article(self, url: str) -> bool:
        """A link found on an index page: an article when it has one of the site's forms."""
        return has_article_form(url) and self._allowed(url)

    def listed_article(self, url: str) -> bool:
        """A URL a sitemap lists: an article unless it is a listing of the site."""
        return listed_as_article(url) and self._allowed(url)

    # --- discovery ------------------------------------------------------------------------
    async def start(self) -> AsyncIterator[Request]:
        if self.given_urls:
            for url in self.given_urls:
                if request := self.article_request(url):
                    yield request
            return
        # Alone, discovery is walked again on every start (dont_filter): a resumed run finds
        # again what a killed one had found, and the corpus state says what is already done.
        # On a shared frontier, the shared duplicate filter lets one process fetch each URL.
        for host in self.hosts:
            yield Request(
                f"https://{host}/robots.txt",
                callback=self.parse_robots,
                errback=self.discovery_failed,
                dont_filter=self.local_frontier,
            )
        for day in self.index_days():
            for template in self.index_urls:
                url = template.format(date=day.isoformat(), page=1)
                yield Request(
                    url,
                    callback=self.parse_index,
                    errback=self.discovery_failed,
                    cb_kwargs={"day": day, "page": 1},
                    dont_filter=self.local_frontier,
                )

    def parse_robots(self, response: Response) -> Iterator[Request]:
        sitemaps = sitemaps_from_robots(response.text)
        if not sitemaps:
            logger.warning("%s lists no sitemaps", response.url)
        for url in sitemaps:
            if self._allowed(url):
                yield Request(
                    url,
                    callback=self.parse_sitemap,
                    errback=self.discovery_failed,
                    dont_filter=self.local_frontier,
                )
            else:
                self._refuse(url, "discovery/offsite_sitemap")

    def parse_sitemap(self, response: Response) -> Iterator[Request]:
        try:
            entries = parse_sitemap(response.body)
        except SitemapError as err:
            logger.warning("sitemap %s skipped: %s", response.url, err)
            self.crawler.stats.inc_value("discovery/bad_sitemap")
            return
        stats = self.crawler.stats
        for entry in entries:
            if not self._allowed(entry.loc):
                self._refuse(entry.loc, "discovery/offsite_link")
            elif entry.is_sitemap:
                # An index entry's date is when that sitemap last changed: older than `since`
                # means nothing in it is new enough.
                if self.since and entry.published and entry.published < self.since:
                    stats.inc_value("discovery/sitemap_outside_dates")
                    continue
                yield Request(
                    entry.loc,
                    callback=self.parse_sitemap,
                    errback=self.discovery_failed,
                    dont_filter=self.local_frontier,
                )
            elif not self.listed_article(entry.loc):
                stats.inc_value("discovery/not_article")
            elif not self.in_dates(entry.published):
                stats.inc_value("discovery/outside_dates")
            else:
                stats.inc_value("discovery/from_sitemap")
                if request := self.article_request(entry.loc):
                    yield request

    def parse_index(self, response: Response, day: date, page: int) -> Iterator[Request]:
        found = 0
        for href in response.css("a::attr(href)").getall():
            url = urljoin(response.url, href.strip())
            if self.is_article(url):
                found += 1
                self.crawler.stats.inc_value("discovery/from_index")
                if request := self.article_request(url):
                    yield request
        next_href = response.css('a[rel="next"]::attr(href)').get()
        if found and next_href and page < MAX_INDEX_PAGES:
            url = urljoin(response.url, next_href)
            if self._allowed(url):
                yield Request(
                    url,
                    callback=self.parse_index,
                    errback=self.discovery_failed,
                    cb_kwargs={"day": day, "page": page + 1},
                )

    def discovery_failed(self, failure: Failure) -> None:
        """A robots.txt, sitemap or index page that could not be fetched: one line, counted."""
        if failure.check(IgnoreRequest) and not failure.check(HttpError):
            return  # refused by robots.txt or the allowed hosts: counted there
        reason = failure.type.__name__ if failure.type else "error"
        self.crawler.stats.inc_value(f"discovery/failed/{reason}")
        logger.warning(
            "discovery: %s not fetched: %s",
            request_of(failure).url,
            failure.getErrorMessage()[:200],
        )
