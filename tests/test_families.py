"""Each chrome family, in wordings the seeds do not contain, and article text that must survive."""

from __future__ import annotations

import pytest

from cleaners import clean_blocks

TITLE = "Judul Artikel Uji"


def _family(line: str, site: str = "generic") -> str:
    """The family that decides a line when it stands inside an article body (not at its end)."""
    body = [
        "Paragraf pembuka artikel ini berisi kalimat yang cukup panjang untuk dianggap isi.",
        line,
        "Paragraf penutup artikel ini juga berisi kalimat lengkap yang diakhiri dengan titik.",
    ]
    result = clean_blocks(body, site, title=TITLE)
    return result.decisions[1].family


DROPPED = [
    # pointers elsewhere, however worded (after real round-ups' lines)
    ("related-link", "kompas", "Berita lengkapnya bisa dibaca di sini."),
    ("related-link", "kompas", "Ulasan selengkapnya dapat Anda simak [di sini]."),
    ("related-link", "kompas", "Bagaimana akhir ceritanya? Baca di tautan ini."),
    ("related-link", "generic", "Simak penjelasan lengkapnya dalam artikel berikut:"),
    # sign-up and contest boxes (after real ones)
    ("promotion", "kompas", "Dapatkan berita pilihan setiap pagi di email kamu."),
    ("promotion", "kompas", "Daftarkan e-mail"),
    ("promotion", "kompas", "Tulis komentarmu di kolom komentar dan menangkan voucher belanja!"),
    ("promotion", "kompas", "Segera lengkapi data dirimu untuk ikut program ini."),
    # credit lines in other shapes (after real ones)
    ("metadata", "kompas", "Sumber: KOMPAS.com (Nama Satu, Nama Dua, Nama Tiga)"),
    ("metadata", "tribun", "Penulis Nama Penulis | Editor: Nama Editor"),
    # membership, paywall and login prompts
    ("membership", "kompas", "Gabung Kompas.com+ sekarang dan nikmati berita tanpa iklan"),
    ("membership", "generic", "Login untuk membaca artikel premium ini"),
    ("membership", "generic", "Masuk ke akun Anda untuk mengakses konten ini"),
    ("membership", "generic", "Berlangganan sekarang, gratis 7 hari pertama"),
    # ad markers and ad slots
    ("advertisement", "kumparan", "Advertisement"),
    ("advertisement", "generic", "Iklan"),
    ("advertisement", "generic", "Tutup Iklan"),
    # another story's headline signed with its newsroom; a TV channel's video title;
    # the prayer-times widget (our own wordings)
    (
        "related-link",
        "tribun",
        "Harga Cabai di Pasar Induk Turun Jelang Akhir Pekan (Tribunjateng.com)",
    ),
    (
        "related-link",
        "kompas",
        "Wali Kota Resmikan Taman Baru untuk Warga di Pinggir Kali (Kompas.com)",
    ),
    ("video-promo", "kompas", "Kompas TV Warga Antre Minyak Goreng Murah di Pasar Pagi"),
    ("video-promo", "tribun", "Tribun TV Detik-detik Banjir Bandang Terjang Permukiman"),
    ("prayer-times", "kumparan", "3 Syawal 1445 HJumat, 12 April 2024"),
    ("prayer-times", "kumparan", "ashar15:02"),
    ("prayer-times", "kumparan", "Subuh 04:31"),
    # an embedded post as text; a print edition's note
    ("social-embed", "kompas", "— Kantor Berita (@kantorberita) Maret 3, 2024"),
    (
        "social-embed",
        "tribun",
        "Gol indah di menit akhir pertandingan semalam pic.twitter.com/AbC123xyz",
    ),
    ("syndication", "tribun", "Berita ini juga dimuat di Harian Pagi, Senin (4/3/2024)"),
    # related links inside the body
    ("related-link", "tribun", "BACA JUGA: Harga Emas Antam Hari Ini Naik Rp 5.000 per Gram"),
    ("related-link", "kompas", "Baca juga: Cara Cek Penerima Bansos 2024 lewat HP"),
    ("related-link", "generic", "Lihat juga: Video Detik-detik Banjir Bandang di Sumbar"),
    ("related-link", "generic", "Simak juga video berikut ini"),
    ("related-link", "generic", "Baca selengkapnya: Daftar Lengkap Pemenang Piala Citra"),
    ("related-link", "generic", "Berita terkait: Timnas Indonesia Lolos ke Babak Berikutnya"),
    # syndication notes
    (
        "syndication",
        "tribun",
        'Artikel ini telah tayang di Kompas.com dengan judul "Banjir Rendam Ratusan Rumah"',
    ),
    (
        "syndication",
        "tribun",
        "Artikel ini sudah tayang di TribunJateng.com dengan judul Jalan Rusak",
    ),
    ("syndication", "generic", "Berita ini telah dimuat di SerambiNews.com"),
    # promotions
    (
        "promotion",
        "kompas",
        "Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Mari "
        'bergabung di Grup Telegram "Kompas.com News Update", caranya klik link '
        "https://t.me/kompascomupdate, kemudian join.",
    ),
    ("promotion", "tribun", "Ikuti kami di Google News"),
    ("promotion", "generic", "Follow akun Instagram kami untuk info terbaru"),
    ("promotion", "generic", "Download aplikasi kami di Play Store dan App Store"),
    ("promotion", "kompas", "Anda bisa menjadi kolumnis !"),
    ("promotion", "kompas", "Kriteria (salah satu): akademisi, pekerja profesional atau praktisi"),
    # share widgets and icon names
    ("share-widget", "kumparan", "sosmed-facebook-white"),
    ("share-widget", "kumparan", "bookmark-outline"),
    ("share-widget", "generic", "Bagikan"),
    ("share-widget", "generic", "Bagikan artikel ini melalui:"),
    ("share-widget", "generic", "Salin tautan"),
    ("share-widget", "generic", "12 Komentar"),
    # pagination
    ("pagination", "tribun", "Halaman 1/4"),
    ("pagination", "generic", "Halaman selanjutnya"),
    ("pagination", "tribun", "Tampilkan Semua"),
    ("pagination", "generic", "1 2 3 4"),
    # related and recommended list headings
    ("related-list", "tribun", "Berita Terkait"),
    ("related-list", "generic", "Berita Populer"),
    ("related-list", "generic", "Pilihan Untuk Anda"),
    ("related-list", "kompas", "Video Pilihan"),
    ("related-list", "generic", "Artikel Lainnya"),
    ("related-list", "generic", "Topik:"),
    # copyright and footer
    ("copyright", "tribun", "Copyright © 2024 Tribunnews.com, All Rights Reserved"),
    ("copyright", "generic", "© PT Kompas Media Nusantara"),
    ("copyright", "generic", "Pedoman Media Siber"),
    # metadata: dates, bylines, sources
    ("metadata", "tribun", "Senin, 12 Oktober 2020 10:05 WIB"),
    ("metadata", "kompas", "Kompas.com - 05/01/2024, 07:15 WIB"),
    ("metadata", "generic", "Rabu, 4 Sep 2024 19:30 WITA"),
    ("metadata", "tribun", "Penulis: Taufik Ismail | Editor: Dewi Agustina"),
    ("metadata", "tribun", "Laporan Wartawan Tribunnews.com, Rizki Sandi Saputra"),
    ("metadata", "generic", "Editor: Palupi Annisa Auliani"),
    ("metadata", "generic", "Reporter: Ahmad Fauzi"),
    ("metadata", "kompas", "Sumber: Antara"),
    ("metadata", "generic", "Diperbarui: 3 Maret 2023 14:02 WIB"),
    # photo credits and captions
    ("photo-credit", "tribun", "Tribunnews.com/Irwan Rismawan"),
    ("photo-credit", "kompas", "KOMPAS.com/GARRY LOTULUNG"),
    ("photo-credit", "generic", "Istimewa"),
    ("caption", "kompas", "Ilustrasi vaksinasi di sebuah puskesmas. (SHUTTERSTOCK/LUCIGERMA)"),
    (
        "caption",
        "kompas",
        "Suasana arus mudik di Tol Cikampek, Jumat (5/4/2024). (KOMPAS.com/ADHYASTA)",
    ),
    (
        "caption",
        "kumparan",
        "Presiden Joko Widodo di Istana Merdeka. Foto: Biro Pers Sekretariat Presiden",
    ),
    ("caption", "tribun", "Petugas memadamkan api di Pasar Senen. (Tribunnews.com/Jeprima)"),
    ("caption", "generic", "Warga antre minyak goreng di Medan. (ANTARA FOTO/Fransisco Carolio)"),
    # the families real pages showed (own wordings, several per family)
    ("related-link", "tribun", "Baca: Polisi Selidiki Penyebab Kebakaran Gudang di Cakung"),
    ("related-link", "kompas", "(Baca: Pemkot Bogor Siapkan 20 Titik Pengungsian)"),
    ("related-link", "generic", "BACA: Jadwal Lengkap Timnas U23 di Piala Asia"),
    ("related-link", "tribun", "Selengkapnya baca di sini"),
    ("related-link", "tribun", "SELENGKAPNYA KLIK DI SINI"),
    ("related-link", "generic", "Baca selengkapnya >>"),
    ("promotion", "tribun", "Baca berita TribunJatim.com lainnya di Google News"),
    ("promotion", "tribun", "Ikuti saluran WhatsApp Tribunbanten.com untuk berita terbaru"),
    ("promotion", "kumparan", "kumparan kini hadir di WhatsApp Channel"),
    ("promotion", "kompas", "Baca di App"),
    ("promotion", "tribun", "Unduh aplikasi berita TribunX di Play Store"),
    ("share-widget", "kumparan", "Follow"),
    ("share-widget", "tribun", "Text Sizes"),
    ("share-widget", "tribun", "Larger"),
    ("copyright", "kumparan", "2023 © PT Dynamo Media Network"),
    ("copyright", "kumparan", "Version 2.14.0"),
    ("copyright", "kumparan", "Tentang KamiKetentuan & Kebijakan PrivasiKarier"),
    ("copyright", "tribun", "ยฉ 2024 TRIBUNnews.com Network"),
    ("copyright", "tribun", "Isi komentar menjadi tanggung jawab pengguna sesuai UU ITE."),
    ("copyright", "generic", "About Us Privacy Policy Contact Us Pedoman Media Siber"),
    ("metadata", "kumparan", "Konten dari Pengguna"),
    (
        "metadata",
        "kumparan",
        "Tulisan dari Budi Santoso tidak mewakili pandangan dari redaksi kumparan",
    ),
    ("metadata", "kumparan", "waktu baca 4 menit"),
    ("metadata", "kumparan", "Diperbarui 2 Juni 2021 10:15 WIB"),
    ("metadata", "kompas", "EditorSri Anindiati Nursastri"),
    ("metadata", "kompas", "PenulisAndi Muttya Keteng"),
    ("metadata", "kompas", "Tim Redaksi"),
    ("metadata", "kompas", "Kontributor Manado, Skolastika Lupita,"),
    ("metadata", "tribun", "Video Production: Rizki Aditya"),
    ("metadata", "tribun", "Ringkasan Berita:"),
    ("photo-credit", "tribun", "Kolase TribunJatim.com"),
    ("photo-credit", "tribun", "serambinews.com/budi setiawan"),
    ("photo-credit", "tribun", "Instagram @pemkot_surabaya"),
    ("photo-credit", "tribun", "istimewa"),
    # a regional newsroom credits its own photo or collage (after 2025 Manado pages)
    ("photo-credit", "tribun", "TribunPalu"),
    ("photo-credit", "tribun", "Kolase Foto Tribun Palu"),
    ("photo-credit", "tribun", "kolase tribunmanado"),
    # a video still, and several photos' sources in one credit (after a 2025 round-up)
    ("photo-credit", "tribun", "Akun YouTube Kebun Raya Bogor"),
    # sources chained by slashes, an abbreviation among them (after 2020-2025 pages)
    ("photo-credit", "tribun", "REUTERS/STR/KCNA MELALUI YONHAP"),
    ("photo-credit", "tribun", "KCNA via Yonhap News"),
    ("photo-credit", "kompas", "Dok BPBD GARUT"),
    ("photo-credit", "kompas", "screenshoot Kompas.com/Nama Penulis"),
    ("photo-credit", "tribun", "Tribun Palu Budi Santoso/Dok Polres Palu/Dok. Pribadi"),
    (
        "photo-credit",
        "tribun",
        "Tangkap layar YouTube Kanal Berita; Instagram Dinas Pariwisata; dok. Basarnas",
    ),
    # the link's words alone, misspelt too (after Tribun round-ups of 2017-2023)
    ("related-link", "tribun", "Simak berita selengkapnya"),
    ("related-link", "tribun", "Selengkapnya:"),
    ("related-link", "tribun", "Selenngkapnya"),
    # a comment contest by its terms, a topic to follow, a credit's label and value on two
    # lines, a share count's word (after whole Kompas pages of 2015-2019)
    ("promotion", "kompas", "Menangkan voucher belanja dengan berkomentar di sini! *S&K berlaku"),
    ("promotion", "generic", "Ikuti perkembangan berita ini dalam topik:"),
    ("metadata", "kompas", ": Nama Penulis"),
    ("metadata", "kompas", "Sumber"),
    ("share-widget", "kompas", "Shares"),
    # the comment section's rules and buttons (after a 2015 Kompas page dumped whole)
    (
        "comments",
        "kompas",
        "Pembaca dapat mengirimkan komentar terkait artikel yang ditayangkan di situs ini.",
    ),
    ("comments", "generic", "Laporkan Komentar"),
    ("comments", "kompas", "Ada 3 komentar untuk artikel ini"),
    # the app's and the ad-free tier's promises, share buttons of old networks, a section's
    # index, a box heading, a tag label glued to its tag (after whole pages of 2015-2021)
    ("membership", "generic", "Baca Berita Terbaru Tanpa Terganggu Banyak Iklan"),
    ("promotion", "generic", "Dapatkan Aplikasi"),
    ("share-widget", "tribun", "StumbleUpon"),
    ("share-widget", "tribun", "+ Share"),
    ("related-link", "kompas", "Lihat Regional Selengkapnya"),
    ("related-list", "tribun", "JANGAN LEWATKAN"),
    ("related-list", "tribun", "Terkait#Nama Pejabat"),
    # where the full story can be read, without "selengkapnya" (after a 2020 Kompas round-up)
    ("related-link", "kompas", "Tanggapan pemerintah soal itu dapat disimak di artikel berikut:"),
    (
        "related-link",
        "kompas",
        "Selengkapnya baca : Dua Menteri Dilaporkan ke Lembaga Antikorupsi soal Bisnis Alat Tes",
    ),
    # a pointer to the next page of a round-up item; a link label after a spaced bracket
    ("related-link", "tribun", "Baca Selanjutnya: Warga pesisir diminta waspada gelombang tinggi"),
    ("related-link", "tribun", "( Baca: Jembatan Gantung Putus, Siswa Menyeberang dengan Rakit )"),
    # an image's alt text, the dump cut before its address
    ("markup", "tribun", "![Banjir rendam ratusan rumah di pesisir utara, Senin 3 Maret: Warga"),
    # where the photo stands, in brackets (after a Jatim round-up of 2023)
    ("caption", "tribun", "(Foto kiri) Petugas memadamkan api di lereng gunung pada Kamis malam"),
    # a polite call to follow the newsroom elsewhere (after a Makassar page of 2020)
    ("promotion", "tribun", "Silakan follow Instagram Tribun Palu:"),
    ("caption", "kumparan", "Suasana rapat di kantor desa. Dok: Pemdes Sukamaju"),
    ("caption", "kumparan", "Logo aplikasi (Foto: Wikimedia Commons)"),
    ("caption", "kumparan", "Foto: Suasana pameran buku di Jakarta."),
    ("caption", "tribun", "Gubernur meninjau lokasi banjir (Instagram @humasjateng)"),
    ("caption", "kompas", "Ilustrasi hujan deras di perkotaan"),
    ("markup", "tribun", ":quality(75):format(webp)/jatim/foto/bank/originals/x.jpg"),
    ("markup", "kumparan", "![Pameran otomotif](https://example.org/a.jpg)"),
    ("related-list", "tribun", "| Lima Rumah Terbakar di Kawasan Pasar Lama |"),
    ("related-list", "tribun", "![]() |"),
    ("error-dump", "tribun", "A PHP Error was encountered"),
    ("error-dump", "tribun", "Severity: Warning"),
    ("error-dump", "tribun", "Filename: views/read.php"),
    ("navigation", "tribun", "Home » Regional » Jawa Timur"),
    ("fact-check", "kompas", "HOAKS"),
    ("fact-check", "kompas", "Keliru!"),
    (
        "fact-check",
        "kompas",
        "Berdasarkan verifikasi Kompas.com sejauh ini, klaim tersebut keliru.",
    ),
    # stray fragments and menu words
    ("stray", "generic", "x"),
    ("stray", "generic", "12"),
    ("stray", "generic", "•"),
    ("stray", "kompas", "Megapolitan"),
]


