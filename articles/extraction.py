"""Library mode: HTML of an article page -> the fields of an ``Article`` item, without Scrapy.

``extract(html, url)`` reads one page. The spiders read each page of a multi-page article with
``read_page`` and join them with ``build_article``, which cleans the joined blocks once (a
subheading at the end of page 1 belongs to the text on page 2).
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass, field
from typing import Any

from bs4.dammit import UnicodeDammit
from w3lib.encoding import (
    html_body_declared_encoding,
    html_to_unicode,
    http_content_type_encoding,
    read_bom,
    resolve_encoding,
)

from articles.record import Article
from articles.urls import canonical_url
from cleaners.container import container_blocks
from cleaners.html import (
    HtmlError,
    PageParts,
    css,
    fallback_blocks,
    parse_html,
    read_metadata,
    site_blocks,
)
from cleaners.profile import HtmlLayout
from cleaners.sites import get_profile, site_for_url
from cleaners.text import clean_blocks

# What read a page no site layout reads: the layout-free reader, else trafilatura.
FALLBACK = "fallback:container"
TRAFILATURA = "fallback:trafilatura"
# Content types of pages that can hold an article (an empty Content-Type is given a chance).
HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_html(content_type: str) -> bool:
    content_type = content_type.strip().lower()
    return not content_type or content_type.startswith(HTML_TYPES)


logger = logging.getLogger(__name__)


class NoArticleError(ValueError):
    """The page holds no article text, by the site path or the fallback."""


@dataclass
class ExtractedPage:
    site: str
    extractor: str
    parts: PageParts
    layout: str = ""  # the site layout that read it ("" for the fallback)
    # The page is an article: it says so (structured data) or the site layout read one.
    # What went wrong on the way, each costing one field or the site path, never the page:
    # "field/<name>" (a metadata field left empty), "site-path" (the fallback took over).
    errors: list[str] = field(default_factory=list)
    is_article: bool = True


# Charsets a server declares by default when it does not know better.
_DEFAULT_CHARSETS = frozenset({"cp1252", "iso8859-1", "latin-1", "ascii"})


def page_text(body: bytes, content_type: str, url: str) -> str:
    """A page's text, decoded as a browser (and Scrapy) would, the commonest wrong declaration
    undone. The crawl and ``scrapy regenerate`` both decode through here.

    The charset comes from the BOM, the HTTP ``Content-Type``, the page's ``<meta>``, else from
    the bytes. A page declared Latin-1, Windows-1252 or ASCII whose bytes are valid UTF-8 with
    non-ASCII characters is UTF-8 mislabelled (such byte pairs are practically never meant as
    Latin-1): read as UTF-8.
    """
    encoding = _declared_encoding(body, content_type)
    try:
        declared = codecs.lookup(encoding).name if encoding else ""
    except LookupError:
        declared = ""
    if declared in _DEFAULT_CHARSETS and not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if not encoding:
        # (guessed here, not by html_to_unicode's auto_detect_fun and default_encoding, which
        # w3lib 2.6 deprecates)
        encoding = _detect_encoding(body) or "ascii"
    text = html_to_unicode(f"charset={encoding}", body)[1]
    if _looks_misdecoded(text):
        # The declared charset is wrong (Shift-JIS sent as UTF-8, ...): the bytes' own encoding,
        # found by beautifulsoup4's UnicodeDammit (with charset-normalizer), if it reads better.
        dammit = UnicodeDammit(body, [declared] if declared else [], is_html=True)
        better = dammit.unicode_markup
        if better is not None and _damage(better) < _damage(text):
            logger.warning(
                "%s: declared %s but reads as %s", url, declared, dammit.original_encoding
            )
            text = better
        if _looks_misdecoded(text):
            raise UndecodableError(
                f"{url}: text does not decode cleanly as {declared or 'declared'}"
            )
    return text


def _declared_encoding(body: bytes, content_type: str) -> str | None:
    return (
        read_bom(body)[0]
        or http_content_type_encoding(content_type)
        or html_body_declared_encoding(body)
    )


def _detect_encoding(body: bytes) -> str | None:
    """An undeclared page's encoding, as Scrapy guesses it: ASCII, UTF-8, else the bytes'."""
    for encoding in ("ascii", "utf-8"):
        try:
            body.decode(encoding)
        except UnicodeError:
            continue
        return resolve_encoding(encoding)
    from charset_normalizer import from_bytes

    match = from_bytes(body).best()
    return resolve_encoding(match.encoding) if match else None


class UndecodableError(ValueError):
    """A page whose bytes decode to mojibake under every encoding tried."""


_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


def _damage(text: str) -> int:
    """Replacement characters and control bytes: the marks of a wrong decoding."""
    return text.count("\ufffd") + len(_CONTROL.findall(text))


def _looks_misdecoded(text: str) -> bool:
    return _damage(text) > max(3, len(text) // 1000)


def layout_for(root: Any, site: str) -> HtmlLayout:
    """The newest of the site's layouts whose marker the page carries."""
    layouts = get_profile(site).layouts
    for layout in layouts:
        if not layout.marker or any(css(m)(root) for m in layout.marker):
            return layout
    return layouts[0]


