"""An archived HTTP response's block -> its status, headers and page bytes, with bounds.

Archives hold responses as they came off the wire: a status line (HTTP/1.0, 1.1, 2, 3, with
or without a reason phrase), headers (any case, LF or CRLF), then the body, possibly chunked
and content-encoded (gzip, deflate as zlib or raw, br, zstd, or a list such as
``gzip, identity``). Everything here is bounded: the header block, the number of headers and
the decoded body; a body that does not decode to its end, or is shorter than its
``Content-Length``, did not arrive whole and is refused (``Incomplete``), never cut.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Callable

# The header block of a response: a news page's is a few kilobytes.
MAX_HTTP_HEADER_BYTES = 64 * 1024
MAX_HTTP_HEADERS = 256
_STATUS_LINE = re.compile(rb"^HTTP/\d(?:\.\d)?\s+(\d{3})\b")
_HEADER_END = re.compile(rb"\r?\n\r?\n")
_CHUNK_SIZE = re.compile(rb"([0-9a-fA-F]+)[ \t]*(?:;[^\r\n]*)?\r?\n")
_READ = 64 * 1024


class PayloadError(ValueError):
    """The block is not an HTTP response that can be read (a counted reason, never a crash)."""


class TooLarge(PayloadError):
    """Larger than a bound (header block, header count, decoded body)."""


class Incomplete(PayloadError):
    """The body did not arrive whole: a page cut short is never a document."""


def split_head(block: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, rest) of an HTTP response block's first bytes.

    ``block`` must hold the whole header block (the caller reads at most
    ``MAX_HTTP_HEADER_BYTES`` more than the body cap).
    """
    match = _STATUS_LINE.match(block)
    if not match:
        raise PayloadError("no HTTP status line")
    end = _HEADER_END.search(block, 0, MAX_HTTP_HEADER_BYTES + 4)
    if end is None:
        if len(block) >= MAX_HTTP_HEADER_BYTES:
            raise TooLarge(f"HTTP headers longer than {MAX_HTTP_HEADER_BYTES} bytes")
        raise Incomplete("the HTTP headers do not end")
    lines = re.split(rb"\r?\n", block[: end.start()])[1:]
    if len(lines) > MAX_HTTP_HEADERS:
        raise TooLarge(f"more than {MAX_HTTP_HEADERS} HTTP headers")
    headers: dict[str, str] = {}
    for line in lines:
        name, sep, value = line.partition(b":")
        if not sep:
            continue
        key = name.strip().decode("latin-1").lower()
        text = value.strip().decode("latin-1")
        headers[key] = f"{headers[key]}, {text}" if key in headers else text
    return int(match.group(1)), headers, block[end.end() :]


def content_type(headers: dict[str, str]) -> str:
    """The media type of a response; of repeated Content-Type headers, an HTML one wins
    (servers that send two mean the page, the other is a proxy's default)."""
    values = [v.strip() for v in headers.get("content-type", "").split(",") if v.strip()]
    html = [v for v in values if v.lower().startswith(("text/html", "application/xhtml+xml"))]
    return html[0] if html else (values[-1] if values else "")


def decode_body(headers: dict[str, str], body: bytes, limit: int) -> bytes:
    """The body as the server meant it; ``TooLarge`` past ``limit``, ``Incomplete`` when cut."""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = _dechunk(body, limit)
    elif (declared := headers.get("content-length", "").strip()).isdigit() and int(declared) > len(
        body
    ):
        raise Incomplete(f"{len(body)} of the {declared} bytes its Content-Length says")
    encodings = [
        e.strip().lower()
        for e in headers.get("content-encoding", "").split(",")
        if e.strip() and e.strip().lower() not in ("identity", "none")
    ]
    for encoding in reversed(encodings):
        body = _decode(encoding, body, limit)
    if len(body) > limit:
        raise TooLarge(f"body larger than {limit} bytes")
    return body


def _dechunk(body: bytes, limit: int) -> bytes:
    """Chunked transfer coding undone; a body that is not validly chunked is taken as it is
    (servers and archivers mislabel it), one whose chunks stop early is cut short."""
    out = bytearray()
    at = 0
    while True:
        match = _CHUNK_SIZE.match(body, at)
        if match is None:
            if at == 0:
                return body
            raise Incomplete("the chunked body stops mid-way")
        size = int(match.group(1), 16)
        at = match.end()
        if size == 0:
            return bytes(out)
        if at + size > len(body):
            raise Incomplete("the last chunk is cut short")
        out += body[at : at + size]
        if len(out) > limit:
            raise TooLarge(f"body larger than {limit} bytes")
        at += size
        at += 2 if body[at : at + 2] == b"\r\n" else (1 if body[at : at + 1] == b"\n" else 0)


def _decode(encoding: str, body: bytes, limit: int) -> bytes:
    decoder = _DECODERS.get(encoding)
    if decoder is None:
        raise PayloadError(f"unknown content encoding {encoding!r}")
    if encoding in ("gzip", "x-gzip") and not body.startswith(b"\x1f\x8b"):
        return body  # labelled gzip, sent plain (a common server mistake): read as it is
    return decoder(body, limit)


def _zlib(wbits: int) -> Callable[[bytes, int], bytes]:
    def decode(body: bytes, limit: int) -> bytes:
        stream = zlib.decompressobj(wbits)
        try:
            out = stream.decompress(body, limit + 1)
        except zlib.error as err:
            raise Incomplete(f"the compressed body is damaged ({err})") from None
        return _whole(out, limit, stream.eof, "compressed")

    return decode


def _whole(out: bytes, limit: int, finished: bool, what: str) -> bytes:
    """A decoded body within the cap that reached the end of its stream, or the reason not."""
    if len(out) > limit:
        raise TooLarge(f"body larger than {limit} bytes once decompressed")
    if not finished:
        raise Incomplete(f"the {what} body does not decode to its end")
    return out


def _deflate(body: bytes, limit: int) -> bytes:
    """``deflate`` is zlib-wrapped by the standard, raw by many servers: either is read."""
    try:
        return _zlib(zlib.MAX_WBITS)(body, limit)
    except Incomplete:
        return _zlib(-zlib.MAX_WBITS)(body, limit)


def _brotli(body: bytes, limit: int) -> bytes:
    import brotli

    decompressor = brotli.Decompressor()
    out = bytearray()
    try:
        out += decompressor.process(body, output_buffer_limit=limit + 1)
        while len(out) <= limit and not decompressor.can_accept_more_data():
            out += decompressor.process(b"", output_buffer_limit=limit + 1 - len(out))
    except brotli.error as err:
        raise Incomplete(f"the br body is damaged ({err})") from None
    return _whole(bytes(out), limit, decompressor.is_finished(), "br")


def _zstd(body: bytes, limit: int) -> bytes:
    from backports.zstd import ZstdDecompressor, ZstdError

    decompressor = ZstdDecompressor()
    try:
        out = decompressor.decompress(body, max_length=limit + 1)
    except ZstdError as err:
        raise Incomplete(f"the zstd body is damaged ({err})") from None
    return _whole(out, limit, decompressor.eof, "zstd")


_DECODERS: dict[str, Callable[[bytes, int], bytes]] = {
    "gzip": _zlib(16 + zlib.MAX_WBITS),
    "x-gzip": _zlib(16 + zlib.MAX_WBITS),
    "deflate": _deflate,
    "br": _brotli,
    "zstd": _zstd,
}
