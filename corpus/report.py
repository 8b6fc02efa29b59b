"""A corpus report: one self-contained HTML file a researcher reads before using the corpus.

Totals, plots (matplotlib, embedded as SVG: no network, no scripts) and tables, from the
manifest and the runs the corpus state recorded. Reading is one pass over the manifest that
keeps per-site, per-month counters and a bounded list of extremes, so 100,000 documents take a
few seconds.
"""

from __future__ import annotations

import heapq
import html
import io
import json
import os
import re
import sqlite3
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from cleaners.repetition import LearnedChrome
from corpus.chrome import learned_chrome
from corpus.store import STATE_FILE as STATE
from corpus.store import read_runs

MANIFEST = "manifest.jsonl"
EXTREMES = 10
TOP = 10


class ReportError(ValueError):
    """The folder is no corpus."""


@dataclass
class Summary:
    documents: int = 0
    words: int = 0
    per_site: Counter[str] = field(default_factory=Counter)
    per_month: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    fallback_per_month: dict[str, Counter[str]] = field(
        default_factory=lambda: defaultdict(Counter)
    )
    lengths: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    sections: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    authors: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    first: str | None = None
    last: str | None = None
    largest_groups: list[tuple[int, str, list[str]]] = field(default_factory=list)
    shortest: list[tuple[int, str, str]] = field(default_factory=list)
    longest: list[tuple[int, str, str]] = field(default_factory=list)


def summarize(corpus: Path) -> Summary:
    manifest = corpus / MANIFEST
    if not manifest.is_file():
        raise ReportError(f"{corpus}: no {MANIFEST} (not a corpus folder?)")
    s = Summary()
    with open(manifest, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            e = json.loads(line)
            site = e.get("site") or "?"
            words = int(e.get("words") or 0)
            s.documents += 1
            s.words += words
            s.per_site[site] += 1
            s.lengths[site].append(words)
            published = e.get("published") or ""
            month = published[:7] or "unknown"
            s.per_month[month][site] += 1
            if str(e.get("extractor", "")).startswith("fallback"):
                s.fallback_per_month[month][site] += 1
            if published:
                s.first = min(s.first or published, published)
                s.last = max(s.last or published, published)
            if e.get("section"):
                s.sections[site][e["section"]] += 1
            for author in e.get("authors") or []:
                s.authors[site][author] += 1
            urls = e.get("urls") or []
            item = (len(urls), e["file"], urls)
            if len(s.largest_groups) < TOP:
                heapq.heappush(s.largest_groups, item)
            elif item > s.largest_groups[0]:
                heapq.heapreplace(s.largest_groups, item)
            title = e.get("title") or ""
            _keep(s.shortest, (-words, e["file"], title))  # the largest -words: the shortest
            _keep(s.longest, (words, e["file"], title))
    s.largest_groups.sort(reverse=True)
    s.shortest = sorted(((-w, f, t) for w, f, t in s.shortest))
    s.longest.sort(reverse=True)
    return s


def _keep(heap: list[Any], item: Any) -> None:
    if len(heap) < EXTREMES:
        heapq.heappush(heap, item)
    elif item > heap[0]:
        heapq.heapreplace(heap, item)


def runs_of(corpus: Path) -> list[dict[str, Any]]:
    state = corpus / STATE
    if not state.is_file():
        return []
    db = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
    try:
        return read_runs(db)
    except sqlite3.OperationalError:  # a corpus from before runs (or their sources) were kept
        return []
    finally:
        db.close()


def read_learned(corpus: Path) -> dict[str, LearnedChrome]:
    """What the corpus state has learned of each site's chrome (``corpus.chrome``)."""
    state = corpus / STATE
    if not state.is_file():
        return {}
    db = sqlite3.connect(f"file:{state}?mode=ro", uri=True)
    try:
        return learned_chrome(db)
    except sqlite3.OperationalError:  # a corpus from before chrome was learned
        return {}
    finally:
        db.close()


def _pyplot() -> Any:
    """matplotlib's pyplot, imported when a report is drawn (it costs a second at start)."""
    import matplotlib

    matplotlib.use("Agg")  # files only, no display
    matplotlib.rcParams["svg.fonttype"] = "none"  # labels as text: smaller, searchable
    import matplotlib.pyplot as plt

    return plt


def _svg(fig: Any) -> str:
    buf = io.StringIO()
    fig.savefig(buf, format="svg", bbox_inches="tight")
    _pyplot().close(fig)
    text = buf.getvalue()
    return text[text.index("<svg") :]


def _months(s: Summary) -> list[str]:
    return sorted(m for m in s.per_month if _MONTH.fullmatch(m))


_MONTH = re.compile(r"\d{4}-\d{2}")


def _month_days(months: list[str]) -> list[date]:
    return [date(int(m[:4]), int(m[5:7]), 1) for m in months]


def plot_documents_per_month(s: Summary) -> str:
    """Bars on a time axis, one colour a site, stacked: a month without documents is a gap
    (2011-12 does not stand next to 2013-02), and the counts are whole numbers."""
    months = _months(s)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.2))
    days = _month_days(months)
    bottom = [0] * len(months)
    for site in sorted(s.per_site):
        counts = [s.per_month[m][site] for m in months]
        ax.bar(days, counts, width=_BAR_DAYS, bottom=bottom, label=site, align="edge")
        bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
    ax.set_title("Documents per site per month (publication)")
    ax.set_ylabel("documents")
    _time_axis(ax, whole_counts=True)
    ax.legend()
    return _svg(fig)


