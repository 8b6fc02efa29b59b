"""CPU each ``scrapy`` command spends before its own work begins, beside ``import scrapy``.

    python benchmarks/startup_bench.py [--runs 5]

Each command is started with ``--help``: Scrapy loads its settings, every command module and
the command's options, prints the help and exits, so what is measured is the start-up alone.
Reported: the best and the median CPU (user + system) of each over ``--runs`` runs, and the
same for ``python -c "import scrapy"`` (the floor: no project command can start below it).
Target: every command at most 1.2 s of CPU.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCRAPY = str(Path(sys.executable).with_name("scrapy"))
COMMANDS = (
    "version",
    "crawl",
    "clean",
    "regenerate",
    "ccnews",
    "explain",
    "report",
    "export",
    "mirror",
)
TARGET_SECONDS = 1.2


def cpu_seconds(argv: list[str]) -> float:
    """User + system CPU of one run of ``argv`` (a child of this process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(argv, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def measure(argv: list[str], runs: int) -> tuple[float, float]:
    samples = [cpu_seconds(argv) for _ in range(runs)]
    return min(samples), statistics.median(samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    opts = parser.parse_args()
    os.environ.pop("SCRAPY_SETTINGS_MODULE", None)
    rows = [("python -c 'import scrapy'", measure([sys.executable, "-c", "import scrapy"], 5))]
    for name in COMMANDS:
        argv = [SCRAPY, name] + (["kompas"] if name == "crawl" else []) + ["--help"]
        if name == "version":
            argv = [SCRAPY, "version"]
        rows.append((f"scrapy {name}", measure(argv, opts.runs)))
    print(f"{'start-up (CPU s)':32} {'best':>6} {'median':>7}")
    for label, (best, median) in rows:
        print(f"{label:32} {best:6.2f} {median:7.2f}")
    worst = max(median for label, (_, median) in rows if label.startswith("scrapy"))
    verdict = "met" if worst <= TARGET_SECONDS else "NOT met"
    print(f"slowest command (median): {worst:.2f} s; target {TARGET_SECONDS} s: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
