"""Headline, dateline and body by shape, in dumps: our own lines, set the ways real pages set
them (a date line in the newer "Kompas.com, <day> <month> <year>, <time> WIB" form, a headline
over several lines, a dateline alone on its line, a saving tool's stamp before the page)."""

from __future__ import annotations

import pytest

from cleaners import clean

BODY = [
    "JAKARTA, KOMPAS.com - Pemerintah menetapkan satu hari libur nasional tambahan pada akhir "
    "tahun ini, kata menteri.",
    "Keputusan itu diambil setelah rapat koordinasi bersama kementerian terkait pada Senin pagi.",
]
HEADLINE = "Pemerintah Tetapkan Libur Nasional Tambahan Akhir Tahun"


def document(headline: str, *body: str) -> str:
    return "\n\n".join([headline, *(body or BODY)]) + "\n"


@pytest.mark.parametrize(
    "date_line",
    [
        "Kompas.com, 14 Maret 2023, 09:15 WIB",
        "Kompas.com - 14/03/2023, 09:15 WIB",
        "Selasa, 14 Maret 2023 09:15 WIB",
        "kumparanNEWS 14 Maret 2023 9:15 WIB",
    ],
)
def test_a_date_line_is_never_the_headline(date_line: str) -> None:
    dump = "\n".join(["Baca berita tanpa iklan. Gabung Kompas.com+", HEADLINE, date_line,
                      "Rahmawati Putri", "Penulis", *BODY])  # fmt: skip
    result = clean(dump, "kompas")
    assert result.text == document(HEADLINE)
    assert [d.family for d in result.decisions if d.text == date_line] == ["metadata"]


def test_a_headline_set_over_three_lines_is_one_headline() -> None:
    dump = "\n".join(["Menyusuri Jejak Kopi", "di Dataran Tinggi Gayo", "yang Mendunia",
                      "Kompas.com - 14/03/2023, 09:15 WIB", *BODY])  # fmt: skip
    assert clean(dump, "kompas").text == document(
        "Menyusuri Jejak Kopi di Dataran Tinggi Gayo yang Mendunia"
    )


def test_a_topic_label_above_the_headline_is_not_joined_to_it() -> None:
    dump = "\n".join(["Banjir Jakarta", HEADLINE, "Kompas.com - 14/03/2023, 09:15 WIB", *BODY])
    result = clean(dump, "kompas")
    assert result.text == document(HEADLINE)
    assert [d.family for d in result.decisions if d.text == "Banjir Jakarta"] == ["topic-label"]


def test_a_dateline_alone_on_its_line_opens_the_paragraph_under_it() -> None:
    first = BODY[0].removeprefix("JAKARTA, KOMPAS.com - ")
    dump = "\n".join([HEADLINE, "Kompas.com - 14/03/2023, 09:15 WIB", "JAKARTA, KOMPAS.com -",
                      first, BODY[1]])  # fmt: skip
    result = clean(dump, "kompas")
    assert result.text == document(HEADLINE)
    assert result.decisions[2].line == 3 and result.decisions[2].keep


def test_a_stamp_before_the_first_line_is_not_the_page() -> None:
    dump = "\n".join([f" date 2023-05 {BODY[0]}", BODY[1]])
    assert clean(dump, "kompas").text.startswith(BODY[0])
