"""Two crawler processes on one Redis frontier: the same pages, each once, the same corpus."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.inprocess import Mirror, crawl, local_mirror
from tests.mirror import offline_settings
from tests.redis_server import running_redis

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def mirror() -> Iterator[Mirror]:
    with local_mirror() as served:
        yield served


def corpus(folder: Path) -> tuple[dict[str, bytes], list[dict]]:
    texts = {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    for entry in manifest:
        entry.pop("crawled_at")  # when the page was fetched differs from run to run
    return texts, manifest


def pages(paths: list[str]) -> list[str]:
    # Each process's robots.txt middleware reads robots.txt itself to obey it: not crawl work.
    return [p for p in paths if not p.endswith("/robots.txt")]


def test_two_processes_fetch_each_url_once_and_merge_into_the_single_corpus(
    mirror, tmp_path: Path
) -> None:
    url = mirror.url
    alone = pages(crawl("tribun", tmp_path / "single", mirror).paths)

    with running_redis(tmp_path) as redis_url:
        shared = [
            "-s", f"REDIS_URL={redis_url}", "-s", f"FRONTIER_NAME=test-{time.time_ns()}",
        ]  # fmt: skip
        start = len(mirror.requested())
        procs = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "scrapy",
                    "crawl",
                    "tribun",
                    *offline_settings(url, tmp_path / f"p{k}"),
                    *shared,
                ],
                cwd=REPO,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for k in range(2)
        ]
        logs = [p.communicate(timeout=120)[1] for p in procs]
    assert all(p.returncode == 0 for p in procs), [lg[-1500:] for lg in logs]
    assert all("'SCHEDULER': 'crawler.frontier.SharedScheduler'" in lg for lg in logs)
    both = pages(mirror.requested()[start:])

    assert [p for p, n in Counter(both).items() if n > 1] == []  # no URL fetched twice
    assert sorted(both) == sorted(alone)  # together, exactly what one process fetched
    assert not any("/premium/" in p for p in both)  # robots.txt held in both processes

    merged = tmp_path / "merged"
    result = run_scrapy(
        "regenerate",
        tmp_path / "p0" / "raw",
        tmp_path / "p1" / "raw",
        "-o",
        merged,
        "--no-progress",
    )
    assert result.returncode == 0, result.stderr
    assert corpus(merged) == corpus(tmp_path / "single" / "corpus")


def test_an_idle_process_waits_while_another_is_busy_then_stops(mirror, tmp_path: Path) -> None:
    import redis

    name = f"test-{time.time_ns()}"
    with running_redis(tmp_path) as redis_url:
        # Another process's "busy" key, as FrontierWatch writes it, expiring in 2 s: this crawl
        # (in this process: no start-up time) must not stop before (the other could still fill
        # the queue), and must stop after.
        other = f"{name}:tribun:busy:elsewhere:1:0"
        redis.Redis.from_url(redis_url).set(other, b"1", px=2000)
        started = time.monotonic()
        run = crawl(
            "tribun", tmp_path / "p", mirror, {"REDIS_URL": redis_url, "FRONTIER_NAME": name}
        )
        took = time.monotonic() - started
        leftover = list(redis.Redis.from_url(redis_url).scan_iter(match=f"{name}:tribun:busy:*"))
    assert run.stat("finish_reason") == "finished"
    assert "Shared frontier empty and no other process busy: closing" in run.log
    assert took >= 2
    assert leftover == []  # its own key is gone too
