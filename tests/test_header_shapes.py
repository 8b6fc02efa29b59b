"""Headline, dateline and body by shape, in dumps: our own lines, set the ways real pages set
them (a date line in the newer "Kompas.com, <day> <month> <year>, <time> WIB" form, a headline
over several lines, a dateline alone on its line, a saving tool's stamp before the page)."""

from __future__ import annotations

import pytest

from cleaners import clean, clean_blocks

BODY = [
    "JAKARTA, KOMPAS.com - Pemerintah menetapkan satu hari libur nasional tambahan pada akhir "
    "tahun ini, kata menteri.",
    "Keputusan itu diambil setelah rapat koordinasi bersama kementerian terkait pada Senin pagi.",
]
HEADLINE = "Pemerintah Tetapkan Libur Nasional Tambahan Akhir Tahun"


def document(headline: str, *body: str) -> str:
    return "\n\n".join([headline, *(body or BODY)]) + "\n"


@pytest.mark.parametrize(
    "date_line",
    [
        "Kompas.com, 14 Maret 2023, 09:15 WIB",
        "Kompas.com - 14/03/2023, 09:15 WIB",
        "Selasa, 14 Maret 2023 09:15 WIB",
        "kumparanNEWS 14 Maret 2023 9:15 WIB",
    ],
)
def test_a_date_line_is_never_the_headline(date_line: str) -> None:
    dump = "\n".join(["Baca berita tanpa iklan. Gabung Kompas.com+", HEADLINE, date_line,
                      "Rahmawati Putri", "Penulis", *BODY])  # fmt: skip
    result = clean(dump, "kompas")
    assert result.text == document(HEADLINE)
    assert [d.family for d in result.decisions if d.text == date_line] == ["metadata"]


def test_a_headline_set_over_three_lines_is_one_headline() -> None:
    dump = "\n".join(["Menyusuri Jejak Kopi", "di Dataran Tinggi Gayo", "yang Mendunia",
                      "Kompas.com - 14/03/2023, 09:15 WIB", *BODY])  # fmt: skip
    assert clean(dump, "kompas").text == document(
        "Menyusuri Jejak Kopi di Dataran Tinggi Gayo yang Mendunia"
    )


def test_a_quote_under_the_headline_is_its_deck_not_more_of_it() -> None:
    """Tribun sets a witness's words as the deck (after a 2017 page, its dump cut inside it)."""
    headline = "Kesaksian Warga Korban Banjir Bandang: Airnya Datang Tiba-tiba, Kami Panik"
    deck = '"Airnya datang seperti ombak," kata Sumarni (45), warga Dusun Krajan, Desa Sukamaju'
    dump = "\n".join([headline, deck, "Editor: Budi Santoso", *BODY[1:],
                      "Warga mengungsi ke balai desa setelah air merendam rumah mereka."])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == headline
    assert deck not in result.text


def test_the_writers_position_in_brackets_under_a_columns_byline_is_dropped() -> None:
    """An opinion column: "Oleh: <name>", then the writer's position in brackets (after a
    2023 Tribun column)."""
    note = "(Peneliti Senior Lembaga Kajian Kebijakan Publik)"
    dump = "\n".join([HEADLINE, "Editor: Budi Santoso", "Oleh: Rahmawati Putri Lestari", note,
                      *BODY[1:], "Libur itu diharapkan menggerakkan ekonomi daerah wisata."])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == HEADLINE
    assert note not in result.text and BODY[1] in result.text


def test_a_deck_opening_with_a_hyphenated_host_is_no_dateline() -> None:
    """ "Tribun-timur.com merangkum ..." under the headline is the deck (its host's dash is no
    dateline's), so the credit block under it, and the caption, are found (after 2016-2017
    Makassar round-ups)."""
    deck = "Tribun-timur.com merangkum tiga berita terpopuler untuk pembaca setia kami."
    caption = "Wali kota meresmikan taman kota di pusat Makassar, Selasa (16/8/2016)"
    dump = "\n".join(["3 Terpopuler Kemarin", HEADLINE, deck, "Editor: Budi Santoso",
                      "TRIBUN TIMUR/ NAMA FOTOGRAFER", caption,
                      "TRIBUN-TIMUR.COM - Banyak peristiwa menarik sepanjang Rabu kemarin.",
                      *BODY[1:]])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == HEADLINE
    assert caption not in result.text
    assert [d.family for d in result.decisions if d.text == deck] == ["deck"]


