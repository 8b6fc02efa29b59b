"""The spiders against the demo mirror served on a free local port, crawled in this process
(``tests.inprocess``): each spider crawls the mirror once per module, and the tests read those
crawls. One check runs the real ``scrapy crawl`` command."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy.exceptions import UsageError

from articles.urls import on_domains
from cleaners.sites import CRAWLED_SITES, get_profile
from crawler.spiders.sites import SPIDERS as SPIDERS_BY_NAME
from tests.conftest import REPO, run_scrapy
from tests.inprocess import Crawl, Mirror, crawl, local_mirror

EXPECTED = REPO / "demo" / "expected"
ARTICLES = json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8"))
# Every crawled site of the registry: a new site is crawled here too (its fixtures: tests/sites).
SPIDERS = CRAWLED_SITES


@pytest.fixture(scope="module")
def mirror() -> Iterator[Mirror]:
    with local_mirror() as served:
        yield served


@pytest.fixture(scope="module")
def crawls(mirror: Mirror, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Crawl]:
    """One whole crawl of the mirror per spider, shared by the tests that read it."""
    return {spider: crawl(spider, tmp_path_factory.mktemp(spider), mirror) for spider in SPIDERS}


@pytest.mark.parametrize("spider", SPIDERS)
def test_spider_yields_the_exact_clean_articles(crawls, spider: str) -> None:
    run = crawls[spider]
    # Every Indonesian article of the site (the acceptance step drops the others).
    want = {
        a["canonical_url"]: a
        for a in ARTICLES
        if a["site"] == spider and a["in_demo_crawl"] and a["language"] == "id"
    }
    assert sorted(i.canonical_url for i in run.items) == sorted(want)
    for item in run.items:
        expected = want[item.canonical_url]
        assert item.text == (EXPECTED / expected["file"]).read_text(encoding="utf-8")
        assert (item.title, list(item.authors)) == (expected["title"], expected["authors"])
        assert (item.published, item.section) == (expected["published"], expected["section"])
        assert (item.pages, item.syndicated_from) == (
            expected["pages"],
            expected["syndicated_from"],
        )
        assert item.site == spider and item.extractor == f"site:{spider}"
        assert item.language == "id" and item.sha256
    # Nothing off the spider's allowed hosts was requested, robots.txt included.
    hosts = {urlsplit("http:/" + path).hostname or "" for path in run.paths}
    domains = get_profile(spider).domains
    assert hosts and all(on_domains(h, domains) for h in hosts), hosts
    assert run.stat("log_count/ERROR") is None, run.log


def test_multi_page_articles_are_whole(crawls) -> None:
    three_pages = next(i for i in crawls["tribun"].items if "rusia-turun-tangan" in i.url)
    text = three_pages.text
    # A paragraph from each of the three pages, in order.
    marks = [
        "menyepakati gencatan senjata mulai Sabtu",
        "5 menit gencatan senjata",
        "Iran yang berbatasan",
    ]
    assert all(m in text for m in marks)
    assert [text.index(m) for m in marks] == sorted(text.index(m) for m in marks)
    # Kompas without ?page=all: the spider fell back to following the pages.
    kompas = crawls["kompas"]
    paged = next(i for i in kompas.items if "banjir-rendam" in i.url)
    assert paged.pages == 2 and "12 RT di Jakarta Timur" in paged.text
    assert kompas.stat("article/page_all_failed") == 1
    assert any("banjir-rendam-permukiman" in p and p.endswith("?page=2") for p in kompas.paths)


def test_robots_txt_disallow_is_obeyed(crawls) -> None:
    tribun = crawls["tribun"]
    assert not any("/premium/" in i.url for i in tribun.items)
    assert not any("/premium/" in p for p in tribun.paths)
    assert tribun.stat("robotstxt/forbidden") and tribun.stat("article/ignored") == 1


def test_dates_filter_daily_index_and_no_off_site_link(mirror: Mirror, tmp_path: Path) -> None:
    run = crawl("kompas", tmp_path, mirror, since="2020-10-05", until="2020-10-05")
    assert [i.canonical_url for i in run.items] == [
        "https://megapolitan.kompas.com/read/2020/10/05/081500201/"
        "banjir-rendam-permukiman-di-jakarta-timur-ratusan-warga-mengungsi"
    ]
    # Both pages of the day's index were walked (page 2 through a[rel=next]).
    assert "/indeks.kompas.com/?site=all&date=2020-10-05&page=1" in run.paths
    assert "/indeks.kompas.com/?site=all&date=2020-10-05&page=2" in run.paths
    assert run.stat("discovery/from_index") and run.stat("article/outside_dates") == 1
    # The sitemaps and the index link to www.detik.com: never requested.
    assert any(p.startswith("/www.kompas.com/sitemap-index.xml") for p in run.paths)
    assert not any(p.startswith("/www.detik.com/") for p in run.paths)


def test_urls_argument_limit_and_fallback_is_counted(mirror: Mirror, tmp_path: Path) -> None:
    changed = next(a for a in ARTICLES if not a["in_demo_crawl"])
    kumparan = [a["canonical_url"] for a in ARTICLES if a["site"] == "kumparan"]
    run = crawl(
        "article",
        tmp_path / "a",
        mirror,
        {"FALLBACK_WARN_MIN_ITEMS": 1},
        urls=f"{changed['canonical_url']},{kumparan[0]}",
    )
    by_url = {i.canonical_url: i for i in run.items}
    fallback = by_url[changed["canonical_url"]]
    assert fallback.extractor == "fallback:container"
    assert fallback.text == (EXPECTED / changed["file"]).read_text(encoding="utf-8")
    assert by_url[kumparan[0]].extractor == "site:kumparan"
    assert run.stat("extract/kompas/fallback") == 1
    assert "needed the fallback extractor" in run.log
    assert len(crawl("kumparan", tmp_path / "l", mirror, limit="2").items) == 2


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ({"since": "2020-13-01"}, "expected a date as YYYY-MM-DD"),
        ({"since": "2020-10-02", "until": "2020-10-01"}, "is after"),
        ({"limit": "zero"}, "expected a whole number"),
        ({"urls": "https://www.detik.com/berita/1"}, "is not a kompas URL"),
        ({"colour": "blue"}, "unknown spider argument"),
        ({"hosts": "www.detik.com"}, "not a host of kompas"),
    ],
)
def test_bad_arguments_are_refused_with_one_clear_message(args, message) -> None:
    with pytest.raises(UsageError, match=message):
        SPIDERS_BY_NAME["kompas"].parse_arguments(args, report=False)


@pytest.mark.e2e
def test_a_bad_argument_fails_the_command_before_anything_is_fetched(mirror: Mirror) -> None:
    before = len(mirror.requested())
    result = run_scrapy(
        "crawl", "kompas", "-s", f"MIRROR_URL={mirror.url}", "-a", "since=2020-13-01"
    )
    assert result.returncode != 0
    assert "expected a date as YYYY-MM-DD" in result.stderr.splitlines()[-1]
    assert len(mirror.requested()) == before


def test_robots_txt_holds_for_requests_in_flight_before_it_is_parsed(
    mirror: Mirror, tmp_path: Path
) -> None:
    # Several URLs of one host handed over at once: all of them wait for its robots.txt. With
    # Scrapy 2.19's own middleware only the first waiter got the rules (see
    # crawler.middlewares.RobotsTxtMiddleware); the disallowed page is last in the list.
    www = [a["canonical_url"] for a in ARTICLES if "://www.tribunnews.com/" in a["canonical_url"]]
    premium = "https://www.tribunnews.com/premium/2020/10/07/artikel-premium-tertutup-untuk-robot"
    run = crawl("article", tmp_path, mirror, urls=",".join([*www, premium]))
    assert len(www) >= 4 and premium not in {i.canonical_url for i in run.items}
    assert not any("/premium/" in p for p in run.paths)
    assert run.stat("robotstxt/forbidden") == 1
