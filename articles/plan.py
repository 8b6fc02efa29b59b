"""One article from its pages: which pages to read, in order, and the article they make.

The crawl (``crawler.spiders``), ``scrapy regenerate`` (``corpus.regenerate``) and ``scrapy
explain`` all go through here, so a crawl and a regeneration of its archive decide alike.

Where the site serves ``?page=all``, that page is the whole article, unless it still links to
numbered pages (the site ignored the parameter): then it counts as page 1 and the pages it
links follow. Otherwise page 1 comes first, then pages 2..N, N the highest page it links to.
All of them or nothing: an article missing a page is incomplete and not written. The pages are
joined and cleaned together (``articles.extraction.build_article``).

Every article that is not written gets one ``Rejection``: the crawl's stats
(``article/<name>``), regenerate's summary, the corpus state's runs and the report all name it
by the same label.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from articles.extraction import (
    ExtractedPage,
    NoArticleError,
    UndecodableError,
    build_article,
    is_html,
    page_text,
    read_page,
)
from articles.urls import page_number, with_query, without_page
from cleaners.html import HtmlError


class Rejection(StrEnum):
    """Why an article (or a page of one) was not written; the value names its crawl stat."""

    FAILED = "failed"
    NOT_HTML = "not_html"
    UNDECODABLE = "undecodable"
    UNREADABLE = "unreadable"
    NOT_ARTICLE_PAGE = "not_article_page"
    INCOMPLETE = "incomplete"
    EMPTY = "empty"
    OUTSIDE_DATES = "outside_dates"
    TOO_LARGE = "too_large"
    BAD_RECORD = "bad_record"
    NOT_INDONESIAN = "not_indonesian"

    @property
    def label(self) -> str:
        return _LABELS[self]

    @property
    def stat(self) -> str:
        return f"article/{self.value}"


_LABELS = {
    Rejection.FAILED: "failed (not fetched)",
    Rejection.NOT_HTML: "not HTML",
    Rejection.UNDECODABLE: "undecodable text",
    Rejection.UNREADABLE: "unreadable page",
    Rejection.NOT_ARTICLE_PAGE: "not an article page",
    Rejection.INCOMPLETE: "incomplete (a page missing)",
    Rejection.EMPTY: "no article text",
    Rejection.OUTSIDE_DATES: "outside the dates",
    Rejection.TOO_LARGE: "body larger than the size cap",
    Rejection.BAD_RECORD: "unreadable record (cut short)",
    Rejection.NOT_INDONESIAN: "not Indonesian",
}


def language_label(language: str) -> str:
    """The label of a document refused for its language (``not Indonesian (en)``)."""
    return f"{Rejection.NOT_INDONESIAN.label} ({language})"


class Rejected(Exception):
    """A page or an article that is not written, with its reason and a short detail."""

    def __init__(self, reason: Rejection, detail: str = "") -> None:
        super().__init__(f"{reason.label}: {detail}" if detail else reason.label)
        self.reason = reason
        self.detail = detail


def read_article_page(body: bytes, content_type: str, url: str) -> ExtractedPage:
    """One fetched page of an article, read; ``Rejected`` when it cannot be one."""
    if not is_html(content_type):
        raise Rejected(Rejection.NOT_HTML, f"{url} ({content_type})")
    try:
        page = read_page(page_text(body, content_type, url), url)
    except UndecodableError as err:
        raise Rejected(Rejection.UNDECODABLE, str(err)) from None
    except (HtmlError, ValueError) as err:
        raise Rejected(Rejection.UNREADABLE, f"{url}: {err}") from None
    if not page.is_article:
        raise Rejected(Rejection.NOT_ARTICLE_PAGE, url)
    return page


def linked_pages(page: ExtractedPage) -> list[int]:
    """The numbers of the article's later pages that a page links to (2 and up), in order."""
    return sorted({n for link in page.parts.page_links if (n := page_number(link)) and n > 1})


@dataclass(frozen=True)
class WholeArticle:
    """Every page of an article, in order, and when each was fetched (WARC-Date)."""

    article: str
    pages: tuple[ExtractedPage, ...]
    fetched: tuple[str, ...]


@dataclass(frozen=True)
class ArticlePlan:
    """Where one article stands: the page to read next and the pages read so far.

    ``article`` is the canonical URL (the article's identity); ``base`` the URL fetched for it
    (as it was given), without paging. The spiders carry a plan from page to page in
    ``cb_kwargs``; regenerate walks it over the archived pages.
    """

    article: str
    base: str
    whole: bool  # the next page is asked for as ?page=all
    number: int = 1  # the next page's number, when not whole
    last: int | None = None  # the last page, once page 1 said it
    pages: tuple[ExtractedPage, ...] = ()
    fetched: tuple[str, ...] = ()

    @property
    def key(self) -> str | int:
        """Which page is next: ``"all"`` or its number."""
        return "all" if self.whole else self.number

    @property
    def url(self) -> str:
        """The URL of the next page."""
        if self.whole:
            return with_query(self.base, page="all")
        if self.number == 1:
            return without_page(self.base)
        return with_query(self.base, page=str(self.number))

    def page_by_page(self) -> ArticlePlan:
        """The same article read from page 1 (``?page=all`` failed)."""
        return ArticlePlan(self.article, self.base, whole=False)

    def add(self, page: ExtractedPage, fetched: str) -> ArticlePlan | WholeArticle:
        """The plan after reading the next page: the next one to read, or the whole article."""
        stamps = (*self.fetched, fetched)
        if self.whole:
            if not linked_pages(page):
                return WholeArticle(self.article, (page,), stamps)
            # The site ignored ?page=all: this is page 1, the pages it links follow.
            return self.page_by_page().add(page, fetched)
        pages = (*self.pages, page)
        last = self.last if self.last is not None else (linked_pages(page) or [1])[-1]
        if self.number >= last:
            return WholeArticle(self.article, pages, stamps)
        return replace(self, number=self.number + 1, last=last, pages=pages, fetched=stamps)


def assemble(whole: WholeArticle) -> dict[str, Any]:
    """The fields of the ``Article`` item; ``Rejected`` (empty) when no article text is left."""
    try:
        fields = build_article(list(whole.pages), whole.article)
    except NoArticleError:
        raise Rejected(Rejection.EMPTY, whole.article) from None
    fields["crawled_at"] = max(whole.fetched)
    return fields
