"""The registry of stages: stable names, one explicit list, so a manifest can say which
rules (and which versions of them) produced a corpus."""

from __future__ import annotations

from pipeline.stages.base import CorpusStage, Stage
from pipeline.stages.dedup import Deduplicator
from pipeline.stages.language import LanguageIdentifier
from pipeline.stages.normalize import Normalizer

REGISTRY: dict[str, type[Stage]] = {
    stage.name: stage
    for stage in (
        Normalizer,
        LanguageIdentifier,
        Deduplicator,
    )
}

__all__ = ["REGISTRY", "CorpusStage", "Stage"]
