"""Extraction against its floor and its rival, on the same pages, in the same run.

    python benchmarks/extract_bench.py [--rounds 10] [--shared ../shared]

Page sets: ``demo`` (the whole-article page of every demo article, our own pages) and ``real``
(the 24 real article pages of ``../shared/real_html*``, with their gold texts).
Speed, pages per second, best of ``--rounds`` passes, one core:

- ``lxml parse``: ``lxml.html.fromstring`` on the page alone (the floor: extraction parses too);
- ``extract``: ``articles.extraction.extract`` (parse, site selectors, metadata, cleaning);
- ``trafilatura``: ``trafilatura.extract`` (text only), the project's fallback.

Accuracy: ROUGE-LSum F1 (rouge-score, as in the Fundus evaluation) of each text against the
expected text: the body for ``demo``, the gold text for ``real``.
Targets: extract at least 0.3 of the parser's speed and at least 6x trafilatura's.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import lxml.html  # noqa: E402
import trafilatura  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402
from timing import best_seconds  # noqa: E402

from articles.extraction import extract  # noqa: E402

Page = dict[str, str | bytes]


def demo_pages() -> list[Page]:
    pages: list[Page] = []
    for entry in json.loads((ROOT / "demo/expected/articles.json").read_text(encoding="utf-8")):
        if entry["pages"] > 1 or not entry["in_demo_crawl"]:
            continue  # several pages (none to compare on alone), or the changed layout
        parts = urlsplit(entry["canonical_url"])
        base = ROOT / "demo/mirror" / parts.netloc / parts.path.lstrip("/")
        path = base.with_name(base.name + "@page=all")
        url = entry["canonical_url"] + "?page=all"
        if not path.exists():
            path, url = base, entry["canonical_url"]
        expected = (ROOT / "demo/expected" / entry["file"]).read_text(encoding="utf-8")
        pages.append({"url": url, "html": path.read_bytes(), "expected": expected})
    return pages


def real_pages(shared: Path) -> list[Page]:
    pages: list[Page] = []
    for folder in ("real_html", "real_html2", "real_html3"):
        manifest = shared / folder / "manifest.json"
        if not manifest.exists():
            continue
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            gold = (shared / folder / entry["gold"]).read_text(encoding="utf-8")
            html = (shared / folder / entry["file"]).read_bytes()
            pages.append({"url": entry["url"], "html": html, "expected": gold})
    return pages


def ours(page: Page) -> str:
    try:
        return str(extract(page["html"], str(page["url"]))["text"])
    except ValueError:
        return ""


def without_layout(page: Page) -> str:
    """As if the site had changed its layout: the layout-free reader and the text stage."""
    try:
        return str(extract(page["html"], str(page["url"]), site_layouts=False)["text"])
    except ValueError:
        return ""


def theirs(page: Page) -> str:
    return trafilatura.extract(page["html"], url=str(page["url"])) or ""


def parse_only(page: Page) -> str:
    lxml.html.fromstring(page["html"])
    return ""


def speed(func: Callable[[Page], str], pages: list[Page], rounds: int) -> float:
    """Pages a second, best of ``rounds`` (imports and caches warm, outside the timing)."""
    return len(pages) / best_seconds(func, pages, rounds)


def accuracy(func: Callable[[Page], str], pages: list[Page]) -> list[float]:
    scorer = rouge_scorer.RougeScorer(["rougeLsum"])
    return [scorer.score(str(p["expected"]), func(p))["rougeLsum"].fmeasure for p in pages]


def report(name: str, pages: list[Page], rounds: int) -> None:
    rates = {
        "lxml parse": speed(parse_only, pages, rounds),
        "extract": speed(ours, pages, rounds),
        "no layout": speed(without_layout, pages, rounds),
        "trafilatura": speed(theirs, pages, max(1, rounds // 3)),
    }
    scores = {
        "extract": accuracy(ours, pages),
        "no layout": accuracy(without_layout, pages),
        "trafilatura": accuracy(theirs, pages),
    }
    print(f"{name}: {len(pages)} pages, best of {rounds} passes")
    print(f"  {'':12}{'pages/s':>9}{'ROUGE-LSum F1 mean':>20}{'min':>7}")
    for method, rate in rates.items():
        if method in scores:
            f1 = f"{statistics.mean(scores[method]):20.3f}{min(scores[method]):7.3f}"
        else:
            f1 = f"{'':20}{'':7}"
        print(f"  {method:12}{rate:9.0f}{f1}")
    parser_share = rates["extract"] / rates["lxml parse"]
    rival = rates["extract"] / rates["trafilatura"]
    verdict = "met" if parser_share >= 0.3 and rival >= 6 else "NOT met"
    print(
        f"  extract: {parser_share:.2f} of the parser (target >= 0.3), "
        f"{rival:.1f}x trafilatura (target >= 6x): {verdict}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    report("demo", demo_pages(), args.rounds)
    real = real_pages(args.shared)
    if real:
        report("real", real, args.rounds)
    else:
        print(f"real: {args.shared}/real_html absent, not measured")


if __name__ == "__main__":
    main()
