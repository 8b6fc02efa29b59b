"""What a site repeats across its articles: chrome learned from the pages of a run.

A crawl, a regeneration or a folder of dumps sees one site's pages by the hundred; a line the
cleaner kept on page after page of *different* articles is the site's chrome that no rule
names yet (a prompt, a widget, a rubric box, an author's line), whatever its wording. One
stage for every path: ``ChromeMemory`` counts, per site, in how many distinct articles each
kept line stood, by its shape (dates, times, numbers, day names, quoted titles and, inside
sentences, capitalised names masked: "Versi cetak ... edisi <date> ... halaman <n>"); a shape
seen in ``MIN_ARTICLES`` articles or more, of ``MIN_SERIES`` series or more, is learned.

Series matter because news sites run daily round-ups ("[POPULER GLOBAL] ...", "5 Berita
Populer: ...") whose own template sentences recur in every edition: those are the series'
text, not the site's chrome, and recur in one series only. A series is told by the start of
the headline (its bracketed rubric, the words before its colon, else its first two words).

Never learned: a long line (``MAX_WORDS``), a paragraph that opens with the newsroom's dateline
(the body's first paragraph), a shape with no word of its own left, a line of one article only.
A whole line is matched, never a phrase inside a paragraph.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from cleaners.format import normalize_block, render
from cleaners.shapes import STRONG_DATELINE, words

# A line is learned when its shape was kept in this many distinct articles, of this many
# distinct series; lines longer than MAX_WORDS are paragraphs, never learned.
MIN_ARTICLES = 3
MIN_SERIES = 3
MAX_WORDS = 30
# What each learned shape keeps of its series (enough to tell MIN_SERIES apart).
_SERIES_KEPT = MIN_SERIES

_MONTH = (
    r"(?:januari|februari|maret|april|mei|juni|juli|agustus|september|oktober|november|"
    r"desember|jan|feb|mar|apr|jun|jul|agu|ags|agt|sep|sept|okt|nov|des|january|february|"
    r"march|may|june|july|august|october|december)"
)
_MASKS = (
    (re.compile(rf"\b\d{{1,2}}\s+{_MONTH}\.?\s+\d{{2,4}}\b", re.I), "<date>"),
    (re.compile(r"\b\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}\b"), "<date>"),
    (re.compile(r"\b\d{1,2}[:.]\d{2}(?:\s*(?:wib|wita|wit))?\b", re.I), "<time>"),
    (re.compile(r"\b(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu)\b", re.I), "<day>"),
    (re.compile(r"\d+(?:[.,]\d+)*"), "<n>"),
)
# Inside a sentence, a capitalised word after the first is a name (masked); in a Title Case
# line every word is its wording (kept: subheadings must not all share one shape).
_NAME = re.compile(r"(?<=\s)[A-Z][\w'’.-]*")
_NAMES_RUN = re.compile(r"<name>(?:[ ,]+<name>)+")
_SENTENCE_WORDS = 3
_OWN_WORD = re.compile(r"[a-z]{3,}")
_LOWER_WORD = re.compile(r"(?<!\S)[a-z][a-z'’-]+\b")


def shape(line: str) -> str:
    """The line with what varies from article to article masked, lowercased."""
    masked = line
    for pattern, mask in _MASKS:
        masked = pattern.sub(mask, masked)
    if len(_LOWER_WORD.findall(masked)) >= _SENTENCE_WORDS:
        masked = _NAMES_RUN.sub("<name>", _NAME.sub("<name>", masked))
    return masked.lower()


def _learnable(line: str) -> bool:
    """A line short enough to be chrome that is not the body's first paragraph."""
    return 0 < words(line) <= MAX_WORDS and not STRONG_DATELINE.search(line)


def _strip_masks(masked: str) -> str:
    return re.sub(r"<\w+>", " ", masked)


_RUBRIC = re.compile(r"^\[([^\]]{2,40})\]")
_BEFORE_COLON = re.compile(r"^([^:]{3,40}):")


