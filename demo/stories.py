"""The articles of the offline demo: their text (the ground truth) and their metadata.

Body blocks are paragraphs; a block starting with "## " is an in-article subheading. ``pages``
splits the body into the article's pages. Seed articles reuse the seeds' reference texts.
"""

from __future__ import annotations

from pathlib import Path

GOLDEN = Path(__file__).resolve().parent.parent / "tests" / "golden"


def _golden_body(name: str) -> list[str]:
    """The body blocks of a seed's reference text (headline dropped); subheadings marked."""
    blocks = GOLDEN.joinpath(name).read_text(encoding="utf-8").split("\n\n")[1:]
    blocks = [b.strip("\n") for b in blocks]
    return [f"## {b}" if b in SUBHEADINGS else b for b in blocks]


SUBHEADINGS = {
    "Putin minta Armenia kurangi eskalasi",
    "5 menit gencatan senjata",
    "Tidak ada solusi militer",
}

KOMPAS_AZERBAIJAN_P1 = [
    "MOSKWA, KOMPAS.com - Azerbaijan dan Armenia pada Selasa (29/9/2020) menolak tekanan "
    "internasional untuk mengadakan pembicaraan damai, sementara pertempuran di wilayah "
    "Nagorny-Karabakh memasuki hari ketiga.",
    "Presiden Azerbaijan Ilham Aliyev mengatakan tidak ada ruang untuk perundingan selama "
    "pasukan Armenia masih berada di wilayah yang diakui secara internasional sebagai bagian "
    "dari Azerbaijan.",
    "Perdana Menteri Armenia Nikol Pashinyan juga mengatakan kepada wartawan bahwa pembicaraan "
    "tidak mungkin dilakukan ketika pertempuran masih berlangsung.",
    "## Tuduhan tentara bayaran",
    "Kedua negara saling menuduh telah memulai pertempuran pada Minggu (27/9/2020), yang menjadi "
    "bentrokan paling mematikan sejak perang pada 1990-an.",
]

