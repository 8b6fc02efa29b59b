"""Hostile input: file names never come from page content; no content reaches a shell or eval."""

from __future__ import annotations

import ast
import re
from pathlib import Path

from corpus.store import CorpusStore
from tests.conftest import REPO
from tests.corpus_fixture import article

HOSTILE = "../../../etc/passwd; rm -rf / $(reboot) `id` | tee /tmp/x & echo \x00"


def test_corpus_file_names_never_come_from_page_content(tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    store = CorpusStore(folder)
    store.stage(
        article(
            canonical_url=f"https://kumparan.com/{HOSTILE}",
            site="kumparan",
            title=HOSTILE,
            text=f"{HOSTILE}\n\nParagraf berita yang biasa saja dengan isi yang cukup panjang.\n",
            published="2020-10-01T00:00:00+07:00",
        )
    )
    store.finish()
    store.close()
    names = {p.name for p in folder.iterdir() if not p.name.startswith("corpus.sqlite")}
    texts = [n for n in names if n.endswith(".txt")]
    assert names == {*texts, "manifest.jsonl"} and len(texts) == 1
    assert re.fullmatch(r"000_[0-9a-f]{16}\.txt", texts[0])
    # Nothing was written outside the corpus folder.
    assert [p.name for p in tmp_path.iterdir()] == ["corpus"]


FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__"}
FORBIDDEN_ATTRS = {
    ("os", "system"),
    ("os", "popen"),
    ("subprocess", "run"),
    ("subprocess", "Popen"),
    ("subprocess", "call"),
    ("subprocess", "check_output"),
    ("pickle", "loads"),
}


def test_no_code_path_hands_content_to_a_shell_or_an_evaluator() -> None:
    found = []
    for path in sorted([*(REPO / "cleaners").rglob("*.py"), *(REPO / "crawler").rglob("*.py")]):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id in FORBIDDEN_CALLS:
                found.append(f"{path.relative_to(REPO)}:{node.lineno} {func.id}()")
            if (
                isinstance(func, ast.Attribute)
                and isinstance(func.value, ast.Name)
                and (func.value.id, func.attr) in FORBIDDEN_ATTRS
            ):
                found.append(
                    f"{path.relative_to(REPO)}:{node.lineno} {func.value.id}.{func.attr}()"
                )
            for kw in node.keywords:
                if kw.arg == "shell" and isinstance(kw.value, ast.Constant) and kw.value.value:
                    found.append(f"{path.relative_to(REPO)}:{node.lineno} shell=True")
    assert found == []
