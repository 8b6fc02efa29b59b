"""A stand-in for Common Crawl on 127.0.0.1: CC-NEWS files built from the demo's pages among
other hosts' pages, served with Range support and the faults the real service shows.

``build_month(root, "2024/01", files)`` writes a month: its ``warc.paths.gz`` and its files,
each record a gzip member, as CC-NEWS writes them (a request, the response, a metadata record
for every capture). ``CommonCrawlStandIn(root, faults)`` serves the folder; ``faults`` maps a
path to what its successive requests get (``"503"``: SlowDown with S3's XML body, ``"403"``,
``"429"``, ``"xml"``: a 200 whose body is an XML error, ``"cut:N"``: the full length announced,
N bytes sent, the connection closed, ``"stall:N"``: N bytes sent, then nothing until the
client goes or ``release`` is set, ``"norange"``: a Range ignored, ``"reset"``: the
connection dropped before an answer; then normal answers). The server records every request
(time, path, range, status) and the most connections open at once.
"""

from __future__ import annotations

import gzip
import io
import json
import socket
import struct
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from tests.conftest import REPO

MIRROR = REPO / "demo" / "mirror"
SLOW_DOWN = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>SlowDown</Code>'
    b"<Message>Please reduce your request rate.</Message></Error>"
)


@dataclass(frozen=True)
class Capture:
    """One page as CC-NEWS captured it: its URL, when, and the body (HTML)."""

    url: str
    date: str
    body: bytes
    status: str = "200 OK"


def demo_capture(url: str, date: str = "2024-01-05T10:00:00Z") -> Capture:
    """A demo page of ours, captured under ``url`` (``?page=all`` and ``?page=2`` as the mirror
    keeps them)."""
    parts = urlsplit(url)
    name = parts.path.lstrip("/") + (f"@{parts.query}" if parts.query else "")
    return Capture(url, date, (MIRROR / parts.netloc / name).read_bytes())


def demo_captures() -> list[Capture]:
    """Every article of the demo as CC-NEWS might hold it: the whole-article page where the
    site has one (``?page=all``), else the first page alone (so a multi-page article without
    one is incomplete), dated by its publication."""
    entries = json.loads((REPO / "demo/expected/articles.json").read_text(encoding="utf-8"))
    captures = []
    for entry in entries:
        url = entry["canonical_url"]
        parts = urlsplit(url)
        whole = MIRROR / parts.netloc / (parts.path.lstrip("/") + "@page=all")
        day = entry["published"][:10]
        captures.append(
            demo_capture(url + "?page=all" if whole.exists() else url, f"{day}T12:00:00Z")
        )
    return captures


def foreign_capture(n: int, date: str = "2024-01-05T10:00:00Z", size: int = 0) -> Capture:
    """Another news site's page (not ours: stepped over), ``size`` bytes of padding."""
    text = f"<html><head><title>World news {n}</title></head><body><p>Story {n}.</p>"
    padding = f"<!-- {'x' * size} -->" if size else ""
    return Capture(f"https://www.worldnews.example/{n}/story.html", date, (text + padding).encode())


def write_warc(
    path: Path, captures: Iterable[Capture], body_of: dict[str, bytes] | None = None
) -> None:
    """A CC-NEWS-like WARC: per capture a request, a response and a metadata record."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        writer.write_record(
            writer.create_warcinfo_record(path.name, {"software": "stand-in", "format": "WARC"})
        )
        for capture in captures:
            _write_capture(writer, capture)


def _write_capture(writer: WARCWriter, capture: Capture) -> None:
    parts = urlsplit(capture.url)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    writer.write_record(
        writer.create_warc_record(
            capture.url,
            "request",
            http_headers=StatusAndHeaders(
                f"GET {target} HTTP/1.1", [("Host", parts.netloc)], is_http_request=True
            ),
            warc_headers_dict={"WARC-Date": capture.date},
        )
    )
    headers = [
        ("Content-Type", "text/html; charset=utf-8"),
        ("Content-Length", str(len(capture.body))),
    ]
    writer.write_record(
        writer.create_warc_record(
            capture.url,
            "response",
            payload=io.BytesIO(capture.body),
            length=len(capture.body),
            http_headers=StatusAndHeaders(capture.status, headers, protocol="HTTP/1.1"),
            warc_headers_dict={"WARC-Date": capture.date},
        )
    )
    fetch = json.dumps({"fetchTimeMs": 120}).encode()
    writer.write_record(
        writer.create_warc_record(
            capture.url,
            "metadata",
            payload=io.BytesIO(fetch),
            length=len(fetch),
            warc_content_type="application/json",
            warc_headers_dict={"WARC-Date": capture.date},
        )
    )


def build_month(root: Path, month: str, files: dict[str, list[Capture]]) -> list[str]:
    """A month of CC-NEWS under ``root``: ``files`` maps a capture stamp (``20240105101500``) to
    its captures; the listing names them in order. Returns the files' paths."""
    folder = f"crawl-data/CC-NEWS/{month}"
    paths = []
    for n, (stamp, captures) in enumerate(sorted(files.items())):
        path = f"{folder}/CC-NEWS-{stamp}-{n:05d}.warc.gz"
        write_warc(root / path, captures)
        paths.append(path)
    listing = root / folder / "warc.paths.gz"
    listing.write_bytes(gzip.compress("".join(f"{p}\n" for p in paths).encode()))
    return paths


