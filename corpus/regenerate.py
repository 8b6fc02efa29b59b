"""Rebuild the corpus from web archives, offline: the crawl's stages on archived pages.

Pass 1 (``archives.index``) indexes every record of every file: which article (canonical
URL) and which page (``all``, 1, 2, ...) each holds, counting by reason what is not one (not an
article page, not 200, not HTML, another host, damaged). Pass 2 rebuilds each article from its
pages by the crawl's own article path (``articles.plan``: ``?page=all`` when it is whole, else
pages 1..N, all of them or nothing), extracts, cleans, checks the language and fingerprints it,
in ``workers`` processes; then the corpus stage (dedup, numbering, files, manifest) runs once
over all of them. From the pages a crawl archived, this writes the corpus that crawl wrote, byte
for byte."""

from __future__ import annotations

import contextlib
import multiprocessing
import signal
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path

from archives.index import Index, PageRef, Unit, index_archives, page_body
from archives.payload import (
    Incomplete,
    PayloadError,
    TooLarge,
)
from archives.warc import DEFAULT_MAX_BODY, ArchiveError, excerpt
from articles.extraction import ExtractedPage
from articles.outcomes import Rejected, Rejection
from articles.plan import ArticlePlan, WholeArticle, assemble, read_article_page
from articles.record import Article
from cleaners.sites import CRAWLED_SITES, detect_site
from corpus.accept import Acceptance, judge
from corpus.progress import ProgressBar, ProgressDisplay
from corpus.store import CorpusStore, FinishReport, StagedArticle, write_text_ahead
from corpus.warmup import collector_paused, cool_down, warm_up

# Articles staged per transaction (regenerate starts from the archives: nothing to resume).
STAGE_BATCH = 256


@dataclass
class Outcome:
    article: str
    # The article as the corpus stage keeps it, built by the worker (JSON, fingerprints): the
    # main process only stores it.
    staged: StagedArticle | None
    reason: str | None  # why there is none
    pages_read: int


@dataclass
class Report:
    index: Index = field(default_factory=Index)
    pages_read: int = 0
    seconds: float = 0.0
    # Articles not written, by reason (the records skipped are in the index).
    rejected: Counter[str] = field(default_factory=Counter)
    extractors: Counter[str] = field(default_factory=Counter)
    corpus: FinishReport | None = None
    # Articles a page of which the archives lack (their canonical URLs, sorted).
    incomplete: list[str] = field(default_factory=list)

    @property
    def skipped(self) -> Counter[str]:
        """Every record and article not used, by reason."""
        return self.index.skipped + self.rejected


@dataclass(frozen=True)
class Published:
    """The days an article's own date must fall in (either end open)."""

    since: date | None = None
    until: date | None = None


def rebuild(
    unit: Unit,
    max_body: int = DEFAULT_MAX_BODY,
    outdir: Path | None = None,
    published: Published = Published(),
) -> Outcome:
    """Pass 2 for one article: the crawl's article path over archived pages, its date checked,
    then the acceptance step's judgement (``corpus.accept.judge``); its text written ahead into
    ``outdir`` when given (``corpus.store.write_text_ahead``)."""
    try:
        article, read = archived_article(unit, max_body)
    except _Refused as refused:
        return Outcome(unit.article, None, refused.rejected.reason.label, refused.read)
    if not article.published_within(published.since, published.until):
        return Outcome(unit.article, None, Rejection.OUTSIDE_DATES.label, read)
    # The URLs come from the archive's discovery records, when the corpus stage runs.
    verdict = judge(article.but(urls=()))
    if verdict.staged is None:
        return Outcome(unit.article, None, verdict.label, read)
    if outdir is not None:
        write_text_ahead(outdir, article.text, verdict.staged.sha256)
    return Outcome(unit.article, verdict.staged, None, read)


class _Refused(Exception):
    def __init__(self, rejected: Rejected, read: int) -> None:
        self.rejected, self.read = rejected, read


def archived_article(unit: Unit, max_body: int = DEFAULT_MAX_BODY) -> tuple[Article, int]:
    """The article a unit's archived pages make, by the crawl's plan, and how many pages were
    read; ``_Refused`` with the reason when there is none."""
    plan: ArticlePlan | WholeArticle = ArticlePlan(
        unit.article, unit.article, whole="all" in unit.pages
    )
    read = 0
    try:
        while isinstance(plan, ArticlePlan):
            ref = unit.pages.get(plan.key)
            if ref is None:
                raise Rejected(Rejection.INCOMPLETE, unit.article)
            read += 1
            # Fetched when the page (a revisit: the revisit) was archived.
            plan = plan.add(_page(ref, max_body), ref.date)
        return assemble(plan), read
    except Rejected as rejected:
        raise _Refused(rejected, read) from None
    except TooLarge:
        raise _Refused(Rejected(Rejection.TOO_LARGE), read) from None
    except Incomplete:
        raise _Refused(Rejected(Rejection.CUT_SHORT), read) from None
    except (ArchiveError, PayloadError):
        raise _Refused(Rejected(Rejection.BAD_RECORD), read) from None
    except Exception as err:  # a library's bug on hostile bytes costs the article, not the run
        print(excerpt(f"regenerate: warning: {unit.article}: {err!r}"), file=sys.stderr)
        raise _Refused(Rejected(Rejection.UNREADABLE, type(err).__name__), read) from None


def _page(ref: PageRef, max_body: int) -> ExtractedPage:
    """An archived page, read whole (every segment), decoded as the server meant it."""
    return read_article_page(*page_body(ref, max_body), ref.url)


