"""Site-specific extraction + cleaning versus trafilatura, on the same pages, in the same run.

    python benchmarks/extract_bench.py [--rounds 20]

Pages: the whole-article page of every demo article (demo/mirror, ``?page=all`` where served).
Speed: pages per second of ``corpus.extraction.extract`` (parse, site selectors, metadata,
cleaning) and of ``trafilatura.extract`` (text only), each over ``rounds`` passes, one core.
Accuracy: ROUGE-LSum F1 (rouge-score, as in the Fundus evaluation) of each body text against
the expected body (demo/expected), per site and overall.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import trafilatura  # noqa: E402
from rouge_score import rouge_scorer  # noqa: E402

from corpus.extraction import extract  # noqa: E402


def load_pages() -> list[dict]:
    pages = []
    for entry in json.loads((ROOT / "demo/expected/articles.json").read_text(encoding="utf-8")):
        if entry["pages"] > 1 or not entry["in_demo_crawl"]:
            # Only on several pages (no one page to compare on), or the changed-layout page
            # (that one is read by trafilatura itself, as the fallback).
            continue
        parts = urlsplit(entry["canonical_url"])
        base = ROOT / "demo/mirror" / parts.netloc / parts.path.lstrip("/")
        path = base.with_name(base.name + "@page=all")
        url = entry["canonical_url"] + "?page=all"
        if not path.exists():
            path, url = base, entry["canonical_url"]
        expected = (ROOT / "demo/expected" / entry["file"]).read_text(encoding="utf-8")
        body = "\n".join(expected.split("\n\n")[1:]).strip()
        pages.append({"site": entry["site"], "url": url, "html": path.read_bytes(), "body": body})
    return pages


def ours(page: dict) -> str:
    text = extract(page["html"], page["url"])["text"]
    return "\n".join(text.split("\n\n")[1:]).strip()  # the body, without the headline


def theirs(page: dict) -> str:
    return trafilatura.extract(page["html"], url=page["url"]) or ""


def speed(func: Callable[[dict], str], pages: list[dict], rounds: int) -> float:
    started = time.perf_counter()
    for _ in range(rounds):
        for page in pages:
            func(page)
    return rounds * len(pages) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    pages = load_pages()
    scorer = rouge_scorer.RougeScorer(["rougeLsum"])
    f1: dict[str, dict[str, list[float]]] = {"site path": {}, "trafilatura": {}}
    for page in pages:
        for name, func in (("site path", ours), ("trafilatura", theirs)):
            score = scorer.score(page["body"], func(page))["rougeLsum"].fmeasure
            f1[name].setdefault(page["site"], []).append(score)
            f1[name].setdefault("all", []).append(score)
    ours(pages[0]), theirs(pages[0])  # warm caches and imports outside the timing
    rates = {
        "site path": speed(ours, pages, args.rounds),
        "trafilatura": speed(theirs, pages, args.rounds),
    }

    sites = ["kompas", "kumparan", "tribun", "all"]
    print(f"pages: {len(pages)} whole-article pages x {args.rounds} rounds")
    print(f"{'':14}{'pages/s':>9}" + "".join(f"{'F1 ' + s:>14}" for s in sites))
    for name in ("site path", "trafilatura"):
        cells = "".join(f"{statistics.mean(f1[name][s]):14.3f}" for s in sites)
        print(f"{name:14}{rates[name]:9.0f}{cells}")
    ratio = rates["site path"] / rates["trafilatura"]
    better = statistics.mean(f1["site path"]["all"]) > statistics.mean(f1["trafilatura"]["all"])
    verdict = "met" if ratio >= 5 else "NOT met"
    print(f"site path is {ratio:.1f}x faster than trafilatura (target >= 5x): {verdict}")
    print(f"site path more accurate (ROUGE-LSum F1): {'yes' if better else 'NO'}")


if __name__ == "__main__":
    main()
