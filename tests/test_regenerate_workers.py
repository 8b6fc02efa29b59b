"""How regenerate hands pass 2 to its worker processes."""

from __future__ import annotations

from corpus.archive_index import Unit
from corpus.regenerate import _chunks


def test_pass_two_hands_out_every_article_once_in_order_in_shrinking_chunks() -> None:
    """Large chunks save round trips between the processes; the last ones are small, so one
    worker does not finish a large chunk alone while the other waits."""
    units = [Unit(f"https://kumparan.com/a/berita-{i}") for i in range(1000)]
    chunks = list(_chunks(units, 2))
    assert [unit for chunk in chunks for unit in chunk] == units
    sizes = [len(chunk) for chunk in chunks]
    assert sizes[0] == 64 and sizes[-1] <= 4
    assert sizes == sorted(sizes, reverse=True)
    assert [len(c) for c in _chunks(units[:3], 2)] == [3]
    assert list(_chunks([], 2)) == []