@pytest.mark.parametrize(("family", "site", "line"), DROPPED)
def test_chrome_line_is_dropped_by_its_family(family: str, site: str, line: str) -> None:
    assert _family(line, site) == family


KEPT = [
    # Article text that shares words with chrome families and must stay.
    "Saya lahir dan besar di sini, dan saya tidak akan pindah ke mana-mana.",
    "Warga diminta menulis alamat email mereka pada formulir pendaftaran bantuan.",
    "Sumber di kepolisian menyebutkan pelaku sudah ditangkap di rumahnya pada Selasa malam.",
    "Baca tulis menjadi kemampuan dasar yang harus dikuasai siswa sekolah dasar, kata Menteri.",
    "Iklan rokok di televisi dilarang sejak tahun lalu, tetapi pelanggaran masih ditemukan.",
    "Ia mengajak warga untuk mengikuti vaksinasi dan berbagi informasi lewat WhatsApp keluarga.",
    "Halaman sekolah itu terendam banjir setinggi 50 sentimeter sejak Senin (12/2/2024) pagi.",
    "Kronologi penangkapan",
    "5 menit gencatan senjata",
    "Harga BBM naik mulai 1 September 2022",
    '"Kami akan terus berjuang sampai akhir," kata Aliyev.',
    "JAKARTA, KOMPAS.com - Pemerintah resmi menaikkan harga BBM bersubsidi mulai Sabtu (3/9/2022).",
    "TRIBUNNEWS.COM, SURABAYA - Ribuan warga memadati alun-alun kota untuk merayakan tahun baru.",
    "Penulis buku itu, Andrea Hirata, hadir dalam acara peluncuran di Belitung pada Minggu.",
    "Kementerian Luar Negeri (Kemenlu)",
    "Menurut data Badan Pusat Statistik (BPS), inflasi Mei 2024 tercatat 2,84 persen (yoy).",
    # ... and text near the new families
    'Ia berkata, "baca juga buku sejarah sebelum menilai masa lalu," kepada para mahasiswa.',
    "Tim kumparan mewawancarai sejumlah warga yang terdampak banjir di Bekasi pada Minggu.",
    "Berita itu menyebar cepat di Google News dan media sosial sejak Senin pagi.",
    "Warga diminta melapor melalui aplikasi yang disediakan pemerintah kota sejak tahun lalu.",
    "Harga cabai rawit kini Rp 60 ribu per kilogram di pasar tradisional. (Dedi/tribunjambi)",
    "Pembangunan jembatan itu ditargetkan selesai akhir tahun ini, kata kepala dinas. (Tribunnews.com/Ahmad)",
    "Dia menegaskan bahwa semua pihak harus menghormati proses hukum yang sedang berjalan.",
    "1. Siapkan dokumen kependudukan",
    "Editor senior majalah itu menilai kebijakan baru tersebut terlalu tergesa-gesa.",
    "Versi terbaru aplikasi itu dirilis pekan lalu dengan sejumlah perbaikan keamanan.",
    "Konten yang diunggah pengguna akan diperiksa moderator sebelum tayang, ujarnya.",
    # the network's bare name tops a header; a section's name is no credit
    "Tribun",
    "Tribunners",
    # a list in the article with semicolons but no photo source in it
    "Jadwal pekan ini: Senin rapat; Selasa kunjungan kerja; Rabu sidang paripurna",
    # the round-up's own lead-in to what follows on the page, no link
    "Selengkapnya, simak berita terpopuler Jawa Tengah hari ini di bawah ini.",
    # the dateline's paragraph says where the round-up is: it opens the body
    "TRIBUNNEWS.COM - Rangkuman berita pilihan pekan ini bisa Anda baca di sini.",
]


