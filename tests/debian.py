"""Debian packages the tests need (a browser, Wget, Redis): installed when missing, as CI and
new machines must, with apt-get."""

from __future__ import annotations

import os
import shutil
import subprocess

import pytest


def ensure_binary(names: tuple[str, ...], package: str, **env: str) -> str:
    """The path of the first of ``names`` on PATH, installing ``package`` when none is."""
    for name in names:
        if found := shutil.which(name):
            return found
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", **env}
    subprocess.run(["apt-get", "update", "-qq"], env=environment, capture_output=True, check=False)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package],
        env=environment,
        capture_output=True,
        check=False,
    )
    for name in names:
        if found := shutil.which(name):
            return found
    pytest.fail(f"{names[0]} is not installed and `apt-get install {package}` failed")
