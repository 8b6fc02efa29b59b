"""The layers point one way: ``cleaners`` <- ``articles`` <- ``archives`` <- ``corpus`` <-
``crawler``.

``cleaners/`` (how to read a page), ``articles/`` (a page into an article), ``archives/`` (web
archives) and ``corpus/`` (acceptance, the store and its views) are the Scrapy-free core (library
mode, ``scrapy regenerate``'s workers); ``crawler/`` holds what runs inside Scrapy and nothing
else. Each layer imports only the layers below it.
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


# Bottom to top: a package may import the ones before it, never one after it.
LAYERS = ("cleaners", "articles", "archives", "corpus", "crawler")
CORE = LAYERS[:-1]


@pytest.mark.parametrize("package", CORE)
def test_the_core_imports_nothing_of_scrapy_or_the_crawler(package: str) -> None:
    wrong = {
        str(path.relative_to(REPO)): sorted(imported(path) & set(SCRAPY_WORLD))
        for path in modules(package)
    }
    assert {k: v for k, v in wrong.items() if v} == {}


@pytest.mark.parametrize("package", CORE)
def test_a_layer_imports_only_the_layers_below_it(package: str) -> None:
    above = set(LAYERS[LAYERS.index(package) + 1 :])
    wrong = {
        str(path.relative_to(REPO)): sorted(imported(path) & above) for path in modules(package)
    }
    assert {k: v for k, v in wrong.items() if v} == {}


def test_every_module_of_the_project_is_in_a_layer() -> None:
    packages = {p.parent.name for p in REPO.glob("*/__init__.py")}
    assert packages - {"tests", "demo", "benchmarks"} == set(LAYERS)


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
    packages = LAYERS
    assert [f for pkg in packages for path in modules(pkg) for f in long_functions(path)] == []


def test_the_length_check_sees_a_long_function(tmp_path: Path) -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    path = tmp_path / "long.py"
    path.write_text(f"def f():\n{body}\n", encoding="utf-8")
    assert long_functions(path) == [f"long.py:1 f ({MAX_FUNCTION_LINES + 1} lines)"]
