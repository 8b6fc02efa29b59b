"""How well the cleaner reads real pages: scored on line-labeled dumps, beside a naive rule.

    python benchmarks/quality_bench.py [LABELED_DIR ...] [--worst 10] [--detect]

A labeled folder holds ``<site>/NN.json`` files, each ``{"url", "site", "lines": [{"text",
"label": keep|drop|either}]}``; the dump is the lines' text joined by newlines. Without a folder
the development set ``../shared/dev_text`` is used when it exists. Each dump is cleaned with
``cleaners.clean`` (with the file's site, or the detected one with ``--detect``) and scored with
the four measures of the reference scorer (``../shared/tools/score_labeled.py``), computed the
same way:

- keep recall: share of ``keep`` characters that survive;
- chrome leak: share of ``drop`` characters that survive;
- line F1: ``keep`` lines as the positive class, ``either`` ignored;
- ROUGE-LSum F1 (rouge-score, no stemmer): output without ``either`` lines vs the ``keep`` lines.

Documents for which the cleaner finds no text count as lost (they score 0). The naive rule
(keep lines of 40 or more characters, drop "Baca juga" lines) is scored in the same run, and
the worst documents are listed with the lines they leaked and lost.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaners import clean
from cleaners.repetition import LineCounts

DEFAULT_DIR = Path(__file__).resolve().parent.parent.parent / "shared" / "dev_text"
MEASURES = ("keep_recall", "drop_leak", "line_f1", "rouge_lsum_f1")
_WS = re.compile(r"\s+")
_BACA_JUGA = re.compile(r"^\s*baca juga", re.I)


def norm(line: str) -> str:
    return _WS.sub(" ", unicodedata.normalize("NFC", line)).strip()


@dataclass
class DocScore:
    name: str
    site: str
    keep_recall: float
    drop_leak: float
    line_f1: float
    rouge_lsum_f1: float
    lost: bool
    leaked: list[str]
    missed: list[str]


def _survives(line: str, outputs: list[str], outset: set[str], dominant: bool = False) -> bool:
    """Is ``line`` in the output: as a line, inside a longer line, or as most of a line?

    For chrome (``dominant``), a line inside a longer output line counts only when it is most
    of that line, so a chrome phrase quoted in a paragraph is no leak.
    """
    if line in outset:
        return True
    if len(line) < 12:
        return False
    for out in outputs:
        if line in out and (not dominant or len(line) >= 0.6 * len(out)):
            return True
        if len(out) >= 0.8 * len(line) and out in line:
            return True
    return False


_rouge = None


def rouge_lsum(reference: str, hypothesis: str) -> float:
    global _rouge
    if not reference.strip() and not hypothesis.strip():
        return 1.0
    if not reference.strip() or not hypothesis.strip():
        return 0.0
    if _rouge is None:
        from rouge_score import rouge_scorer

        _rouge = rouge_scorer.RougeScorer(["rougeLsum"], use_stemmer=False)
    return _rouge.score(reference, hypothesis)["rougeLsum"].fmeasure


def score(name: str, doc: dict, cleaned: str) -> DocScore:
    """One document's four measures, as the reference scorer computes them."""
    outs = [n for n in (norm(line) for line in cleaned.split("\n")) if n]
    outset = set(outs)
    gold = [(norm(line["text"]), line["label"]) for line in doc["lines"] if norm(line["text"])]
    out_count = Counter(outs)
    keep_count = Counter(t for t, label in gold if label == "keep")
    used: Counter[str] = Counter()
    k_tot = k_hit = d_tot = d_hit = tp = fp = fn = 0
    leaked: list[str] = []
    missed: list[str] = []
    for text, label in gold:
        if label == "either":
            continue
        if label == "keep":
            k_tot += len(text)
            hit = _survives(text, outs, outset)
            if hit and text in outset:
                used[text] += 1
                hit = used[text] <= out_count[text]
            k_hit += len(text) if hit else 0
            tp += hit
            fn += not hit
            if not hit:
                missed.append(text)
        else:
            d_tot += len(text)
            if text in outset:
                hit = out_count[text] - keep_count.get(text, 0) > 0
            else:
                hit = len(text) >= 12 and _survives(text, outs, outset, dominant=True)
            d_hit += len(text) if hit else 0
            fp += hit
            if hit:
                leaked.append(text)
    either = {t for t, label in gold if label == "either"}
    hypothesis = "\n".join(o for o in outs if o not in either)
    reference = "\n".join(t for t, label in gold if label == "keep")
    precision = tp / (tp + fp) if tp + fp else (1.0 if not fn else 0.0)
    recall = tp / (tp + fn) if tp + fn else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return DocScore(
        name=name,
        site=doc.get("site", ""),
        keep_recall=k_hit / k_tot if k_tot else 1.0,
        drop_leak=d_hit / d_tot if d_tot else 0.0,
        line_f1=f1,
        rouge_lsum_f1=rouge_lsum(reference, hypothesis),
        # Lost: nothing written for a page that has article text (an index page has none).
        lost=not cleaned.strip() and k_tot > 0,
        leaked=leaked,
        missed=missed,
    )


def _repeated_lines(docs: list[tuple[str, dict]]) -> dict[tuple[str, str], frozenset[str]]:
    counts: dict[tuple[str, str], LineCounts] = {}
    for _, doc in docs:
        key = (doc["_folder"], doc.get("site"))
        counts.setdefault(key, LineCounts()).add(line["text"] for line in doc["lines"])
    return {key: c.repeated() for key, c in counts.items()}