@pytest.mark.parametrize("line", KEPT)
def test_article_text_is_kept(line: str) -> None:
    assert _family(line, "generic") == "body"
    for site in ("kompas", "kumparan", "tribun"):
        assert _family(line, site) == "body", site


def test_after_body_zone_drops_related_lists_but_only_after_the_body() -> None:
    blocks = [
        "Berita Terkini",  # a list heading before any body: dropped alone, the body still follows
        "Paragraf pertama berita tentang banjir di Jakarta yang merendam ratusan rumah warga.",
        "Paragraf kedua berita yang menjelaskan penyebab banjir dan upaya pemerintah daerah.",
        "Berita Terkait",
        "Judul Berita Lain yang Tidak Boleh Masuk ke Korpus Sama Sekali",
        "Judul berita lain yang ditulis seperti kalimat biasa dan diakhiri titik.",
    ]
    result = clean_blocks(blocks, "tribun", title=TITLE)
    assert result.body == tuple(blocks[1:3])
    assert [d.family for d in result.decisions[3:]] == ["related-list", "after-body", "after-body"]


def test_the_body_resumes_after_a_box_of_other_stories_inside_it() -> None:
    blocks = [
        "Paragraf pertama berita tentang banjir di Jakarta yang merendam ratusan rumah warga.",
        "Berita Populer",
        "Baca: Judul Berita Lain yang Tidak Boleh Masuk ke Korpus",
        "Paragraf berikutnya menjelaskan bahwa air mulai surut pada sore hari itu juga.",
        "Petugas meminta warga tetap waspada karena hujan diperkirakan turun lagi malam ini.",
    ]
    result = clean_blocks(blocks, "tribun", title=TITLE)
    assert result.body == (blocks[0], blocks[3], blocks[4])
    assert [d.family for d in result.decisions[2:4]] == ["after-body", "body"]


