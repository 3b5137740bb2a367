"""From fingerprints to decisions: exact groups, verified pairs, clusters, survivors.

Positions index the rows of the fingerprint table (earlier runs' documents and this run's).
Every step is independent of the order of the rows: band collisions and shared entries are
symmetric, verified pairs depend only on the two fingerprints, clusters on the pairs,
survivors on the policy. Pairs travel as arrays, never as one Python object each.

The steps, for a caller that finds candidate pairs elsewhere (on a cluster, say):
`Candidates` (near pairs from equal LSH band keys, `pipeline.dedup.lsh.band_keys`; spin-robust
pairs from shared aligned entries, `pipeline.dedup.candidates`) -> `matched_pairs` verifies
them on the fingerprints -> `decide` clusters the verified pairs and picks the survivors.
`resolve` does all three in this process.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from pipeline.dedup.agreement import (
    agrees,
    aligned_agreement,
    fewest_agreements,
    pair_agreements,
    required_agreements,
)
from pipeline.dedup.candidates import shared_entry_pairs
from pipeline.dedup.clusters import clusters
from pipeline.dedup.config import DedupConfig
from pipeline.dedup.lsh import matrix_candidates, verified_candidates, verify
from pipeline.dedup.survivors import SurvivorFacts, choose_survivor
from pipeline.dedup.table import Fingerprints

EXACT = "exact"
NEAR = "near"
SPIN_ROBUST = "spin-robust"
KINDS = (EXACT, NEAR, SPIN_ROBUST)  # strongest first: the kind reported when two kinds link a pair


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


@dataclass(slots=True)
class Edges:
    """Verified pairs, one per pair of positions: the strongest kind that links it."""

    first: np.ndarray
    second: np.ndarray
    kind: np.ndarray  # index into KINDS
    jaccard: np.ndarray


@dataclass(slots=True)
class Candidates:
    """Candidate pairs of table rows (first < second), before verification."""

    near_first: np.ndarray
    near_second: np.ndarray
    spin_first: np.ndarray  # empty when spin-robust matching is off
    spin_second: np.ndarray


def find_candidates(table: Fingerprints, config: DedupConfig) -> Candidates:
    """Near candidates (equal LSH band over word-shingle signatures) and spin-robust ones
    (enough shared aligned entries to pass the rare-word test)."""
    near_first, near_second = matrix_candidates(table.signatures, table.shingles > 0,
                                                config.jaccard_threshold)
    spin_first = spin_second = np.empty(0, dtype=np.int64)
    if config.spin_robust:
        needed = required_agreements(config.aligned_sample, config.chance_agreement,
                                     config.agreement_evidence)
        fewest = fewest_agreements(needed)
        spin_first, spin_second = shared_entry_pairs(table, table.frame_shingles > 0, fewest,
                                                     config.template_entry_documents)
    return Candidates(near_first, near_second, spin_first, spin_second)


def resolve(table: Fingerprints, facts: Sequence[SurvivorFacts], config: DedupConfig) -> Resolution:
    return decide(table, facts, matched_pairs(table, config, find_candidates(table, config)), config)


def decide(table: Fingerprints, facts: Sequence[SurvivorFacts], edges: Edges,
           config: DedupConfig) -> Resolution:
    """Clusters of the verified pairs, each with its survivor (by the fixed policy) and removals."""
    counts = {kind: int(np.count_nonzero(edges.kind == number)) for number, kind in enumerate(KINDS)}
    by_position = _edges_by_position(edges, len(table))
    decisions = []
    for group in clusters(len(table), zip(edges.first.tolist(), edges.second.tolist(), strict=True)):
        survivor = _position_of_survivor(facts, group)
        decision = ClusterDecision(survivor)
        for position in group:
            if position == survivor or facts[position].previous:
                continue  # an earlier run's document is not in this run's output to remove
            decision.removals.append(_removal(table, facts, position, survivor, by_position, config))
        decisions.append(decision)
    return Resolution(decisions, verified_pairs=counts)


def matched_pairs(table: Fingerprints, config: DedupConfig, candidates: Candidates) -> Edges:
    """Every verified pair of the table, exact (found here) and near and spin-robust (from the
    candidates), each pair once with its strongest kind."""
    parts = [_exact_pairs(table)]
    first, second, jaccard = verified_candidates(
        table.signatures, table.shingles, candidates.near_first, candidates.near_second,
        config.jaccard_threshold, config.containment_threshold, config.min_containment_shingles,
    )
    parts.append((first, second, np.full(len(first), 1), jaccard))
    if config.spin_robust:
        first, second, jaccard = spin_robust_pairs(table, config, candidates.spin_first,
                                                   candidates.spin_second)
        parts.append((first, second, np.full(len(first), 2), jaccard))
    first, second, kind, jaccard = (np.concatenate(column) for column in zip(*parts, strict=True))
    order = np.lexsort((kind, second, first))  # per pair, the strongest kind first
    first, second, kind, jaccard = first[order], second[order], kind[order], jaccard[order]
    new = np.ones(len(first), dtype=bool)
    new[1:] = (first[1:] != first[:-1]) | (second[1:] != second[:-1])
    return Edges(first[new], second[new], kind[new], np.round(jaccard[new], 4))


def _exact_pairs(table: Fingerprints) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Each position linked to the first position with its exact key."""
    if len(table) == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, empty, np.empty(0, dtype=np.float64)
    _, first_of_key, inverse = np.unique(table.exact_keys, axis=0, return_index=True, return_inverse=True)
    first = first_of_key[inverse.ravel()]
    others = np.flatnonzero(first != np.arange(len(table)))
    return first[others], others, np.zeros(len(others), dtype=np.int64), np.ones(len(others))


