"""Library mode: `articles.extraction.extract` on the demo pages, without Scrapy."""

from __future__ import annotations

import json
import re
from urllib.parse import urlsplit

import pytest

from articles.extraction import FALLBACK, NoArticleError, build_article, extract, read_page
from cleaners.html import HtmlError, iso_datetime
from tests.conftest import REPO

MIRROR = REPO / "demo" / "mirror"
EXPECTED = REPO / "demo" / "expected"
ARTICLES = json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8"))


def page_file(url: str, query: str = ""):
    parts = urlsplit(url)
    return MIRROR / parts.netloc / (parts.path.lstrip("/") + (f"@{query}" if query else ""))


def whole_article(entry: dict) -> dict:
    url = entry["canonical_url"]
    if page_file(url, "page=all").exists():
        return extract(page_file(url, "page=all").read_bytes(), url)
    pages = [read_page(page_file(url).read_bytes(), url)]
    n = 2
    while page_file(url, f"page={n}").exists():
        pages.append(read_page(page_file(url, f"page={n}").read_bytes(), url))
        n += 1
    return build_article(pages, url).as_dict()


@pytest.mark.parametrize("entry", ARTICLES, ids=[a["file"] for a in ARTICLES])
def test_extract_gives_the_exact_text_and_metadata(entry: dict) -> None:
    item = whole_article(entry)
    assert item["text"] == (EXPECTED / entry["file"]).read_text(encoding="utf-8")
    assert item["canonical_url"] == entry["canonical_url"]
    assert (item["authors"], item["published"], item["section"]) == (
        entry["authors"],
        entry["published"],
        entry["section"],
    )
    assert item["tags"], "tags come from JSON-LD keywords or the tag links"


def test_changed_layout_falls_back_to_trafilatura_and_says_so() -> None:
    entry = next(a for a in ARTICLES if not a["in_demo_crawl"])
    item = whole_article(entry)
    assert item["extractor"] == FALLBACK
    assert "Terkini Lainnya" not in item["text"] and "Copyright" not in item["text"]


def test_known_layouts_use_the_site_path() -> None:
    for entry in ARTICLES:
        if entry["in_demo_crawl"]:
            assert whole_article(entry)["extractor"] == f"site:{entry['site']}"


def test_metadata_without_json_ld_comes_from_meta_tags() -> None:
    entry = ARTICLES[0]
    html = page_file(entry["canonical_url"], "page=all").read_text(encoding="utf-8")
    html = re.sub(r'<script type="application/ld\+json">.*?</script>', "", html, flags=re.S)
    item = extract(html, entry["canonical_url"])
    assert item["published"] == entry["published"]
    assert item["authors"] == entry["authors"]
    assert item["section"] == entry["section"]


def test_broken_json_ld_is_skipped_not_fatal() -> None:
    entry = ARTICLES[0]
    html = page_file(entry["canonical_url"], "page=all").read_text(encoding="utf-8")
    html = html.replace('"@type": "NewsArticle",', '"@type": "NewsArticle",,,{', 1)
    item = extract(html, entry["canonical_url"])
    assert item["text"] == (EXPECTED / entry["file"]).read_text(encoding="utf-8")


@pytest.mark.e2e
@pytest.mark.parametrize("html", ["", "   ", b""])
def test_empty_documents_raise_a_clear_error(html) -> None:
    with pytest.raises(HtmlError, match="empty"):
        extract(html, "https://www.kompas.com/global/read/2020/01/01/1/x")


def test_a_page_without_article_text_raises() -> None:
    html = (
        "<html><head><title>Menu</title></head><body><nav>Home</nav><p>Komentar</p></body></html>"
    )
    with pytest.raises(NoArticleError):
        extract(html, "https://www.tribunnews.com/nasional/2020/01/01/x")


def test_malformed_html_is_still_read() -> None:
    html = (
        "<html><body><h1 id='arttitle'>Judul Berita Uji Coba</h1><div class='side-article "
        "txt-article'><p>Paragraf pertama yang cukup panjang untuk dibaca sebagai isi berita ini."
        "<p>Paragraf kedua tanpa tag penutup <b>tebal <i>miring</b></div></body>"
    )
    item = extract(html, "https://www.tribunnews.com/nasional/2020/01/01/x")
    assert item["title"] == "Judul Berita Uji Coba"
    assert "Paragraf kedua tanpa tag penutup tebal miring" in item["text"]


