"""Full-crawl throughput: fetch, extract, clean, language, dedup, write, archive.

    python benchmarks/crawl_bench.py [--pages 5000] [--rounds 3] [--workdir output]

A synthetic kumparan.com mirror (distinct articles rendered with the demo templates, one news
sitemap) is served on 127.0.0.1 by nginx (Debian's, installed when missing; `scrapy mirror` if
that fails); the kumparan spider crawls it with politeness off (no AutoThrottle, no delay, 32
concurrent requests), ``--rounds`` times (the best run of each counts: the host's speed
wanders), first as one process, then as the baseline (the same crawl without the
archive and the item pipelines), then as two processes sharing a Redis frontier (Debian's
redis-server, started here on a free port and stopped after). Prints pages per second (end to
end, and sustained), CPU seconds (user and system) and per page, and peak RSS per run, then the
CPU this disk takes to create a file in ``--workdir`` (the corpus stage creates one a document).
The mirror server and Redis run on the same 2 cores as the crawlers.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "demo"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from regenerate_bench import sentence_pool  # noqa: E402
from timing import add_run_arguments, file_creation_ms, work_folder  # noqa: E402

FAST = [
    "-s", "AUTOTHROTTLE_ENABLED=False", "-s", "DOWNLOAD_DELAY=0", "-s", "CONCURRENT_REQUESTS=32",
    "-s", "CONCURRENT_REQUESTS_PER_DOMAIN=32", "-s", "LOG_LEVEL=INFO",
]  # fmt: skip


def build_site(root: Path, count: int) -> None:
    from build_mirror import kumparan_page

    rng = random.Random(5)
    pool = sentence_pool()
    site = root / "kumparan.com"
    (site / "kumparannews").mkdir(parents=True)
    locs = []
    for i in range(count):
        sentences = [
            re.sub(r"\d", lambda _: str(rng.randrange(10)), s) for s in rng.sample(pool, 12)
        ]
        slug = f"berita-{i}-{10 + i % 90}{i:09d}"
        article = {
            "site": "kumparan",
            "url": f"https://kumparan.com/kumparannews/{slug}",
            "title": " ".join(rng.sample(" ".join(pool[:50]).split(), 7)).strip(".,") + f" {i}",
            "published": f"2020-10-{1 + i % 28:02d}T0{i % 10}:00:00Z",
            "authors": ["kumparanNEWS"],
            "section": "News",
            "tags": ["Uji"],
            "caption": "Suasana kota. Foto: kumparan",
            "pages": [[" ".join(sentences[k : k + 3]) for k in range(0, 12, 3)]],
        }
        (site / "kumparannews" / slug).write_text(kumparan_page(article), encoding="utf-8")
        locs.append(f"<url><loc>{article['url']}</loc></url>")
    (site / "robots.txt").write_text(
        "User-agent: *\nAllow: /\nSitemap: https://kumparan.com/sitemap-news.xml\n"
    )
    (site / "sitemap-news.xml").write_text(
        '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(locs)
        + "</urlset>"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def crawl(mirror: str, folder: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable, "-m", "scrapy", "crawl", "kumparan", "-s", f"MIRROR_URL={mirror}",
            "-s", f"CORPUS_DIR={folder / 'corpus'}", "-s", f"ARCHIVE_DIR={folder / 'raw'}",
            *FAST, *extra,
        ],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def stats_of(stderr: str, key: str) -> int:
    match = re.search(rf"'{re.escape(key)}': (\d+)", stderr)
    return int(match.group(1)) if match else 0


class RequestClock:
    """Times every page request the mirror serves, from its request log (one line each)."""

    def __init__(self, log: Path) -> None:
        self.log = log
        self.times: list[float] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._follow, daemon=True)
        self._thread.start()

    def _follow(self) -> None:
        with open(self.log, encoding="utf-8") as fh:
            while not self._stop.is_set():
                lines = fh.readlines()
                now = time.perf_counter()
                self.times.extend(now for line in lines if "/robots.txt" not in line)
                time.sleep(0.02)

    def sustained(self, since: int) -> float:
        """Pages per second over the middle 90% of the page requests made after ``since``."""
        times = self.times[since:]
        low, high = int(len(times) * 0.05), int(len(times) * 0.95)
        if high - low < 2:
            return 0.0
        return (high - low) / (times[high] - times[low])

    def stop(self) -> None:
        self._stop.set()
        self._thread.join()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) a running process has used so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def children_cpu() -> tuple[float, float]:
    """(user, system) CPU seconds of the finished child processes."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime, usage.ru_stime


