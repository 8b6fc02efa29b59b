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
import re._parser as re_parser
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any, NamedTuple

from cleaners.families import HEADER_FAMILIES, SHARED_FAMILIES
from cleaners.format import normalize_block, render
from cleaners.profile import Family, SiteProfile
from cleaners.sites import NEWSROOMS, detect_site, get_profile

# A paragraph long enough, and finished like a sentence, is body text: the header search never
# looks past it.
_LONG_PARAGRAPH_WORDS = 25
# A header holds at most one sentence (a deck or an author's bio); two sentences of this many
# words above a credit-like line are the body.
_SENTENCE_WORDS = 8
_BODY_SENTENCES = 2
# Author names between credit labels are short and carry no sentence punctuation.
_NAME_LINE_WORDS = 8
# A headline is at most this long, and a block above a deck has at least the smaller count.
_HEADLINE_WORDS = 30
_DECKED_HEADLINE_WORDS = 4
# How far down a page its header may reach (chrome above the headline included), and how far
# past the first credit line the credit block may reach.
_TOP_REACH = 60
_HEADER_REACH = 12
# Blocks before a dateline that are this long: more than a few and the dateline is not the
# start of the body but a paragraph inside it.
_HEADER_LONG_BLOCKS = 3
# How far past the credit block the dateline is looked for (captions, prompts, bylines).
_DATELINE_REACH = 16
# Topic tags after the body are a few words each; no article ends on a subheading.
_TAG_WORDS = 5
# Other stories' headlines standing in the body: word count range, share of capitalised words.
_RELATED_HEADLINE_WORDS = (5, 25)
_TITLE_CASE_SHARE = 0.7
_LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-•*])\s")
_SENTENCE_END_CHARS = frozenset(".!?…\"”’')")


def _ends_sentence(text: str) -> bool:
    return text[-1:] in _SENTENCE_END_CHARS


def _ends_full_stop(text: str) -> bool:
    """A full stop ends a sentence; "..." may end a headline."""
    return text.endswith(".") and not text.endswith("..")


# Not a headline: a menu bullet, or the page's <title> with the site's name after a dash.
_NOT_A_HEADLINE = re.compile(rf"^[•·▪►-]\s|\s[-–|]\s[\w.]*(?:{NEWSROOMS})[\w .]*$")
# A credit label with no name after it: the name stands above it ("Alsadad Rudi / Penulis").
_BARE_CREDIT_LABEL = re.compile(
    r"^(?:penulis|editor|reporter|kontributor|penyunting|tim redaksi|tim editorial)\s*:?$", re.I
)
# The dateline that opens the body. Strong: it names the newsroom ("MOSKWA, KOMPAS.com - ",
# "TRIBUNNEWS.COM, JAKARTA - ", "SURYAMALANG.COM - ", "Jayapura, Kompas - "), so it anchors
# the body; weak: a place in capitals and a dash ("PONTIANAK - "), which a photo caption's
# keyword also has ("EVAKUASI - Petugas ..."), so it only ends a search.
_NEWSROOM = (
    r"(?:[A-Za-z][\w-]*\.(?:COM|CO\.ID|CO|ID|NET|com|co\.id|id|net)"
    rf"|[\w-]*(?:{NEWSROOMS})[\w-]*)"
)
_STRONG_DATELINE = re.compile(
    rf"^(?:[A-Z][\w .'’/()-]{{1,40}},\s*)?{_NEWSROOM}(?:\s*,\s*[A-Z][\w .'’/()-]{{1,40}})?"
    r"\s*(?:[-–—]{1,2}|:)\s*\S"
)
_WEAK_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’]{2,30}(?:,\s*[A-Z][\w .'’]{2,30})?\s*[-–—]{1,2}\s+\S"
    r"|^[A-Z][a-z]+(?: [A-Z][a-z]+)?, (?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*[-–—]\s"
)


def _is_dateline(text: str) -> bool:
    return bool(_STRONG_DATELINE.search(text) or _WEAK_DATELINE.search(text))


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
    def dropped(self) -> list[Decision]:
        return [d for d in self.decisions if not d.keep]


@dataclass(frozen=True)
class _CompiledFamily:
    name: str
    regex: re.Pattern[str]
    max_words: int | None
    ends_body: bool
    unless: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Prefilter:
    """Every pattern that can apply to a block of some length, in four alternations.

    Anchored patterns are tried at the start only, floating ones searched; case-insensitive
    ones run on a lowercased copy, as they are written in lowercase and re.I slows every
    comparison. A floating pattern that starts with a literal is searched only when that
    literal is in the block (``str.__contains__`` is much faster than a regex alternation).
    """

    anchored_ci: _Anchored
    anchored_cs: _Anchored
    floating_ci: tuple[tuple[str, re.Pattern[str]], ...]  # (needle, pattern); "" = always
    floating_cs: tuple[tuple[str, re.Pattern[str]], ...]

    def hits(self, text: str, lower: str) -> bool:
        if self.anchored_ci.match(lower) or self.anchored_cs.match(text):
            return True
        for needle, regex in self.floating_ci:
            if needle in lower and regex.search(lower):
                return True
        return any(needle in text and regex.search(text) for needle, regex in self.floating_cs)


@dataclass(frozen=True)
class _Anchored:
    """Anchored patterns bucketed by the first character they can match.

    An alternation of a hundred anchored patterns tries every branch at position 0; the
    bucket of a block's first character holds only the few that can start with it.
    """

    buckets: dict[str, re.Pattern[str]]
    default: re.Pattern[str]  # the patterns that can start with any character

    def match(self, text: str) -> bool:
        return bool(self.buckets.get(text[:1], self.default).match(text))


_MAX_RANGE = 128
# Blocks are normalised: a block never starts with white space other than these (none, after
# the strip), so \s at the start needs only the plain ones.
_CATEGORY_CHARS = {
    "CATEGORY_DIGIT": frozenset("0123456789"),
    "CATEGORY_SPACE": frozenset(" \t\n\r\f\v\u00a0"),
}


def _class_chars(items: list[Any]) -> set[str] | None:
    """The characters of a parsed ``[...]`` class; None when there are too many to list."""
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] <= _MAX_RANGE:
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) in _CATEGORY_CHARS:
            chars.update(_CATEGORY_CHARS[str(arg)])
        else:
            return None
    return chars


