"""The text-dump path on whole pages: the 24 real article pages, dumped as a naive scraper
dumps them, cleaned by ``cleaners.clean``.

    python benchmarks/dump_bench.py [--shared ../shared]

The labeled dumps (``quality_bench.py``) start near the article and stop after about 2,000
bytes; a scraper's dump of a whole page starts with the site's menus and ends with its
footer. Each page of ``../shared/real_html*`` is dumped here with one line per block element
of its ``<body>`` (scripts and styles out), cleaned by ``clean(dump, site)``, and scored
against its hand-made gold with ROUGE-LSum (precision, recall, F1), beside the naive rule
(lines of 40 or more characters, "Baca juga" lines out) on the same dump.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from bs4 import BeautifulSoup
from rouge_score import rouge_scorer

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.quality_bench import naive_rule
from cleaners import clean

ROOT = Path(__file__).resolve().parent.parent
_BLOCKS = [
    *("address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt", "figcaption"),
    *("figure", "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li"),
    *("main", "nav", "ol", "p", "pre", "section", "table", "td", "th", "tr", "ul"),
]
_WS = re.compile(r"\s+")


def whole_page_dump(html: str) -> str:
    """The page's visible text, one line per block element, as a naive scraper saves it."""
    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "template", "svg"]):
        tag.decompose()
    body = soup.body or soup
    for tag in body.find_all(_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = (_WS.sub(" ", line).strip() for line in body.get_text("").split("\n"))
    return "\n".join(line for line in lines if line)


def pages(shared: Path) -> list[tuple[str, str, str, str]]:
    """(name, site, dump, gold) of every real article page."""
    found = []
    for folder in ("real_html", "real_html2", "real_html3"):
        manifest = shared / folder / "manifest.json"
        if not manifest.is_file():
            continue
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            html = (shared / folder / entry["file"]).read_bytes().decode("utf-8", "replace")
            gold = (shared / folder / entry["gold"]).read_text(encoding="utf-8")
            site = entry["file"].split("/")[0]
            found.append((f"{folder}/{entry['file']}", site, whole_page_dump(html), gold))
    return found


def _lines(text: str) -> str:
    return "\n".join(line for line in text.split("\n") if line.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = parser.parse_args()
    found = pages(args.shared)
    if not found:
        print(f"no real pages under {args.shared} (real_html*): nothing measured")
        return
    scorer = rouge_scorer.RougeScorer(["rougeLsum"])
    rows: dict[str, list[tuple[float, float, float]]] = {"clean()": [], "naive rule": []}
    print(f"{'page':28s} {'lines':>5s}  clean() P / R / F1      naive rule F1")
    for name, site, dump, gold in found:
        scores = []
        for label, text in (("clean()", clean(dump, site).text), ("naive rule", naive_rule(dump))):
            s = scorer.score(_lines(gold), _lines(text))["rougeLsum"]
            rows[label].append((s.precision, s.recall, s.fmeasure))
            scores.append(s)
        ours, naive = scores
        print(
            f"{name:28s} {dump.count(chr(10)) + 1:5d}  {ours.precision:.3f} / {ours.recall:.3f} / "
            f"{ours.fmeasure:.3f}    {naive.fmeasure:.3f}"
        )
    for label, got in rows.items():
        p, r, f = (sum(x[k] for x in got) / len(got) for k in range(3))
        low = min(x[2] for x in got)
        print(
            f"{label:12s} mean P {p:.3f}  R {r:.3f}  F1 {f:.3f}  lowest F1 {low:.3f}"
            f"  ({len(got)} pages)"
        )


if __name__ == "__main__":
    main()
