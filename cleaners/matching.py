"""Which chrome family a block belongs to: a site's families compiled once, behind prefilters.

A profile's families (the shared ones of ``cleaners.families`` with the site's wordings first)
are compiled into one ``Classifier`` per site; prefilters by block length and first character
rule out most blocks without trying each family. ``Families`` classifies a page's blocks on
first use.
"""

from __future__ import annotations

import re
import re._parser as re_parser
from bisect import bisect_left
from collections.abc import Container, Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from cleaners.families import SHARED_FAMILIES
from cleaners.profile import Family
from cleaners.shapes import opens_body
from cleaners.sites import SITE_NAMES, get_profile


@dataclass(frozen=True)
class CompiledFamily:
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
    floating_ci: tuple[tuple[Needles, re.Pattern[str]], ...]  # ("",) = always searched
    floating_cs: tuple[tuple[Needles, re.Pattern[str]], ...]

    def hits(self, text: str, lower: str) -> bool:
        if self.anchored_ci.match(lower) or self.anchored_cs.match(text):
            return True
        for needles, regex in self.floating_ci:
            if any(n in lower for n in needles) and regex.search(lower):
                return True
        return any(
            any(n in text for n in needles) and regex.search(text)
            for needles, regex in self.floating_cs
        )


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
            if arg[1] & re.IGNORECASE:  # "(?i:kolase ...)" starts with "K" too
                first = frozenset(c for f in first for c in (f.lower(), f.upper()))
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


Needles = tuple[str, ...]  # a block holding none of them cannot match


def _required_needles(pattern: str, lowered: bool) -> Needles:
    """Strings one of which every match of the pattern holds: the longest run of literal
    characters at its top level ("berikut" in ``\\b(?:lengkap)\\b.{0,60}\\bberita berikut\\W*$``)
    or the literal openings of a top-level group's alternatives ("surel", "inbox", ... in
    ``\\bke (?:surel|inbox) kamu``), whichever has the longest shortest member."""
    try:
        parsed = re_parser.parse(pattern)
    except Exception:  # an internal parser change must cost speed, not correctness
        return ("",)
    if parsed.state.flags & re.IGNORECASE and not lowered:
        return ("",)
    options: list[Needles] = [("",)]
    run = ""
    for op, arg in parsed:
        run = run + chr(arg) if str(op) == "LITERAL" else ""
        options.append((run,))
        if openings := _branch_openings(op, arg):
            options.append(openings)
    best = max(options, key=lambda needles: min(len(n) for n in needles))
    return tuple(n.lower() for n in best) if lowered else best


def _branch_openings(op: Any, arg: Any) -> Needles | None:
    """The literal opening of each alternative of an alternation (a group holding only one)."""
    if str(op) == "SUBPATTERN" and len(arg[-1]) == 1 and not arg[1] & re.IGNORECASE:
        op, arg = next(iter(arg[-1]))  # (a capturing group; a (?i:...) one is not literal)
    if str(op) != "BRANCH":
        return None
    openings = []
    for branch in arg[1]:
        opening = ""
        for item_op, item_arg in branch:
            if str(item_op) != "LITERAL":
                break
            opening += chr(item_arg)
        if not opening:
            return None
        openings.append(opening)
    return tuple(openings)


_SHORT_NEEDLE = 3


def _gated(
    patterns: Iterable[str], lowered: bool = False
) -> tuple[tuple[Needles, re.Pattern[str]], ...]:
    """Floating patterns grouped by their leading literal, one alternation per literal; a
    pattern whose leading literal is short is gated by what else every match of it holds
    (``lowered``: the patterns run on a lowercased block)."""
    groups: dict[Needles, list[str]] = {}
    for p in patterns:
        needles: Needles = (_needle(p),)
        if len(needles[0]) < _SHORT_NEEDLE:
            found = _required_needles(p, lowered)
            needles = max(needles, found, key=lambda ns: min(len(n) for n in ns))
        groups.setdefault(needles, []).append(p)
    return tuple((needles, _alternation(ps)) for needles, ps in groups.items())


