"""tribunnews.com and the Tribun Network's regional hosts (``<region>.tribunnews.com``)."""

from __future__ import annotations

from cleaners.profile import Family, HtmlLayout, SiteProfile

TRIBUN = SiteProfile(
    name="tribun",
    domains=("tribunnews.com",),
    newsrooms=("TRIBUN", "Tribun", "WARTA ?KOTA", "Warta ?Kota"),
    text_markers=(
        r"TRIBUNNEWS\.COM",  # datelines ("TRIBUNNEWS.COM, JAKARTA - ...")
        r"TRIBUNnews\.com Network",  # the footer of every network page
        r"Tribun[A-Z]?[a-z]*\.com",  # regional hosts named in datelines and bylines
        r"Tribun Network",
    ),
    families=(
        Family("promotion", (r"^(?:update|dapatkan|baca) berita .{0,60}\btribun\w*\b.{0,40}$",)),
        Family(
            "metadata",
            (r"^penulis\s*:.*\|\s*editor\s*:", r"^ringkasan(?: berita)?\s*:?$"),
            max_words=20,
        ),
        # The network's footer and its comment rules.
        Family(
            "copyright",
            (r"a subsidiary of\b", r"^isi komentar (?:\S+ ){0,3}(?:tanggung ?jawab|diatur)"),
            max_words=25,
            ends_body=True,
        ),
    ),
    lone_related_headlines=True,
    # The national site and a regional host (same layout; `-a hosts=...` for others), the
    # daily index; ?page=all serves a whole article.
    start_hosts=("www.tribunnews.com", "jateng.tribunnews.com"),
    main_host="www.tribunnews.com",
    index_urls=("https://www.tribunnews.com/index-news?date={date}&page={page}",),
    page_all=True,
    # [/amp][/<section>[/<sub>]]/YYYY/MM/DD/<slug> (regional hosts often have no section),
    # /<section>/<numeric id>/<slug> (newer), video.tribunnews.com/news/<id>/<slug>.
    article_paths=(r"^/(?:amp/)?(?:[a-z0-9-]+/){0,3}(?:\d{4}/\d{2}/\d{2}|\d{4,})/[^/]+/?$",),
    listing_paths=(
        r"^/(?:amp/)?(?:tag|tags|topic|topik|index-news|indeks|search|cari|penulis|author)"
        r"(?:/|$)",
    ),
    layouts=(
        HtmlLayout(
            title=("h1#arttitle", "h1.f50"),
            body=("div.side-article.txt-article", "div.txt-article", "div.editcontent"),
            drop=(
                "p.baca",
                ".baca",
                ".ads",
                ".ads-placeholder",
                ".paging",
                "#pagingBottom",
                ".related",
                "figure",
                "script",
                "style",
                "iframe",
                "noscript",
            ),
            authors=("#penulis a", "#penulis"),
            published=("time",),
            section=(".breadcrumb li:nth-of-type(2) a",),
            tags=(".tagcloud3 a", ".tags a"),
            pagination=(".paging a", "#pagingBottom a"),
        ),
    ),
)
