"""Downloader middlewares of the project."""

from __future__ import annotations

import logging
from importlib.metadata import PackageNotFoundError, version

from scrapy import Request, Spider
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.exceptions import IgnoreRequest
from scrapy.robotstxt import RobotParser
from scrapy.settings import BaseSettings
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

from articles.urls import ascii_host


def _version() -> str:
    try:
        return version("beritabersih")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "dev"


class ContactUserAgentMiddleware(UserAgentMiddleware):
    """A User-Agent that names the project and how to reach whoever runs it (``CONTACT``)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        return cls(contact_user_agent(crawler.settings))


def contact_user_agent(settings: BaseSettings) -> str:
    """``USER_AGENT``, else ``<BOT_NAME>/<version> (+<CONTACT>)``: every request of the project
    (the crawl's, the CC-NEWS backfill's) says who runs it."""
    return settings.get("USER_AGENT") or (
        f"{settings.get('BOT_NAME')}/{_version()} (+{settings.get('CONTACT')})"
    )


def _one_line(record: logging.LogRecord) -> bool:
    record.exc_info = None
    record.exc_text = None
    return True


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with every waiting request given the parser.

    While a host's robots.txt is being fetched, Scrapy 2.19 keeps one Deferred per host and each
    waiting request awaits it through ``Deferred.asFuture``, whose callback returns None: the
    first waiter gets the parser, every other one gets None, which means "allowed". Several
    requests to a new host in flight at once (a list of URLs, a shared frontier) would then
    ignore robots.txt. Here each waiter gets its own Deferred, relayed from the shared one
    without consuming its result.
    """

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        # Scrapy logs a robots.txt it could not fetch with a traceback: one line is enough.
        logging.getLogger(ScrapyRobotsTxtMiddleware.__module__).addFilter(_one_line)

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        waiter: Deferred[RobotParser | None] = Deferred()

        def relay(parser: RobotParser | None) -> RobotParser | None:
            waiter.callback(parser)
            return parser  # left for the next waiter

        pending.addCallback(relay)
        return await maybe_deferred_to_future(waiter)


class AllowedHostsMiddleware:
    """Nothing but http(s) on the spider's allowed hosts is ever requested.

    Scrapy's offsite filter lets ``dont_filter`` requests through, and a robots.txt, a
    sitemap, a redirect or a meta refresh can name any URL (``file://`` included). This runs
    first for every request, robots.txt and redirects included, and refuses, counting the
    reason (``offsite/redirect``, ``offsite/sitemap``, ``scheme/file`` ...).
    """

    def __init__(self, crawler: Crawler) -> None:
        self.crawler = crawler
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> AllowedHostsMiddleware:
        return cls(crawler)

    def process_request(self, request: Request, spider: Spider | None = None) -> None:
        parts = urlparse_cached(request)
        source = _source(request)
        if parts.scheme not in ("http", "https"):
            self.stats.inc_value(f"scheme/{parts.scheme or 'none'}")
            raise IgnoreRequest(f"refused: not http(s): {request.url[:200]} ({source})")
        host = ascii_host(parts.hostname or "")
        domains = [
            ascii_host(d)
            for d in getattr(spider or self.crawler.spider, "allowed_domains", None) or []
        ]
        if not any(host == d or host.endswith("." + d) for d in domains):
            self.stats.inc_value(f"offsite/{source}")
            raise IgnoreRequest(f"refused offsite request to {host} ({source})")


def _source(request: Request) -> str:
    """What made a request: a redirect, a meta refresh, robots.txt, a sitemap, an article."""
    if request.meta.get("redirect_reasons") and "meta refresh" in request.meta["redirect_reasons"]:
        return "meta-refresh"
    if request.meta.get("redirect_urls"):
        return "redirect"
    callback = getattr(request.callback, "__name__", "")
    return {
        "parse_robots": "robots",
        "parse_sitemap": "sitemap",
        "parse_index": "index",
        "parse_article": "article",
    }.get(callback, "request")
