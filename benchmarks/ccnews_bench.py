"""The CC-NEWS backfill's CPU against its floor: FastWARC iterating the same files.

    python benchmarks/ccnews_bench.py [--files 4] [--captures 10000] [--ours 0.01] [--rounds 3]

Builds a month-like mix in a temporary folder (about 1 GB by default: a CC-NEWS file is about
1 GB, a month a few hundred of them): ``--files`` CC-NEWS-like files of ``--captures``
captures each (a request, a response and a metadata record a capture, one gzip member a
record), the responses real news pages (``../shared/real_html*``, under other sites' URLs,
each made unique) and a share ``--ours`` of them our demo articles. A stand-in for Common
Crawl serves them over HTTP from another process (its CPU is not counted). Measured, CPU time
(user + system), best of ``--rounds``:

- floor: FastWARC iterating every record of the local files and reading its target URI, in
  this process (decompression and parsing: what any reader of the files pays);
- ``scrapy ccnews``: the whole command, start-up, download, filter, slim archives and corpus
  stage, in a child process (its own CPU);
- its start-up alone (``scrapy ccnews --help``), for reference.

Target: the whole command within 2x of the floor.
"""

from __future__ import annotations

import argparse
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.ccnews_server import Capture, build_month, demo_captures  # noqa: E402

SHARED = ROOT.parent / "shared"
TARGET = 2.0


def other_pages() -> list[bytes]:
    pages = sorted(SHARED.glob("real_html*/*/*.html"))
    if not pages:  # without ../shared: our demo pages stand in (smaller than real pages)
        return [c.body for c in demo_captures()]
    return [p.read_bytes() for p in pages]


def build(folder: Path, files: int, captures: int, ours_share: float) -> list[str]:
    rng = random.Random(7)
    bodies = other_pages()
    ours = demo_captures()
    month: dict[str, list[Capture]] = {}
    for f in range(files):
        batch = []
        for n in range(captures):
            if rng.random() < ours_share:
                batch.append(ours[rng.randrange(len(ours))])
                continue
            body = bodies[rng.randrange(len(bodies))]
            token = f"<!-- {f}-{n}-{rng.random()} -->".encode()
            url = f"https://www.news{n % 97}.example/{f}/{n}.html"
            batch.append(Capture(url, "2024-01-10T00:00:00Z", token + body))
        month[f"202401{10 + f:02d}000000"] = batch
    return build_month(folder, "2024/01", month)


def floor_cpu(paths: list[Path]) -> float:
    from fastwarc import ArchiveIterator

    started = time.process_time()
    for path in paths:
        with open(path, "rb") as fh:
            for record in ArchiveIterator(fh, parse_http=False, auto_decode="none"):
                record.headers.get("WARC-Target-URI")
    return time.process_time() - started


def child_cpu(args: list[str]) -> float:
    """CPU seconds of a child process (user + system), from the kernel's accounting."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = subprocess.run(args, cwd=ROOT, capture_output=True, text=True)
    if result.returncode != 0:
        raise SystemExit(f"failed: {' '.join(args)}\n{result.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def serve(folder: Path) -> tuple[subprocess.Popen, str]:
    code = (
        "import sys, time; from pathlib import Path; "
        "from tests.ccnews_server import CommonCrawlStandIn; "
        "s = CommonCrawlStandIn(Path(sys.argv[1])).__enter__(); "
        "print(s.base, flush=True); time.sleep(10**6)"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code, str(folder)], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    return proc, proc.stdout.readline().strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=4)
    parser.add_argument("--captures", type=int, default=10000)
    parser.add_argument("--ours", type=float, default=0.01)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="ccnews-bench-"))
    try:
        paths = [work / "cc" / p for p in build(work / "cc", args.files, args.captures, args.ours)]
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} files, {size / 1e6:.0f} MB of gzip, {args.captures} captures each")
        server, base = serve(work / "cc")
        try:
            floor = min(floor_cpu(paths) for _ in range(args.rounds))
            command = [sys.executable, "-m", "scrapy", "ccnews", "--since", "2024-01-01",
                       "--until", "2024-01-31", "--base", base, "--no-progress"]  # fmt: skip
            ours = []
            for n in range(args.rounds):
                out = work / f"out{n}"
                ours.append(
                    child_cpu([*command, "-o", str(out / "c"), "--archive", str(out / "r")])
                )
            startup = min(child_cpu([*command, "--help"]) for _ in range(args.rounds))
        finally:
            server.terminate()
        best = min(ours)
        print(f"{'CPU s (best of ' + str(args.rounds) + ')':32} {'':>8}")
        print(f"  floor: FastWARC iterating      {floor:8.2f}  ({size / 1e6 / floor:.0f} MB/s)")
        print(f"  scrapy ccnews, whole command   {best:8.2f}  ({best / floor:.2f}x the floor)")
        print(f"  of which start-up (--help)     {startup:8.2f}")
        verdict = "met" if best <= TARGET * floor else "NOT met"
        print(f"target: within {TARGET:.0f}x of the floor: {verdict}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
