"""Debian packages the tests need (a browser, Wget, Redis): installed when missing, as CI and
new machines must, with apt-get."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

_LOCK = Path(tempfile.gettempdir()) / "beritabersih-tests-apt.lock"


def _apt_get(args: list[str], environment: dict[str, str]) -> None:
    command = ["apt-get", "-o", "DPkg::Lock::Timeout=300", *args]
    subprocess.run(command, env=environment, capture_output=True, check=False)


def ensure_binary(names: tuple[str, ...], package: str, **env: str) -> str:
    """The path of the first of ``names`` on PATH, installing ``package`` when none is."""
    for name in names:
        if found := shutil.which(name):
            return found
    environment = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", **env}
    # The suite runs in two processes: one installs at a time (dpkg takes one writer), the
    # other waits and then finds the package there.
    with open(_LOCK, "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not any(shutil.which(name) for name in names):
            _apt_get(["update", "-qq"], environment)
            _apt_get(["install", "-y", "-qq", package], environment)
    for name in names:
        if found := shutil.which(name):
            return found
    pytest.fail(f"{names[0]} is not installed and `apt-get install {package}` failed")