ARTICLES: list[dict] = [
    # --- kompas.com ------------------------------------------------------------------------
    {
        "site": "kompas",
        "slug": "azerbaijan-dan-armenia-tolak-perundingan",
        "url": "https://www.kompas.com/global/read/2020/09/30/120600570/"
        "azerbaijan-dan-armenia-tolak-perundingan-di-tengah-eskalasi-konflik",
        "title": "Azerbaijan dan Armenia Tolak Perundingan di Tengah Eskalasi Konflik",
        "published": "2020-09-30T12:06:00+07:00",
        "authors": ["Miranti Kencana Wirawan"],
        "editor": "Miranti Kencana Wirawan",
        "source": "Aljazeera",
        "section": "Global",
        "tags": ["Armenia", "Azerbaijan", "Nagorno-Karabakh"],
        "caption": "Tentara Armenia berjaga di garis depan Nagorno-Karabakh. (AFP/KAREN MINASYAN)",
        "pages": [KOMPAS_AZERBAIJAN_P1, _golden_body("000_9da027cb6d3a529b.txt")],
        "page_all": True,
    },
    {
        "site": "kompas",
        "slug": "rusia-tawarkan-jadi-tuan-rumah",
        "url": "https://www.kompas.com/global/read/2020/10/01/153200670/"
        "rusia-tawarkan-jadi-tuan-rumah-pembicaraan-damai-perang-armenia-azerbaijan",
        "title": "Rusia Tawarkan Jadi Tuan Rumah Pembicaraan Damai Perang Armenia-Azerbaijan",
        "published": "2020-10-01T15:32:00+07:00",
        "authors": ["Shintaloka Pradita Sicca"],
        "editor": "Shintaloka Pradita Sicca",
        "source": "BBC",
        "section": "Global",
        "tags": ["Rusia", "Armenia", "Azerbaijan"],
        "caption": "Menteri Luar Negeri Rusia Sergei Lavrov. (AFP/ALEXANDER NEMENOV)",
        "pages": [_golden_body("001_410e021aa0ee1c2c.txt")],
        "page_all": True,
    },
    {
        "site": "kompas",
        "slug": "armenia-minta-bantuan-rusia",
        "url": "https://www.kompas.com/global/read/2022/09/13/193100870/"
        "armenia-minta-bantuan-rusia-pasca-bentrokan-berdarah-di-perbatasan-dengan-azerbaijan",
        "title": "Armenia Minta Bantuan Rusia Pasca Bentrokan Berdarah di Perbatasan dengan Azerbaijan",
        "published": "2022-09-13T19:31:00+07:00",
        "authors": ["Bernadette Aderi Puspaningrum"],
        "editor": "Bernadette Aderi Puspaningrum",
        "source": "AFP",
        "section": "Global",
        "tags": ["Armenia", "Rusia"],
        "caption": "Tentara Armenia di perbatasan dengan Azerbaijan. (AFP/KAREN MINASYAN)",
        "pages": [_golden_body("004_15cf8296751ff347.txt")],
        "page_all": True,
    },
    {
        # Two pages, and the mirror has no ?page=all for it: the spider must follow the pages.
        "site": "kompas",
        "slug": "banjir-rendam-permukiman-di-jakarta-timur",
        "url": "https://megapolitan.kompas.com/read/2020/10/05/081500201/"
        "banjir-rendam-permukiman-di-jakarta-timur-ratusan-warga-mengungsi",
        "title": "Banjir Rendam Permukiman di Jakarta Timur, Ratusan Warga Mengungsi",
        "published": "2020-10-05T08:15:00+07:00",
        "authors": ["Walda Marison"],
        "editor": "Sabrina Asril",
        "source": None,
        "section": "Megapolitan",
        "tags": ["Banjir Jakarta", "Jakarta Timur"],
        "caption": "Warga melintasi banjir di Cawang, Jakarta Timur. (KOMPAS.com/WALDA MARISON)",
        "pages": [
            [
                "JAKARTA, KOMPAS.com - Banjir setinggi hingga 1,5 meter merendam permukiman warga "
                "di Kelurahan Cawang, Jakarta Timur, Senin (5/10/2020) pagi.",
                "Air mulai masuk ke rumah warga sejak Minggu malam setelah hujan deras mengguyur "
                "kawasan Bogor dan Jakarta selama beberapa jam.",
                "Lurah Cawang mengatakan, ratusan warga telah dievakuasi ke posko pengungsian di "
                "sebuah sekolah dasar yang tidak terdampak banjir.",
                "## Kiriman dari Bogor",
            ],
            [
                "Menurut petugas pintu air, tinggi muka air di Bendung Katulampa sempat mencapai "
                "siaga dua pada Minggu sore.",
                '"Kami imbau warga di bantaran Sungai Ciliwung tetap waspada karena hujan masih '
                'berpotensi turun," ujar petugas tersebut.',
                "Badan Penanggulangan Bencana Daerah DKI Jakarta mencatat 12 RT di Jakarta Timur "
                "terdampak banjir pada Senin pagi.",
            ],
        ],
        "page_all": False,
    },
    # --- kumparan.com ----------------------------------------------------------------------
    {
        "site": "kumparan",
        "slug": "jelang-pembicaraan-damai",
        "url": "https://kumparan.com/kumparannews/"
        "jelang-pembicaraan-damai-militer-azerbaijan-armenia-malah-bentrok-24JyQ2X5kLm",
        "title": "Jelang Pembicaraan Damai, Militer Azerbaijan-Armenia Malah Bentrok",
        "published": "2020-10-08T09:25:00Z",
        "authors": ["kumparanNEWS"],
        "section": "News",
        "tags": ["Armenia", "Azerbaijan", "Konflik"],
        "caption": "Artileri Armenia terlihat di dekat perbatasan Nagorno-Karabakh. Foto: Reuters",
        "pages": [[b for b in _golden_body("002_140e7188a0039106.txt")]],
    },
    {
        "site": "kumparan",
        "slug": "harga-beras-medium-naik",
        "url": "https://kumparan.com/kumparanbisnis/"
        "harga-beras-medium-naik-jelang-ramadhan-bapanas-siapkan-operasi-pasar-22aBcD3eFgH",
        "title": "Harga Beras Medium Naik Jelang Ramadhan, Bapanas Siapkan Operasi Pasar",
        "published": "2020-10-06T07:05:00Z",
        "authors": ["kumparanBISNIS"],
        "section": "Bisnis",
        "tags": ["Beras", "Harga Pangan"],
        "caption": "Pedagang beras di Pasar Induk Cipinang, Jakarta. Foto: Jamal Ramadhan/kumparan",
        "pages": [
            [
                "Harga beras medium di sejumlah pasar tradisional naik menjelang bulan Ramadhan.",
                "Badan Pangan Nasional (Bapanas) menyiapkan operasi pasar di 500 titik untuk "
                "menahan kenaikan harga.",
                "Kepala Bapanas mengatakan stok beras pemerintah saat ini mencapai 1,2 juta ton.",
                "## Operasi pasar dimulai pekan depan",
                "Operasi pasar akan dimulai di Jakarta, Bandung, dan Surabaya sebelum diperluas ke "
                "daerah lain.",
            ]
        ],
    },
    {
        "site": "kumparan",
        "slug": "timnas-u19-menang",
        "url": "https://kumparan.com/kumparanbola/"
        "timnas-u-19-indonesia-menang-telak-atas-bosnia-di-kroasia-25XyZ9aBcDe",
        "title": "Timnas U-19 Indonesia Menang Telak atas Bosnia di Kroasia",
        "published": "2020-10-02T13:40:00Z",
        "authors": ["kumparanBOLA"],
        "section": "Bola & Sports",
        "tags": ["Timnas U-19", "Shin Tae-yong"],
        "caption": "Pemain Timnas U-19 Indonesia merayakan gol. Foto: Dok. PSSI",
        "pages": [
            [
                "Timnas U-19 Indonesia menang 3-0 atas Bosnia dan Herzegovina dalam laga uji coba "
                "di Stadion Velika Gorica, Kroasia, Jumat (2/10) malam WIB.",
                "Dua gol dicetak pada babak pertama lewat sundulan bek tengah dan tendangan bebas "
                "dari luar kotak penalti.",
                "Pelatih Shin Tae-yong mengaku puas dengan disiplin pemainnya dalam menjalankan "
                "instruksi di lapangan.",
                '"Anak-anak bermain sesuai rencana, tetapi kami masih harus memperbaiki '
                'penyelesaian akhir," kata Shin.',
            ]
        ],
    },
    {
        "site": "kumparan",
        "slug": "cara-membuat-rendang",
        "url": "https://kumparan.com/kumparanfood/"
        "cara-membuat-rendang-daging-empuk-ala-rumah-makan-padang-21QwErTy123",
        "title": "Cara Membuat Rendang Daging Empuk ala Rumah Makan Padang",
        "published": "2020-10-03T03:00:00Z",
        "authors": ["kumparanFOOD"],
        "section": "Food & Travel",
        "tags": ["Resep", "Rendang"],
        "caption": "Rendang daging sapi. Foto: Shutterstock",
        "pages": [
            [
                "Rendang adalah masakan daging berbumbu santan yang dimasak lama hingga kering.",
                "Kunci rendang yang empuk terletak pada pemilihan potongan daging dan api kecil "
                "selama proses memasak.",
                "## Bahan yang dibutuhkan",
                "Siapkan satu kilogram daging sapi bagian paha, dua liter santan, serai, daun "
                "jeruk, dan bumbu halus.",
                "Masak santan bersama bumbu hingga mendidih, lalu masukkan daging dan aduk "
                "perlahan selama tiga sampai empat jam.",
            ]
        ],
    },
    # --- tribunnews.com --------------------------------------------------------------------
    {
        "site": "tribun",
        "slug": "rusia-turun-tangan",
        "url": "https://www.tribunnews.com/internasional/2020/10/10/"
        "rusia-turun-tangan-perang-armenia-azerbaijan-makin-buruk-hingga-ancam-keamanan-perbatasan",
        "title": "Rusia Turun Tangan, Perang Armenia Azerbaijan Makin Buruk hingga Ancam Keamanan "
        "Perbatasan",
        "topic": "Perang Armenia dan Azerbaijan",
        "deck": "Bentrokan juga meningkatkan kekhawatiran tentang keamanan jaringan pipa yang "
        "membawa minyak dan gas Azeri ke Eropa",
        "published": "2020-10-10T19:05:00+07:00",
        "authors": ["Tiara Shelavie"],
        "editor": "Hasyim Ashari",
        "section": "Internasional",
        "tags": ["Armenia", "Azerbaijan", "Rusia"],
        "photo_credit": "AP/Alexei Druzhinin",
        "caption": "Presiden Rusia Vladimir Putin menunjukkan paspornya kepada anggota komisi "
        "pemilihan di Moskwa, Rusia, Rabu, 1 Juli 2020.",
        "pages": [
            [
                "TRIBUNNEWS.COM - Armenia dan Azerbaijan menyepakati gencatan senjata mulai Sabtu "
                "(10/10/2020) setelah pembicaraan yang dimediasi Rusia di Moskwa.",
                "Kesepakatan itu dicapai setelah hampir dua pekan pertempuran yang menewaskan "
                "ratusan orang di wilayah Nagorno-Karabakh.",
                "Bentrokan juga meningkatkan kekhawatiran tentang keamanan jaringan pipa yang "
                "membawa minyak dan gas Azeri ke Eropa.",
            ],
            _golden_body("003_6aa9c62a79b914aa.txt"),
            [
                "Turki, sekutu dekat Azerbaijan, menyatakan dukungan penuh terhadap upaya Baku "
                "untuk merebut kembali wilayahnya.",
                "Sementara itu, Iran yang berbatasan dengan kedua negara meminta semua pihak "
                "menahan diri agar konflik tidak meluas ke kawasan.",
            ],
        ],
        "page_all": True,
    },
    {
        "site": "tribun",
        "slug": "banjir-rendam-ratusan-rumah-di-semarang",
        "url": "https://jateng.tribunnews.com/2020/10/06/"
        "banjir-rendam-ratusan-rumah-di-semarang-warga-mengungsi-ke-masjid",
        "title": "Banjir Rendam Ratusan Rumah di Semarang, Warga Mengungsi ke Masjid",
        "topic": "Banjir Semarang",
        "deck": "Hujan deras sejak sore membuat Kali Beringin meluap dan merendam permukiman warga.",
        "published": "2020-10-06T21:10:00+07:00",
        "authors": ["Rahdyan Trijoko Pamungkas"],
        "editor": "Muhammad Olies",
        "section": "Semarang",
        "tags": ["Banjir", "Semarang"],
        "photo_credit": "Tribunjateng.com/Rahdyan Trijoko Pamungkas",
        "caption": "Warga mengevakuasi barang dari rumah yang terendam banjir di Mangkang, "
        "Semarang.",
        "byline": "Laporan Wartawan Tribunjateng.com, Rahdyan Trijoko Pamungkas",
        "pages": [
            [
                "TRIBUNJATENG.COM, SEMARANG - Ratusan rumah di Kelurahan Mangkang Wetan, Kota "
                "Semarang, terendam banjir setelah hujan deras mengguyur sejak Selasa sore.",
                "Ketinggian air di beberapa titik mencapai satu meter sehingga warga memilih "
                "mengungsi ke masjid terdekat.",
                "Lurah Mangkang Wetan mengatakan pihaknya telah menyiapkan dapur umum bagi para "
                "pengungsi.",
                "## Dapur umum didirikan",
                '"Kami sudah koordinasi dengan BPBD dan relawan untuk kebutuhan makan warga," '
                "katanya.",
            ]
        ],
        "page_all": True,
    },
    {
        # A syndicated copy of the Kompas article above, with Tribun's note at the end.
        "site": "tribun",
        "slug": "rusia-tawarkan-jadi-tuan-rumah-tribun",
        "url": "https://www.tribunnews.com/internasional/2020/10/01/"
        "rusia-tawarkan-jadi-tuan-rumah-pembicaraan-damai-perang-armenia-azerbaijan",
        "title": "Rusia Tawarkan Jadi Tuan Rumah Pembicaraan Damai Perang Armenia-Azerbaijan",
        "topic": "Perang Armenia dan Azerbaijan",
        "deck": "Rusia bersedia menjadi tuan rumah dialog penyelesaian sengketa Nagorny Karabakh.",
        "published": "2020-10-01T17:45:00+07:00",
        "authors": ["Tribun Network"],
        "editor": "Sanusi",
        "section": "Internasional",
        "tags": ["Rusia", "Armenia"],
        "photo_credit": "AFP/Alexander Nemenov",
        "caption": "Menteri Luar Negeri Rusia Sergei Lavrov.",
        "syndicated_from": "Kompas.com",
        "pages": [_golden_body("001_410e021aa0ee1c2c.txt")],
        "page_all": True,
    },
    {
        "site": "tribun",
        "slug": "pemerintah-tetapkan-cuti-bersama",
        "url": "https://www.tribunnews.com/nasional/5123456/"
        "pemerintah-tetapkan-cuti-bersama-akhir-tahun-dikurangi",
        "title": "Pemerintah Tetapkan Cuti Bersama Akhir Tahun Dikurangi",
        "topic": "Cuti Bersama 2020",
        "deck": "Keputusan diambil untuk mencegah lonjakan kasus Covid-19 saat libur panjang.",
        "published": "2020-10-09T14:20:00+07:00",
        "authors": ["Taufik Ismail"],
        "editor": "Dewi Agustina",
        "section": "Nasional",
        "tags": ["Cuti Bersama", "Libur Panjang"],
        "photo_credit": "Tribunnews.com/Irwan Rismawan",
        "caption": "Suasana arus mudik di Terminal Kampung Rambutan, Jakarta Timur.",
        "pages": [
            [
                "TRIBUNNEWS.COM, JAKARTA - Pemerintah memutuskan mengurangi jumlah cuti bersama "
                "akhir tahun 2020 dari semula lima hari menjadi tiga hari.",
                "Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan mengatakan "
                "keputusan itu diambil setelah rapat koordinasi dengan sejumlah kementerian.",
                "Pemerintah berharap pengurangan cuti bersama dapat menekan mobilitas masyarakat "
                "selama libur panjang.",
            ]
        ],
        "page_all": True,
    },
]

