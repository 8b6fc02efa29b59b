"""Headless Chromium for tests: Debian's package, installed when missing, run on local files."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.services import installed


def chromium() -> str:
    return installed("chromium", "chromium-browser")


def _run(*args: str, home: Path) -> subprocess.CompletedProcess:
    # No network for the page: it is a file; --no-sandbox because tests run as root.
    return subprocess.run(
        [
            chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            f"--user-data-dir={home}",
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def dump_dom(page: Path, home: Path) -> str:
    result = _run("--dump-dom", page.resolve().as_uri(), home=home)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout


def screenshot(page: Path, png: Path, home: Path, size: str = "1200,2400") -> Path:
    result = _run(
        f"--screenshot={png}", f"--window-size={size}", page.resolve().as_uri(), home=home
    )
    assert result.returncode == 0 and png.exists(), result.stderr[-2000:]
    return png
