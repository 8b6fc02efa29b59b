"""``scrapy explain``: for one page, which layout read it and why each block stays or goes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.inprocess import local_mirror

pytestmark = pytest.mark.e2e

MIRROR = REPO / "demo" / "mirror"
KOMPAS = (
    "https://www.kompas.com/global/read/2020/09/30/120600570/"
    "azerbaijan-dan-armenia-tolak-perundingan-di-tengah-eskalasi-konflik"
)
KUMPARAN = (
    "https://kumparan.com/kumparanfood/"
    "cara-membuat-rendang-daging-empuk-ala-rumah-makan-padang-21QwErTy123"
)


def test_explain_a_saved_page_names_the_selectors_and_families(tmp_path: Path) -> None:
    page = MIRROR / (KOMPAS.split("://", 1)[1] + "@page=all")
    result = run_scrapy("explain", page, "--url", KOMPAS + "?page=all")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "site: kompas; read by: layout read-2017" in out
    assert "Scrapy" not in result.stderr  # the explanation is the output
    # Markup chrome, named by the selector that removed it, in page order.
    assert any("drop  related-link" in line and "Baca juga:" in line for line in out.splitlines())
    assert any("drop  selector .ads-on-body" in line for line in out.splitlines())
    # Text chrome, named by its family; the body kept.
    assert any(line.startswith("  drop  promotion") for line in out.splitlines())
    assert sum(line.startswith("  KEEP  body") for line in out.splitlines()) >= 5
    # Where the metadata came from, and the document.
    assert "published      JSON-LD" in out and "title          markup" in out
    expected = REPO / "demo/expected/kompas/azerbaijan-dan-armenia-tolak-perundingan.txt"
    assert out.split("-- document\n", 1)[1] == expected.read_text(encoding="utf-8")


def test_explain_a_url_fetches_it_through_the_mirror(tmp_path: Path) -> None:
    with local_mirror() as mirror:
        result = run_scrapy("explain", KUMPARAN, "-s", f"MIRROR_URL={mirror.url}")
    assert result.returncode == 0, result.stderr
    out = result.stdout
    assert "site: kumparan; read by: layout current" in out
    assert any(
        'drop  selector figure[data-qa-id="image-figure"]' in line for line in out.splitlines()
    )
    assert any('drop  selector [data-qa-id="ads"]' in line for line in out.splitlines())
    # Fetched the way the crawl fetches: robots.txt first, then the page.
    paths = mirror.requested()
    assert "/kumparan.com/robots.txt" in paths and any("rendang" in p for p in paths)


def test_explain_of_nothing_is_one_line(tmp_path: Path) -> None:
    result = run_scrapy("explain", tmp_path / "missing.html")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "no such file" in result.stderr.strip().splitlines()[-1]
