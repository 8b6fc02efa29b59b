"""`scrapy crawl` end to end against the demo mirror served on a free local port.

Each spider crawls the mirror once per module; the tests read those crawls."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from scrapy.exceptions import UsageError

from articles.urls import on_domains
from cleaners.sites import CRAWLED_SITES, get_profile
from crawler.spiders.sites import SPIDERS as SPIDERS_BY_NAME
from tests.conftest import REPO, run_scrapy
from tests.mirror import offline_settings, requested, running_mirror

EXPECTED = REPO / "demo" / "expected"
ARTICLES = json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    log = tmp_path_factory.mktemp("mirror") / "requests.log"
    with running_mirror(log) as url:
        yield url, log


def crawl(mirror_url: str, spider: str, out: Path, *args: str) -> tuple[list[dict], str]:
    """Run a spider against the mirror (corpus and archive beside ``out``); items and log."""
    result = run_scrapy(
        "crawl", spider, "-O", out, *offline_settings(mirror_url, out.parent), *args
    )
    assert result.returncode == 0, result.stderr[-3000:]
    items = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    return items, result.stderr


# Every crawled site of the registry: a new site is crawled here too (its fixtures: tests/sites).
SPIDERS = CRAWLED_SITES


@dataclass
class Crawl:
    items: list[dict]
    stderr: str
    paths: list[str]  # the mirror paths this crawl requested


@pytest.fixture(scope="module")
def crawls(mirror, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Crawl]:
    """One whole crawl of the mirror per spider, shared by the tests that read it."""
    url, log = mirror
    done: dict[str, Crawl] = {}
    for spider in SPIDERS:
        before = len(requested(log))
        items, stderr = crawl(url, spider, tmp_path_factory.mktemp(spider) / "items.jsonl")
        done[spider] = Crawl(items, stderr, requested(log)[before:])
    return done


@pytest.mark.e2e
@pytest.mark.parametrize("spider", SPIDERS)
def test_spider_yields_the_exact_clean_articles(crawls, spider: str) -> None:
    run = crawls[spider]
    # Every Indonesian article of the site (the language stage drops the others).
    want = {
        a["canonical_url"]: a
        for a in ARTICLES
        if a["site"] == spider and a["in_demo_crawl"] and a["language"] == "id"
    }
    assert sorted(i["canonical_url"] for i in run.items) == sorted(want)
    for item in run.items:
        expected = want[item["canonical_url"]]
        assert item["text"] == (EXPECTED / expected["file"]).read_text(encoding="utf-8")
        assert item["title"] == expected["title"]
        assert item["authors"] == expected["authors"]
        assert item["published"] == expected["published"]
        assert item["section"] == expected["section"]
        assert item["pages"] == expected["pages"]
        assert item["site"] == spider and item["extractor"] == f"site:{spider}"
        assert item["syndicated_from"] == expected["syndicated_from"]
    # Nothing off the spider's allowed hosts was requested, robots.txt included.
    hosts = {urlsplit("http:/" + path).hostname or "" for path in run.paths}
    domains = get_profile(spider).domains
    assert hosts and all(on_domains(h, domains) for h in hosts), hosts
    assert "'log_count/ERROR'" not in run.stderr


@pytest.mark.e2e
def test_multi_page_articles_are_whole(crawls) -> None:
    three_pages = next(i for i in crawls["tribun"].items if "rusia-turun-tangan" in i["url"])
    text = three_pages["text"]
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
    paged = next(i for i in kompas.items if "banjir-rendam" in i["url"])
    assert paged["pages"] == 2 and "12 RT di Jakarta Timur" in paged["text"]
    assert "'article/page_all_failed': 1" in kompas.stderr
    assert any("banjir-rendam-permukiman" in p and p.endswith("?page=2") for p in kompas.paths)


@pytest.mark.e2e
def test_robots_txt_disallow_is_obeyed(crawls) -> None:
    tribun = crawls["tribun"]
    assert not any("/premium/" in i["url"] for i in tribun.items)
    assert not any("/premium/" in p for p in tribun.paths)
    assert "'robotstxt/forbidden'" in tribun.stderr and "'article/ignored': 1" in tribun.stderr


@pytest.mark.e2e
def test_dates_filter_daily_index_and_no_off_site_link(mirror, tmp_path: Path) -> None:
    url, log = mirror
    before = len(requested(log))
    items, stderr = crawl(
        url, "kompas", tmp_path / "k.jsonl", "-a", "since=2020-10-05", "-a", "until=2020-10-05"
    )
    assert [i["canonical_url"] for i in items] == [
        "https://megapolitan.kompas.com/read/2020/10/05/081500201/"
        "banjir-rendam-permukiman-di-jakarta-timur-ratusan-warga-mengungsi"
    ]
    paths = requested(log)[before:]
    # Both pages of the day's index were walked (page 2 through a[rel=next]).
    assert "/indeks.kompas.com/?site=all&date=2020-10-05&page=1" in paths
    assert "/indeks.kompas.com/?site=all&date=2020-10-05&page=2" in paths
    assert "'discovery/from_index'" in stderr and "'article/outside_dates': 1" in stderr
    # The sitemaps and the index link to www.detik.com: never requested.
    assert any(p.startswith("/www.kompas.com/sitemap-index.xml") for p in paths)
    assert not any(p.startswith("/www.detik.com/") for p in paths)


@pytest.mark.e2e
def test_urls_argument_limit_and_fallback_is_counted(mirror, tmp_path: Path) -> None:
    url, _ = mirror
    changed = next(a for a in ARTICLES if not a["in_demo_crawl"])
    kumparan = [a["canonical_url"] for a in ARTICLES if a["site"] == "kumparan"]
    items, stderr = crawl(
        url,
        "article",
        tmp_path / "a.jsonl",
        "-a",
        f"urls={changed['canonical_url']},{kumparan[0]}",
        "-s",
        "FALLBACK_WARN_MIN_ITEMS=1",
    )
    by_url = {i["canonical_url"]: i for i in items}
    fallback = by_url[changed["canonical_url"]]
    assert fallback["extractor"] == "fallback:trafilatura"
    assert fallback["text"] == (EXPECTED / changed["file"]).read_text(encoding="utf-8")
    assert by_url[kumparan[0]]["extractor"] == "site:kumparan"
    assert "'extract/kompas/fallback': 1" in stderr
    assert "needed the fallback extractor" in stderr
    limited, _ = crawl(url, "kumparan", tmp_path / "l.jsonl", "-a", "limit=2")
    assert len(limited) == 2


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
def test_a_bad_argument_fails_the_command_before_anything_is_fetched(mirror) -> None:
    url, log = mirror
    before = len(requested(log))
    result = run_scrapy("crawl", "kompas", "-s", f"MIRROR_URL={url}", "-a", "since=2020-13-01")
    assert result.returncode != 0
    assert "expected a date as YYYY-MM-DD" in result.stderr.splitlines()[-1]
    assert len(requested(log)) == before


@pytest.mark.e2e
def test_robots_txt_holds_for_requests_in_flight_before_it_is_parsed(
    mirror, tmp_path: Path
) -> None:
    # Several URLs of one host handed over at once: all of them wait for its robots.txt. With
    # Scrapy 2.19's own middleware only the first waiter got the rules (see
    # crawler.middlewares.RobotsTxtMiddleware); the disallowed page is last in the list.
    url, log = mirror
    www = [a["canonical_url"] for a in ARTICLES if "://www.tribunnews.com/" in a["canonical_url"]]
    premium = "https://www.tribunnews.com/premium/2020/10/07/artikel-premium-tertutup-untuk-robot"
    items, stderr = crawl(
        url, "article", tmp_path / "a.jsonl", "-a", "urls=" + ",".join([*www, premium])
    )
    assert len(www) >= 4 and premium not in {i["canonical_url"] for i in items}
    assert not any("/premium/" in p for p in requested(log))
    assert "'robotstxt/forbidden': 1" in stderr
