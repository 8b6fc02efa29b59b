"""The layers point one way: ``cleaners`` <- ``corpus`` <- ``crawler``.

``cleaners/`` and ``corpus/`` are the Scrapy-free core (library mode, ``scrapy regenerate``'s
workers); ``crawler/`` holds what runs inside Scrapy and nothing else.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

SCRAPY_WORLD = ("scrapy", "twisted", "scrapy_redis", "crawler")


def imported(path: Path) -> set[str]:
    """Top-level package names a module imports, anywhere in it (lazy imports too)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def modules(package: str) -> list[Path]:
    return sorted((REPO / package).rglob("*.py"))


@pytest.mark.parametrize("package", ["cleaners", "corpus"])
def test_the_core_imports_nothing_of_scrapy_or_the_crawler(package: str) -> None:
    wrong = {
        str(path.relative_to(REPO)): sorted(imported(path) & set(SCRAPY_WORLD))
        for path in modules(package)
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_cleaners_do_not_import_the_corpus() -> None:
    assert [str(p) for p in modules("cleaners") if "corpus" in imported(p)] == []


def test_every_crawler_module_is_about_scrapy() -> None:
    """A module under crawler/ that needs no Scrapy belongs in the core."""
    plain = [
        str(path.relative_to(REPO))
        for path in modules("crawler")
        if path.name != "__init__.py"
        and path.name != "settings.py"
        and not imported(path) & set(SCRAPY_WORLD)
    ]
    assert plain == []


def test_the_check_sees_a_wrong_import(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from crawler.spiders import base\n", encoding="utf-8")
    assert "crawler" in imported(module)


MAX_FUNCTION_LINES = 60


def long_functions(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        f"{path.name}:{node.lineno} {node.name} ({lines} lines)"
        for node in ast.walk(tree)
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and (lines := (node.end_lineno or node.lineno) - node.lineno + 1) > MAX_FUNCTION_LINES
    ]


def test_no_function_is_longer_than_a_screen() -> None:
    packages = ("crawler", "cleaners", "corpus")
    assert [f for pkg in packages for path in modules(pkg) for f in long_functions(path)] == []


def test_the_length_check_sees_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    path = tmp_path / "long.py"
    path.write_text(f"def f():\n{body}\n", encoding="utf-8")
    assert long_functions(path) == [f"long.py:1 f ({MAX_FUNCTION_LINES + 1} lines)"]
