"""The acceptance step: what every source does with an article before the corpus has it.

An assembled article (``articles.plan.assemble``) is *judged* (``judge``: only Indonesian goes
in; its SHA-256 and MinHash signature are computed), then *staged* in the corpus state; which
copies are the same story, and the numbering, are decided when the run ends
(``CorpusStore.finish``), over every article of the run at once. The crawl's pipeline, ``scrapy
regenerate`` and ``scrapy ccnews`` all go through ``Acceptance``; regenerate judges in its
workers and stages in the main process, with the same two halves.

Every article that is not staged is counted under one ``Rejection`` label
(``articles.outcomes``), whichever stage refused it, so the run's record says the same in
every source.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from articles.outcomes import Rejected, Rejection, language_label
from articles.record import Article
from corpus.dedup import sha256_text, signature
from corpus.language import detect_language
from corpus.store import CorpusStore, FinishReport, StagedArticle


@dataclass(frozen=True)
class Verdict:
    """What the acceptance step says of one article."""

    article: Article  # with its language, score and SHA-256 when it was judged that far
    rejected: Rejected | None = None
    staged: StagedArticle | None = None  # the accepted article as the corpus state keeps it

    @property
    def label(self) -> str | None:
        """The rejection's label (``not Indonesian (en)`` for a language), None if accepted."""
        if self.rejected is None:
            return None
        if self.rejected.reason is Rejection.NOT_INDONESIAN:
            return language_label(self.rejected.detail)
        return self.rejected.reason.label


def judge(article: Article, fingerprint: bool = True) -> Verdict:
    """Language, then fingerprints. Pure: it runs wherever the article was assembled (a
    regenerate worker, the crawl's pipeline). Without ``fingerprint`` the MinHash signature is
    left to the store (computed for all staged articles at once when the run ends: in a crawl,
    between pages, it cost twice the CPU)."""
    language = detect_language(article.text)
    judged = article.but(language=language.language, language_score=language.score)
    if language.rejected:
        return Verdict(judged, Rejected(Rejection.NOT_INDONESIAN, language.language))
    judged = judged.but(sha256=sha256_text(judged.text))
    sig = signature(judged.text) if fingerprint else None
    return Verdict(judged, staged=StagedArticle.of(judged, sig))


class Acceptance:
    """Stages the accepted articles of a run in a corpus store and counts every outcome.

    ``staged`` and ``rejected`` (by label) are the run's counts; ``finish`` writes the corpus
    and records the run with them.
    """

    def __init__(self, store: CorpusStore, batch: int = 1) -> None:
        self.store = store
        self.batch = batch
        self.staged = 0
        self.rejected: Counter[str] = Counter()
        self.by_extractor: Counter[str] = Counter()  # "<site>/site" or "<site>/fallback"
        self._pending: list[StagedArticle] = []

    def accept(self, article: Article) -> Verdict:
        """Judge an article and stage it, or count why not."""
        verdict = judge(article, fingerprint=False)
        self.take(verdict)
        return verdict

    def take(self, verdict: Verdict) -> None:
        """Stage a verdict judged elsewhere (a worker), or count its rejection."""
        if verdict.staged is None:
            self.refuse(verdict.label or "unknown")
        else:
            self.stage(verdict.staged)

    def stage(self, staged: StagedArticle) -> None:
        self._pending.append(staged)
        self.staged += 1
        kind = "fallback" if staged.extractor.startswith("fallback") else "site"
        self.by_extractor[f"{staged.site}/{kind}"] += 1
        if len(self._pending) >= self.batch:
            self.flush()

    def refuse(self, label: str) -> None:
        """Count an article refused before it got here (by the article path) or by the step."""
        self.rejected[label] += 1

    def flush(self) -> None:
        if self._pending:
            self.store.stage_many(self._pending)
            self._pending.clear()

    def known(self, article: Article) -> str | None:
        """The corpus file that already holds this URL or text (an earlier run's), if any."""
        return self.store.find(article.canonical_url, article.sha256 or sha256_text(article.text))

    def finish(
        self,
        kind: str,
        discovered: Mapping[str, Iterable[str]] | None = None,
        rejected: Mapping[str, int] | None = None,
        started: str | None = None,
        source: str = "",
    ) -> FinishReport:
        """Write the corpus (dedup, numbering, files, manifest) and record the run as ``kind``
        with what it did not write (``rejected``, else this step's own counts) and what it
        read (``source``)."""
        self.flush()
        report = self.store.finish(discovered)
        self.store.record_run(kind, report, dict(rejected or self.rejected), started, source)
        return report
