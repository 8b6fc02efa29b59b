"""The Scrapy project: what to fetch, in what order, and the commands around it."""
