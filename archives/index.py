"""Pass 1 of ``scrapy regenerate``: which articles the archives hold and where their pages are.

Every record is counted once under what became of it. A page is a ``response`` (an HTTP
block) or a ``resource``/``conversion`` record of HTML (the page itself); a ``revisit`` is
its own URL's page with the payload of the record it refers to (by payload digest, any
letter case, else by ``WARC-Refers-To-Target-URI`` and date), wherever and under whatever URL
that was archived; a segmented record is a page when all its segments are there. Only the
first bytes of each block are read here; pass 2 reads the pages again, whole.
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from archives.payload import MAX_HTTP_HEADER_BYTES, PayloadError, decode_body, split_head
from archives.payload import content_type as http_content_type
from archives.warc import (
    ARCHIVE_NAME,
    DEFAULT_MAX_BODY,
    Record,
    Skipped,
    excerpt,
    is_arc,
    read_block,
    read_records,
)
from articles.extraction import is_html
from articles.plan import Rejection
from articles.urls import canonical_url, listed_as_article, page_number
from cleaners.sites import CRAWLED_SITES, site_for_url

# How much of each block pass 1 reads: enough for any HTTP header block it accepts.
HEAD_BYTES = MAX_HTTP_HEADER_BYTES + 4

NOT_IN_ARCHIVES = "revisit of a record not in these archives"


@dataclass(frozen=True)
class BlockRef:
    """Where a record is, to read its block again."""

    file: str
    offset: int
    ordinal: int
    record_id: str


@dataclass(frozen=True)
class PageRef:
    """An archived page: when and from where it was fetched, and the blocks that hold it."""

    date: str
    url: str
    blocks: tuple[BlockRef, ...]  # one, or a segmented record's segments in order
    http: bool = True  # an HTTP response block (else the page itself, of ``content_type``)
    content_type: str = ""


def page_body(ref: PageRef, max_body: int = DEFAULT_MAX_BODY) -> tuple[bytes, str]:
    """(the body, its content type) of an archived page, read whole (every segment) and
    decoded as the server meant it (chunks and content coding undone, with the cap)."""
    limit = max_body + (MAX_HTTP_HEADER_BYTES if ref.http else 0)
    block = b"".join(
        read_block(b.file, b.offset, b.ordinal, b.record_id, limit) for b in ref.blocks
    )
    if not ref.http:
        return block[: max_body + 1], ref.content_type
    _, headers, rest = split_head(block)
    return decode_body(headers, rest, max_body), http_content_type(headers)


def archived_page(paths: list[str], url: str, max_body: int = DEFAULT_MAX_BODY) -> PageRef | None:
    """The page of ``url`` (its article, and its page: ``?page=all``, ``?page=2`` ...) in the
    archives, as ``scrapy regenerate`` would take it; None when they do not hold it."""
    unit = index_archives(paths, max_body).units.get(canonical_url(url))
    key: str | int = "all" if "page=all" in url else (page_number(url) or 1)
    return unit.pages.get(key) if unit else None


@dataclass
class Unit:
    """One article to rebuild: its archived pages by key ("all", 1, 2, ...)."""

    article: str
    pages: dict[str | int, PageRef] = field(default_factory=dict)
    fetched: set[str] = field(default_factory=set)  # the URLs of its records, as archived


@dataclass
class Index:
    """What pass 1 found: the units, and the counts and discoveries the summary reports."""

    files: list[Path] = field(default_factory=list)
    left_out: list[tuple[Path, str]] = field(default_factory=list)
    records_per_file: dict[Path, int] = field(default_factory=dict)
    record_types: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    # canonical article URL -> every URL a crawl found for it (the archive's discovery records)
    discovered: dict[str, set[str]] = field(default_factory=dict)
    units: dict[str, Unit] = field(default_factory=dict)
    max_body: int = DEFAULT_MAX_BODY


def archive_files(paths: list[str]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """(the archives named or found in folders, the files of those folders left out and why)."""
    found: list[Path] = []
    left_out: list[tuple[Path, str]] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            for candidate in sorted(p for p in path.rglob("*") if p.is_file()):
                if ARCHIVE_NAME.search(candidate.name) or _looks_like_archive(candidate):
                    found.append(candidate)
                else:
                    left_out.append((candidate, "not a WARC or ARC file"))
        elif path.is_file():
            found.append(path)
        else:
            raise FileNotFoundError(f"{path}: no such file or folder")
    return found, left_out


def _looks_like_archive(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            head = fh.read(8)
    except OSError:
        return False
    return head.startswith((b"WARC/", b"\x1f\x8b", b"\x28\xb5\x2f\xfd")) or is_arc(path)


def index_archives(
    paths: list[str],
    max_body: int = DEFAULT_MAX_BODY,
    read: Callable[[int, list[Path]], None] | None = None,
) -> Index:
    """Pass 1 over every file: the index of articles and pages, and the counts. ``read`` is
    told after each file how many of the files are read."""
    index = Index(max_body=max_body)
    index.files, index.left_out = archive_files(paths)
    pending = _Pending()
    for done, path in enumerate(index.files, 1):
        index.records_per_file[path] = _index_file(index, pending, path)
        if read is not None:
            read(done, index.files)
    pending.resolve(index)
    # Another tool's archive has no discovery records: the URLs it fetched are what led to
    # the article (the project's own archive lists every URL found, fetched ones included).
    for article, unit in index.units.items():
        index.discovered.setdefault(article, set(unit.fetched))
    return index


def _index_file(index: Index, pending: _Pending, path: Path) -> int:
    """Pass 1 over one file; the number of records it gave."""
    seen = records = 0
    try:
        for item in _records_of(path):
            seen += 1
            if isinstance(item, Skipped):
                _skip(index, item.reason, item.detail)
            else:
                records += 1
                _take(index, pending, item)
    except Exception as err:  # a reader's bug on hostile bytes costs the file, not the run
        _skip(index, "unreadable file", f"{path.name}: {type(err).__name__}: {err}")
    if seen == 0:
        _skip(index, "no records (not a WARC or ARC file)", path.name)
    return records


def _records_of(path: Path) -> Iterator[Record | Skipped]:
    try:
        if path.stat().st_size == 0:
            yield Skipped("empty file", path.name)
            return
    except OSError as err:
        yield Skipped("unreadable file", f"{path.name}: {err.strerror}")
        return
    yield from read_records(path, HEAD_BYTES)


def _skip(index: Index, reason: str, detail: str = "") -> None:
    """Count a reason; ``detail`` (the file, and the record's URL) makes it a warning line."""
    if not reason:
        print(excerpt(f"regenerate: note: {detail}"), file=sys.stderr)
        return
    index.skipped[reason] += 1
    if detail:
        print(excerpt(f"regenerate: warning: {detail}: {reason}"), file=sys.stderr)


@dataclass
class _Original:
    """A record whose payload revisits may refer to: its page, or why it is no usable page."""

    page: PageRef | None
    reason: str | None


@dataclass
class _Pending:
    """What pass 1 can only settle once every file is read: revisits and segments."""

    by_digest: dict[str, _Original] = field(default_factory=dict)
    by_target: dict[str, list[tuple[str, _Original]]] = field(default_factory=dict)
    revisits: list[Record] = field(default_factory=list)
    first_segments: dict[str, tuple[Record, PageRef]] = field(default_factory=dict)
    continuations: dict[str, list[Record]] = field(default_factory=dict)

    def remember(self, record: Record, original: _Original) -> None:
        if record.digest:
            self.by_digest.setdefault(record.digest, original)
        self.by_target.setdefault(record.url, []).append((record.date, original))

    def original_of(self, revisit: Record) -> _Original | None:
        """By payload digest; else the record of the target it names (at its date, if given;
        else the latest one)."""
        if revisit.digest and (found := self.by_digest.get(revisit.digest)):
            return found
        candidates = sorted(self.by_target.get(revisit.refers_to_uri, []), key=lambda c: c[0])
        for date, original in candidates:
            if date == revisit.refers_to_date:
                return original
        return candidates[-1][1] if candidates and not revisit.refers_to_date else None

    def resolve(self, index: Index) -> None:
        for origin, (first, page) in self.first_segments.items():
            joined = _joined(first, page, self.continuations.pop(origin, []))
            if joined is None:
                where = f"{Path(first.file).name}: {first.url}"
                _skip(index, "segmented record with segments missing", where)
            else:
                _add_page(index, joined)
        for orphans in self.continuations.values():
            index.skipped["continuation record without its first segment"] += len(orphans)
        for revisit in self.revisits:
            _take_revisit(index, self, revisit)


def _take(index: Index, pending: _Pending, record: Record) -> None:
    index.record_types[record.kind] += 1
    if record.kind == "metadata" and record.discovered:
        index.discovered.setdefault(record.url, set()).add(record.discovered)
    elif record.kind in ("response", "resource", "conversion"):
        _take_page_record(index, pending, record)
    elif record.kind == "revisit":
        pending.revisits.append(record)
    elif record.kind == "continuation":
        pending.continuations.setdefault(record.segment_origin, []).append(record)
    else:
        index.skipped[f"{record.kind} record (not a page)"] += 1


def _take_page_record(index: Index, pending: _Pending, record: Record) -> None:
    if record.url_problem:
        _skip(index, "target URI is not a URL", f"{Path(record.file).name}: {record.url}")
        return
    page, payload_reason = _page_of(record, index.max_body)
    # A revisit may name this payload under another URL: what counts is the payload.
    pending.remember(record, _Original(page, payload_reason))
    # The URL speaks first: another host's video is "unsupported host", not "too large".
    reason = page_url_reason(record.url) or payload_reason
    if reason is not None:
        where = f"{Path(record.file).name}: {record.url}"
        _skip(index, reason, "" if reason in _QUIET else where)
    elif page is not None and record.segment:
        pending.first_segments[record.record_id] = (record, page)
    elif page is not None:
        _add_page(index, page)


# Reasons too common to warn about, record by record.
_QUIET = {Rejection.NOT_HTML.label, "unsupported host", "listing page", "not an http(s) URL"}


def _page_of(record: Record, max_body: int) -> tuple[PageRef | None, str | None]:
    """The page a record's payload is (or None), and why it is no usable page (or None)."""
    if record.truncated:
        return None, f"cut by its writer (WARC-Truncated: {record.truncated})"
    if record.block_length > max_body + MAX_HTTP_HEADER_BYTES:
        return None, Rejection.TOO_LARGE.label
    ref = BlockRef(record.file, record.offset, record.ordinal, record.record_id)
    if record.kind != "response":
        page = PageRef(record.date, record.url, (ref,), False, record.content_type)
        return page, None if is_html(record.content_type) else Rejection.NOT_HTML.label
    try:
        status, headers, _ = split_head(record.block)
    except PayloadError as err:
        return None, "not an HTTP response" if "status line" in str(err) else str(err)
    if status != 200:
        return None, f"HTTP status {status}"
    if not is_html(http_content_type(headers)):
        return None, Rejection.NOT_HTML.label
    return PageRef(record.date, record.url, (ref,)), None


def page_url_reason(url: str) -> str | None:
    """Why a record of this URL is no page of an article of ours (None: it is one)."""
    if not url.lower().startswith(("http://", "https://")):
        return "not an http(s) URL"
    if site_for_url(url) not in CRAWLED_SITES:
        return "unsupported host"
    if not listed_as_article(url):
        return "listing page"
    return None


def _take_revisit(index: Index, pending: _Pending, revisit: Record) -> None:
    if revisit.url_problem:
        index.skipped["target URI is not a URL"] += 1
        return
    original = pending.original_of(revisit)
    if original is None:
        index.skipped[NOT_IN_ARCHIVES] += 1
        return
    reason = page_url_reason(revisit.url) or original.reason
    if reason or original.page is None:
        index.skipped[reason or NOT_IN_ARCHIVES] += 1
        return
    page = original.page
    _add_page(index, PageRef(revisit.date, revisit.url, page.blocks, page.http, page.content_type))


def _joined(first: Record, page: PageRef, rest: list[Record]) -> PageRef | None:
    """A segmented page with all its segments, in order, or None when one is missing."""
    segments = sorted(rest, key=lambda r: r.segment)
    numbers = [first.segment, *(r.segment for r in segments)]
    if numbers != list(range(1, len(numbers) + 1)) or not segments:
        return None
    total = first.block_length + sum(r.block_length for r in segments)
    if segments[-1].segment_total and segments[-1].segment_total != total:
        return None
    blocks = page.blocks + tuple(
        BlockRef(r.file, r.offset, r.ordinal, r.record_id) for r in segments
    )
    return PageRef(page.date, page.url, blocks, page.http, page.content_type)


def _add_page(index: Index, page: PageRef) -> None:
    article = canonical_url(page.url)
    key: str | int = "all" if "page=all" in page.url else (page_number(page.url) or 1)
    unit = index.units.setdefault(article, Unit(article))
    unit.fetched.add(page.url)
    # The first fetch of a page wins, as in a crawl that fetched it once.
    if key not in unit.pages or page.date < unit.pages[key].date:
        unit.pages[key] = page
