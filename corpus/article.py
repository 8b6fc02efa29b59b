"""Which pages make a whole article: one plan for the spiders and for ``scrapy regenerate``.

Where the site serves ``?page=all``, that page is the whole article, unless it still links to
numbered pages (the site ignored the parameter): then it counts as page 1 and the pages it
links follow. Otherwise page 1 comes first, then pages 2..N, N the highest page it links to.
All of them or nothing: an article missing a page is incomplete and not written. The pages are
joined and cleaned together by ``corpus.extraction.build_article``.
"""

from __future__ import annotations

from corpus.extraction import ExtractedPage
from corpus.urls import page_number


def linked_pages(page: ExtractedPage) -> list[int]:
    """The numbers of the article's later pages that a page links to (2 and up), in order."""
    return sorted({n for link in page.parts.page_links if (n := page_number(link)) and n > 1})


def later_pages(first: ExtractedPage, whole: bool) -> list[int]:
    """The pages to fetch after the first one; ``whole``: the first was asked as ?page=all."""
    numbers = linked_pages(first)
    if not numbers:
        return []
    return list(range(numbers[0] if whole else 2, numbers[-1] + 1))
