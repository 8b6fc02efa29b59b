"""The CC-NEWS backfill's parts, in the test process: the months and listings, the waits, the
polite client against a local stand-in for Common Crawl with its faults, and the capture copier
(our captures kept unchanged, a cut download resumed)."""

from __future__ import annotations

import json
import time
from datetime import date
from pathlib import Path

import pytest

from archives.ccnews import (
    CaptureCopier,
    ListingError,
    copy_file,
    files_in_range,
    keeps_sites,
    months,
    parse_listing,
)
from archives.remote import Backoff, GaveUp, PoliteClient
from archives.warc import read_records
from archives.writer import WarcFile
from cleaners.sites import CRAWLED_SITES
from corpus.backfill import Backfill, backfill
from corpus.progress import ProgressDisplay
from corpus.regenerate import Published
from tests.ccnews_server import JANUARY, CommonCrawlStandIn, build_demo_months


@pytest.fixture(scope="module")
def cc_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cc")
    build_demo_months(root)
    return root


def client(stand_in: CommonCrawlStandIn, attempts: int = 4) -> PoliteClient:
    return PoliteClient(
        stand_in.base, "beritabersih-test (+test@example.org)", 2, attempts=attempts
    )


def test_a_range_takes_the_months_it_spans_and_no_month_before_cc_news() -> None:
    assert months(date(2023, 12, 31), date(2024, 2, 1)) == [
        date(2023, 12, 1),
        date(2024, 1, 1),
        date(2024, 2, 1),
    ]
    assert months(date(2010, 1, 1), date(2016, 9, 3)) == [date(2016, 8, 1), date(2016, 9, 1)]


def test_a_listing_names_files_of_its_own_month_only() -> None:
    import gzip

    good = f"{JANUARY}CC-NEWS-20240105101500-00000.warc.gz\n"
    assert parse_listing(gzip.compress(good.encode()), date(2024, 1, 1)) == [good.strip()]
    for bad in (
        "crawl-data/CC-NEWS/2024/02/CC-NEWS-20240201000100-00000.warc.gz",  # another month
        f"{JANUARY}../../../etc/passwd",
        "file:///etc/passwd",
    ):
        with pytest.raises(ListingError):
            parse_listing(gzip.compress(bad.encode()), date(2024, 1, 1))
    with pytest.raises(ListingError):  # an error page where the listing should be
        parse_listing(b"\x1f\x8b<Error><Code>SlowDown</Code></Error>", date(2024, 1, 1))


def test_every_wait_is_a_second_or_more_and_grows_with_the_failures() -> None:
    backoff = Backoff()
    for failures in range(1, 9):
        waits = [backoff.delay(failures) for _ in range(50)]
        low = min(300.0, 2.0 ** (failures - 1))
        assert all(low <= w <= low * 1.5 for w in waits), (failures, min(waits), max(waits))
        assert len(set(waits)) > 1  # jitter: clients do not retry in step
    assert backoff.delay(1, retry_after=30) >= 30  # the server's Retry-After is respected


def test_the_range_is_read_from_the_month_listings_by_capture_time(cc_root: Path) -> None:
    with CommonCrawlStandIn(cc_root) as stand_in:
        found = files_in_range(client(stand_in), date(2024, 1, 6), date(2024, 1, 31))
    assert [p.rsplit("-", 2)[1] for p in found] == ["20240120101500", "20240131235900"]
    assert stand_in.paths_requested() == {f"{JANUARY}warc.paths.gz"}


def _copy(stand_in: CommonCrawlStandIn, path: str, out: Path, attempts: int = 4) -> CaptureCopier:
    slim = WarcFile(out)
    copier = CaptureCopier(slim, keeps_sites(CRAWLED_SITES), 16 << 20)
    copy_file(client(stand_in, attempts), path, copier)
    slim.close()
    return copier


def _responses(path: Path) -> dict[str, bytes]:
    return {r.url: r.block for r in read_records(path, 1 << 24) if r.kind == "response"}


def test_the_slim_archive_holds_our_article_captures_unchanged(
    cc_root: Path, tmp_path: Path
) -> None:
    path = f"{JANUARY}CC-NEWS-20240105101500-00000.warc.gz"
    with CommonCrawlStandIn(cc_root) as stand_in:
        copier = _copy(stand_in, path, tmp_path / "slim.warc.gz")
    kept = _responses(tmp_path / "slim.warc.gz")
    everything = _responses(cc_root / path)
    assert copier.count.kept == 6 and copier.count.records == 14
    assert kept == {url: block for url, block in everything.items() if "worldnews" not in url}
    assert {r.kind for r in read_records(tmp_path / "slim.warc.gz", 64)} == {"response"}


