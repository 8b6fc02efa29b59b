"""Web archives, without Scrapy: reading WARC and ARC files of any tool as untrusted input
(``warc``), the HTTP payloads they hold (``payload``) and the index of articles regenerate
rebuilds from them (``index``).
"""
