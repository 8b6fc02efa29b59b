"""Shared frontier: ``REDIS_URL`` puts every spider on a Redis queue, and tells when to stop.

``RedisFrontier`` (an add-on) swaps in scrapy-redis's ``Scheduler`` and ``RFPDupeFilter`` (the
scheduler taking requests from Redis a few at a time, see ``BatchPriorityQueue``): the
request queue and the duplicate filter live in Redis under ``FRONTIER_NAME:<spider>:...``, so N
crawler processes on N machines take requests from one queue and never fetch a URL twice. The
keys persist when a process ends (the others still use them); name each crawl with
``FRONTIER_NAME`` to start a new frontier. (scrapy-redis's ``RedisSpider`` is not used: it relies
on ``start_requests()``, which Scrapy 2.16 removed.)

``FrontierWatch`` (an extension the add-on enables) decides when a process may stop. Alone, an
idle spider is done; sharing a frontier, an idle process with an empty queue may still get work,
because another process may be parsing a sitemap that will fill the queue. So each process says
that it is busy (a key with a short expiry, renewed while it works), and an idle one stops as
soon as the queue is empty and no other process is busy. A process that dies stops renewing its
key, which expires after ``FRONTIER_BUSY_TTL`` seconds. Every ``FRONTIER_POLL_INTERVAL`` seconds,
a process with room for more requests looks at the queue: its engine would otherwise look only
when its own downloads finish, or every 5 seconds, and miss what others queued meanwhile.
"""

from __future__ import annotations

import logging
import os
import re
import secrets
import socket
from collections import deque
from typing import TYPE_CHECKING, Any

from scrapy import Request, Spider, signals
from scrapy.exceptions import DontCloseSpider, NotConfigured
from scrapy.settings import BaseSettings
from scrapy_redis.queue import PriorityQueue
from scrapy_redis.scheduler import Scheduler
from twisted.internet.task import LoopingCall

if TYPE_CHECKING:
    from scrapy.crawler import Crawler

logger = logging.getLogger(__name__)


class BatchPriorityQueue(PriorityQueue):
    """scrapy-redis's priority queue, taking up to ``FRONTIER_POP_BATCH`` requests per pop.

    Redis calls are synchronous: a crawler waits for each answer, and when the crawlers, the
    server and Redis share cores the wait is long. Popping one request at a time (scrapy-redis's
    way) made the Redis round trips a large part of a distributed crawl's time. A process keeps
    the few requests it took in memory, as it keeps those it is downloading; a process that is
    killed loses both kinds alike (in Redis, they are already marked as seen).
    """

    def __init__(self, server: Any, spider: Spider, key: str, serializer: Any = None) -> None:
        super().__init__(server, spider, key, serializer)
        self.batch = max(1, spider.crawler.settings.getint("FRONTIER_POP_BATCH"))
        self.taken: deque[bytes] = deque()

    def __len__(self) -> int:
        return len(self.taken) + super().__len__()

    def pop(self, timeout: int = 0) -> Request | None:
        if not self.taken:
            # The same atomic range-and-remove as scrapy-redis, over a batch.
            pipe = self.server.pipeline()
            pipe.multi()
            pipe.zrange(self.key, 0, self.batch - 1).zremrangebyrank(self.key, 0, self.batch - 1)
            results, _ = pipe.execute()
            self.taken.extend(results)
        return self._decode_request(self.taken.popleft()) if self.taken else None

    def clear(self) -> None:
        self.taken.clear()
        super().clear()


class SharedScheduler(Scheduler):
    """scrapy-redis's scheduler; asked whether requests are pending, it answers from the
    requests already taken when there are some (the engine asks after every download)."""

    def has_pending_requests(self) -> bool:
        taken = getattr(self.queue, "taken", None)
        return bool(taken) or len(self.queue) > 0


