"""The registry of stages: stable names, one explicit list, so a manifest can say which
rules (and which versions of them) produced a corpus.

A stage's module is imported when the registry is first asked for that stage, not when the
package is: a worker that runs three stages loads their tables and libraries, not those of
the other six (dedup's MinHash and numpy, for one, are only needed where the corpus is
scanned)."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, MutableMapping

from pipeline.stages.base import CorpusStage, Stage

# name -> module under pipeline.stages and class name, in pipeline order
_STAGES = {
    "normalize": ("normalize", "Normalizer"),
    "template_lines": ("template_lines", "TemplateLineRemover"),
    "boilerplate": ("boilerplate", "BoilerplateRemover"),
    "pii": ("pii", "PiiRemover"),
    "spam": ("spam", "SpamStripper"),
    "language": ("language", "LanguageIdentifier"),
    "quality": ("quality", "QualityFilter"),
    "spin": ("spin", "SpinDetector"),
    "dedup": ("dedup", "Deduplicator"),
}


class StageRegistry(MutableMapping[str, type[Stage]]):
    """Stage name -> stage class, each class imported on first use."""

    def __init__(self, locations: dict[str, tuple[str, str]]) -> None:
        self._locations = dict(locations)
        self._classes: dict[str, type[Stage]] = {}

    def __getitem__(self, name: str) -> type[Stage]:
        if name not in self._classes:
            module, attribute = self._locations[name]  # KeyError for an unknown name, as a dict
            self._classes[name] = getattr(importlib.import_module(f"pipeline.stages.{module}"), attribute)
        return self._classes[name]

    def __setitem__(self, name: str, stage: type[Stage]) -> None:
        self._classes[name] = stage
        self._locations.setdefault(name, ("", ""))

    def __delitem__(self, name: str) -> None:
        del self._locations[name]
        self._classes.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._locations)

    def __len__(self) -> int:
        return len(self._locations)

    def __contains__(self, name: object) -> bool:
        return name in self._locations


REGISTRY = StageRegistry(_STAGES)

__all__ = ["REGISTRY", "CorpusStage", "Stage", "StageRegistry"]
