"""Interrupted crawls (SIGINT, SIGKILL) started again end with the uninterrupted corpus."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.inprocess import Mirror, local_mirror
from tests.mirror import offline_settings

pytestmark = pytest.mark.e2e

ARTICLES = json.loads((REPO / "demo" / "expected" / "articles.json").read_text(encoding="utf-8"))
DEMO_URLS = [a["canonical_url"] for a in ARTICLES if a["in_demo_crawl"]]


@pytest.fixture(scope="module")
def mirror() -> Iterator[Mirror]:
    with local_mirror() as served:
        yield served


def crawl_args(mirror_url: str, folder: Path, *extra: str) -> list[str]:
    urls_file = folder / "urls.txt"
    urls_file.write_text("\n".join(DEMO_URLS) + "\n", encoding="utf-8")
    # Later -s options win: the tests' own DOWNLOAD_DELAY replaces the fast default.
    return [
        "crawl",
        "article",
        "-a",
        f"urls_file={urls_file}",
        *offline_settings(mirror_url, folder),
        *extra,
    ]


def corpus(folder: Path) -> tuple[dict[str, bytes], list[dict]]:
    """The text files, and the manifest without crawl times (which differ from run to run)."""
    texts = {p.name: p.read_bytes() for p in sorted(folder.glob("*.txt"))}
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    for entry in manifest:
        entry.pop("crawled_at")
    return texts, manifest


@pytest.fixture(scope="module")
def uninterrupted(mirror, tmp_path_factory: pytest.TempPathFactory) -> tuple[dict, list]:
    folder = tmp_path_factory.mktemp("whole")
    result = run_scrapy(*crawl_args(mirror.url, folder))
    assert result.returncode == 0, result.stderr[-2000:]
    return corpus(folder / "corpus")


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["SIGINT", "SIGKILL"])
def test_interrupted_crawl_resumes_to_the_same_corpus(
    mirror, uninterrupted, tmp_path: Path, how
) -> None:
    one_at_a_time = ("-s", "CONCURRENT_REQUESTS=1", "-s", f"JOBDIR={tmp_path / 'job'}")
    before = len(mirror.requested())
    children: list[subprocess.Popen] = []
    # Interrupted right after its 8th request is answered (of some 30 in the whole crawl).
    mirror.log.when(8, lambda: children[0].send_signal(how))
    child = subprocess.Popen(
        [sys.executable, "-m", "scrapy", *crawl_args(mirror.url, tmp_path, *one_at_a_time)],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
    )
    children.append(child)  # (its first request comes after Python and Scrapy have started)
    _, stderr = child.communicate(timeout=120)
    assert len(mirror.requested()) - before < 30, "the crawl was interrupted before its end"
    if how == signal.SIGINT:
        assert "run interrupted" in stderr and "'corpus/staged_for_next_run'" in stderr
    # Whatever the interruption left: only whole files, never a numbered partial corpus.
    assert not list((tmp_path / "corpus").glob("*.txt"))

    again = run_scrapy(*crawl_args(mirror.url, tmp_path, "-s", f"JOBDIR={tmp_path / 'job'}"))
    assert again.returncode == 0, again.stderr[-2000:]
    assert corpus(tmp_path / "corpus") == uninterrupted