_BAR_DAYS = 27  # a month's bar, a little narrower than the month


def plot_lengths(s: Summary) -> str:
    sites = sorted(s.lengths)
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.2))
    ax.boxplot([s.lengths[site] for site in sites], tick_labels=sites, orientation="horizontal")
    ax.set_title("Document length per site (words)")
    ax.set_xlabel("words")
    return _svg(fig)


def plot_fallback_share(s: Summary) -> str:
    """A site's share in the months it has documents, on a time axis; the line breaks where a
    month has none (no share to show, and no line drawn across the gap)."""
    plt = _pyplot()
    fig, ax = plt.subplots(figsize=(9, 3.2))
    every = _every_month(_months(s))
    for site in sorted(s.per_site):
        share = [
            s.fallback_per_month[m][site] / s.per_month[m][site]
            if m in s.per_month and s.per_month[m][site]
            else float("nan")
            for m in every
        ]
        ax.plot(_month_days(every), share, marker="o", markersize=3, label=site)
    ax.set_ylim(0, 1)
    ax.set_title("Share of documents read by the fallback extractor (a rise: a layout change)")
    ax.set_ylabel("fallback share")
    _time_axis(ax, whole_counts=False)
    ax.legend()
    return _svg(fig)


def _every_month(months: list[str]) -> list[str]:
    """Every month from the first to the last given, gaps included."""
    if not months:
        return []
    first, last = _month_days([months[0], months[-1]])
    found, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        found.append(f"{year:04d}-{month:02d}")
        year, month = year + month // 12, month % 12 + 1
    return found


def plot_runs(runs: list[dict[str, Any]]) -> str:
    from matplotlib.ticker import MaxNLocator

    plt = _pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.4))
    labels = [f"{r['run']}" for r in runs]
    for ax, key, title in (
        (left, "folded", "Duplicates folded per run, by kind"),
        (right, "rejected", "Not written per run, by reason"),
    ):
        kinds = sorted({k for r in runs for k in r[key]})
        bottom = [0] * len(runs)
        for kind in kinds:
            values = [r[key].get(kind, 0) for r in runs]
            ax.bar(labels, values, bottom=bottom, label=kind)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_title(title)
        ax.set_xlabel("run")
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
        if kinds:
            ax.legend(fontsize=7)
    return _svg(fig)


