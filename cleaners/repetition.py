"""Lines a site prints on many of its pages: menus, footers, widgets, standing promotions.

A crawl or a folder of dumps sees the same short line on page after page of one site; an
article's own text does not repeat so (web-corpus pipelines remove such lines the same way).
``LineCounts`` learns them from the pages given; ``repeated()`` is the set the cleaner drops
as "repeated-line" (``clean(..., repeated=...)``). Sentences and long lines are never counted:
a quoted paragraph shared by a story's copies is text, not chrome.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from cleaners.format import normalize_block
from cleaners.shapes import is_sentence, words

# Only short lines are candidates, and only those found on at least MIN_PAGES pages and on at
# least MIN_SHARE of the pages seen.
MAX_WORDS = 12
MIN_PAGES = 3
MIN_SHARE = 0.25


class LineCounts:
    """On how many pages of one site each candidate line appears."""

    def __init__(self) -> None:
        self.pages = 0
        self.counts: Counter[str] = Counter()

    def add(self, lines: Iterable[str]) -> None:
        self.pages += 1
        self.counts.update({line for line in map(normalize_block, lines) if _candidate(line)})

    def repeated(self) -> frozenset[str]:
        """The lines repeated across enough of the pages to be the site's chrome."""
        needed = max(MIN_PAGES, MIN_SHARE * self.pages)
        return frozenset(line for line, pages in self.counts.items() if pages >= needed)


def _candidate(line: str) -> bool:
    return bool(line) and words(line) <= MAX_WORDS and not is_sentence(line)
