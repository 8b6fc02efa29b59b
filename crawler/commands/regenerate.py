"""``scrapy regenerate PATH... -o OUTDIR [--workers N]``: rebuild the corpus from WARC archives."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.options import add_published_options, hold_corpus_or_refuse, published_dates

if TYPE_CHECKING:
    from corpus.regenerate import Report


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return (
            "PATH... -o OUTDIR [--workers N] [--published-since YYYY-MM-DD] "
            "[--published-until YYYY-MM-DD] [--no-progress]"
        )

    def short_desc(self) -> str:
        return "Rebuild the corpus from WARC archives, offline"

    def long_desc(self) -> str:
        return (
            "Read the response records of the WARC files named (or found in the folders named), "
            "rebuild the articles the supported sites' pages hold, and write the corpus to "
            "OUTDIR with the crawl's own extraction, cleaning, language and dedup stages."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="OUTDIR", help="corpus folder to write")
        parser.add_argument(
            "--workers", type=int, default=1, help=f"processes (this machine: {os.cpu_count()})"
        )
        add_published_options(parser)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from concurrent.futures.process import BrokenProcessPool

        from archives.warc import excerpt
        from corpus.regenerate import regenerate

        if not args:
            raise UsageError("name at least one WARC file or folder")
        if not opts.output:
            raise UsageError("name the corpus folder with -o OUTDIR")
        if opts.workers < 1:
            raise UsageError("--workers takes a whole number, 1 or more")
        published = published_dates(opts)
        hold_corpus_or_refuse(Path(opts.output))
        assert self.settings is not None  # set before run() by Scrapy
        try:
            report = regenerate(
                args,
                Path(opts.output),
                opts.workers,
                not opts.no_progress,
                # The crawl's cap on a page is the cap on an archived body.
                max_body=self.settings.getint("DOWNLOAD_MAXSIZE"),
                progress_interval=self.settings.getfloat("PROGRESS_INTERVAL") or 30.0,
                published=published,
                source=excerpt("archives: " + " ".join(args)),
            )
        except FileNotFoundError as err:
            raise UsageError(str(err), print_help=False) from None
        except BrokenProcessPool:
            print(
                f"regenerate: error: a worker process ended abruptly (killed, out of memory?); "
                f"{opts.output} holds only whole files: run it again, with fewer --workers if "
                "memory ran out",
                file=sys.stderr,
            )
            self.exitcode = 1
            return
        except KeyboardInterrupt:
            print(
                f"regenerate: interrupted; {opts.output} holds only whole files: run it again to "
                "finish (what this run staged is replaced, nothing is duplicated)",
                file=sys.stderr,
            )
            self.exitcode = 130  # 128 + SIGINT, as a shell reports it
            return
        summary(report, opts.output)
        if report.index.files and not any(report.index.records_per_file.values()):
            print("regenerate: error: no record could be read from any file", file=sys.stderr)
            self.exitcode = 1


def summary(report: Report, output: str, command: str = "regenerate", files: bool = True) -> None:
    """What was read (each file, when ``files``), what became of every record and article, and
    the corpus; each line opens with ``command``."""
    from archives.warc import excerpt

    index = report.index
    rate = report.pages_read / report.seconds if report.seconds else 0.0

    def say(line: str) -> None:
        print(f"{command}: {line}", file=sys.stderr)

    for path, count in index.records_per_file.items() if files else ():
        say(excerpt(f"read {path}: {count} records"))
    for path, why in index.left_out:
        say(excerpt(f"left out {path}: {why}"))
    records = ", ".join(f"{kind} {n}" for kind, n in sorted(index.record_types.items()))
    say(f"{len(index.files)} files read; records: {records or 'none'}")
    say(f"{report.pages_read} article pages read in {report.seconds:.1f} s ({rate:.0f} pages/s)")
    for reason, count in sorted(report.skipped.items()):
        say(f"skipped {count}: {reason}")
    for kind, count in sorted(report.extractors.items()):
        say(f"extracted {count}: {kind}")
    if report.corpus is not None:
        corpus = report.corpus
        say(
            f"corpus: {corpus.new} new documents ({corpus.duplicates} duplicates "
            f"folded), {corpus.total} in all, in {output}"
        )
