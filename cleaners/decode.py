"""Bytes of a text dump -> str, with the encodings Indonesian news dumps actually come in."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# Tried in order after UTF-8: Windows-1252 is what mis-declared Indonesian pages are most often
# written in; ISO-8859-1 decodes any byte and is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "iso-8859-1")
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f]")


class UndecodableError(ValueError):
    """The input is not a text dump (empty or binary)."""


@dataclass
class DecodedText:
    text: str
    encoding: str
    notes: list[str] = field(default_factory=list)  # what was repaired, for a warning line


def decode_text(data: bytes) -> DecodedText:
    """Decode a dump; raise ``UndecodableError`` for empty or binary input."""
    if not data.strip():
        raise UndecodableError("empty file")
    notes: list[str] = []
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text, encoding = data.decode("utf-16"), "utf-16"
        notes.append("UTF-16 with BOM, converted to UTF-8")
    else:
        nuls = data.count(b"\x00")
        if nuls > max(2, len(data) // 1000):
            raise UndecodableError(f"binary file ({nuls} NUL bytes), not a text dump")
        if data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
            notes.append("UTF-8 BOM removed")
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as err:
            for candidate in FALLBACK_ENCODINGS:
                try:
                    text, encoding = data.decode(candidate), candidate
                    break
                except UnicodeDecodeError:
                    continue
            notes.append(f"not UTF-8 (byte {err.start}); decoded as {encoding}")
    # Control characters anywhere in the file (not only at its start): many make it binary; a
    # few stray ones (a NUL, an ESC pasted from a terminal) are removed and reported.
    controls = len(_CONTROL_RE.findall(text))
    if controls > max(2, len(text) // 100):
        raise UndecodableError(f"binary file ({controls} control characters), not a text dump")
    if controls:
        text = _CONTROL_RE.sub("", text)
        notes.append(f"{controls} control character(s) removed")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("CRLF line ends converted")
    return DecodedText(text, encoding, notes)
