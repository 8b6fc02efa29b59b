"""The corpus, without Scrapy: what goes in and how it is kept.

One acceptance step for every source (``accept``: language, fingerprints, staging, one outcome
vocabulary), deduplication (``dedup``), language identification (``language``), the store with
its numbered files and manifest (``store``, ``atomic``), regeneration from archives
(``regenerate``), and the views of a corpus (``report``, ``export``).
"""
