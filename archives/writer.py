"""Writing WARC files: each record its own gzip member, the file renamed into place when whole.

The crawl's archive (``crawler.archive``) and the CC-NEWS backfill's slim archives
(``archives.ccnews``) both write through ``WarcFile``. A file is ``<name>.open`` while it is
written and renamed to ``<name>`` once closed, so a file under its final name is always whole
(a killed run leaves only ``.open`` files, which readers ignore and the next run replaces).
Each record is one gzip member, deflated by ISA-L (python-isal) at its default level: 0.17 ms
for a real news page (100-400 KB of HTML) against 1.8 ms for zlib at its default level
(warcio's level 9: 4.1 ms), for files 13% larger; any gzip reader reads them, and a reader can
seek to any record.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import IO

from isal import isal_zlib

GZIP_LEVEL = isal_zlib.ISAL_DEFAULT_COMPRESSION
OPEN_SUFFIX = ".open"


def gzip_member(data: bytes) -> bytes:
    """``data`` as one gzip member."""
    member = isal_zlib.compressobj(GZIP_LEVEL, isal_zlib.DEFLATED, isal_zlib.MAX_WBITS + 16)
    return member.compress(data) + member.flush()


def warc_record(header_lines: list[bytes], block: bytes) -> bytes:
    """A WARC record's bytes: its header lines (the version line first), a blank line, the
    block, and the two line ends that close a record."""
    return b"\r\n".join(header_lines) + b"\r\n\r\n" + block + b"\r\n\r\n"


class WarcFile:
    """One WARC file being written, records as gzip members; ``close`` puts it in place."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(path.name + OPEN_SUFFIX)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fh: IO[bytes] = open(self.partial, "wb")  # noqa: SIM115 (closed by close())
        self.records = 0

    def write(self, record: bytes) -> None:
        """One serialized record (``warc_record``, or warcio's output), compressed."""
        self._fh.write(gzip_member(record))
        self.records += 1

    def tell(self) -> int:
        return self._fh.tell()

    def close(self) -> None:
        """Flush to disk and rename into place: the file is whole under its name."""
        self._fh.flush()
        os.fsync(self._fh.fileno())
        self._fh.close()
        os.replace(self.partial, self.path)

    def discard(self) -> None:
        """Give the file up (a run that stops): only the ``.open`` file was written."""
        self._fh.close()
        self.partial.unlink(missing_ok=True)
