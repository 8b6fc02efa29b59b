"""Atomic writes: a reader sees no file or the whole file, and no temporary file stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import atomic
from corpus.atomic import write_atomic_many


def test_many_files_are_written_whole_with_one_flush(tmp_path: Path, monkeypatch) -> None:
    flushes: list[int] = []
    real = atomic._flush_filesystem
    monkeypatch.setattr(atomic, "_flush_filesystem", lambda fd: flushes.append(fd) or real(fd))
    files = [(f"{i:03d}_berita.txt", f"Judul {i}\n\nIsi berita {i}.\n".encode()) for i in range(5)]
    write_atomic_many(tmp_path / "corpus", files)
    for name, data in files:
        assert (tmp_path / "corpus" / name).read_bytes() == data
    assert len(flushes) == 1
    assert not list((tmp_path / "corpus").glob(".*.tmp"))


def test_a_failed_batch_leaves_no_temporary_file(tmp_path: Path) -> None:
    (tmp_path / "001_b.txt").mkdir()  # a file cannot replace this folder
    with pytest.raises(OSError):
        write_atomic_many(tmp_path, [("000_a.txt", b"a\n"), ("001_b.txt", b"b\n")])
    assert not list(tmp_path.glob(".*.tmp"))
    assert (tmp_path / "001_b.txt").is_dir()
