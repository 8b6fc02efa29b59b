"""The corpus text format of ``corpus-format.md``: one block per line, blank line between blocks.

Everything that decides how a finished document looks as bytes lives here, so the cleaner,
the HTML extractor and the corpus writer cannot disagree about it.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

# A run of two or more whitespace characters, or any single whitespace that is not a plain
# space or a no-break space. A lone no-break space inside a block is kept "as published"
# (the reference texts keep it); everything else folds to one space.
_WHITESPACE_RUN = re.compile(r"\s{2,}|[^\S \u00a0]")
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


def normalize_block(text: str) -> str:
    """One block as the corpus keeps it: NFC, no zero-width marks, whitespace folded, trimmed."""
    if text.isascii():  # ASCII is NFC and has no zero-width marks
        if text.isprintable() and "  " not in text:
            return text.strip()
        return _WHITESPACE_RUN.sub(" ", text).strip()
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # Fast path: printable text (no tabs, no-break or zero-width characters) with single spaces.
    if text.isprintable() and "  " not in text:
        return text.strip()
    text = _ZERO_WIDTH.sub("", text)
    return _WHITESPACE_RUN.sub(" ", text).strip()


def render(title: str, body: list[str], *, normalized: bool = False) -> str:
    """The document text: headline, then each body block, blank-line separated, final newline.

    ``normalized``: the blocks already went through ``normalize_block``.
    """
    blocks = [title, *body] if normalized else [normalize_block(b) for b in (title, *body)]
    return "\n\n".join(b for b in blocks if b) + "\n"


def text_sha256(text: str) -> str:
    """SHA-256 of a document's UTF-8 bytes, the digest its corpus file name starts from."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def corpus_file_name(number: int, text: str) -> str:
    """``NNN_<first 16 hex digits of the SHA-256 of the file's bytes>.txt``."""
    return f"{number:03d}_{text_sha256(text)[:16]}.txt"


def count_words(text: str) -> int:
    return len(text.split())
