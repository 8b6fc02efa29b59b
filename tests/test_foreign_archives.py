"""Other tools' archives, as the world writes them: every real file of ``../shared/foreign_warc``
read with the counts of our own table, every crafted case with the documents it must give, a
fuzzing loop over damaged copies. Read from ``../shared`` (third-party files, never copied into
this repository); skipped with the reason when that folder is absent."""

from __future__ import annotations

import contextlib
import io
import json
import random
from pathlib import Path

import pytest

from archives.index import index_archives
from articles.record import Article
from corpus.regenerate import rebuild, regenerate
from tests.conftest import REPO

FOREIGN = REPO.parent / "shared" / "foreign_warc"
CASES = FOREIGN / "synthetic" / "cases"
TABLE = json.loads((REPO / "tests" / "data" / "foreign_warc_expected.json").read_text())
EXPECTED_TEXTS = {
    p.read_text(encoding="utf-8") for p in (REPO / "demo" / "expected").rglob("*.txt")
}

needs_shared = pytest.mark.skipif(
    not FOREIGN.is_dir(), reason=f"{FOREIGN} is absent (third-party archives, not in the repo)"
)

# What each crafted case must give: (documents, the reasons counted). Every document must be
# one of the demo's expected texts, byte for byte: never a cut or garbled page.
CRAFTED = {
    "C1-three-good-plus-one-br.warc.gz": (4, []),
    "C2-three-good-plus-bad-ipv6-target.warc.gz": (3, ["target URI is not a URL"]),
    "E1-content-encoding-zstd.warc.gz": (1, []),
    "E2-gzip-corrupt-midway.warc.gz": (0, ["page cut short (did not arrive whole)"]),
    "E3-gzip-label-plain-body.warc.gz": (1, []),
    "E4-gzip-truncated-body.warc.gz": (0, ["page cut short (did not arrive whole)"]),
    "E5-chunked-bad-sizes.warc.gz": (1, []),
    "E6-content-encoding-gzip-identity.warc.gz": (1, []),
    "E7-charset-latin1-declared-utf8-body.warc.gz": (1, []),
    "E8-http-content-length-longer-than-payload.warc.gz": (
        0,
        ["page cut short (did not arrive whole)"],
    ),
    "L1-long-url-with-space.warc": (0, ["unreadable file"]),
    "L2-short-content-length-long-remainder.warc": (0, ["unreadable file", "unsupported host"]),
    "R1-wget-1.20.3-br-record-retargeted.warc": (
        0,
        [
            "metadata record (not a page)",
            "not an article page",
            "not an http(s) URL",
            "request record (not a page)",
            "warcinfo record (not a page)",
        ],
    ),
    "S00-baseline.warc.gz": (3, []),
    "S01a-resource-record.warc.gz": (1, []),
    "S01b-metadata-html.warc.gz": (0, ["metadata record (not a page)"]),
    "S01c-conversion-html.warc.gz": (1, []),
    "S02a-1.1-chunked-br.warc.gz": (1, []),
    "S02b-1.1-chunked-deflate-zlib.warc.gz": (1, []),
    "S02c-1.1-chunked-deflate-raw.warc.gz": (1, []),
    "S02d-1.1-chunked-gzip.warc.gz": (1, []),
    "S02e-1.1-br-not-chunked.warc.gz": (1, []),
    "S03a-revisit-other-url.warc.gz": (1, []),
    "S03b-revisit-no-digest.warc.gz": (1, ["revisit of a record not in these archives"]),
    "S03c-revisit-of-offsite-original.warc.gz": (1, ["unsupported host"]),
    "S03d-revisit-digest-case.warc.gz": (1, []),
    "S04a-http2-status.warc.gz": (1, []),
    "S04b-http2.0-status.warc.gz": (1, []),
    "S04c-no-reason-phrase.warc.gz": (1, []),
    "S04d-http3-status.warc.gz": (1, []),
    "S05a-lowercase-headers.warc.gz": (1, []),
    "S05b-duplicate-content-type.warc.gz": (1, []),
    "S05c-duplicate-content-type-other-first.warc.gz": (1, []),
    "S05d-lf-only.warc": (1, []),
    "S05e-lf-only-http.warc": (1, []),
    "S06a-uri-fragment.warc": (1, []),
    "S06b-uri-angle-brackets.warc": (1, []),
    "S06c-uri-trailing-space.warc": (1, []),
    "S06d-uri-inner-space.warc": (1, []),
    "S06e-uri-uppercase-host-port.warc": (1, []),
    "S06f-uri-http-scheme.warc": (1, []),
    "S06g-uri-percent-encoded.warc": (1, []),
    "S06h-uri-bad-ipv6.warc": (0, ["target URI is not a URL"]),
    "S06i-uri-dns-scheme.warc": (0, ["not an http(s) URL"]),
    "S07-whole-file-gzip.warc.gz": (3, []),
    "S07b-uncompressed.warc": (3, []),
    "S08-per-record.warc.zst": (3, []),
    "S09-article.arc": (1, []),
    "S09b-article.arc.gz": (1, []),
    "S10-response-no-http-block.warc.gz": (0, ["not an HTTP response"]),
    "S11-warc-truncated-length.warc.gz": (0, ["cut by its writer (WARC-Truncated: length)"]),
    "S12-segmented.warc": (1, []),
    "S13-warcio-capture_http-via-proxy.warc.gz": (2, ["request record (not a page)"]),
    "S14-wget-no-compression.warc": (
        2,
        [
            "metadata record (not a page)",
            "not an http(s) URL",
            "request record (not a page)",
            "warcinfo record (not a page)",
        ],
    ),
}


