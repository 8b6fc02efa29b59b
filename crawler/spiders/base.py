"""What every news spider shares: arguments, discovery, whole articles, extraction.

A site spider is made from the site's registry entry (``crawler/spiders/sites.py``): its hosts,
whether it serves ``?page=all``, and its daily index; which URLs are articles is
``corpus.urls``, reading the pages ``corpus.extraction``.

Discovery: robots.txt of each start host -> the sitemaps it lists -> article URLs (filtered by
publication date), plus the site's daily index pages for each day of ``since..until``.
Whole articles: ``?page=all`` first where the site serves it; when that fails or still shows
numbered pages, page 1 and then pages 2..N are fetched in order and joined. An article whose
pages cannot all be fetched is counted as incomplete and not yielded.
"""

from __future__ import annotations

import logging
import re
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import date, datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from scrapy import Request, Spider
from scrapy.exceptions import CloseSpider, IgnoreRequest, UsageError
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from twisted.python.failure import Failure

from corpus.article import (
    ArticlePlan,
    Rejected,
    Rejection,
    WholeArticle,
    assemble,
    read_article_page,
)
from corpus.extraction import FALLBACK, ExtractedPage, page_text
from corpus.sitemaps import SitemapError, parse_sitemap, sitemaps_from_robots
from corpus.store import CorpusStore
from corpus.urls import (
    ascii_host,
    canonical_url,
    has_article_form,
    is_tracking_param,
    listed_as_article,
)
from corpus.warc import now_stamp
from crawler.archive import url_discovered
from crawler.items import Article

logger = logging.getLogger(__name__)

# Daily index pages are walked for at most this many days per crawl.
MAX_INDEX_DAYS = 366
# ... and at most this many pages per day.
MAX_INDEX_PAGES = 50


def response_text(response: Response) -> str:
    """A response's page text, decoded as ``scrapy regenerate`` decodes the archived page."""
    content_type = (response.headers.get(b"Content-Type") or b"").decode("latin-1")
    return page_text(response.body, content_type, response.url)


def on_domains(host: str, domains: Sequence[str]) -> bool:
    """The (ASCII) host is one of the domains or under one of them."""
    return any(host == d or host.endswith("." + d) for d in map(ascii_host, domains))


def _request_of(failure: Failure) -> Request:
    """The request an errback's failure is about (Scrapy sets it on the failure)."""
    request: Request = failure.request  # type: ignore[attr-defined]
    return request


def _date_arg(name: str, value: str | None) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"-a {name}={value}: expected a date as YYYY-MM-DD") from None


def _limit_arg(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    if not str(value).isdigit() or int(value) < 1:
        raise UsageError(f"-a limit={value}: expected a whole number of articles, 1 or more")
    return int(value)


def fetchable_url(url: str) -> str:
    """The URL as it is fetched: as given (scheme, host, port, path), without its fragment and
    tracking parameters (``utm_*``, ``source`` ...), a trailing-dot host folded.

    ``https://kumparan.com./x`` names the same host as ``https://kumparan.com/x`` (the dot is
    the DNS root), and Scrapy's offsite filter would refuse the dotted form.
    """
    parts = urlsplit(url.strip())
    netloc = _TRAILING_DOT.sub("", parts.netloc)
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not is_tracking_param(k)
        ]
    )
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


_TRAILING_DOT = re.compile(r"\.+(?=(?::\d*)?$)")


