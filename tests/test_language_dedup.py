"""The language and dedup stages on their own."""

from __future__ import annotations

import json
import random

import pytest

from corpus import language
from corpus.dedup import Candidate, Deduplicator, sha256_text, signature
from corpus.language import detect_language
from tests.conftest import GOLDEN, REPO

EXPECTED = REPO / "demo" / "expected"
ARTICLES = json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8"))
INDONESIAN = sorted(GOLDEN.glob("*.txt")) + [
    EXPECTED / a["file"] for a in ARTICLES if a["language"] == "id"
]


@pytest.mark.parametrize("path", INDONESIAN, ids=lambda p: p.name)
def test_no_indonesian_article_is_lost(path) -> None:
    result = detect_language(path.read_text(encoding="utf-8"))
    assert (result.language, result.rejected) == ("id", None)
    assert result.score >= language.FIRST_PASS_CONFIDENCE


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ((EXPECTED / "tribun/english-page.txt").read_text(), "en"),
        ((EXPECTED / "tribun/malay-page.txt").read_text(), "ms"),
        ("Polis berkata suspek ditahan kerana memiliki wang palsu bernilai RM10,000.", "ms"),
        ("Presiden mengatakan bahwa bantuan uang tunai akan diberikan karena harga naik.", "id"),
        # One Malay-looking word is not evidence: "Wang" is a name here.
        ("Menteri Luar Negeri China Wang Yi bertemu Menlu RI di Jakarta pada Senin.", "id"),
    ],
)
def test_language_and_malay_check(text: str, language: str) -> None:
    result = detect_language(text)
    assert result.language == language
    assert (result.rejected is None) == (language == "id")


OTHER_LANGUAGES = sorted((REPO / "tests" / "data" / "languages").glob("*.txt"))


@pytest.mark.parametrize("path", OTHER_LANGUAGES + INDONESIAN, ids=lambda p: p.name)
def test_the_first_pass_decides_as_langdetect_would(path, monkeypatch) -> None:
    """The first pass decides only where it is sure; langdetect alone gives the same verdict."""
    text = path.read_text(encoding="utf-8")
    both = detect_language(text)
    monkeypatch.setattr(language, "FIRST_PASS_CONFIDENCE", 2.0)  # langdetect on everything
    alone = detect_language(text)
    assert (both.rejected is None) == (alone.rejected is None)
    assert (both.rejected is None) == (not path.name.startswith(("en-", "ms-")))


@pytest.mark.parametrize("path", INDONESIAN, ids=lambda p: p.name)
def test_the_first_pass_is_sure_of_whole_articles(path) -> None:
    """Articles are what the fast pass is for: langdetect is not asked about them."""
    sample = path.read_text(encoding="utf-8")[: language.SAMPLE_CHARS]
    assert language.first_pass_verdict(sample) is not None


def test_a_short_text_goes_to_langdetect(monkeypatch) -> None:
    """Below the minimum length the first pass is not asked (on headlines the two differ)."""
    monkeypatch.setattr(language, "_first_pass", lambda sample: pytest.fail("first pass asked"))
    result = detect_language("Harga beras medium naik lagi di pasar induk pekan ini")
    assert result.language == "id"


def test_detection_repeats() -> None:
    text = (EXPECTED / "kompas/azerbaijan-dan-armenia-tolak-perundingan.txt").read_text()
    assert len({detect_language(text) for _ in range(5)}) == 1


def _candidate(name: str, text: str, **kw) -> Candidate:
    return Candidate(f"https://{name}", sha256_text(text), signature(text), **kw)


BODY = "\n".join(
    f"Paragraf {i} berita tentang banjir di Jakarta Timur yang merendam rumah warga sejak pagi hari."
    for i in range(12)
)