def run(paths: list[Path], out: Path) -> tuple[list[str], dict[str, int], dict[str, int], str]:
    """(the documents' texts, record types, reasons counted, what was printed) of a run."""
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        report = regenerate([str(p) for p in paths], out, progress=False)
    manifest = out / "manifest.jsonl"
    rows = (
        [json.loads(line) for line in manifest.read_text().splitlines()]
        if manifest.exists()
        else []
    )
    texts = [(out / row["file"]).read_text(encoding="utf-8") for row in rows]
    return texts, dict(report.index.record_types), dict(report.skipped), printed.getvalue()


def staged_texts(path: Path) -> tuple[set[str], str]:
    """(the texts of the articles a file's pages make, what was printed), by regenerate's own
    two passes (``index_archives``, then ``rebuild`` per article) without the corpus stage,
    which only folds and numbers: the fuzzing loops run them a thousand times."""
    printed = io.StringIO()
    with contextlib.redirect_stderr(printed):
        index = index_archives([str(path)])
        outcomes = [rebuild(unit) for unit in index.units.values()]
    texts = {Article.from_json(o.staged.record).text for o in outcomes if o.staged is not None}
    return texts, printed.getvalue()


def short_lines(printed: str) -> bool:
    """Every line regenerate printed is short (stderr is the process's: other threads of the
    test process, such as a local server's, may write there too)."""
    return all(len(line) <= 200 for line in printed.splitlines() if line.startswith("regen"))


@needs_shared
@pytest.mark.parametrize("name", sorted(k for k in TABLE if not k.startswith("(")))
def test_every_real_archive_reads_as_our_table_says(name: str, tmp_path: Path) -> None:
    texts, records, skipped, printed = run([FOREIGN / name], tmp_path)
    expected = TABLE[name]
    assert (len(texts), records, skipped) == (
        expected["documents"],
        expected["records"],
        expected["skipped"],
    )
    assert short_lines(printed)


@needs_shared
def test_all_real_archives_together_resolve_every_revisit(tmp_path: Path) -> None:
    files = [FOREIGN / name for name in TABLE if not name.startswith("(")]
    _, records, skipped, _ = run(files, tmp_path)
    assert records == TABLE["(all 57 together)"]["records"] and records["revisit"] > 100
    assert skipped == TABLE["(all 57 together)"]["skipped"]
    assert "revisit of a record not in these archives" not in skipped


@needs_shared
@pytest.mark.parametrize("name", sorted(CRAFTED))
def test_each_crafted_case_gives_its_documents(name: str, tmp_path: Path) -> None:
    texts, _, skipped, printed = run([CASES / name], tmp_path)
    documents, reasons = CRAFTED[name]
    assert len(texts) == documents
    assert all(text in EXPECTED_TEXTS for text in texts)
    assert sorted(skipped) == sorted(reasons)
    assert short_lines(printed)