def test_a_credit_without_its_abbreviation_dot_is_not_the_headline() -> None:
    """Kompas's 2022 layout: headline, app prompt, "Lihat Foto", the credit ("Dok BPBD ...",
    no dot), the caption (after a 2022 page, where the credit was taken for the headline)."""
    dump = "\n".join(["Baca berita tanpa iklan. Gabung Kompas.com+", HEADLINE, "Baca di App",
                      "Lihat Foto", "Dok BPBD GARUT", "Jembatan yang rusak diterjang banjir, Senin (3/3/2025).",
                      "|", "Editor: Budi Santoso", *BODY])  # fmt: skip
    result = clean(dump, "kompas")
    assert result.text == document(HEADLINE)


def test_a_headline_with_a_slash_in_it_is_no_photo_credit() -> None:
    """ "Kabupaten/Kota" in a headline made it a credit's shape (after a 2023 Kompas page,
    whose headline was lost)."""
    headline = "Dinkes Catat 5 Kabupaten/Kota dengan Kasus DBD Tertinggi"
    dump = "\n".join(["Baca berita tanpa iklan. Gabung Kompas.com+", headline,
                      "Kompas.com - 16/10/2023, 08:30 WIB", "Rahmawati Putri,", "Budi Santoso",
                      "Tim Redaksi", *BODY])  # fmt: skip
    assert clean(dump, "kompas").text == document(headline)


def test_a_topic_label_above_the_headline_is_not_joined_to_it() -> None:
    dump = "\n".join(["Banjir Jakarta", HEADLINE, "Kompas.com - 14/03/2023, 09:15 WIB", *BODY])
    result = clean(dump, "kompas")
    assert result.text == document(HEADLINE)
    assert [d.family for d in result.decisions if d.text == "Banjir Jakarta"] == ["topic-label"]


def test_a_dateline_alone_on_its_line_opens_the_paragraph_under_it() -> None:
    first = BODY[0].removeprefix("JAKARTA, KOMPAS.com - ")
    dump = "\n".join([HEADLINE, "Kompas.com - 14/03/2023, 09:15 WIB", "JAKARTA, KOMPAS.com -",
                      first, BODY[1]])  # fmt: skip
    result = clean(dump, "kompas")
    assert result.text == document(HEADLINE)
    assert result.decisions[2].line == 3 and result.decisions[2].keep


def test_a_stamp_before_the_first_line_is_not_the_page() -> None:
    dump = "\n".join([f" date 2023-05 {BODY[0]}", BODY[1]])
    assert clean(dump, "kompas").text.startswith(BODY[0])


BEFORE = "Paragraf pembuka artikel ini berisi kalimat yang cukup panjang untuk dianggap isi."
AFTER = "Paragraf penutup artikel ini juga berisi kalimat lengkap yang diakhiri dengan titik."


def families(*blocks: str, site: str = "tribun", title: str = "Judul") -> list[str]:
    from cleaners import clean_blocks

    return [d.family for d in clean_blocks([BEFORE, *blocks, AFTER], site, title=title).decisions]


def test_a_bulleted_headline_is_a_link_and_a_bulleted_item_of_the_article_stays() -> None:
    link = "• Kisah Pedagang Bakso Keliling Naik Haji Setelah Menabung Selama Dua Puluh Tahun"
    assert families(link) == ["body", "related-link", "body"]
    assert families("• Pukul 17.00 WIB/TMA 40 Cm/Gerimis (Siaga 4)")[1] == "body"
    assert families("• Warga diminta mengungsi ke balai desa terdekat.")[1] == "body"