# Blocks are sorted by word count into tiers; a tier's prefilter holds only the families whose
# word limit a block of that tier fits. A long paragraph, the commonest block, is checked only
# against the few families that apply to paragraphs.
_TIER_WORDS = (2, 6, 12, 25, 40)
_MEMO_SIZE = 50_000
_MEMO_CHARS = 200


@dataclass(frozen=True)
class Classifier:
    """A profile's families in order, behind prefilters that rule out most blocks at once.

    Most blocks are article paragraphs that no family matches; a prefilter says so in four
    passes instead of one pass per family.
    """

    families: tuple[CompiledFamily, ...]
    tiers: tuple[_Prefilter, ...]
    # Chrome repeats from page to page of a site ("ADVERTISEMENT", the membership prompt, the
    # footer): its lines are classified once. Bounded; cleared when full.
    memo: dict[str, CompiledFamily | None] = field(default_factory=dict)

    def classify(self, text: str) -> CompiledFamily | None:
        memo = self.memo
        if text in memo:
            return memo[text]
        fam = self._classify(text)
        if len(text) <= _MEMO_CHARS:  # paragraphs are unique: only chrome-sized blocks repeat
            if len(memo) >= _MEMO_SIZE:
                memo.clear()
            memo[text] = fam
        return fam

    def _classify(self, text: str) -> CompiledFamily | None:
        words = text.count(" ") + 1
        tier = bisect_left(_TIER_WORDS, words)
        if self.tiers[tier].hits(text, text.lower()) and (fam := self._first(text, words)):
            return fam
        return _DOUBLED_CAPTION if _is_doubled(text) else None

    def _first(self, text: str, words: int) -> CompiledFamily | None:
        """The first family, in order, whose limit the block fits and whose patterns match."""
        for fam in self.families:
            if fam.max_words is not None and words > fam.max_words:
                continue
            if fam.regex.search(text) and not (fam.unless and fam.unless.search(text)):
                return fam
        return None

    def classify_plainly(self, text: str) -> CompiledFamily | None:
        """What ``classify`` decides, without prefilters or memo: every family tried in order.
        The specification the prefilters must keep (a differential test compares them)."""
        return self._first(text, text.count(" ") + 1) or (
            _DOUBLED_CAPTION if _is_doubled(text) else None
        )


# A photo widget prints the caption, the credit glued to it, then the caption again ("Warga
# mengungsi. KOMPAS.com/NAMAWarga mengungsi.", "Sniper.Thinkstock Sniper."): a block that
# repeats its own opening, or that ends as it begins with no more than a credit between.
_DOUBLED_CAPTION = CompiledFamily("caption", re.compile(r"(?!)"), None, False)
_DOUBLED_PREFIX = 40
_ECHO_MIN = 6
_CREDIT_MAX = 40


def _is_doubled(text: str) -> bool:
    if len(text) >= 2 * _DOUBLED_PREFIX and text.find(text[:_DOUBLED_PREFIX], 20) != -1:
        return True
    # Where the opening appears again after a space, the rest must be the opening (checked
    # from the end: a caption ends as it begins, only a credit between).
    opening = " " + text[:_ECHO_MIN]
    at = text.rfind(opening)
    while at > 0:
        tail = text[at + 1 :]
        if len(text) - 2 * len(tail) <= _CREDIT_MAX and text.startswith(tail):
            return True
        at = text.rfind(opening, 0, at)
    return False


def family_name(family: CompiledFamily | None) -> str | None:
    return family.name if family is not None else None


