"""Why an article is not written: one vocabulary for every source and every report.

Every article that is not written gets one ``Rejection``, from the article path (a page not
HTML, a page missing, no text left) or the acceptance step (not Indonesian): the crawl's stats
(``article/<name>``), regenerate's and the backfill's summaries, the corpus state's runs and the
report all name it by the same label.
"""

from __future__ import annotations

from enum import StrEnum


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
    CUT_SHORT = "cut_short"
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
    Rejection.CUT_SHORT: "page cut short (did not arrive whole)",
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
