"""Every chrome pattern has evidence: a line of our own, written after a real line of the sites'
pages (``benchmarks/rules_audit.py`` lists the real lines each pattern matches), that the
pattern matches and that the cleaner drops. A pattern no line matches fails here: it is
removed, not kept for a page nobody has seen."""

from __future__ import annotations

import pytest

from cleaners import clean_blocks
from cleaners.matching import every_pattern
from tests.test_families import DROPPED

# (site, line) for the patterns the family tests' lines do not cover.
EVIDENCE = [
    ("generic", "Klik di sini untuk berita lainnya"),
    ("kompas", "Pastikan kamu sudah memasang aplikasi WhatsApp ya."),
    ("kompas", "Halaman:"),
    ("tribun", "Berikutnya"),
    ("kumparan", "Live Update"),
    ("tribun", "Pedoman Media Siber Redaksi Kontak Kami"),
    ("generic", "Oleh: Nama Penulis"),
    ("kompas", "Dibaca 2.345 kali"),
    ("tribun", "Foto: Nama Fotografer/Kantor Berita"),
    ("tribun", "Sejumlah warga antre sembako di balai desa. FOTO: Nama Fotografer"),
    ("kompas", "Lihat Foto"),
    ("kompas", "Baca berita tanpa iklan, gabung sekarang"),
    ("kompas", "Nikmati Kompascom+ tanpa iklan"),
    ("kompas", "Simak breaking news dan berita pilihan langsung dari ponselmu."),
    ("tribun", "© 2024 Nama Jaringan, a subsidiary of Nama Grup."),
]
OWN = [(site, line) for _, site, line in DROPPED] + EVIDENCE
RULES = every_pattern()


@pytest.mark.parametrize(
    ("owner", "family", "regex", "limit"),
    RULES,
    ids=[f"{owner}-{family}-{n}" for n, (owner, family, _, _) in enumerate(RULES)],
)
def test_every_pattern_matches_a_line_of_our_own(owner, family, regex, limit) -> None:
    matched = [
        line
        for site, line in OWN
        if owner in ("shared", site)
        and (limit is None or line.count(" ") + 1 <= limit)
        and regex.search(line)
    ]
    assert matched, f"{owner}/{family}: no line of our own for {regex.pattern!r}"


@pytest.mark.parametrize(("site", "line"), EVIDENCE)
def test_every_evidence_line_is_dropped(site: str, line: str) -> None:
    before = "Paragraf pembuka artikel ini berisi kalimat yang cukup panjang untuk dianggap isi."
    after = "Paragraf penutup artikel ini juga berisi kalimat lengkap yang diakhiri dengan titik."
    decisions = clean_blocks([before, line, after], site, title="Judul").decisions
    assert not decisions[1].keep, decisions[1]
