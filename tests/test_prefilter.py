"""The prefilter (tiers by word count, buckets by first character, literal gates) decides as
the plain ordered check of every family does (``Classifier.classify_plainly``): on every
labeled line of the real dumps, on our own lines of each family, and on generated lines built
from the families' own words, in every site's classifier."""

from __future__ import annotations

import json
import random
import re

import pytest

from cleaners.matching import Classifier, classifier_for, family_name
from cleaners.sites import SITE_NAMES
from tests.conftest import REPO
from tests.test_families import DROPPED, KEPT

SHARED = REPO.parent / "shared"
LABELED = [SHARED / "dev_text", SHARED / "dev_text2"]


def fresh(site: str) -> Classifier:
    """The site's classifier with an empty memo (a memo hit would skip the prefilter)."""
    shared = classifier_for(site)
    return Classifier(shared.families, shared.tiers)


def disagreements(classifier: Classifier, lines: list[str]) -> list[tuple[str, str, str]]:
    return [
        (line, str(family_name(fast)), str(family_name(plain)))
        for line in lines
        if (fast := classifier._classify(line)) is not (plain := classifier.classify_plainly(line))
    ]


def labeled_lines() -> list[str]:
    if not all(folder.is_dir() for folder in LABELED):
        pytest.skip(f"the labeled dumps are not here ({LABELED[0].parent} is absent)")
    return sorted(
        {
            line["text"].strip()
            for folder in LABELED
            for path in folder.glob("*/*.json")
            for line in json.loads(path.read_text(encoding="utf-8"))["lines"]
            if line["text"].strip()
        }
    )


# Words the families are written with, and the shapes around them.
_PIECES = [
    "Baca", "baca", "juga", "Juga:", "BACA", "Lihat", "Foto:", "FOTO", "Dok.", "Halaman",
    "halaman", "2/3", "Selanjutnya", "Penulis", "Editor:", "Sumber", "KOMPAS.com", "Kompas.com",
    "TRIBUNNEWS.COM", "kumparan", "kumparanNEWS", "WhatsApp", "Channel", "Google", "News",
    "Gabung", "Kompas.com+", "Iklan", "ADVERTISEMENT", "Close", "Ads", "©", "2024",
    "All", "Rights", "Reserved", "Artikel", "ini", "telah", "tayang", "di", "dengan", "judul",
    "|", "-", "–", "»", "(", ")", "/", ":", "AFP/REUTERS", "(Tribunnews.com/Nama)", "Senin,",
    "12/03/2024,", "10:15", "WIB", "Ikuti", "kami", "Download", "aplikasi", "Simak", "breaking",
    "Terkini", "Lainnya", "Berita", "Terkait", "zoom-in-whitePerbesar", "copy-link-circle",
    "Warga", "mengungsi", "setelah", "banjir", "merendam", "rumah.", "kata", "dia.", "0",
    "Tag:", "Populer", "Rekomendasi", "untuk", "Anda", "imsak", "04:10", "Severity:", "Notice",
]  # fmt: skip


def generated_lines(count: int = 6000, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    lines = []
    for _ in range(count):
        words = [rng.choice(_PIECES) for _ in range(rng.choice((1, 1, 2, 3, 4, 6, 9, 14, 30)))]
        line = " ".join(words)
        lines.append(line.upper() if rng.random() < 0.1 else line)
    return lines


@pytest.mark.parametrize("site", SITE_NAMES)
def test_the_prefilter_decides_as_the_plain_check_on_real_lines(site: str) -> None:
    assert disagreements(fresh(site), labeled_lines()) == []


@pytest.mark.parametrize("site", SITE_NAMES)
def test_the_prefilter_decides_as_the_plain_check_on_our_lines(site: str) -> None:
    ours = [line for _, _, line in DROPPED] + list(KEPT)
    assert disagreements(fresh(site), ours + generated_lines()) == []


def test_the_comparison_sees_a_prefilter_that_drops_a_pattern() -> None:
    """A prefilter that misses a family's pattern disagrees with the plain check."""
    classifier = fresh("generic")
    broken = Classifier(classifier.families, tuple(_without(t) for t in classifier.tiers))
    assert disagreements(broken, ["Baca juga: Banjir di Jakarta"]) != []


def _without(tier):  # every gate of the tier removed: nothing passes the prefilter
    never = re.compile(r"(?!)")
    anchored = type(tier.anchored_ci)({}, never)
    return type(tier)(anchored, anchored, (), ())


@pytest.mark.parametrize(
    ("pattern", "needles"),
    [
        (r"\b(?:lengkap|selengkapnya)\b.{0,60}\bberita berikut\W*$", ("berita berikut",)),
        (r"\b(?:di|ke) (?:surel|inbox) (?:kamu|anda)\W*$", ("surel", "inbox")),
        (r"(foo|bar)x", ("foo", "bar")),  # a capturing group's alternatives
        (r"abc|de", ("abc", "de")),  # the whole pattern an alternation
        (r"(?i:foo|bar) baz", (" baz",)),  # a case-insensitive group has no literal opening
        (r"(?i)hello", ("",)),  # nor has a case-insensitive pattern: always searched
        (r"x(?:ab|c)y", ("x",)),  # ties go to the first option found
        (r"https?://t\.co", ("://t.co",)),  # an optional character ends a literal
    ],
)
def test_a_floating_pattern_is_searched_only_where_it_can_match(
    pattern: str, needles: tuple
) -> None:
    from cleaners.matching import _required_needles

    assert _required_needles(pattern, lowered=False) == needles
    text = {"x(?:ab|c)y": "xcy", r"(?i)hello": "HELLO"}.get(pattern)
    if text:  # what matches holds a needle
        assert re.search(pattern, text) and any(n in text for n in needles)
