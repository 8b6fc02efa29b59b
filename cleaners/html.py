"""HTML -> text blocks and metadata, with a site profile's selectors; trafilatura as fallback.

The site path reads the body from the profile's selectors after removing inline chrome found by
markup (related links, captions, ad slots, gates); metadata comes from JSON-LD ``NewsArticle``
first, then Open Graph and ``meta`` tags, then the profile's selectors. When the site path
finds no headline or no body, ``fallback_blocks`` runs trafilatura, and the same text cleaner
runs on either result.
"""

from __future__ import annotations

import json
import logging
import re
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import cache
from typing import Any, NamedTuple
from urllib.parse import urljoin, urlsplit

import cssselect
import lxml.html
from lxml.cssselect import CSSSelector, LxmlTranslator
from lxml.etree import ParserError, XPath, _Element

from cleaners.format import normalize_block
from cleaners.profile import HtmlLayout
from cleaners.sites import NEWSROOMS

WIB = timezone(timedelta(hours=7), "WIB")
logger = logging.getLogger(__name__)

# Elements whose text starts a new block; everything else is inline and joins its neighbours.
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
    ]
)
# Never text of the article, whatever the site.
# (Not <form>: some sites wrap the whole page in one.)
# Never article text on any layout: code, widgets, forms, and embedded social-media posts
# (a tweet's or an Instagram post's text and its "— Name (@handle) date" line).
_ALWAYS_DROP = (
    "script, style, noscript, template, iframe, svg, button, select, textarea, "
    "blockquote.twitter-tweet, blockquote.twitter-video, blockquote.instagram-media, "
    "blockquote.tiktok-embed"
)
_ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "ReportageNewsArticle", "AnalysisNewsArticle", "BlogPosting"}
)
_MONTHS_ID = {
    m: i
    for i, names in enumerate(
        [
            ("januari", "jan"),
            ("februari", "feb"),
            ("maret", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun"),
            ("juli", "jul"),
            ("agustus", "agu", "ags", "aug"),
            ("september", "sep"),
            ("oktober", "okt", "oct"),
            ("november", "nov"),
            ("desember", "des", "dec"),
        ],
        1,
    )
    for m in names
}
_DMY_TIME = re.compile(r"(\d{1,2})/(\d{1,2})/(\d{4}),?\s+(\d{1,2})[:.](\d{2})")
_D_MONTH_Y_TIME = re.compile(
    r"(\d{1,2})\s+([A-Za-z]+)\s+(\d{4})[,|\s]+(?:pukul\s+)?(\d{1,2})[:.](\d{2})"
)


@dataclass
class PageParts:
    """What one HTML page contributes to an article."""

    title: str = ""
    blocks: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    section: str | None = None
    tags: list[str] = field(default_factory=list)
    canonical_url: str | None = None
    description: str | None = None
    page_links: list[str] = field(default_factory=list)  # absolute URLs of the article's pages
    # The page says it is an article: JSON-LD of an article type, or og:type article.
    declares_article: bool = False
    # Where each metadata field's value came from ("JSON-LD", "meta", "markup", "not found").
    sources: dict[str, str] = field(default_factory=dict)


class HtmlError(ValueError):
    """The document cannot be parsed as HTML at all."""


def parse_html(html: str | bytes) -> _Element:
    # (Bytes: lxml reads the charset from <meta>; callers that know the HTTP charset pass str.)
    if not html.strip():
        raise HtmlError("empty document")
    try:
        root = lxml.html.fromstring(html)
    except (ParserError, ValueError) as err:
        raise HtmlError(f"unparsable HTML: {err}") from err
    if root is None:
        raise HtmlError("unparsable HTML")
    return root


@cache
def css(selector: str) -> Query:
    """A compiled selector: translating CSS to XPath costs more than running it."""
    return Query(selector)


class Query:
    """A CSS selector that answers ``[]`` at once, without searching the tree, on a page that
    lacks a class or id each of its alternatives requires: most selectors of a registry entry
    (the other layouts' markers, fallback selectors) name classes the page does not have, and a
    class test on every element is what a search costs."""

    def __init__(self, selector: str) -> None:
        self.selector = selector
        self._search = CSSSelector(selector)
        self._needs = [_required_names(s.parsed_tree) for s in cssselect.parse(selector)]

    def __call__(self, root: _Element) -> list[_Element]:
        if all(need and not need <= _page_names(root) for need in self._needs):
            return []
        found: list[_Element] = self._search(root)
        return found


def _required_names(node: Any) -> frozenset[str]:
    """The classes (``.x``) and ids (``#x``) an element matching a parsed selector, or one of
    its required relatives, must carry; what sits under ``:not``, ``:is`` or ``:has`` is not
    required and not counted."""
    names: set[str] = set()
    while node is not None:
        if isinstance(node, cssselect.parser.Class):
            names.add("." + node.class_name)
        elif isinstance(node, cssselect.parser.Hash):
            names.add("#" + node.id)
        elif isinstance(node, cssselect.parser.CombinedSelector):
            names |= _required_names(node.subselector)
        node = getattr(node, "selector", None)
    return frozenset(names)


_PAGE_NAMES: weakref.WeakKeyDictionary[_Element, frozenset[str]] = weakref.WeakKeyDictionary()
_CLASSES = XPath("//@class", smart_strings=False)
_IDS = XPath("//@id", smart_strings=False)


def _page_names(el: _Element) -> frozenset[str]:
    """Every class and id of the element's document, as it was parsed (elements are removed
    from a page, never added: the set stays a superset of what is there)."""
    root = el.getroottree().getroot()
    names = _PAGE_NAMES.get(root)
    if names is None:
        classes = " ".join(_CLASSES(root)).split()
        ids = (i.strip() for i in _IDS(root))
        names = frozenset(["." + c for c in classes] + ["#" + i for i in ids])
        _PAGE_NAMES[root] = names
    return names


_JSON_LD = XPath('//script[@type="application/ld+json"]')
_CANONICAL = XPath('//link[@rel="canonical"]/@href')


def _text(el: _Element) -> str:
    return normalize_block(el.text_content())


def _first(root: _Element, selectors: tuple[str, ...]) -> list[_Element]:
    for selector in selectors:
        found = css(selector)(root)
        if found:
            return found
    return []


def element_blocks(
    el: _Element,
    dropped: dict[_Element, str] | None = None,
    events: list[tuple[int, str, str]] | None = None,
    also_blocks: frozenset[_Element] = frozenset(),
) -> list[str]:
    """The text blocks of an element: one per block-level element, inline text joined.

    With ``dropped`` (element -> the selector that makes it chrome), such elements are not
    read; each is noted in ``events`` as (blocks before it, selector, its text), which is how
    ``scrapy explain`` shows what markup removed, in page order. ``also_blocks``: inline
    elements that stand as blocks of their own (paragraph components made of spans).
    """
    blocks: list[str] = []
    buffer: list[str] = []

    def flush() -> None:
        text = normalize_block("".join(buffer))
        if text:
            blocks.append(text)
        buffer.clear()

    def walk(node: _Element) -> None:
        tag = node.tag if isinstance(node.tag, str) else ""
        if dropped and node in dropped:
            flush()
            if events is not None:
                events.append((len(blocks), dropped[node], normalize_block(node.text_content())))
            return
        block = tag in _BLOCK_TAGS or node in also_blocks
        if tag == "br" or block:
            flush()
        if tag and node.text and tag != "br":
            buffer.append(node.text)
        for child in node:
            walk(child)
            if child.tail:
                buffer.append(child.tail)
        if block:
            flush()

    walk(el)
    flush()
    return blocks


def _json_ld_articles(root: _Element) -> list[dict]:
    found: list[dict] = []

    def visit(obj: object) -> None:
        if isinstance(obj, list):
            for item in obj:
                visit(item)
        elif isinstance(obj, dict):
            kinds = obj.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(k in _ARTICLE_TYPES for k in kinds):
                found.append(obj)
            if "@graph" in obj:
                visit(obj["@graph"])

    for script in _JSON_LD(root):
        raw = (script.text or "").strip()
        if not raw:
            continue
        try:
            visit(json.loads(raw, strict=False))
        except json.JSONDecodeError:
            continue  # a broken block of structured data is skipped, the page is still read
    return found


def person_names(value: object) -> list[str]:
    """Author names from JSON-LD (a string, a Person, or a list of them) or a credit line.

    A credit's label goes ("Penulis: Nama" -> "Nama"), and so does a part that is only a role
    with a place ("Kontributor Garut, Nama" -> "Nama") or that names the publisher, not a
    person ("PT. Kompas Cyber Media", "Tim Redaksi")."""
    if isinstance(value, list):
        return [n for v in value for n in person_names(v)]
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return []
    value = _CREDIT_LABEL.sub("", normalize_block(value))
    parts = (normalize_block(p) for p in re.split(r"\s*(?:,|&|\bdan\b)\s*", value))
    return [n for n in parts if n and not _NOT_A_PERSON.search(n)]


# "Penulis :", "Editor:", ": " before the names of a credit cell.
_CREDIT_LABEL = re.compile(r"^(?:(?:penulis|editor|reporter|oleh|by)\b)?\s*:\s*", re.I)
# A role and a place ("Kontributor Garut"), the newsroom or its company: no person's name.
_NOT_A_PERSON = re.compile(
    rf"^(?:kontributor|wartawan|koresponden|tim|redaksi|admin)\b|\b(?:{NEWSROOMS})\b"
    r"|\bcyber media\b|^pt\.? ",
    re.I,
)


def _keywords(value: object) -> list[str]:
    if isinstance(value, list):
        return [k for v in value for k in _keywords(v)]
    if isinstance(value, str):
        return [k for k in (normalize_block(p) for p in re.split(r"[,;]", value)) if k]
    return []


def meta_index(root: _Element) -> dict[tuple[str, str], str]:
    """The page's ``<meta>`` contents by (attribute, name), each the first in document order
    (read in one pass: a query per name walked the whole page each time)."""
    found: dict[tuple[str, str], str] = {}
    for el in root.iter("meta"):
        content = el.get("content")
        if content is None:
            continue
        for attr in ("property", "name", "itemprop"):
            name = el.get(attr)
            if name is not None:
                found.setdefault((attr, name), content.strip())
    return found


def _meta(metas: dict[tuple[str, str], str], *names: str) -> str | None:
    """The first non-empty content among ``names`` (each as property, name, then itemprop)."""
    for name in names:
        for attr in ("property", "name", "itemprop"):
            if value := metas.get((attr, name)):
                return value
    return None


def iso_datetime(value: str | None) -> str | None:
    """ISO 8601 with offset, in WIB (+07:00); dates without a zone are taken as WIB.

    Accepts ISO forms (``Z`` included), ``30/09/2020, 12:06 WIB`` and ``8 Oktober 2020 16:25``.
    """
    if not value:
        return None
    value = value.strip()
    parsed: datetime | None = None
    try:
        parsed = datetime.fromisoformat(value.replace(" ", "T", 1) if "T" not in value else value)
    except ValueError:
        if m := _DMY_TIME.search(value):
            d, mo, y, h, mi = map(int, m.groups())
            parsed = _safe_datetime(y, mo, d, h, mi)
        elif (m := _D_MONTH_Y_TIME.search(value)) and m.group(2).lower() in _MONTHS_ID:
            month = _MONTHS_ID[m.group(2).lower()]
            parsed = _safe_datetime(
                int(m.group(3)), month, int(m.group(1)), int(m.group(4)), int(m.group(5))
            )
    if parsed is None:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=WIB)
    return parsed.astimezone(WIB).isoformat()


