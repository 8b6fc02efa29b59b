"""Text blocks -> clean article text, with a site profile's chrome families.

A page is read in three zones, the way every one of these sites lays it out:

- header: optional topic label, the headline, an optional deck, then the credit block (date
  line, author names, "Penulis", "Editor: ...", "Sumber ...", photo credit and caption);
- body: paragraphs and subheadings, with inline chrome (related links, ad markers, captions,
  share widgets, promotions) dropped block by block;
- after-body: from the first pagination, related-list heading, syndication note or footer line
  on, everything is dropped (lists of other articles and their labels).

The input is a sequence of blocks, not a line layout: a text dump gives one block per line,
the HTML extractor one per paragraph, and both go through ``clean_blocks``.
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from cleaners.format import normalize_block, render
from cleaners.header import find_header, menu_prelude_end
from cleaners.matching import Families, classifier_for, family_name
from cleaners.repetition import NOTHING_LEARNED
from cleaners.shapes import (
    CAPTION_KEYWORD,
    LONE_DATELINE,
    PARAGRAPH_WORDS,
    SENTENCE_WORDS,
    STRONG_DATELINE,
    TAG_WORDS,
    content_words,
    ends_sentence,
    is_dateline,
    is_headline_like,
    is_lone_related_headline,
    is_related_headline,
    is_sentence,
    words,
)
from cleaners.sites import detect_site, get_profile, is_listing

_SYNDICATION_SOURCE = re.compile(
    r"(?:tayang|terbit|dimuat|ditayangkan|diterbitkan|dipublikasikan)\s+(?:di|pada|oleh)\s+"
    r"(?P<source>[\w.+-]+)",
    re.IGNORECASE,
)


class Decision(NamedTuple):
    """What the cleaner did with one block: kept or dropped, and the rule family that decided.

    (A named tuple: a page makes one per block, and a frozen dataclass is slow to build.)
    """

    line: int  # 1-based line of the input text; for HTML blocks, the block's index
    text: str
    keep: bool
    family: str  # a chrome family, or "headline" / "body" for what is kept


@dataclass(frozen=True)
class Cleaned:
    text: str  # the document in corpus format; "" when no article text was found
    title: str
    body: tuple[str, ...]
    site: str
    decisions: tuple[Decision, ...]
    metadata: dict[str, str | list[str]] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return bool(self.text)

    @property
    def listing(self) -> bool:
        """The page is a listing (topic, tag, index): no article, an empty document."""
        return bool(self.decisions) and all(d.family == "listing-page" for d in self.decisions)

    @property
    def dropped(self) -> list[Decision]:
        return [d for d in self.decisions if not d.keep]


def _drop_headline_runs(decisions: list[Decision], body: list[str], lone: bool = False) -> None:
    """Drop runs of two or more other stories' headlines standing in the body without a label.

    A subheading is one such line followed by its paragraphs; two or more in a row are a list
    of related links whose "Baca juga" label the page renders as an image or not at all. With
    ``lone`` (the site's profile says it links stories so), a long one alone between two
    paragraphs is a link too.
    """
    kept = [pos for pos, d in enumerate(decisions) if d.keep and d.family == "body"]
    run: list[int] = []
    # A bullet before another story's long Title Case headline is a link list's (an article's
    # own list items are sentences, or short).
    dropped = {pos for pos in kept if _bulleted_headline(decisions[pos].text)}
    for at, pos in enumerate([*kept, -1]):
        if pos >= 0 and is_related_headline(decisions[pos].text):
            run.append(pos)
            continue
        if len(run) >= 2 or (lone and len(run) == 1 and _lone_headline(decisions, kept, at - 1)):
            dropped.update(run)
        run = []
    dropped.update(pos for pos in kept if _among_links(decisions, pos, dropped))
    if not dropped:
        return
    for pos in sorted(dropped):
        d = decisions[pos]
        decisions[pos] = Decision(d.line, d.text, False, "related-link")
    # The body is what the decisions keep (a same text kept elsewhere stays).
    body[:] = [d.text for d in decisions if d.keep and d.family == "body"]


def _among_links(decisions: list[Decision], pos: int, dropped: set[int]) -> bool:
    """A headline between two links of a box of other stories is one more of them (one no
    shape of a link knows: a short or quoted title, "\"Ngambek\", Ronaldo Tinggalkan ...")."""

    def link(at: int) -> bool:
        return 0 <= at < len(decisions) and (
            at in dropped or (not decisions[at].keep and decisions[at].family in _LINK_FAMILIES)
        )

    return link(pos - 1) and link(pos + 1) and _link_shaped(decisions[pos].text)


# A full stop that ends a sentence (not the dot of "Tribun-Video.com"): the line is running text.
_FULL_STOP = re.compile(r"\.(?!\w)")
_LINK_FAMILIES = frozenset({"related-link", "related-list"})
_BULLET = re.compile(r"^[•·▪►]\s*")


def _bulleted_headline(text: str) -> bool:
    bullet = _BULLET.match(text)
    return bullet is not None and is_lone_related_headline(text[bullet.end() :])


def _lone_headline(decisions: list[Decision], kept: list[int], at: int) -> bool:
    """``kept[at]`` is another story's headline set alone between two paragraphs."""
    if at < 1 or at + 1 >= len(kept):
        return False
    text = decisions[kept[at]].text
    before, after = decisions[kept[at - 1]].text, decisions[kept[at + 1]].text
    return (
        is_lone_related_headline(text)
        and _paragraph(before)
        and (_paragraph(after) or at + 2 == len(kept))  # (the dump may be cut inside it)
        and not _introduces(text, after)
    )


def _paragraph(text: str) -> bool:
    """Running text: a paragraph's length, or a full sentence."""
    return words(text) >= PARAGRAPH_WORDS or is_sentence(text)


def _introduces(heading: str, paragraph: str) -> bool:
    """A subheading announces the paragraph under it: they share words of substance (another
    story's headline shares one at most with the paragraph it interrupts)."""
    return len(content_words(heading) & content_words(paragraph)) >= _SHARED_WORDS


_SHARED_WORDS = 2


def _drop_trailing_tags(decisions: list[Decision], body: list[str]) -> None:
    """Drop the short, unfinished blocks that end the body: topic tags, not article text.

    A subheading always has text after it, so two or more short blocks with no sentence end
    that only chrome follows are a tag list (kumparan prints its topics there). One such block
    alone is left: a dump cut short can end on a subheading.
    """
    tags: list[int] = []
    for pos in range(len(decisions) - 1, -1, -1):
        d = decisions[pos]
        if not d.keep:
            continue
        if d.family != "body" or len(body) - len(tags) <= 1:
            break
        if words(d.text) > TAG_WORDS or ends_sentence(d.text) or _sentence_case(d.text):
            break
        tags.append(pos)
    if len(tags) < 2:
        return
    for pos in tags:
        d = decisions[pos]
        decisions[pos] = Decision(d.line, d.text, False, "topic-tags")
        body.pop()


def _sentence_case(text: str) -> bool:
    """Half the words after the first in lowercase: a subheading or a sentence cut short
    ("Pembuat video diciduk polisi"), never a tag, which names things ("Pemilu 2024")."""
    rest = text.split()[1:]
    return len(rest) >= 2 and 2 * sum(w[0].islower() for w in rest) >= len(rest)


def _drop_cut_chrome(decisions: list[Decision], body: list[str]) -> None:
    """Drop a dump's last block when it is a fragment of chrome the dump was cut in: a few
    words, no sentence end, right after a block a family dropped ("Dapatkan upda"), or the
    start of a block the page dropped before (its ad slot cut: "ADVERT")."""
    if len(decisions) < 2 or not body:
        return
    last, before = decisions[-1], decisions[-2]
    if not last.keep or words(last.text) > 3 or ends_sentence(last.text) or len(body) < 2:
        return
    after_chrome = not before.keep and before.family not in ("after-body", "header")
    if after_chrome or _starts_dropped_block(last.text, decisions):
        decisions[-1] = Decision(last.line, last.text, False, "cut-chrome")
        body.pop()


def _starts_dropped_block(text: str, decisions: list[Decision]) -> bool:
    return any(
        not d.keep and d.family not in _NOT_CHROME and d.text != text and d.text.startswith(text)
        for d in decisions
    )


# What a dropped block is that is not the page's chrome: the headline's echo, a box's list.
_NOT_CHROME = frozenset({"repeat", "after-body", "header", "headline"})


def _metadata(decisions: Iterable[Decision]) -> dict[str, str | list[str]]:
    """Metadata carried by dropped lines, for the manifest."""
    meta: dict[str, str | list[str]] = {}
    credits = [d.text for d in decisions if d.family in {"metadata", "byline"}]
    if credits:
        meta["credits"] = credits
    for d in decisions:
        if d.family == "syndication":
            match = _SYNDICATION_SOURCE.search(d.text)
            if match:
                meta["syndicated_from"] = match.group("source").rstrip(".,")
            break
    return meta


def clean_blocks(
    blocks: Sequence[str],
    site: str = "generic",
    *,
    title: str | None = None,
    lines: Sequence[int] | None = None,
    page_starts: Iterable[int] = (),
    learned: Container[str] = NOTHING_LEARNED,
) -> Cleaned:
    """Clean a page given as text blocks.

    With ``title`` (the HTML path, where the headline is known), ``blocks`` are the body only.
    Without it, ``blocks`` are a whole-page dump and the header is found by its layout.
    ``page_starts`` are the indexes of ``blocks`` where a further page of the article begins:
    each page's after-body zone ends with its page. ``learned``: the site's chrome learned from
    its other articles (``cleaners.repetition``), dropped as "repeated-line".
    """
    profile = get_profile(site)
    page = _Page.of(blocks, lines, page_starts)
    fams = Families(page.texts, classifier_for(profile.name), learned)
    menus: list[Decision] = []
    if title is None:
        if start := menu_prelude_end(page.texts, fams):
            menus = [Decision(n, t, False, "navigation") for n, t in page.head(start)]
            page = page.after(start)
            menu = frozenset(d.text for d in menus)
            fams = Families(page.texts, classifier_for(profile.name), learned, menu)
        headline_parts, header_end, roles = find_header(page.texts, fams, profile)
        headline = " ".join(page.texts[i] for i in headline_parts)
    else:
        headline_parts, header_end, roles = (), -1, {}
        headline = normalize_block(title)
    decisions, body = _decide(page, fams, headline, (headline_parts, header_end), roles)
    decisions[:0] = menus
    _drop_headline_runs(decisions, body, profile.lone_related_headlines)
    _drop_trailing_tags(decisions, body)
    _drop_cut_chrome(decisions, body)
    document = render(headline, body, normalized=True) if body else ""
    return Cleaned(
        text=document,
        title=headline,
        body=tuple(body),
        site=profile.name,
        decisions=tuple(decisions),
        metadata=_metadata(decisions),
    )


@dataclass
class _Page:
    """A page's non-empty blocks, normalised, with their line numbers and page breaks."""

    texts: list[str]
    numbers: list[int]
    new_page: list[bool]

    @classmethod
    def of(cls, blocks: Sequence[str], lines: Sequence[int] | None, starts: Iterable[int]) -> _Page:
        # (normalize_block's own fast path, inlined: most lines are plain ASCII)
        texts = [
            b.strip() if b.isascii() and b.isprintable() and "  " not in b else normalize_block(b)
            for b in blocks
        ]
        numbers = list(lines) if lines is not None else list(range(1, len(texts) + 1))
        keep = [i for i, t in enumerate(texts) if t]
        page_starts = set(starts)
        page = cls(
            [texts[i] for i in keep], [numbers[i] for i in keep], [i in page_starts for i in keep]
        )
        page.join_lone_datelines()
        return page

    def head(self, start: int) -> Iterable[tuple[int, str]]:
        """(line number, text) of the blocks before ``start``."""
        return zip(self.numbers[:start], self.texts[:start], strict=True)

    def after(self, start: int) -> _Page:
        """The page from block ``start`` on."""
        return _Page(self.texts[start:], self.numbers[start:], self.new_page[start:])

    def join_lone_datelines(self) -> None:
        """A dateline set on a line of its own ("JAKARTA, KOMPAS.com -") opens the paragraph
        under it: the two are one block (numbered as the dateline's line)."""
        i = 0
        while i < len(self.texts) - 1:
            text = self.texts[i]
            # (the end first: a lone dateline ends in its dash or colon, few lines do)
            if text[-1] in "-–—:" and LONE_DATELINE.match(text) and not self.new_page[i + 1]:
                self.texts[i : i + 2] = [f"{text} {self.texts[i + 1]}"]
                del self.numbers[i + 1], self.new_page[i + 1]
            i += 1


def _decide(
    page: _Page,
    fams: Families,
    headline: str,
    header: tuple[tuple[int, ...], int],
    roles: dict[int, str],
) -> tuple[list[Decision], list[str]]:
    """Every block's decision, in order, and the body blocks kept."""
    texts, numbers = page.texts, page.numbers
    headline_parts, header_end = header
    echoed = _echoed_captions(texts, fams)
    decisions: list[Decision] = []
    body: list[str] = []
    in_tail = in_box = False
    tail_opener = ""  # the family whose block ended the body
    previous = headline
    for i, text in enumerate(texts):
        in_tail = in_tail and not page.new_page[i]
        if in_tail and tail_opener in _BOX_HEADINGS and _body_resumes(i, texts, fams):
            in_tail = False  # the box of other stories stood inside the article
        if i in headline_parts:
            decision = Decision(numbers[i], text, True, "headline")
        elif i <= header_end:
            name = roles.get(i) or family_name(fams[i]) or "header"
            decision = Decision(numbers[i], text, False, name)
        elif in_tail:  # (classified lazily: a tail's blocks need no family)
            decision = Decision(numbers[i], text, False, "after-body")
        elif (fam := fams[i]) is not None:
            decision = Decision(numbers[i], text, False, fam.name)
            # (the body ends only once it has begun: a footer's words in the menus above the
            # article, before any paragraph, end nothing)
            in_tail, tail_opener = fam.ends_body and any(map(is_sentence, body)), fam.name
        elif (
            i in echoed
            or (not body and _between_chrome(i, texts, fams))
            or (_keyword_caption(text) and any(map(is_dateline, body)))
        ):
            decision = Decision(numbers[i], text, False, "caption")
        elif decisions and (in_box or _under_pointer(decisions[-1])) and _link_shaped(text):
            decision = Decision(numbers[i], text, False, "related-link")
        elif text == previous or _echoes_headline(text, headline):
            # A block printed twice in a row, or the headline again (a photo's caption or alt
            # text, with a widget's word or the site's name around it).
            decision = Decision(numbers[i], text, False, "repeat")
        else:
            decision = Decision(numbers[i], text, True, "body")
            body.append(text)
        previous = text
        # Under a box's bare label ("Baca Juga"), each headline is a link till something else.
        in_box = (
            not decision.keep
            and decision.family == "related-link"
            and (in_box or words(text) <= _BOX_LABEL_WORDS)
        )
        decisions.append(decision)
    return decisions, body


_HEADLINE_ECHO_EXTRA = 4


def _under_pointer(above: Decision) -> bool:
    """The story (or topic, account) a pointer or prompt introduces ("Selengkapnya dapat
    disimak di sini:", "Baca juga:", "Ikuti perkembangan berita ini dalam topik:"): what the
    line under its colon names is the link."""
    return (
        not above.keep and above.family in _POINTING_FAMILIES and above.text.rstrip().endswith(":")
    )


_POINTING_FAMILIES = frozenset({"related-link", "promotion"})


def _link_shaped(text: str) -> bool:
    """Another story's headline as a link shows it: no sentence, no round-up's numbered item
    ("2. ...")."""
    return is_headline_like(text) and not _FULL_STOP.search(text) and not _NUMBERED.match(text)


_BOX_LABEL_WORDS = 3  # "Baca Juga", "Berita Terkait Lainnya"
_NUMBERED = re.compile(r"^\d{1,2}[.)] ")


def _keyword_caption(text: str) -> bool:
    """Shaped like a caption's keyword and dash; a caption when the body's dateline has been
    (before it, the same shape is the dateline: "PONTIANAK - ...")."""
    return bool(CAPTION_KEYWORD.match(text)) and not STRONG_DATELINE.match(text)


def _echoes_headline(text: str, headline: str) -> bool:
    """The block is the headline, or holds it whole with a few words around it."""
    if not headline or headline not in text:
        return False
    return words(text) - words(headline) <= _HEADLINE_ECHO_EXTRA


# Headings of a box of other stories ("Berita Populer", "Berita Rekomendasi"): the body ends
# there, unless the article's own sentences follow the box (Tribun sets it between paragraphs).
_BOX_HEADINGS = frozenset({"related-list"})


def _body_resumes(i: int, texts: Sequence[str], fams: Families) -> bool:
    """Blocks ``i`` and the next are sentences no family claims (a box lists headlines, and
    one sentence-like line may be one of them), or block ``i`` is a sentence that leads into
    a list of the article's own ("Berikut ... selama 24 jam terakhir:"): a box's item never
    ends in a colon."""
    if fams[i] is not None or i + 1 >= len(texts):
        return False
    if _leads_in(texts[i]):
        return fams[i + 1] is None
    return all(is_sentence(texts[k]) and fams[k] is None for k in (i, i + 1))


def _leads_in(text: str) -> bool:
    return text.endswith(":") and words(text) >= SENTENCE_WORDS


def _between_chrome(i: int, texts: Sequence[str], fams: Families) -> bool:
    """Before the body, a few unfinished words with chrome on both sides are chrome too (a
    caption without its credit, a widget's text)."""
    return (
        0 < i < len(texts) - 1
        and words(texts[i]) <= _BETWEEN_CHROME_WORDS
        and not ends_sentence(texts[i])
        and fams[i - 1] is not None
        and fams[i + 1] is not None
    )


_BETWEEN_CHROME_WORDS = 8


def _echoed_captions(texts: Sequence[str], fams: Families) -> set[int]:
    """A caption printed on both sides of a photo widget ("Caption / zoom-in-whitePerbesar /
    Caption"), or twice in a row with one copy cut or credited ("Caption" then "Caption
    (source)"), is known by the echo, whatever its wording."""
    both_sides = {
        j
        for i in range(len(texts) - 2)
        if texts[i] == texts[i + 2] and fams[i + 1] is not None and fams[i] is None
        for j in (i, i + 2)
    }
    in_a_row = {
        j
        for i in range(len(texts) - 1)
        if _one_opens_the_other(texts[i], texts[i + 1])
        for j in (i, i + 1)
    }
    return both_sides | in_a_row


_ECHO_CHARS = 20


def _one_opens_the_other(first: str, second: str) -> bool:
    """Two different blocks, the shorter the start of the longer (an image's alt text and its
    caption; a caption cut and whole); no sentence is repeated so in running text."""
    if first[:_ECHO_CHARS] != second[:_ECHO_CHARS]:
        return False  # (most pairs: the shorter cannot open the longer)
    short, long = sorted((first.rstrip(" ,."), second.rstrip(" ,.")), key=len)
    return len(short) >= _ECHO_CHARS and short != long and long.startswith(short)


# A stamp the tool that saved a dump wrote before the page's first line: not the page's.
CRAWL_PREFIX = re.compile(r"^\s*date \d{4}-\d{2}(?:-\d{2})?\s+")

# A listing page's dump, when no URL tells: it opens with a listing label ("TOPIK", "TAG"),
# its items are set apart by bare separator lines, and no dateline opens a body.
_LISTING_LABEL = re.compile(r"^(?:topik|topic|tag|tags|indeks|index|kata kunci)\s*:?$", re.I)
_SEPARATOR = re.compile(r"^[-–—|•·]$")
_LISTING_SEPARATORS = 3
_LISTING_REACH = 60


def _looks_like_listing(lines: Sequence[str]) -> bool:
    texts = [t for t in (line.strip() for line in lines[:_LISTING_REACH]) if t]
    return (
        bool(texts)
        and bool(_LISTING_LABEL.match(texts[0]))
        and sum(1 for t in texts if _SEPARATOR.match(t)) >= _LISTING_SEPARATORS
        and not any(STRONG_DATELINE.search(t) for t in texts)
    )


def clean(
    text: str,
    site: str | None = None,
    *,
    url: str | None = None,
    learned: Container[str] = NOTHING_LEARNED,
) -> Cleaned:
    """Clean one page's text dump; ``site`` is detected from ``url`` or the text when omitted.

    A page whose ``url`` is a listing of its site (a topic, tag or index page: other stories'
    headlines and snippets, no article), or whose dump has a listing's shape, gives an empty
    document, every line dropped as such.
    """
    name = site or detect_site(text, url)
    lines = text.splitlines()
    if lines:  # what the dump's crawler put before the page (" date 2021-11 JAKARTA, ...")
        lines[0] = CRAWL_PREFIX.sub("", lines[0])
    if (url and is_listing(url)) or _looks_like_listing(lines):
        decisions = tuple(
            Decision(number, line, False, "listing-page")
            for number, line in enumerate(lines, 1)
            if line.strip()
        )
        return Cleaned("", "", (), name, decisions)
    return clean_blocks(lines, name, lines=range(1, len(lines) + 1), learned=learned)
