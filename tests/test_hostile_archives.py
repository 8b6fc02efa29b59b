"""Crafted archives: bombs, huge records, truncation at many points, empty and foreign files.

``scrapy regenerate`` reads archives that killed runs and other tools leave behind: whatever
they hold, it yields every whole record before the damage, never a document from a partial
page, one counted reason per bad file, and memory bounded by the size cap.
"""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import resource
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from warcio.warcwriter import WARCWriter

from corpus.regenerate import regenerate
from tests.conftest import REPO, run_scrapy
from tests.hostile_writers import Zeros, gzip_bomb, write_response

MIRROR = REPO / "demo" / "mirror"
PAGES = {
    "https://kumparan.com/kumparanbola/timnas-u-19-indonesia-menang-telak-atas-bosnia-di-kroasia-25XyZ9aBcDe": MIRROR
    / "kumparan.com/kumparanbola/timnas-u-19-indonesia-menang-telak-atas-bosnia-di-kroasia-25XyZ9aBcDe",
    "https://kumparan.com/kumparanfood/cara-membuat-rendang-daging-empuk-ala-rumah-makan-padang-21QwErTy123": MIRROR
    / "kumparan.com/kumparanfood/cara-membuat-rendang-daging-empuk-ala-rumah-makan-padang-21QwErTy123",
}
HUGE = 300 * 1024 * 1024  # past the 16 MB cap many times over
CAP_MEMORY = 1536 * 1024 * 1024  # the bound: 1.5 GB whatever the input


def _good_archive(path: Path) -> None:
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, page in PAGES.items():
            data = page.read_bytes()
            write_response(writer, url, BytesIO(data), len(data))


def _regenerate(archive: Path, out: Path) -> tuple[str, list[dict]]:
    result = run_scrapy("regenerate", archive, "-o", out, "--no-progress")
    assert result.returncode == 0, result.stderr[-3000:]
    manifest = out / "manifest.jsonl"
    rows = (
        [json.loads(line) for line in manifest.read_text().splitlines()]
        if manifest.exists()
        else []
    )
    return result.stderr, rows