def mutants(data: bytes, rng: random.Random, count: int) -> list[bytes]:
    """Copies of an archive cut, with bytes flipped, or with a piece spliced in elsewhere."""
    out = []
    for _ in range(count):
        kind = rng.choice(("cut", "flip", "splice"))
        mutant = bytearray(data)
        if kind == "cut":
            mutant = mutant[: rng.randrange(len(mutant))]
        elif kind == "flip":
            for _ in range(rng.randint(1, 8)):
                mutant[rng.randrange(len(mutant))] ^= 1 << rng.randrange(8)
        else:
            start = rng.randrange(len(data))
            piece = data[start : start + rng.randint(1, 4000)]
            at = rng.randrange(len(mutant))
            mutant[at:at] = piece
        out.append(bytes(mutant))
    return out


@needs_shared
@pytest.mark.parametrize(
    "name",
    [
        "S00-baseline.warc.gz",
        "S07b-uncompressed.warc",
        "S08-per-record.warc.zst",
        "S14-wget-no-compression.warc",
        "../../wget/IAH-urls-wget.warc",
        "../../pywb-liveweb/iana.warc.gz",
        "../../heritrix/IAH-20080430204825-00000-blackbook.warc.gz",
    ],
)
def test_damaged_copies_never_raise_nor_give_a_document_the_intact_file_does_not(
    name: str, tmp_path: Path
) -> None:
    """Every record of these files carries its block digest: damage anywhere is found."""
    intact, _ = staged_texts(CASES / name)
    assert intact or name.startswith("../../")  # (the real ones hold no page of ours)
    rng = random.Random(f"fuzz {name}")
    for number, data in enumerate(mutants((CASES / name).read_bytes(), rng, 40)):
        damaged = tmp_path / f"{number}-{Path(name).name}"
        damaged.write_bytes(data)
        texts, printed = staged_texts(damaged)
        assert texts <= intact, f"mutant {number} of {name} gave another document"
        assert short_lines(printed)


@needs_shared
@pytest.mark.parametrize("name", ["S09-article.arc", "S09b-article.arc.gz"])
def test_damaged_arc_files_never_raise(name: str, tmp_path: Path) -> None:
    """ARC has no digests: damage inside a page's text cannot be told; a run never fails."""
    rng = random.Random(f"fuzz {name}")
    for number, data in enumerate(mutants((CASES / name).read_bytes(), rng, 40)):
        damaged = tmp_path / f"{number}-{name}"
        damaged.write_bytes(data)
        _, printed = staged_texts(damaged)
        assert short_lines(printed)


def test_a_zstd_warc_with_a_dictionary_frame_is_read(tmp_path: Path) -> None:
    """The WARC-zstd form: a skippable frame holding the dictionary (here compressed itself),
    then one frame per record compressed with it. Our own pages."""
    import struct

    from backports import zstd
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    mirror = REPO / "demo" / "mirror" / "kumparan.com"
    pages = {
        "https://kumparan.com/" + str(p.relative_to(mirror)): p.read_bytes()
        for p in sorted(mirror.glob("kumparan*/*"))
    }
    records = []
    for url, page in pages.items():
        buffer = io.BytesIO()
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        writer = WARCWriter(buffer, gzip=False)
        writer.write_record(
            writer.create_warc_record(
                url, "response", payload=io.BytesIO(page), length=len(page), http_headers=http
            )
        )
        records.append(buffer.getvalue())
    samples = [r[i : i + 400] for r in records for i in range(0, len(r), 400)] * 8
    dictionary = zstd.train_dict(samples, 8192)
    frame = zstd.compress(dictionary.dict_content)
    archive = tmp_path / "pages.warc.zst"
    archive.write_bytes(
        struct.pack("<II", 0x184D2A5D, len(frame))
        + frame
        + b"".join(zstd.compress(r, zstd_dict=dictionary) for r in records)
    )
    texts, records_seen, skipped, _ = run([archive], tmp_path / "out")
    assert records_seen == {"response": len(pages)} and skipped == {}
    assert len(texts) == len(pages) and all(text in EXPECTED_TEXTS for text in texts)
