"""``scrapy export CORPUS_DIR -o OUT [--format parquet|jsonl|hf]``: the corpus as a dataset."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from corpus.export import FORMATS


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "CORPUS_DIR -o OUT [--format parquet|jsonl|hf]"

    def short_desc(self) -> str:
        return "Export the corpus: one row per document, text and manifest fields"

    def long_desc(self) -> str:
        return (
            "Write every document of CORPUS_DIR with its manifest fields to OUT: a Parquet file, "
            "a JSON Lines file, or (hf) a folder that datasets.load_dataset(OUT) loads, with "
            "Parquet shards under data/ and a dataset card. Streams: memory stays flat."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="OUT", help="file (or folder, for hf)")
        parser.add_argument("--format", choices=FORMATS, default="parquet", help="default parquet")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from corpus.export import ExportError, export

        if len(args) != 1:
            raise UsageError("name one corpus folder")
        if not opts.output:
            raise UsageError("name the output with -o OUT")
        try:
            report = export(Path(args[0]), Path(opts.output), opts.format)
        except ExportError as err:
            raise UsageError(str(err), print_help=False) from None
        except OSError as err:
            raise UsageError(f"-o {opts.output}: cannot write it ({err.strerror})") from None
        sites = ", ".join(f"{s} {n}" for s, n in sorted(report.sites.items()))
        print(
            f"export: {report.rows} documents ({sites}) to {opts.output} ({opts.format}, "
            f"{len(report.files)} file(s))",
            file=sys.stderr,
        )
