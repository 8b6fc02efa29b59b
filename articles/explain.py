"""Why a page reads as it does: the HTML counterpart of ``scrapy clean --explain``.

For one page: the site and the layout version that read it (or the fallback), every block of
the page in order with keep or drop and the reason (the selector that removed it as chrome,
the text family, "after-body"), where each metadata field came from (JSON-LD, meta, markup),
and the final document. No Scrapy: ``scrapy explain`` fetches or reads the page and prints
what this returns.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from articles.extraction import FALLBACK, is_fallback, layout_for, read_page
from articles.outcomes import Rejected
from articles.plan import ArticlePlan, WholeArticle, assemble
from cleaners.container import container_blocks
from cleaners.html import body_elements, chrome_selectors, element_blocks, parse_html
from cleaners.text import Decision, clean_blocks


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


def explain(html: str | bytes, url: str, site_layouts: bool = True) -> Explanation:
    page = read_page(html, url, site_layouts)
    result = Explanation(url, page.site, page.layout or page.extractor, errors=list(page.errors))
    parts = page.parts
    for name in ("title", "authors", "published", "section", "tags", "canonical_url"):
        value = getattr(parts, name)
        shown = ", ".join(value) if isinstance(value, list) else str(value or "")
        result.metadata.append((name, shown, parts.sources.get(name, "not read")))
    if not is_fallback(page.extractor):
        blocks, events = _site_blocks_with_chrome(html, page.site)
    elif page.extractor == FALLBACK:
        left_out: list[ChromeEvent] = []
        blocks, _ = container_blocks(parse_html(html), url, left_out)
        events = [(at, f"markup: {why}", text) for at, why, text in left_out]
    else:
        blocks, events = parts.blocks, []
    cleaned = clean_blocks(blocks, page.site, title=parts.title)
    result.blocks = _in_page_order(cleaned.title, cleaned.decisions, events)
    # The document as the crawl writes it (from this page alone: later pages are not read).
    step = ArticlePlan(url, url, whole=False).add(page, "")
    if isinstance(step, ArticlePlan):  # page 1 of several: this page's part of the document
        step = WholeArticle(url, (page,), ("",))
    try:
        result.document = assemble(step).text
    except Rejected:
        result.document = ""
    return result


# A block the markup removed: (index of the text block it stands before, selector, its text).
ChromeEvent = tuple[int, str, str]


def _site_blocks_with_chrome(html: str | bytes, site: str) -> tuple[list[str], list[ChromeEvent]]:
    """The site path's text blocks, and where the chrome its selectors removed stood."""
    root = parse_html(html)
    layout = layout_for(root, site)
    dropped = chrome_selectors(root, layout)
    bodies = body_elements(root, layout)
    order = {el: i for i, el in enumerate(root.iter())}
    # Chrome of the article container outside the body elements (kumparan's body is a run of
    # sibling paragraphs, its figures and ad slots stand between, before and after them):
    # shown where it stands.
    container = _container(bodies)
    between = sorted(
        (order[el], el, sel)
        for el, sel in {**dropped, **_not_read(container, bodies, dropped)}.items()
        if (sel in layout.drop or sel == NOT_READ)
        and container is not None
        and any(a is container for a in el.iterancestors())
        and not any(a in bodies for a in el.iterancestors())
    )
    events: list[ChromeEvent] = []
    blocks: list[str] = []
    for body in bodies:
        while between and between[0][0] < order[body]:
            _, el, sel = between.pop(0)
            if not any(a in dropped for a in el.iterancestors()):
                events.append((len(blocks), sel, " ".join(el.text_content().split())))
        if body in dropped:
            events.append((len(blocks), dropped[body], "(the whole element)"))
            continue
        local: list[ChromeEvent] = []
        found = element_blocks(body, dropped, local)
        events.extend((len(blocks) + i, sel, text) for i, sel, text in local)
        blocks.extend(found)
    for _, el, sel in between:  # after the last body element
        if not any(a in dropped for a in el.iterancestors()):
            events.append((len(blocks), sel, " ".join(el.text_content().split())))
    shown = ((at, sel if sel == NOT_READ else f"selector {sel}", text) for at, sel, text in events)
    return blocks, sorted(shown, key=_at)


def _at(event: ChromeEvent) -> int:
    return event[0]


# An element of the article container that the layout neither reads nor drops (an ad slot of a
# markup the layout does not name): not in the document, shown so that it is seen.
NOT_READ = "(not read: outside the layout's body)"


def _not_read(container: Any, bodies: list[Any], dropped: dict[Any, str]) -> dict[Any, str]:
    """The container's children with text that hold no body element and that no selector
    drops: what stands between the paragraphs without being read."""
    if container is None:
        return {}
    holding = {a for body in bodies for a in (body, *body.iterancestors())}
    return {
        child: NOT_READ
        for child in container
        if isinstance(child.tag, str)
        and child not in holding
        and child not in dropped
        and " ".join(child.text_content().split())
    }


def _container(bodies: list[Any]) -> Any:
    """The article container: the closest element holding every body element."""
    if not bodies:
        return None
    shared = [bodies[0], *bodies[0].iterancestors()]
    for body in bodies[1:]:
        line = {id(a) for a in (body, *body.iterancestors())}
        shared = [a for a in shared if id(a) in line]
    return shared[0] if len(bodies) > 1 else bodies[0].getparent()


def _in_page_order(
    title: str, decisions: Sequence[Decision], events: list[ChromeEvent]
) -> list[ExplainedBlock]:
    """The headline, then every text block with its decision, the removed chrome between."""
    shown = [ExplainedBlock(True, "headline", title or "(none)")]
    at = 0
    for index, decision in enumerate(decisions):
        while at < len(events) and events[at][0] <= index:
            if events[at][2]:
                shown.append(ExplainedBlock(False, events[at][1], events[at][2]))
            at += 1
        shown.append(ExplainedBlock(decision.keep, decision.family, decision.text))
    shown.extend(ExplainedBlock(False, reason, text) for _, reason, text in events[at:] if text)
    return shown


def render(explanation: Explanation) -> str:
    e = explanation
    lines = [
        f"== {e.url}",
        f"site: {e.site}; read by: "
        + (f"{e.layout} (no site layout)" if is_fallback(e.layout) else f"layout {e.layout}"),
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
