"""A corpus folder made from the demo's expected articles, through the real corpus store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from articles.record import Article
from corpus.store import CorpusStore
from tests.conftest import REPO

EXPECTED = REPO / "demo" / "expected"


def article(**fields: Any) -> Article:
    """An article record for a test: ``canonical_url``, ``site``, ``title`` and ``text`` given,
    the rest defaulted as the crawl would set them."""
    fields.setdefault("url", fields["canonical_url"])
    fields.setdefault("extractor", f"site:{fields['site']}")
    return Article.from_dict(fields)


def demo_articles() -> list[Article]:
    """The demo's Indonesian articles as crawl items (texts from demo/expected)."""
    items = []
    for entry in json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8")):
        if entry["language"] != "id":
            continue
        items.append(
            article(
                **{
                    **entry,
                    "text": (EXPECTED / entry["file"]).read_text(encoding="utf-8"),
                    "language_score": 0.99,
                    "crawled_at": "2020-10-10T00:00:00Z",
                    "urls": [entry["canonical_url"]],
                }
            )
        )
    return items


def build_corpus(folder: Path, items: list[Article] | None = None) -> Path:
    store = CorpusStore(folder)
    try:
        for item in items if items is not None else demo_articles():
            store.stage(item)
        store.finish()
    finally:
        store.close()
    return folder
