"""A WARC written by another tool: GNU Wget (``wget --warc-file``) fetching the demo mirror.

The mirror answers as an HTTP proxy, so Wget fetches the sites' own URLs (over http) and
writes its own WARC (request, response, metadata and resource records, warcinfo, per-record
gzip). ``scrapy regenerate`` over it rebuilds every whole article in it, byte for byte the
texts the crawl writes, and the manifest lists the URLs Wget actually fetched.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.inprocess import local_mirror
from tests.services import installed

pytestmark = pytest.mark.e2e

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
    return installed("wget")


def test_a_wget_warc_rebuilds_every_whole_article(tmp_path: Path) -> None:
    wget = _wget()
    with local_mirror() as mirror:
        proxy = mirror.url.replace("http://", "")
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


MIRROR = REPO / "demo" / "mirror"
TIMNAS = (
    "https://kumparan.com/kumparanbola/"
    "timnas-u-19-indonesia-menang-telak-atas-bosnia-di-kroasia-25XyZ9aBcDe"
)
RENDANG = (
    "https://kumparan.com/kumparanfood/"
    "cara-membuat-rendang-daging-empuk-ala-rumah-makan-padang-21QwErTy123"
)
BANJIR = KOMPAS_TWO_PAGES.replace("http://", "https://")


def _mirror_page(url: str) -> bytes:
    host_path = url.split("://", 1)[1].replace("?", "@")
    return (MIRROR / host_path).read_bytes()


def _chunked(data: bytes, size: int = 700) -> bytes:
    parts = [data[i : i + size] for i in range(0, len(data), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


def test_warc_1_1_with_chunked_gzip_and_revisit_records(tmp_path: Path) -> None:
    import gzip
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    def response(writer, url: str, payload: bytes, *headers: tuple[str, str]):
        http = StatusAndHeaders(
            "200 OK", [("Content-Type", "text/html; charset=utf-8"), *headers], protocol="HTTP/1.1"
        )
        record = writer.create_warc_record(
            url, "response", payload=BytesIO(payload), length=len(payload), http_headers=http
        )
        writer.ensure_digest(record, block=False, payload=True)
        writer.write_record(record)
        return record.rec_headers.get_header("WARC-Payload-Digest")

    warc = tmp_path / "heritrix-like.warc.gz"
    with open(warc, "wb") as fh:
        writer = WARCWriter(fh, gzip=True, warc_version="WARC/1.1")
        digest = response(
            writer, TIMNAS, _chunked(_mirror_page(TIMNAS)), ("Transfer-Encoding", "chunked")
        )
        response(
            writer,
            BANJIR,
            gzip.compress(_mirror_page(BANJIR + "?page=1")),
            ("Content-Encoding", "gzip"),
        )
        response(writer, BANJIR + "?page=2", _mirror_page(BANJIR + "?page=2"))
        # The same payload seen again at another URL, and a revisit of something not archived.
        for url, ref in ((RENDANG, digest), (TIMNAS + "?utm_source=x", "sha1:AAAA")):
            writer.write_record(
                writer.create_revisit_record(url, ref, TIMNAS, "2024-01-01T00:00:00Z")
            )
    out = tmp_path / "corpus"
    regen = run_scrapy("regenerate", warc, "-o", out, "--no-progress")
    assert regen.returncode == 0, regen.stderr
    assert "skipped 1: revisit of a record not in these archives" in regen.stderr
    rows = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    texts = sorted((out / row["file"]).read_text(encoding="utf-8") for row in rows)
    assert texts == sorted(
        (EXPECTED / name).read_text(encoding="utf-8")
        for name in (
            "kumparan/timnas-u19-menang.txt",
            "kompas/banjir-rendam-permukiman-di-jakarta-timur.txt",
        )
    )
    timnas = next(row for row in rows if "timnas" in row["url"])
    assert RENDANG in timnas["urls"]  # the revisit's URL led to the same document
