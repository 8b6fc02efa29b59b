"""Which WARC reader: warcio against FastWARC, on other tools' archives and on a large one of ours.

    python benchmarks/warc_reader_bench.py [--records 20000] [--shared ../shared]

1. Robustness: every file of ``../shared/foreign_warc`` (57 real archives of 14 tools and the
   crafted cases), read record by record with a 16 MiB cap on each block: files read to their
   end, files that stopped with an error, records read.
2. Memory: the peak RSS of reading each file of ``synthetic/big`` (header, URI and body bombs),
   one process per file and reader.
3. Speed: a gzip-per-record archive of ``--records`` responses made from the demo's pages (as
   our crawl writes them), read whole and read as pass 1 reads it (the first 64 KiB of each
   block): records per second and MB per second, best of three.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import logging
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
CAP = 16 * 1024 * 1024
HEAD = 64 * 1024


def read_warcio(path: Path, limit: int = CAP) -> int:
    from warcio.archiveiterator import ArchiveIterator

    count = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, arc2warc=True, no_record_parse=True):
            record.raw_stream.read(limit)
            count += 1
    return count


def read_fastwarc(path: Path, limit: int = CAP) -> int:
    from fastwarc import ArchiveIterator

    count = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh, parse_http=False, auto_decode="none"):
            record.reader.read(limit)
            count += 1
    return count


READERS: dict[str, Callable[..., int]] = {"warcio": read_warcio, "fastwarc": read_fastwarc}


def robustness(shared: Path) -> None:
    files = sorted(
        p
        for p in (shared / "foreign_warc").rglob("*")
        if p.is_file() and p.suffix != ".md" and "big" not in p.parts and "tools" not in p.parts
    )
    print(f"1. robustness: {len(files)} files of ../shared/foreign_warc (real and crafted)")
    print(f"   {'reader':10} {'read to the end':>16} {'stopped by an error':>20} {'records':>8}")
    logging.getLogger("warcio").disabled = True  # its warnings would fill the table
    for name, reader in READERS.items():
        whole = failed = records = 0
        for path in files:
            try:
                with contextlib.redirect_stderr(io.StringIO()):
                    records += reader(path)
                whole += 1
            except Exception:
                failed += 1
        print(f"   {name:10} {whole:16} {failed:20} {records:8}")
    print("   (fastwarc reads no ARC: the 6 ARC files end at once; warcio reads them)")


def memory(shared: Path) -> None:
    big = sorted((shared / "foreign_warc" / "synthetic" / "big").glob("*.warc*"))
    print("2. memory: peak RSS (MiB) reading each file of synthetic/big, one process each")
    print(f"   {'file':42} {'warcio':>8} {'fastwarc':>9}")
    for path in big:
        peaks = [_peak(name, path) for name in READERS]
        print(f"   {path.name:42} {peaks[0]:>8} {peaks[1]:>9}")


def _peak(reader: str, path: Path) -> str:
    code = (
        "import resource, sys; sys.path.insert(0, sys.argv[3]); "
        "import warc_reader_bench as b\n"
        "try:\n    b.READERS[sys.argv[1]](__import__('pathlib').Path(sys.argv[2]))\n"
        "except Exception as e:\n    print('error', type(e).__name__)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)"
    )
    folder = str(Path(__file__).parent)
    try:
        result = subprocess.run(
            [sys.executable, "-c", code, reader, str(path), folder],
            capture_output=True,
            text=True,
            timeout=600,
        )
    except subprocess.TimeoutExpired:
        return "timeout"
    lines = result.stdout.split()
    return lines[-1] + ("*" if "error" in result.stdout else "") if lines else "failed"


def our_archive(records: int, folder: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    pages = [p.read_bytes() for p in (REPO / "demo" / "mirror").rglob("*") if p.is_file()]
    pages = [p for p in pages if b"<html" in p[:2000].lower()]
    path = folder / "ours.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i in range(records):
            body = pages[i % len(pages)] + f"<!-- {i} -->".encode()
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            url = f"https://kumparan.com/kumparannews/halaman-{i}"
            record = writer.create_warc_record(
                url, "response", payload=BytesIO(body), length=len(body), http_headers=http
            )
            writer.write_record(record)
    return path


def speed(records: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = our_archive(records, Path(tmp))
        size = path.stat().st_size
        print(f"3. speed: {records} records of our own ({size / 1e6:.1f} MB gzip), best of 3")
        print(f"   {'reader':10} {'whole: rec/s':>13} {'MB/s':>7} {'pass 1: rec/s':>14}")
        for name, reader in READERS.items():
            whole = min(_timed(reader, path, CAP) for _ in range(3))
            head = min(_timed(reader, path, HEAD) for _ in range(3))
            print(
                f"   {name:10} {records / whole:13.0f} {size / 1e6 / whole:7.1f} "
                f"{records / head:14.0f}"
            )


def _timed(reader: Callable[..., int], path: Path, limit: int) -> float:
    started = time.perf_counter()
    reader(path, limit)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=20_000)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    opts = parser.parse_args()
    if (opts.shared / "foreign_warc").is_dir():
        robustness(opts.shared)
        memory(opts.shared)
    else:
        print(f"{opts.shared}/foreign_warc absent: robustness and memory not measured")
    speed(opts.records)
    print(
        f"(this process: peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss >> 10} MiB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
