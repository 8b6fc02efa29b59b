"""Adding a site is one file and one registry line: a made-up site, crawled, cleaned, regenerated.

The site's profile is one file (``SITE_FILE`` below, written as a module of its own package);
it is registered through the registry's plugin line (``BERITABERSIH_SITES=module:NAME``),
which is what a line in ``cleaners/sites/__init__.py`` does for a built-in site. Nothing else in the project names it:
its spider, URL forms, layout, text families and regeneration all come from the entry.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import run_scrapy
from tests.inprocess import local_mirror
from tests.mirror import offline_settings

pytestmark = pytest.mark.e2e

HOST = "www.berita-contoh.id"
SITE_FILE = '''"""A made-up site: the whole of what the project needs to know about it."""

from cleaners.profile import Family, HtmlLayout, SiteProfile

CONTOH = SiteProfile(
    name="contoh",
    domains=("berita-contoh.id",),
    text_markers=(r"BERITACONTOH\\.ID",),
    families=(Family("promotion", (r"^ikuti beritacontoh\\b",), max_words=12),),
    start_hosts=("www.berita-contoh.id",),
    article_paths=(r"^/berita/\\d+/[^/]+$",),
    listing_paths=(r"^/tag/",),
    layouts=(
        HtmlLayout(
            title=("h1.judul",),
            body=("div.isi",),
            drop=(".baca-juga", "script"),
            authors=(".penulis",),
            published=("time",),
        ),
    ),
)
'''
ARTICLES = {
    "/berita/101/hujan-deras-di-kota-contoh": (
        "Hujan Deras Guyur Kota Contoh Sejak Pagi",
        [
            "BERITACONTOH.ID, CONTOH - Hujan deras mengguyur Kota Contoh sejak Senin pagi dan "
            "membuat sejumlah jalan utama tergenang air setinggi lutut orang dewasa.",
            "Petugas dinas perhubungan mengalihkan arus kendaraan ke jalan alternatif.",
            "Warga diminta tidak melintas di kawasan yang tergenang hingga air surut.",
        ],
    ),
    "/berita/102/pasar-murah-digelar": (
        "Pasar Murah Digelar di Alun-alun Contoh",
        [
            "BERITACONTOH.ID, CONTOH - Pemerintah kota menggelar pasar murah di alun-alun untuk "
            "membantu warga menjelang hari raya, Selasa siang.",
            "Beras, minyak goreng dan gula dijual di bawah harga pasar.",
        ],
    ),
}


def _page(title: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs[:1])
    body += '<p class="baca-juga">Baca juga: Berita Lain dari Kota Contoh</p>'
    body += "".join(f"<p>{p}</p>" for p in paragraphs[1:])
    body += "<p>Ikuti BeritaContoh di Google News</p>"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + " - BeritaContoh"
        "</title><script type='application/ld+json'>"
        + json.dumps(
            {
                "@type": "NewsArticle",
                "headline": title,
                "datePublished": "2024-03-04T09:00:00+07:00",
            }
        )
        + "</script></head><body><nav>Beranda Berita Tag</nav><h1 class='judul'>"
        + title
        + "</h1><div class='penulis'>Sari Dewi</div><div class='isi'>"
        + body
        + "</div><footer>© 2024 BeritaContoh</footer></body></html>"
    )


@pytest.fixture
def contoh_mirror(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    plugins = tmp_path / "plugins"
    plugins.mkdir()
    (plugins / "beritacontoh.py").write_text(SITE_FILE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", str(plugins))
    monkeypatch.setenv("BERITABERSIH_SITES", "beritacontoh:CONTOH")
    root = tmp_path / "mirror" / HOST
    root.mkdir(parents=True)
    (root / "robots.txt").write_text(f"User-agent: *\nSitemap: https://{HOST}/sitemap.xml\n")
    locs = "".join(f"<url><loc>https://{HOST}{path}</loc></url>" for path in ARTICLES)
    locs += f"<url><loc>https://{HOST}/tag/banjir</loc></url>"  # a listing: not fetched
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{locs}</urlset>"
    )
    for path, (title, paragraphs) in ARTICLES.items():
        page = root / path.lstrip("/")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(_page(title, paragraphs), encoding="utf-8")
    with local_mirror(tmp_path / "mirror") as mirror:
        yield mirror


def _expected(title: str, paragraphs: list[str]) -> str:
    return "\n\n".join([title, *paragraphs]) + "\n"


def test_a_registered_site_is_crawled_cleaned_and_regenerated(contoh_mirror, tmp_path: Path):
    mirror = contoh_mirror
    assert "contoh" in run_scrapy("list").stdout.split()
    crawl = run_scrapy(
        "crawl", "contoh", "-O", tmp_path / "items.jsonl", *offline_settings(mirror.url, tmp_path)
    )
    assert crawl.returncode == 0, crawl.stderr[-3000:]
    items = [json.loads(line) for line in (tmp_path / "items.jsonl").read_text().splitlines()]
    assert sorted(i["text"] for i in items) == sorted(_expected(*a) for a in ARTICLES.values())
    assert {i["extractor"] for i in items} == {"site:contoh"}
    assert not any("/tag/" in p for p in mirror.requested())
    # Regenerating from the crawl's archive writes the crawl's corpus, byte for byte.
    regen = run_scrapy("regenerate", tmp_path / "raw", "-o", tmp_path / "again", "--no-progress")
    assert regen.returncode == 0, regen.stderr
    for name in ["manifest.jsonl", *(p.name for p in (tmp_path / "corpus").glob("*.txt"))]:
        assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "corpus" / name).read_bytes()
    # A text dump of the site: its own families and datelines, detected by its marks.
    title, paragraphs = ARTICLES["/berita/102/pasar-murah-digelar"]
    dump = tmp_path / "dumps" / "contoh.txt"
    dump.parent.mkdir()
    dump.write_text(
        "\n".join(
            [
                "Beranda",
                title,
                "Selasa, 5 Maret 2024 10:00 WIB",
                "Sari Dewi",
                "Penulis",
                *paragraphs,
                "Ikuti BeritaContoh untuk kabar terbaru",
            ]
        )
        + "\n",
        encoding="utf-8",
    )
    clean = run_scrapy("clean", dump.parent, "-o", tmp_path / "clean", "--explain")
    assert clean.returncode == 0, clean.stderr
    assert "(site: contoh)" in clean.stdout
    assert (tmp_path / "clean" / "contoh.txt").read_text(encoding="utf-8") == _expected(
        title, paragraphs
    )
