"""A WARC written by another tool: GNU Wget (``wget --warc-file``) fetching the demo mirror.

The mirror answers as an HTTP proxy, so Wget fetches the sites' own URLs (over http) and
writes its own WARC (request, response, metadata and resource records, warcinfo, per-record
gzip). ``scrapy regenerate`` over it rebuilds every whole article in it, byte for byte the
texts the crawl writes, and the manifest lists the URLs Wget actually fetched.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.mirror import running_mirror

EXPECTED = REPO / "demo" / "expected"
KOMPAS_TWO_PAGES = (
    "http://megapolitan.kompas.com/read/2020/10/05/081500201/"
    "banjir-rendam-permukiman-di-jakarta-timur-ratusan-warga-mengungsi"
)
# URL as fetched -> the expected text of its article (demo/expected).
FETCHED = {
    "http://kumparan.com/kumparannews/"
    "jelang-pembicaraan-damai-militer-azerbaijan-armenia-malah-bentrok-24JyQ2X5kLm": (
        "kumparan/jelang-pembicaraan-damai.txt"
    ),
    "http://kumparan.com/kumparanbola/"
    "timnas-u-19-indonesia-menang-telak-atas-bosnia-di-kroasia-25XyZ9aBcDe": (
        "kumparan/timnas-u19-menang.txt"
    ),
    "http://www.kompas.com/global/read/2020/09/30/120600570/"
    "azerbaijan-dan-armenia-tolak-perundingan-di-tengah-eskalasi-konflik?page=all": (
        "kompas/azerbaijan-dan-armenia-tolak-perundingan.txt"
    ),
    KOMPAS_TWO_PAGES: "kompas/banjir-rendam-permukiman-di-jakarta-timur.txt",
    KOMPAS_TWO_PAGES + "?page=2": "kompas/banjir-rendam-permukiman-di-jakarta-timur.txt",
    "http://jateng.tribunnews.com/2020/10/06/"
    "banjir-rendam-ratusan-rumah-di-semarang-warga-mengungsi-ke-masjid?page=all": (
        "tribun/banjir-rendam-ratusan-rumah-di-semarang.txt"
    ),
}


def _wget() -> str:
    found = shutil.which("wget")
    if not found:  # a new machine: Debian's package, as for the Redis server
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "wget"], env=env, capture_output=True, check=False
        )
        found = shutil.which("wget")
    if not found:
        pytest.fail("wget is not installed and `apt-get install wget` failed")
    return found


def test_a_wget_warc_rebuilds_every_whole_article(tmp_path: Path) -> None:
    wget = _wget()
    with running_mirror(tmp_path / "mirror.log") as mirror:
        proxy = mirror.replace("http://", "")
        result = subprocess.run(
            [
                wget,
                "--warc-file",
                str(tmp_path / "wget"),
                "--no-verbose",
                "--tries=1",
                "-e",
                "use_proxy=yes",
                "-e",
                f"http_proxy={proxy}",
                "-O",
                os.devnull,
                *FETCHED,
            ],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    assert result.returncode == 0, result.stderr
    warc = tmp_path / "wget.warc.gz"
    assert warc.stat().st_size > 0
    out = tmp_path / "corpus"
    regen = run_scrapy("regenerate", warc, "-o", out, "--no-progress")
    assert regen.returncode == 0, regen.stderr
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    wanted = sorted(set(FETCHED.values()))
    assert len(rows) == len(wanted), regen.stderr
    texts = {(out / row["file"]).read_text(encoding="utf-8") for row in rows}
    assert texts == {(EXPECTED / name).read_text(encoding="utf-8") for name in wanted}
    # The manifest lists the URLs Wget fetched, as it fetched them.
    urls = {u for row in rows for u in row["urls"]}
    assert KOMPAS_TWO_PAGES in urls or KOMPAS_TWO_PAGES + "?page=2" in urls, urls
