"""A hostile server gets nothing: no local files, no requests off the allowed hosts.

A local server (127.0.0.1, its own port) answers as the sites' mirror would, but lies: its
robots.txt and sitemap name ``file://`` URLs and other hosts, an article redirects to another
port of this machine, another one meta-refreshes to a foreign host. The test reads what was
requested (the server's own log), what the archive holds, and the closing stats.
"""

from __future__ import annotations

import gzip
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.conftest import run_scrapy
from tests.inprocess import Mirror, RequestLog, crawl

SECRET = Path(__file__).resolve()  # a local file the server tries to make the crawler read
ARTICLE = "https://www.kompas.com/global/read/2020/10/01/153200670/redirected-away"
REFRESH = "https://www.kompas.com/global/read/2020/10/02/153200671/refreshed-away"


class _Hostile(BaseHTTPRequestHandler):
    requests: list[str]
    port: int

    def log_message(self, *_args: object) -> None:
        pass

    def _send(self, body: str, status: int = 200, **headers: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self) -> None:
        self.requests.append(self.path)
        path = self.path
        if path.endswith("/robots.txt"):
            self._send(
                f"User-agent: *\nAllow: /\nSitemap: file://www.kompas.com{SECRET}\n"
                "Sitemap: https://www.kompas.com/sitemap.xml\n"
                "Sitemap: https://evil.example.com/sitemap.xml\n",
                Content_Type="text/plain",
            )
        elif path == "/www.kompas.com/sitemap.xml":
            locs = [f"file://{SECRET}", "https://evil.example.com/read/2020/10/01/1/x", ARTICLE]
            locs.append(REFRESH)
            body = "".join(f"<url><loc>{loc}</loc></url>" for loc in locs)
            self._send(
                '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/'
                f'sitemap/0.9">{body}</urlset>',
                Content_Type="application/xml",
            )
        elif "redirected-away" in path:
            self._send("", 302, Location=f"http://127.0.0.1:{self.port}/stolen")
        elif "refreshed-away" in path:
            self._send(
                '<html><head><meta http-equiv="refresh" content="0; url=https://evil.example.com/'
                'x"></head><body>moved</body></html>',
                Content_Type="text/html",
            )
        else:
            self._send("not here", 404, Content_Type="text/plain")


@pytest.fixture
def hostile() -> Iterator[tuple[str, list[str]]]:
    requests: list[str] = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    _Hostile.requests = requests
    _Hostile.port = server.server_address[1]
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


def test_no_local_file_and_no_offsite_request(hostile, tmp_path: Path) -> None:
    url, requests = hostile
    run = crawl("kompas", tmp_path, Mirror(url, RequestLog()))
    # Only the allowed host's paths reached the server: no other host, not the stolen port.
    assert requests, "the crawl asked the server for nothing"
    assert all(p.startswith(("/www.kompas.com/", "/indeks.kompas.com/")) for p in requests), (
        requests
    )
    assert not any("evil.example.com" in p or "stolen" in p for p in requests)
    # Refusals are counted by reason.
    assert run.stat("scheme/file")
    assert run.stat("offsite/redirect") == 1 and run.stat("offsite/meta-refresh") == 1
    assert run.stat("discovery/offsite_sitemap")
    # The local file is nowhere: not in the archive, not in the corpus.
    secret = SECRET.read_bytes()[:200]
    for warc in (tmp_path / "raw").glob("*.warc.gz*"):
        assert secret not in gzip.decompress(warc.read_bytes())
    assert not list((tmp_path / "corpus").glob("*.txt"))


@pytest.mark.e2e
def test_hosts_argument_cannot_leave_the_site(tmp_path: Path) -> None:
    result = run_scrapy("crawl", "tribun", "-a", "hosts=evil.example.com")
    assert result.returncode != 0
    assert "not a host of tribun" in result.stderr.splitlines()[-1]