def test_a_caption_printed_twice_is_known_by_its_echo() -> None:
    # An image's alt text, then the caption with its source; a caption cut, then whole.
    assert families(
        "Dua Menteri Bertemu di Istana", "Dua Menteri Bertemu di Istana (setkab.go.id)"
    )[1:3] == ["caption", "caption"]
    assert families(
        "Petugas memeriksa tanggul yang jebol di Desa Sukamaju, Senin (3/3/2025).",
        "Petugas memeriksa tanggul yang jebol di Desa Sukamaju,",
    )[1:3] == ["caption", "caption"]
    assert families("Jembatan.Dokumentasi Jembatan.", site="kompas")[1] == "caption"


def test_the_headline_again_with_a_word_around_it_is_a_repeat() -> None:
    title = "Banjir Rendam Ratusan Rumah di Semarang"
    assert families(f"zoom-in {title}", title=title)[1] == "repeat"
    assert families(f"{title} - Tribunjateng.com", title=title)[1] == "repeat"


def test_a_lead_in_ending_in_a_colon_is_never_the_headline() -> None:
    """Tribun prints the deck under the headline; a deck that introduces a list ends so."""
    headline = "Dari Harga Cabai yang Turun hingga Jalan Tol Baru Dibuka untuk Mudik"
    deck = "Berikut lima berita terpopuler di Jawa Tengah pada Rabu (11/10/2023):"
    dump = "\n".join(["TOP 5 Jateng", headline, deck, "Penulis: Nama Penulis | Editor: Nama Editor",
                      f"TRIBUNJATENG.COM - {BODY[1]}"])  # fmt: skip
    assert clean(dump, "tribun").title == headline


def test_a_line_opening_with_a_number_starts_a_headline_of_its_own() -> None:
    """A topic label above a headline that opens with a number is no part of it."""
    headline = "5 Tahun Jembatan Putus, Warga Seberangi Sungai dengan Rakit Bambu"
    deck = "Sudah lima tahun warga menyeberangi sungai dengan rakit bambu setiap hari."
    dump = "\n".join(["Jembatan Putus di Garut", headline, deck,
                      "Penulis: Nama Penulis | Editor: Nama", f"TRIBUNJABAR.ID, GARUT - {BODY[1]}"])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == headline
    assert [d.family for d in result.decisions if d.text == "Jembatan Putus di Garut"] == [
        "topic-label"
    ]


@pytest.mark.parametrize("site", ["tribun", "generic"])
def test_a_photo_credit_and_caption_under_a_deck_leave_the_headline_in_place(site: str) -> None:
    """The 2025 regional layout: campaign banner, box label, headline, deck, the newsroom's
    own credit, then a caption opening with its keyword (after Manado pages)."""
    headline = "Populer Palu: Pasar Terapung Dibuka, Harga Ikan Turun"
    deck = "Sejumlah berita menarik perhatian pembaca di Sulawesi Tengah, Senin (1/9/2025)."
    caption = "BERITA POPULER - Kolase foto. Sejumlah berita menarik perhatian pembaca, Senin."
    dump = "\n".join(["Sulawesi Tengah", "Menuju Palu Maju dan Sejahtera", "Berita Populer",
                      headline, deck, "TribunPalu", caption, BODY[1],
                      "Harga ikan di pasar itu turun karena hasil tangkapan nelayan melimpah."])  # fmt: skip
    result = clean(dump, site)
    assert result.title == headline
    assert caption not in result.text and "TribunPalu" not in result.text
    assert BODY[1] in result.text


def test_the_caption_under_a_chained_credit_is_dropped_on_a_page_without_a_dateline() -> None:
    """A later page of a Tribun article (``?page=3``) has no dateline: the block under the
    agencies' credit is still the photo's caption (after a 2020 page)."""
    caption = (
        "Presiden berbicara dalam rapat partai di ibu kota. Foto diambil pada Sabtu (11/4/2020) "
        "dan dirilis kantor berita negara."
    )
    dump = "\n".join([HEADLINE, "Penulis: Rahmawati Putri", "Editor: Budi Santoso",
                      "AFP/STR/KCNA MELALUI KNS", caption, *BODY[1:],
                      "Rapat itu berlangsung tertutup dan dijaga ketat oleh aparat keamanan."])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == HEADLINE
    assert caption not in result.text and "KNS" not in result.text
    assert BODY[1] in result.text


