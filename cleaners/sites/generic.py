"""The fallback profile: the shared chrome families only, for sites with no profile of their own."""

from __future__ import annotations

from cleaners.profile import SiteProfile

GENERIC = SiteProfile(name="generic")
