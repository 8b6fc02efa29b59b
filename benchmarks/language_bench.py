"""Language identification: cost per document and decisions, langdetect alone against the two
passes (fastText's compact model first, langdetect where it is not sure), in the same run.

    python benchmarks/language_bench.py [--shared ../shared] [--rounds 3]

Documents: the real article texts of ``../shared`` (the ``keep`` lines of every labeled dump of
``dev_text`` and ``dev_text2``, the gold texts of ``real_html`` and ``real_html2``, the seeds'
clean texts), the demo's documents (Indonesian, one English, one Malay page) and our own
English and Malay texts (``tests/data/languages``). Printed: milliseconds per document (best of
``--rounds``), the share the first pass decided, and every document whose decision differs
between the two (there must be none); then the same check on every line of the labeled dumps
long enough for the first pass (headlines, captions, chrome and paragraphs: harder than whole
articles). Target: at most 1.0 ms a document on real article text.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from timing import best_seconds  # noqa: E402

from corpus import language  # noqa: E402
from corpus.language import LanguageResult, detect_language  # noqa: E402

TARGET_MS = 1.0


def real_texts(shared: Path) -> list[tuple[str, str]]:
    texts: list[tuple[str, str]] = []
    for folder in ("dev_text", "dev_text2"):
        for path in sorted((shared / folder).glob("*/*.json")):
            lines = json.loads(path.read_text(encoding="utf-8"))["lines"]
            text = "\n\n".join(line["text"] for line in lines if line["label"] == "keep")
            texts.append((f"{folder}/{path.parent.name}/{path.name}", text))
    for folder in ("real_html", "real_html2"):
        for path in sorted((shared / folder).rglob("*.gold.txt")):
            texts.append((f"{folder}/{path.parent.name}/{path.name}", path.read_text("utf-8")))
    for path in sorted((shared / "spec" / "seeds-clean").glob("*.txt")):
        texts.append((f"seeds-clean/{path.name}", path.read_text(encoding="utf-8")))
    return texts


def other_texts() -> list[tuple[str, str]]:
    demo = [
        (f"demo/{p.parent.name}/{p.name}", p.read_text(encoding="utf-8"))
        for p in sorted((REPO / "demo" / "expected").glob("*/*.txt"))
    ]
    own = [
        (f"own/{p.name}", p.read_text(encoding="utf-8"))
        for p in sorted((REPO / "tests" / "data" / "languages").glob("*.txt"))
    ]
    return demo + own


def langdetect_alone(text: str) -> LanguageResult:
    """The previous implementation: langdetect on every text, then the Malay check."""
    saved = language.FIRST_PASS_CONFIDENCE
    language.FIRST_PASS_CONFIDENCE = 2.0  # the first pass never decides
    try:
        return detect_language(text)
    finally:
        language.FIRST_PASS_CONFIDENCE = saved


def labeled_lines(shared: Path) -> list[str]:
    """Every line of the labeled dumps (article or chrome) long enough for the first pass."""
    return [
        line["text"]
        for folder in ("dev_text", "dev_text2")
        for path in sorted((shared / folder).glob("*/*.json"))
        for line in json.loads(path.read_text(encoding="utf-8"))["lines"]
        if len(line["text"]) >= language.FIRST_PASS_MIN_CHARS
    ]


def first_pass_decides(sample: str) -> bool:
    return language.first_pass_verdict(sample) is not None


def timed(method: Callable[[str], LanguageResult], texts: list[str], rounds: int) -> float:
    """Milliseconds a document, best of ``rounds`` (models loaded before timing)."""
    return best_seconds(method, texts, rounds) / len(texts) * 1000


def decision(result: LanguageResult) -> str:
    return "id" if result.rejected is None else f"refused ({result.language})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    parser.add_argument("--rounds", type=int, default=3)
    opts = parser.parse_args()
    real = real_texts(opts.shared) if opts.shared.is_dir() else []
    documents = real + other_texts()
    texts = [text for _, text in real] or [text for _, text in documents]
    print(f"{len(real)} real article texts, {len(documents) - len(real)} others")
    before = timed(langdetect_alone, texts, opts.rounds)
    after = timed(detect_language, texts, opts.rounds)
    first = sum(first_pass_decides(t[: language.SAMPLE_CHARS]) for t in texts)
    print(f"{'method':42} {'ms/doc':>7}")
    print(f"{'langdetect alone (3 trials, 700 chars)':42} {before:7.3f}")
    print(f"{'fastText first, langdetect where unsure':42} {after:7.3f}")
    share = f"{first / len(texts):.0%}"
    print(f"first pass decided {first} of {len(texts)} ({share}); x{before / after:.1f} faster")
    differ = [
        (name, decision(langdetect_alone(text)), decision(detect_language(text)))
        for name, text in documents
        if decision(langdetect_alone(text)) != decision(detect_language(text))
    ]
    taken = [name for name, text in documents if detect_language(text).rejected is None]
    refused = [name for name, _ in documents if name not in taken]
    print(f"decisions: {len(taken)} taken, refused: {', '.join(refused) or 'none'}")
    print(f"decisions that differ between the two: {len(differ)} {differ}")
    lines = labeled_lines(opts.shared) if opts.shared.is_dir() else []
    decided = [t for t in lines if first_pass_decides(t[: language.SAMPLE_CHARS])]
    line_differ = [t[:60] for t in decided if decision(langdetect_alone(t)) != "id"]
    print(
        f"labeled lines of {language.FIRST_PASS_MIN_CHARS}+ characters: {len(lines)}, the first "
        f"pass decided {len(decided)}, langdetect alone differs on {len(line_differ)} "
        f"{line_differ}"
    )
    verdict = "met" if after <= TARGET_MS and not differ and not line_differ else "NOT met"
    print(f"target: at most {TARGET_MS} ms a document, the same decisions: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