def _signal_alone(docs: list[tuple[str, dict]], learned: dict) -> str:
    """What the repetition signal finds by itself, with no wording: the labels of the lines
    it names, and the share of the chrome's characters they hold."""
    hits: Counter[str] = Counter()
    chars: Counter[str] = Counter()
    for _, doc in docs:
        repeated = learned[(doc["_folder"], doc.get("site"))]
        for line in doc["lines"]:
            text = norm(line["text"])
            chars[f"all {line['label']}"] += len(text)
            if text in repeated:
                hits[line["label"]] += 1
                chars[line["label"]] += len(text)
    share = chars["drop"] / max(1, chars["all drop"])
    lines = sum(len(lines) for lines in learned.values())
    return (
        f"repetition signal alone: {lines} lines learned; labeled lines it names: "
        f"{hits['drop']} chrome, {hits['keep']} article text, {hits['either']} either; "
        f"{share:.1%} of the chrome's characters"
    )


def naive_rule(dump: str) -> str:
    """The baseline: keep lines of 40 or more characters, drop "Baca juga" lines."""
    return "\n".join(
        line for line in dump.split("\n") if len(line.strip()) >= 40 and not _BACA_JUGA.match(line)
    )


def load(folders: list[Path]) -> list[tuple[str, dict]]:
    docs = []
    for folder in folders:
        for path in sorted(folder.rglob("*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            doc["_folder"] = str(folder)
            name = str(path.relative_to(folder).with_suffix(""))
            docs.append((f"{folder.name}/{name}" if len(folders) > 1 else name, doc))
    return docs


def run(docs: list[tuple[str, dict]], cleaner: Callable[[str, dict], str]) -> list[DocScore]:
    results = []
    for name, doc in docs:
        dump = "\n".join(line["text"] for line in doc["lines"])
        results.append(score(name, doc, cleaner(dump, doc)))
    return results


def summary(rows: list[DocScore]) -> dict[str, float]:
    means = {m: sum(getattr(r, m) for r in rows) / len(rows) for m in MEASURES}
    means["lost"] = sum(r.lost for r in rows)
    means["with_chrome"] = sum(bool(r.leaked) for r in rows)
    means["missing_body"] = sum(bool(r.missed) for r in rows)
    return means


def _line(label: str, rows: list[DocScore]) -> str:
    s = summary(rows)
    return (
        f"  {label:16s} n={len(rows):3d}  keep={s['keep_recall']:.3f}  leak={s['drop_leak']:.3f}  "
        f"lineF1={s['line_f1']:.3f}  rougeLsum={s['rouge_lsum_f1']:.3f}  lost={s['lost']:.0f}  "
        f"docs with chrome={s['with_chrome']:.0f}  missing a body line={s['missing_body']:.0f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="labeled folders")
    parser.add_argument("--worst", type=int, default=10, help="documents to list (default 10)")
    parser.add_argument("--detect", action="store_true", help="detect the site from the text")
    args = parser.parse_args()
    folders = args.folders or ([DEFAULT_DIR] if DEFAULT_DIR.is_dir() else [])
    if not folders:
        parser.error(f"no labeled folder given and {DEFAULT_DIR} does not exist")
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        parser.error(f"not a folder: {missing[0]}")
    docs = load(folders)
    if not docs:
        parser.error("no labeled documents (<site>/NN.json) found")

    def ours(dump: str, doc: dict) -> str:
        return clean(dump, None if args.detect else doc.get("site"), url=doc.get("url")).text

    started = time.perf_counter()
    cleaned = run(docs, ours)
    elapsed = time.perf_counter() - started
    naive = run(docs, lambda dump, _doc: naive_rule(dump))
    # The repetition signal, learned as `scrapy clean` learns it: per folder and site.
    learned = _repeated_lines(docs)

    def with_repetition(dump: str, doc: dict) -> str:
        key = (doc["_folder"], doc.get("site"))
        site = None if args.detect else doc.get("site")
        return clean(dump, site, url=doc.get("url"), repeated=learned[key]).text

    repetition = run(docs, with_repetition)
    sites = sorted({r.site for r in cleaned})
    print(f"{len(docs)} labeled documents from {', '.join(str(f) for f in folders)}")
    groups = (
        ("clean()", cleaned),
        ("clean() + lines repeated across the folder's pages", repetition),
        ("naive rule", naive),
    )
    for title, rows in groups:
        print(title)
        for site in sites:
            print(_line(site, [r for r in rows if r.site == site]))
        for folder in folders if len(folders) > 1 else ():
            print(_line(folder.name, [r for r in rows if r.name.startswith(f"{folder.name}/")]))
        print(_line("all", rows))
    print(f"clean() took {elapsed:.2f} s for {len(docs)} documents (scoring included)")
    print(_signal_alone(docs, learned))
    worst = sorted(cleaned, key=lambda r: (r.line_f1, r.rouge_lsum_f1))[: args.worst]
    print(f"\nworst {len(worst)} documents (by line F1):")
    for r in worst:
        print(
            f"- {r.name} ({r.site}) keep={r.keep_recall:.3f} leak={r.drop_leak:.3f} "
            f"lineF1={r.line_f1:.3f} rougeLsum={r.rouge_lsum_f1:.3f}{'  LOST' if r.lost else ''}"
        )
        for text in r.leaked:
            print(f"    leaked: {text[:110]}")
        for text in r.missed:
            print(f"    lost:   {text[:110]}")


if __name__ == "__main__":
    main()
