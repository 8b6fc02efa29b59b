"""The header of a text dump: where the headline is and where the body begins.

A dump has no markup: the headline, the credit block (date, names, "Penulis", photo credit
and caption) and the body's dateline are found by position and shape. Nothing here may cost
the body: without a headline the body is still found, and without a recognisable header every
block is judged on its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaners.families import HEADER_FAMILIES
from cleaners.matching import CompiledFamily, Families, family_name
from cleaners.profile import SiteProfile
from cleaners.shapes import (
    BARE_CREDIT_LABEL,
    BODY_SENTENCES,
    DATELINE_REACH,
    DECKED_HEADLINE_WORDS,
    HEADER_LONG_BLOCKS,
    HEADER_REACH,
    HEADER_WINDOW,
    NOT_A_HEADLINE,
    PERSON_NAME,
    STRONG_DATELINE,
    TOP_REACH,
    ends_full_stop,
    is_dateline,
    is_headline_like,
    is_long_paragraph,
    is_name_line,
    is_sentence,
    is_title_case,
    opens_body,
    words,
)


def is_header_family(fam: CompiledFamily | None) -> bool:
    return fam is not None and fam.name in HEADER_FAMILIES


def _pick_headline(
    run: list[int], texts: Sequence[str], profile: SiteProfile
) -> tuple[int | None, dict[int, str]]:
    """The headline among the plain blocks of the header, and the roles of the others.

    On most layouts the headline is the last of them (topic labels and column author boxes sit
    above it), unless the last is the deck under it (a sentence, or a longer block not in Title
    Case, or the headline said again) or its author's name (and bio); where the site sets an
    account name and bio between the headline and the date line, the headline is the first.
    """
    roles: dict[int, str] = {}
    seen: set[str] = set()
    unique = []
    for i in run:
        if texts[i] in seen:
            roles[i] = "repeat"
        else:
            unique.append(i)
            seen.add(texts[i])
    candidates = [
        i for i in unique if is_headline_like(texts[i]) and not NOT_A_HEADLINE.search(texts[i])
    ]
    if not candidates:
        return None, roles
    if profile.byline_above_date:
        headline = candidates[0]
    else:
        headline = candidates[-1]
        author = _author_under_headline(candidates, texts)
        if author is not None:
            headline = author
        elif len(unique) >= 2 and unique[-1] == headline:
            above = unique[-2]
            if above in candidates and words(texts[above]) >= DECKED_HEADLINE_WORDS:
                headline = _headline_over_deck(above, headline, texts)
    for i in unique:
        if i != headline:
            roles[i] = "topic-label" if i < headline else _below_headline(i, texts, profile)
    return headline, roles


def _author_under_headline(candidates: list[int], texts: Sequence[str]) -> int | None:
    """The headline when a person's name stands under it (a user story's account, a column's
    writer, then maybe a bio), whatever the site: the longer headline-sized block right above
    the first name. (A short Title Case headline under a topic label looks like a name too; it
    is not much shorter than the label above it.)"""
    tail = candidates[-3:]
    for pos in range(1, len(tail)):
        above, name = tail[pos - 1], tail[pos]
        after = tail[pos + 1 :]  # the author's bio, if anything: never a Title Case headline
        if (
            PERSON_NAME.match(texts[name])
            and words(texts[above])
            >= max(words(texts[name]) + _LONGER_THAN_A_NAME, DECKED_HEADLINE_WORDS)
            and not any(is_title_case(texts[i]) for i in after)
        ):
            return above
    return None


_LONGER_THAN_A_NAME = 3


def _below_headline(i: int, texts: Sequence[str], profile: SiteProfile) -> str:
    if profile.byline_above_date or PERSON_NAME.match(texts[i]):
        return "byline"
    return "deck"


def _headline_over_deck(above: int, below: int, texts: Sequence[str]) -> int:
    """Of two headline-sized blocks, the upper is the headline when the lower is its deck: a
    sentence, or longer and not in Title Case (a rubric above a Title Case headline is not)."""
    deck = texts[below]
    if ends_full_stop(deck) or not is_headline_like(deck):
        return above
    longer = len(deck) > len(texts[above])
    if longer and (not is_title_case(deck) or _restates(deck, texts[above])):
        return above
    return below


def _restates(deck: str, headline: str) -> bool:
    """The deck says the headline again in other words: most of the headline's words are in it."""
    said = set(deck.lower().split())
    own = headline.lower().split()
    return sum(w in said for w in own) * 2 > len(own)


