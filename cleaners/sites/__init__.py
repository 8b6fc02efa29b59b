"""The registry of site profiles: which profile reads a URL's host, or a text with no URL."""

from __future__ import annotations

import importlib
import os
import re
from collections.abc import Callable
from functools import cache
from urllib.parse import urlsplit

from cssselect import ExpressionError, SelectorError
from lxml.cssselect import CSSSelector

from cleaners.profile import SiteProfile, layout_selectors
from cleaners.sites.generic import GENERIC
from cleaners.sites.kompas import KOMPAS
from cleaners.sites.kumparan import KUMPARAN
from cleaners.sites.tribun import TRIBUN

# The registry: one entry per site (adding a site: a file beside these and a line here).
BUILT_IN: tuple[SiteProfile, ...] = (KOMPAS, KUMPARAN, TRIBUN)
# Sites from other packages, without editing this one: "module:NAME,module:NAME" (each NAME a
# SiteProfile), read when the registry loads.
PLUGINS_ENV = "BERITABERSIH_SITES"


def _plugins() -> list[SiteProfile]:
    found = []
    for spec in filter(None, (s.strip() for s in os.environ.get(PLUGINS_ENV, "").split(","))):
        module, _, name = spec.partition(":")
        profile = getattr(importlib.import_module(module), name or "PROFILE")
        if not isinstance(profile, SiteProfile):
            raise TypeError(f"{PLUGINS_ENV}: {spec} is not a SiteProfile")
        found.append(profile)
    return found


PROFILES: dict[str, SiteProfile] = {p.name: p for p in (*BUILT_IN, *_plugins(), GENERIC)}
# Every registered newsroom name, for the shared rules (datelines, photo credits, page titles).
NEWSROOMS: str = "|".join(n for p in PROFILES.values() for n in p.newsrooms) or "(?!)"
# The sites that are crawled (a spider each); generic is only the fallback profile.
CRAWLED_SITES: tuple[str, ...] = tuple(name for name, p in PROFILES.items() if p.start_hosts)


def check_layouts(profile: SiteProfile) -> None:
    """Compile every selector of every layout: a bad one fails when the registry loads (and so
    the test suite), never in the middle of a crawl."""
    for layout in profile.layouts:
        for selector in layout_selectors(layout):
            try:
                CSSSelector(selector)
            except (SelectorError, ExpressionError) as err:
                raise ValueError(
                    f"site {profile.name!r}, layout {layout.name!r}: bad selector {selector!r}: "
                    f"{err}"
                ) from err


for _profile in PROFILES.values():
    check_layouts(_profile)
SITE_NAMES: tuple[str, ...] = tuple(PROFILES)


_SAMPLE_CHARS = 2000
# Each mark compiled on its own: a pattern that starts with a literal is searched with the
# regex engine's fast literal scan, which an alternation of marks would lose.
_MARKERS: dict[str, tuple[re.Pattern[str], ...]] = {
    p.name: tuple(re.compile(m) for m in p.text_markers)
    for p in PROFILES.values()
    if p.text_markers
}


def _counter(marker: re.Pattern[str]) -> Callable[[str], int]:
    """How often a mark occurs: ``str.count`` for a plain literal (much faster), else findall."""
    literal = re.sub(r"\\(.)", r"\1", marker.pattern)
    if re.escape(literal) == marker.pattern or (literal == marker.pattern and literal.isalnum()):
        return lambda text: text.count(literal)
    return lambda text: len(marker.findall(text))


_COUNTERS = {site: tuple(_counter(m) for m in markers) for site, markers in _MARKERS.items()}


def get_profile(name: str) -> SiteProfile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown site {name!r}; known: {', '.join(SITE_NAMES)}") from None


def site_for_host(host: str) -> str | None:
    """The site whose domain the host is or belongs to (``jateng.tribunnews.com`` -> tribun)."""
    host = host.lower().rstrip(".").split(":")[0]
    for profile in PROFILES.values():
        for domain in profile.domains:
            if host == domain or host.endswith("." + domain):
                return profile.name
    return None


def site_for_url(url: str) -> str | None:
    return site_for_host(urlsplit(url).hostname or "")


def detect_site(text: str | None = None, url: str | None = None) -> str:
    """The site a page comes from: by its URL when known, else by the site's marks in the text.

    Returns ``"generic"`` when nothing points to a known site.
    """
    if url:
        site = site_for_url(url)
        if site:
            return site
    if not text:
        return GENERIC.name
    # The marks sit in the header (date line, prompts, dateline) and the footer of a page.
    if len(text) > 2 * _SAMPLE_CHARS:
        text = text[:_SAMPLE_CHARS] + text[-_SAMPLE_CHARS:]
    scores = {site: sum(count(text) for count in counters) for site, counters in _COUNTERS.items()}
    best = max(scores, key=lambda name: scores[name])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] == 0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return GENERIC.name
    return best


# --- URL forms: which of a site's URLs are listings (tags, topics, index) or articles ---


@cache
def _patterns(site: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    profile = get_profile(site)

    def joined(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    return joined(profile.article_paths), joined(profile.listing_paths)


def _path(url: str) -> str:
    try:
        return urlsplit(url).path or "/"
    except ValueError:
        return "/"


def is_listing(url: str) -> bool:
    """The URL is a listing page of its site (tag, topic, search, index, channel ...)."""
    site = site_for_url(url)
    if site is None:
        return False
    listing = _patterns(site)[1]
    return bool(listing and listing.search(_path(url)))


def has_article_form(url: str) -> bool:
    """The URL's path has one of its site's article forms (for links on index pages)."""
    site = site_for_url(url)
    if site is None:
        return False
    article = _patterns(site)[0]
    return bool(article and article.search(_path(url))) and not is_listing(url)
