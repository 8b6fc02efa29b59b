"""``scrapy ccnews``: years of our sites' articles from Common Crawl's news archive (CC-NEWS).

Two stages. The *download*: the files of the date range (by their capture time, from the months'
listings) are read as they download, ``downloads`` at a time; our sites' captures go to one slim
WARC per file, ``<archive>/ccnews/<sites>/<file name>`` (``archives.ccnews``), written under
its final name only when the whole file was read, so a file whose slim WARC exists is never
downloaded again (the run resumes after any kill). The *corpus*: the slim WARCs of the range go
through ``scrapy regenerate``'s path (``corpus.regenerate``: the crawl's article path, language
check, deduplication and format), recorded as a ``ccnews`` run. ``scrapy regenerate`` over the
slim WARCs, or over the CC-NEWS files themselves, writes the same corpus.

CC-NEWS mostly holds the first page of a multi-page article: such an article is not a document;
its URL goes to ``incomplete-ccnews-<since>-<until>.txt`` in the corpus folder, for
``scrapy crawl article -a urls_file=...`` to complete from the live site.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from archives.ccnews import (
    CaptureCopier,
    FileCount,
    copy_file,
    files_in_range,
    keeps_sites,
    slim_name,
    warcinfo,
)
from archives.remote import Backoff, PoliteClient
from archives.warc import DEFAULT_MAX_BODY
from archives.writer import WarcFile
from corpus.atomic import write_atomic
from corpus.file_queue import FileQueue, LocalQueue, RedisQueue
from corpus.progress import ProgressBar, ProgressDisplay
from corpus.regenerate import Published, Report, regenerate

logger = logging.getLogger(__name__)

DEFAULT_BASE = "https://data.commoncrawl.org/"
# How often a process with nothing to take looks again (files held by others may come back).
_POLL_SECONDS = 1.0


@dataclass(frozen=True)
class Backfill:
    """One backfill: which files, where its archives and corpus go, and how it downloads."""

    since: date
    until: date
    archive: Path
    corpus: Path
    sites: tuple[str, ...]
    user_agent: str
    base: str = DEFAULT_BASE
    downloads: int = 2
    published: Published = field(default_factory=Published)
    max_body: int = DEFAULT_MAX_BODY
    attempts: int = 8
    first_wait: float = 1.0  # seconds before the first retry (never less than 1 by default)
    redis_url: str = ""
    frontier: str = "beritabersih"
    lease: float = 300.0
    display: ProgressDisplay = field(default_factory=lambda: ProgressDisplay(command="ccnews"))

    @property
    def folder(self) -> Path:
        """Where the slim WARCs of these sites go (another choice of sites, another folder)."""
        return self.archive / "ccnews" / "-".join(sorted(self.sites))

    def slim_path(self, name: str) -> Path:
        return self.folder / slim_name(name)

    @property
    def source(self) -> str:
        """What the run read, as the corpus report says it."""
        return (
            f"CC-NEWS files captured {self.since}..{self.until} ({', '.join(sorted(self.sites))}) "
            f"from {self.base}"
        )


@dataclass
class BackfillReport:
    files: list[str] = field(default_factory=list)  # the range's files
    already: int = 0  # finished by an earlier run (or another process)
    fetched: dict[str, FileCount] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # file -> why
    refusals: Counter[str] = field(default_factory=Counter)
    corpus: Report | None = None
    incomplete_file: Path | None = None
    seconds: float = 0.0


def backfill(job: Backfill) -> BackfillReport:
    """Download the range's files (what is left of them) and build the corpus from them."""
    started = time.perf_counter()
    report = BackfillReport()
    client = PoliteClient(
        job.base, job.user_agent, job.downloads, Backoff(first=job.first_wait), job.attempts
    )
    try:
        report.files = files_in_range(client, job.since, job.until)
        _download(job, client, report)
    finally:
        report.refusals = client.refusals
        client.close()
    _build_corpus(job, report)
    report.seconds = time.perf_counter() - started
    return report


def _download(job: Backfill, client: PoliteClient, report: BackfillReport) -> None:
    finished = {name for name in report.files if job.slim_path(name).exists()}
    done = [name for name in report.files if name in finished]
    todo = [name for name in report.files if name not in finished]
    report.already = len(done)
    queue: FileQueue = (
        RedisQueue(job.redis_url, job.frontier, job.lease) if job.redis_url else LocalQueue()
    )
    try:
        queue.offer(todo, done)
        with _Downloads(job, client, queue, report) as downloads:
            downloads.run()
    finally:
        queue.close()


