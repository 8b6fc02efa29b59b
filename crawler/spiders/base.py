"""The article path of every news spider: whole articles, read, assembled and yielded.

A site spider is made from the site's registry entry (``crawler/spiders/sites.py``); which URLs
it fetches is ``crawler.spiders.discovery``, its arguments ``crawler.spiders.arguments``.
Each article is fetched by the plan of ``articles.plan`` (carried in ``cb_kwargs``):
``?page=all`` first where the site serves it; when that fails or still shows numbered pages,
page 1 and then pages 2..N in order. An article whose pages cannot all be fetched is counted
as incomplete and not yielded.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Iterator
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar

from scrapy import Request, signals
from scrapy.exceptions import CloseSpider, IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from archives.warc import now_stamp
from articles.extraction import ExtractedPage, is_fallback, page_text
from articles.outcomes import Rejected, Rejection
from articles.plan import ArticlePlan, WholeArticle, assemble, read_article_page
from articles.record import Article
from articles.urls import canonical_url, fetchable_url
from corpus.store import CorpusStore
from corpus.warmup import cool_down, warm_up
from crawler.archive import url_discovered
from crawler.spiders.arguments import ARGUMENTS
from crawler.spiders.arguments import parse_arguments as check_arguments
from crawler.spiders.discovery import DiscoverySpider, request_of

logger = logging.getLogger(__name__)


def response_text(response: Response) -> str:
    """A response's page text, decoded as ``scrapy regenerate`` decodes the archived page."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    return page_text(response.body, content_type, response.url)


