"""kompas.com (KG Media): all ``*.kompas.com`` hosts and ``www.kompas.com/<section>`` pages."""

from __future__ import annotations

from cleaners.profile import Family, HtmlLayout, SiteProfile

KOMPAS = SiteProfile(
    name="kompas",
    domains=("kompas.com",),
    text_markers=(
        r"Kompas\.com\s*-\s*\d{2}/\d{2}/\d{4}",  # the date line under every headline
        r", KOMPAS\.com\s*[-–—]",  # the dateline that opens the body ("MOSKWA, KOMPAS.com -")
        r"Kompas\.com\+",  # the membership prompt on every page
        r"kompas\.id",
    ),
    families=(
        Family("membership", (r"kompas\.?com\+", r"^gabung kompas")),
        # Fact-check verdict badges above the body ("HOAKS", "Keliru!") and the verdict line.
        Family(
            "fact-check",
            (
                r"^\[?(?:hoaks|hoax|salah|keliru|benar|fakta|misleading|menyesatkan|disinformasi|"
                r"misinformasi|klarifikasi|cek fakta|tidak benar)\]?!?$",
                r"^berdasarkan (?:verifikasi|penelusuran|pemeriksaan) (?:tim )?kompas\.com\b",
            ),
            max_words=25,
        ),
        Family(
            "promotion",
            (
                r"^dapatkan update berita pilihan",
                r"^klik untuk baca\s*:",
                r"kompascom\+",
                r"^(?:kompas\.com|kompascom) (?:plus|\+)",
                # Reader-support and audio prompts of the 2023- layout.
                r"^(?:beri|berikan|kirim|kirimkan) apresiasi\b",
                r"^apresiasi spesial\b",
                r"^terima kasih (?:telah|sudah) (?:membaca|memberi|mendukung)\b",
                r"^(?:dengarkan|putar) (?:artikel|berita|audio)\b",
            ),
        ),
    ),
    html=HtmlLayout(
        title=("h1.read__title",),
        body=("div.read__content div.clearfix", "div.read__content"),
        drop=(
            "p:has(a.inner-link-baca-juga)",
            ".inner-link-baca-juga",
            ".read__paging",
            ".photo__wrap",
            ".photo__caption",
            ".gate-kgplus",
            ".ads-on-body",
            ".ads-partner-wrap",
            ".kompasidRec",
            "script",
            "style",
            "iframe",
            "noscript",
        ),
        authors=(".read__credit__item a", ".credit-title-name a"),
        published=(".read__time",),
        section=(".breadcrumb__item:nth-of-type(2) a",),
        tags=(".tag__article__item a",),
        pagination=(".read__paging a.paging__link",),
    ),
)
