"""Build the offline demo mirror (demo/mirror/) and the expected results (demo/expected/).

    python demo/build_mirror.py

Renders whole pages for the three sites from ``demo/stories.py``, modelled on
``site-notes.md``: a head with meta tags and JSON-LD, navigation, header, the article with its
inline chrome (related links, ad slots, captions, promotions, gates), sidebars with related
lists, footer and scripts; plus robots.txt, news sitemaps (one gzipped, one index with an
off-site entry), daily index pages and multi-page articles with and without ``?page=all``.
The output is committed; rerun this after changing the articles or the templates.
"""

from __future__ import annotations

import gzip
import json
import shutil
import sys
from datetime import datetime, timedelta, timezone
from html import escape
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stories import ARTICLES, CHANGED_LAYOUT, DISALLOWED

DEMO = Path(__file__).resolve().parent
MIRROR = DEMO / "mirror"
EXPECTED = DEMO / "expected"
WIB = timezone(timedelta(hours=7))
DAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
MONTHS = "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
MONTHS_ID = MONTHS.split()


def e(text: str) -> str:
    return escape(text, quote=True)


def wib(article: dict) -> datetime:
    return datetime.fromisoformat(article["published"].replace("Z", "+00:00")).astimezone(WIB)


def write(url: str, body: str | bytes) -> None:
    """Store a response in the mirror: /host/path?query -> mirror/host/path@query."""
    parts = urlsplit(url)
    path = parts.path if not parts.path.endswith("/") else parts.path + "index.html"
    name = path.lstrip("/") + (f"@{parts.query}" if parts.query else "")
    target = MIRROR / parts.netloc / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))


def blocks_of(article: dict, page: int | None) -> list[str]:
    """The body blocks a page view shows (None: the whole article)."""
    if page is None:
        return [b for p in article["pages"] for b in p]
    return article["pages"][page - 1]


def expected_text(article: dict) -> str:
    blocks = [article["title"], *(b.removeprefix("## ") for b in blocks_of(article, None))]
    return "\n\n".join(blocks) + "\n"


def json_ld(data: dict) -> str:
    return (
        '<script type="application/ld+json">'
        + json.dumps(data, ensure_ascii=False, indent=1).replace("</", "<\\/")
        + "</script>"
    )


def related(site: str) -> list[tuple[str, str]]:
    """Other demo articles of a site, as (url, title): the sidebars' related lists."""
    return [(a["url"], a["title"]) for a in ARTICLES if a["site"] == site][:4]


# --- kompas.com ----------------------------------------------------------------------------
def kompas_page(a: dict, page: int | None, layout: str = "read") -> str:
    when = wib(a)
    url = a["url"]
    shown = f"{url}?page=all" if page is None else (url if page == 1 else f"{url}?page={page}")
    body: list[str] = []
    for i, block in enumerate(blocks_of(a, page)):
        if block.startswith("## "):
            body.append(f"<h3>{e(block[3:])}</h3>")
        else:
            body.append(f"<p>{e(block)}</p>")
        if i == 1:
            other = related("kompas")[-1]
            body.append(
                f'<p><strong>Baca juga: <a class="inner-link-baca-juga" href="{e(other[0])}">'
                f"{e(other[1])}</a></strong></p>"
            )
        if i == 2:
            body.append(
                '<div class="ads-on-body"><div id="div-gpt-ad-1"></div><span>ADVERTISEMENT</span>'
                "</div>"
            )
    body.append(
        "<p><strong>Simak breaking news dan berita pilihan kami langsung di ponselmu. Pilih "
        "saluran andalanmu akses berita Kompas.com WhatsApp Channel : "
        '<a href="https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D">'
        "https://www.whatsapp.com/channel/0029VaFPbedBPzjZrk13HO3D</a>. Pastikan kamu sudah "
        "install aplikasi WhatsApp ya.</strong></p>"
    )
    paging = ""
    if page is not None and len(a["pages"]) > 1:
        links = " ".join(
            f'<a class="paging__link" href="{e(url)}?page={n}">{n}</a>'
            for n in range(1, len(a["pages"]) + 1)
        )
        nxt = min(page + 1, len(a["pages"]))
        paging = (
            f'<div class="read__paging clearfix"><div class="paging__wrap">Halaman: {links} '
            f'<a class="paging__link paging__link--next" href="{e(url)}?page={nxt}">'
            "Selanjutnya</a></div></div>"
        )
    authors = "".join(
        f'<div class="read__credit__item"><a href="https://www.kompas.com/penulis/{i}">'
        f"{e(name)}</a></div>"
        for i, name in enumerate(a["authors"])
    )
    source = (
        f'<div class="read__credit__item">Sumber {e(a["source"])}</div>' if a.get("source") else ""
    )
    terkini = "".join(
        f'<div class="most__item"><a class="most__link" href="{e(u)}"><h4 class="most__title">'
        f'{e(t)}</h4></a><div class="most__subtitle">{e(a["section"])}</div></div>'
        for u, t in related("kompas")
    )
    ld = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "mainEntityOfPage": {"@type": "WebPage", "@id": url},
            "headline": a["title"],
            "datePublished": when.isoformat(),
            "dateModified": when.isoformat(),
            "author": [{"@type": "Person", "name": n} for n in a["authors"]],
            "articleSection": a["section"],
            "keywords": ", ".join(a["tags"]),
            "publisher": {"@type": "Organization", "name": "Kompas.com"},
        }
    )
    head = f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charset="utf-8">
