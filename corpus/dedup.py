"""Deduplication: one document per story (no Scrapy; the dedup pipeline is its adapter).

Three ways two documents are the same story:

- the same canonical URL (``articles.urls.canonical_url`` folds paging, tracking parameters,
  fragments, AMP, ``/copy/`` and host aliases);
- the same clean text (SHA-256 of the document);
- near-identical bodies (MinHash with LSH, datasketch's scheme, on 5-word shingles, estimated
  Jaccard similarity at least ``NEAR_DUPLICATE_THRESHOLD``): a syndicated copy on another site
  with a different headline, an added note or a changed dateline.

Which copy is kept is decided per group once all documents of a run are known (so arrival
order cannot change it), by this rule, in order:

1. a document already in the corpus stays (files once written are never renumbered);
2. an original over a syndicated copy (a copy carries an "Artikel ini telah tayang di ..."
   note, recorded as ``syndicated_from``);
3. the site that another copy names as its source;
4. the earlier publication time;
5. the smaller canonical URL.

The kept document's manifest entry lists the URLs of every copy.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

import numpy as np

from cleaners.sites import SITE_NAMES, site_for_host

# 64 permutations (LSH_BANDS bands of LSH_ROWS rows at threshold 0.8): enough to tell a
# syndicated copy (Jaccard > 0.9) from a related story (< 0.5), at half the index memory of 128.
NUM_PERM = 64
# datasketch 2's default hashing scheme; its values fit in 32 bits, which is how they are stored.
MINHASH_SCHEME = "affine32"
SHINGLE_WORDS = 5
NEAR_DUPLICATE_THRESHOLD = 0.8
# The LSH banding: two documents are compared when one band of their signatures is equal.
# datasketch's MinHashLSH picks these for 0.8 at 64 permutations (false positives and negatives
# weighed alike; a test checks that it still does).
LSH_BANDS = 5
LSH_ROWS = 11
_BAND_BYTES = LSH_ROWS * 4  # 32-bit values
_WORD = re.compile(r"\w+")


# MinHash and LSH are datasketch's, computed here with numpy and dicts, value for value (tests
# check them against datasketch): importing datasketch loads scipy, 0.7 s of CPU in every
# process that fingerprints or deduplicates (the crawl, each regenerate worker).
_FMIX32 = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_EMPTY = np.uint32(0xFFFFFFFF)
_SHA1_WORDS = 5  # a SHA-1 digest is 20 bytes: five 32-bit words


@cache
def _permutations() -> tuple[np.ndarray, np.ndarray]:
    """The (a, b) of the affine permutations h -> a * h + b (mod 2^32), drawn as datasketch does."""
    gen = np.random.RandomState(1)
    a = gen.randint(0, 1 << 31, NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, NUM_PERM, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, which datasketch applies to each input hash first."""
    shift1, mul1, shift2, mul2 = _FMIX32
    hv = (hv ^ (hv >> shift1)) * mul1
    hv = (hv ^ (hv >> shift2)) * mul2
    return hv ^ (hv >> shift1)


