"""The programs the tests run as services or peers (Redis, Chromium, Wget): installed by
``scripts/services.sh`` (the test command runs it), never by a test."""

from __future__ import annotations

import shutil

import pytest


def installed(*names: str) -> str:
    """The path of the first of ``names`` on PATH; the test fails, saying what to run, if none."""
    for name in names:
        if found := shutil.which(name):
            return found
    pytest.fail(
        f"{names[0]} is not installed: run `bash scripts/services.sh` (the test command does)"
    )
