"""How long the test suite takes on this machine: the in-process layer, then the whole suite.

    python benchmarks/suite_bench.py [--rounds 1] [--workers 2]

Runs pytest as the test command does (``-n WORKERS --dist loadfile``): first ``-m "not e2e"``
(the in-process layer), then everything, each ``--rounds`` times; prints the wall time of each
run, its tests and its outcome beside the targets (in-process layer within 40 s, the whole
suite within 150 s, on a 2-core machine). The baseline beside them is pytest collecting the
suite and running nothing (``--collect-only``): the start-up no test can go below.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"in-process layer (-m 'not e2e')": 40.0, "whole suite": 150.0}


def run_pytest(args: list[str], workers: int) -> tuple[float, str]:
    """(wall seconds, pytest's summary line) of one run."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    if workers:
        command += ["-n", str(workers), "--dist", "loadfile"]
    started = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    summary = lines[-1] if lines else f"exit status {result.returncode}"
    return seconds, re.sub(r"=+", "", summary).strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=1, help="runs of each layer")
    parser.add_argument("--workers", type=int, default=2, help="pytest-xdist processes (0: none)")
    options = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; {options.workers} test processes")
    seconds, summary = run_pytest(["--collect-only"], 0)
    print(f"baseline: collecting the suite  {seconds:6.1f} s  ({summary})")
    layers = {
        "in-process layer (-m 'not e2e')": ["-m", "not e2e"],
        "whole suite": [],
    }
    for name, args in layers.items():
        for _ in range(options.rounds):
            seconds, summary = run_pytest(args, options.workers)
            target = TARGETS[name]
            verdict = "met" if seconds <= target else "NOT met"
            print(f"{name:34} {seconds:6.1f} s  (target {target:.0f} s: {verdict}; {summary})")


if __name__ == "__main__":
    main()
