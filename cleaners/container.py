"""A page's article read without its site's layout: the container found by what a redesign
keeps.

Selectors break when a site changes its markup; what the article is does not change: it is the
element that holds the running text (paragraphs of sentences, few links) and the dateline that
opens it ("JAKARTA, KOMPAS.com - ..."). ``container_blocks`` scores every element by the
paragraph text it holds (the readability family of algorithms), prefers the one that holds the
dateline, and reads it block by block, leaving out what markup says is not running text
wherever a site puts it: captions and figures, hidden elements, lists of links, embedded
widgets. The text stage (the site's chrome families) then runs on these blocks as on a layout's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml.etree import _Element

from cleaners.format import normalize_block
from cleaners.html import element_blocks, remove_keeping_tail
from cleaners.shapes import STRONG_DATELINE

# Never running text, whatever the site: code, embeds, forms' controls, media and their
# captions, and the page's own navigation regions.
_NOT_TEXT = frozenset(
    {
        "script", "style", "noscript", "template", "iframe", "svg", "button", "select",
        "textarea", "input", "head", "nav", "footer", "aside", "figure", "figcaption",
        "picture", "video", "audio", "object", "embed", "canvas", "map", "time", "h1",
    }
)  # fmt: skip
# What class names and ids say across sites (English and Indonesian): ads, sharing, related
# and recommended stories, comments, captions, galleries, newsletter and app boxes.
_CHROME_NAMES = re.compile(
    r"(?:^|[\s_-])(?:ads?|advert\w*|iklan|banner|sponsor\w*|promo\w*|share|sharing|social|"
    r"sosmed|related|terkait|baca|rekomendasi|recommend\w*|popular|populer|terpopuler|"
    r"comments?|komentar|caption|photo|foto|gallery|galeri|newsletter|subscribe|widget|"
    r"breadcrumbs?|tags?|tagging|author|penulis|credit|byline|paging|pagination|bapps|"
    r"sticky|outbrain|taboola|dfp|gpt)(?:$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# A block element mostly made of links is a list of other stories, not a paragraph.
_LINK_SHARE = 0.6
# A paragraph counts when it has this many characters (menus and labels are shorter).
_PARAGRAPH_CHARS = 25
# Elements that start a block of text (inline ones, such as <span>, <a>, <b>, are part of one).
_BLOCKS = frozenset(
    {
        "p", "div", "li", "td", "th", "dd", "dt", "section", "article", "main", "blockquote",
        "pre", "ul", "ol", "table", "tr", "tbody", "h2", "h3", "h4", "h5", "h6", "header", "form",
        "center",
    }
)  # fmt: skip


@dataclass(frozen=True)
class Container:
    """The element chosen, and why (for ``scrapy explain``)."""

    element: _Element
    holds_dateline: bool


def find_container(root: _Element) -> Container | None:
    """The element holding the article's running text, or None when no element holds any.

    Every paragraph adds its score to the element that holds it and half to that element's
    parent (the readability family's scoring); the best scorer, less its links' share, and
    more when it holds the dateline, is the container. Running text is paragraphs written as
    sentences (menus and other stories' headlines are not): when paragraphs of the same kind
    as the container's (same element and class) stand outside it, the markup nested them
    (unclosed tags), and the closest element holding them all is the container.
    """
    scores: dict[_Element, float] = {}
    running: list[_Element] = []
    datelines: set[_Element] = set()
    for holder, text in _paragraphs(root):
        score = 1 + text.count(",") + min(len(text) // 100, 3)
        scores[holder] = scores.get(holder, 0.0) + score
        if (grandparent := holder.getparent()) is not None:
            scores[grandparent] = scores.get(grandparent, 0.0) + score / 2
        if STRONG_DATELINE.search(text):
            datelines.update((holder, *holder.iterancestors()))
        if _is_running_text(text):
            running.append(holder)
    if not scores:
        return None
    best = max(scores, key=lambda el: _weighted(el, scores[el], el in datelines))
    best = _with_nested_paragraphs(best, running)
    return Container(best, best in datelines)


def _with_nested_paragraphs(best: _Element, running: list[_Element]) -> _Element:
    """The closest element holding ``best`` and every paragraph of its kind outside it."""
    inside = {h for h in running if h is best or best in h.iterancestors()}
    kinds = {_kind(h) for h in inside}
    outside = [h for h in running if h not in inside and _kind(h) in kinds]
    if not outside:
        return best
    lineages = [{h, *h.iterancestors()} for h in outside]
    return next((a for a in best.iterancestors() if all(a in line for line in lineages)), best)


def _kind(element: _Element) -> tuple[str, str]:
    return str(element.tag), element.get("class") or ""


_SENTENCE_WORDS = 8
_SENTENCE_ENDS = (".", "!", "?")


def _is_running_text(text: str) -> bool:
    sentence = text.rstrip("\"”’')")
    return text.count(" ") + 1 >= _SENTENCE_WORDS and sentence.endswith(_SENTENCE_ENDS)


def _weighted(element: _Element, score: float, holds_dateline: bool) -> float:
    """A candidate's score, less its links' share, more for holding the dateline."""
    return score * (1 - _link_share(element)) * (1.5 if holds_dateline else 1.0)


def container_blocks(
    root: _Element, url: str, events: list[tuple[int, str, str]] | None = None
) -> tuple[list[str], list[str]]:
    """(the body's blocks, links to the article's other pages) read without a site layout;
    what was left out inside the container goes to ``events`` (``scrapy explain``)."""
    _drop_non_text(root)
    found = find_container(root)
    if found is None:
        return [], []
    dropped = dict(_chrome(found.element))
    components = _components(found.element)
    blocks = element_blocks(found.element, dropped, events, also_blocks=components)
    return blocks, page_links(root, url)


def _paragraphs(root: _Element) -> Iterator[tuple[_Element, str]]:
    """(the element that holds it, its text) of every paragraph: a block element with no block
    inside it (a ``<p>``, or a ``<div>`` of spans), held by its parent; or a run of inline text
    between the blocks or ``<br>`` of a block element (a body whose paragraphs are split by
    ``<br>`` only, as on old layouts), held by that element."""
    blocks = [el for el in root.iter() if el.tag in _BLOCKS]
    holding = {a for el in blocks for a in el.iterancestors()}
    for element in blocks:
        if element not in holding:
            text = normalize_block(element.text_content())
            parent = element.getparent()
            if len(text) >= _PARAGRAPH_CHARS and parent is not None:
                yield parent, text
            continue
        for run in _inline_runs(element):
            if len(run) >= _PARAGRAPH_CHARS:
                yield element, run


def _inline_runs(element: _Element) -> Iterator[str]:
    """The runs of inline text directly in an element, split at its blocks and ``<br>``."""
    buffer = [element.text or ""]
    for child in element:
        if child.tag in _BLOCKS or child.tag == "br":
            yield normalize_block("".join(buffer))
            buffer = []
        elif isinstance(child.tag, str):
            buffer.append(child.text_content())
        buffer.append(child.tail or "")
    yield normalize_block("".join(buffer))


def _link_share(element: _Element) -> float:
    text = len(normalize_block(element.text_content()))
    if not text:
        return 1.0
    linked = sum(len(normalize_block(a.text_content())) for a in element.iter("a"))
    return min(1.0, linked / text)


def _drop_non_text(root: _Element) -> None:
    """Remove what is never running text, keeping the text that follows each element."""
    for element in [e for e in root.iter() if _never_text(e)]:
        remove_keeping_tail(element)


def _never_text(element: _Element) -> bool:
    if not isinstance(element.tag, str):
        return True  # comments and processing instructions
    if element.tag in _NOT_TEXT:
        return True
    hidden = element.get("hidden") is not None or element.get("aria-hidden") == "true"
    style = element.get("style") or ""
    classes = element.get("class") or ""
    return (
        hidden
        or bool(_HIDDEN_STYLE.search(style))
        or bool(re.search(r"(?:^|\s)(?:hide|hidden|d-none)(?:$|\s)", classes))
    )


def _components(container: _Element) -> frozenset[_Element]:
    """Inline elements that are paragraphs: siblings marked alike (the same element, class and
    data attributes, three or more of them) that each hold a paragraph's text, as a
    component-built page renders its paragraphs (``<span data-x="paragraph">``)."""
    found: set[_Element] = set()
    for parent in container.iter():
        runs: dict[tuple[str, ...], list[_Element]] = {}
        for child in parent:
            if isinstance(child.tag, str) and child.tag not in _BLOCKS and _marks(child):
                runs.setdefault((child.tag, *_marks(child)), []).append(child)
        for alike in runs.values():
            long = [c for c in alike if len(normalize_block(c.text_content())) >= _PARAGRAPH_CHARS]
            if len(long) >= _COMPONENT_RUN:
                found.update(alike)
    return frozenset(found)


_COMPONENT_RUN = 3


def _marks(element: _Element) -> tuple[str, ...]:
    """What marks an element as a component: its class and its data attributes."""
    return tuple(
        f"{name}={value}"
        for name, value in sorted(element.attrib.items())
        if name == "class" or name.startswith("data-")
    )


def _chrome(container: _Element) -> Iterator[tuple[_Element, str]]:
    """Inside the container, with why: widgets by their names, and blocks that are mostly
    links (of a block holding other blocks, as unclosed tags make, only its own links)."""
    for element in container.iter(*_CHROME_BLOCKS):
        names = f"{element.get('class') or ''} {element.get('id') or ''}"
        if _CHROME_NAMES.search(names):
            yield element, f"named {names.strip()!r}"
            continue
        text, linked = _own_text(element)
        if not text or linked / text < _LINK_SHARE:
            continue
        if any(child.tag in _BLOCKS for child in element.iterdescendants()):
            yield from ((a, "links") for a in element.iterchildren("a"))
        else:
            yield element, "links"


_CHROME_BLOCKS = ("p", "li", "div", "ul", "ol", "table", "section", "dl", "blockquote")


def _own_text(element: _Element) -> tuple[int, int]:
    """(characters, characters in links) of an element's own inline text: the blocks inside
    it are judged on their own (with unclosed tags, the rest of a page nests in a paragraph)."""
    chars = len((element.text or "").strip())
    linked = 0
    for child in element:
        if isinstance(child.tag, str) and child.tag not in _BLOCKS:
            inner, inner_links = _own_text(child)
            chars += inner
            linked += inner if child.tag == "a" else inner_links
        chars += len((child.tail or "").strip())
    return chars, linked


def page_links(root: _Element, url: str) -> list[str]:
    """Links to the same article's numbered pages (``?page=N`` on the page's own path)."""
    path = urlsplit(url).path.rstrip("/")
    found = []
    for a in root.iter("a"):
        href = (a.get("href") or "").strip()
        if "page=" not in href:
            continue
        absolute = urljoin(url, href)
        if urlsplit(absolute).path.rstrip("/") == path:
            found.append(absolute)
    return list(dict.fromkeys(found))


def article_body(ld: dict) -> list[str]:
    """The paragraphs of JSON-LD ``articleBody``, when the page gives them apart (one line
    each); a body given as one run of text says nothing of its paragraphs."""
    body = ld.get("articleBody")
    if not isinstance(body, str):
        return []
    paragraphs = [p for p in (normalize_block(line) for line in body.splitlines()) if p]
    return paragraphs if len(paragraphs) >= 2 else []
