"""Peak memory and time of ``scrapy regenerate`` on hostile archives, beside a good one.

    python benchmarks/hostile_archive_bench.py [--size-mib 2048]

Builds, in a temporary folder: a WARC of the demo's kumparan pages (the baseline); a WARC of
one response record whose body is SIZE of zeros (a huge record); a WARC of one small record
whose gzip-encoded payload inflates to SIZE (a bomb: the file is a few MB); both together with
the good pages. Each archive is regenerated in its own process; the script prints the peak RSS
of that process (``wait4`` rusage), the wall time and what the run skipped. The bound the
project promises: under 1.5 GB whatever the input.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from io import BytesIO
from pathlib import Path

from warcio.warcwriter import WARCWriter

REPO = Path(__file__).resolve().parent.parent
MIRROR = REPO / "demo" / "mirror" / "kumparan.com"
BOUND = 1536 * 2**20

sys.path.insert(0, str(REPO))
from tests.hostile_writers import Zeros, gzip_bomb, write_response  # noqa: E402


def good(writer: WARCWriter) -> None:
    for page in sorted(p for p in MIRROR.rglob("*") if p.is_file() and p.parent != MIRROR):
        data = page.read_bytes()
        write_response(
            writer, f"https://kumparan.com/{page.relative_to(MIRROR)}", BytesIO(data), len(data)
        )


def run(archive: Path, out: Path) -> tuple[float, float, str]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "scrapy",
            "regenerate",
            str(archive),
            "-o",
            str(out),
            "--no-progress",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stderr is not None
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - started
    skipped = "; ".join(
        line.split("regenerate: ", 1)[1]
        for line in stderr.splitlines()
        if line.startswith(("regenerate: skipped", "regenerate: corpus"))
    )
    if os.waitstatus_to_exitcode(status) != 0:
        skipped = f"FAILED: {stderr.strip().splitlines()[-1]}"
    return usage.ru_maxrss * 1024 / 2**20, elapsed, skipped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mib", type=int, default=2048, help="size of the huge bodies")
    args = parser.parse_args()
    size = args.size_mib * 2**20
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        cases = {}
        for name in ("good", "huge", "bomb", "all"):
            (root / name).mkdir()
            cases[name] = root / name
        with open(cases["good"] / "a.warc.gz", "wb") as fh:
            good(WARCWriter(fh, gzip=True))
        with open(cases["huge"] / "a.warc.gz", "wb") as fh:
            write_response(
                WARCWriter(fh, gzip=True),
                "https://kumparan.com/x/besar-21AbCdEfGhI",
                Zeros(size),
                size,
            )
        packed = gzip_bomb(size)
        with open(cases["bomb"] / "a.warc.gz", "wb") as fh:
            write_response(
                WARCWriter(fh, gzip=True),
                "https://kumparan.com/x/bom-21AbCdEfGhJ",
                BytesIO(packed),
                len(packed),
                **{"Content-Encoding": "gzip"},
            )
        for name in ("good", "huge", "bomb"):
            os.link(next(cases[name].iterdir()), cases["all"] / f"{name}.warc.gz")
        print(
            f"huge bodies: {args.size_mib} MiB; bomb file "
            f"{(cases['bomb'] / 'a.warc.gz').stat().st_size / 1024:.0f} KiB, huge file "
            f"{(cases['huge'] / 'a.warc.gz').stat().st_size / 1024:.0f} KiB"
        )
        print(f"{'archive':10}{'peak RSS MiB':>14}{'seconds':>10}  outcome")
        worst = 0.0
        for name, folder in cases.items():
            peak, elapsed, outcome = run(folder, root / f"out-{name}")
            worst = max(worst, peak)
            print(f"{name:10}{peak:14.0f}{elapsed:10.1f}  {outcome}")
        verdict = "met" if worst * 2**20 < BOUND else "NOT met"
        print(f"bound: peak RSS under 1.5 GB whatever the input: {verdict}")


if __name__ == "__main__":
    main()
