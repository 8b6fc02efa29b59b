"""Time and peak memory of ``scrapy report`` and ``scrapy export`` on a large corpus.

    python benchmarks/report_export_bench.py [--docs 100000]

Builds a corpus folder of DOCS documents (the demo's texts with their numbers changed, spread
over three sites and five years, with manifest entries as the store writes them and a recorded
run), then runs each command in its own process and prints the wall time and the peak RSS
(``wait4`` rusage). Targets: the report in under a minute; the export's memory flat (the same
at a tenth of the documents).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXPECTED = REPO / "demo" / "expected"
SITES = ("kompas", "kumparan", "tribun")


def build(folder: Path, docs: int) -> None:
    folder.mkdir(parents=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(EXPECTED.glob("*/*.txt"))]
    with open(folder / "manifest.jsonl", "w", encoding="utf-8") as manifest:
        for i in range(docs):
            text = re.sub(
                r"\d", lambda m, k=i: str((int(m.group()) + k) % 10), texts[i % len(texts)]
            )
            text = f"{text.splitlines()[0]} {i}\n" + text.split("\n", 1)[1]
            data = text.encode("utf-8")
            sha = hashlib.sha256(data).hexdigest()
            name = f"{i:06d}_{sha[:16]}.txt"
            (folder / name).write_bytes(data)
            site = SITES[i % 3]
            year, month = 2020 + (i // 20000) % 5, 1 + i % 12
            entry = {
                "file": name,
                "url": f"https://{site}.example/read/{i}",
                "urls": [f"https://{site}.example/read/{i}"]
                + [f"https://m.{site}.example/{i}"] * (i % 4 == 0),
                "site": site,
                "title": text.splitlines()[0],
                "authors": [f"Penulis {i % 300}"],
                "published": f"{year}-{month:02d}-10T08:00:00+07:00",
                "section": f"Rubrik {i % 12}",
                "tags": [],
                "language": "id",
                "language_score": 0.99,
                "chars": len(text),
                "words": len(text.split()),
                "sha256": sha,
                "extractor": "fallback:trafilatura" if i % 17 == 0 else f"site:{site}",
                "pages": 1,
                "syndicated_from": None,
                "crawled_at": "2025-01-01T00:00:00Z",
            }
            manifest.write(json.dumps(entry, ensure_ascii=False) + "\n")
    db = sqlite3.connect(folder / "corpus.sqlite")
    db.execute(
        "CREATE TABLE runs (run INTEGER PRIMARY KEY, kind TEXT NOT NULL, started TEXT, "
        "finished TEXT NOT NULL, new INTEGER NOT NULL, folded TEXT NOT NULL, "
        "rejected TEXT NOT NULL)"
    )
    db.execute(
        "INSERT INTO runs (kind, finished, new, folded, rejected) VALUES (?, ?, ?, ?, ?)",
        (
            "crawl kompas",
            "2025-01-01T00:00:00Z",
            docs,
            '{"URL variant": 120}',
            '{"language (en)": 40, "incomplete (a page missing)": 9}',
        ),
    )
    db.commit()
    db.close()


def run(*args: str) -> tuple[float, float]:
    started = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "scrapy", *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    err = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{args[0]} failed: {err.decode()[-500:]}")
    return time.perf_counter() - started, usage.ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        print(f"{'corpus':>10} {'command':28} {'seconds':>8} {'peak RSS MiB':>13}")
        for docs in (args.docs // 10, args.docs):
            corpus = root / f"corpus-{docs}"
            started = time.perf_counter()
            build(corpus, docs)
            print(f"{docs:>10} {'(building the corpus)':28} {time.perf_counter() - started:8.1f}")
            out = root / str(docs)
            for name, cmd in (
                ("report", ["report", str(corpus), "-o", f"{out}.html"]),
                ("export --format parquet", ["export", str(corpus), "-o", f"{out}.parquet"]),
                (
                    "export --format jsonl",
                    ["export", str(corpus), "-o", f"{out}.jsonl", "--format", "jsonl"],
                ),
                (
                    "export --format hf",
                    ["export", str(corpus), "-o", f"{out}-hf", "--format", "hf"],
                ),
            ):
                seconds, peak = run(*cmd)
                print(f"{docs:>10} {name:28} {seconds:8.1f} {peak:13.0f}")
        print("target: report of the large corpus in under 60 s; export memory flat")


if __name__ == "__main__":
    main()
