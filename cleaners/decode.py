"""Bytes of a text dump -> str, with the encodings Indonesian news dumps actually come in."""

from __future__ import annotations

from dataclasses import dataclass, field

# Tried in order after UTF-8: Windows-1252 is what mis-declared Indonesian pages are most often
# written in; ISO-8859-1 decodes any byte and is the last resort.
FALLBACK_ENCODINGS = ("cp1252", "iso-8859-1")
_CONTROL = frozenset(range(0x20)) - {0x09, 0x0A, 0x0C, 0x0D}


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
        if b"\x00" in data[:8192]:
            raise UndecodableError("binary file (NUL bytes), not a text dump")
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
    sample = text[:8192]
    controls = sum(1 for ch in sample if ord(ch) in _CONTROL)
    if controls > max(2, len(sample) // 100):
        raise UndecodableError(f"binary file ({controls} control characters), not a text dump")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        notes.append("CRLF line ends converted")
    return DecodedText(text, encoding, notes)
