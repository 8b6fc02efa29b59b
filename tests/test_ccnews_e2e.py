"""``scrapy ccnews`` end to end: the real command against a local stand-in for Common Crawl that
shows its faults; asserted on the corpus (the one ``scrapy regenerate`` writes from the same
files read locally) and on what the server saw (files asked for, connections, waits)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from archives.warc import read_records
from corpus.regenerate import regenerate
from tests.ccnews_server import (
    JANUARY,
    Capture,
    CommonCrawlStandIn,
    build_demo_months,
    build_month,
    demo_captures,
)
from tests.conftest import REPO, run_scrapy
from tests.redis_server import running_redis

pytestmark = pytest.mark.e2e

CONTACT = "backfill-test@example.org"


@pytest.fixture(scope="module")
def cc(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str]]:
    root = tmp_path_factory.mktemp("cc")
    return root, build_demo_months(root)


@pytest.fixture(scope="module")
def expected(cc: tuple[Path, list[str]], tmp_path_factory: pytest.TempPathFactory) -> dict:
    """The corpus ``scrapy regenerate`` writes from January's files, read locally."""
    root, january = cc
    out = tmp_path_factory.mktemp("expected")
    regenerate([str(root / p) for p in january], out, progress=False)
    return corpus_of(out)


def corpus_of(folder: Path) -> dict[str, bytes]:
    """A corpus as its users see it: the documents and the manifest."""
    files = [*sorted(folder.glob("[0-9]*_*.txt")), folder / "manifest.jsonl"]
    return {f.name: f.read_bytes() for f in files}


def texts_of(corpus: dict[str, bytes]) -> list[bytes]:
    return sorted(data for name, data in corpus.items() if name.endswith(".txt"))


def ccnews_args(stand_in: CommonCrawlStandIn, out: Path, *extra: str) -> list[str]:
    return [
        "ccnews",
        "--since", "2024-01-01", "--until", "2024-01-31",
        "--base", stand_in.base,
        "-o", str(out / "corpus"), "--archive", str(out / "raw"),
        "--no-progress",
        "-s", f"CONTACT={CONTACT}",
        *extra,
    ]  # fmt: skip


def _retries_waited(stand_in: CommonCrawlStandIn) -> list[float]:
    """For every file asked for again, how long after the try before."""
    waits, last = [], {}
    for seen in stand_in.requests:
        if seen.path in last:
            waits.append(seen.at - last[seen.path])
        last[seen.path] = seen.at
    return waits


