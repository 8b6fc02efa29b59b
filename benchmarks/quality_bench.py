"""How well the cleaner reads real pages it was not fitted on, then those it was.

    python benchmarks/quality_bench.py [LABELED_DIR ...] [--worst 10] [--shared ../shared]

First the held-out set H (``benchmarks/heldout``: 32 background pages of the three sites,
labeled before the cleaner's output on them was seen, their failures never read during
development), then the fitted sets: set T (``benchmarks/background_dev``: 49 other background
pages, read while the rules of the last round were written) and the labeled folders given (by
default ``../shared/dev_text`` and ``dev_text2``, which the rules were written from). Each set
is cleaned five ways: ``cleaners.clean`` page by page; the same among its site's background
pages, learning the site's chrome as ``scrapy clean`` does over a folder
(``cleaners.repetition``); both again by the generic profile, the site entries' wordings off (a
redesign's chrome is worded anew: what learning gives where no rule knows the wording); and the
naive rule (lines of 40 or more characters, "Baca juga" lines out). Scored with the four
measures of the reference scorer (``../shared/tools/score_labeled.py``), computed the same way:

- keep recall: share of ``keep`` characters that survive;
- chrome leak: share of ``drop`` characters that survive;
- line F1: ``keep`` lines as the positive class, ``either`` ignored;
- ROUGE-LSum F1 (rouge-score, no stemmer): output without ``either`` lines vs the ``keep`` lines.

Documents for which the cleaner finds no text count as lost (they score 0). The worst fitted
documents are listed with the lines they leaked and lost (the held-out ones are not: read, they
would be fitted next). The learned line model's swap (trained on one set, scored on the other)
is ``benchmarks/line_model_bench.py``.
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
from cleaners.repetition import NOTHING_LEARNED, ChromeMemory, LearnedChrome

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
HELDOUT = ROOT / "benchmarks" / "heldout" / "labels.json"
# Background pages read while this round's rules were written, labeled after: fitted.
BACKGROUND_DEV = ROOT / "benchmarks" / "background_dev" / "labels.json"
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


def learned_chrome(
    docs: list[tuple[str, dict]], background: Path, wordings: bool = True
) -> dict[tuple[str, str], LearnedChrome]:
    """Per folder and site, what ``scrapy clean`` learns over a folder holding the documents and
    the site's background pages (``cleaners.repetition``: a first pass cleans every page and
    counts what it kept). A background page that is itself a document is not counted twice.
    ``wordings=False`` cleans by the generic profile (the site entries' wordings off)."""
    memories: dict[tuple[str, str], ChromeMemory] = {}
    for _, doc in docs:
        key = (doc["_folder"], doc["site"])
        memory = memories.setdefault(key, ChromeMemory())
        _count(memory, doc["site"], _dump(doc), wordings)
    for folder, site in memories:
        own = {d.get("_page") for _, d in docs if d["_folder"] == folder}
        for page in sorted((background / site).glob("*.txt")):
            if page.stem not in own:
                text = page.read_text(encoding="utf-8")
                _count(memories[(folder, site)], site, text, wordings)
    return {key: memory.learned(key[1]) for key, memory in memories.items()}


def _count(memory: ChromeMemory, site: str, dump: str, wordings: bool) -> None:
    first = clean(dump, site if wordings else "generic")
    memory.add(site, first.title, [first.title, *first.body])


def _dump(doc: dict) -> str:
    return "\n".join(line["text"] for line in doc["lines"])


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


def load_heldout(
    background: Path, labels_file: Path = HELDOUT, tag: str = "H"
) -> list[tuple[str, dict]]:
    """Our labels (``benchmarks/heldout``: set H; ``benchmarks/background_dev``: set T) over
    the background pages they name."""
    labels = json.loads(labels_file.read_text(encoding="utf-8"))["labels"]
    urls = {}
    for site in {key.split("/")[0] for key in labels}:
        for row in (background / site / "urls.tsv").read_text(encoding="utf-8").splitlines():
            if row.strip():
                number, url = row.split("\t", 1)
                urls[(site, number)] = url
    docs = []
    for key, marks in sorted(labels.items()):
        site, number = key.split("/")
        text = (background / site / f"{number}.txt").read_text(encoding="utf-8")
        lines = [line for line in text.splitlines() if line.strip()]
        doc = {
            "url": urls[(site, number)],
            "site": site,
            "_folder": tag,
            "_page": number,
            "lines": [
                {"text": line, "label": _LABELS[mark]}
                for line, mark in zip(lines, marks, strict=True)
            ],
        }
        docs.append((f"{tag}/{key}", doc))
    return docs


_LABELS = {"k": "keep", "d": "drop", "e": "either"}


def run(docs: list[tuple[str, dict]], cleaner: Callable[[str, dict], str]) -> list[DocScore]:
    results = []
    for name, doc in docs:
        dump = _dump(doc)
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


def report(title: str, docs: list[tuple[str, dict]], background: Path | None) -> list[DocScore]:
    """The set's scores: alone, among its site's background pages, the same two with the site
    entries' wordings off (what learning gives against chrome no rule knows), the naive rule."""
    print(f"== {title}: {len(docs)} documents")

    def cleaner(wordings: bool, among: bool) -> Callable[[str, dict], str]:
        learned = learned_chrome(docs, background, wordings) if among and background else {}

        def run_clean(dump: str, doc: dict) -> str:
            chrome = learned.get((doc["_folder"], doc["site"]), NOTHING_LEARNED)
            profile = doc["site"] if wordings else "generic"
            return clean(dump, profile, url=doc.get("url"), learned=chrome).text

        return run_clean

    cleaned = run(docs, cleaner(wordings=True, among=False))
    groups = [("clean()", cleaned)]
    if background:
        groups.append(("clean() among the site's background pages", run(docs, cleaner(True, True))))
        groups.append(("site wordings off (generic profile)", run(docs, cleaner(False, False))))
        groups.append(("site wordings off, among the background", run(docs, cleaner(False, True))))
    groups.append(("naive rule", run(docs, lambda dump, _doc: naive_rule(dump))))
    for label, rows in groups:
        print(label)
        for site in sorted({r.site for r in rows}):
            print(_line(site, [r for r in rows if r.site == site]))
        print(_line("all", rows))
    return cleaned


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="labeled folders (fitted)")
    parser.add_argument("--worst", type=int, default=10, help="fitted documents to list")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared material")
    args = parser.parse_args()
    background = args.shared / "background_text"
    background = background if background.is_dir() else None
    if background:
        report(
            "held-out set H (labeled before scoring, never fitted)",
            load_heldout(background),
            background,
        )
        report(
            "fitted this round: set T (background pages read while the rules were written)",
            load_heldout(background, BACKGROUND_DEV, "T"),
            background,
        )
    else:
        print(f"held-out set H: skipped ({args.shared / 'background_text'} is absent)")
    folders = args.folders or [
        f for f in (args.shared / "dev_text", args.shared / "dev_text2") if f.is_dir()
    ]
    missing = [f for f in folders if not f.is_dir()]
    if missing:
        parser.error(f"not a folder: {missing[0]}")
    docs = load(folders)
    if not docs:
        return
    started = time.perf_counter()
    cleaned = report("fitted: " + ", ".join(f.name for f in folders), docs, background)
    print(f"(scored in {time.perf_counter() - started:.1f} s)")
    worst = sorted(cleaned, key=lambda r: (r.line_f1, r.rouge_lsum_f1))[: args.worst]
    print(f"\nworst {len(worst)} fitted documents (by line F1):")
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