<title>{e(a["title"])} Halaman all - Kompas.com</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="description" content="{e(a["pages"][0][0][:150])}">
<meta name="content_PublishedDate" content="{when:%Y-%m-%d %H:%M:%S}">
<meta name="content_category" content="{e(a["section"])}">
<meta name="author" content="{e(", ".join(a["authors"]))}">
<meta property="og:title" content="{e(a["title"])}">
<meta property="og:type" content="article">
<meta property="og:url" content="{e(url)}">
<meta property="article:published_time" content="{when.isoformat()}">
<link rel="canonical" href="{e(url)}">
<link rel="amphtml" href="{e(url.replace("https://www.", "https://amp."))}">
{ld}
<script>var _kmpsAds = {{"slot": "read", "page": "{e(shown)}"}};</script>
<link rel="stylesheet" href="https://asset.kompas.com/data/2020/wp/css/kompascom.css">
</head>"""
    nav = """<body>
<div class="header">
 <div class="header__wrap"><a class="logo" href="https://www.kompas.com/">Kompas.com</a>
  <div class="kgplus-bar"><a href="https://www.kompas.com/kompasplus">Baca berita tanpa iklan. Gabung Kompas.com+</a></div>
  <a class="header__login" href="https://account.kompas.com/login">Login</a></div>
 <div class="nav"><ul class="nav__wrap">
  <li class="nav__item"><a href="https://nasional.kompas.com/">Nasional</a></li>
  <li class="nav__item"><a href="https://regional.kompas.com/">Regional</a></li>
  <li class="nav__item"><a href="https://megapolitan.kompas.com/">Megapolitan</a></li>
  <li class="nav__item"><a href="https://www.kompas.com/global">Global</a></li>
  <li class="nav__item"><a href="https://tekno.kompas.com/">Tekno</a></li></ul></div>
</div>"""
    if layout == "redesign":
        body_html = "\n".join(body[:-1])
        return f"""{head}
{nav}
<main class="page">
<article class="article">
 <header class="article__header"><span class="article__kicker">{e(a["section"])}</span>
  <h1 class="article__headline">{e(a["title"])}</h1>
  <div class="article__meta"><span>{e(", ".join(a["authors"]))}</span> <span>{when:%d/%m/%Y, %H:%M} WIB</span></div></header>
 <div class="article__body">
{body_html}
 </div>