def _time_axis(ax: Any, whole_counts: bool) -> None:
    """Dates on x (matplotlib picks months or years by the span), whole numbers on y."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import MaxNLocator

    locator = mdates.AutoDateLocator(minticks=3, maxticks=12)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    if whole_counts:
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _table(headers: list[str], rows: list[list[str]], cls: str) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return f'<table class="{cls}"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def render(corpus: Path, out: Path) -> Summary:
    """Write the report of ``corpus`` to ``out``; links to documents are relative to ``out``."""
    s = summarize(corpus)
    runs = runs_of(corpus)
    base = os.path.relpath(corpus.resolve(), out.resolve().parent)
    plots = [plot_documents_per_month(s), plot_lengths(s), plot_fallback_share(s)]
    if runs:
        plots.append(plot_runs(runs))
    e = html.escape
    page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Corpus report: {e(corpus.name)}</title>
<style>
body {{ font: 14px/1.4 sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1.5em; }}
td, th {{ border: 1px solid #ccc; padding: 3px 8px; vertical-align: top; text-align: left; }}
th {{ background: #eee; }} figure {{ margin: 1em 0; }} svg {{ max-width: 100%; height: auto; }}
</style></head><body>
<h1>Corpus report: {e(str(corpus))}</h1>
<h2>Totals</h2>{_totals_table(s, runs)}
<h2>Plots</h2>{"".join(f'<figure class="plot">{p}</figure>' for p in plots)}
<h2>Runs</h2>{_runs_table(runs) if runs else "<p>No runs recorded in the corpus state.</p>"}
<h2>Chrome learned per site (lines repeated across articles, taken out)</h2>
{_learned_table(read_learned(corpus))}
<h2>Top sections and authors per site</h2>
{_top_table(s)}
<h2>The largest duplicate groups</h2>{_groups_table(s, base)}
<h2>Shortest and longest documents (likely extraction problems)</h2>{_extremes_table(s, base)}
</body></html>
"""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(out)
    return s


def _link(base: str, file: str) -> str:
    e = html.escape
    return f'<a href="{e(base)}/{e(file)}">{e(file)}</a>'


def _totals_table(s: Summary, runs: list[dict[str, Any]]) -> str:
    span = f"{(s.first or '?')[:10]} to {(s.last or '?')[:10]}"
    sites = ", ".join(f"{k} ({v:,})" for k, v in sorted(s.per_site.items()))
    row = [f"{s.documents:,}", f"{s.words:,}", html.escape(sites), span, str(len(runs))]
    return _table(["documents", "words", "sites", "published", "runs"], [row], "totals")


def _runs_table(runs: list[dict[str, Any]]) -> str:
    e = html.escape
    rows = [
        [
            str(r["run"]),
            e(r["kind"]),
            e(r["source"] or "-"),
            e(r["finished"] or ""),
            str(r["new"]),
            e(", ".join(f"{k} {v}" for k, v in sorted(r["folded"].items())) or "-"),
            e(", ".join(f"{k} {v}" for k, v in sorted(r["rejected"].items())) or "-"),
        ]
        for r in runs
    ]
    headers = ["run", "kind", "read", "finished", "new", "folded", "not written"]
    return _table(headers, rows, "runs")


def _learned_table(learned: dict[str, LearnedChrome]) -> str:
    rows = [
        [html.escape(site), str(articles), html.escape(line)]
        for site, chrome in sorted(learned.items())
        for line, articles in chrome.top
    ]
    if not rows:
        return "<p>Nothing learned yet: no line recurred across enough articles.</p>"
    return _table(["site", "articles", "line (an example of its shape)"], rows, "learned")


def _top_table(s: Summary) -> str:
    e = html.escape
    rows = [
        [
            e(site),
            e(", ".join(f"{k} ({v})" for k, v in s.sections[site].most_common(TOP)) or "-"),
            e(", ".join(f"{k} ({v})" for k, v in s.authors[site].most_common(TOP)) or "-"),
        ]
        for site in sorted(s.per_site)
    ]
    return _table(["site", "sections", "authors"], rows, "top")


def _groups_table(s: Summary, base: str) -> str:
    rows = [
        [str(n), _link(base, f), "<br>".join(html.escape(u) for u in urls)]
        for n, f, urls in s.largest_groups
    ]
    return _table(["URLs", "document", "the URLs that led to it"], rows, "groups")


def _extremes_table(s: Summary, base: str) -> str:
    e = html.escape
    rows = [["shortest", str(w), _link(base, f), e(t)] for w, f, t in s.shortest] + [
        ["longest", str(w), _link(base, f), e(t)] for w, f, t in s.longest
    ]
    return _table(["", "words", "document", "title"], rows, "extremes")
