"""kompas.com (KG Media): all ``*.kompas.com`` hosts and ``www.kompas.com/<section>`` pages."""

from __future__ import annotations

from cleaners.profile import Family, HtmlLayout, SiteProfile

KOMPAS = SiteProfile(
    name="kompas",
    domains=("kompas.com",),
    newsrooms=("KOMPAS", "Kompas"),
    text_markers=(
        r"Kompas\.com\s*-\s*\d{2}/\d{2}/\d{4}",  # the date line under every headline
        r", KOMPAS\.com\s*[-–—]",  # the dateline that opens the body ("MOSKWA, KOMPAS.com -")
        r"Kompas\.com\+",  # the membership prompt on every page
        r"kompas\.id",
    ),
    families=(
        Family(
            "membership",
            (r"kompas\.?com\+", r"^gabung kompas", r"baca berita tanpa iklan", r"gabung\s+\S+\+"),
        ),
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
                r"kompascom\+",
                r"^simak breaking news",
                # The column's call for writers ("Anda bisa menjadi kolumnis !", "Kriteria ...").
                r"^(?:anda|kamu) (?:bisa|dapat) menjadi (?:kolumnis|penulis|kontributor)",
                r"^kriteria \(salah satu\)",
            ),
        ),
    ),
    # Sitemaps from www.kompas.com's robots.txt and the daily index; ?page=all serves a whole
    # article.
    start_hosts=("www.kompas.com",),
    main_host="www.kompas.com",
    section_hosts=(
        "nasional",
        "regional",
        "megapolitan",
        "money",
        "tekno",
        "bola",
        "otomotif",
        "lifestyle",
        "health",
        "travel",
        "properti",
        "edukasi",
        "entertainment",
        "internasional",
        "sains",
    ),
    index_urls=("https://indeks.kompas.com/?site=all&date={date}&page={page}",),
    page_all=True,
    # <sub>.kompas.com/read/YYYY/MM/DD/<id of 5-9 digits>/<slug of any form: dotted,
    # capitalised, starting with a dot or dash, "twitter.com">, /read/xml/ (2014-2016),
    # /copy/, www. and amp. with a section first, and the short /read/<25D21050000068>/<slug>.
    article_paths=(
        r"^/(?:[a-z0-9-]+/)?(?:read|copy)/(?:xml/)?(?:\d{4}/\d{2}/\d{2}/\d{5,}|\d{2}[A-Z0-9]{8,})"
        r"/[^/]+/?$",
    ),
    listing_paths=(
        r"^/(?:[a-z0-9-]+/)?(?:tag|tags|topik|topic|search|cari|indeks|index|label|penulis|"
        r"author|jeo/?$)(?:/|$)",
    ),
    layouts=(
        HtmlLayout(
            name="read-2017",
            live="2017-",
            marker=(".read__content", "h1.read__title"),
            title=("h1.read__title",),
            body=("div.read__content div.clearfix", "div.read__content"),
            # (Not the "Baca juga" link's class: the site puts it on ordinary links in a
            # paragraph too; the related-link family reads the label instead.)
            drop=(
                ".read__paging",
                ".photo__wrap",
                ".photo__caption",
                ".gate-kgplus",
                ".ads-on-body",
                ".ads-partner-wrap",
                ".kompasidRec",
                # The mobile template's app-install box and video block inside the body.
                ".bapps-middle",
                ".rVideo-middle",
                "script",
                "style",
                "iframe",
                "noscript",
            ),
            # (the mobile template: "<h6>Penulis: <a>Name</a></h6> | <h6>Editor: ...")
            authors=(
                ".read__credit__item a",
                ".credit-title-name a",
                ".read__credit h6:first-child a",
            ),
            published=(".read__time",),
            # (cssselect implements :nth-of-type only with an element name)
            section=(
                "li.breadcrumb__item:nth-of-type(2) a",
                ".breadcrumb__item + .breadcrumb__item a",
            ),
            tags=(".tag__article__item a",),
            pagination=(".read__paging a.paging__link",),
        ),
        # The 2014-2016 "kcm" pages: headline in an h2 of the top box, body in kcm-read-text
        # (bola: span.kcmread1114; otomotif: div.baca-content / div.div-read), paragraphs
        # often split by <br><br> only, no JSON-LD, a related list and a credit table inline.
        HtmlLayout(
            name="kcm-2014",
            live="2014-2016",
            marker=(
                ".kcm-read-top",
                ".kcm-read-content-top",
                ".kcm-read-text",
                ".kcmread1114",
                ".baca-content",
            ),
            title=(
                ".kcm-read-top h2",
                ".kcm-read-content-top h2",
                ".baca-content h1",
                ".kcm-read-top h1",
            ),
            body=(".kcm-read-text", "span.kcmread1114", ".div-read"),
            drop=(
                ".kcm-read-terkait",
                ".kcm-read-copy",
                ".kcm-share",
                ".kcm-read-share",
                ".kcm-read-top",
                ".photo",
                ".kcm-read-img",
                "script",
                "style",
                "iframe",
                "noscript",
            ),
            # The credit table's first row: "Penulis | : Name" (a name, or a link to it).
            authors=(
                ".kcm-read-copy .penulis a",
                ".kcm-read-copy td a",
                ".kcm-read-copy tr:first-child td:nth-of-type(2)",
            ),
            # "Kamis, 12 Maret 2015 | 10:20 WIB" under the headline.
            published=(".kcm-date", ".kcm-read-date", ".grey.font11", ".kcm-read-top .grey"),
            section=(".breadcrumb li:nth-of-type(2) a", ".kcm-breadcrumb li:nth-of-type(2) a"),
            pagination=(".paging a",),
        ),
        # The 2012-2013 "alt2" pages: headline in the article box's h1, the body's text in
        # div.left-768 split by <br> only, the credit line a list (Penulis, name, date),
        # photos, related lists ("Berita Terkait", "Topik Pilihan") and comments inside it.
        HtmlLayout(
            name="alt2-2013",
            live="2012-2013",
            marker=(".artikel-detail-alt2",),
            title=(".artikel-detail-alt2 > h1",),
            body=(".artikel-detail-alt2 .left-768",),
            drop=(
                ".append-social-shared",
                ".photo",
                ".sumber-artikel",
                ".editor-artikel",
                ".banner-middle",
                ".terkait",
                ".topikPilihanA",
                ".appendTerbaru",
                "#komentar",
                "#sartbox",
                "script",
                "style",
                "iframe",
                "noscript",
            ),
            authors=(".artikel-detail-penulis li.cl-blue",),
            published=(".artikel-detail-penulis li:nth-of-type(3)",),
            section=("#breadcrumb li:nth-of-type(2) a",),
        ),
    ),
)
