"""URL forms the sites really publish, old layouts, and errors that must stay small."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

import cleaners.html as html_module
from articles.extraction import extract, read_page
from articles.urls import fetchable_url, listed_as_article, url_problem
from cleaners.profile import HtmlLayout, SiteProfile
from cleaners.sites import check_layouts, has_article_form, is_listing
from tests.conftest import run_scrapy
from tests.inprocess import Mirror, local_mirror
from tests.mirror import offline_settings


@pytest.fixture(scope="module")
def mirror() -> Iterator[Mirror]:
    with local_mirror() as served:
        yield served


# Article URLs of the forms the site notes list (own slugs and ids, real shapes).
ARTICLES = [
    "https://regional.kompas.com/read/2010/10/05/03222759/6.orang.tewas.banjir",
    "https://money.kompas.com/read/2011/03/01/1148100/Minyak.Dunia.Turun.Pemerintah.Enggan",
    "https://megapolitan.kompas.com/read/xml/2014/02/06/1155085/twitter.com",
    "https://megapolitan.kompas.com/read/xml/2016/03/08/20341541/.Kalau.Anak.Sakit.Saya.Khawatir.",
    "https://otomotif.kompas.com/read/2020/03/02/060400766/-populer-otomotif-mobil-baru",
    "https://www.kompas.com/sains/read/2021/06/14/170000223/gerhana-matahari-cincin",
    "https://amp.kompas.com/hype/read/2020/03/02/060400766/populer-hype",
    "https://regional.kompas.com/read/25D21050000068/banjir-rob-di-pesisir",
    "https://suryamalang.tribunnews.com/surabaya-metro/278607/kecelakaan-di-exit-tol",
    "https://www.tribunnews.com/regional/7731006/sumur-bor-di-kupang",
    "https://jatim.tribunnews.com/amp/2022/01/05/banjir-di-malang",
    "https://muria.tribunnews.com/2023/01/06/banjir-semarang",
    "https://m.tribunnews.com/nasional/2012/04/15/periksa-anas",
    "https://video.tribunnews.com/news/881529/pm-qatar-bicara-gencatan",
    "https://kumparan.com/kumparannews/judul-cerita-1xbORer8Ew4",
    "https://kumparan.com/kumparannews/pencarian-korban-dimulai-lagi-1540856908777134504",
    "https://kumparan.com/@kumparannews/kisah-di-balik-wawancara",
    "https://kumparan.com/aksarakumparan/aksara-3-user-story-terbaik-minggu-ini",
    "https://kumparan.com/kumparanbisnis/harga-beras-naik-23MWeH2YXFx/1",
]
LISTINGS = [
    "https://www.kompas.com/tag/banjir",
    "https://indeks.kompas.com/?site=all&date=2020-10-05",
    "https://www.tribunnews.com/tag/banjir",
    "https://www.tribunnews.com/index-news?date=2020-10-09",
    "https://kumparan.com/channel/news",
    "https://kumparan.com/topic/banjir",
    "https://kumparan.com/kumparannews",
]


@pytest.mark.parametrize("url", ARTICLES)
def test_every_published_article_form_is_an_article(url: str) -> None:
    assert listed_as_article(url), url
    assert has_article_form(url), url
    assert not is_listing(url)


@pytest.mark.parametrize("url", LISTINGS)
def test_listings_are_not_articles(url: str) -> None:
    assert not listed_as_article(url)
    assert not has_article_form(url)


def test_a_url_is_fetched_as_given() -> None:
    given = "https://www.kompas.com/sains/read/2021/06/14/170000223/gerhana?utm_source=wa#x"
    assert fetchable_url(given) == "https://www.kompas.com/sains/read/2021/06/14/170000223/gerhana"
    assert fetchable_url("https://m.tribunnews.com/a/2020/01/01/b") == (
        "https://m.tribunnews.com/a/2020/01/01/b"
    )
    assert fetchable_url("https://kumparan.com./kumparannews/x-1xbORer8Ew4") == (
        "https://kumparan.com/kumparannews/x-1xbORer8Ew4"
    )
    assert fetchable_url("http://127.0.0.1:9/x") == "http://127.0.0.1:9/x"  # port, scheme kept
    assert url_problem("https://[::1/x")
    assert url_problem("file:///etc/passwd")
    assert url_problem("https://kumparan.com./x") is None


def test_a_bad_selector_fails_when_the_registry_loads() -> None:
    # The selector that crashed extract() on 2015-2016 Kompas pages.
    bad = SiteProfile(
        name="bad", layouts=(HtmlLayout(section=(".breadcrumb__item:nth-of-type(2) a",)),)
    )
    with pytest.raises(ValueError, match="bad selector"):
        check_layouts(bad)


KCM_PAGE = """<!DOCTYPE html><html><head><title>Banjir Rendam Kampung Pulo - Kompas.com
Megapolitan</title><meta charset="utf-8"></head><body><div class="kcm-nav">Home Megapolitan
<ul class="breadcrumb"><li><a href="/">Home</a></li><li><a href="/megapolitan">Megapolitan</a>
</li></ul></div><div class="kcm-read-top"><h2>Banjir Rendam Kampung Pulo</h2>
<div class="kcm-date">Jumat, 17 Januari 2014 | 18:09 WIB</div></div>
<div class="kcm-read-share">Share Tweet</div><div class="kcm-read-text">
<p><strong>JAKARTA, KOMPAS.com</strong> &mdash; Warga Kampung Pulo mulai mengungsi dari
rumah mereka yang terendam banjir setinggi satu meter sejak Jumat siang.<br><br>Sore ini warga
meninggalkan rumah sambil membawa barang yang bisa diselamatkan ke tempat yang lebih tinggi.
<br><br>Bantuan dari berbagai pihak mulai diantar kepada warga di posko pengungsian.</p>
<div class="kcm-read-terkait"><b>Berita terkait</b><a href="/x">Banjir Lagi</a></div>
<table class="kcm-read-copy"><tr><td>Penulis</td><td><a href="/p">Andri Donnal</a></td></tr>
<tr><td>Editor</td><td>Laksono Hari</td></tr></table></div><div class="footer">Copyright
2008 - 2014 Kompas.com</div></body></html>"""


def test_2014_kompas_pages_take_the_dated_layout() -> None:
    url = "https://megapolitan.kompas.com/read/2014/01/17/1809458/Banjir.Rendam.Kampung.Pulo"
    page = read_page(KCM_PAGE, url)
    assert page.extractor == "site:kompas" and page.layout == "kcm-2014"
    item = extract(KCM_PAGE, url)
    assert item["title"] == "Banjir Rendam Kampung Pulo"  # not the <title> with " - Kompas.com"
    assert item["text"].split("\n\n")[1].startswith("JAKARTA, KOMPAS.com — Warga Kampung Pulo")
    assert len(item["text"].split("\n\n")) == 4
    assert "Berita terkait" not in item["text"] and "Andri Donnal" not in item["text"]
    assert item["section"] == "Megapolitan"


def test_an_error_reading_one_field_costs_that_field(monkeypatch, caplog) -> None:
    url = "https://megapolitan.kompas.com/read/2014/01/17/1809458/Banjir.Rendam.Kampung.Pulo"

    def broken(*_args: object) -> str:
        raise RuntimeError("odd markup")

    monkeypatch.setitem(html_module._READERS, "section", broken)
    with caplog.at_level(logging.WARNING):
        page = read_page(KCM_PAGE, url)
    assert page.errors == ["field/section"] and page.parts.section is None
    assert page.parts.title == "Banjir Rendam Kampung Pulo" and page.parts.blocks
    assert "field section" in caplog.text


def test_an_error_in_the_site_path_falls_back(monkeypatch) -> None:
    import articles.extraction as extraction

    def broken(*_args: object) -> tuple[list[str], list[str]]:
        raise RuntimeError("layout changed")

    monkeypatch.setattr(extraction, "site_blocks", broken)
    url = "https://megapolitan.kompas.com/read/2014/01/17/1809458/Banjir.Rendam.Kampung.Pulo"
    page = read_page(KCM_PAGE, url)
    assert page.errors == ["site-path"] and page.extractor == "fallback:container"
    assert any("Warga Kampung Pulo" in b for b in page.parts.blocks)


@pytest.mark.e2e
def test_urls_file_with_bad_lines_and_a_trailing_dot_host(mirror, tmp_path: Path) -> None:
    good = (
        "https://kumparan.com./kumparannews/"
        "jelang-pembicaraan-damai-militer-azerbaijan-armenia-malah-bentrok-24JyQ2X5kLm"
    )
    urls = tmp_path / "urls.txt"
    urls.write_text(
        "# a comment\nhttps://[::1/x\nnot a url\nhttps://www.detik.com/berita/x\n" + good + "\n",
        encoding="utf-8",
    )
    out = tmp_path / "items.jsonl"
    result = run_scrapy(
        "crawl",
        "kumparan",
        "-a",
        f"urls_file={urls}",
        "-O",
        out,
        *offline_settings(mirror.url, tmp_path),
    )
    assert result.returncode == 0, result.stderr[-2000:]
    items = [line for line in out.read_text(encoding="utf-8").splitlines() if line]
    assert len(items) == 1 and "Jelang Pembicaraan Damai" in items[0]
    for line in (2, 3, 4):
        assert result.stderr.count(f"{urls}:{line}:") == 1  # reported once
    assert any("jelang-pembicaraan-damai" in p for p in mirror.requested())
