"""Crawl a local copy of the sites: ``MIRROR_URL`` redirects every download, nothing else.

With ``MIRROR_URL=http://127.0.0.1:8000``, a request for ``https://host/path?query`` is fetched
from ``http://127.0.0.1:8000/host/path?query``, and the response keeps the original URL. It is a
download handler, not a middleware, so robots.txt, the offsite filter, the duplicate filter,
retries and redirects all see the real URLs; only the bytes come from the mirror.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from scrapy.core.downloader.handlers.base import BaseDownloadHandler
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.crawler import Crawler
    from scrapy.http import Response


def mirror_url(mirror: str, url: str) -> str:
    """Where a URL lives in the mirror: ``MIRROR/host/path?query`` (no fragment)."""
    parts = urlsplit(url)
    query = f"?{parts.query}" if parts.query else ""
    return f"{mirror.rstrip('/')}/{parts.netloc}{parts.path or '/'}{query}"


class MirrorDownloadHandler(BaseDownloadHandler):
    """HTTP(S) download handler that fetches from ``MIRROR_URL`` when it is set."""

    def __init__(self, crawler: Crawler) -> None:
        super().__init__(crawler)
        self._http = HTTP11DownloadHandler(crawler)
        self._mirror: str | None = crawler.settings.get("MIRROR_URL") or None

    async def download_request(self, request: Request) -> Response:
        if not self._mirror:
            return await self._http.download_request(request)
        mirrored = request.replace(url=mirror_url(self._mirror, request.url))
        response = await self._http.download_request(mirrored)
        return response.replace(url=request.url, request=request)

    async def close(self) -> None:
        await self._http.close()