def url_problem(url: str) -> str | None:
    """Why a URL cannot be fetched, or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError as err:
        return f"not a URL ({err})"
    if parts.scheme not in ("http", "https"):
        return "not an http(s) URL"
    if not host:
        return "no host"
    return None


def url_args(urls: str | None, urls_file: str | None) -> list[tuple[str, str]]:
    """The URLs given, each with where it came from ("-a urls" or "FILE:LINE")."""
    found: list[tuple[str, str]] = []
    if urls:
        found.extend(("-a urls", u.strip()) for u in urls.split(",") if u.strip())
    if urls_file:
        path = Path(urls_file)
        if not path.is_file():
            raise UsageError(f"-a urls_file={urls_file}: no such file")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise UsageError(
                f"-a urls_file={urls_file}: not UTF-8 text (byte {err.start}); save it as UTF-8"
            ) from None
        except OSError as err:
            raise UsageError(f"-a urls_file={urls_file}: cannot read it ({err.strerror})") from None
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if line and not line.startswith("#"):
                found.append((f"{urls_file}:{number}", line))
    return found


class NewsSpider(Spider):
    """Base of the site spiders; see the module docstring."""

    # What to fetch, set by each site spider.
    start_hosts: ClassVar[tuple[str, ...]] = ()
    # Where the spider may go (Scrapy's offsite filter reads it too); set by each site spider.
    allowed_domains: Sequence[str] = ()
    page_all: ClassVar[bool] = False
    # Daily index URL templates, with {date} (YYYY-MM-DD) and {page} (1, 2, ...).
    index_urls: ClassVar[tuple[str, ...]] = ()

    # The spider arguments (-a NAME=VALUE) every news spider takes.
    arguments: ClassVar[tuple[str, ...]] = ("since", "until", "urls", "urls_file", "limit", "hosts")

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
        """Check the spider arguments; raise ``UsageError`` with a clear message if one is bad.

        The ``crawl`` command calls this before the crawl starts, so a bad argument stops the
        run before anything is fetched.
        """
        unknown = sorted(k for k in kwargs if k not in cls.arguments and k != "name")
        if unknown:
            raise UsageError(
                f"unknown spider argument(s) {', '.join(unknown)}; "
                f"{cls.name} takes: {', '.join(cls.arguments)}"
            )
        since = _date_arg("since", kwargs.get("since"))
        until = _date_arg("until", kwargs.get("until"))
        if since and until and since > until:
            raise UsageError(f"-a since={since} is after -a until={until}")
        return {
            "since": since,
            "until": until,
            "limit": _limit_arg(kwargs.get("limit")),
            "urls": cls._given_urls(kwargs, report),
            "hosts": cls._hosts_arg(kwargs),
        }

    @classmethod
    def _given_urls(cls, kwargs: dict[str, Any], report: bool) -> list[str]:
        """The URLs of ``-a urls``/``-a urls_file`` this spider can fetch."""
        given = url_args(kwargs.get("urls"), kwargs.get("urls_file"))
        usable: list[tuple[str, str]] = []
        problems: list[str] = []
        for where, url in given:
            problem = url_problem(url)
            if problem:
                problems.append(f"{where}: {url}: {problem}")
            else:
                usable.append((where, url))
        domains = cls.allowed_domains_for([url for _, url in usable])
        urls: list[str] = []
        for where, url in usable:
            if on_domains(ascii_host(urlsplit(url).hostname or ""), domains):
                urls.append(url)
            else:
                problems.append(
                    f"{where}: {url} is not a {cls.name} URL (allowed: {', '.join(domains)})"
                )
        if given and not urls:
            raise UsageError(
                f"no URL to crawl: {problems[0]}"
                + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
            )
        # One bad line costs that line: reported (once: the crawl command checks the arguments
        # before the spider is made, with report=False), skipped, the others are crawled.
        for problem in problems if report else ():
            logger.warning("%s; skipped", problem)
        return urls

    @classmethod
    def _hosts_arg(cls, kwargs: dict[str, Any]) -> tuple[str, ...]:
        hosts = tuple(
            h.strip().lower().rstrip(".")
            for h in str(kwargs.get("hosts") or "").split(",")
            if h.strip()
        )
        own = list(cls.allowed_domains)
        for host in hosts:
            if own and not any(host == d or host.endswith("." + d) for d in own):
                raise UsageError(
                    f"-a hosts={host}: not a host of {cls.name} (allowed: {', '.join(own)})"
                )
        return hosts

    @classmethod
    def allowed_domains_for(cls, urls: list[str]) -> list[str]:
        """The domains this spider may fetch from, given the URLs it was asked for."""
        return list(getattr(cls, "allowed_domains", []) or [])

    # --- state ----------------------------------------------------------------------------
    @cached_property
    def corpus(self) -> CorpusStore:
        """The corpus state (``CORPUS_DIR``): which articles are already done."""
        return CorpusStore(Path(self.crawler.settings.get("CORPUS_DIR")))

    @cached_property
    def local_frontier(self) -> bool:
        """True unless ``REDIS_URL`` shares the frontier between processes.

        Alone, the spider's own map of requested articles and the corpus state are the
        duplicate filter for articles (so a request lost in a kill is simply made again); on a
        shared frontier, the shared duplicate filter keeps processes from fetching one URL twice.
        """
        return not self.crawler.settings.get("REDIS_URL")

    # --- arguments and filters ------------------------------------------------------------
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
            _request_of(failure).url,
            failure.getErrorMessage()[:200],
        )

    # --- whole articles (the plan: corpus.article) ------------------------------------------
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
        plan: ArticlePlan = _request_of(failure).cb_kwargs["plan"]
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
            and self._allowed(_request_of(failure).cb_kwargs["plan"].article)
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
            fields = assemble(whole)
        except Rejected as rejected:
            stats.inc_value(rejected.reason.stat)
            logger.warning("not written: %s", rejected)
            return
        published = fields["published"]
        day = datetime.fromisoformat(published).date() if published else None
        if (self.since or self.until) and not (day and self.in_dates(day)):
            stats.inc_value(Rejection.OUTSIDE_DATES.stat)
            return
        if self.limit is not None and self.yielded >= self.limit:
            raise CloseSpider("limit")
        # The URLs found for it so far; the manifest gets all of the run (see the writer).
        fields["urls"] = sorted(self.requested.get(whole.article, []))
        self._count_extraction(fields, whole.pages)
        stats.inc_value("article/ok")
        self.yielded += 1
        yield Article(**fields)
        if self.limit is not None and self.yielded >= self.limit:
            raise CloseSpider("limit")

    def _count_extraction(self, fields: dict[str, Any], pages: tuple[ExtractedPage, ...]) -> None:
        stats = self.crawler.stats
        kind = "fallback" if fields["extractor"] == FALLBACK else "site"
        stats.inc_value(f"extract/{fields['site']}/{kind}")
        for error in (e for page in pages for e in page.errors):
            stats.inc_value(f"extract/{fields['site']}/error/{error}")
        if kind == "fallback":
            logger.info("fallback extractor used for %s", fields["url"])
