"""The one record of an article, from its pages to the corpus, and every view derived from it.

An ``Article`` is built once, by the article path (``articles.plan.assemble``), and passed on
unchanged in form: the crawl yields it as its item (Scrapy takes dataclass items), the
acceptance step (``corpus.accept``) adds its language and fingerprint, the store keeps it as
JSON until the run ends, and its fields make the manifest row (``manifest_row``), the export
schema (``corpus.export``) and the dataset card's column list. Adding a field is one change: a
field here, with its description (and its manifest name, when the manifest has it).
"""

from __future__ import annotations

import json
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from cleaners.format import count_words


def _column(description: str, manifest: str | None = "") -> Any:
    """Field metadata: what the field holds, and its name in the manifest ("" = the field's
    own name, None = not in the manifest)."""
    return {"description": description, "manifest": manifest}


def _derived(description: str) -> Any:
    """A field computed from ``text`` (never given)."""
    return field(init=False, default=0, metadata=_column(description))


@dataclass(frozen=True, kw_only=True)
class Article:
    """One whole article. ``text`` is the document exactly as its corpus file holds it.

    Declared in the manifest's order (``manifest_row`` puts ``file`` first)."""

    canonical_url: str = field(metadata=_column("canonical URL: the article's identity", "url"))
    urls: tuple[str, ...] = field(
        default=(), metadata=_column("every URL that led to the story, copies included")
    )
    site: str = field(metadata=_column("registry name of the site (kompas, kumparan, tribun)"))
    title: str = field(metadata=_column("the headline"))
    authors: tuple[str, ...] = field(default=(), metadata=_column("author names"))
    published: str | None = field(
        default=None, metadata=_column("publication time, ISO 8601 with offset (WIB)")
    )
    section: str | None = field(default=None, metadata=_column("the site's section"))
    tags: tuple[str, ...] = field(default=(), metadata=_column("the site's topic tags"))
    language: str | None = field(default=None, metadata=_column("language found (id)"))
    language_score: float | None = field(
        default=None, metadata=_column("probability of that language")
    )
    chars: int = _derived("characters of the text")
    words: int = _derived("words of the text")
    sha256: str | None = field(default=None, metadata=_column("SHA-256 of the text's UTF-8"))
    extractor: str = field(
        metadata=_column(
            "what read the pages: site:<name>, fallback:container or fallback:trafilatura"
        )
    )
    pages: int = field(default=1, metadata=_column("pages joined into the text"))
    syndicated_from: str | None = field(
        default=None, metadata=_column("the source a syndication note names")
    )
    crawled_at: str | None = field(
        default=None, metadata=_column("when its last page was fetched (UTC)")
    )
    url: str = field(metadata=_column("the URL the article was requested by", None))
    text: str = field(metadata=_column("headline and body, blank-line separated", None))

    def __post_init__(self) -> None:
        object.__setattr__(self, "chars", len(self.text))
        object.__setattr__(self, "words", count_words(self.text))

    def published_within(self, since: date | None, until: date | None) -> bool:
        """Published on a day from ``since`` to ``until`` (either open), by its own date as
        the site gave it; an article without a date is within no bounded range."""
        if since is None and until is None:
            return True
        if not self.published:
            return False
        day = datetime.fromisoformat(self.published).date()
        return (since is None or day >= since) and (until is None or day <= until)

    def but(self, **changes: Any) -> Article:
        """A copy with these fields changed (the derived ones follow the text)."""
        return replace(self, **changes)

    def as_dict(self) -> dict[str, Any]:
        """The fields as plain values (lists for tuples): library mode's return value. (Every
        field is flat: no deep copy, which ``dataclasses.asdict`` makes, at a tenth of a page's
        extraction.)"""
        values = ((name, getattr(self, name)) for name in _FIELD_NAMES)
        return {name: list(v) if isinstance(v, tuple) else v for name, v in values}

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, data: str) -> Article:
        return cls.from_dict(json.loads(data))

    @classmethod
    def from_dict(cls, values: dict[str, Any]) -> Article:
        """The article of a dict of its fields (unknown and derived keys ignored)."""
        given = {f.name: values[f.name] for f in fields(cls) if f.init and f.name in values}
        for name in _TUPLE_FIELDS:
            if given.get(name) is not None:
                given[name] = tuple(given[name])
        return cls(**given)


def _is_tuple(annotation: Any) -> bool:
    return typing.get_origin(annotation) is tuple


_FIELD_NAMES = tuple(f.name for f in fields(Article))
_HINTS = typing.get_type_hints(Article)
_TUPLE_FIELDS = tuple(f.name for f in fields(Article) if _is_tuple(_HINTS[f.name]))


@dataclass(frozen=True)
class Column:
    """A column of the manifest and of the exported dataset."""

    name: str
    field: str  # the Article field it holds ("" for ``file``)
    kind: str  # "string", "list<string>", "int64", "double"
    description: str


def _kind(annotation: Any) -> str:
    """The column type of a field's annotation (``X | None`` is a nullable X)."""
    if _is_tuple(annotation):
        return "list<string>"
    if isinstance(annotation, types.UnionType):
        (annotation,) = [a for a in typing.get_args(annotation) if a is not type(None)]
    return {str: "string", int: "int64", float: "double"}[annotation]


def _columns() -> Iterator[Column]:
    yield Column("file", "", "string", "the corpus file: NNN_<first 16 hex of sha256>.txt")
    for f in fields(Article):
        name = f.metadata["manifest"]
        if name is not None:
            yield Column(name or f.name, f.name, _kind(_HINTS[f.name]), f.metadata["description"])


# The manifest's columns, in its order; the export adds the text after them.
MANIFEST_COLUMNS: tuple[Column, ...] = tuple(_columns())
TEXT_COLUMN = Column("text", "text", "string", "headline and body, blank-line separated")
EXPORT_COLUMNS: tuple[Column, ...] = (*MANIFEST_COLUMNS, TEXT_COLUMN)


def manifest_row(article: Article, file: str) -> dict[str, Any]:
    """The manifest line of a document, fields in the manifest's order."""
    row: dict[str, Any] = {"file": file}
    for column in MANIFEST_COLUMNS[1:]:
        value = getattr(article, column.field)
        row[column.name] = list(value) if isinstance(value, tuple) else value
    return row