def _safe_datetime(y: int, mo: int, d: int, h: int, mi: int) -> datetime | None:
    try:
        return datetime(y, mo, d, h, mi)
    except ValueError:
        return None


def read_metadata(
    root: _Element, layout: HtmlLayout, base_url: str, errors: list[str] | None = None
) -> PageParts:
    """Headline, authors, dates, section, tags and canonical URL, each from the first source
    that has it (JSON-LD, meta or markup, in each field's order); ``sources`` says which.

    Each field is read on its own: an error in one (odd structured data, a selector the page
    breaks) leaves that field empty, is logged and noted in ``errors`` as ``field/<name>``.
    """
    parts = PageParts()
    try:
        articles = _json_ld_articles(root)
    except Exception as err:
        _field_error(errors, "json-ld", base_url, err)
        articles = []
    page = _Sources(root, articles[0] if articles else {}, meta_index(root), layout, base_url)
    og_type = (_meta(page.metas, "og:type") or "").lower()
    parts.declares_article = bool(articles) or "article" in og_type
    for name, reader in _READERS.items():
        try:
            value, source = reader(page)
        except Exception as err:
            _field_error(errors, name, base_url, err)
            continue
        setattr(parts, name, value)
        parts.sources[name] = source if value else "not found"
    return parts


def _field_error(errors: list[str] | None, name: str, url: str, err: Exception) -> None:
    logger.warning("field %s of %s not read: %s: %s", name, url, type(err).__name__, err)
    if errors is not None:
        errors.append(f"field/{name}")


