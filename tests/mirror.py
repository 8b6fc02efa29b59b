"""Settings for a subprocess crawl of a local mirror (in-thread: ``tests.inprocess.local_mirror``)."""

from __future__ import annotations

from pathlib import Path


def offline_settings(mirror_url: str, folder: Path) -> list[str]:
    """`-s` options for a fast crawl of the mirror, corpus and archive in ``folder``."""
    settings = {
        "MIRROR_URL": mirror_url,
        "AUTOTHROTTLE_ENABLED": "False",
        "DOWNLOAD_DELAY": "0",
        "CORPUS_DIR": str(folder / "corpus"),
        "ARCHIVE_DIR": str(folder / "raw"),
    }
    return [arg for name, value in settings.items() for arg in ("-s", f"{name}={value}")]