def _header_run(
    boundary: int, texts: Sequence[str], fams: Families, after_credit: bool
) -> list[int]:
    """The plain blocks of the header right above ``boundary``, top to bottom.

    Chrome between them is skipped; a credit line or a paragraph above them ends them. Above a
    credit line they are headline, labels and bylines; with no credit line at all the page may
    start with its body, so only headline-shaped blocks at its very top are taken.
    """
    run: list[int] = []
    for i in range(boundary - 1, -1, -1):
        fam = fams[i]
        if fam is None:
            if is_long_paragraph(texts[i]):
                break
            if not _widget_item(i, texts, fams):
                run.append(i)
        elif is_header_family(fam):
            break
    run.reverse()
    if not after_credit:
        for pos, i in enumerate(run):
            if not is_headline_like(texts[i]):
                return run[:pos]
    return run


def find_header(
    texts: Sequence[str], fams: Families, profile: SiteProfile
) -> tuple[tuple[int, ...], int, dict[int, str]]:
    """Locate the headline and the end of the header in a dump with no known title.

    Returns (the headline's blocks, none when there is no headline; index of the last header
    block or -1; roles of the other header blocks). Nothing here may cost the body: without a
    headline the body is still found, and without a recognisable header every block is judged
    on its own.
    """
    n = min(len(texts), TOP_REACH)
    roles: dict[int, str] = {}
    credit, headline, run = _credit_under_headline(texts, fams, profile, n, roles)
    headline = _named_by_photo_widget(headline, texts, n, roles)
    header_end = headline if headline is not None else -1
    for i in run:
        if headline is not None and i > headline:
            header_end = max(header_end, i)
    if credit is not None:
        header_end = max(header_end, _credit_block_end(credit, texts, fams, profile, roles))
    parts = _headline_parts(headline, texts, roles) if headline is not None else ()
    return parts, _dateline_end(max(header_end, *parts, -1), texts, fams, n, roles), roles


# The photo widget's zoom button carries the page's own headline ("zoom-in <headline>").
_ZOOM_ECHO = re.compile(r"^zoom-in (?P<headline>\S.{10,})$")


def _named_by_photo_widget(
    headline: int | None, texts: Sequence[str], n: int, roles: dict[int, str]
) -> int | None:
    """The block above that the photo widget names as the headline, when the shapes picked
    another (a section's own name, "Tribunners", over a column's headline)."""
    for i in range(n):
        echo = _ZOOM_ECHO.match(texts[i]) if texts[i].startswith("zoom-in ") else None
        if echo is None:
            continue
        named = echo["headline"].strip()
        if headline is not None and texts[headline] == named:
            return headline
        for j in range(i):
            if texts[j] == named and j != headline:
                if headline is not None:
                    roles[headline] = "topic-label" if headline < j else "deck"
                roles.pop(j, None)
                return j
        break
    return headline


def menu_prelude_end(texts: Sequence[str], fams: Families) -> int:
    """Where the article's part of a whole-page dump begins: a dump that starts with the
    site's menus (hundreds of links) reaches its first paragraph far down; the header sits
    right above that paragraph, and everything above the header is the menus. 0 for a dump
    that starts at the article, as most do."""
    for i, text in enumerate(texts):
        if (opens_body(text) or is_long_paragraph(text)) and fams[i] is None:
            return i - HEADER_WINDOW if i > TOP_REACH else 0
    return 0