@pytest.mark.e2e
def test_bombs_and_huge_records_are_skipped_with_bounded_memory(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _good_archive(archive / "good.warc.gz")
    with open(archive / "huge.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        url = "https://kumparan.com/kumparannews/besar-sekali-21AbCdEfGhI"
        write_response(writer, url, Zeros(HUGE), HUGE)
    with open(archive / "bomb.warc.gz", "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        bomb = gzip_bomb(HUGE)
        url = "https://kumparan.com/kumparannews/bom-gzip-21AbCdEfGhJ"
        write_response(writer, url, BytesIO(bomb), len(bomb), **{"Content-Encoding": "gzip"})
    assert (archive / "bomb.warc.gz").stat().st_size < 2 * 1024 * 1024
    stderr, rows = _regenerate(archive, tmp_path / "corpus")
    assert "skipped 2: body larger than the size cap" in stderr  # the huge record, the bomb
    # The bomb's declared length is small: its body is found too large while inflating.
    assert stderr.count("body larger than") >= 2
    assert len(rows) == 2  # the good pages are all there
    assert max(len(line) for line in stderr.splitlines()) < 400  # no content quoted
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert peak < CAP_MEMORY, f"peak RSS {peak / 2**20:.0f} MiB"


def _regenerate_here(archive: Path, out: Path) -> tuple[str, list[dict]]:
    """``_regenerate`` in this process (what it printed, the manifest's rows)."""
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        regenerate([str(archive)], out, progress=False)
    manifest = out / "manifest.jsonl"
    return printed.getvalue(), [json.loads(line) for line in manifest.read_text().splitlines()]


@pytest.mark.parametrize("keep", [0.1, 0.35, 0.5, 0.62, 0.8, 0.93, 0.99])
def test_a_truncated_archive_yields_only_whole_records(tmp_path: Path, keep: float) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _good_archive(archive / "whole.warc.gz")
    data = (archive / "whole.warc.gz").read_bytes()
    (archive / "cut.warc.gz.open").write_bytes(data[: int(len(data) * keep)])
    (archive / "whole.warc.gz").unlink()
    stderr, rows = _regenerate_here(archive, tmp_path / "corpus")
    titles = {row["title"] for row in rows}
    # Whatever survives is a whole article of the archive, never a piece of one.
    assert titles <= {
        "Timnas U-19 Indonesia Menang Telak atas Bosnia di Kroasia",
        "Cara Membuat Rendang Daging Empuk ala Rumah Makan Padang",
    }, titles
    for row in rows:
        text = (tmp_path / "corpus" / row["file"]).read_text(encoding="utf-8")
        expected = sorted((REPO / "demo" / "expected" / "kumparan").glob("*.txt"))
        assert any(text == e.read_text(encoding="utf-8") for e in expected), row["title"]
    assert "cut.warc.gz.open" in stderr  # the damage is reported, once
    warnings = [line for line in stderr.splitlines() if line.startswith("regenerate: warning")]
    assert sum("cut.warc.gz.open" in line for line in warnings) <= 2


def test_empty_and_foreign_files_cost_one_reason_each(tmp_path: Path) -> None:
    archive = tmp_path / "archive"
    archive.mkdir()
    _good_archive(archive / "good.warc.gz")
    (archive / "empty.warc.gz").write_bytes(b"")
    noise = b"".join(f"line {i} of a log file, not WARC\n".encode() for i in range(150_000))
    (archive / "noise.warc.gz").write_bytes(gzip.compress(noise))
    (archive / "plain.warc").write_bytes(noise[:100_000])
    stderr, rows = _regenerate_here(archive, tmp_path / "corpus")
    assert len(rows) == 2
    assert "empty.warc.gz: empty file" in stderr
    for name in ("empty.warc.gz", "noise.warc.gz", "plain.warc"):
        warned = [line for line in stderr.splitlines() if line.startswith("regenerate: warning")]
        assert 1 <= sum(f"{name}:" in line for line in warned) <= 2, name
    assert len(stderr.splitlines()) < 40


BIG = REPO.parent / "shared" / "foreign_warc" / "synthetic" / "big"


def _peak_of_regenerate(archive: Path, out: Path) -> tuple[int, str]:
    """Peak RSS (bytes) of a process that regenerates ``archive`` alone, and what it said."""
    code = (
        "import resource, sys; from pathlib import Path; "
        "from corpus.regenerate import regenerate; "
        "regenerate([sys.argv[1]], Path(sys.argv[2]), progress=False); "
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(archive), str(out)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return int(result.stdout.split()[-1]) * 1024, result.stderr


@pytest.mark.e2e
@pytest.mark.parametrize(
    "name",
    sorted(p.name for p in BIG.glob("*.warc*")) if BIG.is_dir() else ["(absent)"],
)
def test_header_uri_and_body_bombs_stay_under_the_memory_bound(name: str, tmp_path: Path) -> None:
    if not BIG.is_dir():
        pytest.skip(f"{BIG} is absent (third-party archives, not in the repo)")
    peak, said = _peak_of_regenerate(BIG / name, tmp_path / "out")
    assert peak < CAP_MEMORY, f"{name}: peak {peak >> 20} MiB"
    assert "Traceback" not in said and all(len(line) <= 200 for line in said.splitlines())


@pytest.mark.e2e
def test_a_file_level_gzip_bomb_stays_under_the_memory_bound(tmp_path: Path) -> None:
    """2 GiB of zeros as one gzip stream (a 2 MB .warc.gz), no WARC header anywhere."""
    bomb = tmp_path / "bomb.warc.gz"
    bomb.write_bytes(gzip_bomb(2048 * 1024 * 1024))
    assert bomb.stat().st_size < 3 * 1024 * 1024
    peak, said = _peak_of_regenerate(bomb, tmp_path / "out")
    assert peak < CAP_MEMORY, f"peak {peak >> 20} MiB"
    assert "bomb.warc.gz" in said  # counted and said, with the file's name