# A field's value and where it came from ("JSON-LD", "meta", "markup", ...).
Found = tuple[Any, str]


class _Sources(NamedTuple):
    """What a page offers for its metadata: markup, its first JSON-LD article, its metas."""

    root: _Element
    ld: dict
    metas: dict[tuple[str, str], str]
    layout: HtmlLayout
    url: str


def _read_title(page: _Sources) -> Found:
    title_el = _first(page.root, page.layout.title)
    if title_el and (title := _text(title_el[0])):
        return title, "markup"
    if title := normalize_block(str(page.ld.get("headline") or "")):
        return title, "JSON-LD"
    title = normalize_block(_meta(page.metas, "og:title") or "")
    return without_site_name(title, _meta(page.metas, "og:site_name"), page.url), "meta"


# "Headline - Kompas.com Regional", "Headline | Tribun Timur": the page title's site name.
_TITLE_PARTS = re.compile(r"\s+[-–—|:]{1,2}\s+")
_PAGE_SUFFIX = re.compile(r"\s+Halaman\s+(?:all|\d+)$", re.IGNORECASE)


def without_site_name(title: str, site_name: str | None, url: str) -> str:
    """A page title without the site's name after its last separator: the name of a
    registered newsroom, the page's ``og:site_name``, or the page's host in words ("Surya
    Malang" on suryamalang.tribunnews.com); and without a "Halaman all" page mark."""
    parts = _TITLE_PARTS.split(title)
    if len(parts) > 1:
        last = parts[-1]
        squeezed = re.sub(r"\W", "", last).lower()
        host = (urlsplit(url).hostname or "").lower()
        if (
            re.search(rf"\b(?:{NEWSROOMS})", last)
            or (site_name and squeezed == re.sub(r"\W", "", site_name).lower())
            or (len(squeezed) >= 4 and squeezed in host.replace(".", ""))
        ):
            title = title[: title.rindex(last)].rstrip(" -–—|:")
    return _PAGE_SUFFIX.sub("", title)


