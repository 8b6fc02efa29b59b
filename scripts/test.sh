#!/usr/bin/env bash
# Install everything, then lint (ruff with its complexity rule, mypy), check a plain install
# with the interpreter's own pip, and run the whole test suite. CI runs exactly this.
# Arguments go to pytest (-m "not e2e": the in-process layer).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
# A user's plain install (the interpreter's own pip) must work too.
bash scripts/check_install.sh
# Redis, Chromium and Wget for the tests that start them (installed when missing).
bash scripts/services.sh
# Two processes, each module in one of them (its shared crawls and servers stay shared);
# TEST_WORKERS=0 runs everything in this process.
.venv/bin/python -m pytest -n "${TEST_WORKERS:-2}" --dist loadfile "$@"
