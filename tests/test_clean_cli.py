"""`scrapy clean` on bad and unusual input: clear messages, nothing half-written, exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import GOLDEN, SEEDS, run_scrapy

pytestmark = pytest.mark.e2e

KOMPAS_SEED = "004_15cf8296751ff347.txt"


def _seed_bytes(name: str = KOMPAS_SEED) -> bytes:
    return (SEEDS / name).read_bytes()


def test_bom_and_crlf_are_repaired_and_reported(tmp_path: Path, outdir: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    data = _seed_bytes().replace(b"\n", b"\r\n")
    (src / KOMPAS_SEED).write_bytes(b"\xef\xbb\xbf" + data)
    result = run_scrapy("clean", src, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert "BOM removed" in result.stderr and "CRLF" in result.stderr
    assert KOMPAS_SEED in result.stderr
    assert (outdir / KOMPAS_SEED).read_bytes() == (GOLDEN / KOMPAS_SEED).read_bytes()


def test_windows_1252_input_is_decoded_and_reported(tmp_path: Path, outdir: Path) -> None:
    text = (SEEDS / KOMPAS_SEED).read_text(encoding="utf-8")
    # Curly quotes exist in cp1252; the no-break spaces too.
    path = tmp_path / "cp1252.txt"
    path.write_bytes(text.encode("cp1252"))
    result = run_scrapy("clean", path, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert "cp1252.txt: not UTF-8" in result.stderr and "cp1252" in result.stderr
    assert (outdir / "cp1252.txt").read_bytes() == (GOLDEN / KOMPAS_SEED).read_bytes()


def test_bad_files_fail_alone_and_set_the_exit_status(tmp_path: Path, outdir: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a_empty.txt").write_bytes(b"  \n\n")
    (src / "b_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (src / "c_chrome_only.txt").write_text(
        "Baca berita tanpa iklan. Gabung Kompas.com+\nKomentar\n"
    )
    (src / KOMPAS_SEED).write_bytes(_seed_bytes())
    result = run_scrapy("clean", src, tmp_path / "missing.txt", "-o", outdir)
    assert result.returncode != 0
    lines = result.stderr.splitlines()
    assert any("a_empty.txt: empty file" in line for line in lines)
    assert any("b_binary.txt: binary file" in line for line in lines)
    assert any("c_chrome_only.txt: no article text found" in line for line in lines)
    assert any("missing.txt: no such file or folder" in line for line in lines)
    assert "1 cleaned, 4 failed" in result.stderr
    # The good file is still cleaned; nothing is written for the bad ones, no temporary left.
    assert sorted(p.name for p in outdir.iterdir()) == [KOMPAS_SEED]
    assert (outdir / KOMPAS_SEED).read_bytes() == (GOLDEN / KOMPAS_SEED).read_bytes()


def test_explain_prints_every_line_with_its_verdict(outdir: Path) -> None:
    seed = SEEDS / "002_140e7188a0039106.txt"
    result = run_scrapy("clean", seed, "-o", outdir, "--explain")
    assert result.returncode == 0, result.stderr
    out = result.stdout.splitlines()
    n_lines = len(seed.read_text(encoding="utf-8").splitlines())
    assert out[0] == f"== {seed} (site: kumparan)"
    assert len(out) == 1 + n_lines
    verdicts = {line.split()[0]: line for line in out[1:]}
    assert "KEEP  headline" in verdicts["1"]
    assert "drop  metadata" in verdicts["3"]
    assert "drop  share-widget" in verdicts["6"] and "sosmed-whatsapp-white" in verdicts["6"]
    assert "drop  caption" in verdicts["9"]
    assert "drop  advertisement" in verdicts["12"]
    assert "KEEP  body" in verdicts["13"]


def test_site_option_overrides_detection(outdir: Path, tmp_path: Path) -> None:
    # A Tribun page of our own: the network's comment rules under the article are a wording
    # only Tribun's entry knows, so the generic profile keeps them and Tribun's drops them.
    rules = "Isi komentar sepenuhnya menjadi tanggung jawab pengguna yang menulisnya"
    page = tmp_path / "tribun-page.txt"
    page.write_text(
        "Warga Gotong Royong Bersihkan Sungai\n\n"
        "TRIBUNNEWS.COM, BOGOR - Ratusan warga membersihkan sungai dari sampah plastik pada "
        "Minggu pagi bersama petugas kebersihan kota.\n\n"
        "Kegiatan itu digelar setiap bulan sejak banjir besar melanda kawasan tersebut.\n\n"
        f"{rules}\n",
        encoding="utf-8",
    )
    generic = run_scrapy("clean", page, "-o", outdir, "--site", "generic")
    assert generic.returncode == 0, generic.stderr
    assert rules in (outdir / page.name).read_text(encoding="utf-8")
    tribun = run_scrapy("clean", page, "-o", outdir, "--site", "tribun")
    assert tribun.returncode == 0, tribun.stderr
    cleaned = (outdir / page.name).read_text(encoding="utf-8")
    assert rules not in cleaned and "Kegiatan itu digelar" in cleaned


def test_usage_errors_are_clear(outdir: Path) -> None:
    no_out = run_scrapy("clean", "seeds/")
    assert no_out.returncode != 0 and "-o OUTDIR" in no_out.stderr
    bad_site = run_scrapy("clean", "seeds/", "-o", outdir, "--site", "detik")
    assert bad_site.returncode != 0 and "invalid choice" in bad_site.stderr


@pytest.mark.e2e
def test_a_listing_page_is_written_as_an_empty_document(tmp_path: Path, outdir: Path) -> None:
    page = tmp_path / "topik.txt"
    lines = ["TOPIK", "Gunung Api Aktif"]
    for text in ("Petugas meminta warga tetap tenang.", "Sekolah di lereng gunung diliburkan."):
        lines += ["-", text]
    page.write_text("\n".join([*lines, "-", "Jalur pendakian ditutup sementara."]) + "\n")
    result = run_scrapy("clean", page, "-o", outdir)
    assert result.returncode == 0, result.stderr
    assert (outdir / "topik.txt").read_bytes() == b""
    assert "topik.txt: a listing page: an empty document" in result.stderr
    assert "0 cleaned, 1 listing pages (empty), 0 failed" in result.stderr


def test_a_folder_of_one_sites_dumps_teaches_its_chrome(tmp_path: Path, outdir: Path) -> None:
    """A prompt the site prints under articles of different series: learned from the folder,
    listed by --explain with the number of articles, dropped from every document."""
    prompt = "Dapatkan kabar terbaru dan wawasan pilihan langsung di kotak surel kamu setiap pagi."
    titles = ["Harga Cabai Turun Jelang Panen", "Kereta Cepat Tambah Jadwal Libur",
              "Gempa Guncang Pesisir Selatan Jawa"]  # fmt: skip
    bodies = ["Para petani cabai di lereng gunung mengeluhkan harga yang turun sejak pekan lalu.",
              "Operator kereta menambah enam perjalanan setiap hari selama musim libur sekolah.",
              "Warga pesisir berlarian keluar rumah ketika guncangan terasa pada Selasa pagi."]  # fmt: skip
    src = tmp_path / "dumps"
    src.mkdir()
    for n, (title, body) in enumerate(zip(titles, bodies, strict=True)):
        dump = [
            title,
            "Kompas.com - 14/03/2023, 09:15 WIB",
            f"JAKARTA, KOMPAS.com - {body}",
            prompt,
        ]
        (src / f"{n}.txt").write_text("\n".join(dump) + "\n", encoding="utf-8")
    result = run_scrapy("clean", src, "-o", outdir, "--site", "kompas", "--explain")
    assert result.returncode == 0, result.stderr
    assert "== learned from the kompas pages given: 1 line shapes" in result.stdout
    assert f"      3 articles  {prompt}" in result.stdout
    for n in range(3):
        assert prompt not in (outdir / f"{n}.txt").read_text(encoding="utf-8")
