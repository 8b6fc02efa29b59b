"""``scrapy report CORPUS_DIR -o report.html``: what a corpus holds, in one HTML file."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "CORPUS_DIR -o REPORT.html"

    def short_desc(self) -> str:
        return "Write a self-contained HTML report of a corpus (totals, plots, tables)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="REPORT.html", help="the report file")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from corpus.report import ReportError, render  # matplotlib: only for this command

        if len(args) != 1:
            raise UsageError("name one corpus folder")
        if not opts.output:
            raise UsageError("name the report file with -o REPORT.html")
        try:
            summary = render(Path(args[0]), Path(opts.output))
        except ReportError as err:
            raise UsageError(str(err), print_help=False) from None
        except OSError as err:
            raise UsageError(f"-o {opts.output}: cannot write it ({err.strerror})") from None
        print(f"report: {summary.documents} documents, in {opts.output}", file=sys.stderr)
