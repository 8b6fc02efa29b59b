"""Spiders: one per site, plus `article` for any list of URLs."""
