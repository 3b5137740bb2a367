"""The base of every stage's typed settings.

It sits below `pipeline.stages` so that the configs of corpus steps (`pipeline.dedup.config`)
can derive from it without importing the stages that use them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StageConfig:
    """Base of every stage's typed settings. Fields carry their documentation in
    `field(metadata={"doc": ...})`; `validate` checks ranges after types are checked."""

    def validate(self) -> None:  # pragma: no cover - default has nothing to check
        return None
