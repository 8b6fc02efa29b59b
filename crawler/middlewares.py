"""Downloader middlewares of the project."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from scrapy import Request
from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware
from scrapy.robotstxt import RobotParser
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred


def _version() -> str:
    try:
        return version("beritabersih")
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "dev"


class ContactUserAgentMiddleware(UserAgentMiddleware):
    """A User-Agent that names the project and how to reach whoever runs it (``CONTACT``)."""

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> ContactUserAgentMiddleware:
        settings = crawler.settings
        agent = settings.get("USER_AGENT") or (
            f"{settings.get('BOT_NAME')}/{_version()} (+{settings.get('CONTACT')})"
        )
        return cls(agent)


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, with every waiting request given the parser.

    While a host's robots.txt is being fetched, Scrapy 2.19 keeps one Deferred per host and each
    waiting request awaits it through ``Deferred.asFuture``, whose callback returns None: the
    first waiter gets the parser, every other one gets None, which means "allowed". Several
    requests to a new host in flight at once (a list of URLs, a shared frontier) would then
    ignore robots.txt. Here each waiter gets its own Deferred, relayed from the shared one
    without consuming its result.
    """

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