def test_a_dump_cut_inside_its_closing_chrome_drops_the_fragment() -> None:
    dump = [
        TITLE,
        "Paragraf pertama berita tentang banjir di Jakarta yang merendam ratusan rumah warga.",
        "Paragraf kedua berita yang menjelaskan penyebab banjir dan upaya pemerintah daerah.",
        "Ikuti kami di WhatsApp Channel untuk berita terbaru setiap hari",
        "Pilihan untu",
    ]
    result = clean_blocks(dump, "kompas")
    assert result.body == tuple(dump[1:3])
    assert result.decisions[-1].family == "cut-chrome"


def test_a_long_headline_alone_between_paragraphs_is_a_link_where_the_site_does_that() -> None:
    paragraphs = [
        "Paragraf pertama berita tentang banjir di Jakarta yang merendam ratusan rumah warga sejak pagi.",
        "Gubernur Tinjau Lokasi Banjir dan Janjikan Bantuan untuk Seluruh Warga Terdampak",
        "Paragraf berikutnya menjelaskan bahwa air mulai surut pada sore hari setelah hujan berhenti.",
    ]
    tribun = clean_blocks(paragraphs, "tribun", title=TITLE)
    assert tribun.body == (paragraphs[0], paragraphs[2])
    assert tribun.decisions[1].family == "related-link"
    # kumparan writes its subheadings so: there it stays.
    assert clean_blocks(paragraphs, "kumparan", title=TITLE).body == tuple(paragraphs)