</article>
<section class="article__more"><h2>Terkini Lainnya</h2>{terkini}</section>
</main>
<footer class="footer"><p>Copyright 2008 - 2020 PT. Kompas Cyber Media (Kompas Gramedia Group). All Rights Reserved.</p></footer>
</body></html>
"""
    body_html = "\n".join(body)
    return f"""{head}
{nav}
<div class="container clearfix">
 <div class="breadcrumb"><ul class="breadcrumb__wrap">
  <li class="breadcrumb__item"><a class="breadcrumb__link" href="https://www.kompas.com/"><span>Home</span></a></li>
  <li class="breadcrumb__item"><a class="breadcrumb__link" href="https://www.kompas.com/{e(a["section"].lower())}"><span>{e(a["section"])}</span></a></li>
 </ul></div>
 <div class="col-bs10-7">
  <h1 class="read__title">{e(a["title"])}</h1>
  <div class="read__header clearfix">
   <div class="read__time">Kompas.com - {when:%d/%m/%Y, %H:%M} WIB</div>
   <div class="read__credit clearfix">{authors}<div class="read__credit__title">Penulis</div>{source}</div>
  </div>
  <div class="photo"><div class="photo__wrap"><img src="https://asset.kompas.com/crops/photo.jpg" alt="{e(a["title"])}">
   <div class="photo__caption">{e(a["caption"])}</div><a class="photo__link">Lihat Foto</a></div></div>
  <div class="read__content">
   <div class="clearfix">
{body_html}
   </div>
   <div class="gate-kgplus"><p>Baca berita tanpa iklan. Gabung Kompas.com+</p><a href="https://www.kompas.com/kompasplus">Gabung sekarang</a></div>
   {paging}
  </div>
  <div class="tag"><ul class="tag__article__wrap">{"".join(f'<li class="tag__article__item"><a href="https://www.kompas.com/tag/{e(t.lower())}">{e(t)}</a></li>' for t in a["tags"])}</ul></div>
  <div class="kompasidRec"><h3>Rekomendasi dari Kompas.id</h3><ul><li><a href="https://www.kompas.id/baca/1">Krisis Kaukasus dan Taruhan Rusia</a></li></ul></div>
  <div class="ads-partner-wrap"><div id="div-gpt-ad-partner"></div>ADVERTISEMENT</div>
  <div class="video"><h3 class="title">Video rekomendasi</h3><h3 class="title">Video lainnya</h3></div>
  <div class="most__wrap"><h3 class="title">Terkini Lainnya</h3>{terkini}</div>
 </div>
 <div class="col-bs10-3 sidebar"><div class="most__wrap"><h3>Terpopuler</h3>{terkini}</div></div>
