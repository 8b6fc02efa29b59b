#!/usr/bin/env bash
# Create .venv (if missing) and install the project with its test tools into it.
# Idempotent: a second run only checks that everything is there.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv with $($PYTHON --version)"
  "$PYTHON" -m venv .venv
fi
# The newest pip (the project installs with pip 23 too: scripts/check_install.sh checks it).
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
echo "bootstrap: $(.venv/bin/scrapy version) ready in .venv"
