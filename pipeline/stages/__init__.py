"""The registry of stages: stable names, one explicit list, so a manifest can say which
rules (and which versions of them) produced a corpus."""

from __future__ import annotations

from pipeline.stages.base import CorpusStage, Stage
from pipeline.stages.boilerplate import BoilerplateRemover
from pipeline.stages.dedup import Deduplicator
from pipeline.stages.language import LanguageIdentifier
from pipeline.stages.normalize import Normalizer
from pipeline.stages.pii import PiiRemover
from pipeline.stages.quality import QualityFilter
from pipeline.stages.spam import SpamStripper
from pipeline.stages.spin import SpinDetector
from pipeline.stages.template_lines import TemplateLineRemover

REGISTRY: dict[str, type[Stage]] = {
    stage.name: stage
    for stage in (
        Normalizer,
        TemplateLineRemover,
        BoilerplateRemover,
        PiiRemover,
        SpamStripper,
        LanguageIdentifier,
        QualityFilter,
        SpinDetector,
        Deduplicator,
    )
}

__all__ = ["REGISTRY", "CorpusStage", "Stage"]