# A line that goes on from the one above it (a headline set over several lines): it starts
# in lowercase, or the line above ends with a word that cannot end a headline. (A line that
# starts with a number starts a headline of its own: "8 Tahun Kasus ..." under a topic label;
# one that opens a quote is the deck, a witness's words under the headline.)
_CONTINUES = re.compile(r"^[a-z(]")
_OPEN_END = re.compile(
    r"\b(?:di|ke|dari|dan|atau|yang|untuk|dengan|pada|dalam|bagi|oleh|para|sang|si|ini|itu)$"
    r"|[,:&-]$"
)


def _headline_parts(headline: int, texts: Sequence[str], roles: dict[int, str]) -> tuple[int, ...]:
    """The headline's lines: the one picked, and the lines right above or below it that
    continue it (each headline-sized; taken from the roles they were given)."""
    first = last = headline
    while _part(first - 1, texts, roles) and (
        _CONTINUES.match(texts[first]) or _OPEN_END.search(texts[first - 1])
    ):
        first -= 1
    while _part(last + 1, texts, roles) and (
        _CONTINUES.match(texts[last + 1]) or _OPEN_END.search(texts[last])
    ):
        last += 1
    parts = tuple(range(first, last + 1))
    for i in parts:
        roles.pop(i, None)
    return parts


# The roles of plain blocks next to the headline that may be more of it.
_HEADLINE_NEIGHBOURS = frozenset({"topic-label", "byline", "deck"})


def _part(i: int, texts: Sequence[str], roles: dict[int, str]) -> bool:
    """Block ``i`` may be a part of the headline: a plain block next to it, headline-shaped,
    of two words or more (a lone word under a headline is an account's or a label's name)."""
    return (
        roles.get(i) in _HEADLINE_NEIGHBOURS
        and is_headline_like(texts[i])
        and words(texts[i]) >= _PART_WORDS
    )


_PART_WORDS = 2


def _widget_item(i: int, texts: Sequence[str], fams: Families) -> bool:
    """A short block between two blocks of one chrome family is part of that widget (the
    city of a prayer-times box, a label in a share bar), never the headline."""
    if i == 0 or i + 1 >= len(texts) or words(texts[i]) > 3:
        return False
    before, after = family_name(fams[i - 1]), family_name(fams[i + 1])
    return before is not None and before == after


def _credit_under_headline(
    texts: Sequence[str], fams: Families, profile: SiteProfile, n: int, roles: dict[int, str]
) -> tuple[int | None, int | None, list[int]]:
    """(credit line, headline, the header run) of the page's top.

    The credit block starts at the first credit line under some text (a date line or credit
    above everything else is page chrome) that has a headline above it; the header can reach
    no further than the body's dateline or the first paragraph that is not a caption or bio
    squeezed between credit lines. Without any credit line, a headline can only be at the
    very top.
    """
    plain_seen = False
    run: list[int] = []
    first_credit: int | None = None
    boundary = n
    for i in range(n):
        fam = fams[i]
        if fam is None:
            if _body_begins(i, texts, fams, n):
                boundary = i
                break
            plain_seen = True
        elif plain_seen and is_header_family(fam) and not _logo_over_menu(i, fams, n):
            run = _header_run(i, texts, fams, after_credit=True)
            if sum(1 for k in run if is_sentence(texts[k])) >= BODY_SENTENCES:
                # Paragraphs above a credit-like line ("Sumber: BMKG" in a page 2): the body
                # has begun, there is no header here.
                run = []
                break
            if BARE_CREDIT_LABEL.match(texts[i]):
                # "Name / Penulis": the names right above a bare label are its byline.
                while run and is_name_line(texts[run[-1]]) and words(texts[run[-1]]) <= 5:
                    roles[run.pop()] = "byline"
            first_credit = i if first_credit is None else first_credit
            headline, run_roles = _pick_headline(run, texts, profile)
            roles.update(run_roles)
            if headline is not None:
                return i, headline, run
            plain_seen = False
    if first_credit is not None:
        return first_credit, None, run
    run = _header_run(boundary, texts, fams, after_credit=False)
    headline, run_roles = _pick_headline(run, texts, profile)
    roles.update(run_roles)
    return None, headline, run


