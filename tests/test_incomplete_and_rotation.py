"""A multi-page article missing a page is not written; the WARC archive rotates by size."""

from __future__ import annotations

import shutil
from pathlib import Path

from corpus.regenerate import regenerate
from tests.conftest import REPO
from tests.inprocess import crawl, local_mirror

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
    with local_mirror(root) as mirror:
        run = crawl("kompas", tmp_path, mirror, urls=FLOOD)
    assert run.stat("article/incomplete") == 1
    assert "incomplete article" in run.log and "page 2 failed" in run.log
    assert run.items == []
    assert not list((tmp_path / "corpus").glob("*.txt"))


def test_the_archive_rotates_by_size_and_regenerates_the_same(tmp_path: Path) -> None:
    with local_mirror() as mirror:
        crawl("kumparan", tmp_path, mirror, {"ARCHIVE_MAX_BYTES": 4000})
    files = sorted((tmp_path / "raw").iterdir())
    assert len(files) >= 3 and all(f.name.endswith(".warc.gz") for f in files)  # none left .open
    regenerate([str(tmp_path / "raw")], tmp_path / "regen", progress=False)
    for name in ("manifest.jsonl", *(p.name for p in (tmp_path / "corpus").glob("*.txt"))):
        assert (tmp_path / "regen" / name).read_bytes() == (tmp_path / "corpus" / name).read_bytes()
