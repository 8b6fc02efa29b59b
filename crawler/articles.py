"""Which URLs and pages are articles: one place, for the spiders and ``scrapy regenerate``.

A URL is judged by where it was found. A sitemap (or a user) that lists a URL as an article is
believed unless the URL's path is a listing of the site (tags, topics, search, index); a link
found on an index page is an article only when its path has one of the site's article forms
(index pages link to menus and listings too). Either way the page decides in the end: it is an
article when it carries structured data of an article (JSON-LD ``NewsArticle``/``Article``,
``og:type`` article) or the site layout's article markup (headline and body found).
"""

from __future__ import annotations

import re
from functools import cache
from urllib.parse import urlsplit

from cleaners.sites import get_profile, site_for_url


@cache
def _patterns(site: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None]:
    profile = get_profile(site)

    def joined(patterns: tuple[str, ...]) -> re.Pattern[str] | None:
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    return joined(profile.article_paths), joined(profile.listing_paths)


def _path(url: str) -> str:
    return urlsplit(url).path or "/"


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


def listed_as_article(url: str) -> bool:
    """A URL a sitemap lists (or a user gives) is fetched as an article unless it is a listing."""
    return _path(url) != "/" and not is_listing(url)
