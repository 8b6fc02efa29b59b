"""The shared checks, over every site of the registry: a site registered without its fixtures
(``tests/sites/<site>.json``) fails here."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.extraction import extract
from articles.urls import canonical_url, listed_as_article
from cleaners import clean, detect_site
from cleaners.sites import CRAWLED_SITES, get_profile, has_article_form, site_for_url
from crawler.spiders.sites import SPIDERS
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "sites"


def fixture(site: str) -> dict[str, str]:
    path = FIXTURES / f"{site}.json"
    assert path.is_file(), f"site {site!r} is registered without its fixtures: add {path}"
    return json.loads(path.read_text(encoding="utf-8"))


def read(relative: str) -> bytes:
    return (REPO / relative).read_bytes()


@pytest.mark.parametrize("site", CRAWLED_SITES)
def test_the_site_reads_its_article_page_by_its_own_layout(site: str) -> None:
    f = fixture(site)
    item = extract(read(f["page"]), f["url"])
    assert item["extractor"] == f"site:{site}" and item["site"] == site
    assert item["text"] == read(f["page_document"]).decode("utf-8")


@pytest.mark.parametrize("site", CRAWLED_SITES)
def test_the_site_cleans_its_dump(site: str) -> None:
    f = fixture(site)
    text = read(f["dump"]).decode("utf-8")
    assert detect_site(text) == site
    assert clean(text).text == read(f["dump_document"]).decode("utf-8")


@pytest.mark.parametrize("site", CRAWLED_SITES)
def test_the_site_has_its_spider_and_its_urls_are_its_own(site: str) -> None:
    url = fixture(site)["url"]
    assert site_for_url(url) == site and listed_as_article(url) and has_article_form(url)
    assert canonical_url(url) == url
    spider = SPIDERS[site]
    assert spider.name == site and list(spider.allowed_domains) == list(get_profile(site).domains)


def test_every_fixture_names_a_registered_site() -> None:
    stray = {p.stem for p in FIXTURES.glob("*.json")} - set(CRAWLED_SITES)
    assert stray == set(), f"fixtures of sites that are not registered: {stray}"


def test_a_site_without_fixtures_is_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(globals(), "FIXTURES", tmp_path)
    with pytest.raises(AssertionError, match="registered without its fixtures"):
        fixture("kompas")