def test_a_headline_between_two_links_is_one_more_link() -> None:
    """A box of other stories whose quoted or short titles no link shape knows (after a 2016
    Kompas page dumped whole); a sentence with its sign-off between two links stays."""
    quoted = '"Mogok", Striker Tinggalkan Latihan'
    signed = (
        "Termasuk para pedagang, untuk menyadari perlunya menjaga kebersihan pasar demi "
        "kenyamanan pembeli. (Tribun-Video.com)"
    )
    blocks = [
        "Paragraf pertama berita tentang banjir di Jakarta yang merendam ratusan rumah warga sejak pagi.",
        "Baca Juga",
        quoted,
        "Pelatih Baru Dianggap Terlalu Keras kepada Para Pemain Muda Timnas",
        "Tiket Laga Final Piala Presiden Ludes Terjual dalam Dua Jam Saja",
        "Baca: Jembatan Putus, Warga Menyeberang Sungai dengan Rakit Bambu",
        signed,
        "Baca juga berita terkait di sini",
    ]
    decisions = clean_blocks(blocks, "tribun", title=TITLE).decisions
    assert [d.family for d in decisions[1:5]] == ["related-link"] * 4
    assert decisions[6].keep


def test_a_box_under_a_bare_label_and_a_topic_under_a_prompt_are_links() -> None:
    """Old layouts dumped whole: "Baca Juga", then short titles no link shape knows; a prompt
    to follow a topic, then the topic's name; the comment rules end the article, the
    readers' comments under them go too (after 2015-2016 Kompas pages)."""
    blocks = [
        "Paragraf pertama berita tentang banjir di Jakarta yang merendam ratusan rumah warga sejak pagi.",
        "Ikuti perkembangan berita ini dalam topik:",
        "Banjir Jakarta",
        "Baca Juga",
        'Gol "Ajaib" Menangkan Tim Tamu',
        "Penyerang Senior Turun Kasta",
        "Pembaca dapat melaporkan komentar jika dianggap tidak etis atau berbau SARA.",
        "pemerintah harus bertindak cepat, jangan cuma janji saja setiap musim hujan tiba",
    ]
    decisions = clean_blocks(blocks, "kompas", title=TITLE).decisions
    assert [d.keep for d in decisions] == [True] + [False] * 7
    assert [d.family for d in decisions[2:6]] == ["related-link"] * 4


