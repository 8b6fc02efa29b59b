"""The corpus store: folder, numbered files, manifest, and the state that resumes (no Scrapy).

During a run, every article that passed the language stage is *staged* in SQLite
(``CORPUS_DIR/corpus.sqlite``). When the run ends, ``CorpusStore.finish`` groups the staged
documents with the corpus into stories (``corpus.dedup``), numbers the new ones in a
fixed order (publication time, then canonical URL: concurrency and arrival order cannot change
the corpus), continues the numbering of earlier runs, commits, and only then writes the files
(``NNN_<sha256[:16]>.txt``, atomically) and ``manifest.jsonl`` (rewritten atomically). A run
killed at any point leaves whole files only; the next run finishes what was committed and
takes up what was staged, so nothing is lost and nothing is written twice.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import sqlite3
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from articles.record import Article, manifest_row
from cleaners.format import corpus_file_name
from corpus.atomic import write_atomic_chunks, write_atomic_lines, write_atomic_many
from corpus.chrome import SCHEMA as CHROME_SCHEMA
from corpus.chrome import learn, strip_staged
from corpus.dedup import Candidate, Deduplicator, Group, sha256_text, signature

logger = logging.getLogger(__name__)

STATE_FILE = "corpus.sqlite"
MANIFEST = "manifest.jsonl"
# The signature of a staged article computed when the run finishes (the column is NOT NULL).
_NOT_YET = b""
# Corpus files written per flush to disk and per commit of the state, when a run ends.
FILES_PER_BATCH = 500
_SCHEMA = """
CREATE TABLE IF NOT EXISTS staged (
    canonical_url TEXT PRIMARY KEY, item TEXT NOT NULL, sha256 TEXT NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS docs (
    number INTEGER PRIMARY KEY, file TEXT NOT NULL, canonical_url TEXT NOT NULL,
    sha256 TEXT NOT NULL, signature BLOB NOT NULL, site TEXT, published TEXT,
    syndicated_from TEXT, entry TEXT NOT NULL,
    text TEXT  -- kept until the file is on disk, then cleared
);
CREATE TABLE IF NOT EXISTS urls (url TEXT PRIMARY KEY, number INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run INTEGER PRIMARY KEY, kind TEXT NOT NULL, started TEXT, finished TEXT NOT NULL,
    new INTEGER NOT NULL, folded TEXT NOT NULL, rejected TEXT NOT NULL, source TEXT
);
"""
_RUN_COLUMNS = "run, kind, started, finished, new, folded, rejected, source"


def read_runs(db: sqlite3.Connection) -> list[dict[str, Any]]:
    """The runs a corpus state recorded, oldest first (``source``: what the run read)."""
    return [
        {
            "run": run,
            "kind": kind,
            "started": started,
            "finished": finished,
            "new": new,
            "folded": json.loads(folded),
            "rejected": json.loads(rejected),
            "source": source or "",
        }
        for run, kind, started, finished, new, folded, rejected, source in db.execute(
            f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY run"
        )
    ]


def _add_source_column(db: sqlite3.Connection) -> None:
    """A state from before runs said what they read gets the column (empty for old runs)."""
    columns = {row[1] for row in db.execute("PRAGMA table_info(runs)")}
    if "source" not in columns:
        db.execute("ALTER TABLE runs ADD COLUMN source TEXT")


def fold_kind(copy: Candidate, kept: Candidate) -> str:
    """Why a copy is the same story as the document kept."""
    if copy.key == kept.key:
        return "URL variant"
    if copy.sha256 == kept.sha256:
        return "same text"
    if copy.syndicated_from or kept.syndicated_from:
        return "syndicated copy"
    return "near-duplicate"


@dataclass(frozen=True)
class StagedArticle:
    """An accepted article as the corpus state keeps it until the run ends."""

    canonical_url: str
    record: str  # the item, as JSON
    sha256: str
    signature: bytes
    site: str
    extractor: str

    @classmethod
    def of(cls, article: Article, text_signature: bytes | None = None) -> StagedArticle:
        """How the state keeps an accepted article.

        ``text_signature``: its MinHash signature when the caller has it (regenerate's
        workers compute it, so the main process does not). Without it, the signature is
        computed when the run finishes, for every such article in one loop: in a crawl, between
        pages, the same work cost twice the CPU (the other stages push its data out of the CPU
        caches)."""
        if article.sha256 is None:
            article = article.but(sha256=sha256_text(article.text))
        sig = text_signature if text_signature is not None else _NOT_YET
        return cls(
            article.canonical_url,
            article.to_json(),
            str(article.sha256),
            sig,
            article.site,
            article.extractor,
        )


@dataclass
class FinishReport:
    new: int
    duplicates: int
    total: int
    # How the run's copies folded: "URL variant", "same text", "near-duplicate", "syndicated copy".
    folded: dict[str, int] = field(default_factory=dict)


def text_ahead(folder: Path, sha: str) -> Path:
    """Where a document's bytes wait for its number when written ahead (``write_text_ahead``): a
    temporary file, so a killed run's are removed like any other."""
    return folder / f".{sha}.text.tmp"


def write_text_ahead(folder: Path, text: str, sha: str) -> None:
    """Write a staged document's bytes before the run ends, for the corpus stage to rename into
    its numbered file instead of writing it (regenerate's workers, during pass 2: creating a
    file is the corpus stage's largest cost, and the stage runs in one process). A copy with the
    same text may have written it already."""
    path = text_ahead(folder, sha)
    if not path.exists():
        # Not flushed to disk here: the corpus stage flushes the filesystem before renaming.
        write_atomic_chunks(path, (text.encode("utf-8"),), durable=False)


class CorpusBusy(RuntimeError):
    """Another run writes into this corpus folder."""


LOCK_FILE = STATE_FILE + ".lock"  # beside the state it guards
# Per process: corpus folder -> (open lock file, holders). flock is per open file, so one
# process opens the lock once however many stores it opens on the folder.
_LOCKS: dict[Path, tuple[IO[str], int]] = {}


def hold_corpus(folder: Path) -> None:
    """Take the folder's writer lock (or one more hold on it); ``CorpusBusy`` when another run
    has it. The kernel drops the lock with its process, so a killed run never leaves it held."""
    key = Path(folder).resolve()
    if key in _LOCKS:
        fh, holders = _LOCKS[key]
        _LOCKS[key] = (fh, holders + 1)
        return
    key.mkdir(parents=True, exist_ok=True)
    fh = open(key / LOCK_FILE, "a+", encoding="utf-8")  # noqa: SIM115 (held until released)
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        fh.seek(0)
        owner = fh.read().strip() or "another process"
        fh.close()
        raise CorpusBusy(
            f"{folder} is in use by another run ({owner}): one crawl or regenerate writes into "
            "a corpus folder at a time"
        ) from None
    fh.seek(0)
    fh.truncate()
    fh.write(f"pid {os.getpid()}\n")
    fh.flush()
    _LOCKS[key] = (fh, 1)


def release_corpus(folder: Path) -> None:
    key = Path(folder).resolve()
    if key not in _LOCKS:
        return
    fh, holders = _LOCKS[key]
    if holders > 1:
        _LOCKS[key] = (fh, holders - 1)
        return
    del _LOCKS[key]
    fcntl.flock(fh, fcntl.LOCK_UN)
    fh.close()


class CorpusStore:
    """The corpus folder and its SQLite state; one writing run at a time (``hold_corpus``)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        hold_corpus(self.folder)
        # Temporary files of a writer that was killed mid-write: never part of the corpus.
        for stale in self.folder.glob(".*.tmp"):
            stale.unlink(missing_ok=True)
        self.db = sqlite3.connect(self.folder / STATE_FILE, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        # WAL with NORMAL sync: a commit survives a crash of this process (what resuming needs);
        # the files themselves are fsynced before the state records them as written.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.executescript(_SCHEMA + CHROME_SCHEMA)
        _add_source_column(self.db)

    def close(self) -> None:
        self.db.close()
        release_corpus(self.folder)

    def stage(self, article: Article, text_signature: bytes | None = None) -> None:
        """Keep an accepted article until the run ends (a later copy of a URL replaces it)."""
        self.stage_many([StagedArticle.of(article, text_signature)])

    def stage_many(self, articles: Iterable[StagedArticle]) -> None:
        """Stage several articles in one transaction."""
        self.db.execute("BEGIN")
        try:
            self.db.executemany(
                "INSERT OR REPLACE INTO staged VALUES (?, ?, ?, ?)",
                ((a.canonical_url, a.record, a.sha256, a.signature) for a in articles),
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def staged_count(self) -> int:
        """Articles staged and not yet in the corpus (an interrupted run leaves them)."""
        return int(self.db.execute("SELECT COUNT(*) FROM staged").fetchone()[0])

    def has_article(self, canonical: str) -> bool:
        """Whether the corpus holds, or a run staged, the article at this canonical URL."""
        return (
            self.db.execute(
                "SELECT 1 FROM staged WHERE canonical_url = ? UNION ALL "
                "SELECT 1 FROM urls WHERE url = ? LIMIT 1",
                (canonical, canonical),
            ).fetchone()
            is not None
        )

    def find(self, url: str, sha: str) -> str | None:
        """The corpus file that holds this URL or this exact text, if any."""
        row = self.db.execute(
            "SELECT file FROM docs WHERE sha256 = ? UNION ALL "
            "SELECT docs.file FROM urls JOIN docs USING (number) WHERE urls.url = ? LIMIT 1",
            (sha, url),
        ).fetchone()
        return row[0] if row else None

    def finish(self, discovered: Mapping[str, Iterable[str]] | None = None) -> FinishReport:
        """Group, number and commit the staged documents, then write files and manifest.

        ``discovered`` maps canonical article URLs to every URL found for them in the run; a
        document's ``urls`` are those of each copy that folded into it. Only what grouping needs
        is held in memory (keys, hashes, signatures, dates, URLs); a
        document's full record is read when it is written.
        """
        # Learn, then write: what the site repeats across the run's articles goes first.
        for replaced in strip_staged(self.db, learn(self.db)):
            text_ahead(self.folder, replaced).unlink(missing_ok=True)
        dedup, first_new = self._candidates(discovered or {})
        staged = len(dedup.members) - first_new
        groups = dedup.groups(new=range(first_new, len(dedup.members))) if staged else []
        new_groups = sorted(
            (g for g in groups if g.kept.number is None),
            key=lambda g: (g.kept.published or "", g.kept.key),
        )
        self.db.execute("BEGIN")
        try:
            for group in groups:
                if group.kept.number is not None:
                    self._add_urls(group.kept.number, group.urls)
            self._number(new_groups)
            self.db.execute("DELETE FROM staged")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise
        self.write_files()
        total = self.db.execute("SELECT COUNT(*) FROM docs").fetchone()[0]
        copies = [
            (copy, group.kept)
            for group in groups
            for copy in group.copies
            if copy is not group.kept and copy.number is None
        ]
        for copy, _ in copies:  # a text written ahead, folded away (write_text_ahead)
            text_ahead(self.folder, copy.sha256).unlink(missing_ok=True)
        folded = Counter(fold_kind(copy, kept) for copy, kept in copies)
        return FinishReport(len(new_groups), staged - len(new_groups), total, dict(folded))

    def _candidates(self, discovered: Mapping[str, Iterable[str]]) -> tuple[Deduplicator, int]:
        """The corpus's documents, then the staged ones (from the index of the first staged)."""
        dedup = Deduplicator()
        for number, key, sha, sig, site, published, note in self.db.execute(
            "SELECT number, canonical_url, sha256, signature, site, published, syndicated_from "
            "FROM docs ORDER BY number"
        ):
            dedup.add(Candidate(key, sha, sig, site, published, note, number))
        first_new = len(dedup.members)
        for key, sha, sig, site, published, note, url, via, text in self.db.execute(
            "SELECT canonical_url, sha256, signature, json_extract(item, '$.site'), "
            "json_extract(item, '$.published'), json_extract(item, '$.syndicated_from'), "
            "json_extract(item, '$.url'), json_extract(item, '$.urls'), "
            "CASE WHEN signature = ? THEN json_extract(item, '$.text') END "
            "FROM staged ORDER BY canonical_url",
            (_NOT_YET,),
        ):
            sig = signature(text) if sig == _NOT_YET else sig
            urls = sorted({url, *json.loads(via or "[]"), *discovered.get(key, ())})
            dedup.add(Candidate(key, sha, sig, site, published, note, None, urls))
        return dedup, first_new

    def _add_urls(self, number: int, urls: list[str]) -> None:
        """A document already in the corpus gains the URLs of the copies folded into it."""
        (entry_json,) = self.db.execute(
            "SELECT entry FROM docs WHERE number = ?", (number,)
        ).fetchone()
        entry = json.loads(entry_json)
        entry["urls"] = sorted({*entry["urls"], *urls})
        self.db.execute(
            "UPDATE docs SET entry = ? WHERE number = ?",
            (json.dumps(entry, ensure_ascii=False), number),
        )
        self._remember_urls(entry["urls"], number)

    def _number(self, new_groups: list[Group]) -> None:
        """Give each new document the next number, in the order given, and commit it."""
        (next_number,) = self.db.execute(
            "SELECT COALESCE(MAX(number), -1) + 1 FROM docs"
        ).fetchone()
        for group in new_groups:
            (item_json,) = self.db.execute(
                "SELECT item FROM staged WHERE canonical_url = ?", (group.kept.key,)
            ).fetchone()
            article = Article.from_json(item_json).but(urls=tuple(group.urls))
            file = corpus_file_name(next_number, article.text)
            self.db.execute(
                "INSERT INTO docs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    next_number,
                    file,
                    group.kept.key,
                    article.sha256,
                    group.kept.signature,
                    article.site,
                    article.published,
                    article.syndicated_from,
                    json.dumps(manifest_row(article, file), ensure_ascii=False),
                    article.text,
                ),
            )
            self._remember_urls(group.urls, next_number)
            next_number += 1

    def record_run(
        self,
        kind: str,
        report: FinishReport,
        rejected: Mapping[str, int],
        started: str | None = None,
        source: str = "",
    ) -> None:
        """Keep what a run added, folded and rejected, and what it read (the corpus report
        shows the runs)."""
        self.db.execute(
            "INSERT INTO runs (kind, started, finished, new, folded, rejected, source) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                kind,
                started,
                datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
                report.new,
                json.dumps(report.folded, sort_keys=True),
                json.dumps(dict(rejected), sort_keys=True),
                source,
            ),
        )

    def runs(self) -> list[dict[str, Any]]:
        return read_runs(self.db)

    def _remember_urls(self, urls: list[str], number: int) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO urls VALUES (?, ?)", [(u, number) for u in urls]
        )

    def write_files(self) -> None:
        """Write committed documents whose file is not on disk yet, then the whole manifest.

        Files are on disk before the state forgets their text (in batches: one flush to disk
        and one commit each), and the manifest is streamed from the state, never held whole in
        memory.
        """
        pending = [n for (n,) in self.db.execute("SELECT number FROM docs WHERE text IS NOT NULL")]
        for start in range(0, len(pending), FILES_PER_BATCH):
            batch = pending[start : start + FILES_PER_BATCH]
            write_atomic_many(self.folder, (self._file_data(number) for number in batch))
            self.db.execute("BEGIN")
            self.db.executemany(
                "UPDATE docs SET text = NULL WHERE number = ?", [(n,) for n in batch]
            )
            self.db.execute("COMMIT")
        entries = self.db.execute("SELECT entry FROM docs ORDER BY number")
        write_atomic_lines(self.folder / MANIFEST, (entry for (entry,) in entries))

    def _file_data(self, number: int) -> tuple[str, bytes | Path]:
        """A numbered document's file name and its bytes, or the file they were written ahead to."""
        file, text, sha = self.db.execute(
            "SELECT file, text, sha256 FROM docs WHERE number = ?", (number,)
        ).fetchone()
        ahead = text_ahead(self.folder, sha)
        return file, ahead if ahead.exists() else text.encode("utf-8")