def test_the_kept_copy_does_not_depend_on_arrival_order() -> None:
    original = _candidate(
        "kompas.com/a", "Judul\n" + BODY, site="kompas", published="2020-10-05T08:15:00+07:00"
    )
    copy = _candidate(
        "jateng.tribunnews.com/b",
        "Judul Lain\n" + BODY + "\nSatu kalimat tambahan.",
        site="tribun",
        published="2020-10-05T07:00:00+07:00",
        syndicated_from="Kompas.com",
    )
    exact = _candidate(
        "www.tribunnews.com/c",
        "Judul\n" + BODY,
        site="tribun",
        published="2020-10-06T00:00:00+07:00",
    )
    other = _candidate(
        "kumparan.com/d",
        "Judul\n" + "Berita lain sama sekali tentang sepak bola nasional. " * 30,
        site="kumparan",
    )
    members = [original, copy, exact, other]
    for seed in range(6):
        random.Random(seed).shuffle(members)
        dedup = Deduplicator()
        for m in members:
            dedup.add(m)
        groups = sorted(dedup.groups(), key=lambda g: g.kept.key)
        # The copy is older but names Kompas as its source: the Kompas original is kept.
        assert [g.kept.key for g in groups] == ["https://kompas.com/a", "https://kumparan.com/d"]
        assert groups[0].urls == sorted([original.key, copy.key, exact.key])


def test_a_document_already_in_the_corpus_stays() -> None:
    dedup = Deduplicator()
    dedup.add(
        _candidate(
            "tribunnews.com/old",
            "Judul\n" + BODY,
            site="tribun",
            number=0,
            syndicated_from="Kompas.com",
        )
    )
    dedup.add(_candidate("kompas.com/new", "Judul\n" + BODY, site="kompas", published="2020-01-01"))
    (group,) = dedup.groups(new=[1])
    assert group.kept.number == 0


def test_warming_up_loads_the_fast_pass_not_langdetect_and_freezes_it(monkeypatch) -> None:
    """What a process loads before its first page costs every run: only what every page
    needs; what it loaded is kept out of the garbage collector's walks."""
    import gc

    from cleaners.matching import classifier_for
    from corpus.warmup import cool_down, warm_up

    monkeypatch.setattr(language, "_factory", None)
    monkeypatch.setattr(language, "_identifier", None)
    classifier_for.cache_clear()
    frozen = gc.get_freeze_count()
    warm_up(["kompas"])
    assert language._identifier is not None
    assert language._factory is None
    assert classifier_for.cache_info().currsize == 1
    assert gc.get_freeze_count() > frozen
    cool_down()  # the end of a run: nothing stays frozen
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Judul saja",
        (EXPECTED / "kompas/azerbaijan-dan-armenia-tolak-perundingan.txt").read_text(),
    ]
    + [
        "Judul\n\n"
        + " ".join(
            random.Random(seed).choices(
                ["banjir", "warga", "Jakarta", "rumah", "pagi", "air", "naik", "Senin"], k=n
            )
        )
        for seed, n in ((1, 4), (2, 60), (3, 900))
    ],
)
def test_the_signature_is_datasketchs_minhash_value_for_value(text: str) -> None:
    """Signatures are stored in the corpus state: computed without datasketch, they must stay
    what its MinHash ("affine32", seed 1, SHA-1 of each shingle) gives."""
    import numpy as np
    from datasketch import MinHash

    from corpus.dedup import _WORD, MINHASH_SCHEME, NUM_PERM, SHINGLE_WORDS

    body = text.split("\n", 1)[1] if "\n" in text else text
    words = _WORD.findall(body.lower())
    count = max(1, len(words) - SHINGLE_WORDS + 1)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(count)}
    expected = MinHash(num_perm=NUM_PERM, seed=1, scheme=MINHASH_SCHEME)
    expected.update_batch([s.encode("utf-8") for s in shingles])
    assert signature(text) == expected.hashvalues.astype(np.uint32).tobytes()