def _read_authors(page: _Sources) -> Found:
    if authors := person_names(page.ld.get("author")):
        return authors, "JSON-LD"
    if authors := person_names(_markup_texts(page, page.layout.authors)):
        return authors, "markup"
    for name in ("author", "content_author"):  # (the first may name the publisher)
        if authors := person_names(_meta(page.metas, name)):
            return authors, "meta"
    return [], "meta"


def _read_published(page: _Sources) -> Found:
    if published := page.ld.get("datePublished"):
        return iso_datetime(str(published)), "JSON-LD"
    names = ("article:published_time", "content_PublishedDate", "datePublished", "pubdate")
    if published := _meta(page.metas, *names):
        return iso_datetime(published), "meta"
    if time_el := _first(page.root, page.layout.published):
        return iso_datetime(time_el[0].get("datetime") or _text(time_el[0])), "markup"
    return None, "markup"


def _read_section(page: _Sources) -> Found:
    section, source = page.ld.get("articleSection"), "JSON-LD"
    if not section:
        section, source = _meta(page.metas, "article:section", "content_category"), "meta"
    if isinstance(section, list):
        section = section[0] if section else None
    if not section and (section_el := _first(page.root, page.layout.section)):
        section, source = _text(section_el[0]), "markup"
    return (normalize_block(str(section)) if section else None), source


def _read_tags(page: _Sources) -> Found:
    if tags := _keywords(page.ld.get("keywords")):
        return tags, "JSON-LD"
    if tags := _markup_texts(page, page.layout.tags):
        return tags, "markup"
    return _keywords(_meta(page.metas, "news_keywords", "keywords")), "meta"


