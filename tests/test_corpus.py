"""The corpus: crawl the demo mirror (in this process), dedup, numbering, manifest, regenerate
(the real command), a second crawl, a writer killed mid-write."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO, run_scrapy
from tests.inprocess import Crawl, Mirror, crawl, local_mirror

EXPECTED = REPO / "demo" / "expected"
ARTICLES = json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8"))
DEMO_URLS = [a["canonical_url"] for a in ARTICLES if a["in_demo_crawl"]]
BY_URL = {a["canonical_url"]: a for a in ARTICLES}


@pytest.fixture(scope="module")
def mirror() -> Iterator[Mirror]:
    with local_mirror() as served:
        yield served


def crawl_demo(mirror: Mirror, folder: Path) -> Crawl:
    """The ``article`` spider over every URL of the demo."""
    folder.mkdir(parents=True, exist_ok=True)
    urls_file = folder / "urls.txt"
    urls_file.write_text("\n".join(DEMO_URLS) + "\n", encoding="utf-8")
    return crawl("article", folder, mirror, urls_file=str(urls_file))


def corpus_files(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".jsonl")
    }


@pytest.fixture(scope="module")
def crawled(mirror: Mirror, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Crawl]:
    folder = tmp_path_factory.mktemp("crawl")
    return folder, crawl_demo(mirror, folder)


def test_corpus_has_one_document_per_story_in_the_format(crawled) -> None:
    folder, run = crawled
    corpus = folder / "corpus"
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text().splitlines()]
    texts = sorted(p.name for p in corpus.glob("*.txt"))
    assert [m["file"] for m in manifest] == texts
    # 15 demo articles crawled: 2 not Indonesian; 2 Tribun copies of Kompas stories (one exact,
    # one near) fold into their originals.
    written = [
        a["canonical_url"]
        for a in ARTICLES
        if a["in_demo_crawl"] and a["language"] == "id" and not a["syndicated_from"]
    ]
    assert len(written) == 11
    assert sorted(m["url"] for m in manifest) == sorted(written)
    for number, (entry, name) in enumerate(zip(manifest, texts, strict=True)):
        data = (corpus / name).read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        assert name == f"{number:03d}_{digest[:16]}.txt" and entry["sha256"] == digest
        expected = BY_URL[entry["url"]]
        assert data == (EXPECTED / expected["file"]).read_bytes()
        assert entry["language"] == "id" and entry["chars"] == len(data.decode())
        assert entry["words"] == len(data.decode().split())
        assert entry["published"] == expected["published"] and entry["site"] == expected["site"]
        assert entry["extractor"] == f"site:{entry['site']}"
        assert entry["crawled_at"].endswith("Z") and entry["urls"]
    # Numbered by publication time, then URL.
    assert [m["published"] for m in manifest] == sorted(m["published"] for m in manifest)
    # The usual file mode (the crawl ran with this process's umask), not mkstemp's 0600.
    umask = os.umask(0o022)
    os.umask(umask)
    for path in [corpus / "manifest.jsonl", *corpus.glob("*.txt")]:
        assert path.stat().st_mode & 0o777 == 0o666 & ~umask, path
    assert run.stat("language/rejected/en") == 1 and run.stat("language/rejected/ms") == 1


def test_syndicated_and_near_duplicate_copies_fold_into_the_original(crawled) -> None:
    folder, _ = crawled
    manifest = [
        json.loads(line) for line in (folder / "corpus" / "manifest.jsonl").read_text().splitlines()
    ]
    by_url = {m["url"]: m for m in manifest}
    for copy in (a for a in ARTICLES if a.get("syndicated_from")):
        assert copy["canonical_url"] not in by_url
        holders = [m for m in manifest if copy["canonical_url"] in m["urls"]]
        assert len(holders) == 1 and holders[0]["site"] == "kompas"
    near = next(a for a in ARTICLES if a["file"] == "tribun/banjir-cawang-salinan.txt")
    original = next(m for m in manifest if near["canonical_url"] in m["urls"])
    assert original["title"] != near["title"]  # a near, not an exact, duplicate


@pytest.mark.e2e
def test_regenerate_from_the_archive_gives_the_same_corpus_byte_for_byte(
    crawled, tmp_path: Path
) -> None:
    folder, _ = crawled
    for workers in ("1", "2"):
        out = tmp_path / f"regen{workers}"
        result = run_scrapy(
            "regenerate", folder / "raw", "-o", out, "--workers", workers, "--no-progress"
        )
        assert result.returncode == 0, result.stderr
        assert corpus_files(out) == corpus_files(folder / "corpus")
        assert "skipped 1: not Indonesian (en)" in result.stderr


def test_a_second_crawl_adds_nothing(mirror: Mirror, crawled, tmp_path: Path) -> None:
    folder, _ = crawled
    again = tmp_path / "again"
    shutil.copytree(folder / "corpus", again / "corpus")
    before = corpus_files(again / "corpus")
    run = crawl_demo(mirror, again)
    assert corpus_files(again / "corpus") == before
    # What the corpus holds is not even fetched again.
    assert run.stat("corpus/new") == 0 and run.stat("article/already_in_corpus") == 13
    assert run.items == [] and run.stat("item_scraped_count") is None


def test_url_variants_are_listed_on_their_document(mirror: Mirror, tmp_path: Path) -> None:
    crawl("kompas", tmp_path, mirror, since="2020-09-30", until="2020-10-05")
    manifest = [
        json.loads(line)
        for line in (tmp_path / "corpus" / "manifest.jsonl").read_text().splitlines()
    ]
    urls = {u for m in manifest for u in m["urls"]}
    assert any(u.startswith("https://amp.kompas.com/global/read/2020/09/30/") for u in urls)
    assert any(u.endswith("?source=widgetterkini") for u in urls)
    flood = next(m for m in manifest if "banjir-rendam-permukiman" in m["url"])
    assert len(flood["urls"]) == 2  # the sitemap URL and the index page's ?source= variant


CHILD = """
import os, signal, sys
from pathlib import Path
import corpus.store as writer
from articles.record import Article
from corpus.atomic import write_atomic_many

