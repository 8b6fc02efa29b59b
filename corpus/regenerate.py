"""Rebuild the corpus from WARC archives, offline: the crawl's stages on archived pages.

Pass 1 indexes the response records of every file: which article (canonical URL) and which
page (``all``, 1, 2, ...) each holds, skipping, with a counted reason, records that are not
articles (robots.txt, sitemaps, index pages), not 200, not HTML, of unsupported hosts, or
unreadable. Pass 2 rebuilds each article from its pages exactly as the spider does
(``?page=all`` when it is whole, else pages 1..N, all of them or nothing), extracts, cleans and
checks the language, in ``workers`` processes; then the corpus stage (dedup, numbering, files,
manifest) runs once over all of them. From the pages a crawl archived, this writes the corpus
that crawl wrote, byte for byte.
"""

from __future__ import annotations

import multiprocessing
import sys
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

from tqdm import tqdm

from cleaners.sites import CRAWLED_SITES, site_for_url
from corpus.article import (
    ArticlePlan,
    Rejected,
    Rejection,
    WholeArticle,
    assemble,
    language_label,
    read_article_page,
)
from corpus.extraction import FALLBACK, is_html
from corpus.language import detect_language
from corpus.store import CorpusStore, FinishReport
from corpus.urls import canonical_url, listed_as_article, page_number
from corpus.warc import (
    DEFAULT_MAX_BODY,
    ArchivedResponse,
    BadRecord,
    Discovery,
    Revisit,
    TooLarge,
    read_response_at,
    read_responses,
    warc_files,
)

# A page of an article in the archive: (WARC-Date, file, offset).
PageRef = tuple[str, str, int]


@dataclass
class Unit:
    """One article to rebuild: its archived pages by key ("all", 1, 2, ...)."""

    article: str
    pages: dict[str | int, PageRef] = field(default_factory=dict)
    fetched: set[str] = field(default_factory=set)  # the URLs of its records, as archived


@dataclass
class Outcome:
    article: str
    item: dict[str, Any] | None
    reason: str | None  # why there is no item
    pages_read: int


@dataclass
class Report:
    files: int = 0
    records: int = 0
    pages_read: int = 0
    seconds: float = 0.0
    skipped: Counter[str] = field(default_factory=Counter)
    extractors: Counter[str] = field(default_factory=Counter)
    # canonical article URL -> every URL a crawl found for it (the archive's discovery records)
    discovered: dict[str, set[str]] = field(default_factory=dict)
    corpus: FinishReport | None = None


def index_archive(paths: list[str], report: Report, max_body: int = DEFAULT_MAX_BODY) -> list[Unit]:
    """Pass 1: the articles in the archives and where their pages are."""
    units: dict[str, Unit] = {}
    originals: dict[str, PageRef] = {}  # payload digest -> the response that archived it
    revisits: list[Revisit] = []
    files = warc_files(paths)
    report.files = len(files)
    for path in files:
        for record in read_responses(path, bodies=False, max_body=max_body):
            if isinstance(record, Discovery):
                report.discovered.setdefault(record.article, set()).add(record.url)
                continue
            if isinstance(record, Revisit):
                revisits.append(record)
                continue
            if isinstance(record, TooLarge):
                report.skipped["body larger than the size cap"] += 1
                print(f"regenerate: warning: {record}", file=sys.stderr)
                continue
            if isinstance(record, BadRecord):
                report.skipped["unreadable record (truncated or not WARC)"] += 1
                print(f"regenerate: warning: {record}", file=sys.stderr)
                continue
            report.records += 1
            reason = _skip_reason(record)
            if reason:
                report.skipped[reason] += 1
                continue
            ref = (record.date, record.file, record.offset)
            if record.digest:
                originals.setdefault(record.digest, ref)
            _add_page(units, record.url, ref)
    # A revisit is its URL's page with the payload of the response it refers to (by digest).
    for revisit in revisits:
        original = originals.get(revisit.digest)
        if original is None:
            report.skipped["revisit of a record not in these archives"] += 1
            continue
        report.records += 1
        if not _skip_reason_of_url(revisit.url):
            _add_page(units, revisit.url, (revisit.date, original[1], original[2]))
    # Another tool's archive has no discovery records: the URLs it fetched are what led to the
    # article (the project's own archive lists every URL found, fetched ones included).
    for article, unit in units.items():
        if article not in report.discovered:
            report.discovered[article] = set(unit.fetched)
    return [units[key] for key in sorted(units)]


