"""Common Crawl's news crawl (CC-NEWS): which files a date range needs, and our sites' captures
of one file, kept as it downloads.

CC-NEWS publishes WARC files month by month since August 2016. ``crawl-data/CC-NEWS/YYYY/MM/
warc.paths.gz`` lists a month's files, ``crawl-data/CC-NEWS/2024/01/CC-NEWS-20240105101500-
00010.warc.gz``: the capture time is in the name. Each file is about 1 GB of gzip, one member a
record, holding request, response and metadata records of news sites worldwide; ours are a
small share. A file is read as it downloads, never stored whole: a response whose URL is an
article URL of a registered site (decided as ``scrapy regenerate`` decides,
``archives.index.page_url_reason``) is copied, headers and block unchanged, to a slim WARC of
our own (``archives.writer``); everything else is stepped over. A download cut short continues
from the last record handled, with a Range request (or from the start, skipping what was
handled, when the server ignores ranges).
"""

from __future__ import annotations

import gzip
import re
import uuid
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from archives.index import page_url_reason
from archives.remote import NotTheFile, PoliteClient, Stream
from archives.warc import MAX_WARC_HEADER_BYTES, normal_uri, now_stamp
from archives.writer import WarcFile, warc_record
from cleaners.sites import get_profile, site_for_url

PREFIX = "crawl-data/CC-NEWS/"
FIRST_MONTH = date(2016, 8, 1)
_NAME = re.compile(r"CC-NEWS-(\d{14})-(\d{5})\.warc\.gz$")
_GZIP_MAGIC = b"\x1f\x8b"
# A month's listing holds a few thousand lines.
_MAX_LISTED = 200_000


def months(since: date, until: date) -> list[date]:
    """The first day of every month from ``since``'s to ``until``'s (none before CC-NEWS)."""
    month = max(since.replace(day=1), FIRST_MONTH)
    found = []
    while month <= until:
        found.append(month)
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return found


def listing_path(month: date) -> str:
    return f"{PREFIX}{month.year}/{month.month:02d}/warc.paths.gz"


def capture_time(path: str) -> datetime | None:
    """When a CC-NEWS file's captures began, from its name (None: not a CC-NEWS file name)."""
    match = _NAME.search(path)
    if not match:
        return None
    return datetime.strptime(match.group(1), "%Y%m%d%H%M%S").replace(tzinfo=UTC)


class ListingError(ValueError):
    """A ``warc.paths.gz`` that is not a listing of CC-NEWS files."""


def parse_listing(body: bytes, month: date) -> list[str]:
    """The file paths of a month's listing (gzip or plain), each checked to be a CC-NEWS file
    of that month: a listing is read from the network, so it names nothing else."""
    try:
        text = (gzip.decompress(body) if body[:2] == _GZIP_MAGIC else body).decode("ascii")
    except (OSError, EOFError, zlib.error, UnicodeDecodeError) as err:
        raise ListingError(f"{listing_path(month)}: not a gzip text listing ({err})") from None
    paths = [line.strip() for line in text.splitlines() if line.strip()]
    expected = f"{PREFIX}{month.year}/{month.month:02d}/"
    for path in paths[:_MAX_LISTED]:
        if not path.startswith(expected) or capture_time(path) is None or ".." in path:
            raise ListingError(f"{listing_path(month)}: names {path[:120]!r}, no file of the month")
    if len(paths) > _MAX_LISTED:
        raise ListingError(f"{listing_path(month)}: {len(paths)} lines, not a month's listing")
    return paths


def in_range(path: str, since: date, until: date) -> bool:
    """The file's captures began on a day from ``since`` to ``until``, both included."""
    when = capture_time(path)
    return when is not None and since <= when.date() <= until


def files_in_range(client: PoliteClient, since: date, until: date) -> list[str]:
    """Every CC-NEWS file whose capture time is in the range, in time order."""
    found: list[str] = []
    for month in months(since, until):
        listed = parse_listing(client.get(listing_path(month)), month)
        found.extend(p for p in listed if in_range(p, since, until))
    return sorted(set(found), key=lambda p: (capture_time(p), p))


def slim_name(path: str) -> str:
    """The name of a CC-NEWS file's slim archive (``CC-NEWS-...-00010.warc.gz``)."""
    return path.rsplit("/", 1)[-1]


def keeps_sites(sites: Iterable[str]) -> Callable[[str], bool]:
    """Whether a capture's ``WARC-Target-URI`` is an article page of one of ``sites`` (the
    host first: most captures are other sites')."""
    chosen = frozenset(sites)
    # (a substring test first: ruling out another site's URL costs no URL parsing)
    domains = tuple(d.lower() for site in chosen for d in get_profile(site).domains)

    def keep(target: str) -> bool:
        lowered = target.lower()
        if not any(d in lowered for d in domains):
            return False
        if site_for_url(target.strip().strip("<>")) not in chosen:
            return False
        url, problem = normal_uri(target)
        return not problem and page_url_reason(url) is None

    return keep