def _logo_over_menu(i: int, fams: Families, n: int) -> bool:
    """A host's name over a menu's words ("Kompas.com", then "News", "Megapolitan") is the
    site's logo in a whole-page dump, not a photo's credit: no header starts there."""
    return (
        family_name(fams[i]) == "photo-credit"
        and i + 1 < n
        and family_name(fams[i + 1]) in _MENU_FAMILIES
    )


_MENU_FAMILIES = frozenset({"stray", "navigation", "pagination"})


def _body_begins(i: int, texts: Sequence[str], fams: Families, n: int) -> bool:
    """A dateline, or a long paragraph not followed by a header line: the body."""
    text = texts[i]
    return bool(STRONG_DATELINE.search(text)) or (
        is_long_paragraph(text) and not is_header_family(fams[i + 1] if i + 1 < n else None)
    )


def _credit_block_end(
    credit: int, texts: Sequence[str], fams: Families, profile: SiteProfile, roles: dict[int, str]
) -> int:
    """The last block of the credit block: credit lines, author names, and captions or bios
    squeezed between them (or, where the site prints it there, the caption under the photo
    credit)."""
    last = credit
    pending: list[int] = []
    for j in range(credit + 1, min(len(texts), credit + 1 + HEADER_REACH)):
        fam = fams[j]
        text = texts[j]
        if is_header_family(fam):
            for p in pending:
                roles[p] = "byline"
            pending.clear()
            last = j
        elif fam is not None:
            continue
        elif _caption_under_photo_credit(j, texts, fams) or (
            not is_dateline(text)
            and not (is_name_line(text) and words(text) > 0)
            and any(is_header_family(fams[k]) for k in range(j + 1, min(len(texts), j + 3)))
        ):
            roles[j] = "caption"
            last = j
        elif j == last + 1 and _BRACKETED_NOTE.match(text):
            roles[j] = "byline"  # the writer's position under a column's byline
            last = j
        elif is_dateline(text):
            break
        elif is_name_line(text) and words(text) > 0:
            pending.append(j)
        else:
            break
    # Names right under the credit lines, before the body, are the byline ("Name, title").
    if pending and pending[0] <= last + 2:
        for p in pending:
            roles[p] = "byline"
        last = max(last, pending[-1])
    return last


# A short note wholly in brackets: "(Staf Ahli Fraksi di DPR RI)" under "Oleh: <name>".
_BRACKETED_NOTE = re.compile(r"^\([^()]{3,80}\)$")


def _caption_under_photo_credit(j: int, texts: Sequence[str], fams: Families) -> bool:
    """In the header, the block under a photo credit is the photo's caption, even when it
    opens like a dateline ("KONFLIK DI REMPANG - Spanduk ..."): only a dateline that names
    the newsroom starts the body there."""
    return family_name(fams[j - 1]) == "photo-credit" and not STRONG_DATELINE.search(texts[j])


def _dateline_end(
    header_end: int, texts: Sequence[str], fams: Families, n: int, roles: dict[int, str]
) -> int:
    """The body's dateline ends the header, when what stands before it is header-sized."""
    for i in range(max(header_end + 1, 0), min(n, header_end + 1 + DATELINE_REACH)):
        if STRONG_DATELINE.search(texts[i]) and fams[i] is None:
            long_blocks = sum(
                1
                for k in range(header_end + 1, i)
                if is_long_paragraph(texts[k]) and fams[k] is None
            )
            if long_blocks <= HEADER_LONG_BLOCKS:
                for k in range(header_end + 1, i):
                    roles.setdefault(k, "header")
                return i - 1
            break
    return header_end