class NewsSpider(DiscoverySpider):
    """Base of the site spiders; see the module docstring."""

    page_all: ClassVar[bool] = False
    # The spider arguments (-a NAME=VALUE) every news spider takes.
    arguments: ClassVar[tuple[str, ...]] = ARGUMENTS

    def __init__(self, **kwargs: Any) -> None:
        args = self.parse_arguments(kwargs)
        super().__init__(**{k: v for k, v in kwargs.items() if k not in self.arguments})
        self.since: date | None = args["since"]
        self.until: date | None = args["until"]
        self.limit: int | None = args["limit"]
        self.given_urls: list[str] = args["urls"]
        # The hosts whose robots.txt starts discovery (-a hosts=... narrows them).
        self.hosts: tuple[str, ...] = args["hosts"] or self.start_hosts
        self.yielded = 0
        # canonical article URL -> every discovered URL that led to it (shared with its requests)
        self.requested: dict[str, list[str]] = {}

    @classmethod
    def parse_arguments(cls, kwargs: dict[str, Any], *, report: bool = True) -> dict[str, Any]:
        """Check the spider arguments (``crawler.spiders.arguments``); the ``crawl`` command
        calls this before the crawl starts, so a bad argument stops it before any fetch."""
        own = list(cls.allowed_domains)
        return check_arguments(cls.name, kwargs, cls.allowed_domains_for, own, report)

    @classmethod
    def allowed_domains_for(cls, urls: list[str]) -> list[str]:
        """The domains this spider may fetch from, given the URLs it was asked for."""
        return list(cls.allowed_domains)

    # --- state ----------------------------------------------------------------------------
    @cached_property
    def corpus(self) -> CorpusStore:
        """The corpus state (``CORPUS_DIR``): which articles are already done."""
        return CorpusStore(Path(self.crawler.settings.get("CORPUS_DIR")))

    async def start(self) -> AsyncIterator[Request]:
        # Before the first request: this site's cleaning rules and the language model, loaded
        # and frozen out of the garbage collector's way (corpus.warmup).
        warm_up(self.sites_read())
        # ...given back to the collector when the crawl has stopped, its corpus written.
        self.crawler.signals.connect(cool_down, signal=signals.engine_stopped)
        async for request in super().start():
            yield request

    def sites_read(self) -> set[str]:
        """The sites (registry names) whose pages this spider reads."""
        return {self.name}

    # --- whole articles (the plan: articles.plan) ------------------------------------------
    def article_request(self, url: str) -> Request | None:
        """The first request for an article, or None when it was asked for already.

        A URL variant of an article already requested is added to that article's ``via``, so
        the manifest lists every URL that led to the document.
        """
        article = canonical_url(url)
        via = self.requested.get(article)
        if via is None or url not in via:
            # Recorded once per URL: an identical rediscovery adds nothing to the manifest.
            self.crawler.signals.send_catch_log(signal=url_discovered, url=url, article=article)
        if via is not None:
            if url not in via:
                via.append(url)
            self.crawler.stats.inc_value("discovery/duplicate")
            return None
        self.requested[article] = [url]
        if self.corpus.has_article(article):
            # In the corpus from an earlier run, or staged by an interrupted one.
            self.crawler.stats.inc_value("article/already_in_corpus")
            return None
        # Fetched as given (the canonical URL is for deduplication and the manifest: a
        # rewritten URL may not exist), with ?page=all where the site serves whole articles.
        return self.page_request(self.plan(article, fetchable_url(url)))

    def plan(self, article: str, base: str) -> ArticlePlan:
        return ArticlePlan(article, base, whole=self.site_serves_page_all(article))

    def site_serves_page_all(self, url: str) -> bool:
        return self.page_all

    def page_request(self, plan: ArticlePlan) -> Request:
        """The request for the plan's next page."""
        return Request(
            plan.url,
            callback=self.parse_article,
            errback=self.page_failed,
            cb_kwargs={"plan": plan},
            dont_filter=self.local_frontier,
        )

    def _ignored(self, failure: Failure, plan: ArticlePlan) -> bool:
        """Robots.txt or the offsite filter refused the request: a decision, not a failure.

        (Other IgnoreRequests, such as too many redirects or a body past DOWNLOAD_MAXSIZE after
        decompression, are failures and counted as such.)
        """
        if not failure.check(IgnoreRequest) or failure.check(HttpError):
            return False
        message = failure.getErrorMessage().lower()
        if "robots.txt" not in message and "offsite" not in message:
            return False
        self.crawler.stats.inc_value("article/ignored")
        logger.info("article %s not fetched: %s", plan.article, failure.getErrorMessage())
        return True

    def page_failed(self, failure: Failure) -> Request | None:
        plan: ArticlePlan = request_of(failure).cb_kwargs["plan"]
        if self._ignored(failure, plan):
            return None
        stats = self.crawler.stats
        if plan.whole:
            logger.info(
                "no ?page=all for %s (%s); following its pages",
                plan.article,
                failure.getErrorMessage(),
            )
            stats.inc_value("article/page_all_failed")
            return self.page_request(plan.page_by_page())
        if not plan.pages and self._gone(failure) and plan.base != plan.article:
            # The URL as given is gone; the canonical form of it may not be (an old AMP or
            # mobile address): one more try there, then the article has failed.
            stats.inc_value("article/given_url_gone")
            logger.info("%s is gone; trying %s", plan.base, plan.article)
            return self.page_request(self.plan(plan.article, plan.article))
        message = failure.getErrorMessage()
        if plan.pages:
            logger.warning(
                "incomplete article %s: page %d failed (%s); not written",
                plan.article,
                plan.number,
                message,
            )
            stats.inc_value(Rejection.INCOMPLETE.stat)
        else:  # nothing of the article was read: it failed, not half of it
            logger.warning("article %s failed: %s", plan.article, message)
            stats.inc_value(Rejection.FAILED.stat)
            stats.inc_value(f"{Rejection.FAILED.stat}/{failure.type.__name__}")
        return None

    def _gone(self, failure: Failure) -> bool:
        return bool(
            failure.check(HttpError)
            and failure.value.response.status in (404, 410)
            and self._allowed(request_of(failure).cb_kwargs["plan"].article)
        )

    def parse_article(self, response: Response, plan: ArticlePlan) -> Iterator[Article | Request]:
        content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
        try:
            page = read_article_page(response.body, content_type, response.url)
        except Rejected as rejected:
            self.crawler.stats.inc_value(rejected.reason.stat)
            log = logger.info if rejected.reason is Rejection.NOT_ARTICLE_PAGE else logger.warning
            log("not written: %s", rejected)
            return
        # When the page was fetched (as archived).
        step = plan.add(page, response.meta.get("crawled_at") or now_stamp())
        if isinstance(step, ArticlePlan):
            if plan.whole:  # the site ignored ?page=all: read as page 1, the others follow
                self.crawler.stats.inc_value("article/page_all_ignored")
            yield self.page_request(step)
        else:
            yield from self.finish(step)

    def finish(self, whole: WholeArticle) -> Iterator[Article]:
        stats = self.crawler.stats
        try:
            article = assemble(whole)
        except Rejected as rejected:
            stats.inc_value(rejected.reason.stat)
            logger.warning("not written: %s", rejected)
            return
        if not article.published_within(self.since, self.until):
            stats.inc_value(Rejection.OUTSIDE_DATES.stat)
            return
        if self.limit is not None and self.yielded >= self.limit:
            raise CloseSpider("limit")
        # The URLs found for it so far; the manifest gets all of the run (see the pipeline).
        article = article.but(urls=tuple(sorted(self.requested.get(whole.article, []))))
        self._count_extraction(article, whole.pages)
        stats.inc_value("article/ok")
        self.yielded += 1
        yield article
        if self.limit is not None and self.yielded >= self.limit:
            raise CloseSpider("limit")

    def _count_extraction(self, article: Article, pages: tuple[ExtractedPage, ...]) -> None:
        stats = self.crawler.stats
        kind = "fallback" if is_fallback(article.extractor) else "site"
        stats.inc_value(f"extract/{article.site}/{kind}")
        for error in (e for page in pages for e in page.errors):
            stats.inc_value(f"extract/{article.site}/error/{error}")
        if kind == "fallback":
            logger.info("fallback extractor used for %s", article.url)
