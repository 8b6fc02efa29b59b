"""The shapes of lines: sentences, names, headlines, datelines, other stories' headlines.

What the cleaner knows of a line without any wording: its length, its capitals, how it ends,
whether it opens with a newsroom's dateline. Thresholds are named here, once.
"""

from __future__ import annotations

import re

from cleaners.sites import NEWSROOMS

# A paragraph long enough, and finished like a sentence, is body text: the header search never
# looks past it.
LONG_PARAGRAPH_WORDS = 25
# A header holds at most one sentence (a deck or an author's bio); two sentences of this many
# words above a credit-like line are the body.
SENTENCE_WORDS = 8
BODY_SENTENCES = 2
# Author names between credit labels are short and carry no sentence punctuation.
NAME_LINE_WORDS = 8
# A headline is at most this long, and a block above a deck has at least the smaller count.
HEADLINE_WORDS = 30
DECKED_HEADLINE_WORDS = 4
# How far down a page its header may reach (chrome above the headline included), and how far
# past the first credit line the credit block may reach.
TOP_REACH = 60
# In a whole-page dump whose first paragraph lies beyond TOP_REACH (menus above it), the header
# is looked for in this many blocks above that paragraph.
HEADER_WINDOW = 30
HEADER_REACH = 12
# Blocks before a dateline that are this long: more than a few and the dateline is not the
# start of the body but a paragraph inside it.
HEADER_LONG_BLOCKS = 3
# How far past the credit block the dateline is looked for (captions, prompts, bylines).
DATELINE_REACH = 16
# Topic tags after the body are a few words each; no article ends on a subheading.
TAG_WORDS = 5
# Other stories' headlines standing in the body: word count range, share of capitalised words.
RELATED_HEADLINE_WORDS = (5, 25)
TITLE_CASE_SHARE = 0.7
# One such headline alone between paragraphs (Tribun links a story that way): at least this long
# and capitalised (none of the labeled pages' subheadings is).
LONE_HEADLINE_WORDS = 8
LONE_TITLE_CASE_SHARE = 0.8
# ... between paragraphs at least this long.
PARAGRAPH_WORDS = 12
LIST_ITEM = re.compile(r"^(?:\d{1,2}[.)]|[-•*])\s")
SENTENCE_END_CHARS = frozenset(".!?…\"”’')")


def ends_sentence(text: str) -> bool:
    return text[-1:] in SENTENCE_END_CHARS


def ends_full_stop(text: str) -> bool:
    """A full stop ends a sentence; "..." may end a headline."""
    return text.endswith(".") and not text.endswith("..")


# Not a headline: a menu bullet, the page's <title> with the site's name after a dash, or a tag
# cloud (hashtags glued together: "#Timnas U-19#Arsenal#Juventus").
NOT_A_HEADLINE = re.compile(rf"^[•·▪►-]\s|\s[-–|]\s[\w.]*(?:{NEWSROOMS})[\w .]*$|^#[^#\s][^#]*\S#")
# A credit label with no name after it: the name stands above it ("Alsadad Rudi / Penulis").
BARE_CREDIT_LABEL = re.compile(
    r"^(?:penulis|editor|reporter|kontributor|penyunting|tim redaksi|tim editorial)\s*:?$", re.I
)
# The dateline that opens the body. Strong: it names the newsroom ("MOSKWA, KOMPAS.com - ",
# "TRIBUNNEWS.COM, JAKARTA - ", "SURYAMALANG.COM - ", "Jayapura, Kompas - "), so it anchors
# the body; weak: a place in capitals and a dash ("PONTIANAK - "), which a photo caption's
# keyword also has ("EVAKUASI - Petugas ..."), so it only ends a search.
# (Possessive: the dash of a hyphenated host, "Tribun-timur.com merangkum ...", is no separator.)
NEWSROOM = (
    r"(?:[A-Za-z][\w-]*+\.(?:COM|CO\.ID|CO|ID|NET|com|co\.id|id|net)"
    rf"|[\w-]*(?:{NEWSROOMS})[\w-]*+)"
)
STRONG_DATELINE = re.compile(
    rf"^(?:[A-Z][\w .'’/()-]{{1,40}},\s*)?{NEWSROOM}(?:\s*,\s*[A-Z][\w .'’/()-]{{1,40}})?"
    r"\s*(?:[-–—]{1,2}|:)\s*\S"
)
# The dateline alone on its line, its paragraph on the next ("JAKARTA, KOMPAS.com -").
LONE_DATELINE = re.compile(
    rf"^(?:[A-Z][\w .'’/()-]{{1,40}},\s*)?{NEWSROOM}(?:\s*,\s*[A-Z][\w .'’/()-]{{1,40}})?"
    r"\s*(?:[-–—]{1,2}|:)$"
)
WEAK_DATELINE = re.compile(
    r"^[A-Z][A-Z .'’]{2,30}(?:,\s*[A-Z][\w .'’]{2,30})?\s*[-–—]{1,2}\s+\S"
    r"|^[A-Z][a-z]+(?: [A-Z][a-z]+)?, (?:Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\s*[-–—]\s"
)


