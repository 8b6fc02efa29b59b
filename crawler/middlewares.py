"""Downloader middlewares of the project."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from scrapy.crawler import Crawler
from scrapy.downloadermiddlewares.useragent import UserAgentMiddleware


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
