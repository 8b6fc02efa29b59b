"""Whole pages the rules were not written from: new sections, bylines, widgets and footers."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners import clean
from tests.conftest import DATA, run_scrapy

UNSEEN = DATA / "unseen"
PAGES = {
    "kompas_tekno.txt": "kompas",
    "tribun_jateng.txt": "tribun",
    "kumparan_bisnis.txt": "kumparan",
}


@pytest.mark.e2e
def test_scrapy_clean_on_unseen_pages(outdir: Path) -> None:
    result = run_scrapy("clean", UNSEEN, "-o", outdir)
    assert result.returncode == 0, result.stderr
    for name in PAGES:
        expected = (UNSEEN / "expected" / name).read_text(encoding="utf-8")
        assert (outdir / name).read_text(encoding="utf-8") == expected, name


@pytest.mark.parametrize(("name", "site"), sorted(PAGES.items()))
def test_unseen_page_site_and_metadata(name: str, site: str) -> None:
    result = clean((UNSEEN / name).read_text(encoding="utf-8"))
    assert result.site == site
    assert result.metadata.get("credits"), "the credit lines are kept as metadata"
    if site == "tribun":
        assert result.metadata["syndicated_from"] == "TribunJateng.com"
