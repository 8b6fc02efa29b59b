"""One spider per crawled site of the registry, made from its entry: nothing here names a site.

``scrapy crawl kompas`` runs the spider this module makes from the ``kompas`` profile
(``cleaners/sites/kompas.py``): its hosts, its daily index, whether it serves ``?page=all``.
A site added to the registry has its spider without a line here.
"""

from __future__ import annotations

from cleaners.sites import CRAWLED_SITES, get_profile
from crawler.spiders.base import NewsSpider


def _spider(site: str) -> type[NewsSpider]:
    profile = get_profile(site)
    return type(
        f"{site.title().replace('-', '')}Spider",
        (NewsSpider,),
        {
            "__module__": __name__,
            "__doc__": f"{site}: from the sitemaps of {', '.join(profile.start_hosts)}"
            + (" and the daily index." if profile.index_urls else "."),
            "name": site,
            "allowed_domains": list(profile.domains),
            "start_hosts": profile.start_hosts,
            "page_all": profile.page_all,
            "index_urls": profile.index_urls,
        },
    )


SPIDERS: dict[str, type[NewsSpider]] = {site: _spider(site) for site in CRAWLED_SITES}
globals().update({cls.__name__: cls for cls in SPIDERS.values()})
