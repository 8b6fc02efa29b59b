"""What a site profile is: everything the cleaner knows about one publisher, held as data.

A profile adds its own wordings to the shared chrome families (``cleaners.families``) and says
how its page header is laid out. The HTML selectors for the same site live in the same profile
(``HtmlLayout``), so a layout change is a one-line diff in one file.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Family:
    """A family of page chrome recognised from one block of text.

    ``patterns`` are regular expressions searched in the block; the first family with a match
    decides. ``max_words`` limits a family to short blocks (labels, prompts, credits), which is
    what keeps a rule about a label from ever eating a paragraph of the article.
    """

    name: str
    patterns: tuple[str, ...]
    max_words: int | None = None
    ignore_case: bool = True
    # The after-body zone (related lists, footer) starts at a block of this family.
    ends_body: bool = False
    # A block that matches ``patterns`` but also this is not of the family. It is searched only
    # after a match, so patterns can start with a literal (fast) and context goes here.
    unless: str | None = None


@dataclass(frozen=True)
class HtmlLayout:
    """Where the article sits in a page of the site (CSS selectors, tried in order).

    A site's layouts are versions, each with the years it was live (Fundus's validity dates);
    they are tried newest first, and a layout reads a page when its ``marker`` selector finds
    something there (no marker: any page).
    """

    name: str = "current"
    # The years the layout was live (for the docs and --explain; the page decides).
    live: str = ""
    marker: tuple[str, ...] = ()
    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    # Elements removed from the body before its text is read: inline chrome found by markup.
    drop: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()
    published: tuple[str, ...] = ()
    section: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    # Links to the article's further pages, when it is split into several.
    pagination: tuple[str, ...] = ()


@dataclass(frozen=True)
class SiteProfile:
    name: str
    # Registrable domains whose pages this profile reads (subdomains included).
    domains: tuple[str, ...] = ()
    # How the newsroom names itself in datelines, credits and page titles (regex prefixes:
    # "KOMPAS" covers "KOMPAS.com", "Kompas.id"): the shared rules read these from every site.
    newsrooms: tuple[str, ...] = ()
    # Evidence in a text dump that it came from this site, used when no URL is known.
    text_markers: tuple[str, ...] = ()
    # Site wordings, added in front of the shared families of the same name.
    families: tuple[Family, ...] = ()
    # The site links another story by its headline alone between two paragraphs, no label
    # (a long Title Case line there is a link, not a subheading).
    lone_related_headlines: bool = False
    # An author or account name sits between the headline and the date line.
    byline_above_date: bool = False
    # What to fetch. The hosts whose robots.txt lists the sitemaps; daily index URL templates
    # with {date} (YYYY-MM-DD) and {page}; whether the site serves a whole multi-page article
    # at ?page=all (else page 1, then the pages it links, in order).
    start_hosts: tuple[str, ...] = ()
    index_urls: tuple[str, ...] = ()
    page_all: bool = False
    # Canonical hosts: the bare domain stands for this host ("kompas.com" for "www.kompas.com");
    # the sections that have a host of their own, so that www.<domain>/<section>/read/... is
    # the same article as <section>.<domain>/read/... (the form AMP pages use).
    main_host: str = ""
    section_hosts: tuple[str, ...] = ()
    # URL forms, as regular expressions on the URL path (query and fragment excluded).
    # A link found on an index page is an article when its path matches ``article_paths``; a
    # URL a sitemap lists (or a user gives) is one unless its path is a listing. The page
    # decides in the end (structured data or the layout's article markup).
    article_paths: tuple[str, ...] = ()
    listing_paths: tuple[str, ...] = ()
    # The site's HTML layouts, newest first.
    layouts: tuple[HtmlLayout, ...] = (HtmlLayout(),)

    def __post_init__(self) -> None:
        if not self.layouts:
            raise ValueError(f"site {self.name!r} has no HTML layout")

    @property
    def html(self) -> HtmlLayout:
        """The current layout."""
        return self.layouts[0]


def layout_selectors(layout: HtmlLayout) -> list[str]:
    """Every CSS selector a layout holds (to compile them all when the registry loads)."""
    return [
        selector
        for name in (
            "marker",
            "title",
            "body",
            "drop",
            "authors",
            "published",
            "section",
            "tags",
            "pagination",
        )
        for selector in getattr(layout, name)
    ]
