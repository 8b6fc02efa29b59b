"""Every real article page of ``../shared/real_html`` and ``real_html2`` through ``extract()``:
read by its site's own layout (never the fallback), ROUGE-LSum at least 0.98 against the
hand-made gold text. Third-party pages: read from ``../shared``, skipped where absent."""

from __future__ import annotations

import json

import pytest

from articles.extraction import extract
from tests.conftest import REPO

SHARED = REPO.parent / "shared"
PAGES = [
    (folder, entry)
    for folder in ("real_html", "real_html2")
    if (SHARED / folder / "manifest.json").exists()
    for entry in json.loads((SHARED / folder / "manifest.json").read_text(encoding="utf-8"))
]


@pytest.mark.skipif(not PAGES, reason=f"{SHARED}/real_html* absent (third-party pages)")
@pytest.mark.parametrize(
    ("folder", "entry"), PAGES, ids=[f"{f}/{e['file']}" for f, e in PAGES] or None
)
def test_a_real_page_reads_by_its_layout_close_to_its_gold(folder: str, entry: dict) -> None:
    from rouge_score import rouge_scorer

    html = (SHARED / folder / entry["file"]).read_bytes()
    gold = (SHARED / folder / entry["gold"]).read_text(encoding="utf-8")
    item = extract(html, entry["url"])
    assert item["extractor"].startswith("site:"), item["extractor"]
    score = rouge_scorer.RougeScorer(["rougeLsum"]).score(gold, item["text"])
    assert score["rougeLsum"].fmeasure >= 0.98
