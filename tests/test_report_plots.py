"""The report's plots over years: a real time axis (a gap between months shows as a gap) and
whole-number counts; and the runs table says what each run read."""

from __future__ import annotations

import re
from collections import Counter, defaultdict

from corpus.report import Summary, _runs_table, plot_documents_per_month, plot_fallback_share


def _texts(svg: str) -> list[str]:
    return [t.strip() for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]


def _summary(months: dict[str, dict[str, int]]) -> Summary:
    s = Summary()
    s.per_month = defaultdict(Counter, {m: Counter(c) for m, c in months.items()})
    s.fallback_per_month = defaultdict(Counter, {"2013-02": Counter({"kompas": 1})})
    for counts in months.values():
        s.per_site.update(counts)
    return s


def test_months_stand_on_a_time_axis_and_counts_are_whole() -> None:
    # Two months fourteen apart, one or two documents: on a category axis the two would stand
    # side by side, and the count axis would read 1.2, 1.4 ...
    summary = _summary({"2011-12": {"kompas": 1}, "2013-02": {"kompas": 2, "tribun": 1}})
    labels = _texts(plot_documents_per_month(summary))
    assert "2012" in labels or any(label.startswith("2012") for label in labels), labels
    assert not [label for label in labels if re.fullmatch(r"\d+\.\d+", label)], labels
    share = _texts(plot_fallback_share(summary))
    assert any("2012" in label for label in share), share


def test_the_runs_table_says_what_each_run_read() -> None:
    runs = [
        {
            "run": 1,
            "kind": "ccnews",
            "source": "CC-NEWS 2024-01-01..2024-01-31, 3 files",
            "finished": "2026-12-07T10:00:00Z",
            "new": 5,
            "folded": {},
            "rejected": {"incomplete (a page missing)": 2},
        }
    ]
    table = _runs_table(runs)
    assert "<th>read</th>" in table and "CC-NEWS 2024-01-01..2024-01-31, 3 files" in table