def test_a_keyword_caption_inside_the_body_is_a_caption_and_a_dateline_opens_it() -> None:
    opening = "PALU - Pasar terapung pertama di kota itu dibuka untuk umum pada Senin pagi."
    caption = (
        "PASAR TERAPUNG - Pedagang menata ikan di atas perahu di Teluk Palu, Senin (1/9/2025)."
    )
    fams = families(opening, BODY[1], caption, "Pengunjung memadati dermaga sejak pagi hari tadi.")
    assert fams[1:5] == ["body", "body", "caption", "body"]
    # with no dateline before it (a header kept as body), the same shape is the dateline
    assert families(BODY[1], "Pengunjung memadati dermaga sejak pagi.", opening)[3] == "body"


def test_a_box_of_other_stories_inside_the_article_does_not_end_it() -> None:
    """Tribun sets "Berita Rekomendasi" between paragraphs; the round-up's own lead-in to its
    list follows, then the list (the dump cut after its first item)."""
    lead_in = "Selengkapnya, berikut rangkuman berita terpopuler pekan ini di Tribun Palu:"
    fams = families(BODY[1], "Berita Rekomendasi", lead_in, "1. Pasar Terapung Dibuka")
    assert fams[1:5] == ["body", "related-list", "body", "body"]


def test_a_dump_cut_after_a_subheading_keeps_it_and_tags_are_named_things() -> None:
    """Two short unfinished blocks end a cut dump: a subheading in sentence case and the
    next sentence's first words are article text; a list of named things is the tags."""
    cut = clean_blocks(
        [BODY[0], BODY[1], "Pelaku ditangkap polisi", "Setelah kejadian"], "kompas", title=HEADLINE
    )
    assert [d.keep for d in cut.decisions] == [True, True, True, True]
    tags = clean_blocks([BODY[0], BODY[1], "Pemilu 2024", "Jawa Tengah"], "kompas", title=HEADLINE)
    assert [d.family for d in tags.decisions][2:] == ["topic-tags", "topic-tags"]


def test_a_dump_cut_inside_chrome_the_page_printed_before_drops_the_fragment() -> None:
    """kumparan repeats its ad slot between paragraphs; a dump cut inside the last one ends
    on its first letters, while a cut paragraph's first words stay."""
    blocks = [BODY[0], "ADVERTISEMENT", BODY[1], "Pemerintah juga meminta warga", "ADVERT"]
    decisions = clean_blocks(blocks, "kumparan", title=HEADLINE).decisions
    assert [d.keep for d in decisions] == [True, False, True, True, False]
    assert clean_blocks(blocks[:4], "kumparan", title=HEADLINE).decisions[3].keep


@pytest.mark.parametrize(
    ("rubric", "headline", "deck"),
    [
        # a rubric above a Title Case headline, no deck (after Warta Kota and Makassar pages)
        ("Banjir Rob di Pesisir Utara", "Terungkap Penyebab Tanggul Laut Jebol di Muara Baru", None),
        ("3 Top News Kemarin", "TERPOPULER: Tanggul Jebol hingga Harga Ikan Anjlok", None),
        # the headline and, under it, its deck in other Title Case words
        (None, "Tanggul Laut Jebol, Ribuan Warga Muara Baru Mengungsi",
         "Tanggul Laut di Muara Baru Jebol, Ribuan Warga Terpaksa Mengungsi ke Masjid"),
    ],
)  # fmt: skip
def test_a_rubric_is_not_the_headline_and_a_deck_is_not_either(
    rubric: str | None, headline: str, deck: str | None
) -> None:
    lines = [t for t in (rubric, headline, deck) if t]
    dump = "\n".join([*lines, "Editor: Nama Editor", f"WARTAKOTALIVE.COM - {BODY[1]}"])
    assert clean(dump, "tribun").title == headline


