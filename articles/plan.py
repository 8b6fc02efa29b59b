"""One article from its pages: which pages to read, in order, and the article they make.

The crawl (``crawler.spiders``), ``scrapy regenerate`` (``corpus.regenerate``) and ``scrapy
explain`` all go through here, so a crawl and a regeneration of its archive decide alike.

Where the site serves ``?page=all``, that page is the whole article, unless it still links to
numbered pages (the site ignored the parameter): then it counts as page 1 and the pages it
links follow. Otherwise page 1 comes first, then pages 2..N, N the highest page it links to.
All of them or nothing: an article missing a page is incomplete and not written. The pages are
joined and cleaned together (``articles.extraction.build_article``).

Every article that is not written gets one ``Rejection`` (``articles.outcomes``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from articles.extraction import (
    ExtractedPage,
    NoArticleError,
    UndecodableError,
    build_article,
    is_html,
    page_text,
    read_page,
)
from articles.outcomes import Rejected, Rejection
from articles.record import Article
from articles.urls import page_number, with_query, without_page
from cleaners.html import HtmlError


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


def assemble(whole: WholeArticle) -> Article:
    """The article its pages make; ``Rejected`` (empty) when no article text is left."""
    try:
        article = build_article(list(whole.pages), whole.article)
    except NoArticleError:
        raise Rejected(Rejection.EMPTY, whole.article) from None
    return article.but(crawled_at=max(whole.fetched))
