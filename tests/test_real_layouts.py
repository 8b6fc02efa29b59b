"""Whole dumps in the layouts real pages have (own text): no headline, old layouts, user stories.

Each dump is written after a layout the real pages of the sites show, with invented text. The
test states which lines are article text; everything else must go, and nothing may be lost.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners import clean
from tests.conftest import run_scrapy

P1 = "JAKARTA, KOMPAS.com - Pemerintah Provinsi DKI Jakarta menyiapkan 40 pompa air tambahan untuk menghadapi puncak musim hujan yang diperkirakan jatuh pada Februari mendatang."
P2 = "Kepala dinas sumber daya air mengatakan, pompa itu akan ditempatkan di kawasan yang setiap tahun tergenang, terutama di Jakarta Utara dan Jakarta Timur."
P3 = "Ia juga meminta warga tidak membuang sampah ke saluran air agar aliran tidak tersumbat."
SUB = "Pompa di tiap kelurahan"
P4 = "Selain pompa, pemerintah menyiapkan 120 posko pengungsian yang tersebar di lima wilayah kota."

TRIBUN_P1 = "TRIBUNJATIM.COM, MALANG - Ratusan warga Kecamatan Lowokwaru memadati balai kota untuk mengikuti vaksinasi massal yang digelar sejak Sabtu pagi."
TRIBUN_P2 = "Petugas kesehatan menyebut stok vaksin cukup untuk 3.000 orang hingga Minggu sore."
TRIBUN_P3 = "Warga yang belum terdaftar tetap dilayani asalkan membawa kartu tanda penduduk."

# (site, dump lines, the lines that are article text, the expected headline)
LAYOUTS = {
    # Kompas, a dump that starts at the date line: no headline line at all.
    "kompas-no-headline": (
        "kompas",
        [
            "Baca berita tanpa iklan. Gabung Kompas.com+",
            "Kompas.com - 14/01/2024, 09:12 WIB",
            "Rina Kurniasari,",
            "Ahmad Susanto",
            "Tim Redaksi",
            P1,
            P2,
            "Baca juga: Banjir Rob Rendam Pesisir Jakarta Utara",
            P3,
            SUB,
            P4,
            "Simak breaking news dan berita pilihan kami langsung di ponselmu.",
        ],
        [P1, P2, P3, SUB, P4],
        "",
    ),
    # Kompas 2013-2017: a caption printed twice around its credit, a lone "|", "EditorName".
    "kompas-2014": (
        "kompas",
        [
            "Pompa Air Disiagakan Jelang Puncak Hujan",
            "Kompas.com - 14/01/2014, 09:12 WIB",
            "Petugas memeriksa pompa air di Pluit, Selasa (14/1/2014). KOMPAS.com/ANDRI DONNAL"
            "Petugas memeriksa pompa air di Pluit, Selasa (14/1/2014).",
            "|",
            "EditorLaksmi Ratnasari",
            P1,
            P2,
            P3,
        ],
        ["Pompa Air Disiagakan Jelang Puncak Hujan", P1, P2, P3],
        "Pompa Air Disiagakan Jelang Puncak Hujan",
    ),
    # Kompas AMP page: a tagline above the headline, app prompt, photo widget, fact-check badge.
    "kompas-amp-factcheck": (
        "kompas",
        [
            "Baca berita tanpa iklan. Gabung Kompas.com+",
            "Jelajahi cerita dari seluruh Nusantara",
            "[HOAKS] Video Banjir Besar di Pluit Diambil Tahun Ini",
            "Baca di App",
            "Lihat Foto",
            "KOMPAS.com/DIAN PERTIWI",
            "Tangkapan layar video banjir yang beredar di media sosial pekan ini.",
            "HOAKS",
            "Berdasarkan verifikasi Kompas.com sejauh ini, klaim tersebut tidak benar.",
            P1,
            P2,
        ],
        ["[HOAKS] Video Banjir Besar di Pluit Diambil Tahun Ini", P1, P2],
        "[HOAKS] Video Banjir Besar di Pluit Diambil Tahun Ini",
    ),
    # Kompas column: the author's box above the headline, the columnist promotion under it.
    "kompas-column": (
        "kompas",
        [
            "Baca berita tanpa iklan. Gabung Kompas.com+",
            "Dewi Lestari Wibowo",
            "Peneliti Kebijakan Publik",
            "Menunggu Jakarta yang Lebih Kering",
            "Kompas.com - 14/01/2024, 09:12 WIB",
            "Anda bisa menjadi kolumnis !",
            P2,
            P3,
        ],
        ["Menunggu Jakarta yang Lebih Kering", P2, P3],
        "Menunggu Jakarta yang Lebih Kering",
    ),
    # Tribun mobile: the reporter's line first, no headline; "Baca:" links and a sign-off.
    "tribun-laporan-first": (
        "tribun",
        [
            "Laporan Wartawan TribunJatim.com, Sri Wahyuni",
            TRIBUN_P1,
            TRIBUN_P2,
            "Baca: Stok Vaksin di Kota Batu Menipis Jelang Akhir Pekan",
            TRIBUN_P3,
            "Selengkapnya baca DI SINI",
            "Berita Terkait",
            "Vaksinasi Massal Digelar di Tiga Kecamatan",
        ],
        [TRIBUN_P1, TRIBUN_P2, TRIBUN_P3],
        "",
    ),
    # Tribun 2013: server error dumps and a menu above the page, a breadcrumb, a nav date.
    "tribun-php-errors": (
        "tribun",
        [
            "A PHP Error was encountered",
            "Severity: Notice",
            "Message: Undefined index: slug",
            "Filename: views/read.php",
            "Line Number: 42",
            "Ribuan Warga Ikuti Vaksinasi Massal - Tribun Jatim",
            "  • Tribun Network",
            "  • Login",
            "Rabu, 5 Maret 2014",
            "Tribun Jatim",
            "Home » News » Kesehatan",
            "Ribuan Warga Ikuti Vaksinasi Massal di Malang",
            "Sabtu, 12 Januari 2013 10:32 WIB",
            TRIBUN_P1,
            TRIBUN_P2,
        ],
        ["Ribuan Warga Ikuti Vaksinasi Massal di Malang", TRIBUN_P1, TRIBUN_P2],
        "Ribuan Warga Ikuti Vaksinasi Massal di Malang",
    ),
    # Tribun page 2: topic, headline, deck, credit, photo credit and caption; other stories'
    # headlines inside the body without a label; a table of other stories after it.
    "tribun-later-page": (
        "tribun",
        [
            "Vaksinasi Malang",
            "Ribuan Warga Ikuti Vaksinasi Massal di Malang",
            "Vaksinasi massal digelar sejak Sabtu pagi di balai kota.",
            "Penulis: Sri Wahyuni | Editor: Bambang Setiawan",
            "Kolase TribunJatim.com",
            "Warga antre mengikuti vaksinasi di balai kota, Sabtu (12/1/2013).",
            TRIBUN_P2,
            "Stok Vaksin di Kota Batu Menipis Jelang Akhir Pekan",
            "Dinkes Malang Siapkan Tiga Posko Vaksinasi Tambahan",
            TRIBUN_P3,
            "Baca berita TribunJatim.com lainnya di Google News",
            "| Antrean Vaksinasi Mengular hingga Jalan Raya |",
            "|---|",
            ":quality(30):format(webp)/jatim/foto/bank/originals/vaksin.jpg",
        ],
        ["Ribuan Warga Ikuti Vaksinasi Massal di Malang", TRIBUN_P2, TRIBUN_P3],
        "Ribuan Warga Ikuti Vaksinasi Massal di Malang",
    ),
    # kumparan user story: the footer first, the account box, a disclaimer, a caption around
    # the photo widget, a WhatsApp-channel promotion.
    "kumparan-user-story": (
        "kumparan",
        [
            "Tentang KamiPedoman Media SiberKetentuan & Kebijakan PrivasiKarier",
            "2024 © PT Dynamo Media Network",
            "Version 1.77.0",
            "Konten dari Pengguna",
            "Catatan dari Pasar Terapung",
            "Sinta Maharani",
            "Penulis lepas, penikmat kopi dan perjalanan.",
            "3 Maret 2022 14:05 WIB",
            "Diperbarui 4 Maret 2022 8:10 WIB",
            "waktu baca 3 menit",
            "comment",
            "0",
            "sosmed-whatsapp-white",
            "Tulisan dari Sinta Maharani tidak mewakili pandangan dari redaksi kumparan",
            "Perahu pedagang sayur.",
            "zoom-in-whitePerbesar",
            "Perahu pedagang sayur.",
            "ADVERTISEMENT",
            "kumparan Hadir di WhatsApp Channel",
            "Follow",
            "Pagi itu sungai masih berkabut ketika perahu-perahu pedagang mulai berdatangan.",
            "ADVERTISEMENT",
            "Saya membeli seikat kangkung dan dua buah nangka dari seorang ibu tua.",
        ],
        [
            "Catatan dari Pasar Terapung",
            "Pagi itu sungai masih berkabut ketika perahu-perahu pedagang mulai berdatangan.",
            "Saya membeli seikat kangkung dan dua buah nangka dari seorang ibu tua.",
        ],
        "Catatan dari Pasar Terapung",
    ),
    # kumparan page dumped without its header: body only.
    "kumparan-body-only": (
        "kumparan",
        [
            "ADVERTISEMENT",
            "Pagi itu sungai masih berkabut ketika perahu-perahu pedagang mulai berdatangan ke pasar.",
            "ADVERTISEMENT",
            "Saya membeli seikat kangkung.",
            "Harganya hanya lima ribu rupiah.",
        ],
        [
            "Pagi itu sungai masih berkabut ketika perahu-perahu pedagang mulai berdatangan ke pasar.",
            "Saya membeli seikat kangkung.",
            "Harganya hanya lima ribu rupiah.",
        ],
        "",
    ),
}


@pytest.mark.parametrize("name", sorted(LAYOUTS))
def test_layout_keeps_the_article_and_nothing_else(name: str) -> None:
    site, lines, article, headline = LAYOUTS[name]
    result = clean("\n".join(lines), site)
    assert result.title == headline
    assert result.text == "\n\n".join(article) + "\n"
    assert list(result.body) == [a for a in article if a != headline]


@pytest.mark.parametrize("name", sorted(set(LAYOUTS) - {"kumparan-body-only"}))
def test_layout_is_read_the_same_when_the_site_is_detected(name: str) -> None:
    site, lines, _article, _headline = LAYOUTS[name]
    assert clean("\n".join(lines)).site == site


@pytest.mark.e2e
def test_a_dump_without_headline_is_written_and_explain_says_so(tmp_path: Path) -> None:
    _site, lines, article, _ = LAYOUTS["kompas-no-headline"]
    src = tmp_path / "in"
    src.mkdir()
    (src / "page.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_scrapy("clean", src, "-o", tmp_path / "out", "--explain")
    assert result.returncode == 0, result.stderr
    assert "no headline found" in result.stdout
    assert (tmp_path / "out" / "page.txt").read_text(encoding="utf-8") == "\n\n".join(
        article
    ) + "\n"


@pytest.mark.e2e
def test_a_page_with_no_article_text_is_still_reported_empty() -> None:
    index_page = [
        "Berita Terkini",
        "Banjir Rendam Ratusan Rumah di Semarang",
        "Harga Cabai Naik Jelang Lebaran",
        "Halaman 1 2 3 Selanjutnya",
        "© 2025 TRIBUNnews.com Network",
    ]
    assert clean("\n".join(index_page), "tribun").text == ""
