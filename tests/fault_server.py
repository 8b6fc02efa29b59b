"""A fault-injecting HTTP server on 127.0.0.1, serving a small kumparan.com as a mirror.

Every article URL of its news sitemap exercises one fault; five are good articles (one of
them only after two 500s, one mislabelled as Latin-1, one with broken markup). Requests are
counted per path; the server stops when the test is done.
"""

from __future__ import annotations

import socket
import struct
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "demo"))

from build_mirror import expected_text, kumparan_page  # noqa: E402

HOST = "kumparan.com"


def _article(slug: str, title: str, paragraphs: list[str]) -> dict:
    return {
        "site": "kumparan",
        "url": f"https://{HOST}/kumparannews/{slug}",
        "title": title,
        "published": "2020-10-04T03:00:00Z",
        "authors": ["kumparanNEWS"],
        "section": "News",
        "tags": ["Uji"],
        "caption": "Suasana kantor redaksi. Foto: kumparan",
        "pages": [paragraphs],
    }


GOOD = {
    "berita-baik-pertama-21Aaaaaaaaa": _article(
        "berita-baik-pertama-21Aaaaaaaaa",
        "Pemerintah Resmikan Jembatan Baru di Kalimantan Timur",
        [
            "Pemerintah meresmikan jembatan sepanjang 1,2 kilometer yang menghubungkan dua "
            "kabupaten di Kalimantan Timur pada Senin pagi.",
            "Jembatan itu dibangun selama tiga tahun dengan anggaran negara dan diharapkan "
            "memangkas waktu tempuh warga hingga dua jam.",
            "Gubernur mengatakan jembatan tersebut akan mendorong pertumbuhan ekonomi daerah.",
        ],
    ),
    "berita-baik-kedua-21Bbbbbbbbb": _article(
        "berita-baik-kedua-21Bbbbbbbbb",
        "Harga Cabai Rawit Turun Setelah Panen Raya di Jawa Tengah",
        [
            "Harga cabai rawit di pasar tradisional Semarang turun hingga separuh setelah "
            "panen raya di sejumlah sentra produksi.",
            "Pedagang menyebut pasokan dari petani meningkat tajam dalam sepekan terakhir.",
            "Dinas Perdagangan memperkirakan harga akan stabil hingga akhir bulan.",
        ],
    ),
    # Answered with 500 twice, then 200: retried into the corpus.
    "berita-setelah-galat-21Ccccccccc": _article(
        "berita-setelah-galat-21Ccccccccc",
        "Banjir Rob Rendam Pesisir Utara Jakarta",
        [
            "Banjir rob merendam permukiman di pesisir utara Jakarta sejak Selasa dini hari.",
            "Ketinggian air mencapai 40 sentimeter di beberapa ruas jalan utama kawasan itu.",
            "Petugas menyiagakan pompa untuk mempercepat surutnya genangan.",
        ],
    ),
    # UTF-8 bytes served as "charset=iso-8859-1": must not turn into mojibake.
    "berita-charset-salah-21Ddddddddd": _article(
        "berita-charset-salah-21Ddddddddd",
        "Kafe “Kopi Nusantara” Raih Penghargaan di Paris",
        [
            "Sebuah kafe asal Bandung meraih penghargaan di ajang café terbaik di Paris, Prancis.",
            "Pemiliknya menyebut “kopi Gayo” dan “kopi Toraja” sebagai menu andalan mereka.",
            "Penghargaan itu diserahkan dalam acara yang dihadiri ratusan pelaku usaha kopi.",
        ],
    ),
    # Markup with unclosed and misnested tags: still read.
    "berita-html-rusak-21Eeeeeeeee": _article(
        "berita-html-rusak-21Eeeeeeeee",
        "Sekolah Rakyat Mulai Terima Murid Baru Tahun Ini",
        [
            "Kementerian Sosial membuka pendaftaran sekolah rakyat bagi anak dari keluarga "
            "kurang mampu di 100 kabupaten.",
            "Pendaftaran dibuka hingga akhir bulan dan tidak dipungut biaya apa pun.",
            "Seleksi dilakukan berdasarkan data terpadu kesejahteraan sosial.",
        ],
    ),
}
BAD = {
    "berita-lambat-21Fffffffff": "timeout",
    "berita-putus-21Ggggggggg": "reset",
    "berita-berputar-21Hhhhhhhhh": "redirect loop",
    "berita-hilang-21Iiiiiiiii": "404",
    "berita-kosong-21Jjjjjjjjj": "empty body",
    "berita-pdf-21Kkkkkkkkk": "not HTML",
    "berita-raksasa-21Lllllllll": "huge page",
    "berita-bom-21Mmmmmmmmm": "gzip bomb",
}
HOSTILE_SITEMAP = (
    '<?xml version="1.0"?><!DOCTYPE urlset [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + '<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
    f"<url><loc>https://{HOST}/kumparannews/&i;-21Nnnnnnnnn</loc></url>"
    f"<url><loc>https://{HOST}/kumparannews/&xxe;-21Ooooooooo</loc></url></urlset>"
)