# A near-duplicate: a Tribun regional host republishes the Kompas flood story with its own
# headline, dateline and closing line, and the syndication note. Not the same text, the same story.
_KOMPAS_FLOOD = next(
    a for a in ARTICLES if a["slug"] == "banjir-rendam-permukiman-di-jakarta-timur"
)
_COPY_BODY = [b for p in _KOMPAS_FLOOD["pages"] for b in p]
_COPY_BODY[0] = _COPY_BODY[0].replace("JAKARTA, KOMPAS.com -", "TRIBUNJATENG.COM, JAKARTA -")
ARTICLES.append(
    {
        "site": "tribun",
        "slug": "banjir-cawang-salinan",
        "url": "https://jateng.tribunnews.com/2020/10/05/"
        "banjir-setinggi-15-meter-rendam-cawang-ratusan-warga-mengungsi",
        "title": "Banjir Setinggi 1,5 Meter Rendam Cawang, Ratusan Warga Mengungsi",
        "topic": "Banjir Jakarta",
        "deck": "Air mulai masuk ke rumah warga sejak Minggu malam.",
        "published": "2020-10-05T11:30:00+07:00",
        "authors": ["Tribun Network"],
        "editor": "Muhammad Olies",
        "section": "Nasional",
        "tags": ["Banjir Jakarta"],
        "photo_credit": "KOMPAS.com/Walda Marison",
        "caption": "Warga melintasi banjir di Cawang, Jakarta Timur.",
        "syndicated_from": "Kompas.com",
        "pages": [
            [*_COPY_BODY, "Warga diminta menghubungi nomor darurat 112 bila membutuhkan bantuan."]
        ],
        "page_all": True,
    }
)