</div>
<div class="comment"><span>Komentar</span></div>
<div class="ads-sticky"><span>Close Ads</span></div>
<div class="share"><span>Bagikan artikel ini melalui</span><button>Oke</button></div>
<div class="footer"><p>Login untuk memaksimalkan pengalaman mengakses Kompas.com</p>
<p>Copyright 2008 - 2020 PT. Kompas Cyber Media (Kompas Gramedia Group). All Rights Reserved.</p></div>
<script src="https://asset.kompas.com/data/2020/wp/js/kompascom.js"></script>
<script>window.dataLayer = window.dataLayer || []; dataLayer.push({{"event": "read"}});</script>
</body></html>
"""


# --- tribunnews.com ------------------------------------------------------------------------
def tribun_page(a: dict, page: int | None) -> str:
    when = wib(a)
    url = a["url"]
    host = urlsplit(url).netloc
    n_pages = len(a["pages"])
    body: list[str] = []
    if a.get("byline") and page in (None, 1):
        body.append(f"<p><strong>{e(a['byline'])}</strong></p>")
    for i, block in enumerate(blocks_of(a, page)):
        if block.startswith("## "):
            body.append(f"<h2>{e(block[3:])}</h2>")
        elif block.startswith("TRIBUN") and " - " in block:
            dateline, rest = block.split(" - ", 1)
            body.append(f"<p><strong>{e(dateline)}</strong> - {e(rest)}</p>")
        else:
            body.append(f"<p>{e(block)}</p>")
        if i == 1:
            other = related("tribun")[0]
            body.append(f'<p class="baca">Baca juga: <a href="{e(other[0])}">{e(other[1])}</a></p>')
            body.append('<div class="ads"><div id="div-gpt-ad-mid"></div></div>')
    if a.get("syndicated_from") and page in (None, n_pages):
        body.append(
            f"<p>Artikel ini telah tayang di {e(a['syndicated_from'])} dengan judul "
            f'"{e(a["title"])}", Klik untuk baca: <a href="https://www.kompas.com/global/read/'
            '2020/10/01/153200670/rusia">https://www.kompas.com/global/read/2020/10/01/'
            "153200670/rusia</a>.</p>"
        )
    paging = ""
    if page is not None and n_pages > 1:
        links = "".join(
            f'<a href="{e(url)}?page={n}" class="{"active" if n == page else ""}">{n}</a>'
            for n in range(1, n_pages + 1)
        )
        paging = (
            f'<div id="pagingBottom" class="paging"><span>Halaman {page}/{n_pages}</span>{links}'
            f'<a href="{e(url)}?page=all">Tampilkan Semua</a></div>'
        )
    terkait = "".join(f'<li><a href="{e(u)}">{e(t)}</a></li>' for u, t in related("tribun"))
    ld = json_ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {
                    "@type": "NewsArticle",
                    "headline": a["title"],
                    "url": url,
                    "datePublished": when.isoformat(),
                    "dateModified": when.isoformat(),
                    "author": {"@type": "Person", "name": a["authors"][0]},
                    "editor": {"@type": "Person", "name": a["editor"]},
                    "articleSection": a["section"],
                    "keywords": ",".join(a["tags"]),
                    "description": a["deck"],
                },
                {
                    "@type": "BreadcrumbList",
                    "itemListElement": [
                        {
                            "@type": "ListItem",
                            "position": 1,
                            "name": "Home",
                            "item": f"https://{host}/",
                        },
                        {"@type": "ListItem", "position": 2, "name": a["section"]},
                    ],
                },
            ],
        }
    )
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<title>{e(a["title"])} - Tribunnews.com</title>
<meta name="description" content="{e(a["deck"])}">
<meta name="keywords" content="{e(",".join(a["tags"]))}">
<meta name="news_keywords" content="{e(",".join(a["tags"]))}">
<meta name="author" content="{e(a["authors"][0])}">
<meta property="og:title" content="{e(a["title"])}">
<meta property="og:url" content="{e(url)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="{when.isoformat()}">
<meta property="article:section" content="{e(a["section"])}">
<link rel="canonical" href="{e(url)}">
{ld}
<script async src="https://securepubads.g.doubleclick.net/tag/js/gpt.js"></script>
</head>
<body>
<div id="header"><div class="logo"><a href="https://{host}/">Tribunnews.com</a></div>
<ul class="menu"><li><a href="https://www.tribunnews.com/nasional">Nasional</a></li><li><a href="https://www.tribunnews.com/internasional">Internasional</a></li><li><a href="https://www.tribunnews.com/regional">Regional</a></li><li><a href="https://www.tribunnews.com/bisnis">Bisnis</a></li></ul></div>
<div class="main">
<div id="article" class="fl lsi">
 <ul class="breadcrumb"><li><a href="https://{host}/">Home</a></li><li><a href="https://{host}/{e(a["section"].lower())}">{e(a["section"])}</a></li></ul>
 <div class="mb10 f16 ln24 mt5"><a class="topic" href="https://{host}/topic/{e(a["topic"].lower().replace(" ", "-"))}">{e(a["topic"])}</a></div>
 <h1 id="arttitle" class="f50 black2 f400 crimson">{e(a["title"])}</h1>
 <h2 class="f18 grey2 ln24">{e(a["deck"])}</h2>
 <div class="credit mt10">
  <div id="penulis">Penulis: <a href="https://{host}/penulis/1">{e(a["authors"][0])}</a></div>
  <div id="editor">Editor: <a href="https://{host}/editor/1">{e(a["editor"])}</a></div>
 </div>
 <div class="grey pt5">Tayang: <time datetime="{when:%Y-%m-%d %H:%M:%S}">{DAYS[when.weekday()]}, {when.day} {MONTHS_ID[when.month - 1]} {when.year} {when:%H:%M} WIB</time></div>
 <div class="share-bar"><a class="fb">Facebook</a><a class="tw">Twitter</a><a class="wa">WhatsApp</a></div>
 <div class="ovh imgfull_div"><img src="https://asset-2.tstatic.net/tribunnews/foto/bank/images/foto.jpg" alt="">
  <div class="arial f10 grey2 pos_abs">{e(a["photo_credit"])}</div><div class="arial f12 grey2 pt5">{e(a["caption"])}</div></div>
 <div class="side-article txt-article multi-fontsize editcontent">
{chr(10).join(body)}
 </div>
 {paging}
 <div class="tagcloud3">{"".join(f'<a href="https://{host}/tag/{e(t.lower())}">{e(t)}</a>' for t in a["tags"])}</div>
 <div class="related"><h3>Berita Terkait</h3><ul>{terkait}</ul></div>
</div>
<div id="sidebar" class="fr">
 <div class="box"><h3>Rekomendasi untuk Anda</h3><ul>{terkait}</ul></div>
 <div class="box"><h3>Ikuti kami di</h3><a href="https://news.google.com/">Google News</a></div>
 <div class="box"><h3>Berita Terkini</h3><ul>{terkait}</ul></div>
</div>
</div>
<div id="footer"><p>&copy; 2025 TRIBUNnews.com Network,a subsidiary of KG Media.</p><p>All Right Reserved</p></div>
<script>var tribunAds = {{"page": "article"}};</script>
</body></html>
"""