batches = 0

def announce(folder, files):
    global batches
    write_atomic_many(folder, files)
    batches += 1
    if batches == 10:  # killed at once, as a power cut would, in the middle of the batches
        os.kill(os.getpid(), signal.SIGKILL)

writer.write_atomic_many = announce
writer.FILES_PER_BATCH = 4
store = writer.CorpusStore(Path(sys.argv[1]))
for i in range(120):
    body = f"Paragraf berita nomor {i} dengan isi yang panjang sekali. " * 3000
    store.stage(Article(canonical_url=f"https://kumparan.com/a/berita-{i}-2{i:010d}", url="x",
                        site="kumparan", title=f"Judul {i}", text=f"Judul {i}\\n\\n{body}\\n",
                        extractor="site:kumparan",
                        published=f"2020-10-{1 + i % 28:02d}T00:00:00+07:00"))
store.finish()
"""


@pytest.mark.e2e
def test_a_killed_writer_leaves_no_partial_file_and_the_next_run_completes(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    child = subprocess.run([sys.executable, "-c", CHILD, str(folder)], cwd=REPO, check=False)
    assert child.returncode == -9, "the writer was killed while writing files"
    written = list(folder.glob("*.txt"))
    assert 0 < len(written) < 120
    for path in written:  # every file on disk is whole: its name is the hash of its bytes
        assert path.name[4:20] == hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    # The next run finishes what was committed; nothing is written twice or left behind.
    from corpus.store import CorpusStore

    store = CorpusStore(folder)
    store.write_files()
    store.close()
    assert not list(folder.glob(".*.tmp"))
    manifest = [json.loads(line) for line in (folder / "manifest.jsonl").read_text().splitlines()]
    assert len(manifest) == 120 == len(list(folder.glob("*.txt")))
    for entry in manifest:
        data = (folder / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"]
