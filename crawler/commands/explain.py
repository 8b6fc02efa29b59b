"""``scrapy explain URL|FILE.html [--url URL] [--archive PATH]``: why a page reads as it does.

A URL is fetched through the crawl's own download path (robots.txt, the allowed hosts,
``MIRROR_URL``, retries), a file is read from disk (``--url`` says which page it is, so the
right site profile reads it). Prints the site and layout version, every block with keep or drop
and its reason, where each metadata field came from, and the final document.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import urlsplit

from scrapy import Request, Spider
from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError
from scrapy.http import Response

from articles.urls import ascii_host


class _FetchOne(Spider):
    """Fetches one page with the crawl's middlewares and keeps the response."""

    name = "explain"

    def __init__(self, url: str, holder: list[Response], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.url = url
        self.holder = holder
        self.allowed_domains = [ascii_host(urlsplit(url).hostname or "")]

    async def start(self) -> AsyncIterator[Request]:
        yield Request(self.url, callback=self.keep, dont_filter=True)

    def keep(self, response: Response) -> None:
        self.holder.append(response)


class Command(ScrapyCommand):
    requires_project = True
    default_settings: ClassVar[dict[str, Any]] = {"LOG_LEVEL": "WARNING"}

    def syntax(self) -> str:
        return "URL|FILE.html [--url URL] [--archive PATH] [--no-site-layout]"

    def short_desc(self) -> str:
        return "Explain how one page is read: layout, every block kept or dropped and why"

    def process_options(self, args: list[str], opts: argparse.Namespace) -> None:
        super().process_options(args, opts)
        assert self.settings is not None  # set before options are processed by Scrapy
        # The explanation is the output: Scrapy's own lines only for what goes wrong.
        if not opts.loglevel:
            self.settings.set("LOG_LEVEL", "WARNING", priority="cmdline")
        # One page looked at: no corpus, no archive, no progress line.
        for name, value in (("ITEM_PIPELINES", {}), ("ARCHIVE_DIR", ""), ("PROGRESS_INTERVAL", 0)):
            self.settings.set(name, value, priority="cmdline")

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--url", help="the page's URL, for a FILE (which site reads it)")
        parser.add_argument(
            "--archive",
            metavar="PATH",
            help="read the URL's page from these WARC files (a file or a folder: the crawl's "
            "archive, the backfill's slim WARCs, another tool's) instead of fetching it",
        )
        parser.add_argument(
            "--no-site-layout",
            action="store_true",
            help="read the page as if its site's layouts were unknown (the layout-free reader)",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) != 1:
            raise UsageError("name one URL or one HTML file")
        from articles.explain import explain, render
        from cleaners.html import HtmlError

        target = args[0]
        if Path(target).is_file():
            html: str | bytes = Path(target).read_bytes()
            url = opts.url or Path(target).resolve().as_uri()
        elif opts.archive:
            url = target
            html = _archived(opts.archive, url)
        elif urlsplit(target).scheme in ("http", "https"):
            url = target
            html = self._fetch(url)
        else:
            raise UsageError(f"{target}: no such file, and not an http(s) URL", print_help=False)
        try:
            explanation = explain(html, url, site_layouts=not opts.no_site_layout)
        except HtmlError as err:
            raise UsageError(f"{target}: {err}", print_help=False) from None
        sys.stdout.write(render(explanation))

    def _fetch(self, url: str) -> str:
        from crawler.spiders.base import response_text

        holder: list[Response] = []
        assert self.crawler_process is not None
        self.crawler_process.crawl(_FetchOne, url=url, holder=holder)
        self.crawler_process.start()
        if not holder:
            raise UsageError(f"{url}: not fetched (see the log above)", print_help=False)
        response = holder[0]
        if response.status != 200:
            raise UsageError(f"{url}: HTTP {response.status}", print_help=False)
        return response_text(response)


def _archived(archive: str, url: str) -> str:
    """The page of ``url`` as the archives hold it, decoded as the crawl decodes a page."""
    from archives.index import archived_page, page_body
    from articles.extraction import page_text

    try:
        ref = archived_page([archive], url)
    except FileNotFoundError as err:
        raise UsageError(str(err), print_help=False) from None
    if ref is None:
        raise UsageError(f"{url}: no page of it in {archive}", print_help=False)
    body, content_type = page_body(ref)
    return page_text(body, content_type, ref.url)
