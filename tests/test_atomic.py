"""Atomic writes: a reader sees no file or the whole file, and no temporary file stays."""

from __future__ import annotations

from pathlib import Path

import pytest

from corpus import atomic
from corpus.atomic import write_atomic_many
from tests.corpus_fixture import article


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


def test_texts_written_ahead_are_renamed_into_the_corpus_and_the_unused_removed(
    tmp_path: Path,
) -> None:
    """Regenerate's workers write each text ahead of its number; the corpus stage renames the
    kept ones into their numbered files and removes those folded away."""
    import os

    from corpus.dedup import sha256_text
    from corpus.store import CorpusStore, text_ahead, write_text_ahead

    folder = tmp_path / "corpus"
    store = CorpusStore(folder)
    body = "Warga Jakarta Timur mengungsi setelah banjir merendam rumah mereka sejak pagi. " * 20
    texts = {
        "https://kumparan.com/a/banjir-1-20000000001": f"Banjir di Jakarta\n\n{body}\n",
        # the same story under another headline: folded into the first (near-duplicate)
        "https://kumparan.com/a/banjir-2-20000000002": f"Jakarta kebanjiran\n\n{body}\n",
    }
    for url, text in texts.items():
        store.stage(
            article(canonical_url=url, site="kumparan", title=url, text=text, language="id",
                    published="2020-10-01T00:00:00+07:00")
        )  # fmt: skip
        write_text_ahead(folder, text, sha256_text(text))
    kept_ahead = text_ahead(folder, sha256_text(next(iter(texts.values()))))
    inode = kept_ahead.stat().st_ino
    report = store.finish()
    store.close()
    assert (report.new, report.duplicates) == (1, 1)
    (file,) = sorted(folder.glob("*.txt"))
    assert file.read_text(encoding="utf-8") == next(iter(texts.values()))
    assert os.stat(file).st_ino == inode  # renamed, not written again
    assert not list(folder.glob(".*"))  # nothing temporary is left