def sha256_text(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def signature(text: str) -> bytes:
    """MinHash signature of the body (headline left out: copies often retitle a story)."""
    body = text.split("\n", 1)[1] if "\n" in text else text
    words = _WORD.findall(body.lower())
    if len(words) <= SHINGLE_WORDS:
        shingles = {" ".join(words)}
    else:
        # Each word with the next four; the shortest slice (the last shingle) ends the zip.
        following = (words[k:] for k in range(SHINGLE_WORDS))
        shingles = set(map(" ".join, zip(*following, strict=False)))
    # datasketch's sha1_hash32: the first 4 bytes of the SHA-1, little-endian (read for all
    # shingles at once: a third of the signature's cost was converting them one by one).
    digests = b"".join([hashlib.sha1(s.encode("utf-8")).digest() for s in shingles])
    hashes = np.frombuffer(digests, dtype="<u4")[::_SHA1_WORDS]
    a, b = _permutations()
    permuted = _fmix32(hashes).reshape(-1, 1) * a + b
    return np.minimum(permuted.min(axis=0), _EMPTY).astype(np.uint32).tobytes()


def _values(sig: bytes) -> np.ndarray:
    return np.frombuffer(sig, dtype=np.uint32)


def _band_keys(sig: bytes) -> list[bytes]:
    """The signature's LSH band keys, shortened to 8 bytes (the index's memory is mostly keys)."""
    return [
        hashlib.blake2b(sig[k * _BAND_BYTES : (k + 1) * _BAND_BYTES], digest_size=8).digest()
        for k in range(LSH_BANDS)
    ]


def _source_site(note: str | None) -> str | None:
    """The site a syndication note names: "Kompas.com" -> kompas, "TribunJateng.com" -> tribun."""
    if not note:
        return None
    name = note.lower()
    return next((site for site in SITE_NAMES if name.startswith(site)), None) or site_for_host(name)


@dataclass(slots=True)
class Candidate:
    """A document as deduplication sees it."""

    key: str  # canonical URL of the copy
    sha256: str
    signature: bytes
    site: str = ""
    published: str | None = None
    syndicated_from: str | None = None
    number: int | None = None  # set for documents already in the corpus
    urls: list[str] = field(default_factory=list)


@dataclass
class Group:
    kept: Candidate
    copies: list[Candidate]  # every member, the kept one included

    @property
    def urls(self) -> list[str]:
        return sorted({u for c in self.copies for u in (c.key, *c.urls)})


def _preference(group: list[Candidate]) -> Candidate:
    named = {_source_site(c.syndicated_from) for c in group} - {None}
    return min(
        group,
        key=lambda c: (
            c.number is None,  # 1. already in the corpus
            c.number if c.number is not None else 0,
            c.syndicated_from is not None,  # 2. an original, not a copy
            c.site not in named,  # 3. the site a copy names as its source
            c.published is None,  # 4. the earlier publication
            c.published or "",
            c.key,  # 5. the smaller canonical URL
        ),
    )


class Deduplicator:
    """Group documents into stories; keeps an LSH index (bands) of every signature given."""

    def __init__(self) -> None:
        # Per band: band key -> the members whose signature has that band.
        self.bands: list[dict[bytes, list[int]]] = [{} for _ in range(LSH_BANDS)]
        self.members: list[Candidate] = []

    def add(self, candidate: Candidate) -> None:
        index = len(self.members)
        self.members.append(candidate)
        for band, key in zip(self.bands, _band_keys(candidate.signature), strict=True):
            band.setdefault(key, []).append(index)

    def _similar(self, i: int) -> set[int]:
        """The members that share a band with member ``i`` (itself included)."""
        keys = _band_keys(self.members[i].signature)
        return {j for band, key in zip(self.bands, keys, strict=True) for j in band[key]}

    def groups(self, new: Iterable[int] | None = None) -> list[Group]:
        """The stories. With ``new``, only groups holding one of those member indexes."""
        parent = list(range(len(self.members)))

        def find(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        def union(a: int, b: int) -> None:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)

        by_key: dict[str, int] = {}
        by_sha: dict[str, int] = {}
        for i, c in enumerate(self.members):
            for table, value in ((by_key, c.key), (by_sha, c.sha256)):
                if value in table:
                    union(i, table[value])
                else:
                    table[value] = i
        wanted = set(range(len(self.members)) if new is None else new)
        for i in sorted(wanted):
            values = _values(self.members[i].signature)
            for j in sorted(self._similar(i)):
                # The estimated Jaccard similarity: the share of equal MinHash values.
                same = np.count_nonzero(values == _values(self.members[j].signature)) / NUM_PERM
                if j != i and same >= NEAR_DUPLICATE_THRESHOLD:
                    union(i, j)
        clusters: dict[int, list[int]] = {}
        for i in range(len(self.members)):
            clusters.setdefault(find(i), []).append(i)
        result = []
        for indexes in clusters.values():
            if wanted.isdisjoint(indexes):
                continue
            group = [self.members[i] for i in indexes]
            result.append(Group(_preference(group), group))
        return result
