"""The corpus core, without Scrapy: language identification, deduplication, the store.

The crawl's item pipelines (``crawler/pipelines``) and ``scrapy regenerate`` are thin users of
it; so can be any other program that builds or reads a corpus.
"""