# --- kumparan.com --------------------------------------------------------------------------
def kumparan_page(a: dict) -> str:
    when = wib(a)
    url = a["url"]
    account = urlsplit(url).path.split("/")[1]
    body: list[str] = []
    for i, block in enumerate(blocks_of(a, None)):
        if block.startswith("## "):
            body.append(f'<h2 data-qa-id="story-subheading">{e(block[3:])}</h2>')
        else:
            body.append(f'<div data-qa-id="story-paragraph"><span>{e(block)}</span></div>')
        if i == 0:
            body.append('<div data-qa-id="ads"><span>ADVERTISEMENT</span></div>')
        if i == 1:
            other = related("kumparan")[-1]
            body.append(
                f'<div data-qa-id="story-paragraph"><span>Baca Juga: <a href="{e(other[0])}">'
                f"{e(other[1])}</a></span></div>"
            )
            body.append(
                '<figure data-qa-id="image-figure"><img src="https://blue.kumparan.com/image.jpg">'
                f"<figcaption>{e(a['caption'])}</figcaption><span>zoom-in-whitePerbesar</span></figure>"
            )
    ld = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": a["title"],
            "datePublished": a["published"],
            "dateModified": a["published"],
            "author": {"@type": "Person", "name": a["authors"][0]},
            "publisher": {"@type": "Organization", "name": "kumparan"},
            "description": blocks_of(a, None)[0],
            "articleSection": a["section"],
            "keywords": a["tags"],
        }
    )
    breadcrumb = json_ld(
        {
            "@context": "https://schema.org",
            "@type": "BreadcrumbList",
            "itemListElement": [
                {"@type": "ListItem", "position": 1, "name": a["section"]},
                {"@type": "ListItem", "position": 2, "name": account},
            ],
        }
    )
    others = "".join(
        f'<a data-qa-id="news-item" href="{e(u)}"><span>{e(t)}</span></a>'
        for u, t in related("kumparan")
    )
    return f"""<!DOCTYPE html>
<html lang="id">
<head>
<meta charSet="utf-8">
<title>{e(a["title"])} | kumparan.com</title>
<meta name="description" content="{e(blocks_of(a, None)[0])}">
<meta property="og:title" content="{e(a["title"])}">
<meta property="og:url" content="{e(url)}">
<meta property="og:type" content="article">
<link rel="canonical" href="{e(url)}">
{ld}
{breadcrumb}
<script id="__NEXT_DATA__" type="application/json">{{"props": {{"pageProps": {{"storyId": "{e(url[-11:])}"}}}}}}</script>
</head>
<body>
<div id="__next">
<nav><a href="https://kumparan.com/">kumparan</a><a href="https://kumparan.com/channel/news">NEWS</a><a href="https://kumparan.com/channel/bisnis">BISNIS</a><a href="https://kumparan.com/channel/bola-sports">BOLA &amp; SPORTS</a><a href="https://kumparan.com/login">Masuk</a></nav>
<main>
<div data-qa-id="story-header">
 <h1 data-qa-id="story-title">{e(a["title"])}</h1>
 <div><a data-qa-id="author-name" href="https://kumparan.com/{e(account)}">{e(a["authors"][0])}</a>
 <span data-qa-id="date">{when.day} {MONTHS_ID[when.month - 1]} {when.year} {when:%H:%M} WIB</span></div>
 <div data-qa-id="share-bar"><span>comment</span><span>0</span><span>sosmed-whatsapp-white</span><span>copy-link-circle</span><span>more-vertical</span></div>
</div>
<figure data-qa-id="image-figure"><img src="https://blue.kumparan.com/cover.jpg"><figcaption>{e(a["caption"])}</figcaption><span>zoom-in-whitePerbesar</span></figure>
<div data-qa-id="ads"><span>ADVERTISEMENT</span></div>
<div data-qa-id="story-content">
{chr(10).join(body)}
</div>
<div data-qa-id="ads"><span>ADVERTISEMENT</span></div>
<div data-qa-id="tags">{"".join(f'<a data-qa-id="tag-topic" href="https://kumparan.com/topic/{e(t.lower())}">{e(t)}</a>' for t in a["tags"])}</div>
<div data-qa-id="reaction"><span>Lihat Reaksi</span><span>Bagikan</span></div>
<section data-qa-id="other-news"><h2>Berita Hari Ini</h2>{others}</section>
</main>
<footer><span>© 2024 kumparan. All Rights Reserved</span></footer>
</div>
<script src="https://kumparan.com/_next/static/chunks/main.js"></script>
</body></html>
"""


