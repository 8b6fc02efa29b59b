"""Reading WARC files back, ours or any other crawler's (warcio), with bounded memory.

``read_responses`` walks a file's response, revisit and discovery records; ``read_response_at``
reads one response again by its offset. Damage costs the record or the rest of the file, never
the run: it is yielded as a ``BadRecord`` with a short reason.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

# A metadata record of ours: an article URL as a spider found it (target: the canonical URL).
DISCOVERED_HEADER = "WARC-Beritabersih-Discovered"


def now_stamp() -> str:
    """The current time as a WARC-Date (UTC, whole seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


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
                item = _item(record, iterator, path, bodies, max_body)
                if isinstance(item, BadRecord) and not isinstance(item, TooLarge):
                    yield item  # the rest of the file cannot be trusted
                    return
                if item is not None:
                    yield item
            end = iterator.get_record_offset() + (iterator.get_record_length() or 0)
        except (ArchiveLoadFailed, OSError, EOFError, ValueError, TypeError) as err:
            yield BadRecord(f"{path.name}: unreadable from here on ({_excerpt(err)})")
            return
    if end < size:
        yield BadRecord(f"{path.name}: truncated after byte {end} of {size}")


def _item(
    record: Any, iterator: ArchiveIterator, path: Path, bodies: bool, max_body: int
) -> ArchivedResponse | Discovery | Revisit | BadRecord | None:
    """What one record gives: a response, a discovery, a revisit, damage, or nothing."""
    headers = record.rec_headers
    target = headers.get_header("WARC-Target-URI")
    if record.rec_type == "metadata":
        found = headers.get_header(DISCOVERED_HEADER)
        return Discovery(target, found) if found and target else None
    if record.rec_type == "revisit":
        digest = headers.get_header("WARC-Payload-Digest")
        if target and digest:
            return Revisit(target, headers.get_header("WARC-Date") or "", digest)
        return None
    if record.rec_type != "response":
        return None
    if not target:
        return BadRecord(f"{path.name}: a record without a target URI (not WARC)")
    where = f"{path.name} ({target[:120]})"
    if (record.length or 0) > max_body + _HEADER_ROOM:
        return TooLarge(f"{where}: body larger than {max_body} bytes")
    body = b""
    try:
        if bodies:
            body = _read_body(record, max_body, where)
        else:
            _check_whole(record, where)
    except BadRecord as err:
        return err
    # Read the body before asking for the offset: warcio's get_record_offset() reads the
    # record to its end.
    return _archived(record, str(path), iterator.get_record_offset(), body)


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
