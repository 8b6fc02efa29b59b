"""Would a learned model of line shape beat the rules? Trained on one labeled set, scored on the
other (the swap), with the reference scorer.

    pip install -e '.[experiments]'      # scikit-learn
    python benchmarks/line_model_bench.py [--shared ../shared]

Features of a line and its neighbours, boilerpipe's "shallow text features" in kind: words,
characters, sentence end, capitalised share, digit share, dateline, another story's headline
shape, position in the page, the neighbours' length and ending. Two models (logistic
regression; gradient-boosted trees, scikit-learn's HistGradientBoosting), each trained on
``dev_text`` and scored on ``dev_text2``, then the other way round. A model alone is scored by
its line accuracy; as a second opinion on the rules (it may drop a line the rules keep, when its
probability of article text is under a threshold) by the scorer's four measures beside the
rules alone. It ships only if it beats the rules on the set it was not trained on.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from cleaners import Cleaned, clean  # noqa: E402
from cleaners.shapes import STRONG_DATELINE, ends_sentence, is_related_headline  # noqa: E402

Document = tuple[str, dict, Cleaned, list[list[float]]]


def line_features(lines: list[str]) -> list[list[float]]:
    def own(t: str, i: int) -> list[float]:
        words = t.split()
        return [
            min(len(words), 80) / 80,
            min(len(t), 600) / 600,
            float(ends_sentence(t)),
            sum(1 for w in words if w[:1].isupper()) / max(1, len(words)),
            sum(c.isdigit() for c in t) / max(1, len(t)),
            float(bool(STRONG_DATELINE.search(t))),
            float(is_related_headline(t)),
            i / max(1, len(lines)),
            float("|" in t),
            float(t[:1].isdigit()),
        ]

    def near(j: int) -> list[float]:
        if not 0 <= j < len(lines):
            return [0.0, 0.0]
        return [min(lines[j].count(" ") + 1, 60) / 60, float(ends_sentence(lines[j]))]

    return [[*own(t, i), *near(i - 1), *near(i + 1)] for i, t in enumerate(lines)]


def load(shared: Path, folder: str) -> tuple[np.ndarray, np.ndarray, list[Document]]:
    xs, ys, documents = [], [], []
    for path in sorted((shared / folder).glob("*/*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        lines = [line["text"] for line in doc["lines"]]
        features = line_features(lines)
        for line, feature in zip(doc["lines"], features, strict=True):
            if line["label"] != "either":
                xs.append(feature)
                ys.append(int(line["label"] == "keep"))
        documents.append((path.stem, doc, clean("\n".join(lines) + "\n", doc["site"]), features))
    return np.array(xs), np.array(ys), documents


def score(
    shared: Path, folder: str, documents: list[Document], model: Any, threshold: float
) -> str:
    """The reference scorer's summary of the rules, each kept line the model doubts dropped."""
    with tempfile.TemporaryDirectory() as out:
        for stem, doc, cleaned, features in documents:
            doubts = model.predict_proba(np.array(features))[:, 1] if model else None
            body = [
                d.text
                for d in cleaned.decisions
                if d.keep
                and d.family != "headline"
                and (doubts is None or doubts[d.line - 1] >= threshold)
            ]
            text = "\n\n".join([cleaned.title, *body]) + "\n" if cleaned.title or body else ""
            site = Path(out) / doc["site"]
            site.mkdir(exist_ok=True)
            (site / f"{stem}.txt").write_text(text, encoding="utf-8")
        scorer = shared / "tools" / "score_labeled.py"
        result = subprocess.run(
            [sys.executable, str(scorer), str(shared / folder), out], capture_output=True, text=True
        )
    summary = next(line for line in result.stdout.splitlines() if line.startswith("SUMMARY all"))
    return summary.removeprefix("SUMMARY all").strip()


def main() -> None:
    from sklearn.ensemble import HistGradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    shared = parser.parse_args().shared
    for train, test in (("dev_text", "dev_text2"), ("dev_text2", "dev_text")):
        x, y, _ = load(shared, train)
        xt, yt, documents = load(shared, test)
        print(f"== trained on {train} ({len(y)} lines), scored on {test}")
        print(f"   rules alone               {score(shared, test, documents, None, 0)}")
        models = {
            "logistic regression": LogisticRegression(max_iter=3000),
            "gradient-boosted trees": HistGradientBoostingClassifier(max_iter=200, random_state=0),
        }
        for name, model in models.items():
            model.fit(x, y)
            accuracy = float(np.mean(model.predict(xt) == yt))
            print(f"   {name}: line accuracy alone {accuracy:.3f}")
            for threshold in (0.05, 0.1, 0.2):
                measures = score(shared, test, documents, model, threshold)
                print(f"     rules + model, p < {threshold:<4}  {measures}")


if __name__ == "__main__":
    main()
