"""A page's HTML into an article, without Scrapy.

The URL forms of the sites (``urls``, ``sitemaps``), one page read into its parts
(``extraction``), the pages of an article in order and the article they make (``plan``), the
one record every stage passes on (``record``), why an article is not written (``outcomes``) and
why a page reads as it does (``explain``).
"""
