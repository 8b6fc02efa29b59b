"""Item pipelines, one stage per module: language -> dedup -> writer."""
