"""The raw archive: every fetched page, request and response, in WARC files (warcio).

``WarcArchive`` is an extension: on each ``response_received`` it writes the request and the
response (headers and body as Scrapy received them, after content decoding) to
``ARCHIVE_DIR/<bot>-<spider>-<start>-<pid>-<seq>.warc.gz``, starting a new file past
``ARCHIVE_MAX_BYTES``. A file is ``.warc.gz.open`` while written and renamed when complete.
The response record carries the fetch time (``WARC-Date``), which the item carries too. Every URL
a spider discovers for an article is written as a ``metadata`` record (target: the canonical
article URL; ``WARC-Beritabersih-Discovered``: the URL as found), when it is found, so the
manifest's ``urls`` do not depend on whether a variant turned up before or after the page was
fetched, and regenerating from the archive (``scrapy regenerate``) reproduces them exactly.

``read_responses`` reads any WARC file (the project's own or another crawler's) back.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

logger = logging.getLogger(__name__)

DISCOVERED_HEADER = "WARC-Beritabersih-Discovered"
# Sent by the spiders for every article URL they find: url (as found), article (canonical).
url_discovered = object()
# Headers describing a transfer encoding Scrapy has already undone: the archived body is decoded.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


def now_stamp() -> str:
    """The current time as a WARC-Date (UTC, whole seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class WarcArchive:
    def __init__(self, crawler: Crawler) -> None:
        folder = crawler.settings.get("ARCHIVE_DIR")
        if not folder:
            raise NotConfigured("ARCHIVE_DIR is empty: no archive")
        self.folder = Path(folder)
        self.max_bytes = crawler.settings.getint("ARCHIVE_MAX_BYTES")
        self.prefix = crawler.settings.get("BOT_NAME")
        self.stats = crawler.stats
        self.started = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
        self.sequence = 0
        self.fh: IO[bytes] | None = None
        self.path: Path | None = None
        self.writer: WARCWriter | None = None
        self.spider_name = "crawl"
        crawler.signals.connect(self.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(self.response_received, signal=signals.response_received)
        crawler.signals.connect(self.discovered, signal=url_discovered)
        crawler.signals.connect(self.spider_closed, signal=signals.spider_closed)

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> WarcArchive:
        return cls(crawler)

    def spider_opened(self, spider: Spider) -> None:
        self.spider_name = spider.name
        self.folder.mkdir(parents=True, exist_ok=True)

    def _open(self) -> WARCWriter:
        if self.writer is None:
            name = (
                f"{self.prefix}-{self.spider_name}-{self.started}-{os.getpid()}-{self.sequence:05d}"
            )
            self.path = self.folder / f"{name}.warc.gz"
            self.fh = open(self.path.with_name(self.path.name + ".open"), "wb")  # noqa: SIM115
            self.writer = WARCWriter(self.fh, gzip=True)
        return self.writer

    def _close(self) -> None:
        if self.fh is not None and self.path is not None:
            self.fh.close()
            os.replace(self.path.with_name(self.path.name + ".open"), self.path)
            self.stats.inc_value("archive/files")
        self.fh = self.writer = self.path = None
        self.sequence += 1

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        stamp = now_stamp()
        request.meta["crawled_at"] = stamp
        writer = self._open()
        target = response.url
        parts = urlsplit(target)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = [
            (k.decode("latin-1"), b", ".join(v).decode("latin-1"))
            for k, v in request.headers.items()
        ]
        writer.write_record(
            writer.create_warc_record(
                target,
                "request",
                http_headers=StatusAndHeaders(
                    f"{request.method} {path} HTTP/1.1",
                    [("Host", parts.netloc), *request_headers],
                    is_http_request=True,
                ),
                warc_headers_dict={"WARC-Date": stamp},
            )
        )
        headers: list[tuple[str, str]] = [
            (k.decode("latin-1"), b", ".join(v).decode("latin-1"))
            for k, v in response.headers.items()
            if k.decode("latin-1").lower() not in _TRANSFER_HEADERS
        ]
        headers.append(("Content-Length", str(len(response.body))))
        warc_headers = {"WARC-Date": stamp}
        writer.write_record(
            writer.create_warc_record(
                target,
                "response",
                payload=BytesIO(response.body),
                length=len(response.body),
                http_headers=StatusAndHeaders(f"{response.status} -", headers, protocol="HTTP/1.1"),
                warc_headers_dict=warc_headers,
            )
        )
        self.stats.inc_value("archive/records", 2)
        if self.fh is not None and self.fh.tell() >= self.max_bytes:
            self._close()

    def discovered(self, url: str, article: str) -> None:
        writer = self._open()
        writer.write_record(
            writer.create_warc_record(
                article,
                "metadata",
                payload=BytesIO(b""),
                length=0,
                warc_content_type="application/warc-fields",
                warc_headers_dict={"WARC-Date": now_stamp(), DISCOVERED_HEADER: url},
            )
        )
        self.stats.inc_value("archive/records")

    def spider_closed(self, spider: Spider) -> None:
        self._close()


@dataclass
class ArchivedResponse:
    url: str
    date: str
    status: int
    headers: dict[str, str]
    body: bytes
    file: str
    offset: int
    digest: str = ""  # WARC-Payload-Digest, when the writer recorded one


@dataclass
class Discovery:
    """A URL a spider found for an article (canonical URL)."""

    article: str
    url: str


@dataclass
class Revisit:
    """A ``revisit`` record (Heritrix, Common Crawl, Wget's deduplication): the page at ``url``
    was fetched again at ``date`` and its payload is the one with ``digest``, archived before."""

    url: str
    date: str
    digest: str


class BadRecord(Exception):
    """A record that cannot be read; the reason is counted and the run goes on."""


def warc_files(paths: list[str]) -> list[Path]:
    """WARC files named directly or found in folders (``.warc``, ``.warc.gz``, ``.open`` too)."""
    found: list[Path] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*") if p.is_file() and ".warc" in p.name))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return found


def _archived(record: Any, path: str, offset: int, body: bytes) -> ArchivedResponse:
    http = record.http_headers
    try:
        status = int(http.get_statuscode()) if http else 0
    except (TypeError, ValueError):
        status = 0
    return ArchivedResponse(
        url=record.rec_headers.get_header("WARC-Target-URI") or "",
        date=record.rec_headers.get_header("WARC-Date") or "",
        status=status,
        headers={k.lower(): v for k, v in (http.headers if http else [])},
        body=body,
        file=path,
        offset=offset,
        digest=record.rec_headers.get_header("WARC-Payload-Digest") or "",
    )


# Record bodies larger than this are skipped (the crawl's DOWNLOAD_MAXSIZE), so no archive can
# make a reader hold more than about this much of one record in memory.
DEFAULT_MAX_BODY = 16 * 1024 * 1024
# Room for the HTTP headers inside a response record's declared length.
_HEADER_ROOM = 256 * 1024
# How much of an error message (which may quote record content) reaches a log line.
_EXCERPT = 200


class TooLarge(BadRecord):
    """A record whose body is larger than the size cap: skipped, counted apart."""


def _excerpt(err: BaseException) -> str:
    text = f"{type(err).__name__}: {err}"
    return text if len(text) <= _EXCERPT else text[:_EXCERPT] + "..."


def _read_body(record: Any, max_body: int, where: str) -> bytes:
    """A record's payload, read with a cap (decompression streams, never inflated whole);
    ``TooLarge`` past the cap, ``BadRecord`` when the record did not arrive whole."""
    body = record.content_stream().read(max_body + 1)
    if len(body) > max_body:
        raise TooLarge(f"{where}: body larger than {max_body} bytes")
    if getattr(record.raw_stream, "limit", 0) > 0:
        raise BadRecord(f"{where}: the record is cut short (truncated archive)")
    return body


def _check_whole(record: Any, where: str) -> None:
    """Read a record's raw bytes through (in chunks) to know it arrived whole.

    (The iterator reads them anyway to reach the next record.)"""
    stream = record.raw_stream
    while stream.read(1 << 16):
        pass
    if getattr(stream, "limit", 0) > 0:
        raise BadRecord(f"{where}: the record is cut short (truncated archive)")


def read_responses(
    path: Path, bodies: bool = True, max_body: int = DEFAULT_MAX_BODY
) -> Iterator[ArchivedResponse | Discovery | Revisit | BadRecord]:
    """The response and discovery records of a WARC file, in order; what cannot be read is a
    ``BadRecord``.

    Every whole record before damage is read; at the first damage (a truncated gzip member, a
    record that is not WARC) the rest of the file is skipped with one ``BadRecord``. A body
    larger than ``max_body`` is a ``TooLarge`` and the file goes on. warcio stops quietly at a
    truncated gzip member, so the end of the last record read is compared with the file's size:
    a shorter read means a truncated tail.
    """
    size = path.stat().st_size
    if size == 0:
        yield BadRecord(f"{path.name}: empty file")
        return
    end = 0
    with open(path, "rb") as fh:
        iterator = ArchiveIterator(fh)
        try:
            for record in iterator:
                if record.rec_type == "metadata":
                    found = record.rec_headers.get_header(DISCOVERED_HEADER)
                    target = record.rec_headers.get_header("WARC-Target-URI")
                    if found and target:
                        yield Discovery(target, found)
                    continue
                if record.rec_type == "revisit":
                    target = record.rec_headers.get_header("WARC-Target-URI")
                    digest = record.rec_headers.get_header("WARC-Payload-Digest")
                    if target and digest:
                        yield Revisit(
                            target, record.rec_headers.get_header("WARC-Date") or "", digest
                        )
                    continue
                if record.rec_type != "response":
                    continue
                if not record.rec_headers.get_header("WARC-Target-URI"):
                    yield BadRecord(f"{path.name}: a record without a target URI (not WARC)")
                    return
                where = f"{path.name} ({record.rec_headers.get_header('WARC-Target-URI')[:120]})"
                if (record.length or 0) > max_body + _HEADER_ROOM:
                    yield TooLarge(f"{where}: body larger than {max_body} bytes")
                    continue
                body = b""
                try:
                    if bodies:
                        body = _read_body(record, max_body, where)
                    else:
                        _check_whole(record, where)
                except TooLarge as err:
                    yield err
                    continue
                except BadRecord as err:
                    yield err
                    return
                # Read the body before asking for the offset: warcio's get_record_offset()
                # reads the record to its end.
                yield _archived(record, str(path), iterator.get_record_offset(), body)
            end = iterator.get_record_offset() + (iterator.get_record_length() or 0)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, TypeError) as err:
            yield BadRecord(f"{path.name}: unreadable from here on ({_excerpt(err)})")
            return
    if end < size:
        yield BadRecord(f"{path.name}: truncated after byte {end} of {size}")


def read_response_at(path: str, offset: int, max_body: int = DEFAULT_MAX_BODY) -> ArchivedResponse:
    """The response record at a byte offset of a WARC file (as ``read_responses`` gave it)."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        try:
            for record in ArchiveIterator(fh):
                if record.rec_type == "response":
                    body = _read_body(record, max_body, f"{Path(path).name}@{offset}")
                    return _archived(record, path, offset, body)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, TypeError) as err:
            raise BadRecord(f"{Path(path).name}@{offset}: {_excerpt(err)}") from err
    raise BadRecord(f"{Path(path).name}@{offset}: no response record")
