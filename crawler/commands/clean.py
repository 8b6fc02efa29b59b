"""``scrapy clean PATH... -o OUTDIR``: clean text dumps of news pages into corpus text files."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from typing import Any, ClassVar

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from cleaners import SITE_NAMES, Cleaned, clean, detect_site
from cleaners.decode import UndecodableError, decode_text
from cleaners.repetition import NOTHING_LEARNED, ChromeMemory, LearnedChrome
from corpus.atomic import write_atomic


def _inputs(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The .txt files named by the arguments (folders are read one level deep, sorted)."""
    files: list[Path] = []
    errors: list[str] = []
    for arg in paths:
        path = Path(arg)
        if path.is_dir():
            try:
                found = sorted(p for p in path.iterdir() if p.suffix == ".txt" and p.is_file())
            except OSError as err:
                errors.append(f"{path}: cannot read this folder ({err.strerror})")
                continue
            if not found:
                errors.append(f"{path}: no .txt files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{path}: no such file or folder")
    return files, errors


def _explain(path: Path, text: str, result: Cleaned) -> None:
    by_line = {d.line: d for d in result.decisions}
    out = sys.stdout
    out.write(f"== {path} (site: {result.site})\n")
    if not result.title:
        out.write(
            "   no headline found: the document starts with the body (manifest title empty)\n"
        )
    for number, line in enumerate(text.splitlines(), 1):
        decision = by_line.get(number)
        if decision is None and line.strip():  # (a dateline alone and the line under it)
            out.write(f"{number:4}  ----  {'joined above':14}  {line.strip()}\n")
        elif decision is None:
            out.write(f"{number:4}  ----  blank\n")
        else:
            verdict = "KEEP" if decision.keep else "drop"
            out.write(f"{number:4}  {verdict}  {decision.family:14}  {line.strip()}\n")


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False
    default_settings: ClassVar[dict[str, Any]] = {"LOG_ENABLED": False}

    def syntax(self) -> str:
        return f"PATH... -o OUTDIR [--site auto|{'|'.join(SITE_NAMES)}] [--explain]"

    def short_desc(self) -> str:
        return "Clean text dumps of news pages into corpus text files"

    def long_desc(self) -> str:
        return (
            "Clean each PATH (a .txt file, or a folder of them) and write the clean text to "
            "OUTDIR under the same file name. The site is detected from the text unless --site "
            "names it. Exits non-zero when any file could not be cleaned."
        )

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("-o", "--output", metavar="OUTDIR", help="folder for the clean files")
        parser.add_argument(
            "--site",
            default="auto",
            choices=("auto", *SITE_NAMES),
            help="site profile to clean with (default: detect from the text)",
        )
        parser.add_argument(
            "--explain",
            action="store_true",
            help="print every input line with keep/drop and the rule family that decided it",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        if not args:
            raise UsageError("name at least one file or folder to clean")
        if not opts.output:
            raise UsageError("name the output folder with -o OUTDIR")
        outdir = Path(opts.output)
        try:
            outdir.mkdir(parents=True, exist_ok=True)
        except FileExistsError:
            raise UsageError(f"-o {outdir}: is a file, not a folder", print_help=False) from None
        except OSError as err:
            raise UsageError(f"-o {outdir}: cannot create it ({err.strerror})") from None
        files, errors = _inputs(args)
        for message in errors:
            print(f"clean: error: {message}", file=sys.stderr)
        written: set[str] = set()
        self.learned = _learned_chrome(files, opts.site)
        if opts.explain:
            _explain_learned(self.learned)
        outcomes = Counter(self._clean_one(path, outdir, opts, written) for path in files)
        failed = outcomes["failed"] + len(errors)
        listings = outcomes["listing"]
        pages = f", {listings} listing pages (empty)" if listings else ""
        print(
            f"clean: {outcomes['cleaned']} cleaned{pages}, {failed} failed, into {outdir}",
            file=sys.stderr,
        )
        if failed:
            self.exitcode = 1

    def _clean_one(
        self, path: Path, outdir: Path, opts: argparse.Namespace, written: set[str]
    ) -> str:
        """Clean one file into ``outdir``: "cleaned", "listing" (an empty document) or
        "failed" (said on one line)."""
        try:
            decoded = decode_text(path.read_bytes())
        except (UndecodableError, OSError) as err:
            return _failed(f"{path}: {err}")
        for note in decoded.notes:
            print(f"clean: warning: {path}: {note}", file=sys.stderr)
        site = None if opts.site == "auto" else opts.site
        learned = self.learned.get(site or detect_site(decoded.text), NOTHING_LEARNED)
        result = clean(decoded.text, site, learned=learned)
        if opts.explain:
            try:
                _explain(path, decoded.text, result)
            except BrokenPipeError:  # `| head` closed the pipe: stop explaining, go on
                opts.explain = False
        if result.listing:
            print(f"clean: note: {path}: a listing page: an empty document", file=sys.stderr)
        elif not result.ok:
            return _failed(f"{path}: no article text found")
        if path.name in written:
            return _failed(f"{path}: another input has the same file name")
        try:
            write_atomic(outdir / path.name, result.text.encode("utf-8"))
        except OSError as err:
            return _failed(f"{outdir / path.name}: cannot write it ({err.strerror})")
        written.add(path.name)
        return "listing" if result.listing else "cleaned"


def _learned_chrome(files: list[Path], site_option: str) -> dict[str, LearnedChrome]:
    """What each site repeats across the articles given (``cleaners.repetition``): a first
    pass cleans every file and counts what it kept, so a folder of one site's dumps teaches
    its chrome to the second."""
    memory = ChromeMemory()
    for path in files:
        try:
            text = decode_text(path.read_bytes()).text
        except (UndecodableError, OSError):
            continue  # said once, when the file is cleaned
        site = detect_site(text) if site_option == "auto" else site_option
        first = clean(text, site)
        memory.add(site, first.title, [first.title, *first.body])
    return {site: memory.learned(site) for site in memory.sites}


def _explain_learned(learned: dict[str, LearnedChrome]) -> None:
    """What each site's pages taught: the commonest learned lines, with their articles."""
    for site, chrome in sorted(learned.items()):
        if not chrome:
            continue
        print(f"== learned from the {site} pages given: {len(chrome.keys)} line shapes")
        for line, articles in chrome.top:
            print(f"   {articles:4} articles  {line}")


def _failed(message: str) -> str:
    print(f"clean: error: {message}", file=sys.stderr)
    return "failed"