# Pages the language stage must keep out of the corpus.
ARTICLES.append(
    {
        "site": "tribun",
        "slug": "english-page",
        "language": "en",
        "url": "https://www.tribunnews.com/internasional/2020/10/08/"
        "armenia-and-azerbaijan-agree-to-talks-in-geneva",
        "title": "Armenia and Azerbaijan Agree to Talks in Geneva",
        "topic": "Tribunnews English",
        "deck": "Mediators from France, Russia and the United States will meet both sides.",
        "published": "2020-10-08T12:00:00+07:00",
        "authors": ["Tribunnews English"],
        "editor": "Hasyim Ashari",
        "section": "Internasional",
        "tags": ["Armenia"],
        "photo_credit": "AFP/Stringer",
        "caption": "Soldiers near the front line in Nagorno-Karabakh.",
        "pages": [
            [
                "TRIBUNNEWS.COM - Armenia and Azerbaijan agreed on Thursday to send envoys to "
                "talks in Geneva, the first meeting since fighting broke out two weeks ago.",
                "The foreign ministers of France, Russia and the United States said the talks "
                "would focus on a lasting ceasefire and the return of prisoners.",
                "Fighting continued overnight around the city of Stepanakert, officials said.",
            ]
        ],
        "page_all": True,
    }
)
ARTICLES.append(
    {
        "site": "tribun",
        "slug": "malay-page",
        "language": "ms",
        "url": "https://www.tribunnews.com/internasional/2020/10/09/"
        "kerajaan-malaysia-umum-bantuan-wang-tunai-baharu",
        "title": "Kerajaan Malaysia Umum Bantuan Wang Tunai Baharu",
        "topic": "Malaysia",
        "deck": "Bantuan itu diberikan kepada isi rumah berpendapatan rendah.",
        "published": "2020-10-09T09:00:00+07:00",
        "authors": ["Bernama"],
        "editor": "Sanusi",
        "section": "Internasional",
        "tags": ["Malaysia"],
        "photo_credit": "Bernama/Stringer",
        "caption": "Perdana Menteri Malaysia di Putrajaya.",
        "pages": [
            [
                "TRIBUNNEWS.COM, KUALA LUMPUR - Kerajaan Malaysia mengumumkan bahawa bantuan wang "
                "tunai baharu akan diberikan kepada isi rumah berpendapatan rendah mulai bulan "
                "depan.",
                "Menteri Kewangan berkata bantuan itu perlu kerana kos sara hidup meningkat, iaitu "
                "akibat kenaikan harga barang keperluan.",
                "Permohonan boleh dibuat secara dalam talian dan bantuan akan dikreditkan terus ke "
                "akaun bank penerima.",
            ]
        ],
        "page_all": True,
    }
)