# Rebuilds units in order, in this process or in workers.
Rebuilder = Callable[[list[Unit]], Iterator[Outcome]]


@contextlib.contextmanager
def _prepared(
    paths: list[str],
    outdir: Path,
    max_body: int,
    workers: int,
    display: ProgressDisplay,
    published: Published,
) -> Iterator[tuple[Index, Rebuilder]]:
    """Pass 1's index, and pass 2 ready to run: what every article needs loaded
    (``corpus.warmup``) in the processes that rebuild (this one for one worker).

    With workers, pass 1 runs in a child process while this one loads the cleaners' rules and
    the language model; the workers are forked after, sharing them. Timed: when each worker
    loaded them (compiling the same 316 patterns) while this process read the archives, pass 2
    could start after 0.76 s; now after 0.53-0.77 s (six runs, the host's speed varying).
    """
    try:
        if workers <= 1:
            index = _index(paths, max_body, display)
            warm_up({detect_site(url=article) for article in index.units})
            one = partial(rebuild, max_body=max_body, outdir=outdir, published=published)
            yield index, partial(map, one)
            return
        with _children(1) as reader, collector_paused():
            pending = reader.submit(_index, paths, max_body, display)
            warm_up(CRAWLED_SITES)
            index = pending.result()
        with _children(workers) as pool:
            work = partial(_rebuild_chunk, max_body=max_body, outdir=outdir, published=published)
            yield index, lambda units: chain.from_iterable(pool.map(work, _chunks(units, workers)))
    finally:
        cool_down()


@contextlib.contextmanager
def _children(count: int) -> Iterator[ProcessPoolExecutor]:
    """Processes forked from this one, sharing what it loaded. One that dies (killed, out of
    memory, a library crashing on hostile bytes) fails the run with ``BrokenProcessPool``:
    ``multiprocessing.Pool`` would wait for its result forever. However the run ends, work not
    yet started is dropped and the children are gone when this returns."""
    fork = multiprocessing.get_context("fork")
    pool = ProcessPoolExecutor(count, mp_context=fork, initializer=_main_takes_interrupts)
    try:
        yield pool
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _main_takes_interrupts() -> None:
    """Ctrl-C reaches every process of the group: this one stops the run and ends its children
    (a child's traceback would only hide the line that says what to do)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _index(paths: list[str], max_body: int, display: ProgressDisplay) -> Index:
    """Pass 1 (in whichever process runs it), its progress shown file by file."""
    bar: ProgressBar | None = None

    def read(done: int, files: list[Path]) -> None:
        nonlocal bar
        bar = bar or ProgressBar(display, len(files), "file", "reading archives")
        bar.advance(1, lambda: f"reading archives: {done} of {len(files)} files")

    with collector_paused():
        index = index_archives(paths, max_body, read)
    if bar is not None:
        bar.close()
    return index


def _rebuild_chunk(
    units: list[Unit], max_body: int, outdir: Path, published: Published
) -> list[Outcome]:
    return [rebuild(unit, max_body, outdir, published) for unit in units]


def _chunks(units: list[Unit], workers: int) -> Iterator[list[Unit]]:
    """The units in chunks that shrink toward the end (guided scheduling): large chunks cost
    fewer round trips between the processes (measured: 64 units over 4, 1.15x); small last ones
    keep a worker from idling while another finishes a large one."""
    start = 0
    while start < len(units):
        size = max(4, min(64, (len(units) - start) // (4 * workers)))
        yield units[start : start + size]
        start += size


def _status(report: Report, total: int, started: float) -> str:
    """Where pass 2 is, in a line."""
    seconds = time.perf_counter() - started
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
    published: Published = Published(),
    kind: str = "regenerate",
    source: str = "",
) -> Report:
    """Rebuild the corpus in ``outdir`` from the archives in ``paths``; the run is recorded
    as ``kind`` (``ccnews`` for a backfill), reading ``source`` (what a reader of the report
    needs to know of where the pages came from)."""
    report = Report()
    started = time.perf_counter()
    display = ProgressDisplay(progress, progress_interval, kind)
    prepared = _prepared(paths, outdir, max_body, workers, display, published)
    with prepared as (report.index, rebuild_units):
        _rebuild_all(report, rebuild_units, outdir, display, started, (kind, source))
    report.seconds = time.perf_counter() - started
    return report


def _rebuild_all(
    report: Report,
    rebuild_units: Rebuilder,
    outdir: Path,
    display: ProgressDisplay,
    started: float,
    run: tuple[str, str],
) -> None:
    """Pass 2 and the corpus stage: every article rebuilt, staged, then numbered and written;
    the run recorded as ``run`` (its kind and source)."""
    units = [report.index.units[key] for key in sorted(report.index.units)]
    total = sum(len(u.pages) for u in units)
    acceptance = Acceptance(CorpusStore(outdir), batch=STAGE_BATCH)
    report.rejected, report.extractors = acceptance.rejected, acceptance.by_extractor
    bar = ProgressBar(display, total, "page", "regenerate")
    try:
        for outcome in rebuild_units(units):
            report.pages_read += outcome.pages_read
            if outcome.staged is None:
                acceptance.refuse(outcome.reason or "unknown")
                if outcome.reason == Rejection.INCOMPLETE.label:
                    report.incomplete.append(outcome.article)
            else:
                acceptance.stage(outcome.staged)
            bar.advance(outcome.pages_read, lambda: _status(report, total, started))
        bar.close()
        kind, source = run
        report.corpus = acceptance.finish(kind, report.index.discovered, source=source)
    finally:
        acceptance.store.close()
