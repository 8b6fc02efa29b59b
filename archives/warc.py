"""Reading web archives, ours and any other crawler's, as untrusted input with bounded memory.

WARC 0.17 to 1.1 (uncompressed, gzip per record or for the whole file, zstd) is read with
FastWARC; ARC (``.arc``, ``.arc.gz``) with warcio. Both give ``Record`` objects: the WARC
headers that matter here, normalised (the target URI as a browser would read it, the payload
digest in one letter case), and the first bytes of the block, or all of it, read with a cap.
Nothing here raises on bad input: a damaged or oversized record is a ``Skipped`` with one
reason, a file that cannot be read on is one ``Skipped`` for the rest of it.

``read_block`` reads one record's whole block again, found by its offset where the file
allows seeking to it, else by its place in the file; the record's identity is checked, so a
wrong offset can never give another record's page.
"""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import io
import logging
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote, urlsplit, urlunsplit

# A metadata record of ours: an article URL as a spider found it (target: the canonical URL).
DISCOVERED_HEADER = "WARC-Beritabersih-Discovered"
# Record bodies larger than this are skipped (the crawl's DOWNLOAD_MAXSIZE).
DEFAULT_MAX_BODY = 16 * 1024 * 1024
# The WARC header block of one record (URIs included): real ones are well under 8 KiB.
MAX_WARC_HEADER_BYTES = 64 * 1024
# How much of a log line may quote a record or an error.
EXCERPT = 200
_ARC_MAGIC = b"filedesc://"


def now_stamp() -> str:
    """The current time as a WARC-Date (UTC, whole seconds)."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass
class Record:
    """One archive record: what regenerate needs of its headers, and (part of) its block."""

    kind: str  # the WARC-Type (an ARC record is a "response")
    url: str  # WARC-Target-URI as a browser reads it ("" when it is none)
    date: str
    record_id: str
    file: str
    offset: int  # where the record starts in the file (-1: not addressable)
    ordinal: int  # its place in the file, counting records from 0
    block: bytes  # the block's first bytes (or all of it)
    block_length: int  # the length the record declares
    content_type: str = ""  # the block's (WARC Content-Type)
    digest: str = ""  # WARC-Payload-Digest, "algorithm:VALUE" upper-case
    block_digest: str = ""  # WARC-Block-Digest, as written
    refers_to_uri: str = ""
    refers_to_date: str = ""
    truncated: str = ""  # WARC-Truncated: why the writer cut the record
    segment: int = 0  # WARC-Segment-Number (0: not segmented)
    segment_origin: str = ""  # WARC-Segment-Origin-ID, on continuation records
    segment_total: int = 0  # WARC-Segment-Total-Length, on the last segment
    discovered: str = ""  # our metadata records: the URL a spider found
    url_problem: str = ""  # why the target URI is no URL, when it is not

    @property
    def whole(self) -> bool:
        """The block read is all of the block the record declares."""
        return len(self.block) >= self.block_length


@dataclass
class Skipped:
    """A record or the rest of a file not read: one counted reason, a short detail (no reason:
    a note on the file, said and not counted)."""

    reason: str
    detail: str


class ArchiveError(ValueError):
    """A record's block cannot be read again (gone, cut short, too large)."""