def _markup_texts(page: _Sources, selectors: tuple[str, ...]) -> list[str]:
    """The distinct texts of the first selector's elements, in page order."""
    return [t for t in dict.fromkeys(_text(e) for e in _first(page.root, selectors)) if t]


def _read_description(page: _Sources) -> Found:
    return _meta(page.metas, "description", "og:description"), "meta"


def _read_canonical(page: _Sources) -> Found:
    if canonical := _CANONICAL(page.root):
        return (urljoin(page.url, canonical[0].strip()) if canonical[0] else None), (
            "link rel=canonical"
        )
    og_url = _meta(page.metas, "og:url")
    return (urljoin(page.url, og_url.strip()) if og_url else None), "meta"


_READERS = {
    "title": _read_title,
    "authors": _read_authors,
    "published": _read_published,
    "section": _read_section,
    "tags": _read_tags,
    "canonical_url": _read_canonical,
    "description": _read_description,
}


def site_blocks(root: _Element, layout: HtmlLayout, base_url: str) -> tuple[list[str], list[str]]:
    """(body blocks, page links) from the profile's selectors; chrome removed by markup first."""
    page_links = [
        urljoin(base_url, href)
        for a in _first(root, layout.pagination)
        if (href := a.get("href")) and not href.startswith(("#", "javascript:"))
    ]
    bodies = _first(root, layout.body)
    if not bodies:
        return [], page_links
    in_chrome, in_or_under_chrome = _chrome_tests(", ".join((_ALWAYS_DROP, *layout.drop)))
    found = set(bodies)
    # A body element that is chrome itself (a pagination div sharing a class with the body),
    # or sits inside chrome or inside another body element, adds nothing of its own. Only the
    # bodies are searched for chrome, and their ancestors tested: not the whole page.
    bodies = [
        b
        for b in bodies
        if not in_or_under_chrome(b) and not any(a in found for a in b.iterancestors())
    ]
    for body in bodies:
        for el in in_chrome(body):
            remove_keeping_tail(el)
    blocks: list[str] = []
    for body in bodies:
        blocks.extend(element_blocks(body))
    return blocks, page_links


@cache
def _chrome_tests(selector: str) -> tuple[Query, Callable[[_Element], bool]]:
    """(the chrome inside an element, whether an element is chrome or inside chrome), for a
    list of compound selectors (no combinators: each is tested on the element and its
    ancestors, in one query)."""
    above = XPath(LxmlTranslator().css_to_xpath(selector, prefix="ancestor-or-self::"))
    return css(selector), lambda el: bool(above(el))


def chrome_selectors(root: _Element, layout: HtmlLayout) -> dict[_Element, str]:
    """Every element the layout removes as chrome, with the selector that names it first."""
    found: dict[_Element, str] = {}
    for selector in (_ALWAYS_DROP, *layout.drop):
        for el in css(selector)(root):
            found.setdefault(el, selector)
    return found


def body_elements(root: _Element, layout: HtmlLayout) -> list[_Element]:
    """The layout's body elements, as ``site_blocks`` reads them (none inside another)."""
    bodies = _first(root, layout.body)
    found = set(bodies)
    return [b for b in bodies if not any(a in found for a in b.iterancestors())]


def remove_keeping_tail(el: _Element) -> None:
    """Remove an element but keep the text that follows it in its parent."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail and el.tail.strip():
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def fallback_blocks(html: str | bytes, url: str) -> tuple[str, list[str]]:
    """(title, body blocks) from trafilatura, for layouts the site profile does not know."""
    import trafilatura

    # Its complaints about unparsable input would be ERROR lines; the callers count and
    # report a page without article text themselves.
    logging.getLogger("trafilatura").setLevel(logging.CRITICAL)

    text = trafilatura.extract(
        html,
        url=url,
        output_format="txt",
        include_comments=False,
        include_tables=False,
        include_images=False,
        with_metadata=False,
        deduplicate=False,
    )
    metadata = trafilatura.extract_metadata(html, default_url=url)
    title = normalize_block(metadata.title) if metadata and metadata.title else ""
    blocks = [b for b in (normalize_block(line) for line in (text or "").splitlines()) if b]
    return title, blocks
