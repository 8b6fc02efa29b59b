"""URL canonicalisation and sitemap parsing (including hostile sitemaps)."""

from __future__ import annotations

import gzip
from datetime import date

import pytest

from articles.sitemaps import SitemapError, parse_sitemap, sitemaps_from_robots
from articles.urls import canonical_url, page_number, with_query

KOMPAS = "https://nasional.kompas.com/read/2020/10/05/081500201/judul-berita"


@pytest.mark.parametrize(
    "variant",
    [
        KOMPAS,
        KOMPAS + "?page=2",
        KOMPAS + "?page=all",
        KOMPAS + "?source=widgetterkini&utm_source=wa&utm_medium=share",
        KOMPAS + "#page2",
        KOMPAS + "/",
        "http://nasional.kompas.com/read/2020/10/05/081500201/judul-berita",
        "https://amp.kompas.com/nasional/read/2020/10/05/081500201/judul-berita",
        "https://www.kompas.com/nasional/read/2020/10/05/081500201/judul-berita",
        "https://nasional.kompas.com/copy/2020/10/05/081500201/judul-berita",
        "https://NASIONAL.kompas.com/read/2020/10/05/081500201/judul-berita",
    ],
)
def test_every_variant_has_one_canonical_url(variant: str) -> None:
    assert canonical_url(variant) == KOMPAS


def test_tribun_and_kumparan_aliases() -> None:
    url = "https://www.tribunnews.com/nasional/2020/10/09/judul"
    assert canonical_url("https://m.tribunnews.com/nasional/2020/10/09/judul?page=all") == url
    assert canonical_url("https://www.tribunnews.com/amp/nasional/2020/10/09/judul") == url
    assert canonical_url("https://tribunnews.com/nasional/2020/10/09/judul") == url
    assert canonical_url("https://m.kumparan.com/kumparannews/x-24JyQ2X5kLm") == (
        "https://kumparan.com/kumparannews/x-24JyQ2X5kLm"
    )
    # Parameters that do name the page are kept.
    assert (
        canonical_url("https://example.com/berita?id=12&utm_campaign=x")
        == "https://example.com/berita?id=12"
    )


def test_query_helpers() -> None:
    assert with_query(KOMPAS + "?page=2", page="all") == KOMPAS + "?page=all"
    assert page_number(KOMPAS + "?page=3") == 3
    assert page_number(KOMPAS + "?page=all") is None


NEWS = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://www.tribunnews.com/a/2020/10/09/satu</loc><lastmod>2020-10-11</lastmod>
<news:news><news:publication_date>2020-10-09T14:20:00+07:00</news:publication_date></news:news></url>
<url><loc>https://www.tribunnews.com/a/2020/10/08/dua</loc></url>
<url><loc>https://www.tribunnews.com/a/tiga</loc><lastmod>2020-10-07T01:00:00Z</lastmod></url>
</urlset>"""


def test_news_sitemap_dates_prefer_publication_then_lastmod_then_url() -> None:
    entries = parse_sitemap(NEWS)
    assert [(e.loc.rsplit("/", 1)[1], e.published) for e in entries] == [
        ("satu", date(2020, 10, 9)),
        ("dua", date(2020, 10, 8)),
        ("tiga", date(2020, 10, 7)),
    ]
    assert parse_sitemap(gzip.compress(NEWS)) == entries


def test_robots_sitemap_lines() -> None:
    robots = (
        "User-agent: *\nDisallow: /x\nSitemap: https://a.com/s1.xml\nsitemap:https://a.com/s2.xml\n"
    )
    assert sitemaps_from_robots(robots) == ["https://a.com/s1.xml", "https://a.com/s2.xml"]


def test_entity_expansion_and_external_entities_are_not_resolved(tmp_path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("RAHASIA")
    lol = "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 8))
    hostile = (
        f'<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY l0 "lol">{lol}'
        f'<!ENTITY xxe SYSTEM "file://{secret}">]>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        "<url><loc>https://a.com/&l7;</loc></url><url><loc>https://a.com/&xxe;</loc></url></urlset>"
    ).encode()
    locs = [e.loc for e in parse_sitemap(hostile)]
    assert all(len(loc) < 100 for loc in locs)
    assert not any("RAHASIA" in loc for loc in locs)


def test_not_a_sitemap_and_oversized_gzip_are_refused() -> None:
    with pytest.raises(SitemapError):
        parse_sitemap(b"<html><body>not xml</body></html>")
    with pytest.raises(SitemapError):
        parse_sitemap(b"\x1f\x8b not really gzip")
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024) + b"</urlset>")
    with pytest.raises(SitemapError, match="unpacks to more than"):
        parse_sitemap(bomb)
