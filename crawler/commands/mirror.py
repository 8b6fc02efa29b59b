"""``scrapy mirror``: serve a folder of saved pages as the sites' mirror on 127.0.0.1.

The folder holds one subfolder per host; ``/host/path?query`` is the file ``host/path@query``
(``index.html`` for a path ending in ``/``). It also answers as an HTTP proxy
(``GET http://host/path?query``), so other crawlers (``wget -e http_proxy=...``) can fetch
it. Every request is logged, one line each, so tests can see exactly what a crawl fetched.
"""

from __future__ import annotations

import argparse
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote, urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

DEFAULT_ROOT = Path(__file__).resolve().parents[2] / "demo" / "mirror"
_TYPES = {
    ".txt": "text/plain; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".gz": "application/x-gzip",
}


def mirror_file(root: Path, raw_path: str) -> Path | None:
    """The file that answers a request path, or None when it is outside the mirror or absent."""
    parts = urlsplit(raw_path)
    path = unquote(parts.path)
    if path.endswith("/"):
        path += "index.html"
    name = path.lstrip("/") + (f"@{unquote(parts.query)}" if parts.query else "")
    target = (root / name).resolve()
    if not target.is_relative_to(root.resolve()) or not target.is_file():
        return None
    return target


def content_type(path: Path) -> str:
    suffix = Path(path.name.split("@", 1)[0]).suffix
    return _TYPES.get(suffix, "text/html; charset=utf-8")


def make_server(root: Path, port: int, log: Any = sys.stderr) -> ThreadingHTTPServer:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        # Keep-alive, as real sites serve: a new connection per request costs both sides more
        # CPU than the page itself.
        protocol_version = "HTTP/1.1"
        # Headers and body go out in two writes; with Nagle's algorithm on a kept-alive
        # connection the body waits for the client's delayed ACK (tens of milliseconds).
        disable_nagle_algorithm = True

        def do_GET(self) -> None:
            # As an HTTP proxy (``GET http://host/path``, how Wget and other tools can be
            # pointed at the mirror), the absolute URL names the same file as /host/path.
            if self.path.startswith(("http://", "https://")):
                url = urlsplit(self.path)
                self.path = f"/{url.netloc}{url.path or '/'}" + (
                    f"?{url.query}" if url.query else ""
                )
            target = mirror_file(root, self.path)
            status = 200 if target else 404
            body = target.read_bytes() if target else b"not in the mirror\n"
            self.send_response(status)
            self.send_header("Content-Type", content_type(target) if target else "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            with lock:
                log.write(f"{status} {self.path}\n")
                log.flush()

        def log_message(self, format: str, *args: Any) -> None:
            pass  # one line per request is written by do_GET

    class Server(ThreadingHTTPServer):
        # socketserver's default backlog (5) drops connections when a crawler opens dozens at
        # once, and the dropped ones wait seconds for TCP to retry.
        request_queue_size = 128

    return Server(("127.0.0.1", port), Handler)


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return "[--root DIR] [--port N] [--log FILE]"

    def short_desc(self) -> str:
        return "Serve a mirror of the news sites on 127.0.0.1 (default: the offline demo)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--root", default=str(DEFAULT_ROOT), help="mirror folder")
        parser.add_argument("--port", type=int, default=8000, help="port (0: any free port)")
        parser.add_argument("--log", help="append one line per request to FILE")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if args:  # a folder given without --root would be ignored, and the demo served
            raise UsageError(f"unexpected argument {args[0]!r}; name the folder with --root DIR")
        root = Path(opts.root)
        if not root.is_dir():
            raise UsageError(f"mirror folder not found: {root}")
        try:
            log = open(opts.log, "a", encoding="utf-8") if opts.log else sys.stderr  # noqa: SIM115
        except OSError as err:
            raise UsageError(f"--log {opts.log}: cannot write it ({err.strerror})") from None
        try:
            server = make_server(root, opts.port, log)
        except OSError as err:
            raise UsageError(
                f"--port {opts.port}: cannot listen on 127.0.0.1:{opts.port} ({err.strerror})",
                print_help=False,
            ) from None
        port = server.server_address[1]
        # The first line on stdout tells scripts and tests where the mirror listens.
        print(f"mirror: serving {root} on http://127.0.0.1:{port}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            server.server_close()
            if log is not sys.stderr:
                log.close()
