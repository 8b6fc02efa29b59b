"""Why a page reads as it does: the HTML counterpart of ``scrapy clean --explain``.

For one page: the site and the layout version that read it (or the fallback), every block of
the page in order with keep or drop and the reason (the selector that removed it as chrome,
the text family, "after-body"), where each metadata field came from (JSON-LD, meta, markup),
and the final document. No Scrapy: ``scrapy explain`` fetches or reads the page and prints
what this returns.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaners.html import (
    _first,
    _json_ld_articles,
    _meta,
    body_elements,
    chrome_selectors,
    element_blocks,
    parse_html,
)
from cleaners.profile import HtmlLayout
from cleaners.sites import site_for_url
from cleaners.text import clean_blocks
from corpus.extraction import FALLBACK, NoArticleError, _layout_for, build_article, read_page


@dataclass
class ExplainedBlock:
    keep: bool
    reason: str  # "selector <css>", a text family, "headline", "body"
    text: str


@dataclass
class Explanation:
    url: str
    site: str
    layout: str  # the layout version, or the fallback extractor
    blocks: list[ExplainedBlock] = field(default_factory=list)
    metadata: list[tuple[str, str, str]] = field(default_factory=list)  # field, value, source
    document: str = ""
    errors: list[str] = field(default_factory=list)


def _source_of(root: Any, ld: dict, layout: HtmlLayout, name: str, value: Any) -> str:
    """Where ``read_metadata`` took a field's value from (it tries them in this order)."""
    if value in (None, "", []):
        return "not found"
    checks = {
        "title": [
            ("markup", bool(_first(root, layout.title))),
            ("JSON-LD", ld.get("headline")),
            ("meta", True),
        ],
        "authors": [
            ("JSON-LD", ld.get("author")),
            ("markup", bool(_first(root, layout.authors))),
            ("meta", True),
        ],
        "published": [
            ("JSON-LD", ld.get("datePublished")),
            (
                "meta",
                _meta(
                    root,
                    "article:published_time",
                    "content_PublishedDate",
                    "datePublished",
                    "pubdate",
                ),
            ),
            ("markup", True),
        ],
        "section": [
            ("JSON-LD", ld.get("articleSection")),
            ("meta", _meta(root, "article:section", "content_category")),
            ("markup", True),
        ],
        "tags": [
            ("JSON-LD", ld.get("keywords")),
            ("markup", bool(_first(root, layout.tags))),
            ("meta", True),
        ],
        "canonical_url": [("link rel=canonical", True)],
    }
    for source, present in checks.get(name, [("page", True)]):
        if present:
            return source
    return "page"


def explain(html: str | bytes, url: str) -> Explanation:
    page = read_page(html, url)
    site = site_for_url(url) or "generic"
    result = Explanation(url, site, page.layout or FALLBACK, errors=list(page.errors))
    root = parse_html(html)
    parts = page.parts
    ld = (_json_ld_articles(root) or [{}])[0]
    layout = _layout_for(root, site)
    for name in ("title", "authors", "published", "section", "tags", "canonical_url"):
        value = getattr(parts, name)
        shown = ", ".join(value) if isinstance(value, list) else str(value or "")
        result.metadata.append((name, shown, _source_of(root, ld, layout, name, value)))

    # The page in order: markup chrome (not read) interleaved with the text blocks and what
    # the text cleaner decided about each.
    events: list[tuple[int, str, str]] = []
    blocks: list[str] = []
    if page.extractor != FALLBACK:
        dropped = chrome_selectors(root, layout)
        bodies = body_elements(root, layout)
        order = {el: i for i, el in enumerate(root.iter())}
        # Chrome between body elements (kumparan's body is a run of sibling paragraphs, its
        # figures and ad slots stand between them): shown where it stands.
        between = sorted(
            (order[el], el, sel)
            for el, sel in dropped.items()
            if sel in layout.drop
            and bodies
            and order[bodies[0]] < order[el] < order[bodies[-1]]
            and not any(a in bodies for a in el.iterancestors())
        )
        for body in bodies:
            while between and between[0][0] < order[body]:
                _, el, sel = between.pop(0)
                if not any(a in dropped for a in el.iterancestors()):
                    events.append((len(blocks), sel, " ".join(el.text_content().split())))
            if body in dropped:
                events.append((len(blocks), dropped[body], "(the whole element)"))
                continue
            local: list[tuple[int, str, str]] = []
            found = element_blocks(body, dropped, local)
            events.extend((len(blocks) + i, sel, text) for i, sel, text in local)
            blocks.extend(found)
    else:
        blocks = parts.blocks
    cleaned = clean_blocks(blocks, site, title=parts.title)
    result.blocks.append(ExplainedBlock(True, "headline", cleaned.title or "(none)"))
    queue = sorted(events, key=lambda e: e[0])
    at = 0
    for index, decision in enumerate(cleaned.decisions):
        while at < len(queue) and queue[at][0] <= index:
            if queue[at][2]:
                result.blocks.append(
                    ExplainedBlock(False, f"selector {queue[at][1]}", queue[at][2])
                )
            at += 1
        result.blocks.append(ExplainedBlock(decision.keep, decision.family, decision.text))
    for _, selector, text in queue[at:]:
        if text:
            result.blocks.append(ExplainedBlock(False, f"selector {selector}", text))
    try:
        result.document = build_article([page], url)["text"]
    except NoArticleError:
        result.document = ""
    return result


def render(explanation: Explanation) -> str:
    e = explanation
    lines = [
        f"== {e.url}",
        f"site: {e.site}; read by: "
        + (f"layout {e.layout}" if e.layout != FALLBACK else f"{FALLBACK} (no layout matched)"),
    ]
    if e.errors:
        lines.append(f"errors (each cost only what it names): {', '.join(e.errors)}")
    lines.append("-- blocks, in page order")
    for block in e.blocks:
        verdict = "KEEP" if block.keep else "drop"
        text = block.text if len(block.text) <= 150 else block.text[:147] + "..."
        lines.append(f"  {verdict}  {block.reason:28}  {text}")
    lines.append("-- metadata")
    for name, value, source in e.metadata:
        lines.append(f"  {name:14} {source:18} {value}")
    lines.append("-- document")
    lines.append(e.document.rstrip("\n") if e.document else "(no article text)")
    return "\n".join(lines) + "\n"