def test_the_link_alone_after_a_short_sentence_and_before_the_dumps_cut_is_a_link() -> None:
    """The paragraph above may be one short sentence, and a dump may be cut inside the one
    under it (after a 2018 Tribun page)."""
    blocks = [
        "Paragraf pertama berita tentang banjir di Jakarta yang merendam ratusan rumah warga sejak pagi.",
        "Wali kota tampak menepuk dahinya sambil tertawa terbahak-bahak.",
        "Pengamat: Pemimpin Sibuk Rapat Sana-sini tapi Alpa Mendengar Suara Warga",
        "Tak hanya itu, video tersebut juga memperlihatkan",
    ]
    tribun = clean_blocks(blocks, "tribun", title=TITLE)
    assert [d.family for d in tribun.decisions] == ["body", "body", "related-link", "body"]


def test_syndication_source_goes_to_metadata() -> None:
    blocks = [
        "SEMARANG, KOMPAS.com - Hujan deras sejak sore membuat sejumlah ruas jalan tergenang.",
        'Artikel ini telah tayang di Kompas.com dengan judul "Hujan Deras, Jalan di Semarang '
        'Tergenang", Klik untuk baca: https://regional.kompas.com/read/2024/01/05/1/hujan',
        "Kompascom+ baca berita tanpa iklan: https://kmp.im/plus6",
    ]
    result = clean_blocks(blocks, "tribun", title=TITLE)
    assert result.body == (blocks[0],)
    assert result.metadata["syndicated_from"] == "Kompas.com"


