"""What the commands share: the publication-date options and taking the corpus folder."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from scrapy.exceptions import UsageError

if TYPE_CHECKING:
    from corpus.regenerate import Published


def add_published_options(parser: argparse.ArgumentParser) -> None:
    for end in ("since", "until"):
        parser.add_argument(
            f"--published-{end}",
            type=iso_day,
            metavar="YYYY-MM-DD",
            help=f"only articles published {'on or after' if end == 'since' else 'up to'} "
            "this day (by their own date; articles without one are left out)",
        )


def iso_day(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is no date (YYYY-MM-DD)") from None


def published_dates(opts: argparse.Namespace) -> Published:
    from corpus.regenerate import Published

    if (
        opts.published_since
        and opts.published_until
        and opts.published_since > opts.published_until
    ):
        raise UsageError("--published-since is after --published-until")
    return Published(opts.published_since, opts.published_until)


def hold_corpus_or_refuse(folder: Path) -> None:
    """Take the corpus folder for this run, or stop with one line: another run has it, or it
    cannot be written."""
    from corpus.store import CorpusBusy, hold_corpus

    try:
        hold_corpus(folder)
    except CorpusBusy as err:
        raise UsageError(str(err), print_help=False) from None
    except OSError as err:
        raise UsageError(f"{folder}: cannot write there ({err.strerror})") from None
