"""Writers of hostile archive content, shared by the hostile-archive tests and benchmark."""

from __future__ import annotations

import zlib
from io import BytesIO

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter


class Zeros:
    """A stream of ``size`` zero bytes, read in chunks (never held whole)."""

    def __init__(self, size: int) -> None:
        self.left = size

    def read(self, n: int = -1) -> bytes:
        n = self.left if n is None or n < 0 else min(n, self.left)
        self.left -= n
        return b"\0" * n


def gzip_bomb(size: int) -> bytes:
    """``size`` zero bytes, gzip-compressed in chunks (a few hundred KB)."""
    packer = zlib.compressobj(9, zlib.DEFLATED, 31)
    out = BytesIO()
    chunk = b"\0" * (1 << 20)
    for _ in range(size >> 20):
        out.write(packer.compress(chunk))
    out.write(packer.flush())
    return out.getvalue()


def write_response(writer: WARCWriter, url: str, body: object, length: int, **headers: str) -> None:
    """An HTML response record of ``length`` bytes read from ``body``, with extra headers."""
    http = StatusAndHeaders(
        "200 OK",
        [("Content-Type", "text/html; charset=utf-8"), *headers.items()],
        protocol="HTTP/1.1",
    )
    writer.write_record(
        writer.create_warc_record(url, "response", payload=body, length=length, http_headers=http)
    )
