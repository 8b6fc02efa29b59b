"""``scrapy report``: a self-contained HTML report, opened by a real browser (headless Chromium)."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus.store import CorpusStore, FinishReport
from tests.browser import dump_dom, screenshot
from tests.conftest import run_scrapy
from tests.corpus_fixture import build_corpus, demo_articles

pytestmark = pytest.mark.e2e


def _corpus_with_runs(folder: Path) -> Path:
    items = demo_articles()
    build_corpus(folder, items[:6])
    store = CorpusStore(folder)
    store.record_run(
        "crawl kompas", FinishReport(6, 1, 6, {"URL variant": 1}), {"language (en)": 1}
    )
    store.close()
    build_corpus(folder, items[6:])
    store = CorpusStore(folder)
    store.record_run(
        "crawl tribun",
        FinishReport(len(items) - 6, 2, len(items), {"syndicated copy": 2}),
        {"incomplete (a page missing)": 1, "not an article": 3},
    )
    store.close()
    return folder


def test_report_renders_in_a_browser_with_plots_and_tables(tmp_path: Path) -> None:
    corpus = _corpus_with_runs(tmp_path / "corpus")
    report = tmp_path / "out" / "report.html"
    result = run_scrapy("report", corpus, "-o", report)
    assert result.returncode == 0, result.stderr
    page = report.read_text(encoding="utf-8")
    assert "<script" not in page and "http://" not in page.split("<body>")[0]  # self-contained
    dom = dump_dom(report, tmp_path / "chrome")
    assert dom.count("<svg") == 4  # per month, lengths, fallback share, runs
    for table in ("totals", "runs", "top", "groups", "extremes"):
        assert f'class="{table}"' in dom, table
    assert "syndicated copy" in dom and "language (en)" in dom
    # Links to the documents work from where the report is.
    assert 'href="../corpus/000_' in dom
    png = screenshot(report, tmp_path / "report.png", tmp_path / "chrome")
    import matplotlib.image as mpimg

    pixels = mpimg.imread(png)
    assert pixels.std() > 0.05, "the screenshot is blank"


def test_report_of_a_folder_that_is_no_corpus_is_one_line(tmp_path: Path) -> None:
    result = run_scrapy("report", tmp_path, "-o", tmp_path / "r.html")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "no manifest.jsonl" in result.stderr.strip().splitlines()[-1]