# --- discovery files -----------------------------------------------------------------------
def news_sitemap(entries: list[dict]) -> str:
    items = []
    for a in entries:
        when = wib(a)
        items.append(
            f"<url><loc>{e(a['url'])}</loc><lastmod>{when.isoformat()}</lastmod>"
            "<news:news><news:publication><news:name>Demo</news:name><news:language>id"
            f"</news:language></news:publication><news:publication_date>{when.isoformat()}"
            f"</news:publication_date><news:title>{e(a['title'])}</news:title></news:news></url>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n'
        + "\n".join(items)
        + "\n</urlset>\n"
    )


def sitemap_index(children: list[tuple[str, str]]) -> str:
    items = "\n".join(
        f"<sitemap><loc>{e(u)}</loc><lastmod>{d}</lastmod></sitemap>" for u, d in children
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n{items}\n</sitemapindex>\n'
    )


def robots(sitemaps: list[str], disallow: list[str] = ()) -> str:
    lines = ["User-agent: *", *(f"Disallow: {p}" for p in disallow), "Allow: /", ""]
    return "\n".join(lines + [f"Sitemap: {s}" for s in sitemaps]) + "\n"


def index_page(title: str, links: list[tuple[str, str]], next_url: str | None) -> str:
    items = "".join(
        f'<div class="article__list"><h3 class="article__title"><a class="article__link" '
        f'href="{e(u)}">{e(t)}</a></h3></div>'
        for u, t in links
    )
    nxt = (
        f'<a rel="next" class="paging__link--next" href="{e(next_url)}">Next</a>'
        if next_url
        else ""
    )
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{e(title)}</title></head>
<body><div class="header"><a href="/">Indeks</a></div>
<div class="latest--indeks">{items}</div>
<div class="paging">{nxt}</div>
<div class="footer">All Rights Reserved</div></body></html>
"""


def build() -> None:
    if MIRROR.exists():
        shutil.rmtree(MIRROR)
    if EXPECTED.exists():
        shutil.rmtree(EXPECTED)
    EXPECTED.mkdir(parents=True)
    expected = []
    for a in [*ARTICLES, DISALLOWED, CHANGED_LAYOUT]:
        n = len(a["pages"])
        if a["site"] == "kumparan":
            write(a["url"], kumparan_page(a))
        else:
            render = tribun_page if a["site"] == "tribun" else kompas_page
            layout = {"layout": "redesign"} if a is CHANGED_LAYOUT else {}
            for page in range(1, n + 1):
                html = render(a, page, **layout)
                if page == 1:
                    write(a["url"], html)
                write(f"{a['url']}?page={page}", html)
            if a.get("page_all"):
                write(f"{a['url']}?page=all", render(a, None, **layout))
        if a is DISALLOWED:
            continue
        file = f"{a['site']}/{a['slug']}.txt"
        (EXPECTED / file).parent.mkdir(parents=True, exist_ok=True)
        (EXPECTED / file).write_text(expected_text(a), encoding="utf-8")
        expected.append(
            {
                "file": file,
                "canonical_url": a["url"],
                "site": a["site"],
                "title": a["title"],
                # A byline that names the newsroom ("Tribun Network") is no person's: not read.
                "authors": [n for n in a["authors"] if n != "Tribun Network"],
                "published": wib(a).isoformat(),
                "section": a["section"],
                "pages": n if (a["site"] != "kumparan" and not a.get("page_all")) else 1,
                "in_demo_crawl": a is not CHANGED_LAYOUT,
                "syndicated_from": a.get("syndicated_from"),
                "language": a.get("language", "id"),
            }
        )
    (EXPECTED / "articles.json").write_text(
        json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )

    by_site = {s: [a for a in ARTICLES if a["site"] == s] for s in ("kompas", "kumparan", "tribun")}
    # kompas.com: a sitemap index on www with a global news sitemap, a megapolitan one, and an
    # off-site entry that must never be fetched.
    write(
        "https://www.kompas.com/robots.txt",
        robots(["https://www.kompas.com/sitemap-index.xml"], ["/search/"]),
    )
    glob = [a for a in by_site["kompas"] if "www.kompas.com" in a["url"]]
    mega = [a for a in by_site["kompas"] if "megapolitan" in a["url"]]
    write(
        "https://www.kompas.com/sitemap-index.xml",
        sitemap_index(
            [
                ("https://www.kompas.com/sitemap-news-global.xml", "2022-09-13"),
                ("https://megapolitan.kompas.com/sitemap-news.xml", "2020-10-05"),
                ("https://www.detik.com/sitemap-news.xml", "2020-10-05"),
            ]
        ),
    )
    write("https://www.kompas.com/sitemap-news-global.xml", news_sitemap(glob))
    write("https://megapolitan.kompas.com/sitemap-news.xml", news_sitemap(mega))
    for host in (
        "megapolitan.kompas.com",
        "indeks.kompas.com",
        "tekno.kompas.com",
        "amp.kompas.com",
    ):
        write(f"https://{host}/robots.txt", robots([]))
    # The daily index: two pages for 2020-10-05, with URL variants of known articles and an
    # off-site link.
    write(
        "https://indeks.kompas.com/?site=all&date=2020-10-05&page=1",
        index_page(
            "Indeks Berita",
            [
                (mega[0]["url"] + "?source=widgetterkini", mega[0]["title"]),
                ("https://www.detik.com/berita/d-1/bukan-kompas", "Bukan Kompas"),
                ("https://www.kompas.com/tag/banjir", "Tag: banjir"),
            ],
            "https://indeks.kompas.com/?site=all&date=2020-10-05&page=2",
        ),
    )
    write(
        "https://indeks.kompas.com/?site=all&date=2020-10-05&page=2",
        index_page(
            "Indeks Berita",
            [(glob[0]["url"].replace("https://www.", "https://amp.") + "#page2", glob[0]["title"])],
            None,
        ),
    )

    # tribunnews.com: www (with a robots-disallowed article in its sitemap) and a regional host.
    www = [a for a in by_site["tribun"] if "www.tribunnews.com" in a["url"]]
    jateng = [a for a in by_site["tribun"] if "jateng." in a["url"]]
    write(
        "https://www.tribunnews.com/robots.txt",
        robots(["https://www.tribunnews.com/sitemap-news.xml"], ["/premium/", "/search"]),
    )
    write("https://www.tribunnews.com/sitemap-news.xml", news_sitemap([*www, DISALLOWED]))
    write(
        "https://jateng.tribunnews.com/robots.txt",
        robots(["https://jateng.tribunnews.com/sitemap-news.xml"]),
    )
    write("https://jateng.tribunnews.com/sitemap-news.xml", news_sitemap(jateng))
    write(
        "https://www.tribunnews.com/index-news?date=2020-10-09&page=1",
        index_page(
            "Index Berita",
            [(a["url"], a["title"]) for a in www if a["published"].startswith("2020-10-09")]
            + [("https://www.kompas.com/bukan-tribun", "Bukan Tribun")],
            None,
        ),
    )

    # kumparan.com: one news sitemap per channel, one of them gzipped.
    channels = {"news": [], "bisnis": [], "bola-sports": [], "food-travel": []}
    for a in by_site["kumparan"]:
        account = urlsplit(a["url"]).path.split("/")[1].removeprefix("kumparan")
        key = {"news": "news", "bisnis": "bisnis", "bola": "bola-sports", "food": "food-travel"}[
            account
        ]
        channels[key].append(a)
    maps = []
    for key, entries in channels.items():
        loc = f"https://kumparan.com/sitemap-news-{key}.xml"
        if key == "food-travel":
            loc += ".gz"
            write(loc, gzip.compress(news_sitemap(entries).encode("utf-8"), mtime=0))
        else:
            write(loc, news_sitemap(entries))
        maps.append(loc)
    write("https://kumparan.com/robots.txt", robots(maps, ["/search", "/login"]))
    print(f"demo mirror: {sum(1 for p in MIRROR.rglob('*') if p.is_file())} files in {MIRROR}")


if __name__ == "__main__":
    build()
