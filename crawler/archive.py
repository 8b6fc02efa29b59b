"""The raw archive: every fetched page, request and response, in WARC files (warcio).

``WarcArchive`` is an extension: on each ``response_received`` it writes the request and the
response (headers and body as Scrapy received them, after content decoding) to
``ARCHIVE_DIR/<bot>-<spider>-<start>-<pid>-<seq>.warc.gz``, starting a new file past
``ARCHIVE_MAX_BYTES``. A file is ``.warc.gz.open`` while written and renamed when complete
(``archives.writer``: one gzip member a record).
The response record carries the fetch time (``WARC-Date``), which the item carries too. Every URL
a spider discovers for an article is written as a ``metadata`` record (target: the canonical
article URL; ``WARC-Beritabersih-Discovered``: the URL as found), when it is found, so the
manifest's ``urls`` do not depend on whether a variant turned up before or after the page was
fetched, and regenerating from the archive (``scrapy regenerate``) reproduces them exactly.

``archives.warc`` reads any WARC file (the project's own or another crawler's) back.
"""

from __future__ import annotations

import logging
import os
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from scrapy import Request, Spider, signals
from scrapy.crawler import Crawler
from scrapy.exceptions import NotConfigured
from scrapy.http import Response
from warcio.recordloader import ArcWarcRecord
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archives.warc import DISCOVERED_HEADER, now_stamp
from archives.writer import WarcFile

logger = logging.getLogger(__name__)

# Sent by the spiders for every article URL they find: url (as found), article (canonical).
url_discovered = object()
# Headers describing a transfer encoding Scrapy has already undone: the archived body is decoded.
_TRANSFER_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


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
        self.file: WarcFile | None = None
        # Records are written plain into this buffer, then compressed into the file.
        self.buffer = BytesIO()
        self.writer = WARCWriter(self.buffer, gzip=False)
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

    def _file(self) -> WarcFile:
        if self.file is None:
            name = (
                f"{self.prefix}-{self.spider_name}-{self.started}-{os.getpid()}-{self.sequence:05d}"
            )
            self.file = WarcFile(self.folder / f"{name}.warc.gz")
        return self.file

    def _write(self, record: ArcWarcRecord) -> None:
        """One record, as one gzip member of the current file."""
        self.buffer.seek(0)
        self.buffer.truncate()
        self.writer.write_record(record)
        self._file().write(self.buffer.getvalue())

    def _close(self) -> None:
        if self.file is not None:
            self.file.close()
            self.stats.inc_value("archive/files")
        self.file = None
        self.sequence += 1

    def response_received(self, response: Response, request: Request, spider: Spider) -> None:
        stamp = now_stamp()
        request.meta["crawled_at"] = stamp
        writer = self.writer
        target = response.url
        parts = urlsplit(target)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        request_headers = [
            (k.decode("latin-1"), b", ".join(v).decode("latin-1"))
            for k, v in request.headers.items()
        ]
        self._write(
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
        self._write(
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
        if self.file is not None and self.file.tell() >= self.max_bytes:
            self._close()

    def discovered(self, url: str, article: str) -> None:
        self._write(
            self.writer.create_warc_record(
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
