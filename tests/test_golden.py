"""`scrapy clean seeds/` reproduces the reference clean texts byte for byte."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaners import clean, detect_site
from tests.conftest import GOLDEN, SEEDS, run_scrapy

SEED_SITES = {
    "000_9da027cb6d3a529b.txt": "kompas",
    "001_410e021aa0ee1c2c.txt": "kompas",
    "002_140e7188a0039106.txt": "kumparan",
    "003_6aa9c62a79b914aa.txt": "tribun",
    "004_15cf8296751ff347.txt": "kompas",
}


@pytest.mark.e2e
def test_scrapy_clean_reproduces_every_seed(outdir: Path) -> None:
    result = run_scrapy("clean", "seeds/", "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in outdir.iterdir()) == sorted(SEED_SITES)
    for name in SEED_SITES:
        assert (outdir / name).read_bytes() == (GOLDEN / name).read_bytes(), name


@pytest.mark.parametrize(("name", "site"), sorted(SEED_SITES.items()))
def test_site_is_detected_from_the_text(name: str, site: str) -> None:
    assert detect_site((SEEDS / name).read_text(encoding="utf-8")) == site


@pytest.mark.parametrize("name", sorted(SEED_SITES))
def test_library_clean_matches_golden_and_reports_decisions(name: str) -> None:
    result = clean((SEEDS / name).read_text(encoding="utf-8"))
    assert result.text == (GOLDEN / name).read_text(encoding="utf-8")
    assert result.site == SEED_SITES[name]
    kept = [d.text for d in result.decisions if d.keep]
    assert kept[0] == result.title
    assert tuple(kept[1:]) == result.body
    assert all(d.family not in {"body", "headline"} for d in result.dropped)
