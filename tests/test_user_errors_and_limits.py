"""User errors are one line and a non-zero exit; one writer per corpus; charsets that lie.

Each case runs the real CLI (or the real decode path) and checks the last line, the exit
status and what was (not) written.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from scrapy.http import HtmlResponse

from articles.extraction import UndecodableError, page_text
from tests.conftest import REPO, SEEDS, run_scrapy
from tests.inprocess import crawl, local_mirror
from tests.mirror import offline_settings


def _last(result: subprocess.CompletedProcess) -> str:
    return result.stderr.strip().splitlines()[-1]


@pytest.mark.e2e
def test_unknown_spider_is_one_line() -> None:
    result = run_scrapy("crawl", "nosuchspider")
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "no spider named 'nosuchspider'" in _last(result) and "kompas" in _last(result)


@pytest.mark.e2e
def test_clean_into_a_file_or_an_impossible_folder_is_one_line(tmp_path: Path) -> None:
    target = tmp_path / "a-file"
    target.write_text("x")
    result = run_scrapy("clean", SEEDS, "-o", target)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "is a file, not a folder" in _last(result)
    result = run_scrapy("clean", SEEDS, "-o", "/dev/null/out")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "cannot create it" in _last(result)


@pytest.mark.e2e
def test_mirror_on_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with local_mirror() as mirror:
        port = mirror.url.rsplit(":", 1)[1]
        result = run_scrapy("mirror", "--port", port)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert f"cannot listen on 127.0.0.1:{port}" in _last(result)


@pytest.mark.e2e
def test_a_crawl_that_fetches_nothing_says_so_and_fails(tmp_path: Path) -> None:
    # Port 9 (discard) on this machine: nothing listens, every request is refused.
    result = run_scrapy(
        "crawl",
        "kompas",
        "-O",
        tmp_path / "items.jsonl",
        *offline_settings("http://127.0.0.1:9", tmp_path),
        "-s",
        "RETRY_TIMES=0",
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert _last(result).startswith("crawl: error: nothing could be fetched:")


@pytest.mark.e2e
def test_one_writer_per_corpus_folder(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from corpus.store import hold_corpus; "
            f"hold_corpus(Path({str(corpus)!r})); print('held', flush=True); time.sleep(60)",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        crawl = run_scrapy(
            "crawl", "kompas", "-s", f"CORPUS_DIR={corpus}", "-s", "MIRROR_URL=http://127.0.0.1:9"
        )
        assert crawl.returncode != 0 and "Traceback" not in crawl.stderr
        assert "is in use by another run (pid" in _last(crawl)
        regen = run_scrapy("regenerate", tmp_path, "-o", corpus, "--no-progress")
        assert regen.returncode != 0 and "is in use by another run" in _last(regen)
    finally:
        holder.kill()  # a killed holder leaves no lock behind
        holder.wait()
    (tmp_path / "empty-archive").mkdir()
    regen = run_scrapy("regenerate", tmp_path / "empty-archive", "-o", corpus, "--no-progress")
    assert regen.returncode == 0, regen.stderr


PAGE = (
    "<html><head><title>{t}</title></head><body><h1>{t}</h1>" + "<p>{p}</p>" * 20 + "</body></html>"
)


def test_a_page_in_another_charset_than_declared_is_read_in_its_own() -> None:
    html = PAGE.format(
        t="東京の天気", p="今日の東京はとても良い天気で、多くの人が公園を散歩しています。"
    )
    response = HtmlResponse(
        "https://example.org/a",
        body=html.encode("shift_jis"),
        headers={"Content-Type": "text/html; charset=utf-8"},
    )
    assert "\ufffd" in response.text  # what a naive decode gives
    text = page_text(response.body, "text/html; charset=utf-8", response.url)
    assert "\ufffd" not in text and "東京の天気" in text


def test_a_page_that_decodes_to_garbage_is_refused() -> None:
    body = PAGE.format(t="Judul", p="Kalimat \x01\x02\x03\x04 berita.").encode("utf-8")
    response = HtmlResponse(
        "https://example.org/a", body=body, headers={"Content-Type": "text/html; charset=utf-8"}
    )
    try:
        page_text(response.body, "text/html; charset=utf-8", response.url)
    except UndecodableError:
        return
    raise AssertionError("a page full of control bytes was accepted")


@pytest.mark.e2e
def test_clean_removes_control_bytes_anywhere_in_a_file(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    seed = (SEEDS / "004_15cf8296751ff347.txt").read_bytes()
    cut = seed.index(b"\n", 1500)
    # About 10 KB of one paragraph: the control bytes stand past the first 8 KB.
    long_paragraph = b"".join(
        f"Pada hari ke-{i} warga di tepi sungai diminta waspada. ".encode() for i in range(200)
    )
    dump = seed[:cut] + b"\n" + long_paragraph + b"\x00\x1bAkhir paragraf.\n" + seed[cut:]
    assert dump.index(b"\x00") > 8192
    (src / "page.txt").write_bytes(dump)
    result = run_scrapy("clean", src, "-o", tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert "control character(s) removed" in result.stderr
    cleaned = (tmp_path / "out" / "page.txt").read_bytes()
    assert b"Akhir paragraf." in cleaned  # the paragraph is kept ...
    assert b"\x00" not in cleaned and b"\x1b" not in cleaned  # ... without the bytes


def test_robots_txt_is_read_for_an_idn_host(tmp_path: Path) -> None:
    root = tmp_path / "mirror" / "xn--bcher-kva.example"
    (root / "private").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    (root / "private" / "a").write_text("<html><body><h1>x</h1><p>y</p></body></html>")
    with local_mirror(tmp_path / "mirror") as mirror:
        run = crawl("article", tmp_path, mirror, urls="https://bücher.example/private/a")
    assert "/xn--bcher-kva.example/robots.txt" in run.paths
    assert not any("/private/" in p for p in run.paths)
    assert run.stat("robotstxt/forbidden") == 1


@pytest.mark.e2e
def test_a_urls_file_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    urls = tmp_path / "urls.txt"
    urls.write_bytes("https://kumparan.com/kumparannews/berita-ĉ-1xbORer8Ew4\n".encode("utf-16"))
    result = run_scrapy("crawl", "kumparan", "-a", f"urls_file={urls}")
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "not UTF-8 text" in _last(result)
