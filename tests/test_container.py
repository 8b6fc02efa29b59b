"""The layout-free reader (``cleaners.container``) on pages of our own making: the element that
holds the running text and the dateline, whatever its class, and nothing that markup says is
not running text."""

from __future__ import annotations

import pytest

from articles.extraction import FALLBACK, extract
from cleaners.html import without_site_name

PARAGRAPHS = [
    "SURABAYA, KOMPAS.com - Hujan deras sejak sore membuat dua sungai di Surabaya meluap dan "
    "merendam ratusan rumah, Senin (4/3/2024).",
    "Petugas gabungan mengevakuasi warga lanjut usia dan anak-anak ke balai kelurahan, sementara "
    "dapur umum didirikan di halaman masjid.",
    "Menurut kepala kelurahan, air mulai surut pada Selasa pagi, tetapi sebagian warga memilih "
    "bertahan di pengungsian karena listrik belum menyala.",
]
TITLE = "Dua Sungai Meluap, Ratusan Rumah di Surabaya Terendam"
URL = "https://regional.kompas.com/read/2024/03/04/101500011/dua-sungai-meluap"


def page(body: str, head: str = "") -> str:
    """A whole page in an unknown layout: navigation, the body, other stories, a footer."""
    related = "".join(
        f'<li><a href="https://regional.kompas.com/read/2024/03/0{i}/1/x">Berita lain nomor {i} '
        "tentang banjir di kota lain</a></li>"
        for i in range(1, 6)
    )
    return (
        f"<html><head><title>{TITLE} - Kompas.com</title>"
        f'<meta property="og:title" content="{TITLE} - Kompas.com">{head}</head><body>'
        '<div class="top"><a href="/">Beranda</a> <a href="/nasional">Nasional</a></div>'
        f'<div class="wrap"><div class="x1"><h1>{TITLE}</h1>{body}</div>'
        f'<div class="x2"><h3>Terpopuler</h3><ul>{related}</ul></div></div>'
        '<div class="bottom"><p>Copyright 2024 PT Kompas Cyber Media. All rights reserved.</p>'
        "</div></body></html>"
    )


def expected(*paragraphs: str) -> str:
    return "\n\n".join([TITLE, *paragraphs]) + "\n"


def test_the_container_is_found_by_its_running_text_not_its_names() -> None:
    body = '<div class="zz9">' + "".join(f"<p>{p}</p>" for p in PARAGRAPHS) + "</div>"
    item = extract(page(body), URL, site_layouts=False)
    assert item["extractor"] == FALLBACK and item["text"] == expected(*PARAGRAPHS)


def test_captions_hidden_blocks_widgets_and_link_lists_are_left_out() -> None:
    body = (
        '<div class="zz9">'
        f"<p>{PARAGRAPHS[0]}</p>"
        '<figure><img src="a.jpg"><figcaption>Warga mengungsi ke balai kelurahan. '
        "(KOMPAS.com/NAMA)</figcaption></figure>"
        '<p style="display:none">Paragraf tersembunyi yang tidak dilihat pembaca di halaman.</p>'
        '<div class="share-box">Bagikan ke teman dan keluarga Anda melalui media sosial</div>'
        f"<p>{PARAGRAPHS[1]}</p>"
        '<p>• <a href="/x">Banjir Bandang Terjang Desa di Lereng Gunung Semeru</a></p>'
        f"<p>{PARAGRAPHS[2]}</p></div>"
    )
    item = extract(page(body), URL, site_layouts=False)
    assert item["text"] == expected(*PARAGRAPHS)


def test_a_link_inside_a_sentence_stays_whatever_its_class() -> None:
    linked = PARAGRAPHS[1].replace(
        "balai kelurahan", '<a class="inner-link-tag" href="/tag/balai">balai kelurahan</a>'
    )
    body = f'<div class="zz9"><p>{PARAGRAPHS[0]}</p><p>{linked}</p><p>{PARAGRAPHS[2]}</p></div>'
    assert extract(page(body), URL, site_layouts=False)["text"] == expected(*PARAGRAPHS)


def test_paragraphs_split_by_line_breaks_only_are_read_one_by_one() -> None:
    body = '<div class="old-body">' + "<br><br>".join(PARAGRAPHS) + "</div>"
    assert extract(page(body), URL, site_layouts=False)["text"] == expected(*PARAGRAPHS)


def test_paragraphs_nested_in_each_other_by_unclosed_tags_are_all_read() -> None:
    # Each paragraph's <div> left open: the next one nests inside it, and so does the rest.
    body = '<div class="content">' + "".join(f'<div class="para"><span>{p}' for p in PARAGRAPHS)
    assert extract(page(body), URL, site_layouts=False)["text"] == expected(*PARAGRAPHS)


@pytest.mark.parametrize(
    ("title", "site_name", "url", "clean"),
    [
        (f"{TITLE} - Kompas.com", None, URL, TITLE),
        (f"{TITLE} Halaman all - Kompas.com", None, URL, TITLE),
        ("Lima Pelajar Ditangkap | Surya Malang", None,
         "https://suryamalang.tribunnews.com/2024/01/02/x", "Lima Pelajar Ditangkap"),
        ("Harga Cabai Turun - Portal Berita Kita", "Portal Berita Kita",
         "https://berita.example/x", "Harga Cabai Turun"),
        # a separator inside the headline itself, and a last part that is no site name
        ("Ketua RT: Kami Butuh Perahu - Warga Bertahan di Atap", None, URL,
         "Ketua RT: Kami Butuh Perahu - Warga Bertahan di Atap"),
    ],
)  # fmt: skip
def test_a_page_title_loses_its_site_name(title, site_name, url, clean) -> None:
    assert without_site_name(title, site_name, url) == clean
