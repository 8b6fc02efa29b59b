"""``scrapy export``: the corpus as JSON Lines, Parquet, and a folder ``datasets`` loads."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from articles.record import EXPORT_COLUMNS
from tests.conftest import run_scrapy
from tests.corpus_fixture import build_corpus

pytestmark = pytest.mark.e2e


def _manifest(corpus: Path) -> list[dict]:
    return [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]


def test_jsonl_and_parquet_hold_every_document_and_field(tmp_path: Path) -> None:
    corpus = build_corpus(tmp_path / "corpus")
    manifest = _manifest(corpus)
    assert len(manifest) >= 10
    for fmt in ("jsonl", "parquet"):
        out = tmp_path / f"corpus.{fmt}"
        result = run_scrapy("export", corpus, "-o", out, "--format", fmt)
        assert result.returncode == 0, result.stderr
        assert f"export: {len(manifest)} documents" in result.stderr
        if fmt == "jsonl":
            rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        else:
            rows = pq.read_table(out).to_pylist()
        assert [r["file"] for r in rows] == [m["file"] for m in manifest]
        for row, entry in zip(rows, manifest, strict=True):
            assert {k: row[k] for k in entry} == entry  # every manifest field, as it is
            assert row["text"] == (corpus / entry["file"]).read_text(encoding="utf-8")
        assert set(rows[0]) == {c.name for c in EXPORT_COLUMNS}


def test_hf_folder_loads_with_datasets(tmp_path: Path) -> None:
    import datasets

    corpus = build_corpus(tmp_path / "corpus")
    manifest = _manifest(corpus)
    out = tmp_path / "dataset"
    result = run_scrapy("export", corpus, "-o", out, "--format", "hf")
    assert result.returncode == 0, result.stderr
    assert list((out / "data").glob("train-*.parquet"))
    card = (out / "README.md").read_text(encoding="utf-8")
    assert card.startswith("---\n") and "configs:" in card and "- id" in card
    assert "kompas (" in card and "Published: 2020-" in card and "beritabersih" in card
    loaded = datasets.load_dataset(str(out))
    train = loaded["train"]
    assert train.num_rows == len(manifest)
    assert set(train.column_names) == {c.name for c in EXPORT_COLUMNS}
    assert sorted(train["title"]) == sorted(m["title"] for m in manifest)


def test_export_of_a_folder_that_is_no_corpus_is_one_line(tmp_path: Path) -> None:
    result = run_scrapy("export", tmp_path, "-o", tmp_path / "x.parquet")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "no manifest.jsonl" in result.stderr.strip().splitlines()[-1]
