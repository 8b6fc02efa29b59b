"""Every dated layout of every registered site is proven by a page of its own (Fundus's parser
coverage test is the model): ``tests/sites/<site>/<layout>.html``, a page of our own making in
that layout's markup (head, JSON-LD where the layout has it, navigation, the article with its
inline chrome, related lists, footer), and ``<layout>.json`` beside it, with the URL it was
served from and the title, authors, published, section, tags and text it must give. A layout
added to a site's entry without its page fails here, by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from articles.extraction import extract, read_page
from cleaners.sites import PROFILES
from tests.conftest import REPO

FIXTURES = REPO / "tests" / "sites"
FIELDS = ("title", "authors", "published", "section", "tags")
LAYOUTS = [
    (site, layout.name)
    for site, profile in PROFILES.items()
    if profile.start_hosts  # the crawled sites (generic has no layout of its own)
    for layout in profile.layouts
]


def fixture(site: str, layout: str) -> tuple[bytes, dict]:
    page, expected = FIXTURES / site / f"{layout}.html", FIXTURES / site / f"{layout}.json"
    missing = [f"{site}/{p.name}" for p in (page, expected) if not p.is_file()]
    assert not missing, (
        f"layout {site}/{layout} has no fixture: add tests/sites/{', '.join(missing)}"
    )
    return page.read_bytes(), json.loads(expected.read_text(encoding="utf-8"))


def document(expected: dict) -> str:
    return "\n\n".join(expected["text"]) + "\n"


@pytest.mark.parametrize(("site", "layout"), LAYOUTS, ids=[f"{s}/{n}" for s, n in LAYOUTS])
def test_every_layout_reads_its_fixture_by_itself(site: str, layout: str) -> None:
    html, expected = fixture(site, layout)
    page = read_page(html, expected["url"])
    assert (page.site, page.layout, page.extractor) == (site, layout, f"site:{site}")
    item = extract(html, expected["url"])
    assert {name: item[name] for name in FIELDS} == {name: expected[name] for name in FIELDS}
    assert item["text"] == document(expected)


def test_every_fixture_is_a_layout_of_the_registry() -> None:
    found = {(p.parent.name, p.stem) for p in FIXTURES.glob("*/*.html")}
    assert found - set(LAYOUTS) == set(), "fixtures of layouts no site entry has"
    assert set(LAYOUTS) - found == set(), "layouts without a fixture page"


def test_a_layout_without_its_fixture_is_named(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setitem(globals(), "FIXTURES", tmp_path)
    with pytest.raises(AssertionError, match="layout kompas/read-2017 has no fixture"):
        fixture("kompas", "read-2017")


@pytest.mark.parametrize(
    ("credit", "names"),
    [
        # a credit cell of the 2014 layout, with its label's colon
        (": Ahmad Sukri", ["Ahmad Sukri"]),
        ("Penulis : Dewi Lestari dan Budi Santoso", ["Dewi Lestari", "Budi Santoso"]),
        # a contributor's role and place before the name
        (": Kontributor Garut, Ahmad Sukri", ["Ahmad Sukri"]),
        # the publisher in the author meta (kcm and mobile pages), or a newsroom byline
        ("PT. Kompas Cyber Media", []),
        ("Kompas Cyber Media", []),
        ("Tribun Network", []),
        ("Tim Redaksi", []),
        # a channel account stays (it is the byline kumparan prints)
        ("kumparanNEWS", ["kumparanNEWS"]),
    ],
)
def test_author_names_are_people_not_labels_or_publishers(credit: str, names: list[str]) -> None:
    from cleaners.html import person_names

    assert person_names(credit) == names


@pytest.mark.parametrize(("site", "layout"), LAYOUTS, ids=[f"{s}/{n}" for s, n in LAYOUTS])
def test_every_layout_fixture_reads_the_same_without_its_layout(site: str, layout: str) -> None:
    """As if the site had been redesigned: the layout-free reader finds the same article."""
    html, expected = fixture(site, layout)
    item = extract(html, expected["url"], site_layouts=False)
    assert item["extractor"] == "fallback:container" and item["title"] == expected["title"]
    assert item["text"] == document(expected)
