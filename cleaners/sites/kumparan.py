"""kumparan.com: newsroom channels (kumparannews, kumparanbisnis, ...) and user accounts."""

from __future__ import annotations

from cleaners.profile import Family, HtmlLayout, SiteProfile

KUMPARAN = SiteProfile(
    name="kumparan",
    domains=("kumparan.com",),
    newsrooms=("kumparan",),
    # The app's version under the footer; the label of a reader's story.
    families=(
        Family("copyright", (r"^version \d+(?:\.\d+){1,3}$",), max_words=2, ends_body=True),
        Family("metadata", (r"^konten (?:dari|oleh) (?:pengguna|pembaca|mitra)$",), max_words=4),
    ),
    text_markers=(
        r"kumparan",
        r"sosmed-[a-z]+-white",  # the share widget's icon names, printed as text
        r"zoom-in-white",
        r"copy-link-circle",
        r"more-vertical",
    ),
    # The account that published the story is printed under the headline, above the date.
    byline_above_date=True,
    # The news sitemaps from robots.txt (channel listings are filled by the browser); no
    # multi-page articles.
    start_hosts=("kumparan.com",),
    # /<account>/<slug>-<id>: the id is 11 base-62 characters, or 19 digits on old stories,
    # or absent; old paths have an @ before the account; shared links add "/1".
    article_paths=(r"^/@?[\w.-]+/[^/]+(?:/\d{1,2})?/?$",),
    listing_paths=(
        r"^/(?:channel|topic|topik|search|cari|trending|tag|tentang-kumparan|info|"
        r"pedoman-media-siber|kebijakan-privasi|explore)(?:/|$)",
        r"^/@?[\w.-]+/?$",  # an account's page
    ),
    layouts=(
        HtmlLayout(
            title=('h1[data-qa-id="story-title"]',),
            # Paragraphs and subheadings are sibling elements: one selector keeps document order.
            body=('[data-qa-id="story-paragraph"], [data-qa-id="story-subheading"]',),
            drop=(
                'figure[data-qa-id="image-figure"]',
                "figure",
                '[data-qa-id="ads"]',
                "script",
                "style",
                "iframe",
                "noscript",
            ),
            authors=('[data-qa-id="author-name"]',),
            published=('[data-qa-id="date"]', "time"),
            tags=('a[data-qa-id="tag-topic"]',),
        ),
    ),
)
