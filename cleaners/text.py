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
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from cleaners.families import HEADER_FAMILIES, SHARED_FAMILIES
from cleaners.format import normalize_block, render
from cleaners.profile import Family, SiteProfile
from cleaners.sites import detect_site, get_profile

# A paragraph long enough, and finished like a sentence, is body text: the header search never
# looks past it.
_LONG_PARAGRAPH_WORDS = 30
# Author names between credit labels are short and carry no sentence punctuation.
_NAME_LINE_WORDS = 8
# How far past the first credit line the header may reach.
_HEADER_REACH = 10
# Topic tags after the body are a few words each; no article ends on a subheading.
_TAG_WORDS = 5
_SENTENCE_END = re.compile(r"[.!?…\"”’')]$")
# "MOSKWA, KOMPAS.com - ..." / "TRIBUNNEWS.COM, JAKARTA - ...": the body starts here.
_DATELINE = re.compile(
    r"^[A-Z][\w .'’/()-]{1,60},\s*[\w.]+\s*[-–—]\s+\S|^[A-Z.]+\.COM,\s*[A-Z ]+[-–—]"
)
_SYNDICATION_SOURCE = re.compile(
    r"(?:tayang|terbit|dimuat|ditayangkan|diterbitkan|dipublikasikan)\s+(?:di|pada|oleh)\s+"
    r"(?P<source>[\w.+-]+)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Decision:
    """What the cleaner did with one block: kept or dropped, and the rule family that decided."""

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


@dataclass(frozen=True)
class _Classifier:
    """A profile's families in order, behind a prefilter that rules out most blocks at once.

    Most blocks are article paragraphs that no family matches; the prefilter says so in four
    passes (anchored patterns tried at the start only, floating ones searched; case-insensitive
    ones on a lowercased copy, as they are written in lowercase and re.I slows every
    comparison) instead of one pass per family.
    """

    families: tuple[_CompiledFamily, ...]
    anchored_ci: re.Pattern[str]
    floating_ci: re.Pattern[str]
    anchored_cs: re.Pattern[str]
    floating_cs: re.Pattern[str]

    def classify(self, text: str) -> _CompiledFamily | None:
        lower = text.lower()
        if not (
            self.anchored_ci.match(lower)
            or self.anchored_cs.match(text)
            or self.floating_ci.search(lower)
            or self.floating_cs.search(text)
        ):
            return None
        words = text.count(" ") + 1
        for fam in self.families:
            if fam.max_words is not None and words > fam.max_words:
                continue
            if fam.regex.search(text):
                return fam
        return None


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
    joined = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(joined or r"(?!)", flags)  # (?!) never matches


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
        )
        for f in order
    )
    for f in order:
        for p in f.patterns:
            # The prefilter reads lowercased text; an uppercase literal would never match there.
            if f.ignore_case and any(c.isupper() for c in re.sub(r"\\.", "", p)):
                raise ValueError(f"case-insensitive pattern must be written in lowercase: {p!r}")
    pats = [(p, f.ignore_case) for f in order for p in f.patterns]
    return _Classifier(
        families=compiled,
        anchored_ci=_alternation(p for p, ci in pats if ci and p.startswith("^")),
        floating_ci=_alternation(p for p, ci in pats if ci and not p.startswith("^")),
        anchored_cs=_alternation(p for p, ci in pats if not ci and p.startswith("^")),
        floating_cs=_alternation(p for p, ci in pats if not ci and not p.startswith("^")),
    )


def _is_long_paragraph(text: str) -> bool:
    return text.count(" ") + 1 >= _LONG_PARAGRAPH_WORDS and bool(_SENTENCE_END.search(text))


def _is_name_line(text: str) -> bool:
    return (
        text.count(" ") + 1 <= _NAME_LINE_WORDS
        and not _SENTENCE_END.search(text)
        and not _DATELINE.search(text)
    )


