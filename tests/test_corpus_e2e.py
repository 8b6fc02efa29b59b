"""The corpus: crawl the demo mirror, dedup, numbering, manifest, regenerate, second crawl."""

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
from tests.mirror import offline_settings, running_mirror

pytestmark = pytest.mark.e2e

EXPECTED = REPO / "demo" / "expected"
ARTICLES = json.loads((EXPECTED / "articles.json").read_text(encoding="utf-8"))
DEMO_URLS = [a["canonical_url"] for a in ARTICLES if a["in_demo_crawl"]]
BY_URL = {a["canonical_url"]: a for a in ARTICLES}


@pytest.fixture(scope="module")
def mirror(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_mirror(tmp_path_factory.mktemp("mirror") / "requests.log") as url:
        yield url


def crawl(mirror_url: str, folder: Path, spider: str = "article", *args: str) -> str:
    urls_file = folder / "urls.txt"
    urls_file.write_text("\n".join(DEMO_URLS) + "\n", encoding="utf-8")
    extra = ("-a", f"urls_file={urls_file}") if spider == "article" else ()
    result = run_scrapy("crawl", spider, *extra, *args, *offline_settings(mirror_url, folder))
    assert result.returncode == 0, result.stderr[-3000:]
    return result.stderr


def corpus_files(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.suffix in (".txt", ".jsonl")
    }


@pytest.fixture(scope="module")
def crawled(mirror: str, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("crawl")
    return folder, crawl(mirror, folder)


def test_corpus_has_one_document_per_story_in_the_format(crawled) -> None:
    folder, stderr = crawled
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
    assert "'language/rejected/en': 1" in stderr and "'language/rejected/ms': 1" in stderr


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


def test_a_second_crawl_adds_nothing(mirror: str, crawled, tmp_path: Path) -> None:
    folder, _ = crawled
    again = tmp_path / "again"
    shutil.copytree(folder / "corpus", again / "corpus")
    before = corpus_files(again / "corpus")
    stderr = crawl(mirror, again)
    assert corpus_files(again / "corpus") == before
    # What the corpus holds is not even fetched again.
    assert "'corpus/new': 0" in stderr and "'article/already_in_corpus': 13" in stderr
    assert "'item_scraped_count'" not in stderr


def test_url_variants_are_listed_on_their_document(mirror: str, tmp_path: Path) -> None:
    crawl(mirror, tmp_path, "kompas", "-a", "since=2020-09-30", "-a", "until=2020-10-05")
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
import sys
from pathlib import Path
import corpus.store as writer
from articles.record import Article
from corpus.atomic import write_atomic_many

def announce(folder, files):
    write_atomic_many(folder, files)
    print("written", flush=True)

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


def test_a_killed_writer_leaves_no_partial_file_and_the_next_run_completes(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(folder)], cwd=REPO, stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    seen = 0
    while seen < 10 and child.stdout.readline():
        seen += 1
    child.kill()
    child.wait()
    assert seen == 10, "the writer was killed while writing files"
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