# A line the site repeats across its articles (``cleaners.repetition``), when no family names it.
REPEATED = CompiledFamily("repeated-line", re.compile(r"(?!)"), None, False)
# A breadcrumb set one item a line, a separator line between them ("Tribunnews.com", "»",
# "Metropolitan"): its items, whatever they look like (a site's name reads as a photo credit).
BREADCRUMB_ITEM = CompiledFamily("navigation", re.compile(r"(?!)"), None, False)
_CRUMB_SEPARATORS = frozenset({"»", "›", ">", "/"})
_CRUMB_WORDS = 4


class Families:
    """The family of each block, classified on first use: the after-body zone never is. A
    block no family names is the site's learned chrome when ``learned`` holds it.

    The paragraph a newsroom's dateline opens is the article's first, whatever its words say
    ("TRIBUNNEWS.COM - Rangkuman ... dapat disimak di sini."): no inline family claims it.
    """

    def __init__(
        self,
        texts: Sequence[str],
        classifier: Classifier,
        learned: Container[str] = (),
        menu: Container[str] = (),
    ) -> None:
        self._texts = texts
        self._menu = menu  # the menus a whole-page dump printed before these blocks
        self._classifier = classifier
        self._learned = learned
        self._cache: dict[int, CompiledFamily | None] = {}
        self._crumbs = not _CRUMB_SEPARATORS.isdisjoint(texts)  # a breadcrumb one item a line

    def __getitem__(self, i: int) -> CompiledFamily | None:
        if i not in self._cache:
            text = self._texts[i]
            fam = self._classifier.classify(text)
            if fam is not None and not fam.ends_body and opens_body(text):
                fam = None
            elif (
                self._crumbs and (fam is None or fam.name == "photo-credit") and self._crumb(i)
            ) or (fam is not None and fam.name == "photo-credit" and self._menu_path(i)):
                fam = BREADCRUMB_ITEM
            self._cache[i] = REPEATED if fam is None and text in self._learned else fam
        return self._cache[i]

    def _menu_path(self, i: int) -> bool:
        """A breadcrumb on one line ("Bola / Liga Indonesia") opens with a section the page's
        menu above listed on its own line; a credit opens with a source ("Kompas.com / Nama")."""
        section, sep, _ = self._texts[i].partition(" / ")
        return (
            bool(sep)
            and "." not in section
            and (section in self._menu or section in self._texts[:i])
        )

    def _crumb(self, i: int) -> bool:
        texts = self._texts
        before = texts[i - 1] if i else ""
        after = texts[i + 1] if i + 1 < len(texts) else ""
        return (before in _CRUMB_SEPARATORS or after in _CRUMB_SEPARATORS) and texts[i].count(
            " "
        ) < _CRUMB_WORDS


def _alternation(patterns: Iterable[str], flags: int = 0) -> re.Pattern[str]:
    return _compiled("|".join(f"(?:{p})" for p in patterns) or r"(?!)", flags)  # (?!): never


@cache
def _compiled(pattern: str, flags: int) -> re.Pattern[str]:
    # Tiers, buckets and profiles share many alternations: each is compiled once.
    return re.compile(pattern, flags)


def every_pattern() -> list[tuple[str, str, re.Pattern[str], int | None]]:
    """(owner: "shared" or a site's name, family, compiled pattern, word limit) of every rule,
    for the audits of their evidence (``benchmarks/rules_audit.py``, the tests)."""
    owners = [("shared", SHARED_FAMILIES)] + [
        (name, get_profile(name).families) for name in SITE_NAMES
    ]
    return [
        (owner, family.name, re.compile(p, re.I if family.ignore_case else 0), family.max_words)
        for owner, families in owners
        for family in families
        for p in family.patterns
    ]


@cache
def classifier_for(profile_name: str) -> Classifier:
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
        CompiledFamily(
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
                floating_ci=_gated((p for p, ci in pats if ci and not p.startswith("^")), True),
                anchored_cs=_anchored(p for p, ci in pats if not ci and p.startswith("^")),
                floating_cs=_gated(p for p, ci in pats if not ci and not p.startswith("^")),
            )
        )
    return Classifier(families=compiled, tiers=tuple(tiers))