def test_a_lone_headline_between_paragraphs_is_a_link_unless_it_announces_the_next() -> None:
    """Tribun links another story by its bare headline between two paragraphs; a subheading
    looks the same, but the paragraph under it takes up its words."""
    before = BODY[1] + " Rapat itu juga membahas anggaran untuk tahun depan secara rinci."
    link = "Harga Cabai Rawit di Pasar Induk Turun Drastis Jelang Akhir Pekan Ini"
    heading = "Jadwal Libur Nasional Tambahan Masih Menunggu Keputusan Presiden"
    after = (
        "Menurut Menteri, jadwal libur tambahan itu menunggu keputusan Presiden yang diperkirakan "
        "terbit pekan depan setelah rapat terbatas."
    )
    assert families(before, link, after)[2] == "related-link"
    assert families(before, heading, after)[2] == "body"


def test_an_authors_name_under_the_headline_is_a_byline_on_any_site() -> None:
    """A user story or a column: the headline, the writer's name, a line of bio, the date
    (after kumparan's user stories; read by shape, with no site profile)."""
    headline = "Belajar Menanam Padi dari Petani Muda di Lereng Merapi"
    dump = "\n".join(["Konten Pembaca", headline, "Rina Puspitasari",
                      "Penulis lepas, penyuka kopi dan perjalanan panjang", "12 Maret 2024 10:15 WIB",
                      BODY[1], "Para petani muda itu menanam padi dengan cara yang diwariskan."])  # fmt: skip
    result = clean(dump, "generic")
    assert result.title == headline
    assert [d.family for d in result.decisions if d.text == "Rina Puspitasari"] == ["byline"]
    # a short Title Case headline under a topic label is no name
    short = "\n".join(["Kabut Asap di Pekanbaru", "Sekolah Kembali Diliburkan",
                       "Editor: Nama Editor", f"TRIBUNPEKANBARU.COM - {BODY[1]}"])  # fmt: skip
    assert clean(short, "tribun").title == "Sekolah Kembali Diliburkan"


MENU = ["Beranda", "Nasional", "Regional", "Internasional", "Bisnis", "Olahraga", "Seleb",
        "Lifestyle", "Otomotif", "Tekno", "Kesehatan", "Video", "Foto", "Indeks Berita"]  # fmt: skip


def test_a_whole_page_dump_starting_with_the_menus_reads_its_article() -> None:
    """A naive dump of a whole page: the site's menus (a footer's words among them) run far
    down before the header; the header is read right above the first paragraph, the menus
    are dropped, and the footer's words in them end nothing."""
    menus = [f"{item} {n}" if n else item for n in range(6) for item in MENU][:75]
    menus[40:40] = ["Pedoman Media Siber", "Kebijakan Privasi"]
    headline = "Jembatan Gantung Baru Hubungkan Dua Desa di Lereng Merapi"
    dump = "\n".join([*menus, "Regional", headline, "Senin, 3 Maret 2025 10:15 WIB",
                      "Penulis: Nama Penulis | Editor: Nama Editor",
                      f"TRIBUNJOGJA.COM, SLEMAN - {BODY[1]}",
                      "Warga kini bisa menyeberang sungai tanpa harus memutar sejauh sepuluh kilometer."])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == headline
    assert result.body[-1].startswith("Warga kini bisa menyeberang")
    assert not any(item in result.text for item in ("Beranda", "Pedoman Media Siber"))


def test_a_breadcrumb_one_item_a_line_and_a_tag_cloud_are_not_the_header() -> None:
    """Old layouts dumped whole: a breadcrumb set one item a line between "»" separators (its
    first item the site's name, which reads like a photo credit), a tag cloud of glued
    hashtags; the headline is under the breadcrumb."""
    headline = "Dinas Perhubungan Razia Taksi Tanpa Izin di Jalan Protokol"
    dump = "\n".join(["#Banjir#Pilkada DKI#Timnas U-19#Liga Inggris", "Indeks Berita",
                      "Tribunnews.com", "»", "Metropolitan", "»", "News", headline,
                      "Jumat, 19 Juni 2015 12:58 WIB", f"TRIBUNNEWS.COM, JAKARTA - {BODY[1]}",
                      "Lima kendaraan terjaring razia gabungan pada Kamis malam di Jakarta Pusat."])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == headline
    assert [d.family for d in result.decisions if d.text == "Tribunnews.com"] == ["navigation"]


