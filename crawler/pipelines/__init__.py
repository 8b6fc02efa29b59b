"""Item pipelines: one stage, acceptance (``accept.AcceptancePipeline``), a thin adapter of
``corpus.accept`` (language, fingerprints, staging; the corpus written when the run ends)."""
