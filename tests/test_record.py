"""The one document record (``articles.record``) and the acceptance step (``corpus.accept``).

The manifest row, the export schema and the dataset card come from the record; the formats are
the documented ones (``docs/corpus-format.md``), pinned here field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from itemadapter import ItemAdapter

from articles.outcomes import Rejection, language_label
from articles.record import EXPORT_COLUMNS, MANIFEST_COLUMNS, Article, manifest_row
from corpus.accept import Acceptance, judge
from corpus.dedup import sha256_text, signature
from corpus.export import ExportReport, dataset_card
from corpus.store import CorpusStore
from tests.corpus_fixture import article

# docs/corpus-format.md: the manifest's fields, in this order.
MANIFEST_FIELDS = [
    "file", "url", "urls", "site", "title", "authors", "published", "section", "tags",
    "language", "language_score", "chars", "words", "sha256", "extractor", "pages",
    "syndicated_from", "crawled_at",
]  # fmt: skip
TEXT = (
    "Banjir surut di Bekasi\n\n"
    "BEKASI, KOMPAS.com - Banjir yang merendam perumahan warga di Bekasi mulai surut pada "
    "Selasa pagi setelah hujan berhenti sejak tengah malam.\n\n"
    "Warga mulai membersihkan rumah mereka dari lumpur, sementara petugas kelurahan membagikan "
    "air bersih dan makanan siap saji kepada para pengungsi di masjid.\n"
)
ENGLISH = "The flood in Bekasi receded on Tuesday morning after the rain stopped at night. " * 6


def an_article(**changes: object) -> Article:
    base = article(
        canonical_url="https://megapolitan.kompas.com/read/2024/01/02/101500201/banjir-surut",
        site="kompas",
        title="Banjir surut di Bekasi",
        text=TEXT,
        authors=["Nama Penulis"],
        published="2024-01-02T10:15:00+07:00",
        tags=["banjir", "Bekasi"],
    )
    return base.but(**changes)


def test_the_manifest_row_has_the_documented_fields_in_order() -> None:
    row = manifest_row(an_article(sha256="ab" * 32, language="id", language_score=0.99), "x.txt")
    assert list(row) == MANIFEST_FIELDS == [c.name for c in MANIFEST_COLUMNS]
    assert row["url"] == an_article().canonical_url  # the canonical URL
    assert (row["chars"], row["words"]) == (len(TEXT), len(TEXT.split()))
    assert row["authors"] == ["Nama Penulis"] and isinstance(row["tags"], list)
    json.dumps(row)  # plain JSON values only


def test_the_export_is_the_manifest_and_the_text_and_the_card_lists_every_column() -> None:
    assert [c.name for c in EXPORT_COLUMNS] == [*MANIFEST_FIELDS, "text"]
    kinds = {c.name: c.kind for c in EXPORT_COLUMNS}
    assert kinds["urls"] == "list<string>" and kinds["language_score"] == "double"
    assert kinds["pages"] == "int64" and kinds["published"] == "string"
    card = dataset_card(Path("corpus"), ExportReport(rows=1))
    assert all(f"- `{c.name}` ({c.kind}):" in card for c in EXPORT_COLUMNS)


def test_derived_fields_follow_the_text_and_the_json_round_trips() -> None:
    record = an_article()
    longer = record.but(text=TEXT + "\nSatu paragraf lagi.\n")
    assert longer.chars == len(TEXT) + 21 and longer.words == record.words + 3
    assert Article.from_json(record.to_json()) == record
    assert Article.from_dict(record.as_dict() | {"unknown": 1}) == record


def test_scrapy_takes_the_record_as_its_item() -> None:
    adapter = ItemAdapter(an_article())
    assert adapter.is_item(an_article()) and adapter["site"] == "kompas"
    assert set(adapter.field_names()) >= {"text", "canonical_url", "language"}


def test_judge_takes_indonesian_with_its_fingerprints_and_names_the_rest() -> None:
    verdict = judge(an_article())
    assert verdict.rejected is None and verdict.label is None
    assert verdict.article.language == "id" and verdict.article.sha256 == sha256_text(TEXT)
    assert verdict.staged is not None and verdict.staged.signature == signature(TEXT)
    refused = judge(an_article(text=f"Flood\n\n{ENGLISH}\n"))
    assert refused.staged is None and refused.rejected is not None
    assert refused.rejected.reason is Rejection.NOT_INDONESIAN
    assert refused.label == language_label("en") and refused.article.language == "en"


def test_acceptance_stages_counts_and_records_the_run(tmp_path: Path) -> None:
    acceptance = Acceptance(CorpusStore(tmp_path / "corpus"), batch=2)
    acceptance.accept(an_article())
    assert acceptance.store.staged_count() == 0  # batched: staged at the second, or at finish
    acceptance.accept(an_article(canonical_url="https://www.kompas.com/x", text=f"X\n\n{ENGLISH}"))
    acceptance.refuse(Rejection.INCOMPLETE.label)
    report = acceptance.finish("regenerate")
    assert (report.new, report.total) == (1, 1)
    assert acceptance.rejected == {language_label("en"): 1, Rejection.INCOMPLETE.label: 1}
    assert acceptance.by_extractor == {"kompas/site": 1}
    (run,) = acceptance.store.runs()
    assert run["kind"] == "regenerate" and run["rejected"] == dict(acceptance.rejected)
    acceptance.store.close()


@pytest.mark.parametrize("known", [True, False])
def test_acceptance_says_what_an_earlier_run_holds(tmp_path: Path, known: bool) -> None:
    store = CorpusStore(tmp_path / "corpus")
    if known:
        store.stage(an_article())
        store.finish()
    acceptance = Acceptance(store)
    assert bool(acceptance.known(an_article())) is known
    store.close()
