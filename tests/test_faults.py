"""A crawl against a server that fails in every usual way: retries, counted reasons, bounded memory."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.fault_server import BAD, FaultServer, expected_corpus

pytestmark = pytest.mark.e2e


def test_every_fault_ends_in_a_retry_or_a_counted_reason(tmp_path: Path) -> None:
    with FaultServer() as server:
        result = subprocess.run(
            [
                sys.executable,
                "-m",
                "scrapy",
                "crawl",
                "kumparan",
                "-s",
                f"MIRROR_URL={server.url}",
                "-s",
                "AUTOTHROTTLE_ENABLED=False",
                "-s",
                "DOWNLOAD_DELAY=0",
                "-s",
                "DOWNLOAD_TIMEOUT=1.5",
                "-s",
                "RETRY_TIMES=2",
                "-s",
                f"DOWNLOAD_MAXSIZE={4 * 1024 * 1024}",
                "-s",
                f"DOWNLOAD_WARNSIZE={1024 * 1024}",
                "-s",
                f"CORPUS_DIR={tmp_path / 'corpus'}",
                "-s",
                f"ARCHIVE_DIR={tmp_path / 'raw'}",
            ],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        counts = dict(server.counts)
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    log = result.stderr
    assert result.returncode == 0, log[-3000:]
    assert "'finish_reason': 'finished'" in log

    # The corpus holds exactly the good articles, the mislabelled one without mojibake.
    manifest = [
        json.loads(line)
        for line in (tmp_path / "corpus" / "manifest.jsonl").read_text().splitlines()
    ]
    want = expected_corpus()
    assert sorted(m["url"] for m in manifest) == sorted(want)
    for entry in manifest:
        text = (tmp_path / "corpus" / entry["file"]).read_text(encoding="utf-8")
        assert text == want[entry["url"]]
        assert "Ã" not in text and "â€" not in text
    charset = next(m for m in manifest if "charset-salah" in m["url"])
    assert charset["title"] == "Kafe “Kopi Nusantara” Raih Penghargaan di Paris"

    # 500s were retried; every bad case was fetched and logged with its reason.
    assert counts["/kumparan.com/kumparannews/berita-setelah-galat-21Ccccccccc"] == 3
    assert "'retry/count'" in log
    for slug, fault in BAD.items():
        assert f"/kumparan.com/kumparannews/{slug}" in counts, fault
        assert any(
            slug in line and ("WARNING" in line or "INFO" in line or "ERROR" in line)
            for line in log.splitlines()
        ), f"{fault}: no log line names it"
    # timeout, reset, redirect loop, 404, huge page, gzip bomb
    assert "'article/failed': 6" in log
    for reason in ("DownloadTimeoutError", "HttpError", "DownloadCancelledError", "IgnoreRequest"):
        assert f"'article/failed/{reason}'" in log, reason
    assert "'article/unreadable': 1" in log and "'article/not_html': 1" in log
    assert "DOWNLOAD_MAXSIZE" in log  # the gzip bomb was cut off while decompressing
    # The hostile sitemap expanded nothing and read no file.
    assert not any("root:" in path or "aaaaaaaaaa" * 10 in path for path in counts)
    # Memory stayed bounded whatever the server sent (300 MB bomb, 40 MB page).
    assert peak_mb < 1500, peak_mb
    print(f"peak RSS of the crawl: {peak_mb:.0f} MB")