def _first_chars(items: list[Any]) -> frozenset[str] | None:
    """The characters a parsed pattern can start with; None when it can start with any."""
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "AT":
            continue
        if name == "LITERAL":
            return frozenset(chars | {chr(arg)})
        if name == "CATEGORY" and str(arg) in _CATEGORY_CHARS:
            return frozenset(chars | _CATEGORY_CHARS[str(arg)])
        if name == "IN":
            in_class = _class_chars(arg)
            return None if in_class is None else frozenset(chars | in_class)
        if name == "BRANCH":
            for branch in arg[1]:
                first = _first_chars(list(branch))
                if first is None:
                    return None
                chars |= first
            return frozenset(chars)
        if name == "SUBPATTERN":
            first = _first_chars(list(arg[-1]))
            if first is None:
                return None
            return frozenset(chars | first)
        if name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            first = _first_chars(list(arg[2]))
            if first is None:
                return None
            chars |= first
            if arg[0] > 0:
                return frozenset(chars)
            continue  # optional: what follows may come first
        return None
    return None


def _anchored(patterns: Iterable[str]) -> _Anchored:
    firsts: list[tuple[str, frozenset[str] | None]] = []
    for p in patterns:
        try:
            firsts.append((p, _first_chars(list(re_parser.parse(p)))))
        except Exception:  # an internal parser change must cost speed, not correctness
            firsts.append((p, None))
    alphabet = set().union(*(f for _, f in firsts if f is not None))
    buckets = {
        c: _alternation(p for p, f in firsts if f is None or c in f) for c in sorted(alphabet)
    }
    return _Anchored(buckets, _alternation(p for p, f in firsts if f is None))


# The literal a pattern starts with: characters up to the first metacharacter, escaped
# punctuation included; a character a quantifier makes optional is not part of it.
_LITERAL_PREFIX = re.compile(r"(?:[^.^$*+?{}\[\]\\|()]|\\[^\w\s])+")


def _needle(pattern: str) -> str:
    match = _LITERAL_PREFIX.match(pattern)
    if not match:
        return ""
    literal = match.group()
    if pattern[match.end() : match.end() + 1] in ("?", "*", "{"):
        literal = literal[:-2] if literal.endswith("\\", 0, len(literal) - 1) else literal[:-1]
    return re.sub(r"\\(.)", r"\1", literal)


