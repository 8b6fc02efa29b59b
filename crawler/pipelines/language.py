"""Language stage: only Indonesian documents go into the corpus.

langdetect, seeded so that results repeat, on a bounded sample of the text (it is slow on long
texts and a page's first 2,000 characters decide as well as all of them). langdetect has no
Malay profile, so Malay comes out as Indonesian; a cheap check on spellings that differ between
the two standards (Malay "bahawa", "kerana", "iaitu", "wang", "baharu" for Indonesian "bahwa",
"karena", "yaitu", "uang", "baru") rejects a text that uses the Malay forms more often than the
Indonesian ones, and at least twice.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from langdetect import DetectorFactory, detect_langs
from langdetect.lang_detect_exception import LangDetectException
from scrapy import Spider
from scrapy.crawler import Crawler
from scrapy.exceptions import DropItem

logger = logging.getLogger(__name__)

DetectorFactory.seed = 0  # langdetect is random without a seed
SAMPLE_CHARS = 2000
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


def detect_language(text: str) -> LanguageResult:
    sample = text[:SAMPLE_CHARS]
    try:
        best = detect_langs(sample)[0]
    except LangDetectException:
        return LanguageResult("unknown", 0.0, "language undetectable")
    language, score = best.lang, round(best.prob, 4)
    if language != "id":
        return LanguageResult(language, score, f"language {language} ({score:.2f})")
    malay, indonesian = malay_evidence(sample)
    if malay >= 2 and malay > indonesian:
        return LanguageResult("ms", score, f"Malay spellings ({malay} vs {indonesian} Indonesian)")
    return LanguageResult(language, score, None)


class LanguagePipeline:
    """Keep Indonesian articles; record ``language`` and ``language_score`` on the item."""

    def __init__(self, crawler: Crawler) -> None:
        self.stats = crawler.stats

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> LanguagePipeline:
        return cls(crawler)

    def process_item(self, item: dict, spider: Spider | None = None) -> dict:
        result = detect_language(item["text"])
        item["language"], item["language_score"] = result.language, result.score
        if result.rejected:
            self.stats.inc_value(f"language/rejected/{result.language}")
            raise DropItem(f"not Indonesian: {result.rejected}: {item['url']}", log_level="INFO")
        self.stats.inc_value("language/id")
        return item
