"""Mirrors whose sitemaps list the URL forms the sites really publish: every article is fetched,
none is counted "not an article", and regenerating the crawl's archive writes its corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corpus.regenerate import regenerate
from tests.inprocess import crawl, local_mirror

# The forms of the site notes (own slugs and ids).
KOMPAS_FORMS = [
    "https://regional.kompas.com/read/2010/10/05/03222759/6.orang.tewas.terseret.banjir",
    "https://money.kompas.com/read/2011/03/01/1148100/Minyak.Dunia.Turun.Harga.Tetap",
    "https://megapolitan.kompas.com/read/xml/2014/02/06/1155085/twitter.com",
    "https://megapolitan.kompas.com/read/xml/2016/03/08/20341541/.Kalau.Anak.Sakit.Saya.Cemas.",
    "https://otomotif.kompas.com/read/2020/03/02/060400766/-populer-otomotif-mobil-listrik",
    "https://www.kompas.com/sains/read/2021/06/14/170000223/gerhana-matahari-cincin",
    "https://regional.kompas.com/read/25D21050000068/banjir-rob-di-pesisir-utara",
]
TRIBUN_FORMS = [
    "https://www.tribunnews.com/regional/2019/02/19/cap-go-meh-berlangsung-meriah",
    "https://www.tribunnews.com/regional/7731006/sumur-bor-meringankan-krisis-air",
    "https://jateng.tribunnews.com/2020/10/06/banjir-rendam-rumah-di-semarang",
    "https://jateng.tribunnews.com/amp/2022/01/05/jalan-rusak-diperbaiki",
    "https://www.tribunnews.com/surabaya-metro/278607/kecelakaan-di-exit-tol",
    "https://www.tribunnews.com/news/881529/pm-qatar-bicara-gencatan-senjata",
]
KUMPARAN_FORMS = [
    "https://kumparan.com/kumparannews/judul-cerita-pertama-1xbORer8Ew4",
    "https://kumparan.com/kumparannews/pencarian-korban-dimulai-lagi-1540856908777134504",
    "https://kumparan.com/@kumparannews/kisah-di-balik-wawancara-panjang",
    "https://kumparan.com/aksarakumparan/aksara-3-user-story-terbaik-minggu-ini",
    "https://kumparan.com/kumparanbisnis/harga-beras-naik-lagi-23MWeH2YXFx",
    "https://kumparan.com/budi-santoso/catatan-perjalanan-ke-danau-toba-27CjAw2BFJ8",
]
LISTINGS = {
    "kompas": ("www.kompas.com", "https://www.kompas.com/tag/banjir"),
    "tribun": ("www.tribunnews.com", "https://www.tribunnews.com/tag/banjir"),
    "kumparan": ("kumparan.com", "https://kumparan.com/topic/banjir"),
}
FORMS = {"kompas": KOMPAS_FORMS, "tribun": TRIBUN_FORMS, "kumparan": KUMPARAN_FORMS}
# Indonesian sentences of our own, three per article, none shared (no two articles fold).
SENTENCES = [
    "Hujan deras sejak sore membuat sungai di pinggir kota meluap ke permukiman warga.",
    "Petugas gabungan mengevakuasi lansia dan anak-anak ke balai desa terdekat.",
    "Kepala desa meminta bantuan perahu karet karena air terus naik hingga malam.",
    "Harga minyak mentah dunia turun tajam setelah pasokan dari Timur Tengah bertambah.",
    "Pemerintah belum berencana menurunkan harga bahan bakar bersubsidi dalam waktu dekat.",
    "Para ekonom menilai penurunan harga itu belum tentu bertahan lama.",
    "Ratusan pengguna media sosial membagikan video antrean panjang di halte bus kota.",
    "Pengelola transportasi menyatakan armada tambahan akan dikerahkan pekan depan.",
    "Penumpang berharap jadwal keberangkatan bus diumumkan lebih awal setiap pagi.",
    "Seorang ibu di Jakarta Timur menceritakan kekhawatirannya soal kesehatan anaknya.",
    "Puskesmas setempat membuka layanan konsultasi gratis setiap Sabtu pagi.",
    "Dokter menyarankan orangtua membawa anak yang demam tinggi ke fasilitas kesehatan.",
    "Penjualan mobil listrik meningkat dua kali lipat dibanding tahun sebelumnya.",
    "Produsen menambah jaringan stasiun pengisian daya di jalan tol Trans Jawa.",
    "Konsumen masih mempertimbangkan harga baterai yang dinilai cukup mahal.",
    "Gerhana matahari cincin dapat diamati dari sejumlah wilayah di Indonesia bagian timur.",
    "Peneliti mengingatkan warga agar tidak menatap matahari tanpa kacamata pelindung.",
    "Planetarium menyediakan teleskop bagi pengunjung yang ingin menyaksikan fenomena itu.",
    "Banjir rob kembali merendam jalan di pesisir utara saat air laut pasang.",
    "Nelayan memilih tidak melaut karena gelombang tinggi disertai angin kencang.",
    "Pemerintah daerah membangun tanggul sementara dari karung pasir di beberapa titik.",
]


# Each site's article markup (its current layout, as the site notes describe it).
MARKUP = {
    "kompas": "<h1 class='read__title'>{title}</h1><div class='read__time'>Kompas.com - "
    "10/01/2020, 08:00 WIB</div><div class='read__content'><div class='clearfix'>{body}"
    "</div></div>",
    "tribun": "<h1 id='arttitle'>{title}</h1><div class='side-article txt-article'>{body}</div>",
    "kumparan": "<h1 data-qa-id='story-title'>{title}</h1>{body}",
}


def _page(site: str, url: str, index: int) -> str:
    title = f"Berita Uji Nomor {index + 1} dari Arsip"
    paragraphs = SENTENCES[3 * index : 3 * index + 3]
    if site == "kumparan":
        body = "".join(f"<p data-qa-id='story-paragraph'>{p}</p>" for p in paragraphs)
    else:
        body = "".join(f"<p>{p}</p>" for p in paragraphs)
    ld = json.dumps(
        {
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": f"2020-0{index % 9 + 1}-10T08:00:00+07:00",
        }
    )
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>" + title + "</title>"
        f"<link rel='canonical' href='{url}'><script type='application/ld+json'>{ld}</script>"
        "</head><body>" + MARKUP[site].format(title=title, body=body) + "</body></html>"
    )


def _mirror(site: str, root: Path) -> None:
    host, listing = LISTINGS[site]
    start = root / host
    start.mkdir(parents=True)
    (start / "robots.txt").write_text(f"User-agent: *\nSitemap: https://{host}/sitemap.xml\n")
    locs = "".join(f"<url><loc>{u}</loc></url>" for u in [*FORMS[site], listing])
    (start / "sitemap.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{locs}</urlset>"
    )
    for index, url in enumerate(FORMS[site]):
        path = root / url.split("://", 1)[1]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_page(site, url, index), encoding="utf-8")


@pytest.mark.parametrize("site", sorted(FORMS))
def test_every_listed_url_form_is_fetched_and_regenerated(tmp_path: Path, site: str) -> None:
    forms = FORMS[site]
    _mirror(site, tmp_path / "mirror")
    with local_mirror(tmp_path / "mirror") as mirror:
        run = crawl(site, tmp_path, mirror, hosts=LISTINGS[site][0])
    # Every form is an article; only the tag listing is not.
    assert run.stat("discovery/from_sitemap") == len(forms)
    assert run.stat("discovery/not_article") == 1
    for form in forms:
        assert any(p.startswith("/" + form.split("://", 1)[1]) for p in run.paths), form
    assert not any(LISTINGS[site][1].split("://", 1)[1] in p for p in run.paths)
    assert len(run.items) == len(forms)
    corpus = tmp_path / "corpus"
    assert len((corpus / "manifest.jsonl").read_text().splitlines()) == len(forms)
    regenerate([str(tmp_path / "raw")], tmp_path / "again", progress=False)
    for name in ["manifest.jsonl", *(p.name for p in corpus.glob("*.txt"))]:
        assert (tmp_path / "again" / name).read_bytes() == (corpus / name).read_bytes(), name