class _Downloads:
    """``downloads`` threads taking files from the queue until it is settled; leases renewed
    while the files are read; Ctrl-C stops every thread at its next record."""

    def __init__(
        self, job: Backfill, client: PoliteClient, queue: FileQueue, report: BackfillReport
    ) -> None:
        self.job, self.client, self.queue, self.report = job, client, queue, report
        self.stop = threading.Event()
        self.held: set[str] = set()
        self.lock = threading.Lock()
        self.bar = ProgressBar(job.display, len(report.files), "file", "ccnews")
        self.bar.advance(report.already, self._status)
        self.bytes = self.kept = 0

    def __enter__(self) -> _Downloads:
        threading.Thread(target=self._renew_leases, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.bar.close()

    def run(self) -> None:
        with ThreadPoolExecutor(self.job.downloads, thread_name_prefix="ccnews") as pool:
            workers = [pool.submit(self._work) for _ in range(self.job.downloads)]
            try:
                for worker in workers:
                    worker.result()
            except BaseException:
                self.stop.set()  # (Ctrl-C: the threads stop at their next record)
                raise

    def _work(self) -> None:
        while not self.stop.is_set():
            name = self.queue.claim()
            if name is None:
                if self.queue.settled():
                    return
                self.stop.wait(_POLL_SECONDS)
                continue
            with self.lock:
                self.held.add(name)
            try:
                self._one(name)
            finally:
                with self.lock:
                    self.held.discard(name)

    def _one(self, name: str) -> None:
        try:
            count = download_file(self.job, self.client, name, self._progress)
        except _Stopped:
            return
        except Exception as err:  # a file that keeps failing costs that file, not the run
            self.report.failed[name] = str(err)
            self.queue.give_up(name)
            logger.error("ccnews: %s failed: %s", self.client.url(name), err)
            self.bar.advance(1, self._status)
            return
        self.report.fetched[name] = count
        self.queue.finish(name)
        self.bar.advance(1, self._status)

    def _progress(self, read: int, kept: int) -> None:
        if self.stop.is_set():
            raise _Stopped
        with self.lock:
            self.bytes += read
            self.kept += kept
        self.bar.describe(f"{self.bytes / 1e6:,.0f} MB read, {self.kept} captures of ours")

    def _status(self) -> str:
        done = self.report.already + len(self.report.fetched) + len(self.report.failed)
        return (
            f"{done} of {len(self.report.files)} files, {self.bytes / 1e6:,.0f} MB read, "
            f"{self.kept} captures of ours"
            + (f", {len(self.report.failed)} failed" if self.report.failed else "")
        )

    def _renew_leases(self) -> None:
        while not self.stop.wait(max(0.2, self.job.lease / 3)):
            with self.lock:
                held = list(self.held)
            for name in held:
                try:
                    self.queue.renew(name)
                except Exception as err:  # Redis away for a moment: the next round tries again
                    logger.warning("ccnews: could not renew the lease on %s: %s", name, err)


class _Stopped(BaseException):
    """The run is stopping (Ctrl-C): the file is left unfinished."""


def download_file(
    job: Backfill, client: PoliteClient, name: str, progress: Callable[[int, int], None]
) -> FileCount:
    """One CC-NEWS file's captures of our sites into its slim WARC, in place when whole."""
    out = WarcFile(job.slim_path(name))
    try:
        out.write(warcinfo(client.url(name), job.user_agent))
        copier = CaptureCopier(out, keeps_sites(job.sites), job.max_body, on_progress=progress)
        count = copy_file(client, name, copier)
    except BaseException:
        out.discard()
        raise
    out.close()
    return count


def _build_corpus(job: Backfill, report: BackfillReport) -> None:
    """The corpus stage over the slim WARCs of the range this process holds."""
    slim = [str(job.slim_path(n)) for n in report.files if job.slim_path(n).exists()]
    report.corpus = regenerate(
        slim,
        job.corpus,
        progress=job.display.shown,
        max_body=job.max_body,
        progress_interval=job.display.interval,
        published=job.published,
        kind="ccnews",
        source=job.source,
    )
    if report.corpus.incomplete:
        path = job.corpus / f"incomplete-ccnews-{job.since}-{job.until}.txt"
        write_atomic(path, "".join(f"{url}\n" for url in report.corpus.incomplete).encode())
        report.incomplete_file = path
