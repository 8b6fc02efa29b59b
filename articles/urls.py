"""URLs of articles: the canonical form of each variant, and which URLs are articles.

Every variant of an article's URL (AMP, mobile, tracking parameters, paging) maps to one
canonical URL, the article's identity in the corpus.

A URL is judged by where it was found. A sitemap (or a user) that lists a URL as an article is
believed unless the URL's path is a listing of the site (tags, topics, search, index); a link
found on an index page is an article only when its path has one of the site's article forms
(index pages link to menus and listings too). Either way the page decides in the end
(``articles.extraction``): structured data of an article or the site layout's article markup.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from cleaners.sites import get_profile, is_listing, site_for_host

# Query parameters that only say where a reader came from: the page is the same without them.
TRACKING_PARAMS = frozenset({"source", "ref", "fbclid", "gclid", "_ga", "s", "shareid"})
# Query parameters that never change which article a URL names.
_VOLATILE_PARAMS = TRACKING_PARAMS | {"page", "amp"}


def is_tracking_param(name: str) -> bool:
    name = name.lower()
    return name in TRACKING_PARAMS or name.startswith("utm_")


# Hosts that stand for the same site as another ("m." and "amp." mirrors); bare domains and
# section hosts are in each site's registry entry.
_ALIAS_PREFIXES = ("amp.", "m.")


def canonical_url(url: str) -> str:
    """Drop fragments, paging and tracking parameters; fold AMP, ``/copy/`` and host aliases."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().rstrip(".")
    for prefix in _ALIAS_PREFIXES:
        if host.startswith(prefix) and host.count(".") >= 2:
            host = host[len(prefix) :]
    site = site_for_host(host)
    profile = get_profile(site) if site else None
    if profile and profile.main_host and host in profile.domains:
        host = profile.main_host
    path = re.sub(r"/+", "/", parts.path or "/")
    path = re.sub(r"^/amp(?=/)|/amp/?$", "", path) or "/"
    path = path.replace("/copy/", "/read/")
    if profile and profile.section_hosts and host == profile.main_host:
        m = re.match(r"^/([a-z]+)(/read/.*)$", path)
        if m and m.group(1) in profile.section_hosts:
            host, path = f"{m.group(1)}.{profile.domains[0]}", m.group(2)
    if len(path) > 1:
        path = path.rstrip("/")
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if k.lower() not in _VOLATILE_PARAMS and not k.lower().startswith("utm_")
        ]
    )
    scheme = "https" if parts.scheme in ("http", "https", "") else parts.scheme
    return urlunsplit((scheme, host, path, query, ""))


def with_query(url: str, **params: str) -> str:
    """The URL with these query parameters set (others kept)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k not in params]
    query.extend(params.items())
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def page_number(url: str) -> int | None:
    """The ``page=N`` of a URL, if it names a numbered page."""
    for key, value in parse_qsl(urlsplit(url).query):
        if key == "page" and value.isdigit():
            return int(value)
    return None


def without_page(url: str) -> str:
    """The URL without its ``page`` parameter (page 1 of an article, as the site names it)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "page"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query), ""))


def ascii_host(host: str) -> str:
    """A host name as requests carry it: lowercase, no trailing dot, IDNA (punycode) for
    non-ASCII labels, so ``bücher.example`` and ``xn--bcher-kva.example`` compare equal."""
    host = host.lower().rstrip(".")
    if host.isascii():
        return host
    try:
        return host.encode("idna").decode("ascii")
    except UnicodeError:
        return host


def listed_as_article(url: str) -> bool:
    """A URL a sitemap lists (or a user gives) is fetched as an article unless it is a listing."""
    return (urlsplit(url).path or "/") != "/" and not is_listing(url)


def on_domains(host: str, domains: Sequence[str]) -> bool:
    """The (ASCII) host is one of the domains or under one of them."""
    return any(host == d or host.endswith("." + d) for d in map(ascii_host, domains))


def fetchable_url(url: str) -> str:
    """The URL as it is fetched: as given (scheme, host, port, path), without its fragment and
    tracking parameters (``utm_*``, ``source`` ...), a trailing-dot host folded.

    ``https://kumparan.com./x`` names the same host as ``https://kumparan.com/x`` (the dot is
    the DNS root), and Scrapy's offsite filter would refuse the dotted form.
    """
    parts = urlsplit(url.strip())
    netloc = _TRAILING_DOT.sub("", parts.netloc)
    query = urlencode(
        [
            (k, v)
            for k, v in parse_qsl(parts.query, keep_blank_values=True)
            if not is_tracking_param(k)
        ]
    )
    return urlunsplit((parts.scheme, netloc, parts.path or "/", query, ""))


_TRAILING_DOT = re.compile(r"\.+(?=(?::\d*)?$)")


def url_problem(url: str) -> str | None:
    """Why a URL cannot be fetched, or None."""
    try:
        parts = urlsplit(url)
        host = parts.hostname
        parts.port  # noqa: B018 (raises ValueError on a bad port)
    except ValueError as err:
        return f"not a URL ({err})"
    if parts.scheme not in ("http", "https"):
        return "not an http(s) URL"
    if not host:
        return "no host"
    return None
