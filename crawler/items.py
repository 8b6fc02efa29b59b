"""The items the spiders yield."""

from __future__ import annotations

import scrapy


class Article(scrapy.Item):
    """One whole article. ``text`` is the document exactly as its corpus file will hold it."""

    title = scrapy.Field()
    text = scrapy.Field()
    url = scrapy.Field()  # the URL the article was requested by
    canonical_url = scrapy.Field()
    site = scrapy.Field()  # kompas | kumparan | tribun | generic
    authors = scrapy.Field()
    published = scrapy.Field()  # ISO 8601 with offset (WIB)
    section = scrapy.Field()
    tags = scrapy.Field()
    extractor = scrapy.Field()  # "site:<name>" or "fallback:trafilatura"
    pages = scrapy.Field()  # how many fetched pages the text was joined from
    syndicated_from = scrapy.Field()  # the source a syndication note names, if any
    urls = scrapy.Field()  # every discovered URL that led to this article
    crawled_at = scrapy.Field()  # when its last page was fetched (UTC, as in the archive)
    # Set by the pipelines:
    language = scrapy.Field()
    language_score = scrapy.Field()
    sha256 = scrapy.Field()  # of ``text``
    duplicate_of = scrapy.Field()  # the corpus file already holding this story, if any