def test_a_regenerate_worker_starts_without_scipy() -> None:
    """Fingerprinting needs no datasketch: its import loads scipy (0.7 s of CPU a worker)."""
    import subprocess
    import sys

    code = (
        "import sys; from corpus.warmup import warm_up; warm_up(['kompas']); "
        "print(sorted({'datasketch', 'scipy'} & set(sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True)
    assert out.stdout.strip() == "[]", out.stderr[-500:]


def test_the_lsh_bands_are_datasketchs_choice_for_the_threshold() -> None:
    from datasketch import MinHashLSH

    from corpus.dedup import LSH_BANDS, LSH_ROWS, NEAR_DUPLICATE_THRESHOLD, NUM_PERM

    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    assert (lsh.b, lsh.r) == (LSH_BANDS, LSH_ROWS)


def test_the_bands_find_the_pairs_datasketchs_index_finds() -> None:
    """Near copies of a few bodies (words changed at random), indexed by both."""
    import numpy as np
    from datasketch import LeanMinHash, MinHashLSH

    from corpus.dedup import MINHASH_SCHEME, NEAR_DUPLICATE_THRESHOLD, NUM_PERM

    rng = random.Random(4)
    words = BODY.split()
    texts = []
    for story in range(6):
        base = [f"{w}{story}" for w in words]
        for _ in range(5):
            copy = [w if rng.random() > 0.03 * story else "lain" for w in base]
            texts.append("Judul\n" + " ".join(copy))
    dedup = Deduplicator()
    lsh = MinHashLSH(threshold=NEAR_DUPLICATE_THRESHOLD, num_perm=NUM_PERM)
    for i, text in enumerate(texts):
        dedup.add(_candidate(f"x/{i}", text))
        values = np.frombuffer(signature(text), dtype=np.uint32).astype(np.uint64)
        lsh.insert(i, LeanMinHash(seed=1, hashvalues=values, scheme=MINHASH_SCHEME))
    for i, text in enumerate(texts):
        values = np.frombuffer(signature(text), dtype=np.uint32).astype(np.uint64)
        expected = set(lsh.query(LeanMinHash(seed=1, hashvalues=values, scheme=MINHASH_SCHEME)))
        assert dedup._similar(i) == expected
    assert any(len(dedup._similar(i)) > 1 for i in range(len(texts)))


@pytest.mark.parametrize(
    "text",
    [
        "Warga Jakarta Timur mengungsi setelah banjir merendam rumah mereka sejak Senin pagi.",
        "The president said on Monday that the aid would be delivered to flooded districts.",
        "Kerajaan berkata bahawa wang bantuan itu akan diberi kerana banjir baharu.",
        "Judul saja",
        "123 456 789",
        "東京で大雨、川が氾濫",
        "Москва, понедельник: наводнение",
    ],
)
def test_langdetect_with_the_table_built_on_demand_gives_its_own_probabilities(text: str) -> None:
    """The n-gram table is made entry by entry; langdetect's load_profile makes it whole."""
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
    from langdetect.lang_detect_exception import LangDetectException

    stock = DetectorFactory()
    stock.load_profile(PROFILES_DIRECTORY)
    on_demand = language._load_factory()
    assert on_demand.langlist == stock.langlist
    results = []
    for factory in (stock, on_demand):
        detector = factory.create()
        detector.n_trial = language.TRIALS
        detector.append(text)
        try:
            results.append([(p.lang, p.prob) for p in detector.get_probabilities()])
        except LangDetectException as error:  # no n-gram of any language (digits only)
            results.append([("error", str(error))])
    assert results[0] == results[1]


def test_the_collector_pauses_while_the_index_is_built_and_comes_back_as_it_was() -> None:
    import gc

    from corpus.warmup import collector_paused

    assert gc.isenabled()
    with collector_paused():
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()  # a caller that had paused it already keeps it paused
    try:
        with collector_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_regeneration_in_this_process_leaves_nothing_frozen(tmp_path, workers: int) -> None:
    """A library user may regenerate many times in one process: what a run froze (its
    warm-up, corpus.warmup, here also with workers: they are forked from this process once it
    is warm) is the garbage collector's again when the run ends."""
    import gc

    from corpus.regenerate import regenerate

    empty = tmp_path / "empty.warc.gz"
    empty.write_bytes(b"")
    gc.freeze()
    assert gc.get_freeze_count() > 0
    regenerate([str(empty)], tmp_path / "corpus", workers, progress=False)
    assert gc.get_freeze_count() == 0
