"""A corpus folder made from the demo's expected articles, through the real corpus store."""

from __future__ import annotations

import json
from pathlib import Path

from corpus.store import CorpusStore
from tests.conftest import REPO

EXPECTED = REPO / "demo" / "expected"


def demo_articles() -> list[dict]:
    """The demo's Indonesian articles as crawl items (texts from demo/expected)."""
    items = []
    for article in json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8")):
        if article["language"] != "id":
            continue
        items.append(
            {
                **article,
                "url": article["canonical_url"],
                "text": (EXPECTED / article["file"]).read_text(encoding="utf-8"),
                "tags": [],
                "extractor": f"site:{article['site']}",
                "language": "id",
                "language_score": 0.99,
                "crawled_at": "2020-10-10T00:00:00Z",
                "urls": [article["canonical_url"]],
            }
        )
    return items


def build_corpus(folder: Path, items: list[dict] | None = None) -> Path:
    store = CorpusStore(folder)
    try:
        for item in items if items is not None else demo_articles():
            store.stage(item)
        store.finish()
    finally:
        store.close()
    return folder