def read_page(html: str | bytes, url: str, site_layouts: bool = True) -> ExtractedPage:
    """Headline, body blocks and metadata of one page, by the site's layout where one reads it,
    else by the layout-free reader (``cleaners.container``: the element that holds the running
    text and the dateline), else by trafilatura.

    ``site_layouts=False`` reads the page as if its site had no layout at all (a redesign).
    Raises ``HtmlError`` only for a document that is no HTML at all. An error reading one
    metadata field costs that field; an error in the site path hands the page to the fallback;
    both are recorded in ``errors`` and logged.
    """
    root = parse_html(html)
    site = site_for_url(url) or "generic"
    errors: list[str] = []
    layout = layout_for(root, site) if site_layouts else HtmlLayout(name="")
    parts = read_metadata(root, layout, url, errors)
    blocks: list[str] = []
    if site != "generic" and site_layouts:
        try:
            blocks, parts.page_links = site_blocks(root, layout, url)
        except Exception as err:  # a page the layout cannot read goes to the fallback
            logger.warning("site path failed on %s (%s): %s", url, layout.name, err)
            errors.append("site-path")
            blocks = []
    extractor = f"site:{site}"
    if not parts.title or not blocks:
        extractor, blocks, parts.page_links, title = _without_layout(html, url)
        parts.title = parts.title or title
    parts.blocks = blocks
    fallback = is_fallback(extractor)
    return ExtractedPage(
        site,
        extractor,
        parts,
        "" if fallback else layout.name,
        errors,
        is_article=parts.declares_article or not fallback,
    )


def _without_layout(html: str | bytes, url: str) -> tuple[str, list[str], list[str], str]:
    """(extractor, blocks, page links, title) of a page no site layout reads: the container
    reader, or trafilatura when it finds no running text."""
    blocks, links = container_blocks(parse_html(html), url)
    if blocks:
        return FALLBACK, blocks, links, ""
    title, blocks = fallback_blocks(html, url)
    return TRAFILATURA, blocks, [], title


def is_fallback(extractor: str) -> bool:
    """The page was read without its site's layout."""
    return extractor.startswith("fallback:")


def build_article(pages: list[ExtractedPage], url: str) -> Article:
    """The article of its pages, in order (not yet judged: no language, no fingerprint)."""
    first = pages[0].parts
    blocks: list[str] = []
    starts: list[int] = []
    for page in pages:
        starts.append(len(blocks))
        blocks.extend(page.parts.blocks)
    cleaned = clean_blocks(blocks, pages[0].site, title=first.title, page_starts=starts[1:])
    if not cleaned.ok:
        raise NoArticleError(f"no article text in {url}")
    fallbacks = [p.extractor for p in pages if is_fallback(p.extractor)]
    extractor = fallbacks[0] if fallbacks else pages[0].extractor
    syndicated = cleaned.metadata.get("syndicated_from")
    return Article(
        title=cleaned.title,
        text=cleaned.text,
        url=url,
        canonical_url=canonical_url(first.canonical_url or url),
        site=pages[0].site,
        authors=tuple(first.authors),
        published=first.published,
        section=first.section,
        tags=tuple(first.tags),
        extractor=extractor,
        pages=len(pages),
        syndicated_from=syndicated if isinstance(syndicated, str) else None,
    )


def extract(html: str | bytes, url: str, site_layouts: bool = True) -> dict[str, Any]:
    """The fields of the ``Article`` one page makes (``articles.record``), as plain values;
    raises ``NoArticleError`` or ``HtmlError``. ``site_layouts=False`` reads the page as if its
    site's layouts were unknown (the layout-free reader, then the same text stage)."""
    return build_article([read_page(html, url, site_layouts)], url).as_dict()


__all__ = [
    "FALLBACK",
    "TRAFILATURA",
    "ExtractedPage",
    "HtmlError",
    "NoArticleError",
    "UndecodableError",
    "build_article",
    "extract",
    "read_page",
]