# A photo's caption opens with its keyword in capitals and a dash, as a weak dateline does
# ("EVAKUASI - Petugas ..."); inside the body, after the paragraph its dateline opens, it is a
# caption.
CAPTION_KEYWORD = re.compile(r"^[A-Z][A-Z0-9 .'’&]{2,40} [-–—]{1,2} \S")


# A person's name alone on its line: two to four capitalised words, nothing else.
PERSON_NAME = re.compile(r"^[A-Z][a-z'’.-]+(?: [A-Z][a-z'’.-]+){1,3}$")


_WORD_EDGES = ".,:;!?\"“”'‘’()"


def content_words(text: str) -> set[str]:
    """The line's words of substance (longer than three letters), lowercased, bare."""
    return {w.strip(_WORD_EDGES).lower() for w in text.split() if len(w) > 3}


def opens_body(text: str) -> bool:
    """A newsroom's dateline, then a sentence's worth of words: the body's first paragraph."""
    return words(text) >= SENTENCE_WORDS and bool(STRONG_DATELINE.match(text))


def is_dateline(text: str) -> bool:
    return bool(STRONG_DATELINE.search(text) or WEAK_DATELINE.search(text))


def words(text: str) -> int:
    return text.count(" ") + 1


def is_long_paragraph(text: str) -> bool:
    return words(text) >= LONG_PARAGRAPH_WORDS and ends_sentence(text)


def is_sentence(text: str) -> bool:
    """A statement ended with a full stop (headlines end with "!", "?" or nothing)."""
    return words(text) >= SENTENCE_WORDS and (ends_full_stop(text) or text.endswith(('."', ".”")))


def is_name_line(text: str) -> bool:
    return words(text) <= NAME_LINE_WORDS and not ends_sentence(text) and not is_dateline(text)


def is_headline_like(text: str) -> bool:
    """Headline-sized, no full stop, no dateline, and not a lead-in to what follows (a line
    ending in a colon introduces a list or a quote: "Berikut lima berita terpopuler ...:")."""
    return (
        words(text) <= HEADLINE_WORDS
        and not ends_full_stop(text)
        and not text.endswith(":")
        and not STRONG_DATELINE.search(text)
    )


def is_related_headline(text: str, title_case_share: float = TITLE_CASE_SHARE) -> bool:
    """Shaped like another story's headline: Title Case words, no sentence end, not a list item."""
    if ends_sentence(text) or not (
        RELATED_HEADLINE_WORDS[0] <= words(text) <= RELATED_HEADLINE_WORDS[1]
    ):
        return False
    if LIST_ITEM.match(text):
        return False
    return is_title_case(text, title_case_share)


def is_title_case(text: str, share: float = TITLE_CASE_SHARE) -> bool:
    """Most of the line's longer words capitalised, as headlines are set."""
    long_words = [w for w in text.split() if len(w) > 3 and w[0].isalpha()]
    capitalised = sum(1 for w in long_words if w[0].isupper())
    return len(long_words) >= 3 and capitalised >= share * len(long_words)


def is_lone_related_headline(text: str) -> bool:
    """Another story's headline even alone: long, and nearly every word capitalised (a
    subheading is shorter, or written like a sentence)."""
    return words(text) >= LONE_HEADLINE_WORDS and is_related_headline(text, LONE_TITLE_CASE_SHARE)
