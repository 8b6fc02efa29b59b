"""What every article needs, loaded once per process before the first page (no Scrapy).

The cleaners' compiled rules for the sites to be read, the language model of the first pass and
the MinHash permutations live as long as the run. Loaded, they are frozen out of Python's
cyclic garbage collector (``gc.freeze``), with everything else alive at that point (modules,
settings, the crawl's components), after one collection (so no garbage is frozen): otherwise
every full collection walks them again, which in a 3,000-page crawl took 1.0-1.2 s of CPU
(0.15-0.19 s frozen, timed with ``gc.callbacks``). Frozen objects are still freed when nothing
refers to them; cycles among them wait for ``cool_down`` at the end of the run, which matters
to a process that runs several crawls or regenerations.
"""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterable, Iterator

from cleaners.matching import classifier_for
from corpus.dedup import signature
from corpus.language import detect_language

# Long enough for the fast first pass: langdetect, seldom asked, loads when it is.
_SAMPLE = (
    "Presiden mengatakan bahwa bantuan tunai akan diberikan kepada warga yang terdampak "
    "banjir di Jakarta Timur. Pemerintah provinsi telah menyiapkan posko pengungsian dan "
    "dapur umum bagi ratusan keluarga yang rumahnya terendam sejak Senin pagi."
)


def warm_up(sites: Iterable[str]) -> None:
    """Compile the cleaners of ``sites``, load the first-pass language model, then freeze."""
    for site in sites:
        classifier_for(site)
    detect_language(_SAMPLE)
    signature("warm")
    gc.collect()
    gc.freeze()


def cool_down() -> None:
    """The end of a run: what ``warm_up`` froze is the collector's again (``gc.unfreeze``)."""
    gc.unfreeze()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection while a phase builds what the run keeps (regenerate's index of
    the archives): each full collection walks all of it again as it grows, a fifth of pass 1's
    CPU and two thirds of handing its index from one process to another (measured); and such a
    phase leaves next to no cyclic garbage (none over our archives, 108 objects over the 125
    files of other tools in ../shared/foreign_warc, damaged ones included)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
