"""Components in-process, as Scrapy's own tests build them (``get_crawler``,
``build_from_crawler``): the spider's article path on fake responses, a middleware, the
pipelines, the shared vocabulary of rejections. No process, no server, no network."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from scrapy import Request
from scrapy.exceptions import DropItem, IgnoreRequest
from scrapy.http import HtmlResponse
from scrapy.utils.misc import build_from_crawler
from scrapy.utils.test import get_crawler

from articles.outcomes import Rejection, language_label
from articles.plan import ArticlePlan, WholeArticle
from articles.record import Article
from corpus.dedup import sha256_text
from crawler.archive import WarcArchive
from crawler.middlewares import AllowedHostsMiddleware
from crawler.pipelines.accept import AcceptancePipeline, rejections
from crawler.spiders.base import NewsSpider
from crawler.spiders.sites import SPIDERS
from tests.conftest import REPO

MIRROR = REPO / "demo" / "mirror"
# A two-page Kompas article of the demo (our own page, in the site's real layout).
ARTICLE = (
    "https://www.kompas.com/global/read/2020/09/30/120600570/"
    "azerbaijan-dan-armenia-tolak-perundingan-di-tengah-eskalasi-konflik"
)


def mirror_page(url: str) -> bytes:
    """The demo mirror's file for a URL (``host/path@query``)."""
    host_and_path = url.split("://", 1)[1].replace("?", "@")
    return (MIRROR / host_and_path).read_bytes()


@pytest.fixture
def spider(tmp_path: Path) -> Iterator[NewsSpider]:
    settings = {"CORPUS_DIR": str(tmp_path / "corpus"), "ARCHIVE_DIR": ""}
    crawler = get_crawler(SPIDERS["kompas"], settings)
    crawler.spider = crawler._create_spider()
    yield crawler.spider
    if "corpus" in crawler.spider.__dict__:
        crawler.spider.corpus.close()


def respond(request: Request, body: bytes, status: int = 200) -> HtmlResponse:
    return HtmlResponse(
        request.url,
        status=status,
        body=body,
        headers={"Content-Type": "text/html; charset=utf-8"},
        request=request,
    )


def run_callbacks(request: Request) -> list[Any]:
    """Follow an article's requests through the spider's callback, page by page."""
    out: list[Any] = []
    while True:
        response = respond(request, mirror_page(request.url))
        results = list(request.callback(response, **request.cb_kwargs))
        out.extend(r for r in results if not isinstance(r, Request))
        requests = [r for r in results if isinstance(r, Request)]
        if not requests:
            return out
        (request,) = requests


def test_the_spider_reads_a_whole_article_through_its_plan(spider: NewsSpider) -> None:
    first = spider.article_request(ARTICLE + "?utm_source=x")
    assert first is not None and first.url == ARTICLE + "?page=all"
    assert first.cb_kwargs["plan"] == ArticlePlan(ARTICLE, ARTICLE, whole=True)
    items = run_callbacks(first)
    assert len(items) == 1 and isinstance(items[0], Article)
    item = items[0]
    assert item.url == ARTICLE and item.site == "kompas" and item.pages == 1
    assert item.urls == (ARTICLE + "?utm_source=x",)
    assert spider.article_request(ARTICLE) is None  # asked for already: a URL variant


def test_page_all_failing_falls_back_to_every_page_in_order(spider: NewsSpider) -> None:
    plan = ArticlePlan(ARTICLE, ARTICLE, whole=True)
    request = spider.page_request(plan.page_by_page())
    assert request.url == ARTICLE
    items = run_callbacks(request)
    assert [i.pages for i in items] == [2]
    assert spider.crawler.stats.get_value("article/ok") == 1


def test_a_page_that_is_not_html_is_counted_by_its_reason(spider: NewsSpider) -> None:
    request = spider.page_request(ArticlePlan(ARTICLE, ARTICLE, whole=False))
    response = HtmlResponse(
        request.url, body=b"%PDF-1.4", headers={"Content-Type": "application/pdf"}
    )
    assert list(spider.parse_article(response, **request.cb_kwargs)) == []
    assert spider.crawler.stats.get_value(Rejection.NOT_HTML.stat) == 1