JANUARY = "crawl-data/CC-NEWS/2024/01/"


def build_demo_months(root: Path) -> list[str]:
    """January 2024 in three files (our demo articles among other sites' pages, two of ours
    captured twice), and a file of December and one of February either side of it. Returns
    January's files."""
    ours = demo_captures()
    others = [foreign_capture(n) for n in range(24)]
    january = build_month(
        root,
        "2024/01",
        {
            "20240105101500": ours[:6] + others[:8],
            "20240120101500": others[8:12] + ours[6:12] + others[12:16],
            "20240131235900": ours[12:] + ours[:2] + others[16:],
        },
    )
    build_month(root, "2023/12", {"20231231235900": ours[:3]})
    build_month(root, "2024/02", {"20240201000100": ours[3:6]})
    return january


@dataclass
class Seen:
    at: float
    path: str
    range: str
    status: int


@dataclass
class CommonCrawlStandIn:
    root: Path
    faults: dict[str, list[str]] = field(default_factory=dict)
    requests: list[Seen] = field(default_factory=list)
    open_connections: int = 0
    most_connections: int = 0
    user_agents: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self.lock = threading.Lock()
        self.stalled = threading.Event()  # a stalled answer has sent its first bytes
        self.release = threading.Event()
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/"

    def __enter__(self) -> CommonCrawlStandIn:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def fault(self, path: str) -> str:
        with self.lock:
            queue = self.faults.get(path)
            return queue.pop(0) if queue else ""

    def seen(self, path: str, range_: str, status: int) -> None:
        with self.lock:
            self.requests.append(Seen(time.monotonic(), path, range_, status))

    def paths_requested(self) -> set[str]:
        return {r.path for r in self.requests}

    def connection(self, delta: int) -> None:
        with self.lock:
            self.open_connections += delta
            self.most_connections = max(self.most_connections, self.open_connections)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that went away (a cut we made, a run killed): expected here


def _handler(stand_in: CommonCrawlStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:
            pass

        def setup(self) -> None:
            super().setup()
            stand_in.connection(+1)

        def finish(self) -> None:
            stand_in.connection(-1)
            super().finish()

        def do_GET(self) -> None:
            path = self.path.lstrip("/")
            stand_in.user_agents.add(self.headers.get("User-Agent", ""))
            fault = stand_in.fault(path)
            asked = self.headers.get("Range", "")
            file = stand_in.root / path
            if fault in ("503", "403", "429"):
                body = SLOW_DOWN if fault == "503" else b"<Error><Code>AccessDenied</Code></Error>"
                return self._answer(path, int(fault), body, "application/xml", asked)
            if fault == "reset":
                stand_in.seen(path, asked, 0)
                self.connection.setsockopt(
                    socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                )
                self.close_connection = True
                return None
            if ".." in path or not file.is_file():
                return self._answer(
                    path, 404, b"<Error><Code>NoSuchKey</Code></Error>", "application/xml", asked
                )
            if fault == "xml":
                return self._answer(path, 200, SLOW_DOWN, "application/xml", asked)
            data = file.read_bytes()
            start = (
                int(asked[6:].split("-")[0])
                if asked.startswith("bytes=") and fault != "norange"
                else 0
            )
            status = 206 if start else 200
            extra = {"Content-Range": f"bytes {start}-{len(data) - 1}/{len(data)}"} if start else {}
            cut = int(fault.split(":")[1]) if fault.startswith(("cut:", "stall:")) else None
            self._answer(path, status, data[start:], "application/octet-stream", asked, extra, cut)
            if fault.startswith("stall:"):
                self.wfile.flush()
                stand_in.stalled.set()
                stand_in.release.wait(120)
            return None

        def _answer(
            self,
            path: str,
            status: int,
            body: bytes,
            ctype: str,
            asked: str,
            extra: dict[str, str] | None = None,
            cut: int | None = None,
        ) -> None:
            stand_in.seen(path, asked, status)
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            for key, value in (extra or {}).items():
                self.send_header(key, value)
            self.end_headers()
            self.wfile.write(body if cut is None else body[:cut])
            if cut is not None:
                self.close_connection = True

    return Handler
