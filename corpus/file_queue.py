"""Which archive file a backfill process downloads next: its own list, or one shared in Redis.

Alone, a process takes the files of its range in order. With ``REDIS_URL`` (the engine the
crawl's shared frontier uses), any number of processes on any number of machines take the files
of one list under ``FRONTIER_NAME``: each file is taken by one process, which holds a lease on
it and renews the lease while it works; a process that dies stops renewing, and once its lease
runs out (``lease`` seconds, by the Redis server's clock) the file goes back to the list for
the others. A finished file is never offered again under that name; a failed one is reported,
and offered again by the next run.
"""

from __future__ import annotations

from collections import deque
from typing import Any, Protocol


class FileQueue(Protocol):
    def offer(self, todo: list[str], done: list[str]) -> None:
        """Files to download, and files already finished here (never downloaded again)."""

    def claim(self) -> str | None:
        """The next file to download, now held by this process (None: none free now)."""

    def renew(self, name: str) -> None:
        """This process still works on ``name``."""

    def finish(self, name: str) -> None: ...

    def give_up(self, name: str) -> None:
        """``name`` failed here: it is reported, and not taken again in this run."""

    def settled(self) -> bool:
        """Nothing is left to take and no process holds a file."""

    def close(self) -> None: ...


class LocalQueue:
    """The files of one process, in order."""

    def __init__(self) -> None:
        self._todo: deque[str] = deque()
        self._held: set[str] = set()

    def offer(self, todo: list[str], done: list[str]) -> None:
        self._todo.extend(todo)

    def claim(self) -> str | None:
        if not self._todo:
            return None
        name = self._todo.popleft()
        self._held.add(name)
        return name

    def renew(self, name: str) -> None:
        pass

    def finish(self, name: str) -> None:
        self._held.discard(name)

    def give_up(self, name: str) -> None:
        self._held.discard(name)

    def settled(self) -> bool:
        return not self._todo and not self._held

    def close(self) -> None:
        pass


# Atomic steps, run in Redis: a lease's deadline is the server's time plus the lease, so the
# machines' clocks do not matter.
_OFFER = """
for _, name in ipairs(ARGV) do
  local new = redis.call('SADD', KEYS[1], name) == 1
  if new or redis.call('SREM', KEYS[3], name) == 1 then redis.call('RPUSH', KEYS[2], name) end
end
"""
_CLAIM = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
for _, name in ipairs(redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', now)) do
  redis.call('ZREM', KEYS[2], name)
  redis.call('RPUSH', KEYS[1], name)
end
local name = redis.call('LPOP', KEYS[1])
if name then redis.call('ZADD', KEYS[2], now + tonumber(ARGV[1]), name) end
return name
"""
_RENEW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
if redis.call('ZSCORE', KEYS[1], ARGV[1]) then
  redis.call('ZADD', KEYS[1], now + tonumber(ARGV[2]), ARGV[1])
  return 1
end
return 0
"""


class RedisQueue:
    """The files of a range shared by every process under one name, in Redis."""

    def __init__(self, url: str, name: str, lease: float) -> None:
        import redis

        self.redis: Any = redis.Redis.from_url(url)
        self.lease = lease
        prefix = f"{name}:ccnews"
        self.known, self.todo = f"{prefix}:known", f"{prefix}:todo"
        self.leases, self.done, self.failed = (
            f"{prefix}:leases",
            f"{prefix}:done",
            f"{prefix}:failed",
        )
        self._offer = self.redis.register_script(_OFFER)
        self._claim = self.redis.register_script(_CLAIM)
        self._renew = self.redis.register_script(_RENEW)
        self.redis.ping()  # a wrong URL says so now, not at the first file

    def offer(self, todo: list[str], done: list[str]) -> None:
        if done:
            self.redis.sadd(self.known, *done)
            self.redis.sadd(self.done, *done)
        if todo:
            self._offer(keys=[self.known, self.todo, self.failed], args=todo)

    def claim(self) -> str | None:
        name = self._claim(keys=[self.todo, self.leases], args=[self.lease])
        return name.decode() if name else None

    def renew(self, name: str) -> None:
        self._renew(keys=[self.leases], args=[name, self.lease])

    def finish(self, name: str) -> None:
        self.redis.pipeline().sadd(self.done, name).zrem(self.leases, name).execute()

    def give_up(self, name: str) -> None:
        self.redis.pipeline().sadd(self.failed, name).zrem(self.leases, name).execute()

    def settled(self) -> bool:
        return not self.redis.llen(self.todo) and not self.redis.zcard(self.leases)

    def close(self) -> None:
        self.redis.close()