def series(title: str) -> str:
    """Which series a headline belongs to: the last two words of its rubric in brackets or of
    the words before its colon ("[POPULER GLOBAL]", "5 Berita Populer Nusantara:"), else its
    first two words; lowercased. "" for no headline (it tells no series apart)."""
    title = normalize_block(title)
    found = _RUBRIC.match(title) or _BEFORE_COLON.match(title)
    head = found.group(1).split()[-2:] if found else title.split()[:2]
    return " ".join(head).lower()


def _key(masked: str) -> int:
    return int.from_bytes(hashlib.blake2b(masked.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class _Seen:
    """A shape's record: in how many articles, of which series, and an example line."""

    articles: int = 0
    series: tuple[str, ...] = ()
    example: str = ""


@dataclass
class ChromeMemory:
    """Per site, the shapes of the lines its articles kept (``add``), and what they teach
    (``learned``). Rows in and out for a corpus state that keeps them across runs."""

    sites: dict[str, dict[int, _Seen]] = field(default_factory=dict)

    def add(self, site: str, title: str, lines: Iterable[str]) -> None:
        """One article's kept lines (its headline among them), counted once each."""
        seen = self.sites.setdefault(site, {})
        kind = series(title)
        shapes = {shape(line): line for line in map(str.strip, lines) if _learnable(line)}
        for masked, line in shapes.items():
            if not _OWN_WORD.search(_strip_masks(masked)):
                continue
            record = seen.setdefault(_key(masked), _Seen())
            record.articles += 1
            if kind and kind not in record.series and len(record.series) < _SERIES_KEPT:
                record.series = (*record.series, kind)
            if record.articles == 2:  # an example for the report, once it recurs
                record.example = line

    def learned(self, site: str) -> LearnedChrome:
        seen = self.sites.get(site, {})
        chrome = {
            key: record
            for key, record in seen.items()
            if record.articles >= MIN_ARTICLES and len(record.series) >= MIN_SERIES
        }
        return LearnedChrome(frozenset(chrome), _top(chrome))

    def rows(self) -> Iterator[tuple[str, int, int, str, str]]:
        """(site, shape key, articles, series, example) of every shape seen in two articles or
        more (one seen once teaches nothing yet; keeping them all would grow without end)."""
        for site, seen in sorted(self.sites.items()):
            for key, record in seen.items():
                if record.articles >= 2:
                    yield (
                        site,
                        _signed(key),
                        record.articles,
                        "\n".join(record.series),
                        (record.example),
                    )

    def load(self, rows: Iterable[tuple[str, int, int, str, str]]) -> None:
        for site, key, articles, kinds, example in rows:
            record = self.sites.setdefault(site, {}).setdefault(key & _MASK_64, _Seen())
            record.articles += articles
            record.series = tuple(dict.fromkeys((*record.series, *kinds.split("\n"))))[
                :_SERIES_KEPT
            ]
            record.example = record.example or example


_MASK_64 = (1 << 64) - 1


def _signed(key: int) -> int:
    """The key as SQLite's signed 64-bit integer."""
    return key - (1 << 64) if key >= 1 << 63 else key


def _top(chrome: dict[int, _Seen], count: int = 20) -> tuple[tuple[str, int], ...]:
    ranked = sorted(chrome.values(), key=lambda r: (-r.articles, r.example))
    return tuple((r.example, r.articles) for r in ranked[:count] if r.example)


@dataclass(frozen=True)
class LearnedChrome:
    """A site's learned chrome: which lines it is (``in``), and the commonest, with the number
    of articles each was seen in (``top``), for ``--explain`` and the report."""

    keys: frozenset[int] = frozenset()
    top: tuple[tuple[str, int], ...] = ()

    def __contains__(self, line: object) -> bool:
        return (
            bool(self.keys)
            and isinstance(line, str)
            and _learnable(line)
            and _key(shape(line)) in self.keys
        )

    def __bool__(self) -> bool:
        return bool(self.keys)

    def strip(self, document: str) -> tuple[str, list[str]]:
        """A document without its learned lines (the headline always stays), and those lines."""
        headline, *body = [block.strip() for block in document.split("\n\n") if block.strip()]
        dropped = [block for block in body if block in self]
        kept = [block for block in body if block not in dropped]
        if not dropped or not kept:  # (learning never empties a document)
            return document, []
        return render(headline, kept, normalized=True), dropped


NOTHING_LEARNED = LearnedChrome()