@pytest.mark.parametrize("fault", ["503", "403", "429", "xml", "reset"])
def test_a_refusal_or_an_error_body_is_waited_out_and_never_read_as_warc(
    cc_root: Path, tmp_path: Path, fault: str
) -> None:
    path = f"{JANUARY}CC-NEWS-20240105101500-00000.warc.gz"
    with CommonCrawlStandIn(cc_root, {path: [fault]}) as stand_in:
        copier = _copy(stand_in, path, tmp_path / "slim.warc.gz")
    first, second = stand_in.requests
    assert second.at - first.at >= 1.0  # the retry waited a second or more
    assert copier.count.kept == 6 and copier.count.tries == 2


def test_a_cut_download_goes_on_from_its_last_whole_record(cc_root: Path, tmp_path: Path) -> None:
    path = f"{JANUARY}CC-NEWS-20240120101500-00001.warc.gz"
    size = (cc_root / path).stat().st_size
    with CommonCrawlStandIn(cc_root, {path: [f"cut:{size // 2}"]}) as stand_in:
        _copy(stand_in, path, tmp_path / "slim.warc.gz")
    first, second = stand_in.requests
    resumed_at = int(second.range.removeprefix("bytes=").rstrip("-"))
    assert (second.status, first.range) == (206, "")
    assert 0 < resumed_at <= size // 2
    # The download read about the file once, not twice.
    assert sum(r.status in (200, 206) for r in stand_in.requests) == 2
    whole = tmp_path / "whole.warc.gz"
    with CommonCrawlStandIn(cc_root) as stand_in:
        _copy(stand_in, path, whole)
    assert _responses(tmp_path / "slim.warc.gz") == _responses(whole)


def test_a_server_that_ignores_ranges_is_read_again_from_the_start(
    cc_root: Path, tmp_path: Path
) -> None:
    path = f"{JANUARY}CC-NEWS-20240120101500-00001.warc.gz"
    size = (cc_root / path).stat().st_size
    with CommonCrawlStandIn(cc_root, {path: [f"cut:{size // 2}", "norange"]}) as stand_in:
        copier = _copy(stand_in, path, tmp_path / "slim.warc.gz")
    assert [r.status for r in stand_in.requests] == [200, 200]
    whole = {url for url in _responses(cc_root / path) if "worldnews" not in url}
    assert set(_responses(tmp_path / "slim.warc.gz")) == whole
    assert copier.count.kept == len(whole)  # nothing written twice


def test_a_file_that_keeps_failing_gives_up_after_its_tries(cc_root: Path, tmp_path: Path) -> None:
    path = f"{JANUARY}CC-NEWS-20240105101500-00000.warc.gz"
    with CommonCrawlStandIn(cc_root, {path: ["503", "503"]}) as stand_in:
        started = time.monotonic()
        with pytest.raises(GaveUp, match="2 tries failed"):
            _copy(stand_in, path, tmp_path / "slim.warc.gz", attempts=2)
    assert time.monotonic() - started >= 1.0
    assert len(stand_in.requests) == 2


def test_articles_published_outside_the_given_days_are_counted_not_written(
    cc_root: Path, tmp_path: Path
) -> None:
    with CommonCrawlStandIn(cc_root) as stand_in:
        job = Backfill(
            since=date(2024, 1, 1),
            until=date(2024, 1, 10),
            archive=tmp_path / "raw",
            corpus=tmp_path / "corpus",
            sites=tuple(CRAWLED_SITES),
            user_agent="beritabersih-test",
            base=stand_in.base,
            published=Published(date(2020, 10, 5), None),
            display=ProgressDisplay(shown=False),
        )
        report = backfill(job)
    assert report.corpus is not None
    outside = report.corpus.rejected["outside the dates"]
    # The first file's six articles: the two of 2020-09-30 and 2020-10-01 are before the day.
    assert outside == 2, report.corpus.rejected
    manifest = (tmp_path / "corpus" / "manifest.jsonl").read_text(encoding="utf-8")
    days = sorted(json.loads(line)["published"][:10] for line in manifest.splitlines())
    assert days and days[0] >= "2020-10-05", days


def test_refused_downloads_give_their_connection_back(cc_root: Path, tmp_path: Path) -> None:
    """One connection, two refusals: each refused answer's connection is returned to the pool
    (a pool that blocks when full would otherwise wait forever)."""
    import threading

    path = f"{JANUARY}CC-NEWS-20240105101500-00000.warc.gz"
    with CommonCrawlStandIn(cc_root, {path: ["503", "xml"]}) as stand_in:
        one = PoliteClient(stand_in.base, "beritabersih-test", connections=1, attempts=4)
        slim = WarcFile(tmp_path / "slim.warc.gz")
        copier = CaptureCopier(slim, keeps_sites(CRAWLED_SITES), 16 << 20)
        worker = threading.Thread(target=copy_file, args=(one, path, copier), daemon=True)
        worker.start()
        worker.join(30)
    assert not worker.is_alive(), "the download waits for a connection no one gave back"
    assert copier.count.kept == 6
