"""Which chrome patterns real lines support: every pattern of every family, against real lines.

    python benchmarks/rules_audit.py [--shared ../shared] [--list]

For each pattern of the shared families (``cleaners/families.py``) and of each site's entry,
the real lines it matches: the lines of ``dev_text`` and ``dev_text2``, of ``background_text``,
the text blocks of the real pages of ``real_html*`` and the seeds, by site. Printed: how many
patterns there are, how many match no real line, how many match one document only, how many
shared patterns match the pages of one site only, and (``--list``) each such pattern. The tests
hold, for every pattern, a line of our own that it matches (``tests/test_rule_evidence.py``).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaners.html import element_blocks, parse_html  # noqa: E402
from cleaners.matching import every_pattern  # noqa: E402
from cleaners.sites import site_for_url  # noqa: E402

Line = tuple[str, str, str]  # (site, document, text)


def real_lines(shared: Path) -> list[Line]:
    lines: list[Line] = []
    for folder in ("dev_text", "dev_text2"):
        for path in sorted((shared / folder).glob("*/*.json")):
            doc = json.loads(path.read_text(encoding="utf-8"))
            name = f"{folder}/{path.parent.name}/{path.stem}"
            lines += [(doc["site"], name, ln["text"].strip()) for ln in doc["lines"]]
    for path in sorted((shared / "background_text").glob("*/*.txt")):
        name = f"background/{path.parent.name}/{path.stem}"
        text = path.read_text(encoding="utf-8")
        lines += [(path.parent.name, name, ln.strip()) for ln in text.splitlines() if ln.strip()]
    for manifest in sorted(shared.glob("real_html*/manifest.json")):
        for entry in json.loads(manifest.read_text(encoding="utf-8")):
            page = parse_html((manifest.parent / entry["file"]).read_bytes())
            name = f"{manifest.parent.name}/{entry['file']}"
            site = site_for_url(entry["url"]) or "generic"
            lines += [(site, name, block) for block in element_blocks(page)]
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        lines += [("seed", f"seed/{path.stem}", ln.strip()) for ln in text.splitlines()]
    return [line for line in lines if line[2]]


def audit(lines: list[Line], listing: bool) -> None:
    rules = every_pattern()
    unmatched, one_document, one_site = [], [], []
    for owner, family, regex, limit in rules:
        hits = [
            (site, doc)
            for site, doc, text in lines
            if (limit is None or text.count(" ") + 1 <= limit) and regex.search(text)
        ]
        sites = {site for site, _ in hits if site != "seed"}
        documents = {doc for _, doc in hits}
        entry = f"{owner:9} {family:14} {regex.pattern[:90]}"
        if not hits:
            unmatched.append(entry)
        elif len(documents) == 1:
            one_document.append(entry)
        if owner == "shared" and len(sites) == 1:
            one_site.append(f"{entry}  (only {next(iter(sites))})")
    print(f"patterns: {len(rules)} ({sum(1 for r in rules if r[0] == 'shared')} shared)")
    print(f"matching no real line: {len(unmatched)}")
    print(f"matching one document only: {len(one_document)}")
    print(f"shared, matching the pages of one site only: {len(one_site)}")
    if listing:
        for title, entries in (
            ("no real line", unmatched),
            ("one document", one_document),
            ("one site", one_site),
        ):
            print(f"-- {title}")
            print("\n".join(entries))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--list", action="store_true", help="list the patterns of each count")
    options = parser.parse_args()
    lines = real_lines(options.shared)
    print(f"real lines: {len(lines)} ({len({d for _, d, _ in lines})} documents)")
    audit(lines, options.list)


if __name__ == "__main__":
    main()
