"""A corpus as a dataset: JSON Lines, Parquet, or a Hugging Face dataset folder.

One row per document: its text and every manifest field. Rows stream from the manifest and the
text files in batches, so memory stays flat whatever the corpus size. The ``hf`` folder is what
``datasets.load_dataset(OUT)`` loads: Parquet shards under ``data/`` and a ``README.md``
dataset card (YAML header, the sites, the date range, counts per site, how it was built).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from articles.record import EXPORT_COLUMNS
from corpus.atomic import write_atomic

FORMATS = ("parquet", "jsonl", "hf")
MANIFEST = "manifest.jsonl"
BATCH_ROWS = 1000
SHARD_ROWS = 10_000


def _schema() -> Any:
    """The columns of ``articles.record.EXPORT_COLUMNS`` (the manifest's, then the text)."""
    import pyarrow as pa  # imported by the export alone: every command starts faster

    types = {
        "string": pa.string(),
        "list<string>": pa.list_(pa.string()),
        "double": pa.float64(),
        "int64": pa.int64(),
    }
    return pa.schema([(c.name, types[c.kind]) for c in EXPORT_COLUMNS])


class ExportError(ValueError):
    """The corpus folder cannot be exported (no manifest, a missing file)."""


@dataclass
class ExportReport:
    rows: int = 0
    files: list[Path] = field(default_factory=list)
    sites: Counter[str] = field(default_factory=Counter)
    first: str | None = None
    last: str | None = None


def rows(corpus: Path) -> Iterator[dict[str, Any]]:
    """Every document of a corpus folder: its manifest entry plus ``text``, in file order."""
    manifest = corpus / MANIFEST
    if not manifest.is_file():
        raise ExportError(f"{corpus}: no {MANIFEST} (not a corpus folder?)")
    with open(manifest, encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            entry = json.loads(line)
            path = corpus / entry["file"]
            try:
                entry["text"] = path.read_text(encoding="utf-8")
            except OSError as err:
                raise ExportError(f"{MANIFEST}:{number}: {path}: {err.strerror}") from None
            yield {c.name: entry.get(c.name) for c in EXPORT_COLUMNS}


def _batches(corpus: Path, report: ExportReport, size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows(corpus):
        report.rows += 1
        report.sites[row["site"]] += 1
        if row["published"]:
            report.first = min(report.first or row["published"], row["published"])
            report.last = max(report.last or row["published"], row["published"])
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_parquet(batches: Iterator[list[dict[str, Any]]], path: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    tmp = path.with_name(f".{path.name}.tmp")
    schema = _schema()
    with pq.ParquetWriter(tmp, schema, compression="zstd") as writer:
        for batch in batches:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
    tmp.replace(path)


def export(corpus: Path, out: Path, fmt: str) -> ExportReport:
    """Write the corpus at ``corpus`` to ``out`` in ``fmt`` (see ``FORMATS``)."""
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")
    report = ExportReport()
    if fmt == "jsonl":
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(f".{out.name}.tmp")
        with open(tmp, "w", encoding="utf-8") as fh:
            for batch in _batches(corpus, report, BATCH_ROWS):
                fh.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in batch)
        tmp.replace(out)
        report.files.append(out)
    elif fmt == "parquet":
        out.parent.mkdir(parents=True, exist_ok=True)
        _write_parquet(_batches(corpus, report, BATCH_ROWS), out)
        report.files.append(out)
    else:
        _export_hf(corpus, out, report)
    return report


def _export_hf(corpus: Path, out: Path, report: ExportReport) -> None:
    data = out / "data"
    data.mkdir(parents=True, exist_ok=True)
    for old in data.glob("train-*.parquet"):
        old.unlink()
    with open(corpus / MANIFEST, encoding="utf-8") as fh:
        total = sum(1 for line in fh if line.strip())
    shards = max(1, -(-total // SHARD_ROWS))
    batches = _batches(corpus, report, BATCH_ROWS)
    for shard in range(shards):
        path = data / f"train-{shard:05d}-of-{shards:05d}.parquet"

        def shard_batches(left: int = SHARD_ROWS) -> Iterator[list[dict[str, Any]]]:
            while left > 0:
                batch = next(batches, None)
                if batch is None:
                    return
                yield batch
                left -= len(batch)

        _write_parquet(shard_batches(), path)
        report.files.append(path)
    write_atomic(out / "README.md", dataset_card(corpus, report).encode("utf-8"))
    report.files.append(out / "README.md")


def _version() -> str:
    try:
        return version("beritabersih")
    except PackageNotFoundError:
        return "dev"


def dataset_card(corpus: Path, report: ExportReport) -> str:
    """The README.md of a Hugging Face dataset folder: YAML header, then what the data is."""
    sites = ", ".join(f"{site} ({n})" for site, n in sorted(report.sites.items()))
    span = f"{report.first[:10]} to {report.last[:10]}" if report.first and report.last else "?"
    size = (
        "n<1K"
        if report.rows < 1000
        else "1K<n<10K"
        if report.rows < 10_000
        else "10K<n<100K"
        if report.rows < 100_000
        else "100K<n<1M"
    )
    lines = [
        "---",
        "language:",
        "- id",
        "pretty_name: beritabersih Indonesian news corpus",
        "task_categories:",
        "- text-generation",
        f"size_categories:\n- {size}",
        "configs:",
        "- config_name: default",
        "  data_files:",
        "  - split: train",
        "    path: data/train-*.parquet",
        "---",
        "",
        "# beritabersih Indonesian news corpus",
        "",
        f"{report.rows} news articles in Indonesian, one row per article: its clean text",
        "(headline, then the body, blocks separated by a blank line; no ads, related links,",
        "captions, bylines or footers) and the fields of the corpus manifest.",
        "",
        "## Columns",
        "",
        *(f"- `{c.name}` ({c.kind}): {c.description}." for c in EXPORT_COLUMNS),
        "",
        "## Source",
        "",
        f"- Sites: {sites}.",
        f"- Published: {span}.",
        f"- Built by beritabersih {_version()} from the corpus folder `{corpus.name}`, exported",
        f"  {datetime.now(UTC).strftime('%Y-%m-%d')}: whole articles (every page), cleaned by the",
        "  site profiles (trafilatura as the fallback), Indonesian only (langdetect), one document",
        "  per story (canonical URLs, exact and near-duplicate texts folded).",
        "",
        'Load it with `datasets.load_dataset("<this folder>")`.',
        "",
        "The texts are the publishers' articles; check their terms before redistributing them.",
        "",
    ]
    return "\n".join(lines)