def run(
    mirror: str,
    work: Path,
    processes: int,
    extra: tuple[str, ...],
    servers: list[int],
    clock: RequestClock,
) -> dict:
    (user, system), server_cpu = children_cpu(), sum(cpu_seconds(pid) for pid in servers)
    first_request = len(clock.times)
    started = time.perf_counter()
    runs = len(list(work.glob("run-*")))
    procs = [crawl(mirror, work / f"run-{runs}-{k}", *extra) for k in range(processes)]
    outputs = [p.communicate()[1] for p in procs]
    seconds = time.perf_counter() - started
    done_user, done_system = children_cpu()
    user, system = done_user - user, done_system - system
    server_cpu = sum(cpu_seconds(pid) for pid in servers) - server_cpu
    time.sleep(0.1)  # the clock reads the last requests
    sustained = clock.sustained(first_request)
    articles = sum(stats_of(o, "article/ok") for o in outputs)
    responses = sum(stats_of(o, "response_received_count") for o in outputs)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "seconds": seconds,
        "sustained": sustained,
        "articles": articles,
        "responses": responses,
        "peak_mb": peak,
        "crawler_cpu": user + system,
        "crawler_system": system,
        "server_cpu": server_cpu,
    }


NGINX_CONF = """
daemon off;
master_process off;
worker_processes 1;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log warn;
events {{ worker_connections 1024; }}
http {{
    log_format mirror '$status $request_uri';
    access_log {log} mirror;
    default_type text/html;
    charset utf-8;
    charset_types text/html text/plain application/xml;
    types {{ text/plain txt; application/xml xml; application/x-gzip gz; }}
    keepalive_requests 1000000;
    client_body_temp_path {work}/nginx-tmp;
    proxy_temp_path {work}/nginx-tmp;
    fastcgi_temp_path {work}/nginx-tmp;
    uwsgi_temp_path {work}/nginx-tmp;
    scgi_temp_path {work}/nginx-tmp;
    server {{
        listen 127.0.0.1:{port};
        root {root};
        location / {{ try_files $uri =404; }}
    }}
}}
"""


def debian_binary(name: str, package: str) -> str | None:
    """The program, installed from Debian's package when missing (as the tests do for Redis)."""
    found = shutil.which(name) or shutil.which(name, path="/usr/sbin")
    if found:
        return found
    # RUNLEVEL=1 keeps the package from starting a system-wide service.
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive", "RUNLEVEL": "1"}
    subprocess.run(["apt-get", "update", "-qq"], env=env, capture_output=True, check=False)
    subprocess.run(
        ["apt-get", "install", "-y", "-qq", package], env=env, capture_output=True, check=False
    )
    return shutil.which(name) or shutil.which(name, path="/usr/sbin")