def _find_header(
    texts: Sequence[str], fams: _Families, profile: SiteProfile
) -> tuple[int | None, int, dict[int, str]]:
    """Locate the headline and the end of the header in a dump with no known title.

    Returns (headline index, index of the last header block, roles of the other header blocks).
    The headline is the block right above the first credit line (or the one above a deck, on
    sites that print one); without any credit line it is the first plain block.
    """
    n = len(texts)
    first_plain: int | None = None
    first_credit: int | None = None
    above: list[int] = []  # plain blocks above the first credit line
    for i in range(n):
        fam = fams[i]
        if fam is None:
            if first_plain is None:
                first_plain = i
            if _is_long_paragraph(texts[i]):
                break  # the body has begun: there is no credit block above it
            above.append(i)
        elif fam.name in HEADER_FAMILIES:
            first_credit = i
            break
    if first_plain is None:
        return None, -1, {}
    if first_credit is None or not above:
        return first_plain, first_plain, {}

    roles: dict[int, str] = {}
    if profile.byline_above_date and len(above) >= 2 and _is_name_line(texts[above[-1]]):
        roles[above[-1]] = "byline"
        above.pop()
    if profile.deck_below_headline and len(above) >= 3:
        headline = above[-2]
        roles[above[-1]] = "deck"
    elif profile.deck_below_headline and len(above) == 2:
        # Topic label + headline, or headline + deck: a topic label is a few words with no
        # sentence end, shorter than what follows it.
        first, second = texts[above[0]], texts[above[1]]
        if first.count(" ") < 5 and not _SENTENCE_END.search(second) and len(first) < len(second):
            headline = above[1]
        else:
            headline = above[0]
            roles[above[1]] = "deck"
    else:
        headline = above[-1]
    for i in above:
        if i < headline:
            roles[i] = "topic-label"

    # The credit block: credit lines, author names between them, and (where the site prints it
    # there) the caption under the photo credit. A plain paragraph ends it.
    last = first_credit
    pending: list[int] = []
    for j in range(first_credit + 1, min(n, first_credit + 1 + _HEADER_REACH)):
        fam = fams[j]
        if fam is not None and fam.name in HEADER_FAMILIES:
            for p in pending:
                roles[p] = "byline"
            pending.clear()
            last = j
        elif fam is not None:
            continue
        elif (
            profile.caption_after_photo_credit
            and fams[last] is not None
            and fams[last].name == "photo-credit"
            and last == j - 1
            and not _DATELINE.search(texts[j])
        ):
            roles[j] = "caption"
            last = j
        elif _is_name_line(texts[j]):
            pending.append(j)
        else:
            break
    return headline, last, roles


def _drop_trailing_tags(decisions: list[Decision], body: list[str]) -> None:
    """Drop the short, unfinished blocks that end the body: topic tags, not article text.

    A subheading always has text after it, so a short block with no sentence end that only
    chrome follows is a tag list (kumparan prints its topics there) or a leftover label.
    """
    for pos in range(len(decisions) - 1, -1, -1):
        d = decisions[pos]
        if not d.keep:
            continue
        if d.family != "body" or len(body) <= 1:
            return
        if d.text.count(" ") + 1 > _TAG_WORDS or _SENTENCE_END.search(d.text):
            return
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
    classifier = _classifier(profile.name)
    texts = [normalize_block(b) for b in blocks]
    numbers = list(lines) if lines is not None else list(range(1, len(texts) + 1))
    keep_idx = [i for i, t in enumerate(texts) if t]
    starts = set(page_starts)
    new_page = [i in starts for i in keep_idx]
    texts = [texts[i] for i in keep_idx]
    numbers = [numbers[i] for i in keep_idx]
    fams = _Families(texts, classifier)

    decisions: list[Decision] = []
    if title is None:
        headline_idx, header_end, roles = _find_header(texts, fams, profile)
        headline = texts[headline_idx] if headline_idx is not None else ""
    else:
        headline_idx, header_end, roles = None, -1, {}
        headline = normalize_block(title)

    body: list[str] = []
    in_tail = False
    previous = headline
    for i, text in enumerate(texts):
        if new_page[i]:
            in_tail = False
        if i == headline_idx:
            decision = Decision(numbers[i], text, True, "headline")
        elif i <= header_end:
            header_fam = fams[i]
            name = roles.get(i) or (header_fam.name if header_fam else "header")
            decision = Decision(numbers[i], text, False, name)
        elif in_tail:
            decision = Decision(numbers[i], text, False, "related-list")
        elif (fam := fams[i]) is not None:
            decision = Decision(numbers[i], text, False, fam.name)
            in_tail = fam.ends_body and bool(body)
        elif text == previous:
            decision = Decision(numbers[i], text, False, "repeat")
        else:
            decision = Decision(numbers[i], text, True, "body")
            body.append(text)
        previous = text
        decisions.append(decision)

    _drop_trailing_tags(decisions, body)
    document = render(headline, body) if headline and body else ""
    return Cleaned(
        text=document,
        title=headline,
        body=tuple(body),
        site=profile.name,
        decisions=tuple(decisions),
        metadata=_metadata(decisions),
    )


def clean(text: str, site: str | None = None, *, url: str | None = None) -> Cleaned:
    """Clean one page's text dump; ``site`` is detected from ``url`` or the text when omitted."""
    name = site or detect_site(text, url)
    lines = text.splitlines()
    return clean_blocks(lines, name, lines=range(1, len(lines) + 1))
