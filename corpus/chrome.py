"""The corpus's learned-chrome stage: what each site repeats across the run's articles (and
those of earlier runs into the same corpus), learned and taken out before the corpus is written.

The crawl and ``scrapy regenerate`` both stage their articles and finish the corpus when the run
ends (``CorpusStore.finish``); this stage runs first in ``finish``, so both learn from the same
articles in the same order and write the same corpus byte for byte. It is the stage ``scrapy
clean`` runs over a folder of dumps (``cleaners.repetition``): the counting, the thresholds and
the matching are one code. What was counted is kept in the corpus state (table ``chrome``): a
later run learns from its own articles and the earlier ones; documents already written are
never rewritten.
"""

from __future__ import annotations

import sqlite3

from articles.record import Article
from cleaners.repetition import ChromeMemory, LearnedChrome
from corpus.dedup import sha256_text, signature

SCHEMA = """
CREATE TABLE IF NOT EXISTS chrome (
    site TEXT NOT NULL, shape INTEGER NOT NULL, articles INTEGER NOT NULL, series TEXT NOT NULL,
    example TEXT NOT NULL, PRIMARY KEY (site, shape)
);
"""
# The staged articles' fields the stage reads (JSON, extracted by SQLite).
_STAGED_TEXTS = (
    "SELECT json_extract(item, '$.site'), json_extract(item, '$.title'), "
    "json_extract(item, '$.text') FROM staged ORDER BY canonical_url"
)


def learn(db: sqlite3.Connection) -> dict[str, LearnedChrome]:
    """Count the staged articles with what earlier runs counted; keep the counts; what each
    site's articles teach."""
    memory = ChromeMemory()
    memory.load(db.execute("SELECT site, shape, articles, series, example FROM chrome"))
    for site, title, text in db.execute(_STAGED_TEXTS):
        memory.add(site, title, text.split("\n\n"))
    db.execute("BEGIN")
    try:
        db.execute("DELETE FROM chrome")
        db.executemany("INSERT INTO chrome VALUES (?, ?, ?, ?, ?)", memory.rows())
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return {site: memory.learned(site) for site in memory.sites}


def strip_staged(db: sqlite3.Connection, learned: dict[str, LearnedChrome]) -> list[str]:
    """Take the learned lines out of every staged article (its SHA-256 and, where the worker
    computed it, its signature follow the text); the SHA-256 of the texts replaced."""
    changes = []
    rows = db.execute("SELECT canonical_url, item, sha256, signature FROM staged")
    for canonical, item, sha, sig in rows:
        article = Article.from_json(item)
        chrome = learned.get(article.site)
        if not chrome:
            continue
        text, dropped = chrome.strip(article.text)
        if not dropped:
            continue
        changed = article.but(text=text, sha256=sha256_text(text))
        new_sig = signature(text) if sig else sig  # (b"": computed when the run finishes)
        changes.append((changed.to_json(), changed.sha256, new_sig, canonical, sha))
    if changes:
        db.execute("BEGIN")
        db.executemany(
            "UPDATE staged SET item = ?, sha256 = ?, signature = ? WHERE canonical_url = ?",
            (change[:4] for change in changes),
        )
        db.execute("COMMIT")
    return [change[4] for change in changes]


def learned_chrome(db: sqlite3.Connection) -> dict[str, LearnedChrome]:
    """What the corpus has learned so far, per site (the report shows it)."""
    memory = ChromeMemory()
    memory.load(db.execute("SELECT site, shape, articles, series, example FROM chrome"))
    return {site: memory.learned(site) for site in memory.sites}
