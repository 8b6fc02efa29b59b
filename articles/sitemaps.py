"""robots.txt and (news) sitemaps -> the URLs they list, with publication dates.

Parsed with entity resolution, DTD loading and network access off: a hostile sitemap cannot
expand entities or read files. A sitemap larger than ``MAX_SITEMAP_BYTES`` unpacked is refused.
"""

from __future__ import annotations

import gzip
import io
import re
from dataclasses import dataclass
from datetime import date

from lxml import etree

MAX_SITEMAP_BYTES = 50 * 1024 * 1024  # the sitemap protocol's own limit
_URL_DATE = re.compile(r"/(20\d{2}|19\d{2})/(\d{2})/(\d{2})/")


class SitemapError(ValueError):
    """Not a sitemap, or one refused (too large, not XML)."""


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    is_sitemap: bool  # an entry of a sitemap index (another sitemap), else a page
    published: date | None


def sitemaps_from_robots(text: str) -> list[str]:
    return [
        m.group(1).strip()
        for m in re.finditer(r"^\s*sitemap\s*:\s*(\S+)", text, re.IGNORECASE | re.MULTILINE)
    ]


def _unpack(body: bytes) -> bytes:
    if body[:2] != b"\x1f\x8b":
        if len(body) > MAX_SITEMAP_BYTES:
            raise SitemapError(f"sitemap larger than {MAX_SITEMAP_BYTES} bytes")
        return body
    with gzip.GzipFile(fileobj=io.BytesIO(body)) as fh:
        data = fh.read(MAX_SITEMAP_BYTES + 1)
    if len(data) > MAX_SITEMAP_BYTES:
        raise SitemapError(f"gzipped sitemap unpacks to more than {MAX_SITEMAP_BYTES} bytes")
    return data


def _date(text: str | None) -> date | None:
    if text and (m := re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", text)):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def url_date(url: str) -> date | None:
    """The publication date in an article URL (``/YYYY/MM/DD/``), if any."""
    if m := _URL_DATE.search(url):
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None
    return None


def parse_sitemap(body: bytes) -> list[SitemapEntry]:
    """The entries of a sitemap or sitemap index (gzip allowed)."""
    parser = etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        recover=True,
    )
    try:
        root = etree.fromstring(_unpack(body), parser=parser)
    except (etree.XMLSyntaxError, OSError, EOFError) as err:
        raise SitemapError(f"not a sitemap: {err}") from err
    if root is None:
        raise SitemapError("not a sitemap: empty or unreadable XML")
    kind = etree.QName(root).localname
    if kind not in ("urlset", "sitemapindex"):
        raise SitemapError(f"not a sitemap: root element <{kind}>")
    entries = []
    for elem in root:
        if not isinstance(elem.tag, str):
            continue
        fields: dict[str, str] = {}
        for child in elem.iter():
            if isinstance(child.tag, str) and child.text:
                fields.setdefault(etree.QName(child).localname, child.text.strip())
        loc = fields.get("loc")
        if not loc:
            continue
        published = _date(fields.get("publication_date")) or _date(fields.get("lastmod"))
        entries.append(SitemapEntry(loc, kind == "sitemapindex", published or url_date(loc)))
    return entries
