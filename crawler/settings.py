"""All settings of the beritabersih Scrapy project, in one place (override with -s NAME=VALUE)."""

# --- Project -------------------------------------------------------------------------------
BOT_NAME = "beritabersih"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"
# Project commands: `scrapy clean`, `scrapy mirror`.
COMMANDS_MODULE = "crawler.commands"

# --- Identity and politeness ----------------------------------------------------------------
# Who to contact about this crawler; it goes into the User-Agent. Set it to your e-mail or URL.
CONTACT = "https://github.com/beritabersih/beritabersih"
# Empty: built from BOT_NAME, the version and CONTACT by crawler.middlewares.ContactUserAgent.
USER_AGENT = ""
ROBOTSTXT_OBEY = True
# robots.txt groups are matched against this name (the User-Agent's product token).
ROBOTSTXT_USER_AGENT = "beritabersih"
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 4
DOWNLOAD_DELAY = 0.25
# Scrapy starts this many tasks for every callback's output, whatever its length; a news
# callback yields one article or a few requests, and the default (100) cost more CPU than
# the article pipeline.
CONCURRENT_ITEMS = 8

# --- Timeouts, retries, sizes ---------------------------------------------------------------
DOWNLOAD_TIMEOUT = 30
RETRY_ENABLED = True
RETRY_TIMES = 3
RETRY_HTTP_CODES = [500, 502, 503, 504, 522, 524, 408, 429]
# A news page is well under 5 MB; anything larger is not an article page.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
REDIRECT_MAX_TIMES = 5

# --- Offline mirror -------------------------------------------------------------------------
# When set (e.g. http://127.0.0.1:8000), every request is fetched from MIRROR_URL/host/path?query
# and its response keeps the original URL (crawler.mirror). Serve one with `scrapy mirror`.
MIRROR_URL = ""
DOWNLOAD_HANDLERS = {
    "http": "crawler.mirror.MirrorDownloadHandler",
    "https": "crawler.mirror.MirrorDownloadHandler",
    # A news crawler fetches web pages only: a robots.txt or sitemap naming file://, ftp://,
    # s3:// or data: gets nothing (AllowedHostsMiddleware refuses and counts them first).
    "file": None,
    "ftp": None,
    "s3": None,
    "data": None,
}

# --- Distributed crawling ------------------------------------------------------------------
# Set REDIS_URL (e.g. redis://127.0.0.1:6379/0) to share one frontier between processes and
# machines (scrapy-redis; crawler.frontier). Give each crawl its own FRONTIER_NAME;
# give each process its own CORPUS_DIR and ARCHIVE_DIR, and merge with `scrapy regenerate`.
REDIS_URL = ""
FRONTIER_NAME = "beritabersih"
# An idle process stops once the shared queue is empty and no other process is busy. A process
# that dies counts as busy for FRONTIER_BUSY_TTL more seconds. Every FRONTIER_POLL_INTERVAL
# seconds, a process with room for more requests looks at the shared queue.
FRONTIER_BUSY_TTL = 10.0
FRONTIER_POLL_INTERVAL = 0.5
# Requests a process takes from the shared queue per Redis round trip.
FRONTIER_POP_BATCH = 8
ADDONS = {"crawler.frontier.RedisFrontier": 0}

# --- Components -----------------------------------------------------------------------------
DOWNLOADER_MIDDLEWARES = {
    # First of all: nothing but http(s) on the spider's allowed hosts, whatever asked for it.
    "crawler.middlewares.AllowedHostsMiddleware": 50,
    # Scrapy's, with every request that waits for a host's robots.txt given the parser.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.middlewares.RobotsTxtMiddleware": 100,
    "scrapy.downloadermiddlewares.useragent.UserAgentMiddleware": None,
    "crawler.middlewares.ContactUserAgentMiddleware": 500,
}
EXTENSIONS = {
    "crawler.extensions.FallbackMonitor": 500,
    "crawler.extensions.Progress": 510,
    "crawler.archive.WarcArchive": 600,
    "crawler.extensions.JobdirGuard": 0,
}
# Language, fingerprints and staging in one step (corpus.accept), the corpus written at the end.
ITEM_PIPELINES = {"crawler.pipelines.accept.AcceptancePipeline": 300}

# --- Corpus and archive ---------------------------------------------------------------------
# The corpus: NNN_<hash>.txt, manifest.jsonl and the state (corpus.sqlite) that later runs
# continue from.
CORPUS_DIR = "output/corpus"
# Every fetched page, request and response, as WARC; empty turns the archive off.
ARCHIVE_DIR = "output/raw"
ARCHIVE_MAX_BYTES = 100 * 1024 * 1024

# --- CC-NEWS backfill (scrapy ccnews) -------------------------------------------------------
# Common Crawl, or a mirror of it (`--base`). A refused or lost download is tried
# CCNEWS_ATTEMPTS times, waiting CCNEWS_FIRST_WAIT seconds before the first retry and twice as
# long before each next one (with jitter). Sharing a range over REDIS_URL, a file held by a
# process that stopped renewing its lease goes back to the others after CCNEWS_LEASE seconds.
CCNEWS_BASE = "https://data.commoncrawl.org/"
CCNEWS_ATTEMPTS = 8
CCNEWS_FIRST_WAIT = 1.0
CCNEWS_LEASE = 300.0

# --- Extraction -----------------------------------------------------------------------------
# Warn when more than this share of a site's articles needed the trafilatura fallback: the
# site's layout has probably changed and its profile needs updating.
FALLBACK_WARN_SHARE = 0.2
# ...once at least this many articles of the site were extracted.
FALLBACK_WARN_MIN_ITEMS = 5

# --- Progress --------------------------------------------------------------------------------
# On a terminal, one live status line (PROGRESS_LIVE); elsewhere a log line every
# PROGRESS_INTERVAL seconds (0: none).
PROGRESS_LIVE = True
PROGRESS_INTERVAL = 30.0

# --- Listeners -----------------------------------------------------------------------------
# A corpus crawler needs no telnet console or remote-control port.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# --- Output ---------------------------------------------------------------------------------
FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"