@dataclass
class FileCount:
    """What one CC-NEWS file gave."""

    records: int = 0  # records read (every type)
    kept: int = 0  # our captures written to the slim archive
    too_large: int = 0  # our captures over the size cap, left out
    bytes_read: int = 0  # bytes downloaded (tries that were cut included)
    tries: int = 0


@dataclass
class _Position:
    """Where a download of one file stands: the records handled, and the last one's offset."""

    last_offset: int = -1  # file offset of the last record handled (-1: none yet)
    handled: int = 0  # records handled, counting from the file's first
    ranges: bool = True  # resume with a Range request (False: the file's start is needed)

    def resume_at(self) -> int:
        """Where to start again: at the last record handled (it is read again and skipped),
        so a cut inside the next one never loses it."""
        return max(self.last_offset, 0) if self.ranges else 0


@dataclass
class CaptureCopier:
    """Copies our captures of one CC-NEWS file into a slim WARC as the file streams by."""

    out: WarcFile
    keep: Callable[[str], bool]
    max_body: int
    count: FileCount = field(default_factory=FileCount)
    position: _Position = field(default_factory=_Position)
    on_progress: Callable[[int, int], None] | None = None  # (bytes, kept) since the last call

    def copy(self, stream: Stream) -> None:
        """Every record of the stream not handled yet; returns at the stream's end, raises
        what the stream raises (a lost connection)."""
        from fastwarc import ArchiveIterator, WarcRecordType

        skip = self._already_handled(stream.start)
        last_bytes = stream.received
        records = ArchiveIterator(
            stream,
            record_types=WarcRecordType.response,  # (the others are stepped over unparsed)
            parse_http=False,
            auto_decode="none",
            max_header_len=MAX_WARC_HEADER_BYTES,
        )
        for ordinal, record in enumerate(records):
            if ordinal < skip or record.stream_pos <= self.position.last_offset:
                continue  # read and handled before the cut
            kept = self._handle(record)
            if kept is None:
                return  # the record was cut short: the stream ended inside it
            self.position.last_offset = record.stream_pos
            self.position.handled += 1
            if self.on_progress is not None:
                self.on_progress(stream.received - last_bytes, kept)
                last_bytes = stream.received
        if self.on_progress is not None:
            self.on_progress(stream.received - last_bytes, 0)

    def _already_handled(self, start: int) -> int:
        """Records to skip by their place: all handled ones when the file is read from its
        start again (offsets are checked too, for a Range that resumed)."""
        if start == 0 and self.position.handled:
            return self.position.handled
        return 0

    def _handle(self, record: Any) -> int | None:
        """1 when the record was kept, 0 when stepped over, None when it is cut short."""
        self.count.records += 1
        headers = record.headers
        if not self.keep(headers.get("WARC-Target-URI") or ""):
            return 0
        if record.content_length > self.max_body:
            self.count.too_large += 1
            return 0
        block = record.reader.read()
        if len(block) < record.content_length:
            return None
        lines = [headers.status_line_bytes, *(k + b": " + v for k, v in headers.items_bytes())]
        self.out.write(warc_record(lines, block))
        self.count.kept += 1
        return 1


def warcinfo(source: str, software: str) -> bytes:
    """The slim archive's first record: which CC-NEWS file it was copied from, and by what."""
    fields = f"software: {software}\r\nsource: {source}\r\nformat: WARC File Format 1.0\r\n"
    block = fields.encode("utf-8")
    lines = [
        "WARC/1.0",
        "WARC-Type: warcinfo",
        f"WARC-Date: {now_stamp()}",
        f"WARC-Filename: {Path(source).name}",
        f"WARC-Record-ID: <urn:uuid:{uuid.uuid4()}>",
        "Content-Type: application/warc-fields",
        f"Content-Length: {len(block)}",
    ]
    return warc_record([line.encode("utf-8") for line in lines], block)


def copy_file(client: PoliteClient, path: str, copier: CaptureCopier) -> FileCount:
    """Download one CC-NEWS file through ``copier``, resuming where a try was cut; raises
    ``archives.remote.GaveUp`` when it keeps failing (the slim file is then left unfinished)."""
    failures = 0
    while True:
        copier.count.tries += 1
        start = copier.position.resume_at()
        try:
            with client.stream(path, start, magic=_GZIP_MAGIC) as stream:
                try:
                    copier.copy(stream)
                finally:
                    copier.count.bytes_read += stream.received
                if stream.complete:
                    return copier.count
                expected = stream.start + (stream.length or 0)
                raise ConnectionError(f"cut short after {stream.tell()} of {expected} bytes")
        except NotTheFile as err:
            if start:  # no record starts there (a file gzipped whole?): from the start, then
                copier.position.ranges = False
            failures += 1
            client.failed(path, err, failures)
        except Exception as err:
            failures += 1
            client.failed(path, err, failures)
