"""`scrapy regenerate` on archives with bad records: skipped with a counted reason, the run goes on."""

from __future__ import annotations

import gzip
import json
from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import REPO, run_scrapy

MIRROR = REPO / "demo" / "mirror"
EXPECTED = REPO / "demo" / "expected"
KUMPARAN = "https://kumparan.com/kumparanbola/timnas-u-19-indonesia-menang-telak-atas-bosnia-di-kroasia-25XyZ9aBcDe"


def write_warc(path: Path, records: list[tuple[str, str, bytes]]) -> None:
    """(url, content type, body) response records, as another crawler might write them."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, content_type, body in records:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1"
            )
            writer.write_record(
                writer.create_warc_record(
                    url, "response", payload=BytesIO(body), http_headers=headers
                )
            )


def kumparan_page() -> bytes:
    return (MIRROR / "kumparan.com" / KUMPARAN.split("kumparan.com/", 1)[1]).read_bytes()


@pytest.mark.e2e
def test_bad_records_are_skipped_and_counted(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    write_warc(
        archive / "a.warc.gz",
        [
            (KUMPARAN, "text/html; charset=utf-8", kumparan_page()),
            ("https://kumparan.com/robots.txt", "text/plain", b"User-agent: *\n"),
            (
                "https://www.detik.com/berita/d-1/x",
                "text/html",
                b"<html><body><p>x</p></body></html>",
            ),
            (
                "https://kumparan.com/kumparannews/rusak-21AbCdEfGhI",
                "text/html",
                b"\x00\x01<html><p",
            ),
            ("https://kumparan.com/kumparannews/gambar-21AbCdEfGhJ", "image/jpeg", b"\xff\xd8\xff"),
        ],
    )
    # A second file cut in the middle of its second record: a truncated gzip stream.
    write_warc(
        archive / "b.warc.gz",
        [
            (KUMPARAN.replace("25XyZ9aBcDe", "26XyZ9aBcDe"), "text/html", kumparan_page()),
            (KUMPARAN.replace("25XyZ9aBcDe", "27XyZ9aBcDe"), "text/html", kumparan_page()),
        ],
    )
    data = (archive / "b.warc.gz").read_bytes()
    (archive / "b.warc.gz").write_bytes(data[: len(data) - 2000])
    (archive / "c.warc.gz").write_bytes(gzip.compress(b"this is not a WARC file at all\n"))
    out = tmp_path / "corpus"
    result = run_scrapy("regenerate", archive, "-o", out, "--no-progress")
    assert result.returncode == 0, result.stderr
    err = result.stderr
    assert "skipped 1: unsupported host" in err
    assert "skipped 1: listing page" in err  # robots.txt
    assert "skipped 1: not HTML" in err  # an image
    assert "not an article page" in err  # the broken page carries no article markup
    assert "skipped 1: file cut short (truncated archive)" in err
    assert "b.warc.gz: its last" in err  # the cut file, named
    assert "c.warc.gz: from its start: Invalid WARC header: unreadable file" in err
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    # The good page, and the first record of the truncated file, are in the corpus (the copies
    # of the same page fold into one document).
    assert len(manifest) == 1 and len(manifest[0]["urls"]) == 2
    assert (out / manifest[0]["file"]).read_text() == (
        EXPECTED / "kumparan/timnas-u19-menang.txt"
    ).read_text()


@pytest.mark.e2e
def test_a_windows_1252_page_is_decoded_by_its_declared_charset(tmp_path: Path) -> None:
    # The same bytes the crawl would have received: decoded by Scrapy's own rules (HTTP header
    # first), so regeneration and crawl agree, and the text has no mojibake.
    archive = tmp_path / "archive"
    archive.mkdir()
    html = kumparan_page().decode("utf-8")
    html = html.replace('<meta charSet="utf-8">', "").replace(
        '<h1 data-qa-id="story-title">Timnas', '<h1 data-qa-id="story-title">“Garuda Muda” Timnas'
    )
    write_warc(
        archive / "a.warc.gz",
        [(KUMPARAN, "text/html; charset=windows-1252", html.encode("cp1252"))],
    )
    out = tmp_path / "corpus"
    result = run_scrapy("regenerate", archive, "-o", out, "--no-progress")
    assert result.returncode == 0, result.stderr
    manifest = [json.loads(line) for line in (out / "manifest.jsonl").read_text().splitlines()]
    assert (
        manifest[0]["title"]
        == "“Garuda Muda” Timnas U-19 Indonesia Menang Telak atas Bosnia di Kroasia"
    )


@pytest.mark.e2e
def test_missing_archive_is_a_usage_error(tmp_path: Path) -> None:
    result = run_scrapy("regenerate", tmp_path / "nothing-here", "-o", tmp_path / "out")
    assert result.returncode != 0 and "no such file or folder" in result.stderr


def test_archive_reader_returns_blocks_and_finds_them_again(tmp_path: Path) -> None:
    from archives.payload import split_head
    from archives.warc import Record, read_block, read_records

    write_warc(
        tmp_path / "a.warc.gz",
        [
            ("https://kumparan.com/robots.txt", "text/plain", b"User-agent: *\nDisallow: /x\n"),
            (KUMPARAN, "text/html; charset=utf-8", kumparan_page()),
        ],
    )
    records = [r for r in read_records(tmp_path / "a.warc.gz", 1 << 20) if isinstance(r, Record)]
    assert [split_head(r.block)[2] for r in records] == [
        b"User-agent: *\nDisallow: /x\n",
        kumparan_page(),
    ]
    for r in records:
        assert read_block(r.file, r.offset, r.ordinal, r.record_id, 1 << 20) == r.block
        # A wrong offset never gives another record: the record is found by its place.
        assert read_block(r.file, 0, r.ordinal, r.record_id, 1 << 20) == r.block


def test_pass_one_reads_long_http_headers_whole(tmp_path: Path) -> None:
    """Pass 1 reads a block's first 8 KiB; longer headers are still read to their end."""
    from archives.index import index_archives

    def with_cookie(size: int) -> bytes:
        return f"Set-Cookie: a={'x' * size}\r\n".encode()

    url = "https://kumparan.com/kumparannews/kuki-{}-21AbCdEfGh{}"
    path = tmp_path / "a.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for size, tag in ((20_000, "A"), (70_000, "B")):
            block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n" + with_cookie(size)
            block += b"\r\n" + kumparan_page()
            writer.write_record(
                writer.create_warc_record(url.format(size, tag), "response", payload=BytesIO(block))
            )
    index = index_archives([str(path)])
    pages = [page.url for unit in index.units.values() for page in unit.pages.values()]
    assert pages == [url.format(20_000, "A")]
    assert index.skipped == {"HTTP headers longer than 65536 bytes": 1}
