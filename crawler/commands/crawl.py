"""``scrapy crawl``: Scrapy's own command, plus a check of the spider arguments before it starts.

A bad ``-a`` argument is reported as one usage error line, before anything is fetched.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from scrapy import Spider
from scrapy.commands.crawl import Command as ScrapyCrawlCommand
from scrapy.crawler import Crawler
from scrapy.exceptions import UsageError

from crawler.commands.options import hold_corpus_or_refuse


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            loader = self.crawler_process.spider_loader
            try:
                spidercls = loader.load(args[0])
            except KeyError:
                raise UsageError(
                    f"no spider named {args[0]!r}; the spiders: {', '.join(loader.list())}",
                    print_help=False,
                ) from None
            check = getattr(spidercls, "parse_arguments", None)
            if check is not None:
                # Raises UsageError with the message; the spider reports skipped URLs itself.
                check(dict(opts.spargs), report=False)
            # One writer per corpus folder: refused here, before anything is fetched. The
            # hold lasts as long as this process (the stores of the crawl share it).
            assert self.settings is not None  # set before run() by Scrapy
            hold_corpus_or_refuse(Path(self.settings.get("CORPUS_DIR")))
        super().run(args, opts)
        self._report_nothing_fetched()

    def _create_crawler(self, spname: type[Spider] | str) -> Crawler:
        self._last_crawler: Crawler | None = super()._create_crawler(spname)
        return self._last_crawler

    def _report_nothing_fetched(self) -> None:
        """A crawl that got no response at all (no network, every host down) says so last and
        exits non-zero, instead of ending like a crawl that found nothing new."""
        crawler = getattr(self, "_last_crawler", None)
        if crawler is None or crawler.stats is None:
            return
        stats = crawler.stats.get_stats()
        if stats.get("downloader/response_count", 0) or not stats.get(
            "downloader/request_count", 0
        ):
            return
        failures = sorted(
            (k.rsplit("/", 1)[-1].rsplit(".", 1)[-1], v)
            for k, v in stats.items()
            if k.startswith("downloader/exception_type_count/")
        )
        reasons = ", ".join(f"{name} {count}" for name, count in failures) or "no answer"
        print(
            f"crawl: error: nothing could be fetched: {stats['downloader/request_count']} "
            f"requests, no response ({reasons}); is the network (or MIRROR_URL) reachable?",
            file=sys.stderr,
        )
        self.exitcode = 1