def expected_corpus() -> dict[str, str]:
    return {a["url"]: expected_text(a) for a in GOOD.values()}


def _bomb(megabytes: int) -> bytes:
    compressor = zlib.compressobj(9, zlib.DEFLATED, 31)  # gzip container
    chunk = b" " * (1 << 20)
    return b"".join(compressor.compress(chunk) for _ in range(megabytes)) + compressor.flush()


class _QuietServer(ThreadingHTTPServer):
    """A client that gives up on a slow or huge answer resets the connection: expected here,
    not worth a traceback in the test output."""

    def handle_error(self, request: object, client_address: object) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


class FaultServer:
    HUGE_BYTES: ClassVar[int] = 40 * 1024 * 1024
    BOMB = _bomb(300)

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def send(
                self,
                status: int,
                body: bytes,
                ctype: str = "text/html; charset=utf-8",
                extra: dict[str, str] | None = None,
            ) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (extra or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                with server.lock:
                    server.counts[path] = server.counts.get(path, 0) + 1
                    count = server.counts[path]
                prefix = f"/{HOST}"
                if not path.startswith(prefix):
                    return self.send(404, b"not here", "text/plain")
                path = path[len(prefix) :]
                if path == "/robots.txt":
                    body = (
                        f"User-agent: *\nAllow: /\nSitemap: https://{HOST}/sitemap-news-faults.xml\n"
                        f"Sitemap: https://{HOST}/sitemap-hostile.xml\n"
                    )
                    return self.send(200, body.encode(), "text/plain")
                if path == "/sitemap-news-faults.xml":
                    locs = "".join(
                        f"<url><loc>https://{HOST}/kumparannews/{slug}</loc>"
                        "<lastmod>2020-10-04</lastmod></url>"
                        for slug in [*GOOD, *BAD]
                    )
                    xml = f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{locs}</urlset>'
                    return self.send(200, xml.encode(), "application/xml")
                if path == "/sitemap-hostile.xml":
                    return self.send(200, HOSTILE_SITEMAP.encode(), "application/xml")
                slug = path.rsplit("/", 1)[-1]
                if slug in GOOD:
                    html = kumparan_page(GOOD[slug])
                    if slug.startswith("berita-setelah-galat") and count <= 2:
                        return self.send(500, b"Internal Server Error", "text/plain")
                    if slug.startswith("berita-charset-salah"):
                        return self.send(200, html.encode("utf-8"), "text/html; charset=iso-8859-1")
                    if slug.startswith("berita-html-rusak"):
                        # Unclosed divs, spans turned into unclosed <b>, unclosed <i>.
                        html = html.replace("</div>", "").replace("</span>", "<b>")
                        html = html.replace("<span>", "<span><i>")
                    return self.send(200, html.encode("utf-8"))
                fault = BAD.get(slug)
                if fault == "timeout":
                    # No answer until the client gives up and closes the connection.
                    self.connection.settimeout(60)
                    self.rfile.read(1)
                    self.close_connection = True
                    return None
                if fault == "reset":
                    # SO_LINGER 0, then close every reference: the peer gets a TCP reset.
                    self.connection.setsockopt(
                        socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)
                    )
                    self.close_connection = True
                    self.rfile.close()
                    self.wfile.close()
                    self.connection.close()
                    return None
                if fault == "redirect loop":
                    self.send_response(302)
                    self.send_header("Location", f"https://{HOST}/kumparannews/{slug}")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return None
                if fault == "empty body":
                    return self.send(200, b"")
                if fault == "not HTML":
                    return self.send(200, b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf")
                if fault == "huge page":
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(server.HUGE_BYTES))
                    self.end_headers()
                    block = b"<p>" + b"x" * 65530 + b"</p>"
                    try:
                        for _ in range(server.HUGE_BYTES // len(block)):
                            self.wfile.write(block)
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return None
                if fault == "gzip bomb":
                    return self.send(200, server.BOMB, extra={"Content-Encoding": "gzip"})
                return self.send(404, b"<html><body>Halaman tidak ditemukan</body></html>")

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> FaultServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
