"""Every real article page of ``../shared/real_html*`` through ``extract()``: read by its site's
own layout, ROUGE-LSum at least 0.98 against the hand-made gold text; and read as if the site
had changed its layout (``site_layouts=False``: the layout-free reader, then the same text
stage), at least 0.95 each and 0.985 on average. Third-party pages: read from ``../shared``,
skipped where absent."""

from __future__ import annotations

import json
from functools import cache

import pytest

from articles.extraction import extract
from tests.conftest import REPO

SHARED = REPO.parent / "shared"
PAGES = [
    (folder.name, entry)
    for folder in sorted(SHARED.glob("real_html*"))
    if (folder / "manifest.json").exists()
    for entry in json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
]
needs_pages = pytest.mark.skipif(not PAGES, reason=f"{SHARED}/real_html* absent (third-party)")


@cache
def rouge(folder: str, file: str, url: str, gold: str, site_layouts: bool) -> float:
    from rouge_score import rouge_scorer

    html = (SHARED / folder / file).read_bytes()
    item = extract(html, url, site_layouts=site_layouts)
    assert item["extractor"].startswith("site:" if site_layouts else "fallback:")
    expected = (SHARED / folder / gold).read_text(encoding="utf-8")
    return (
        rouge_scorer.RougeScorer(["rougeLsum"]).score(expected, item["text"])["rougeLsum"].fmeasure
    )


@needs_pages
@pytest.mark.parametrize(
    ("folder", "entry"), PAGES, ids=[f"{f}/{e['file']}" for f, e in PAGES] or None
)
@pytest.mark.parametrize("site_layouts", [True, False], ids=["layout", "no-layout"])
def test_a_real_page_reads_close_to_its_gold(folder: str, entry: dict, site_layouts: bool) -> None:
    score = rouge(folder, entry["file"], entry["url"], entry["gold"], site_layouts)
    assert score >= (0.98 if site_layouts else 0.95)


@needs_pages
def test_real_pages_without_their_layouts_read_as_well_on_average() -> None:
    scores = [rouge(f, e["file"], e["url"], e["gold"], False) for f, e in PAGES]
    assert sum(scores) / len(scores) >= 0.985