# Listed in the Tribun sitemap but disallowed by robots.txt: must never be fetched.
DISALLOWED = {
    "site": "tribun",
    "slug": "artikel-premium-tertutup",
    "url": "https://www.tribunnews.com/premium/2020/10/07/artikel-premium-tertutup-untuk-robot",
    "title": "Artikel Premium Tertutup untuk Robot",
    "topic": "Premium",
    "deck": "Halaman ini tidak boleh diambil oleh crawler.",
    "published": "2020-10-07T10:00:00+07:00",
    "authors": ["Redaksi"],
    "editor": "Redaksi",
    "section": "Premium",
    "tags": [],
    "photo_credit": "Tribunnews.com/Redaksi",
    "caption": "Ilustrasi.",
    "pages": [["TRIBUNNEWS.COM - Paragraf ini tidak boleh masuk ke korpus."]],
    "page_all": True,
}

# A Kompas page after a redesign: none of the profile's selectors match, so the spider falls
# back to trafilatura plus the same cleaner (and counts it).
CHANGED_LAYOUT = {
    "site": "kompas",
    "slug": "kompas-tata-letak-baru",
    "url": "https://tekno.kompas.com/read/2020/10/07/101500227/"
    "pemerintah-resmi-blokir-ribuan-situs-judi-online",
    "title": "Pemerintah Resmi Blokir Ribuan Situs Judi Online",
    "published": "2020-10-07T10:15:00+07:00",
    "authors": ["Lely Maulida"],
    "editor": "Wahyunanda Kusuma Pertiwi",
    "section": "Tekno",
    "tags": ["Judi Online"],
    "pages": [
        [
            "JAKARTA, KOMPAS.com - Kementerian Komunikasi dan Informatika mengumumkan telah "
            "memblokir lebih dari 5.000 situs judi online sepanjang bulan September 2020.",
            "Menurut Menteri Kominfo, pemblokiran dilakukan bersama kepolisian dan perbankan untuk "
            "memutus aliran dana para bandar.",
            "Sebagian besar situs yang diblokir menggunakan nama domain yang mirip dengan situs "
            "resmi pemerintah dan lembaga pendidikan.",
            '"Kami tidak akan berhenti. Setiap hari tim kami menelusuri situs baru," ujar dia '
            "dalam konferensi pers di Jakarta, Rabu (7/10/2020).",
        ]
    ],
    "page_all": True,
}
