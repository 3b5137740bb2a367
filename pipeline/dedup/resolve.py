"""From fingerprints to decisions: exact groups, verified LSH pairs, clusters, survivors.

Positions index the list of fingerprints (earlier runs' documents and this run's). Every
step is independent of the order of that list: band collisions are symmetric, verified
pairs depend only on the two signatures, clusters on the pairs, survivors on the policy.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pipeline.dedup.agreement import AlignedSamples, agrees, aligned_agreement, required_agreements
from pipeline.dedup.clusters import clusters
from pipeline.dedup.config import DedupConfig
from pipeline.dedup.index import IndexEntry
from pipeline.dedup.lsh import Match, verified_arrays, verified_pairs, verify
from pipeline.dedup.signatures import MinHasher
from pipeline.dedup.survivors import choose_survivor

EXACT = "exact"
NEAR = "near"
SPIN_ROBUST = "spin-robust"
_STRENGTH = {EXACT: 0, NEAR: 1, SPIN_ROBUST: 2}  # the kind reported when two kinds link a pair


@dataclass(frozen=True, slots=True)
class Removal:
    position: int
    match: str  # exact | near | spin-robust
    jaccard: float  # estimated Jaccard with the survivor (or with `via`), 1.0 for exact
    via: int | None = None  # set when only a chain of matches links it to the survivor


@dataclass(slots=True)
class ClusterDecision:
    survivor: int
    removals: list[Removal] = field(default_factory=list)


@dataclass(slots=True)
class Resolution:
    decisions: list[ClusterDecision]
    verified_pairs: dict[str, int]  # verified pairs per match kind


def resolve(entries: Sequence[IndexEntry], config: DedupConfig, hasher: MinHasher) -> Resolution:
    edges: dict[tuple[int, int], tuple[str, float]] = {}

    def link(first: int, second: int, match: str, jaccard: float) -> None:
        key = (min(first, second), max(first, second))
        known = edges.get(key)
        if known is None or _STRENGTH[match] < _STRENGTH[known[0]]:
            edges[key] = (match, jaccard)

    first_with_key: dict[bytes, int] = {}
    for position, entry in enumerate(entries):
        earlier = first_with_key.setdefault(entry.exact_key, position)
        if earlier != position:
            link(earlier, position, EXACT, 1.0)
    for match in verified_pairs(
        [entry.signature for entry in entries], [entry.shingles for entry in entries], hasher,
        config.jaccard_threshold, config.containment_threshold, config.min_containment_shingles,
    ):
        link(match.first, match.second, NEAR, match.jaccard)
    if config.spin_robust:
        for match in frame_matches(entries, config, hasher):
            link(match.first, match.second, SPIN_ROBUST, match.jaccard)

    counts = {kind: 0 for kind in _STRENGTH}
    neighbours: dict[int, list[tuple[int, str, float]]] = {}
    for (first, second), (match, jaccard) in edges.items():
        counts[match] += 1
        neighbours.setdefault(first, []).append((second, match, jaccard))
        neighbours.setdefault(second, []).append((first, match, jaccard))

    decisions = []
    for group in clusters(len(entries), edges):
        survivor = _position_of_survivor(entries, group)
        decision = ClusterDecision(survivor)
        for position in group:
            if position == survivor or entries[position].facts.previous:
                continue  # an earlier run's document is not in this run's output to remove
            decision.removals.append(_removal(entries, position, survivor, neighbours[position], config))
        decisions.append(decision)
    return Resolution(decisions, verified_pairs=counts)


def frame_matches(entries: Sequence[IndexEntry], config: DedupConfig, hasher: MinHasher) -> list[Match]:
    """Pairs whose frames match (verified LSH candidates) and whose aligned rare words agree
    beyond chance. Text from one template can give many frame matches, so they are tested as
    arrays and only the pairs that pass become `Match`es."""
    first, second, jaccard = verified_arrays(
        [entry.frame_signature for entry in entries], [entry.frame_shingles for entry in entries],
        hasher, config.frame_jaccard_threshold, candidate_threshold=config.frame_candidate_threshold,
    )
    if len(first) == 0:
        return []
    keys = [entry.frame_keys for entry in entries]
    samples = AlignedSamples(keys, [entry.frame_words for entry in entries], config.aligned_sample)
    agreeing, common = samples.agreements(first, second)
    needed = np.array(required_agreements(config.aligned_sample, config.chance_agreement,
                                          config.agreement_evidence), dtype=np.int64)
    passing = np.flatnonzero(agreeing >= needed[np.minimum(common, len(needed) - 1)])
    return [Match(int(first[index]), int(second[index]), round(float(jaccard[index]), 4))
            for index in passing.tolist()]


def rare_words_agree(first: IndexEntry, second: IndexEntry, config: DedupConfig) -> bool:
    """The second check of a frame match: the aligned samples agree beyond chance."""
    agreeing, common = aligned_agreement(first.frame_keys, first.frame_words,
                                         second.frame_keys, second.frame_words)
    return agrees(agreeing, common, required_agreements(
        config.aligned_sample, config.chance_agreement, config.agreement_evidence))


def _position_of_survivor(entries: Sequence[IndexEntry], group: list[int]) -> int:
    chosen = choose_survivor(entries[position].facts for position in group)
    return next(position for position in group if entries[position].facts is chosen)


def compare(first: IndexEntry, second: IndexEntry, config: DedupConfig) -> tuple[str, float] | None:
    """How two fingerprints match directly, strongest kind first; None if they do not."""
    if first.exact_key == second.exact_key:
        return EXACT, 1.0
    if first.signature is not None and second.signature is not None:
        jaccard = verify(
            first.signature, second.signature, first.shingles, second.shingles,
            config.jaccard_threshold, config.containment_threshold, config.min_containment_shingles,
        )
        if jaccard is not None:
            return NEAR, jaccard
    if config.spin_robust and first.frame_signature is not None and second.frame_signature is not None:
        jaccard = verify(
            first.frame_signature, second.frame_signature, first.frame_shingles,
            second.frame_shingles, config.frame_jaccard_threshold,
        )
        if jaccard is not None and rare_words_agree(first, second, config):
            return SPIN_ROBUST, jaccard
    return None


def _removal(
    entries: Sequence[IndexEntry],
    position: int,
    survivor: int,
    edges: list[tuple[int, str, float]],
    config: DedupConfig,
) -> Removal:
    direct = compare(entries[position], entries[survivor], config)
    if direct is not None:
        return Removal(position, direct[0], direct[1])
    # Linked only through other copies: report the strongest match it has, and with whom.
    other, match, jaccard = min(
        edges, key=lambda edge: (_STRENGTH[edge[1]], -edge[2], entries[edge[0]].facts.id)
    )
    return Removal(position, match, jaccard, via=other)
