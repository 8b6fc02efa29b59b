"""A multi-page article missing a page is not written; the WARC archive rotates by size."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.mirror import offline_settings, running_mirror

pytestmark = pytest.mark.e2e

FLOOD = (
    "https://megapolitan.kompas.com/read/2020/10/05/081500201/"
    "banjir-rendam-permukiman-di-jakarta-timur-ratusan-warga-mengungsi"
)


def test_an_article_with_a_page_missing_is_counted_incomplete_and_not_written(
    tmp_path: Path,
) -> None:
    root = tmp_path / "mirror"
    shutil.copytree(REPO / "demo" / "mirror", root)
    # The article has no ?page=all in the mirror; remove its page 2 as well.
    (root / "megapolitan.kompas.com" / (FLOOD.split(".com/", 1)[1] + "@page=2")).unlink()
    with running_mirror(tmp_path / "requests.log", root) as url:
        result = run_scrapy(
            "crawl",
            "kompas",
            "-a",
            f"urls={FLOOD}",
            "-O",
            tmp_path / "items.jsonl",
            *offline_settings(url, tmp_path),
        )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "'article/incomplete': 1" in result.stderr
    assert "incomplete article" in result.stderr and "page 2 failed" in result.stderr
    assert (tmp_path / "items.jsonl").read_text() == ""
    assert not list((tmp_path / "corpus").glob("*.txt"))


def test_the_archive_rotates_by_size_and_regenerates_the_same(tmp_path: Path) -> None:
    with running_mirror(tmp_path / "requests.log") as url:
        result = run_scrapy(
            "crawl", "kumparan", *offline_settings(url, tmp_path), "-s", "ARCHIVE_MAX_BYTES=4000"
        )
    assert result.returncode == 0, result.stderr[-2000:]
    files = sorted((tmp_path / "raw").iterdir())
    assert len(files) >= 3 and all(f.name.endswith(".warc.gz") for f in files)  # none left .open
    regen = run_scrapy("regenerate", tmp_path / "raw", "-o", tmp_path / "regen", "--no-progress")
    assert regen.returncode == 0, regen.stderr
    for name in ("manifest.jsonl", *(p.name for p in (tmp_path / "corpus").glob("*.txt"))):
        assert (tmp_path / "regen" / name).read_bytes() == (tmp_path / "corpus" / name).read_bytes()
