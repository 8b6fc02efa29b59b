"""The spider arguments every news spider takes (``-a NAME=VALUE``), checked before a crawl.

``since``/``until`` (dates), ``limit`` (articles), ``urls``/``urls_file`` (URLs to fetch as
given), ``hosts`` (start hosts). A bad argument is one ``UsageError`` line; a bad URL line
costs that line.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from scrapy.exceptions import UsageError

from articles.urls import ascii_host, on_domains, url_problem

logger = logging.getLogger(__name__)

ARGUMENTS = ("since", "until", "urls", "urls_file", "limit", "hosts")


def parse_arguments(
    name: str,
    kwargs: dict[str, Any],
    domains_for: Callable[[list[str]], list[str]],
    own_domains: list[str],
    report: bool = True,
) -> dict[str, Any]:
    """Check a spider's arguments; raise ``UsageError`` with a clear message if one is bad.

    ``domains_for`` gives the domains the spider may fetch from for the URLs given; the
    ``crawl`` command calls this before the crawl starts (``report=False``: the spider reports
    skipped URL lines itself, once).
    """
    unknown = sorted(k for k in kwargs if k not in ARGUMENTS and k != "name")
    if unknown:
        raise UsageError(
            f"unknown spider argument(s) {', '.join(unknown)}; {name} takes: {', '.join(ARGUMENTS)}"
        )
    since = _date_arg("since", kwargs.get("since"))
    until = _date_arg("until", kwargs.get("until"))
    if since and until and since > until:
        raise UsageError(f"-a since={since} is after -a until={until}")
    return {
        "since": since,
        "until": until,
        "limit": _limit_arg(kwargs.get("limit")),
        "urls": _given_urls(name, kwargs, domains_for, report),
        "hosts": _hosts_arg(name, kwargs, own_domains),
    }


def _given_urls(
    name: str,
    kwargs: dict[str, Any],
    domains_for: Callable[[list[str]], list[str]],
    report: bool,
) -> list[str]:
    """The URLs of ``-a urls``/``-a urls_file`` this spider can fetch."""
    given = url_args(kwargs.get("urls"), kwargs.get("urls_file"))
    usable: list[tuple[str, str]] = []
    problems: list[str] = []
    for where, url in given:
        problem = url_problem(url)
        if problem:
            problems.append(f"{where}: {url}: {problem}")
        else:
            usable.append((where, url))
    domains = domains_for([url for _, url in usable])
    urls: list[str] = []
    for where, url in usable:
        if on_domains(ascii_host(urlsplit(url).hostname or ""), domains):
            urls.append(url)
        else:
            problems.append(f"{where}: {url} is not a {name} URL (allowed: {', '.join(domains)})")
    if given and not urls:
        raise UsageError(
            f"no URL to crawl: {problems[0]}"
            + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else "")
        )
    # One bad line costs that line: reported (once), skipped, the others are crawled.
    for problem in problems if report else ():
        logger.warning("%s; skipped", problem)
    return urls


def _hosts_arg(name: str, kwargs: dict[str, Any], own: list[str]) -> tuple[str, ...]:
    hosts = tuple(
        h.strip().lower().rstrip(".")
        for h in str(kwargs.get("hosts") or "").split(",")
        if h.strip()
    )
    for host in hosts:
        if own and not on_domains(host, own):
            raise UsageError(f"-a hosts={host}: not a host of {name} (allowed: {', '.join(own)})")
    return hosts


def _date_arg(name: str, value: str | None) -> date | None:
    if value in (None, ""):
        return None
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise UsageError(f"-a {name}={value}: expected a date as YYYY-MM-DD") from None


def _limit_arg(value: str | None) -> int | None:
    if value in (None, ""):
        return None
    if not str(value).isdigit() or int(value) < 1:
        raise UsageError(f"-a limit={value}: expected a whole number of articles, 1 or more")
    return int(value)


def url_args(urls: str | None, urls_file: str | None) -> list[tuple[str, str]]:
    """The URLs given, each with where it came from ("-a urls" or "FILE:LINE")."""
    found: list[tuple[str, str]] = []
    if urls:
        found.extend(("-a urls", u.strip()) for u in urls.split(",") if u.strip())
    if urls_file:
        path = Path(urls_file)
        if not path.is_file():
            raise UsageError(f"-a urls_file={urls_file}: no such file")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError as err:
            raise UsageError(
                f"-a urls_file={urls_file}: not UTF-8 text (byte {err.start}); save it as UTF-8"
            ) from None
        except OSError as err:
            raise UsageError(f"-a urls_file={urls_file}: cannot read it ({err.strerror})") from None
        for number, line in enumerate(text.splitlines(), 1):
            line = line.strip()
            if line and not line.startswith("#"):
                found.append((f"{urls_file}:{number}", line))
    return found