def spin_robust_pairs(table: Fingerprints, config: DedupConfig, first: np.ndarray,
                      second: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The candidate pairs whose frames match (Jaccard at least the threshold) and whose aligned
    rare words agree beyond chance, as arrays (first, second, frame Jaccard)."""
    needed = required_agreements(config.aligned_sample, config.chance_agreement, config.agreement_evidence)
    first, second, jaccard = verified_candidates(table.frame_signatures, table.frame_shingles, first, second,
                                                 config.frame_jaccard_threshold)
    agreeing, common = pair_agreements(table, first, second)
    table_of_needed = np.array(needed, dtype=np.int64)
    passing = (common < len(table_of_needed)) & (
        agreeing >= table_of_needed[np.minimum(common, len(table_of_needed) - 1)])
    return first[passing], second[passing], jaccard[passing]


def compare(table: Fingerprints, first: int, second: int, config: DedupConfig) -> tuple[str, float] | None:
    """How two rows match directly, strongest kind first; None if they do not."""
    if np.array_equal(table.exact_keys[first], table.exact_keys[second]):
        return EXACT, 1.0
    if table.shingles[first] > 0 and table.shingles[second] > 0:
        jaccard = verify(table.signatures[first], table.signatures[second], int(table.shingles[first]),
                         int(table.shingles[second]), config.jaccard_threshold, config.containment_threshold,
                         config.min_containment_shingles)
        if jaccard is not None:
            return NEAR, jaccard
    if config.spin_robust and table.frame_shingles[first] > 0 and table.frame_shingles[second] > 0:
        jaccard = verify(table.frame_signatures[first], table.frame_signatures[second],
                         int(table.frame_shingles[first]), int(table.frame_shingles[second]),
                         config.frame_jaccard_threshold)
        needed = required_agreements(config.aligned_sample, config.chance_agreement,
                                     config.agreement_evidence)
        agreement = aligned_agreement(table.sample(first), table.sample(second))
        if jaccard is not None and agrees(*agreement, needed):
            return SPIN_ROBUST, jaccard
    return None


def _position_of_survivor(facts: Sequence[SurvivorFacts], group: list[int]) -> int:
    chosen = choose_survivor(facts[position] for position in group)
    return next(position for position in group if facts[position] is chosen)


def _edges_by_position(edges: Edges, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Both directions of every edge, grouped by position: (offsets, other, kind, jaccard)."""
    own = np.concatenate((edges.first, edges.second))
    order = np.argsort(own, kind="stable")
    other = np.concatenate((edges.second, edges.first))[order]
    offsets = np.concatenate(([0], np.cumsum(np.bincount(own, minlength=count))))
    return offsets, other, np.tile(edges.kind, 2)[order], np.tile(edges.jaccard, 2)[order]


def _removal(
    table: Fingerprints,
    facts: Sequence[SurvivorFacts],
    position: int,
    survivor: int,
    by_position: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    config: DedupConfig,
) -> Removal:
    direct = compare(table, position, survivor, config)
    if direct is not None:
        return Removal(position, direct[0], direct[1])
    # Linked only through other copies: report the strongest match it has, and with whom.
    offsets, other, kind, jaccard = by_position
    start, end = int(offsets[position]), int(offsets[position + 1])
    edges = zip(other[start:end].tolist(), kind[start:end].tolist(), jaccard[start:end].tolist(), strict=True)
    partner, strongest, value = min(edges, key=lambda edge: (edge[1], -edge[2], facts[edge[0]].id))
    return Removal(position, KINDS[strongest], value, via=partner)
