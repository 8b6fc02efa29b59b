"""``scrapy ccnews --since D --until D``: backfill the corpus from Common Crawl's news archive."""

from __future__ import annotations

import argparse
import logging
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar
from urllib.parse import urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from crawler.commands.options import (
    add_published_options,
    hold_corpus_or_refuse,
    iso_day,
    published_dates,
)
from crawler.commands.regenerate import summary

if TYPE_CHECKING:
    from corpus.backfill import Backfill, BackfillReport


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return (
            "--since YYYY-MM-DD [--until YYYY-MM-DD] [-o CORPUS] [--archive DIR] "
            "[--sites kompas,tribun,kumparan] [--downloads N] [--base URL] "
            "[--published-since YYYY-MM-DD] [--published-until YYYY-MM-DD] [--no-progress]"
        )

    def short_desc(self) -> str:
        return "Backfill the corpus from Common Crawl's news archive (CC-NEWS)"

    def long_desc(self) -> str:
        return (
            "Download the CC-NEWS WARC files captured from --since to --until, keep the "
            "captures of our sites' articles (in slim WARCs under --archive), and build the "
            "corpus from them with the crawl's extraction, cleaning, language and dedup "
            "stages. Killed and started again, it continues where it was."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--since", type=iso_day, metavar="YYYY-MM-DD", help="first day")
        parser.add_argument(
            "--until", type=iso_day, metavar="YYYY-MM-DD", help="last day (default: today)"
        )
        parser.add_argument("-o", "--output", metavar="CORPUS", help="corpus folder")
        parser.add_argument("--archive", metavar="DIR", help="folder of the slim WARCs")
        parser.add_argument("--sites", help="sites to keep, comma-separated (default: all)")
        parser.add_argument(
            "--downloads", type=int, default=2, help="files downloaded at once (default: 2)"
        )
        parser.add_argument("--base", metavar="URL", help="Common Crawl, or a mirror of it")
        add_published_options(parser)
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from corpus.backfill import backfill

        if args:
            raise UsageError(f"unexpected arguments: {' '.join(args)}")
        job = self._job(opts)
        hold_corpus_or_refuse(job.corpus)
        # The download's warnings (refusals, retries, failed files), one line each.
        logging.basicConfig(format="%(message)s", level=logging.WARNING, stream=sys.stderr)
        try:
            report = backfill(job)
        except KeyboardInterrupt:
            print(
                "ccnews: interrupted; the files read whole are kept: run the same command "
                "again to continue",
                file=sys.stderr,
            )
            self.exitcode = 130
            return
        except Exception as err:  # the listings could not be read: nothing to do
            print(f"ccnews: error: {err}", file=sys.stderr)
            self.exitcode = 1
            return
        self.exitcode = _summary(job, report)

    def _job(self, opts: argparse.Namespace) -> Backfill:
        from cleaners.sites import CRAWLED_SITES
        from corpus.backfill import Backfill
        from corpus.progress import ProgressDisplay
        from crawler.middlewares import contact_user_agent

        settings = self.settings
        assert settings is not None  # set before run() by Scrapy
        if opts.since is None:
            raise UsageError("name the first day with --since YYYY-MM-DD")
        until = opts.until or date.today()
        if opts.since > until:
            raise UsageError("--since is after --until")
        if not 1 <= opts.downloads <= 16:
            raise UsageError("--downloads takes a whole number from 1 to 16")
        base = opts.base or settings.get("CCNEWS_BASE")
        if urlsplit(base).scheme not in ("http", "https") or not urlsplit(base).hostname:
            raise UsageError(f"--base {base!r}: an http(s) URL, such as {settings['CCNEWS_BASE']}")
        archive = opts.archive or settings.get("ARCHIVE_DIR")
        if not archive:
            raise UsageError("name the folder of the slim WARCs with --archive DIR")
        sites = tuple(s.strip() for s in (opts.sites or ",".join(CRAWLED_SITES)).split(","))
        if unknown := [s for s in sites if s not in CRAWLED_SITES]:
            raise UsageError(f"--sites: no site {', '.join(unknown)}; the sites: {CRAWLED_SITES}")
        return Backfill(
            since=opts.since,
            until=until,
            archive=Path(archive),
            corpus=Path(opts.output or settings.get("CORPUS_DIR")),
            sites=sites,
            user_agent=contact_user_agent(settings),
            base=base,
            downloads=opts.downloads,
            published=published_dates(opts),
            max_body=settings.getint("DOWNLOAD_MAXSIZE"),
            attempts=settings.getint("CCNEWS_ATTEMPTS"),
            first_wait=settings.getfloat("CCNEWS_FIRST_WAIT"),
            redis_url=settings.get("REDIS_URL"),
            frontier=settings.get("FRONTIER_NAME"),
            lease=settings.getfloat("CCNEWS_LEASE"),
            display=ProgressDisplay(
                not opts.no_progress, settings.getfloat("PROGRESS_INTERVAL") or 30.0, "ccnews"
            ),
        )


def _summary(job: Backfill, report: BackfillReport) -> int:
    """The download's and the corpus's summary; the exit status (1: a file failed)."""

    def say(line: str) -> None:
        print(f"ccnews: {line}", file=sys.stderr)

    fetched = report.fetched.values()
    megabytes = sum(c.bytes_read for c in fetched) / 1e6
    say(
        f"{len(report.files)} files captured {job.since}..{job.until}: {report.already} done "
        f"before, {len(report.fetched)} downloaded now ({megabytes:,.1f} MB read), "
        f"{len(report.failed)} failed"
    )
    say(
        f"captures of ours kept: {sum(c.kept for c in fetched)} of "
        f"{sum(c.records for c in fetched)} responses, in {job.folder}"
    )
    if report.refusals:
        retries = ", ".join(f"{why} {n}" for why, n in sorted(report.refusals.items()))
        say(f"retried after: {retries}")
    if report.corpus is not None:
        summary(report.corpus, str(job.corpus), "ccnews", files=False)
    if report.incomplete_file is not None:
        say(
            f"{len(report.corpus.incomplete) if report.corpus else 0} articles lack a page in "
            f"CC-NEWS: complete them from the live sites with scrapy crawl article -a "
            f"urls_file={report.incomplete_file}"
        )
    for name, why in sorted(report.failed.items()):
        say(f"error: {name}: {why}")
    if report.failed:
        say("error: some files failed; run the same command again to try them again")
        return 1
    return 0
