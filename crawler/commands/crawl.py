"""``scrapy crawl``: Scrapy's own command, plus a check of the spider arguments before it starts.

A bad ``-a`` argument is reported as one usage error line, before anything is fetched.
"""

from __future__ import annotations

import argparse

from scrapy.commands.crawl import Command as ScrapyCrawlCommand


class Command(ScrapyCrawlCommand):
    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if len(args) == 1 and self.crawler_process is not None:
            spidercls = self.crawler_process.spider_loader.load(args[0])
            check = getattr(spidercls, "parse_arguments", None)
            if check is not None:
                # Raises UsageError with the message; the spider reports skipped URLs itself.
                check(dict(opts.spargs), report=False)
        super().run(args, opts)
