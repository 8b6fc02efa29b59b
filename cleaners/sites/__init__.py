"""The registry of site profiles: which profile reads a URL's host, or a text with no URL."""

from __future__ import annotations

from urllib.parse import urlsplit

from cleaners.profile import SiteProfile
from cleaners.sites.generic import GENERIC
from cleaners.sites.kompas import KOMPAS
from cleaners.sites.kumparan import KUMPARAN
from cleaners.sites.tribun import TRIBUN

PROFILES: dict[str, SiteProfile] = {p.name: p for p in (KOMPAS, KUMPARAN, TRIBUN, GENERIC)}
SITE_NAMES: tuple[str, ...] = tuple(PROFILES)


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
    scores = {p.name: p.marker_score(text) for p in PROFILES.values() if p.text_markers}
    best = max(scores, key=lambda name: scores[name])
    ranked = sorted(scores.values(), reverse=True)
    if ranked[0] == 0 or (len(ranked) > 1 and ranked[0] == ranked[1]):
        return GENERIC.name
    return best