def test_repeated_caption_and_title_echo_are_dropped() -> None:
    blocks = [
        TITLE,
        "Paragraf pertama berita tentang gempa bumi yang mengguncang Cianjur pada Senin siang.",
        "Paragraf pertama berita tentang gempa bumi yang mengguncang Cianjur pada Senin siang.",
    ]
    result = clean_blocks(blocks, "generic", title=TITLE)
    assert [d.family for d in result.decisions] == ["repeat", "body", "repeat"]


def test_topic_tags_after_the_body_are_dropped_but_a_closing_sentence_stays() -> None:
    blocks = [
        "Paragraf pertama berita tentang harga beras yang naik menjelang bulan Ramadhan.",
        "Operasi pasar dimulai pekan depan",
        "Operasi pasar akan dimulai di Jakarta sebelum diperluas ke daerah lain.",
        "Beras",
        "Harga Pangan",
    ]
    result = clean_blocks(blocks, "kumparan", title=TITLE)
    assert result.body == tuple(blocks[:3])
    assert [d.family for d in result.decisions[3:]] == ["topic-tags", "topic-tags"]


def test_a_listing_page_gives_an_empty_document() -> None:
    from cleaners import clean

    snippets = [
        '"Warga diminta tetap tenang karena status gunung belum naik," kata petugas.',
        "Sejumlah sekolah di lereng gunung meliburkan siswanya sejak pagi tadi.",
        "Jalur pendakian ditutup sampai pemberitahuan lebih lanjut dari balai taman nasional.",
    ]
    listing = "\n".join(["TOPIK", "Gunung Api Aktif", *(f"-\n{s}" for s in snippets)])
    by_shape = clean(listing, "tribun")
    assert by_shape.text == "" and {d.family for d in by_shape.decisions} == {"listing-page"}
    by_url = clean("Judul\nIsi", "tribun", url="https://www.tribunnews.com/topic/gunung-api-aktif")
    assert by_url.text == ""
    # An article under a topic label, with its dateline, is an article.
    article = "\n".join(
        ["TOPIK", "Judul Berita Gunung", "TRIBUNNEWS.COM, JAKARTA - " + snippets[1], "-", "-", "-"]
    )
    assert clean(article, "tribun").text


def test_a_few_words_between_chrome_before_the_body_are_chrome() -> None:
    blocks = [
        "Bagikan",
        "Wali Kota dan Wakil Wali Kota",  # a caption without its credit, between widgets
        "Komentar",
        "Paragraf pertama berita ini cukup panjang untuk dianggap isi artikel yang utuh.",
        "Bagikan",
        "Subjudul di tengah berita",  # after the body began: a subheading stays
        "Komentar",
        "Paragraf kedua berita ini juga panjang dan berakhir dengan titik seperti biasa.",
    ]
    result = clean_blocks(blocks, "tribun", title=TITLE)
    assert result.body == (blocks[3], blocks[5], blocks[7])
    assert result.decisions[1].family == "caption"
