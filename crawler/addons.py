"""Add-ons: settings that depend on other settings, applied after the command line."""

from __future__ import annotations

import logging

from scrapy.settings import BaseSettings

logger = logging.getLogger(__name__)


class RedisFrontier:
    """``REDIS_URL`` set: every spider shares its frontier through Redis (scrapy-redis).

    scrapy-redis's ``Scheduler`` and ``RFPDupeFilter`` replace Scrapy's: the request queue and
    the duplicate filter live in Redis under ``FRONTIER_NAME:<spider>:...``, so N crawler
    processes on N machines take requests from one queue and never fetch a URL twice. The keys
    persist when a process ends (the others still use them); name each crawl with
    ``FRONTIER_NAME`` to start a new frontier. (scrapy-redis's ``RedisSpider`` is not used: it
    relies on ``start_requests()``, which Scrapy 2.16 removed.)
    """

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            return
        name = settings.get("FRONTIER_NAME")
        for key, value in {
            "SCHEDULER": "scrapy_redis.scheduler.Scheduler",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_QUEUE_KEY": f"{name}:%(spider)s:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{name}:%(spider)s:dupefilter",
        }.items():
            settings.set(key, value, priority="addon")