def excerpt(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT else text[: EXCERPT - 3] + "..."


def normal_uri(raw: str) -> tuple[str, str]:
    """(the URI as a browser reads it, "" or why it is no URL).

    Angle brackets (Wget) and surrounding spaces go, the fragment goes, scheme and host are
    lower-cased, default ports dropped, inner spaces percent-encoded.
    """
    text = raw.strip().strip("<>").strip()
    if not text:  # most records name no WARC-Refers-To-Target-URI
        return "", ""
    try:
        parts = urlsplit(text)
        host = (parts.hostname or "").rstrip(".")
        port = parts.port
    except ValueError as err:
        return text, f"not a URL ({err})"
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        return text, ""
    default = {"http": 80, "https": 443}[scheme]
    netloc = host if port in (None, default) else f"{host}:{port}"
    if "@" in parts.netloc:
        netloc = parts.netloc.rsplit("@", 1)[0] + "@" + netloc
    path = quote(parts.path, safe="/%:@!$&'()*+,;=-._~")
    query = quote(parts.query, safe="/%:@!$&'()*+,;=-._~?")
    return urlunsplit((scheme, netloc, path or "/", query, "")), ""


def normal_digest(value: str) -> str:
    """``sha1:ABC``, ``SHA1:abc`` and ``sha1:abc`` name one payload."""
    algorithm, sep, digest = value.strip().partition(":")
    return f"{algorithm.lower()}:{digest.upper()}" if sep else value.strip().upper()


def is_arc(path: Path) -> bool:
    """An ARC file (plain or gzip), told by its first bytes."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(64)
            if head.startswith(b"\x1f\x8b"):
                fh.seek(0)
                with gzip.GzipFile(fileobj=fh) as inflated:
                    head = inflated.read(len(_ARC_MAGIC))
    except (OSError, EOFError, zlib.error):  # (gzip.BadGzipFile is an OSError)
        return False
    return head.startswith(_ARC_MAGIC)


def read_records(path: Path, head: int) -> Iterator[Record | Skipped]:
    """Every record of an archive, with at most ``head`` bytes of each block."""
    reader = _arc_records if is_arc(path) else _warc_records
    yield from reader(path, head)


# --- WARC (FastWARC) ---------------------------------------------------------------------


def _warc_records(path: Path, head: int) -> Iterator[Record | Skipped]:
    # Strict first: damage between records is reported, not stepped over. A file whose
    # header lines end in LF alone (no CR) reads as records of no type: read it leniently.
    lenient = _lf_only(path)
    ordinal = -1
    last: Record | None = None
    try:
        with open(path, "rb") as fh:
            for ordinal, rec in enumerate(_fastwarc(fh, lenient)):
                last = _warc_record(rec, str(path), ordinal, head)
                yield last
    except (OSError, ValueError, EOFError) as err:
        where = f"after record {ordinal + 1}" if ordinal >= 0 else "from its start"
        yield Skipped("unreadable file", f"{path.name}: {where}: {excerpt(str(err))}")
        return
    # The reader stops quietly where a file is cut: the last record tells.
    if last is not None and (problem := _cut_after(path, last)):
        yield Skipped("file cut short (truncated archive)", f"{path.name}: {problem}")


def _fastwarc(fh: IO[bytes], lenient: bool = False) -> Any:
    from fastwarc import ArchiveIterator

    return ArchiveIterator(
        fh,
        parse_http=False,
        auto_decode="none",
        max_header_len=MAX_WARC_HEADER_BYTES,
        quirks_mode=lenient,
    )


@lru_cache(maxsize=256)
def _lf_only(path: Path) -> bool:
    """The file's first WARC header line ends in LF alone (asked again for every page read)."""
    from fastwarc import ArchiveIterator

    try:
        with open(path, "rb") as fh:
            first = next(iter(ArchiveIterator(fh, parse_http=False, auto_decode="none")), None)
            # (read with CRLF rules, its whole header block is one line)
            return first is not None and "\n" in (first.headers.get("WARC-Type") or "")
    except (OSError, ValueError, EOFError):
        return False


def _warc_record(rec: Any, file: str, ordinal: int, head: int) -> Record:
    h = rec.headers
    kind = str(rec.record_type).rsplit(".", 1)[-1].lower()
    url, problem = normal_uri(h.get("WARC-Target-URI") or "")
    block = rec.reader.read(head)
    return Record(
        kind=kind,
        url=url,
        date=h.get("WARC-Date") or "",
        record_id=h.get("WARC-Record-ID") or "",
        file=file,
        offset=rec.stream_pos,
        ordinal=ordinal,
        block=block,
        block_length=rec.content_length,
        content_type=h.get("Content-Type") or "",
        digest=normal_digest(h.get("WARC-Payload-Digest") or ""),
        block_digest=h.get("WARC-Block-Digest") or "",
        refers_to_uri=normal_uri(h.get("WARC-Refers-To-Target-URI") or "")[0],
        refers_to_date=h.get("WARC-Refers-To-Date") or "",
        truncated=h.get("WARC-Truncated") or "",
        segment=_int(h.get("WARC-Segment-Number")),
        segment_origin=h.get("WARC-Segment-Origin-ID") or "",
        segment_total=_int(h.get("WARC-Segment-Total-Length")),
        discovered=h.get(DISCOVERED_HEADER) or "",
        url_problem=problem,
    )


def _int(value: str | None) -> int:
    return int(value) if value and value.strip().isdigit() else 0


def _cut_after(path: Path, last: Record) -> str | None:
    """Why the file ends inside its last record (or after it, inside another), or None."""
    if last.block_length > DEFAULT_MAX_BODY * 4:
        return None  # skipped as too large anyway; not read whole to check
    again = _at_offset(path, last.offset, last.block_length) if last.offset >= 0 else None
    if again is None or again.record_id != last.record_id:
        again = _by_ordinal(path, last.ordinal, last.block_length)
    if again is None or not again.whole:
        return f"its last record ({last.ordinal + 1}) is cut short"
    with open(path, "rb") as fh:
        fh.seek(max(last.offset, 0))
        if fh.read(2) == b"\x1f\x8b" and not _gzip_ends_whole(fh, last.offset):
            return "its last gzip member does not end"
    return None


def _gzip_ends_whole(fh: IO[bytes], offset: int) -> bool:
    """The gzip members from ``offset`` on all end (their output is dropped, in steps)."""
    fh.seek(offset)
    inflate = zlib.decompressobj(31)
    started = False  # the current member has had input
    while chunk := fh.read(1 << 16):
        while chunk:
            if inflate.eof:
                inflate, started = zlib.decompressobj(31), False
            if not started and not chunk.strip(b"\0\r\n \t"):
                break  # padding after the last member
            started = True
            try:
                inflate.decompress(chunk, 1 << 20)
                while inflate.unconsumed_tail:
                    inflate.decompress(inflate.unconsumed_tail, 1 << 20)
            except zlib.error:
                return False
            chunk = inflate.unused_data if inflate.eof else b""
    return inflate.eof or not started


# --- ARC (warcio) --------------------------------------------------------------------------


def _arc_records(path: Path, head: int) -> Iterator[Record | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    ordinal = -1
    chatter = io.StringIO()  # what warcio prints or logs, said once, shortly, with the file
    try:
        with open(path, "rb") as fh, _warcio_logs_to(chatter):
            records = ArchiveIterator(fh, arc2warc=True, no_record_parse=True)
            while True:
                with contextlib.redirect_stderr(chatter):
                    rec = next(records, None)
                    if rec is None:
                        break
                    ordinal += 1
                    block = rec.raw_stream.read(head)  # before the offset: asking reads it all
                    item = _arc_record(rec, block, str(path), records.get_record_offset(), ordinal)
                if rec.rec_type != "warcinfo":  # the ARC's version block
                    yield item
    except Exception as err:  # warcio raises what its parsers raise: the file is done
        where = f"after record {ordinal + 1}" if ordinal >= 0 else "from its start"
        yield Skipped("unreadable file", f"{path.name}: {where}: {excerpt(str(err))}")
    if chatter.getvalue().strip():
        # Not a record: a note on one line (``reason`` empty: nothing is counted).
        yield Skipped("", f"{path.name}: warcio says: {excerpt(chatter.getvalue())}")


@contextlib.contextmanager
def _warcio_logs_to(buffer: io.StringIO) -> Iterator[None]:
    """warcio's log lines (and anything it prints) go to ``buffer``, not to the user."""
    library = logging.getLogger("warcio")
    collect = logging.StreamHandler(buffer)
    library.addHandler(collect)
    library.propagate = False
    try:
        yield
    finally:
        library.removeHandler(collect)
        library.propagate = True


def _arc_record(rec: Any, block: bytes, file: str, offset: int, ordinal: int) -> Record:
    h = rec.rec_headers
    url, problem = normal_uri(h.get_header("WARC-Target-URI") or "")
    length = _int(h.get_header("Content-Length"))
    return Record(
        kind="response",
        url=url,
        date=h.get_header("WARC-Date") or "",
        record_id=f"<arc:{offset}>",
        file=file,
        offset=offset,
        ordinal=ordinal,
        block=block,
        block_length=length,
        url_problem=problem,
    )


# --- one record again ----------------------------------------------------------------------


def read_block(file: str, offset: int, ordinal: int, record_id: str, limit: int) -> bytes:
    """The whole block of a record read before (``ArchiveError`` when it cannot be)."""
    path = Path(file)
    record = _at_offset(path, offset, limit) if offset >= 0 else None
    if record is None or record.record_id != record_id:
        record = _by_ordinal(path, ordinal, limit)
    if record is None or record.record_id != record_id:
        raise ArchiveError(f"{path.name}: record {ordinal} is not there any more")
    if record.block_length > limit:
        raise ArchiveError(f"{path.name}: record {ordinal}: larger than {limit} bytes")
    if not record.whole:
        raise ArchiveError(f"{path.name}: record {ordinal} is cut short (truncated archive)")
    if record.block_digest and not digest_matches(record.block_digest, record.block):
        raise ArchiveError(f"{path.name}: record {ordinal} is damaged (its digest does not match)")
    return record.block


_HASHES = {"sha1": "sha1", "sha-1": "sha1", "sha256": "sha256", "sha-256": "sha256", "md5": "md5"}


def digest_matches(declared: str, data: bytes) -> bool:
    """``data`` has the digest a record declares (base32, hex or base64); an algorithm not
    known here cannot be checked and passes."""
    algorithm, _, value = declared.strip().partition(":")
    name = _HASHES.get(algorithm.lower())
    if name is None or not value:
        return True
    raw = hashlib.new(name, data).digest()
    forms = (base64.b32encode(raw).decode(), raw.hex().upper())
    return value.upper() in forms or value == base64.b64encode(raw).decode()


def _at_offset(path: Path, offset: int, limit: int) -> Record | None:
    """The record starting at ``offset``, when the file can be entered there."""
    records = _arc_at(path, offset, limit) if is_arc(path) else _warc_at(path, offset, limit)
    return next((r for r in records if isinstance(r, Record)), None)


def _warc_at(path: Path, offset: int, limit: int) -> Iterator[Record | Skipped]:
    try:
        with open(path, "rb") as fh:
            fh.seek(offset)
            for rec in _fastwarc(fh, _lf_only(path)):
                yield _warc_record(rec, str(path), -1, limit + 1)
                return
    except (OSError, ValueError, EOFError):
        return


def _arc_at(path: Path, offset: int, limit: int) -> Iterator[Record | Skipped]:
    fh: IO[bytes]
    with open(path, "rb") as fh:
        fh.seek(offset)
        for item in _arc_stream(fh, path, offset, limit):
            yield item
            return


def _arc_stream(fh: IO[bytes], path: Path, offset: int, limit: int) -> Iterator[Record | Skipped]:
    from warcio.archiveiterator import ArchiveIterator

    try:
        with _warcio_logs_to(io.StringIO()):
            for rec in ArchiveIterator(fh, arc2warc=True, no_record_parse=True):
                if rec.rec_type != "warcinfo":
                    yield _arc_record(rec, rec.raw_stream.read(limit + 1), str(path), offset, -1)
                    return
    except Exception:  # as in _arc_records: a damaged record reads as none
        return


def _by_ordinal(path: Path, ordinal: int, limit: int) -> Record | None:
    """The file read from its start to the record (a file compressed as one stream)."""
    for item in read_records(path, limit + 1):
        if isinstance(item, Record) and item.ordinal == ordinal:
            return item
    return None


# For the WARC/ARC name test of folders.
ARCHIVE_NAME = re.compile(r"\.(?:w?arc)(?:\.gz|\.zst)?(?:\.open)?$", re.IGNORECASE)
