"""What a site repeats across its articles, learned (``cleaners.repetition``) and taken out in
every path: ``scrapy clean`` over a folder of dumps, and the corpus stage of a crawl or a
regeneration (``corpus.chrome``). Our own lines, set as real pages set theirs."""

from __future__ import annotations

from pathlib import Path

from cleaners import clean, clean_blocks
from cleaners.repetition import MIN_ARTICLES, ChromeMemory, series, shape
from corpus.store import CorpusStore
from tests.corpus_fixture import article

PRINT_NOTE = "Versi cetak artikel ini terbit di harian Kompas edisi {} di halaman {}."
PROMPT = "Dapatkan kabar terbaru dan wawasan pilihan langsung di kotak surel kamu setiap pagi."
HEADLINES = [
    "Harga Cabai Turun Jelang Panen Raya di Magelang",
    "[POPULER GLOBAL] Banjir di Eropa | Pemilu di Asia",
    "Kereta Cepat Tambah Jadwal Selama Libur Sekolah",
    "Gempa Guncang Pesisir Selatan, Warga Berlarian",
    "5 Berita Populer: Pasar Murah hingga Jalan Rusak",
]


SUBJECTS = ["petani cabai", "warga pesisir", "pedagang pasar", "penumpang kereta", "guru honorer"]
PLACES = ["lereng gunung", "tepi sungai", "pusat kota", "stasiun besar", "desa terpencil"]


def paragraph(n: int) -> str:
    """A paragraph of its own for each article (words differ, not only numbers)."""
    subject, place = SUBJECTS[n % 5], PLACES[(n * 2) % 5]
    return f"Para {subject} di {place} mengeluhkan keadaan yang belum berubah sejak tahun lalu."


def test_the_shape_masks_what_varies_and_keeps_the_wording() -> None:
    one = shape(PRINT_NOTE.format("12 Mei 2023", 3))
    assert one == shape(PRINT_NOTE.format("4 Januari 2024", 11))
    assert "<date>" in one and "<n>" in one and "versi cetak" in one
    # Inside a sentence, names are masked; a Title Case line keeps its words.
    assert shape("Rapat dipimpin oleh Budi Santoso di balai desa.") == shape(
        "Rapat dipimpin oleh Sri Wahyuni di balai desa."
    )
    assert shape("Harga Cabai Stabil") != shape("Harga Emas Turun")


def test_a_series_is_told_by_the_start_of_its_headline() -> None:
    assert series("[POPULER GLOBAL] Banjir di Eropa | Pemilu di Asia") == "populer global"
    assert series("5 Berita Populer Nusantara: Jalan Rusak") == "populer nusantara"
    assert series("Harga Cabai Turun Jelang Panen Raya") == "harga cabai"
    assert series("") == ""


def memory_of(articles: list[tuple[str, list[str]]]) -> ChromeMemory:
    memory = ChromeMemory()
    for title, lines in articles:
        memory.add("kompas", title, [title, *lines])
    return memory


def test_a_line_kept_in_articles_of_several_series_is_learned() -> None:
    articles = [
        (title, [paragraph(n), PROMPT, PRINT_NOTE.format(f"{n + 1} Mei 2023", n + 2)])
        for n, title in enumerate(HEADLINES[:MIN_ARTICLES])
    ]
    learned = memory_of(articles).learned("kompas")
    assert PROMPT in learned and PRINT_NOTE.format("30 Juni 2025", 9) in learned
    assert not any(paragraph(n) in learned for n in range(MIN_ARTICLES))
    assert dict(learned.top)[PROMPT] == MIN_ARTICLES


def test_what_is_not_learned() -> None:
    template = "Berikut lima berita populer yang paling banyak dibaca pada edisi kemarin."
    quote = '"Kami akan terus mengawasi harga di pasar," kata kepala dinas.'
    dateline = "JAKARTA, KOMPAS.com - Rangkuman berita populer dapat dibaca di sini."
    long_line = " ".join(["kata"] * 40) + "."
    articles = [
        # a round-up series' own template, in five editions of one series
        *((f"[POPULER GLOBAL] Edisi {n}", [template, paragraph(n)]) for n in range(5)),
        # a quote two stories share; a body's opening dateline; a paragraph; in many articles
        *((title, [quote, dateline, long_line, paragraph(9)]) for title in HEADLINES[:2]),
        *((title, [dateline, long_line]) for title in HEADLINES[2:]),
    ]
    learned = memory_of(articles).learned("kompas")
    for line in (template, quote, dateline, long_line):
        assert line not in learned, line


def test_learned_lines_leave_the_document_never_its_headline_never_all_of_it() -> None:
    learned = memory_of([(t, [PROMPT]) for t in HEADLINES[:3]]).learned("kompas")
    document = f"{HEADLINES[0]}\n\n{paragraph(1)}\n\n{PROMPT}\n"
    assert learned.strip(document) == (f"{HEADLINES[0]}\n\n{paragraph(1)}\n", [PROMPT])
    assert learned.strip(f"{PROMPT}\n\n{paragraph(1)}\n")[1] == []  # the headline stays
    assert learned.strip(f"{HEADLINES[0]}\n\n{PROMPT}\n")[1] == []  # never emptied


def test_a_learned_line_is_chrome_in_a_dump_and_never_its_headline() -> None:
    learned = memory_of([(t, ["Olahraga Hari Ini"]) for t in HEADLINES[:3]]).learned("kompas")
    dump = "\n".join(["Olahraga Hari Ini", HEADLINES[2], "Kompas.com - 14/03/2023, 09:15 WIB",
                      f"JAKARTA, KOMPAS.com - {paragraph(1)}", PROMPT])  # fmt: skip
    result = clean(dump, "kompas", learned=learned)
    assert result.title == HEADLINES[2]
    assert [d.family for d in result.decisions if d.text == "Olahraga Hari Ini"] == [
        "repeated-line"
    ]
    blocks = clean_blocks([paragraph(1), "Olahraga Hari Ini"], "kompas", title="T", learned=learned)
    assert blocks.body == (paragraph(1),)


def test_the_corpus_learns_from_the_run_and_from_earlier_runs(tmp_path: Path) -> None:
    """The corpus stage of a crawl or a regeneration: learn, then write."""

    def staged(n: int, title: str) -> object:
        return article(
            canonical_url=f"https://www.kompas.com/read/2024/01/0{n}/1{n}/berita-{n}",
            site="kompas",
            title=title,
            text=f"{title}\n\n{paragraph(n)}\n\n{PROMPT}\n",
        )

    store = CorpusStore(tmp_path / "corpus")
    for n, title in enumerate(HEADLINES[:2]):
        store.stage(staged(n, title))
    store.finish()
    first = sorted((tmp_path / "corpus").glob("*.txt"))
    assert all(PROMPT in p.read_text(encoding="utf-8") for p in first)  # two articles: not yet
    store.stage(staged(3, HEADLINES[2]))
    store.finish()
    (third,) = [p for p in (tmp_path / "corpus").glob("*.txt") if p not in first]
    assert third.read_text(encoding="utf-8") == f"{HEADLINES[2]}\n\n{paragraph(3)}\n"
    assert all(PROMPT in p.read_text(encoding="utf-8") for p in first)  # never rewritten
    store.close()
    # The report lists what was learned, with the articles it was seen in.
    from corpus.report import read_learned, render

    assert dict(read_learned(tmp_path / "corpus")["kompas"].top) == {PROMPT: 3}
    render(tmp_path / "corpus", tmp_path / "report.html")
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert f"<td>kompas</td><td>3</td><td>{PROMPT}</td>" in page
