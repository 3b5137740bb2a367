"""Which copy of a cluster stays: a documented, deterministic policy, never arrival order.

In order of precedence:
1. a document kept by an earlier run (and absent from this run's input) stays: it is
   already in the delivered corpus, so its new copies are the ones removed;
2. the least spam and spin: the lower sum of `doc.spam["score"]` and `doc.spin["score"]`,
   rounded to 2 decimals so that noise-level differences fall through to the next rule;
3. the longest clean text (characters, after the earlier stages' cleaning);
4. the earliest source: input path, then record number;
5. the smallest document id (ids are unique per input file and record, so this ends ties).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

# Scores are compared at this many decimals: a 0.001 spam-score difference is noise, and
# letting it outrank a text twice as long would keep the worse copy.
_SCORE_DECIMALS = 2


@dataclass(frozen=True, slots=True)
class SurvivorFacts:
    """What the policy looks at; also stored in the index for documents of earlier runs."""

    id: str
    spam: float
    spin: float
    length: int
    path: str
    record: int
    previous: bool = False  # kept by an earlier run and not in this run's input


def score_of(field: Any) -> float:
    """A stage's score dict (`{"score": x}`) as a float; missing or malformed counts as 0."""
    if isinstance(field, dict):
        value = field.get("score", 0.0)
        if isinstance(value, int | float) and value == value:  # not NaN
            return float(value)
    return 0.0


def survivor_rank(facts: SurvivorFacts) -> tuple[Any, ...]:
    """Sort key: the smallest ranks first and survives."""
    return (
        not facts.previous,
        round(facts.spam + facts.spin, _SCORE_DECIMALS),
        -facts.length,
        facts.path,
        facts.record,
        facts.id,
    )


def choose_survivor(members: Iterable[SurvivorFacts]) -> SurvivorFacts:
    return min(members, key=survivor_rank)