def test_the_plan_is_all_or_nothing_and_in_order() -> None:
    from articles.extraction import read_page

    page1 = read_page(mirror_page(ARTICLE + "?page=1"), ARTICLE)
    page2 = read_page(mirror_page(ARTICLE + "?page=2"), ARTICLE)
    plan = ArticlePlan(ARTICLE, ARTICLE + "?x=1", whole=False)
    step = plan.add(page1, "2026-01-01T00:00:00Z")
    assert isinstance(step, ArticlePlan) and step.key == 2 and step.last == 2
    assert step.url == ARTICLE + "?x=1&page=2"
    whole = step.add(page2, "2026-01-01T00:00:05Z")
    assert isinstance(whole, WholeArticle) and whole.pages == (page1, page2)
    assert whole.fetched == ("2026-01-01T00:00:00Z", "2026-01-01T00:00:05Z")


def test_a_page_all_that_still_links_pages_counts_as_page_one() -> None:
    from articles.extraction import read_page

    page1 = read_page(mirror_page(ARTICLE + "?page=1"), ARTICLE)
    step = ArticlePlan(ARTICLE, ARTICLE, whole=True).add(page1, "2026-01-01T00:00:00Z")
    assert isinstance(step, ArticlePlan) and not step.whole
    assert (step.key, step.last, step.pages) == (2, 2, (page1,))
    assert step.fetched == ("2026-01-01T00:00:00Z",)


def test_allowed_hosts_middleware_refuses_other_hosts_and_schemes(spider: NewsSpider) -> None:
    middleware = build_from_crawler(AllowedHostsMiddleware, spider.crawler)
    assert middleware.process_request(Request(ARTICLE), spider) is None
    for url in ("https://evil.example/x", "file:///etc/passwd"):
        with pytest.raises(IgnoreRequest):
            middleware.process_request(Request(url), spider)


def test_the_acceptance_pipeline_keeps_indonesian_and_counts_the_rest(
    spider: NewsSpider,
) -> None:
    pipeline = build_from_crawler(AcceptancePipeline, spider.crawler)
    pipeline.open_spider(spider)
    indonesian = (MIRROR.parent / "expected" / "kompas").glob("*.txt")
    text = next(iter(indonesian)).read_text(encoding="utf-8")
    item = Article(canonical_url=ARTICLE, url=ARTICLE, site="kompas", title="t", text=text,
                   extractor="site:kompas")  # fmt: skip
    judged = pipeline.process_item(item)
    assert (judged.language, judged.sha256) == ("id", sha256_text(text))
    english = "The government announced on Monday that the new policy will take effect. " * 8
    with pytest.raises(DropItem):
        pipeline.process_item(item.but(canonical_url=ARTICLE + "/en", text=english))
    stats = spider.crawler.stats.get_stats()
    assert rejections(stats) == {language_label("en"): 1}
    assert stats["corpus/staged"] == 1 and pipeline.acceptance.store.staged_count() == 1
    pipeline.acceptance.store.close()


def test_one_vocabulary_of_rejections() -> None:
    stats = {reason.stat: 1 for reason in Rejection} | {"article/ok": 5, "language/rejected/ms": 2}
    found = rejections(stats)
    assert set(found) == {r.label for r in Rejection} | {language_label("ms")}
    assert len({r.label for r in Rejection}) == len(Rejection)  # no two reasons share a label


def test_explain_shows_every_ad_slot_of_the_article_container() -> None:
    """kumparan's ad slots before, between and after the paragraphs: each shown, in place."""
    from articles.explain import explain

    paragraph = "<div data-qa-id='story-paragraph'><span>{}</span></div>"
    ads = "<div data-qa-id='ads'><span>ADVERTISEMENT</span></div>"
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        "<h1 data-qa-id='story-title'>Judul Berita Uji</h1><div data-qa-id='story-content'>"
        + ads
        + paragraph.format("Paragraf pertama berita uji ini cukup panjang dan diakhiri titik.")
        + ads
        + paragraph.format("Paragraf kedua berita uji ini juga panjang dan diakhiri titik.")
        + ads
        + "</div></body></html>"
    )
    shown = explain(html, "https://kumparan.com/kumparannews/judul-berita-uji-21AbCdEfGhI")
    reasons = [block.reason for block in shown.blocks]
    assert reasons.count('selector [data-qa-id="ads"]') == 3
    assert reasons.index("body") < reasons.index('selector [data-qa-id="ads"]', 2)