def start_mirror(work: Path, log: Path) -> tuple[subprocess.Popen, str, str]:
    """Serve the mirror with nginx when it can be had, else with `scrapy mirror`.

    The mirror stands in for the news sites, whose CPU is not the crawler machine's. Python's
    http.server spends about 0.3 ms of CPU per page, which the two-process run takes from the
    crawlers' two cores; nginx spends about a tenth of that.
    """
    port = free_port()
    nginx = debian_binary("nginx", "nginx-light")
    if nginx:
        (work / "nginx-tmp").mkdir()
        conf = work / "nginx.conf"
        conf.write_text(NGINX_CONF.format(work=work, log=log, port=port, root=work / "mirror"))
        server = subprocess.Popen([nginx, "-c", str(conf)], stderr=subprocess.DEVNULL)
        for _ in range(100):  # until it listens
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        return server, f"http://127.0.0.1:{port}", "nginx"
    server = subprocess.Popen(
        [sys.executable, "-m", "scrapy", "mirror", "--root", str(work / "mirror"),
         "--port", str(port), "--log", str(log)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )  # fmt: skip
    assert server.stdout is not None and "serving" in server.stdout.readline()
    return server, f"http://127.0.0.1:{port}", "scrapy mirror (nginx could not be installed)"


def start_redis() -> tuple[subprocess.Popen | None, str | None]:
    if not debian_binary("redis-server", "redis-server"):
        print("redis-server could not be installed: 2-process run skipped")
        return None, None
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "",
         "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )  # fmt: skip
    time.sleep(0.5)
    return redis, f"redis://127.0.0.1:{port}/0"


def verdict(value: float, target: float, most: bool = False) -> str:
    return "met" if (value <= target if most else value >= target) else "NOT met"


# The same crawl without the archive and the item pipelines (language, dedup, corpus writing):
# Scrapy, discovery and extraction alone, what the rest is compared with.
BASELINE = ("-s", "ITEM_PIPELINES={}", "-s", "ARCHIVE_DIR=")
CPU_TARGET_MS = 4.0
SUSTAINED_TARGET = 250


def shared_frontier(redis_url: str) -> tuple[str, ...]:
    return ("-s", f"REDIS_URL={redis_url}", "-s", f"FRONTIER_NAME=b{time.time_ns()}")


def better(run: dict, best: dict, processes: int) -> bool:
    """The best run of a configuration: one process by its CPU, two by their sustained rate."""
    if processes == 1:
        return bool(run["crawler_cpu"] < best["crawler_cpu"])
    return bool(run["sustained"] > best["sustained"])


def report(results: list[tuple[str, dict]]) -> None:
    print(
        f"{'run':22}{'articles':>9}{'responses':>10}{'seconds':>9}{'pages/s':>9}"
        f"{'sustained':>10}{'peak RSS':>10}{'crawler CPU':>13}{'(system)':>10}{'per page':>10}"
        f"{'server CPU':>12}"
    )
    for label, r in results:
        print(
            f"{label:22}{r['articles']:9}{r['responses']:10}{r['seconds']:9.1f}"
            f"{r['responses'] / r['seconds']:9.0f}{r['sustained']:10.0f}"
            f"{r['peak_mb']:7.0f} MB{r['crawler_cpu']:11.1f} s{r['crawler_system']:8.1f} s"
            f"{r['crawler_cpu'] / r['articles'] * 1000:7.2f} ms{r['server_cpu']:10.1f} s"
        )
    print(
        "pages/s: responses over the whole run, start-up and corpus writing included;\n"
        "sustained: over the middle 90% of the page requests, as the mirror saw them;\n"
        "per page: crawler CPU (user and system, start-up included) per article;\n"
        "baseline: the same crawl without the archive and the item pipelines;\n"
        "server CPU: the mirror server and Redis, on the same 2 cores."
    )
    one, base = results[0][1], results[1][1]
    per_page = one["crawler_cpu"] / one["articles"] * 1000
    print(
        f"1 process: {per_page:.2f} ms of CPU a page (target <= {CPU_TARGET_MS}: "
        f"{verdict(per_page, CPU_TARGET_MS, most=True)}; the baseline "
        f"{base['crawler_cpu'] / base['articles'] * 1000:.2f}); sustains {one['sustained']:.0f} "
        f"pages/s (target >= {SUSTAINED_TARGET}: {verdict(one['sustained'], SUSTAINED_TARGET)})"
    )
    if len(results) > 2:
        two = results[2][1]
        sustained = two["sustained"] / one["sustained"]
        whole = (two["responses"] / two["seconds"]) / (one["responses"] / one["seconds"])
        print(
            f"2 processes: sustain {sustained:.2f}x one "
            f"(target >= 1.6: {verdict(sustained, 1.6)}); "
            f"{whole:.2f}x end to end ({verdict(whole, 1.6)})"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=5000)
    add_run_arguments(parser)
    args = parser.parse_args()
    with work_folder(args.workdir) as work:
        build_site(work / "mirror", args.pages)
        log = work / "requests.log"
        log.touch()
        server, mirror, server_name = start_mirror(work, log)
        redis, redis_url = start_redis()
        servers = [server.pid] + ([redis.pid] if redis else [])
        clock = RequestClock(log)
        try:
            print(f"mirror: {args.pages} article pages on {mirror}, served by {server_name}")
            configs: list[tuple[str, int, Callable[[], tuple[str, ...]]]] = [
                ("1 process", 1, tuple),
                ("baseline", 1, lambda: BASELINE),
            ]
            if redis_url:
                configs.append(("2 processes on Redis", 2, lambda: shared_frontier(redis_url)))
            best: dict[str, dict] = {}
            for _ in range(args.rounds):
                for label, processes, extra in configs:
                    r = run(mirror, work, processes, extra(), servers, clock)
                    if label not in best or better(r, best[label], processes):
                        best[label] = r
            results = [(label, best[label]) for label, _, _ in configs]
            report(results)
            print(
                f"creating a file in {args.workdir}: {file_creation_ms(args.workdir):.2f} ms of "
                "CPU now (this disk's cost, one a document in the corpus stage)"
            )
        finally:
            clock.stop()
            server.terminate()
            if redis is not None:
                redis.terminate()
                redis.wait()
            server.wait()


if __name__ == "__main__":
    main()
