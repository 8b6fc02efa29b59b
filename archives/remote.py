"""A polite HTTP client for a public archive (Common Crawl): bounded connections, patient
retries, and no error page ever taken for data.

Common Crawl's users report what goes wrong: downloads refused with ``503 SlowDown`` (an XML
body) or ``403``/``429`` when rate-limited, tools that retry in a tight loop and get blocked.
So: at most ``connections`` connections at once (urllib3's pool, blocking when full); every
refusal or lost connection waits before the next try, 1 s or more, doubling with each failure
of the same download, with jitter so that clients do not retry in step, and longer when the
server says so (``Retry-After``); a refusal pauses every download of the process, not only the
refused one. urllib3's own ``Retry`` is not used: it retries the first failure at once.
"""

from __future__ import annotations

import io
import logging
import random
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import urllib3
from urllib3.exceptions import HTTPError as Urllib3Error

logger = logging.getLogger(__name__)

# What is worth another try: a refusal of the moment, a server error, a lost connection.
RETRY_STATUSES = frozenset({403, 408, 429, 500, 502, 503, 504})
# A listing (warc.paths.gz) is a few kilobytes; anything much larger is not one.
MAX_SMALL_BODY = 16 * 1024 * 1024
_READ_CHUNK = 1 << 20


class Refused(Exception):
    """The server answered with an error status (its body is never read as data)."""

    def __init__(self, status: int, url: str, retry_after: float | None = None) -> None:
        super().__init__(f"HTTP {status} for {url}")
        self.status = status
        self.retry_after = retry_after

    @property
    def retryable(self) -> bool:
        return self.status in RETRY_STATUSES


class NotTheFile(Exception):
    """A success status whose body is not what was asked for (an XML error page)."""


class GaveUp(Exception):
    """A download failed ``attempts`` times in a row."""


@dataclass(frozen=True)
class Backoff:
    """How long to wait before try ``n`` (1, 2, ...) of a download: ``first`` seconds, times
    ``factor`` for each failure before it, at most ``longest``, plus up to ``jitter`` of it
    at random. Never less than ``first`` (1 s by default)."""

    first: float = 1.0
    factor: float = 2.0
    longest: float = 300.0
    jitter: float = 0.5

    def delay(self, failures: int, retry_after: float | None = None) -> float:
        base = min(self.longest, self.first * self.factor ** max(0, failures - 1))
        base = max(base, min(retry_after or 0.0, self.longest))
        return base * (1.0 + random.uniform(0.0, self.jitter))


@dataclass
class Stream(io.RawIOBase):
    """An HTTP body being read, as a file: ``tell()`` is the offset in the whole file (a
    Range response starts at ``start``); ``complete`` once every byte the server announced
    has arrived."""

    response: urllib3.BaseHTTPResponse
    start: int
    length: int | None  # the bytes announced (None: not said)
    received: int = 0
    head: bytes = b""  # bytes already taken from the response (the magic number checked)

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.start + self.received

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        want = min(len(buffer), _READ_CHUNK)
        # (the bytes taken to check the magic number go out with what follows them: a reader
        # that sniffs the compression from its first read must see more than those)
        data = self.response.read(max(0, want - len(self.head)))
        if self.head:
            data, self.head = self.head + data, b""
        buffer[: len(data)] = data
        self.received += len(data)
        return len(data)

    @property
    def complete(self) -> bool:
        return self.length is None or self.received >= self.length