class RedisFrontier:
    """Add-on: with ``REDIS_URL`` set, the scheduler and duplicate filter are scrapy-redis's."""

    def update_settings(self, settings: BaseSettings) -> None:
        if not settings.get("REDIS_URL"):
            return
        name = settings.get("FRONTIER_NAME")
        for key, value in {
            "SCHEDULER": "crawler.frontier.SharedScheduler",
            "SCHEDULER_QUEUE_CLASS": "crawler.frontier.BatchPriorityQueue",
            "DUPEFILTER_CLASS": "scrapy_redis.dupefilter.RFPDupeFilter",
            "SCHEDULER_PERSIST": True,
            "SCHEDULER_QUEUE_KEY": f"{name}:%(spider)s:requests",
            "SCHEDULER_DUPEFILTER_KEY": f"{name}:%(spider)s:dupefilter",
        }.items():
            settings.set(key, value, priority="addon")
        settings.setdefault_in_component_priority_dict("EXTENSIONS", FrontierWatch, 0)


class FrontierWatch:
    """On a shared frontier: announce this process's work, and stop when nobody has any."""

    def __init__(self, crawler: Crawler) -> None:
        if not crawler.settings.get("REDIS_URL"):
            raise NotConfigured
        from scrapy_redis.connection import get_redis_from_settings

        self.crawler = crawler
        self.server: Any = get_redis_from_settings(crawler.settings)
        self.ttl_ms = int(crawler.settings.getfloat("FRONTIER_BUSY_TTL") * 1000)
        self.interval = crawler.settings.getfloat("FRONTIER_POLL_INTERVAL")
        self.worker = f"{socket.gethostname()}:{os.getpid()}:{secrets.token_hex(4)}"
        self.queue_key = ""
        self.busy_prefix = ""
        self.busy = False
        self.loop: LoopingCall | None = None

    @classmethod
    def from_crawler(cls, crawler: Crawler) -> FrontierWatch:
        watch = cls(crawler)
        crawler.signals.connect(watch.spider_opened, signal=signals.spider_opened)
        crawler.signals.connect(watch.spider_idle, signal=signals.spider_idle)
        crawler.signals.connect(watch.spider_closed, signal=signals.spider_closed)
        return watch

    @property
    def busy_key(self) -> str:
        return self.busy_prefix + self.worker

    def spider_opened(self, spider: Spider) -> None:
        settings = self.crawler.settings
        self.queue_key = settings.get("SCHEDULER_QUEUE_KEY") % {"spider": spider.name}
        self.busy_prefix = f"{settings.get('FRONTIER_NAME')}:{spider.name}:busy:"
        self._set_busy(True)  # before the start requests: others must not stop meanwhile
        self.loop = LoopingCall(self._tick)
        self.loop.start(self.interval, now=False)

    def spider_idle(self, spider: Spider) -> None:
        self._set_busy(False)
        if self._queued() or self._others_busy():
            raise DontCloseSpider
        logger.info("Shared frontier empty and no other process busy: closing")

    def spider_closed(self, spider: Spider) -> None:
        if self.loop is not None and self.loop.running:
            self.loop.stop()
        self._set_busy(False)

    def _tick(self) -> None:
        engine = self.crawler.engine
        if engine is None or engine.spider is None:
            return
        try:
            idle = engine.spider_is_idle()
        except RuntimeError:  # the engine slot is gone: the spider is closing
            return
        if not idle:
            self._set_busy(True)  # renews the expiry
        if not engine.needs_backout():
            # Room for more: take what others queued meanwhile (an engine only looks at its
            # scheduler when its own work moves), or, idle, let spider_idle decide to stop.
            self._wake(engine)

    def _set_busy(self, busy: bool) -> None:
        if busy:
            self.server.set(self.busy_key, b"1", px=self.ttl_ms)
        elif self.busy:
            self.server.delete(self.busy_key)
        self.busy = busy

    def _queued(self) -> bool:
        kind = self.server.type(self.queue_key)
        if kind == b"zset":
            return self.server.zcard(self.queue_key) > 0
        if kind == b"list":
            return self.server.llen(self.queue_key) > 0
        return False

    def _others_busy(self) -> bool:
        own = self.busy_key.encode()
        pattern = re.sub(r"([*?\[\]\\])", r"\\\1", self.busy_prefix) + "*"  # glob-escaped
        return any(key != own for key in self.server.scan_iter(match=pattern, count=100))

    @staticmethod
    def _wake(engine: Any) -> None:
        # Scrapy has no public call that makes the engine look at its scheduler now; without
        # this, its 5-second heartbeat does the same, later.
        nextcall = getattr(getattr(engine, "_slot", None), "nextcall", None)
        if nextcall is not None:
            nextcall.schedule()