def test_a_breadcrumb_on_one_line_opens_with_a_section_of_the_menu() -> None:
    """Kompas's 2015-2016 pages dumped whole: "Bola / Liga Indonesia" is shaped like a photo
    credit, but its first part is a section the menu above listed on its own line; the
    headline is under it, not a menu word above it."""
    menus = [f"{item} {n}" if n else item for n in range(6) for item in MENU][:75]
    headline = "Eks Pelatih Mengaku Ditawari Uang agar Timnya Mengalah"
    dump = "\n".join([*menus, "Result", "Olahraga / Liga Indonesia", headline,
                      "Rabu, 17 Juni 2015 | 22:26 WIB", f"JAKARTA, KOMPAS.com - {BODY[1]}",
                      "Pengakuan itu disampaikan dalam diskusi di Jakarta pada Rabu malam."])  # fmt: skip
    result = clean(dump, "kompas")
    assert result.title == headline
    assert [d.family for d in result.decisions if d.text.startswith("Olahraga /")] == ["navigation"]


def test_a_hosts_name_over_the_menu_is_the_logo_not_a_photo_credit() -> None:
    """A whole-page dump: the tags, then the site's name (shaped like a credit) over menu
    words, then the headline over its date line (after 2017 and 2021 pages, where the tag
    above the logo was taken for the headline and the headline for a caption)."""
    headline = "Razia Gabungan Jaring Puluhan Kendaraan Tanpa Surat di Kota Malang"
    dump = "\n".join(["#Banjir", "#Pilkada", "#harga cabai naik", "Kompas.com", "News",
                      "Regional", headline, "Kompas.com, 7 Februari 2017, 11:37 WIB",
                      f"MALANG, KOMPAS.com - {BODY[1]}",
                      "Razia itu digelar pada malam hari di sejumlah ruas jalan utama."])  # fmt: skip
    assert clean(dump, "kompas").title == headline


def test_the_headline_under_a_pointers_colon_is_the_link() -> None:
    """Kompas's round-ups point to each full story: "Selengkapnya dapat disimak di sini:",
    then the story's headline (after 2020-2023 pages); a numbered item under such a pointer
    is the round-up's own next item."""
    pointer = "Selengkapnya dapat dibaca di sini:"
    link = "Kenapa Kota Bandung Terasa Lebih Dingin? Ini Penjelasan BMKG"
    item = "2. Harga cabai di pasar tradisional naik"
    fams = families(BODY[1], pointer, link, BODY[0], pointer, item, BODY[1], site="kompas")
    assert fams[1:8] == ["body", "related-link", "related-link", "body", "related-link",
                         "body", "body"]  # fmt: skip


def test_the_headline_the_photo_widget_names_is_the_headline() -> None:
    """A citizen-journalism page: the section's name, its blurb and a breadcrumb-like credit
    stand above the headline, and only the photo widget's "zoom-in <headline>" says which
    block is the headline (after 2020-2021 Tribunners pages)."""
    headline = "Gaduhnya Perusahaan Negara dari Dalam dan Luar"
    dump = "\n".join(["Tribunners", "Tribunners",
                      "Tribunners adalah platform jurnalisme warga. Kirim tulisan Anda ke redaksi.",
                      "Tribunners / Citizen Journalism", headline,
                      "Banyak kepentingan bertemu di perusahaan negara, dari bisnis sampai politik.",
                      "Editor: Budi Santoso", f"zoom-in {headline}", "kolase tribunnews",
                      "Dua pejabat berbincang di sela rapat di Jakarta", *BODY[1:],
                      "Persaingan antarkelompok di dalamnya juga ramai dibicarakan orang."])  # fmt: skip
    result = clean(dump, "tribun")
    assert result.title == headline
    assert "Tribunners" not in result.text