def _gated(patterns: Iterable[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """Floating patterns grouped by their leading literal, one alternation per literal."""
    groups: dict[str, list[str]] = {}
    for p in patterns:
        groups.setdefault(_needle(p), []).append(p)
    return tuple((needle, _alternation(ps)) for needle, ps in groups.items())


# Blocks are sorted by word count into tiers; a tier's prefilter holds only the families whose
# word limit a block of that tier fits. A long paragraph, the commonest block, is checked only
# against the few families that apply to paragraphs.
_TIER_WORDS = (2, 6, 12, 25, 40)
_MEMO_SIZE = 50_000
_MEMO_CHARS = 200


@dataclass(frozen=True)
class _Classifier:
    """A profile's families in order, behind prefilters that rule out most blocks at once.

    Most blocks are article paragraphs that no family matches; a prefilter says so in four
    passes instead of one pass per family.
    """

    families: tuple[_CompiledFamily, ...]
    tiers: tuple[_Prefilter, ...]
    # Chrome repeats from page to page of a site ("ADVERTISEMENT", the membership prompt, the
    # footer): its lines are classified once. Bounded; cleared when full.
    memo: dict[str, _CompiledFamily | None] = field(default_factory=dict)

    def classify(self, text: str) -> _CompiledFamily | None:
        memo = self.memo
        if text in memo:
            return memo[text]
        fam = self._classify(text)
        if len(text) <= _MEMO_CHARS:  # paragraphs are unique: only chrome-sized blocks repeat
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[text] = fam
        return fam

    def _classify(self, text: str) -> _CompiledFamily | None:
        words = text.count(" ") + 1
        tier = bisect_left(_TIER_WORDS, words)
        lower = text.lower()
        if not self.tiers[tier].hits(text, lower):
            return _DOUBLED_CAPTION if _is_doubled(text) else None
        for fam in self.families:
            if fam.max_words is not None and words > fam.max_words:
                continue
            if fam.regex.search(text) and not (fam.unless and fam.unless.search(text)):
                return fam
        return None


# A photo widget prints the caption, the credit glued to it, then the caption again ("Warga
# mengungsi. KOMPAS.com/NAMAWarga mengungsi."): a block that repeats its own opening.
_DOUBLED_CAPTION = _CompiledFamily("caption", re.compile(r"(?!)"), None, False)
_DOUBLED_PREFIX = 40


def _is_doubled(text: str) -> bool:
    return len(text) >= 2 * _DOUBLED_PREFIX and text.find(text[:_DOUBLED_PREFIX], 20) != -1


class _Families:
    """The family of each block, classified on first use: the after-body zone never is."""

    def __init__(self, texts: Sequence[str], classifier: _Classifier) -> None:
        self._texts = texts
        self._classifier = classifier
        self._cache: dict[int, _CompiledFamily | None] = {}

    def __getitem__(self, i: int) -> _CompiledFamily | None:
        if i not in self._cache:
            self._cache[i] = self._classifier.classify(self._texts[i])
        return self._cache[i]


def _alternation(patterns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    return _compiled("|".join(f"(?:{p})" for p in patterns) or r"(?!)", flags)  # (?!): never


@cache
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    # Tiers, buckets and profiles share many alternations: each is compiled once.
    return re.compile(pattern, flags)


@cache
def _classifier(profile_name: str) -> _Classifier:
    """The profile's families merged into the shared ones (site wordings first), compiled once."""
    profile = get_profile(profile_name)
    site_families: dict[str, list[Family]] = {}
    for fam in profile.families:
        site_families.setdefault(fam.name, []).append(fam)
    order: list[Family] = []
    seen: set[str] = set()
    for fam in SHARED_FAMILIES:
        if fam.name not in seen:
            order.extend(site_families.get(fam.name, ()))
            seen.add(fam.name)
        order.append(fam)
    for name, fams in site_families.items():
        if name not in seen:
            order.extend(fams)
    ends_body = {f.name for f in SHARED_FAMILIES if f.ends_body}
    compiled = tuple(
        _CompiledFamily(
            name=f.name,
            regex=_alternation(f.patterns, re.I if f.ignore_case else 0),
            max_words=f.max_words,
            ends_body=f.ends_body or f.name in ends_body,
            unless=re.compile(f.unless, re.I if f.ignore_case else 0) if f.unless else None,
        )
        for f in order
    )
    for f in order:
        for p in f.patterns:
            # The prefilter reads lowercased text; an uppercase literal would never match there.
            if f.ignore_case and any(c.isupper() for c in re.sub(r"\\.", "", p)):
                raise ValueError(f"case-insensitive pattern must be written in lowercase: {p!r}")
    tiers = []
    for low in (1, *(w + 1 for w in _TIER_WORDS)):
        pats = [
            (p, f.ignore_case)
            for f in order
            if f.max_words is None or f.max_words >= low
            for p in f.patterns
        ]
        tiers.append(
            _Prefilter(
                anchored_ci=_anchored(p for p, ci in pats if ci and p.startswith("^")),
                floating_ci=_gated(p for p, ci in pats if ci and not p.startswith("^")),
                anchored_cs=_anchored(p for p, ci in pats if not ci and p.startswith("^")),
                floating_cs=_gated(p for p, ci in pats if not ci and not p.startswith("^")),
            )
        )
    return _Classifier(families=compiled, tiers=tuple(tiers))


def _words(text: str) -> int:
    return text.count(" ") + 1


def _is_long_paragraph(text: str) -> bool:
    return _words(text) >= _LONG_PARAGRAPH_WORDS and _ends_sentence(text)


def _is_sentence(text: str) -> bool:
    """A statement ended with a full stop (headlines end with "!", "?" or nothing)."""
    return _words(text) >= _SENTENCE_WORDS and (
        _ends_full_stop(text) or text.endswith(('."', ".”"))
    )


def _is_name_line(text: str) -> bool:
    return (
        _words(text) <= _NAME_LINE_WORDS and not _ends_sentence(text) and not (_is_dateline(text))
    )


def _is_headline_like(text: str) -> bool:
    return (
        _words(text) <= _HEADLINE_WORDS
        and not _ends_full_stop(text)
        and not (_STRONG_DATELINE.search(text))
    )


def _family_name(family: _CompiledFamily | None) -> str | None:
    return family.name if family is not None else None


def _is_header_family(fam: _CompiledFamily | None) -> bool:
    return fam is not None and fam.name in HEADER_FAMILIES


def _pick_headline(
    run: list[int], texts: Sequence[str], profile: SiteProfile
) -> tuple[int | None, dict[int, str]]:
    """The headline among the plain blocks of the header, and the roles of the others.

    On most layouts the headline is the last of them (topic labels and column author boxes sit
    above it); where the site prints a deck under the headline, a longer block after a
    headline-sized one is the deck; where an account name and bio sit between the headline and
    the date line, the headline is the first.
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
        i for i in unique if _is_headline_like(texts[i]) and not _NOT_A_HEADLINE.search(texts[i])
    ]
    if not candidates:
        return None, roles
    if profile.byline_above_date:
        headline = candidates[0]
    else:
        headline = candidates[-1]
        if profile.deck_below_headline and len(unique) >= 2 and unique[-1] == headline:
            above = unique[-2]
            longer = len(texts[headline]) > len(texts[above]) or _ends_full_stop(texts[headline])
            if (
                above in candidates
                and _words(texts[above]) >= _DECKED_HEADLINE_WORDS
                and (longer or not _is_headline_like(texts[headline]))
            ):
                headline = above
    for i in unique:
        if i != headline:
            roles[i] = "topic-label" if i < headline else "byline"
            if i > headline and profile.deck_below_headline:
                roles[i] = "deck"
    return headline, roles


def _header_run(
    boundary: int, texts: Sequence[str], fams: _Families, after_credit: bool
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
            if _is_long_paragraph(texts[i]):
                break
            run.append(i)
        elif _is_header_family(fam):
            break
    run.reverse()
    if not after_credit:
        for pos, i in enumerate(run):
            if not _is_headline_like(texts[i]):
                return run[:pos]
    return run


def _find_header(
    texts: Sequence[str], fams: _Families, profile: SiteProfile
) -> tuple[int | None, int, dict[int, str]]:
    """Locate the headline and the end of the header in a dump with no known title.

    Returns (headline index or None, index of the last header block or -1, roles of the other
    header blocks). Nothing here may cost the body: without a headline the body is still
    found, and without a recognisable header every block is judged on its own.
    """
    n = min(len(texts), _TOP_REACH)
    roles: dict[int, str] = {}
    credit, headline, run = _credit_under_headline(texts, fams, profile, n, roles)
    header_end = headline if headline is not None else -1
    for i in run:
        if headline is not None and i > headline:
            header_end = max(header_end, i)
    if credit is not None:
        header_end = max(header_end, _credit_block_end(credit, texts, fams, profile, roles))
    return headline, _dateline_end(header_end, texts, fams, n, roles), roles


def _credit_under_headline(
    texts: Sequence[str], fams: _Families, profile: SiteProfile, n: int, roles: dict[int, str]
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
        elif plain_seen and _is_header_family(fam):
            run = _header_run(i, texts, fams, after_credit=True)
            if sum(1 for k in run if _is_sentence(texts[k])) >= _BODY_SENTENCES:
                # Paragraphs above a credit-like line ("Sumber: BMKG" in a page 2): the body
                # has begun, there is no header here.
                run = []
                break
            if _BARE_CREDIT_LABEL.match(texts[i]):
                # "Name / Penulis": the names right above a bare label are its byline.
                while run and _is_name_line(texts[run[-1]]) and _words(texts[run[-1]]) <= 5:
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


def _body_begins(i: int, texts: Sequence[str], fams: _Families, n: int) -> bool:
    """A dateline, or a long paragraph not followed by a header line: the body."""
    text = texts[i]
    return bool(_STRONG_DATELINE.search(text)) or (
        _is_long_paragraph(text) and not _is_header_family(fams[i + 1] if i + 1 < n else None)
    )


def _credit_block_end(
    credit: int, texts: Sequence[str], fams: _Families, profile: SiteProfile, roles: dict[int, str]
) -> int:
    """The last block of the credit block: credit lines, author names, and captions or bios
    squeezed between them (or, where the site prints it there, the caption under the photo
    credit)."""
    last = credit
    pending: list[int] = []
    for j in range(credit + 1, min(len(texts), credit + 1 + _HEADER_REACH)):
        fam = fams[j]
        text = texts[j]
        if _is_header_family(fam):
            for p in pending:
                roles[p] = "byline"
            pending.clear()
            last = j
        elif fam is not None:
            continue
        elif _is_dateline(text):
            break
        elif _is_name_line(text) and _words(text) > 0:
            pending.append(j)
        elif (
            profile.caption_after_photo_credit and _family_name(fams[j - 1]) == "photo-credit"
        ) or any(_is_header_family(fams[k]) for k in range(j + 1, min(len(texts), j + 3))):
            roles[j] = "caption"
            last = j
        else:
            break
    # Names right under the credit lines, before the body, are the byline ("Name, title").
    if pending and pending[0] <= last + 2:
        for p in pending:
            roles[p] = "byline"
        last = max(last, pending[-1])
    return last


def _dateline_end(
    header_end: int, texts: Sequence[str], fams: _Families, n: int, roles: dict[int, str]
) -> int:
    """The body's dateline ends the header, when what stands before it is header-sized."""
    for i in range(max(header_end + 1, 0), min(n, header_end + 1 + _DATELINE_REACH)):
        if _STRONG_DATELINE.search(texts[i]) and fams[i] is None:
            long_blocks = sum(
                1
                for k in range(header_end + 1, i)
                if _is_long_paragraph(texts[k]) and fams[k] is None
            )
            if long_blocks <= _HEADER_LONG_BLOCKS:
                for k in range(header_end + 1, i):
                    roles.setdefault(k, "header")
                return i - 1
            break
    return header_end


def _is_related_headline(text: str) -> bool:
    """Shaped like another story's headline: Title Case words, no sentence end, not a list item."""
    if _ends_sentence(text) or not (
        _RELATED_HEADLINE_WORDS[0] <= _words(text) <= _RELATED_HEADLINE_WORDS[1]
    ):
        return False
    if _LIST_ITEM.match(text):
        return False
    words = text.split()
    long_words = [w for w in words if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return len(long_words) >= 3 and capitalised >= _TITLE_CASE_SHARE * len(long_words)


def _drop_headline_runs(decisions: list[Decision], body: list[str]) -> None:
    """Drop runs of two or more other stories' headlines standing in the body without a label.

    A subheading is one such line followed by its paragraphs; two or more in a row are a list
    of related links whose "Baca juga" label the page renders as an image or not at all.
    """
    kept = [pos for pos, d in enumerate(decisions) if d.keep and d.family == "body"]
    run: list[int] = []
    dropped: set[int] = set()
    for pos in [*kept, -1]:
        if pos >= 0 and _is_related_headline(decisions[pos].text):
            run.append(pos)
            continue
        if len(run) >= 2:
            dropped.update(run)
        run = []
    if not dropped:
        return
    for pos in sorted(dropped):
        d = decisions[pos]
        decisions[pos] = Decision(d.line, d.text, False, "related-link")
    # The body is what the decisions keep (a same text kept elsewhere stays).
    body[:] = [d.text for d in decisions if d.keep and d.family == "body"]


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
        if _words(d.text) > _TAG_WORDS or _ends_sentence(d.text):
            break
        tags.append(pos)
    if len(tags) < 2:
        return
    for pos in tags:
        d = decisions[pos]
        decisions[pos] = Decision(d.line, d.text, False, "topic-tags")
        body.pop()


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
) -> Cleaned:
    """Clean a page given as text blocks.

    With ``title`` (the HTML path, where the headline is known), ``blocks`` are the body only.
    Without it, ``blocks`` are a whole-page dump and the header is found by its layout.
    ``page_starts`` are the indexes of ``blocks`` where a further page of the article begins:
    each page's after-body zone ends with its page.
    """
    profile = get_profile(site)
    page = _Page.of(blocks, lines, page_starts)
    fams = _Families(page.texts, _classifier(profile.name))
    if title is None:
        headline_idx, header_end, roles = _find_header(page.texts, fams, profile)
        headline = page.texts[headline_idx] if headline_idx is not None else ""
    else:
        headline_idx, header_end, roles = None, -1, {}
        headline = normalize_block(title)
    decisions, body = _decide(page, fams, headline, headline_idx, header_end, roles)
    _drop_headline_runs(decisions, body)
    _drop_trailing_tags(decisions, body)
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
        return cls(
            [texts[i] for i in keep], [numbers[i] for i in keep], [i in page_starts for i in keep]
        )


def _decide(
    page: _Page,
    fams: _Families,
    headline: str,
    headline_idx: int | None,
    header_end: int,
    roles: dict[int, str],
) -> tuple[list[Decision], list[str]]:
    """Every block's decision, in order, and the body blocks kept."""
    texts, numbers = page.texts, page.numbers
    echoed = _echoed_captions(texts, fams)
    decisions: list[Decision] = []
    body: list[str] = []
    in_tail = False
    previous = headline
    for i, text in enumerate(texts):
        in_tail = in_tail and not page.new_page[i]
        if i == headline_idx:
            decision = Decision(numbers[i], text, True, "headline")
        elif i <= header_end:
            name = roles.get(i) or _family_name(fams[i]) or "header"
            decision = Decision(numbers[i], text, False, name)
        elif in_tail:  # (classified lazily: a tail's blocks need no family)
            decision = Decision(numbers[i], text, False, "after-body")
        elif (fam := fams[i]) is not None:
            decision = Decision(numbers[i], text, False, fam.name)
            in_tail = fam.ends_body and bool(body)
        elif i in echoed:
            decision = Decision(numbers[i], text, False, "caption")
        elif text in (previous, headline):
            # A block printed twice in a row, or the headline again (as a photo's caption).
            decision = Decision(numbers[i], text, False, "repeat")
        else:
            decision = Decision(numbers[i], text, True, "body")
            body.append(text)
        previous = text
        decisions.append(decision)
    return decisions, body


def _echoed_captions(texts: Sequence[str], fams: _Families) -> set[int]:
    """A caption printed on both sides of a photo widget ("Caption / zoom-in-whitePerbesar /
    Caption") is known by the echo, whatever its wording."""
    return {
        j
        for i in range(len(texts) - 2)
        if texts[i] == texts[i + 2] and fams[i + 1] is not None and fams[i] is None
        for j in (i, i + 2)
    }


def clean(text: str, site: str | None = None, *, url: str | None = None) -> Cleaned:
    """Clean one page's text dump; ``site`` is detected from ``url`` or the text when omitted."""
    name = site or detect_site(text, url)
    lines = text.splitlines()
    return clean_blocks(lines, name, lines=range(1, len(lines) + 1))
