#!/usr/bin/env bash
# Install everything, then run the main job on the bundled offline data; output in output/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/scrapy clean seeds/ -o output/clean
echo "demo: clean texts in output/clean/"