@dataclass
class PoliteClient:
    """GETs under ``base`` with a User-Agent, at most ``connections`` at once."""

    base: str
    user_agent: str
    connections: int = 2
    backoff: Backoff = field(default_factory=Backoff)
    attempts: int = 8
    timeout: float = 60.0
    refusals: Counter[str] = field(default_factory=Counter)
    _pool: urllib3.PoolManager = field(init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _not_before: float = 0.0

    def __post_init__(self) -> None:
        self.base = self.base if self.base.endswith("/") else self.base + "/"
        self._pool = urllib3.PoolManager(
            num_pools=4,
            maxsize=self.connections,
            block=True,  # never more than `connections` connections to the host
            retries=False,
            timeout=urllib3.Timeout(connect=min(30.0, self.timeout), read=self.timeout),
        )

    def url(self, path: str) -> str:
        return self.base + path.lstrip("/")

    @contextmanager
    def stream(self, path: str, start: int = 0, magic: bytes = b"") -> Iterator[Stream]:
        """The body of ``path`` from byte ``start`` (``Stream.start`` says where it really
        starts: 0 when the server ignored the Range). Raises ``Refused`` on an error status and
        ``NotTheFile`` when the body does not open with ``magic``."""
        self._wait_turn()
        url = self.url(path)
        # (headers given to a request replace the pool's: the User-Agent goes with each)
        headers = {"User-Agent": self.user_agent, **({"Range": f"bytes={start}-"} if start else {})}
        response = self._pool.request(
            "GET", url, headers=headers, preload_content=False, decode_content=False
        )
        whole = False
        try:
            stream = self._checked(response, url, start, magic)
            yield stream
            whole = stream.complete
        finally:
            if not whole:
                response.close()  # the connection goes, with whatever is left of the body
            # Its place in the pool is given back either way: a pool that blocks when full
            # would otherwise wait forever for a connection no one returns.
            response.release_conn()

    def _checked(
        self, response: urllib3.BaseHTTPResponse, url: str, start: int, magic: bytes
    ) -> Stream:
        if response.status not in (200, 206):
            raise Refused(response.status, url, _retry_after(response.headers.get("Retry-After")))
        begins = (
            _range_start(response.headers.get("Content-Range")) if response.status == 206 else 0
        )
        if response.status == 206 and begins != start:
            raise NotTheFile(f"{url}: asked for bytes from {start}, got them from {begins}")
        length = response.headers.get("Content-Length")
        stream = Stream(response, begins, int(length) if length and length.isdigit() else None)
        if magic:  # (a resumed download starts at a record, which opens with it too)
            head = response.read(len(magic))
            if head != magic:
                kind = response.headers.get("Content-Type", "?")
                raise NotTheFile(f"{url}: the body is not the file ({kind}, opens {head[:16]!r})")
            stream.head = head
        return stream

    def get(self, path: str) -> bytes:
        """A small file whole (a listing), with retries; ``GaveUp`` when it keeps failing."""
        failures = 0
        while True:
            try:
                with self.stream(path) as stream:
                    body = _read_at_most(stream, MAX_SMALL_BODY + 1)
                    if len(body) > MAX_SMALL_BODY:
                        raise NotTheFile(f"{self.url(path)}: larger than {MAX_SMALL_BODY} bytes")
                    if not stream.complete:
                        raise ConnectionError(f"{self.url(path)}: cut short")
                    return body
            except Exception as err:
                failures += 1
                self.failed(path, err, failures)

    def failed(self, path: str, err: Exception, failures: int) -> None:
        """A try of ``path`` failed: wait as the backoff says (every download pauses after a
        refusal), or raise ``GaveUp`` (or ``err`` itself, when no try could help)."""
        if not retryable(err):
            raise err
        if failures >= self.attempts:
            raise GaveUp(f"{self.url(path)}: {failures} tries failed, the last: {err}") from err
        retry_after = err.retry_after if isinstance(err, Refused) else None
        delay = self.backoff.delay(failures, retry_after)
        self.refusals[_reason(err)] += 1
        logger.warning(
            "ccnews: %s: %s; try %d of %d in %.1f s",
            self.url(path),
            err,
            failures + 1,
            self.attempts,
            delay,
        )
        if isinstance(err, Refused):
            with self._lock:  # the whole process slows down, not only this download
                self._not_before = max(self._not_before, time.monotonic() + delay)
        time.sleep(delay)

    def _wait_turn(self) -> None:
        while (wait := self._not_before - time.monotonic()) > 0:
            time.sleep(wait)

    def close(self) -> None:
        self._pool.clear()


def retryable(err: Exception) -> bool:
    """A failure another try may mend: a refusal of the moment, a lost or cut connection, a
    body that was not the file (an error page a proxy served)."""
    if isinstance(err, Refused):
        return err.retryable
    return isinstance(err, (ConnectionError, TimeoutError, OSError, Urllib3Error, NotTheFile))


def _read_at_most(stream: Stream, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    while size < limit and (chunk := stream.read(min(_READ_CHUNK, limit - size))):
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _reason(err: Exception) -> str:
    if isinstance(err, Refused):
        return f"HTTP {err.status}"
    if isinstance(err, NotTheFile):
        return "not the file"
    return "connection"


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:  # an HTTP date: not worth parsing, the backoff applies
        return None


def _range_start(content_range: str | None) -> int:
    """The first byte of ``bytes 100-199/200`` (-1 when it cannot be read)."""
    try:
        return int((content_range or "").split()[1].split("-")[0])
    except (IndexError, ValueError):
        return -1
