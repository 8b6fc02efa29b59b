"""Regenerate's processes: how pass 2 is handed out, and runs that stop (Ctrl-C, a worker that dies)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from archives.index import Unit
from corpus.regenerate import _chunks
from tests.conftest import REPO, run_scrapy
from tests.test_corpus import corpus_files
from tests.test_regenerate_bad_records import write_warc


def demo_pages() -> list[tuple[str, bytes]]:
    """The demo's kumparan articles (whole on one page), with the URLs they are served under."""
    root = REPO / "demo" / "mirror" / "kumparan.com"
    return [
        (f"https://kumparan.com/{page.relative_to(root)}", page.read_bytes())
        for page in sorted(root.glob("kumparan*/*"))
    ]


def test_pass_two_hands_out_every_article_once_in_order_in_shrinking_chunks() -> None:
    """Large chunks save round trips between the processes; the last ones are small, so one
    worker does not finish a large chunk alone while the other waits."""
    units = [Unit(f"https://kumparan.com/a/berita-{i}") for i in range(1000)]
    chunks = list(_chunks(units, 2))
    assert [unit for chunk in chunks for unit in chunk] == units
    sizes = [len(chunk) for chunk in chunks]
    assert sizes[0] == 64 and sizes[-1] <= 4
    assert sizes == sorted(sizes, reverse=True)
    assert [len(c) for c in _chunks(units[:3], 2)] == [3]
    assert list(_chunks([], 2)) == []


@pytest.mark.parametrize("workers", [1, 2])
def test_a_regeneration_interrupted_then_run_again_writes_the_corpus_of_an_unbroken_one(
    tmp_path: Path, monkeypatch, workers: int
) -> None:
    """Ctrl-C reaches the main process while it stages the workers' articles: the next run in
    the same folder ends as if nothing had happened, with no temporary file left."""
    from corpus import regenerate as module
    from corpus.store import CorpusStore

    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, [(url, "text/html; charset=utf-8", body) for url, body in demo_pages()])
    unbroken = tmp_path / "unbroken"
    module.regenerate([str(archive)], unbroken, workers, progress=False)
    assert len(list(unbroken.glob("*.txt"))) == 4

    stage_many = CorpusStore.stage_many
    calls: list[int] = []

    def interrupted(self: CorpusStore, articles: list) -> None:
        calls.append(len(articles))
        if len(calls) == 2:  # after a first batch is staged (and its texts written ahead)
            raise KeyboardInterrupt
        stage_many(self, articles)

    folder = tmp_path / "corpus"
    monkeypatch.setattr(module, "STAGE_BATCH", 2)
    monkeypatch.setattr(CorpusStore, "stage_many", interrupted)
    with pytest.raises(KeyboardInterrupt):
        module.regenerate([str(archive)], folder, workers, progress=False)
    monkeypatch.undo()
    assert calls == [2, 2]
    assert not list(folder.glob("*.txt")) and list(folder.glob(".*.tmp"))
    module.regenerate([str(archive)], folder, workers, progress=False)
    assert corpus_files(folder) == corpus_files(unbroken)
    assert not list(folder.glob(".*.tmp"))


def _ctrl_c_ready() -> None:
    """The child takes Ctrl-C as a shell's foreground job does (a test runner may ignore it)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.e2e
def test_ctrl_c_stops_a_regeneration_with_one_line_and_the_next_run_finishes_it(
    tmp_path: Path,
) -> None:
    """Ctrl-C reaches the whole process group, workers included: one line says what to do (no
    worker's traceback), the exit status is 130, no process is left, and the run after it writes
    the corpus an unbroken run writes."""
    # 600 articles (the demo's four, each under 150 addresses): pass 2 outlasts the first line.
    records = [
        (f"{url[:-3]}{i:03d}", "text/html; charset=utf-8", body)
        for url, body in demo_pages()
        for i in range(150)
    ]
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, records)
    command = [sys.executable, "-m", "scrapy", "regenerate", str(archive), "--workers", "2"]
    folder = tmp_path / "corpus"
    run = subprocess.Popen(
        [*command, "-o", str(folder), "-s", "PROGRESS_INTERVAL=0.001"],
        cwd=REPO,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a shell's job
        preexec_fn=_ctrl_c_ready,
    )
    assert run.stderr is not None
    for line in run.stderr:
        if line.startswith("regenerate: progress:") and " pages (" in line:  # in pass 2
            os.killpg(run.pid, signal.SIGINT)
            break
    said = run.stderr.read()
    assert run.wait(timeout=60) == 130
    assert said.startswith("regenerate: interrupted;") and "Traceback" not in said, said
    with pytest.raises(ProcessLookupError):  # the workers are gone with it
        os.killpg(run.pid, 0)
    assert not list(folder.glob("*.txt"))
    unbroken = tmp_path / "unbroken"
    for out in (folder, unbroken):
        done = run_scrapy(*command[3:], "-o", out, "--no-progress")
        assert done.returncode == 0, done.stderr
    assert corpus_files(folder) == corpus_files(unbroken)
    assert len(corpus_files(folder)) == 5  # four documents and the manifest
    assert not list(folder.glob(".*.tmp"))


# A worker that dies on one article, as one killed for memory or crashed by a library would.
DIES_ON_ONE_ARTICLE = """
import os, sys
import corpus.regenerate as module
real = module.rebuild
def dies(unit, *args, **kwargs):
    if "rendang" in unit.article:
        os._exit(9)
    return real(unit, *args, **kwargs)
module.rebuild = dies
from scrapy.cmdline import execute
execute(["scrapy", "regenerate", *sys.argv[1:], "--workers", "2", "--no-progress"])
"""


@pytest.mark.e2e
def test_a_worker_that_dies_fails_the_run_in_one_line_instead_of_hanging_it(
    tmp_path: Path,
) -> None:
    archive = tmp_path / "crawl.warc.gz"
    write_warc(archive, [(url, "text/html; charset=utf-8", body) for url, body in demo_pages()])
    folder = tmp_path / "corpus"
    died = subprocess.run(
        [sys.executable, "-c", DIES_ON_ONE_ARTICLE, str(archive), "-o", str(folder)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,  # multiprocessing.Pool waited for the dead worker's result forever
    )
    assert died.returncode == 1
    assert died.stderr.startswith("regenerate: error: a worker process ended abruptly")
    assert not list(folder.glob("*.txt"))
    again = run_scrapy("regenerate", archive, "-o", folder, "--workers", "2", "--no-progress")
    assert again.returncode == 0, again.stderr
    assert len(list(folder.glob("*.txt"))) == 4 and not list(folder.glob(".*.tmp"))
