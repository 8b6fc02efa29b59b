"""How to read a news page: pure functions, no Scrapy.

``clean(text, site=None)`` turns a page's text dump into the corpus text; ``clean_blocks`` does
the same for blocks extracted from HTML; ``detect_site`` says which site profile applies.
"""

from cleaners.sites import SITE_NAMES, detect_site, site_for_url
from cleaners.text import Cleaned, Decision, clean, clean_blocks

__all__ = [
    "SITE_NAMES",
    "Cleaned",
    "Decision",
    "clean",
    "clean_blocks",
    "detect_site",
    "site_for_url",
]