def _add_page(units: dict[str, Unit], url: str, ref: PageRef) -> None:
    article = canonical_url(url)
    query_page = "all" if "page=all" in url else (page_number(url) or 1)
    unit = units.setdefault(article, Unit(article))
    unit.fetched.add(url)
    # The first fetch of a page wins, as in a crawl that fetched it once.
    if query_page not in unit.pages or ref[0] < unit.pages[query_page][0]:
        unit.pages[query_page] = ref


def _skip_reason_of_url(url: str) -> str | None:
    if site_for_url(url) not in CRAWLED_SITES:
        return "unsupported host"
    if not listed_as_article(url):
        return "listing page"
    return None


def _skip_reason(record: ArchivedResponse) -> str | None:
    if record.status != 200:
        return f"HTTP status {record.status or 'unknown'}"
    if not is_html(record.headers.get("content-type", "")):
        return Rejection.NOT_HTML.label
    return _skip_reason_of_url(record.url)


def rebuild(unit: Unit, max_body: int = DEFAULT_MAX_BODY) -> Outcome:
    """Pass 2 for one article: the crawl's article path, then language, over archived pages."""
    plan: ArticlePlan | WholeArticle = ArticlePlan(
        unit.article, unit.article, whole="all" in unit.pages
    )
    read = 0
    try:
        while isinstance(plan, ArticlePlan):
            ref = unit.pages.get(plan.key)
            if ref is None:
                return Outcome(unit.article, None, Rejection.INCOMPLETE.label, read)
            record = read_response_at(ref[1], ref[2], max_body)
            read += 1
            content_type = record.headers.get("content-type", "")
            page = read_article_page(record.body, content_type, record.url)
            # Fetched when the page (a revisit: the revisit) was archived.
            plan = plan.add(page, ref[0])
        fields = assemble(plan)
    except Rejected as rejected:
        return Outcome(unit.article, None, rejected.reason.label, read)
    except TooLarge:
        return Outcome(unit.article, None, Rejection.TOO_LARGE.label, read)
    except BadRecord:
        return Outcome(unit.article, None, Rejection.BAD_RECORD.label, read)
    fields["urls"] = []  # the writer adds what the archive's discovery records say
    language = detect_language(fields["text"])
    if language.rejected:
        return Outcome(unit.article, None, language_label(language.language), read)
    fields["language"], fields["language_score"] = language.language, language.score
    return Outcome(unit.article, fields, None, read)


def _outcomes(units: list[Unit], workers: int, max_body: int) -> Iterator[Outcome]:
    work = partial(rebuild, max_body=max_body)
    if workers <= 1:
        yield from map(work, units)
        return
    # fork: workers share the imported code and compiled patterns, no re-import per process.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(work, units, chunksize=4)


def _progress(report: Report, total: int, seconds: float) -> str:
    written = sum(report.extractors.values())
    skipped = sum(report.skipped.values())
    sites = ", ".join(f"{k} {v}" for k, v in sorted(report.extractors.items()))
    return (
        f"{report.pages_read} of {total} pages ({report.pages_read / max(seconds, 1e-6):.0f}/s), "
        f"{written} articles, {skipped} not written" + (f"; {sites}" if sites else "")
    )


def regenerate(
    paths: list[str],
    outdir: Path,
    workers: int = 1,
    progress: bool = True,
    max_body: int = DEFAULT_MAX_BODY,
    progress_interval: float = 30.0,
) -> Report:
    report = Report()
    started = time.perf_counter()
    units = index_archive(paths, report, max_body)
    store = CorpusStore(outdir)
    total = sum(len(u.pages) for u in units)
    try:
        # A live bar on a terminal; elsewhere (CI, a log file) a line every progress_interval s.
        bar = tqdm(
            total=total,
            unit="page",
            desc="regenerate",
            file=sys.stderr,
            disable=not (progress and sys.stderr.isatty()),
            mininterval=0.5,
        )
        last_line = time.perf_counter()
        for outcome in _outcomes(units, workers, max_body):
            report.pages_read += outcome.pages_read
            bar.update(outcome.pages_read)
            if outcome.item is None:
                report.skipped[outcome.reason or "unknown"] += 1
            else:
                kind = "fallback" if outcome.item["extractor"] == FALLBACK else "site"
                report.extractors[f"{outcome.item['site']}/{kind}"] += 1
                store.stage(outcome.item)
            now = time.perf_counter()
            if progress and bar.disable and now - last_line >= progress_interval:
                last_line = now
                print(
                    f"regenerate: progress: {_progress(report, total, now - started)}",
                    file=sys.stderr,
                    flush=True,
                )
        bar.close()
        report.corpus = store.finish(report.discovered)
        store.record_run("regenerate", report.corpus, dict(report.skipped))
    finally:
        store.close()
    report.seconds = time.perf_counter() - started
    return report