@pytest.mark.parametrize(
    ("value", "iso"),
    [
        ("2020-10-08T09:25:00Z", "2020-10-08T16:25:00+07:00"),
        ("2020-09-30T12:06:00+07:00", "2020-09-30T12:06:00+07:00"),
        ("2020-09-30 12:06:00", "2020-09-30T12:06:00+07:00"),
        ("Kompas.com - 30/09/2020, 12:06 WIB", "2020-09-30T12:06:00+07:00"),
        ("Sabtu, 10 Oktober 2020 19:05 WIB", "2020-10-10T19:05:00+07:00"),
        ("kemarin", None),
        ("31/02/2020, 10:00", None),
    ],
)
def test_dates_become_iso_8601_in_wib(value: str, iso: str | None) -> None:
    assert iso_datetime(value) == iso


@pytest.mark.e2e
def test_library_mode_imports_no_scrapy() -> None:
    import subprocess
    import sys

    code = (
        "import sys; from pathlib import Path; import articles.extraction as e; "
        "p = Path('demo/mirror/kumparan.com/kumparanfood/"
        "cara-membuat-rendang-daging-empuk-ala-rumah-makan-padang-21QwErTy123'); "
        "item = e.extract(p.read_bytes(), 'https://kumparan.com/kumparanfood/x-21QwErTy123'); "
        "assert item['title'].startswith('Cara Membuat Rendang'), item['title']; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted')))"
    )
    from tests.conftest import REPO

    out = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]", out.stdout


def test_an_embedded_post_is_not_article_text() -> None:
    """A tweet embedded in the body (its text, link and attribution) is dropped by markup."""
    html = (
        "<html><head><title>t</title></head><body><div class='read__content'>"
        "<h1 class='read__title'>Judul Berita Uji</h1>"
        "<p>Paragraf pertama berita ini cukup panjang untuk dianggap isi artikel yang utuh.</p>"
        "<blockquote class='twitter-tweet'><p>Isi cuitan yang disematkan di tengah berita "
        "ini, tanpa tautan di ujungnya.</p>— Akun Uji (@akunuji)</blockquote>"
        "<p>Paragraf kedua berita ini juga panjang dan berakhir dengan titik seperti biasa.</p>"
        "</div></body></html>"
    )
    item = extract(html, "https://www.kompas.com/tren/read/2024/01/01/120000000/judul-berita-uji")
    assert "cuitan" not in item["text"] and "@akunuji" not in item["text"]
    assert "Paragraf kedua" in item["text"]


_SELECTOR_PAGE = """<html><body><div id="main" class="read  body">
<p class="lead">Satu</p><p>Dua <a class="x">tautan</a></p><table><tr><td>a</td><td>b</td></tr></table>
</div><div class="side"><p class="y">Tiga</p></div></body></html>"""


@pytest.mark.parametrize(
    "selector",
    [
        ".read p",  # classes the page has
        ".absent p",  # a class it lacks: answered without a search
        "#main .lead",
        "#other .lead",
        "p:not(.absent)",  # under :not, not required
        "p:has(a.absent)",  # under :has, not required
        "div:is(.absent, .side) p",
        ".absent, .side p",  # one alternative without the class still searches
        "tr:first-child td:nth-of-type(2)",
        "div.read.body > p.lead",
        "div.read.absent > p",
    ],
)
def test_a_selector_finds_what_lxml_finds_with_or_without_a_search(selector: str) -> None:
    import lxml.html
    from lxml.cssselect import CSSSelector

    from cleaners.html import Query

    root = lxml.html.fromstring(_SELECTOR_PAGE)
    assert Query(selector)(root) == CSSSelector(selector)(root)
    # and on an element of the page, after chrome was removed from it
    side = root.get_element_by_id("main").getnext()
    side.getparent().remove(side)
    assert Query(selector)(root) == CSSSelector(selector)(root)


@pytest.mark.parametrize(
    "selector", [".absent p", "div .absent", "#other p", "div.read.absent > p"]
)
def test_a_selector_naming_a_class_the_page_lacks_does_not_search(selector: str) -> None:
    import lxml.html

    from cleaners.html import Query

    query = Query(selector)

    def search(root: object) -> list:
        raise AssertionError("searched")

    query._search = search  # type: ignore[assignment]
    assert query(lxml.html.fromstring(_SELECTOR_PAGE)) == []
