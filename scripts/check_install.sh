#!/usr/bin/env bash
# A user's plain install: a new venv, the interpreter's own pip (not upgraded: pip 23 on Python
# 3.11 here), `pip install -e .`, then the generic fallback (trafilatura) reads a page. Catches a
# dependency that only a newer pip would have found (trafilatura's lxml[html_clean] extra).
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
venv=$(mktemp -d)/venv
trap 'rm -rf "$(dirname "$venv")"' EXIT
"$PYTHON" -m venv "$venv"
echo "check_install: $("$venv/bin/pip" --version | cut -d' ' -f1-2), plain 'pip install -e .'"
"$venv/bin/pip" install --quiet --disable-pip-version-check -e . 2>&1 | grep -v "^WARNING: Location" || true
cd "$(dirname "$venv")"  # away from the checkout: the installed project is what is imported
"$venv/bin/python" - <<'PY'
from articles.extraction import FALLBACK, extract

first = (
    "Warga kampung itu bergotong royong membersihkan saluran air setelah hujan deras semalam. "
    "Lumpur setinggi mata kaki menutup jalan desa dan halaman sekolah dasar di ujung kampung."
)
second = (
    "Kepala desa meminta bantuan alat berat kepada pemerintah kabupaten pada Selasa pagi. "
    "Menurut dia, sungai kecil di belakang pasar meluap karena sampah menyumbat gorong-gorong."
)
page = (
    "<html><head><title>Banjir surut di kampung</title></head><body><nav>Beranda</nav>"
    f"<article><h1>Banjir surut di kampung</h1><p>{first}</p><p>{second}</p></article>"
    "</body></html>"
)
item = extract(page, "https://berita.example/2024/01/02/banjir-surut")
assert item["extractor"] == FALLBACK and "gotong royong" in item["text"], item
print("check_install: the fallback extractor works in a plain install")
PY