def test_explain_shows_an_ad_slot_the_layout_does_not_name() -> None:
    """A slot of a markup the layout neither reads nor drops, between two paragraphs: listed
    in place, as not read."""
    from articles.explain import NOT_READ, explain

    paragraph = "<div data-qa-id='story-paragraph'><span>{}</span></div>"
    html = (
        "<html><head><meta property='og:type' content='article'></head><body>"
        "<h1 data-qa-id='story-title'>Judul Berita Uji</h1><div data-qa-id='story-content'>"
        + paragraph.format("Paragraf pertama berita uji ini cukup panjang dan diakhiri titik.")
        + "<div class='ad-slot'><span>ADVERTISEMENT</span></div>"
        + paragraph.format("Paragraf kedua berita uji ini juga panjang dan diakhiri titik.")
        + "</div></body></html>"
    )
    shown = explain(html, "https://kumparan.com/kumparannews/judul-berita-uji-21AbCdEfGhI")
    reasons = [(block.reason, block.text) for block in shown.blocks]
    assert reasons[1:4] == [
        ("body", "Paragraf pertama berita uji ini cukup panjang dan diakhiri titik."),
        (NOT_READ, "ADVERTISEMENT"),
        ("body", "Paragraf kedua berita uji ini juga panjang dan diakhiri titik."),
    ]


def _gzip_members(data: bytes) -> int:
    members = 0
    while data:
        member = zlib.decompressobj(zlib.MAX_WBITS + 16)
        member.decompress(data)
        data = member.unused_data
        members += 1
    return members


def test_the_archive_writes_each_record_as_a_gzip_member_with_valid_digests(tmp_path) -> None:
    from warcio.archiveiterator import ArchiveIterator

    settings = {"ARCHIVE_DIR": str(tmp_path), "ARCHIVE_MAX_BYTES": 2**20, "BOT_NAME": "uji"}
    crawler = get_crawler(SPIDERS["kompas"], settings)
    archive = build_from_crawler(WarcArchive, crawler)
    spider = crawler._create_spider()
    archive.spider_opened(spider)
    request = Request(ARTICLE)
    body = mirror_page(ARTICLE)
    response = HtmlResponse(ARTICLE, body=body, headers={"Content-Type": "text/html"})
    archive.response_received(response, request, spider)
    archive.discovered(ARTICLE + "?source=widgetterkini", ARTICLE)
    archive.spider_closed(spider)
    (warc,) = tmp_path.glob("uji-kompas-*.warc.gz")
    assert _gzip_members(warc.read_bytes()) == 3
    with warc.open("rb") as fh:
        records = [
            (r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), r.content_stream().read())
            for r in ArchiveIterator(fh, check_digests="raise")
        ]
    assert [(kind, url) for kind, url, _ in records] == [
        ("request", ARTICLE),
        ("response", ARTICLE),
        ("metadata", ARTICLE),
    ]
    assert records[1][2] == body


def test_the_spider_warms_up_before_its_first_request_and_cools_down_after(
    spider: NewsSpider,
) -> None:
    """Its site's rules and the language model load, frozen out of the garbage collector's
    walks, before the first request; the collector has them back when the crawl stops."""
    import asyncio
    import gc

    from scrapy import signals

    async def first_request() -> Request:
        async for request in spider.start():
            return request
        raise AssertionError("no start request")

    gc.unfreeze()
    assert asyncio.run(first_request()).url.endswith("/robots.txt")
    assert gc.get_freeze_count() > 0
    spider.crawler.signals.send_catch_log(signals.engine_stopped)
    assert gc.get_freeze_count() == 0