def test_a_backfill_through_faults_writes_the_corpus_regenerate_writes(
    cc: tuple[Path, list[str]], expected: dict, tmp_path: Path
) -> None:
    root, january = cc
    half = (root / january[1]).stat().st_size // 2
    faults = {
        january[0]: ["503", "403"],
        january[1]: [f"cut:{half}", "429"],
        january[2]: ["xml", "reset"],
    }
    with CommonCrawlStandIn(root, faults) as stand_in:
        result = run_scrapy(*ccnews_args(stand_in, tmp_path, "--downloads", "2"), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert corpus_of(tmp_path / "corpus") == expected
    # Only the range's month and files were asked for; never more than two connections.
    assert stand_in.paths_requested() == {f"{JANUARY}warc.paths.gz", *january}
    assert 1 <= stand_in.most_connections <= 2
    # Every file was asked for again after each fault, a second or more later.
    waits = _retries_waited(stand_in)
    assert len(waits) == 6 and min(waits) >= 1.0, waits
    assert all(CONTACT in agent for agent in stand_in.user_agents), stand_in.user_agents
    # The archive holds our sites' captures only.
    slim = sorted((tmp_path / "raw" / "ccnews").rglob("*.warc.gz"))
    assert [p.name for p in slim] == sorted(p.rsplit("/", 1)[1] for p in january)
    urls = {r.url for p in slim for r in read_records(p, 64) if r.kind == "response"}
    assert urls and not [u for u in urls if "worldnews.example" in u]
    # The article CC-NEWS has the first of two pages of is listed for the live crawl.
    (listed,) = (tmp_path / "corpus").glob("incomplete-ccnews-*.txt")
    assert listed.read_text().split() == [
        "https://megapolitan.kompas.com/read/2020/10/05/081500201/"
        "banjir-rendam-permukiman-di-jakarta-timur-ratusan-warga-mengungsi"
    ]
    assert f"urls_file={listed}" in result.stderr
    # The report's runs say what was read.
    assert "ccnews" in result.stderr and "retried after: " in result.stderr


def _start(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "scrapy", *args],
        cwd=REPO,
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_killed_and_started_again_it_ends_with_the_same_corpus(
    cc: tuple[Path, list[str]], expected: dict, tmp_path: Path
) -> None:
    root, january = cc
    with CommonCrawlStandIn(root, {january[1]: ["stall:2000"]}) as stand_in:
        first = _start(ccnews_args(stand_in, tmp_path, "--downloads", "1"))
        assert stand_in.stalled.wait(60), first.communicate()[1][-2000:]
        first.send_signal(signal.SIGKILL)  # no cleanup of any kind
        first.wait(30)
        stand_in.release.set()
        restarted_at = len(stand_in.requests)
        result = run_scrapy(*ccnews_args(stand_in, tmp_path, "--downloads", "1"), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert corpus_of(tmp_path / "corpus") == expected
    again = [r.path for r in stand_in.requests[restarted_at:] if r.path.endswith(".warc.gz")]
    assert again == january[1:], "a file finished before the kill was downloaded again"
    assert stand_in.most_connections == 1
    assert not list((tmp_path / "raw").rglob("*.open"))


def test_a_file_that_keeps_failing_is_reported_and_the_next_run_gets_it(
    cc: tuple[Path, list[str]], expected: dict, tmp_path: Path
) -> None:
    root, january = cc
    args = ("-s", "CCNEWS_ATTEMPTS=2")
    with CommonCrawlStandIn(root, {january[2]: ["503", "503", "503"]}) as stand_in:
        failed = run_scrapy(*ccnews_args(stand_in, tmp_path, *args), timeout=300)
        assert failed.returncode == 1
        assert (
            f"error: {january[2]}: " in failed.stderr
            and "run the same command again" in failed.stderr
        )
        assert len([r for r in stand_in.requests if r.path == january[2]]) == 2
        stand_in.faults.clear()
        before = len(stand_in.requests)
        result = run_scrapy(*ccnews_args(stand_in, tmp_path, *args), timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert [
        r.path
        for r in stand_in.requests[before:]
        if r.path.endswith(".gz") and "paths" not in r.path
    ] == [january[2]]
    # Two runs number their documents in two batches: the same documents, numbered otherwise.
    assert texts_of(corpus_of(tmp_path / "corpus")) == texts_of(expected)


def test_peak_memory_stays_under_400_mb_with_a_120_mb_file(tmp_path: Path) -> None:
    root = tmp_path / "cc"
    ours = demo_captures()
    # 120 one-megabyte pages of another site that do not compress, ours among them.
    padding = [_incompressible_capture(n) for n in range(120)]
    (path,) = build_month(root, "2024/01", {"20240110000000": padding[:60] + ours + padding[60:]})
    size = (root / path).stat().st_size
    assert size > 120_000_000
    with CommonCrawlStandIn(root) as stand_in:
        wrapper = (
            "import resource, subprocess, sys; "
            "code = subprocess.run(sys.argv[1:]).returncode; "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)"
        )
        result = subprocess.run(
            [sys.executable, "-c", wrapper, sys.executable, "-m", "scrapy",
             *ccnews_args(stand_in, tmp_path / "out")],
            cwd=REPO, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    peak_mb = int(result.stdout.split()[-1]) / 1024
    assert peak_mb < 400, f"peak RSS {peak_mb:.0f} MB"
    print(f"peak RSS of scrapy ccnews with a {size / 1e6:.0f} MB file: {peak_mb:.0f} MB")
    assert len(corpus_of(tmp_path / "out" / "corpus")) > 10  # our articles came through


def _incompressible_capture(n: int) -> Capture:
    body = b"<html><body><pre>" + os.urandom(1_000_000) + b"</pre></body></html>"
    return Capture(f"https://video.worldnews.example/{n}.html", "2024-01-10T00:00:00Z", body)


def test_two_processes_on_redis_share_the_files_and_take_a_dead_ones(
    cc: tuple[Path, list[str]], expected: dict, tmp_path: Path
) -> None:
    root, january = cc
    with (
        running_redis(tmp_path) as redis_url,
        CommonCrawlStandIn(root, {january[0]: ["stall:2000"]}) as stand_in,
    ):
        shared = ("-s", f"REDIS_URL={redis_url}", "-s", "FRONTIER_NAME=backfill-test",
                  "-s", "CCNEWS_LEASE=2", "--downloads", "1")  # fmt: skip
        # A process takes the first file and dies with it.
        dead = _start(ccnews_args(stand_in, tmp_path / "dead", *shared))
        assert stand_in.stalled.wait(60), dead.communicate()[1][-2000:]
        dead.send_signal(signal.SIGKILL)
        dead.wait(30)
        died_at = len(stand_in.requests)
        stand_in.release.set()  # (the dead one's answer ends)
        stand_in.release.clear()
        stand_in.stalled.clear()
        # Two others: the one that takes the second file is held on it, so the other takes
        # the third, then the dead one's file once its lease has run out.
        stand_in.faults[january[1]] = ["stall:2000"]
        a = _start(ccnews_args(stand_in, tmp_path / "a", *shared))
        b = _start(ccnews_args(stand_in, tmp_path / "b", *shared))
        assert _wait_for(lambda: _started(stand_in, died_at) >= set(january)), stand_in.requests
        stand_in.release.set()
        outputs = [p.communicate(timeout=300) for p in (a, b)]
    assert a.returncode == 0 and b.returncode == 0, [err[-2000:] for _, err in outputs]
    started = [r.path for r in stand_in.requests[died_at:] if r.path in january and not r.range]
    assert sorted(started) == sorted(january), "each file downloaded once in all"
    shards = [tmp_path / "a" / "raw", tmp_path / "b" / "raw"]
    assert all(list(s.rglob("*.warc.gz")) for s in shards), "both processes did work"
    merged = tmp_path / "merged"
    regenerate([str(s) for s in shards], merged, progress=False)
    assert corpus_of(merged) == expected


def _started(stand_in: CommonCrawlStandIn, since: int) -> set[str]:
    return {r.path for r in stand_in.requests[since:] if r.status in (200, 206)}


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> bool:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.1)
    return True


def test_the_corpus_report_says_the_run_read_cc_news(
    cc: tuple[Path, list[str]], tmp_path: Path
) -> None:
    root, _ = cc
    with CommonCrawlStandIn(root) as stand_in:
        assert run_scrapy(*ccnews_args(stand_in, tmp_path), timeout=300).returncode == 0
    from corpus.report import runs_of

    (run,) = runs_of(tmp_path / "corpus")
    assert run["kind"] == "ccnews"
    # scrapy explain reads a page from the slim archive, as regenerate does.
    url = (
        "https://kumparan.com/kumparanbola/"
        + next((REPO / "demo/mirror/kumparan.com/kumparanbola").iterdir()).name
    )
    explained = run_scrapy("explain", url, "--archive", tmp_path / "raw")
    assert explained.returncode == 0, explained.stderr[-2000:]
    assert "site: kumparan; read by: layout" in explained.stdout
    missing = run_scrapy("explain", url + "-x", "--archive", tmp_path / "raw")
    assert missing.returncode != 0 and "no page of it in" in missing.stderr.splitlines()[-1]
    assert run["source"].startswith("CC-NEWS files captured 2024-01-01..2024-01-31")
    assert run["rejected"]["incomplete (a page missing)"] == 1
