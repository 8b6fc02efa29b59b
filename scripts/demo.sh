#!/usr/bin/env bash
# Install everything, then run the main job on the bundled offline demo: serve the demo mirror on
# 127.0.0.1, crawl it with the spider of every registered site, stop the mirror.
# Items go to output/demo/<spider>.jsonl; the seeds' clean texts to output/clean/; the corpus
# report to output/report.html and the corpus as a Hugging Face dataset to output/dataset/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh

mkdir -p output/demo
.venv/bin/scrapy mirror --port 0 --log output/demo/mirror.log > output/demo/mirror.out &
mirror_pid=$!
trap 'kill "$mirror_pid" 2>/dev/null || true' EXIT
# Wait for the mirror to say where it listens. A busy machine can take many seconds to start
# Python and Scrapy; without a mirror the crawl must not start (it would go to the real sites).
url=""
for _ in $(seq 1200); do
  url=$(sed -n 's/.* on \(http:[^ ]*\)$/\1/p' output/demo/mirror.out 2>/dev/null)
  [ -n "$url" ] && break
  kill -0 "$mirror_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$url" ]; then
  echo "demo: error: the demo mirror did not start (waited up to 120 s; see output/demo/mirror.log); nothing was crawled" >&2
  exit 1
fi
echo "demo: mirror at $url"

# Every crawled site of the registry (cleaners/sites/), each with its own spider.
sites=$(.venv/bin/python -c "from cleaners.sites import CRAWLED_SITES; print(*CRAWLED_SITES)")
for spider in $sites; do
  .venv/bin/scrapy crawl "$spider" -s MIRROR_URL="$url" -s AUTOTHROTTLE_ENABLED=False \
    -s DOWNLOAD_DELAY=0 -O "output/demo/$spider.jsonl" -L WARNING
  found=$(wc -l < "output/demo/$spider.jsonl")
  if [ "$found" -eq 0 ] && [ -s output/corpus/manifest.jsonl ]; then
    # A second run: the corpus state says every article is there already, nothing is fetched again.
    echo "demo: $spider: no new articles: the corpus already holds them ($(grep -c "\"site\": \"$spider\"" output/corpus/manifest.jsonl) $spider documents in output/corpus/)"
  else
    echo "demo: $spider: $found new articles in output/demo/$spider.jsonl"
  fi
done
.venv/bin/scrapy clean seeds/ -o output/clean
echo "demo: corpus: $(wc -l < output/corpus/manifest.jsonl) documents in output/corpus/ (manifest.jsonl), raw pages in output/raw/"
.venv/bin/scrapy report output/corpus -o output/report.html
.venv/bin/scrapy export output/corpus -o output/dataset --format hf
echo "demo: report in output/report.html; dataset (datasets.load_dataset('output/dataset')) in output/dataset/"
