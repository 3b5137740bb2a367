"""Exact, near and spun duplicates across the corpus and against earlier runs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.survivors import SurvivorFacts, score_of
from pipeline.dedup.table import Fingerprints
from pipeline.document import Document, Drop, Reason
from pipeline.stages.base import CorpusStage

# Fingerprints, the index and the resolution (numpy, datasketch, the spin-robust tables)
# are imported where the corpus is scanned, not in the workers, which only look decisions up.
if TYPE_CHECKING:
    from pipeline.dedup.fingerprint import Fingerprinter
    from pipeline.dedup.resolve import Resolution

# A kept document's decision: its cluster id and the sorted ids of its removed copies.
_Kept = tuple[str, tuple[str, ...]]
# Texts fingerprinted at once: enough to spread numpy's per-call cost, few enough that the
# batch's token lists stay a few MB.
_BATCH_DOCUMENTS = 128
_BATCH_CHARACTERS = 2_000_000


class Deduplicator(CorpusStage):
    """Removes exact, near and spun copies, keeping one survivor per cluster by a fixed policy."""

    name = "dedup"
    version = 3  # 3: names and other languages' frames in the aligned sample (2: frames; 1: skeleton)
    Config = DedupConfig
    config: DedupConfig

    def __init__(self, config: DedupConfig | None = None) -> None:
        super().__init__(config)
        self._fingerprinter: Fingerprinter | None = None
        self._index_folder: Path | None = None
        self._previous: Fingerprints | None = None
        self._previous_facts: list[SurvivorFacts] = []
        self._previous_status = "none"
        self._parts: list[Fingerprints] = []
        self._facts: list[SurvivorFacts] = []
        # (id, source path) -> decision; only documents that belong to a cluster are listed.
        # Keyed with the path too because byte-identical files at two paths share an id.
        self._decisions: dict[tuple[str, str], _Kept | Drop] = {}

    def begin_scan(self, previous_index: Path | None, index: Path) -> None:
        from pipeline.dedup.fingerprint import Fingerprinter
        from pipeline.dedup.index import read_index

        self._fingerprinter = Fingerprinter(self.config)
        self._index_folder = index
        self._previous_status, self._previous, self._previous_facts = read_index(
            previous_index, self._fingerprinter.settings())

    def scan(self, docs: Iterable[Document]) -> None:
        from pipeline.dedup.fingerprint import Fingerprinter

        if self._fingerprinter is None:
            self._fingerprinter = Fingerprinter(self.config)
        texts: list[str] = []
        characters = 0
        for doc in docs:
            texts.append(doc.text)
            characters += len(doc.text)
            self._facts.append(SurvivorFacts(
                id=doc.id, spam=score_of(doc.spam), spin=score_of(doc.spin), length=len(doc.text),
                path=doc.source.path, record=doc.source.record,
            ))
            if len(texts) == _BATCH_DOCUMENTS or characters > _BATCH_CHARACTERS:
                self._parts.append(self._fingerprinter.fingerprint(texts))
                texts, characters = [], 0
        if texts:
            self._parts.append(self._fingerprinter.fingerprint(texts))

    def finish_scan(self) -> dict[str, Any]:
        from pipeline.dedup.fingerprint import Fingerprinter
        from pipeline.dedup.index import write_index
        from pipeline.dedup.resolve import resolve

        fingerprinter = self._fingerprinter or Fingerprinter(self.config)
        num_perm = self.config.num_perm
        current_ids = {facts.id for facts in self._facts}
        # A document of the previous corpus that is in this input again is judged afresh
        # as part of this run, so a re-run over the same input decides exactly as before.
        kept_previous = [row for row, facts in enumerate(self._previous_facts) if facts.id not in current_ids]
        previous = (self._previous.take(np.array(kept_previous, dtype=np.int64))
                    if self._previous is not None else Fingerprints.empty(num_perm))
        facts = [self._previous_facts[row] for row in kept_previous] + self._facts
        self._previous, self._previous_facts = None, []
        table = Fingerprints.join([previous, *self._parts], num_perm)
        self._parts = []
        resolution = resolve(table, facts, self.config)
        self._decisions = _decisions(facts, resolution)
        removed = {key for key, decision in self._decisions.items() if isinstance(decision, Drop)}
        kept = _unique_ids([row for row, doc in enumerate(facts)
                            if doc.previous or (doc.id, doc.path) not in removed], facts)
        if self._index_folder is not None:
            kept_rows = table.take(np.array(kept, dtype=np.int64))
            write_index(self._index_folder, fingerprinter.settings(), kept_rows,
                        [facts[row] for row in kept])
        figures = {
            "documents": len(self._facts),
            "previous_index": self._previous_status,
            "previous_documents": len(kept_previous),
            "clusters": len(resolution.decisions),
            "removed": len(removed),
            "verified_pairs": resolution.verified_pairs,
            "index_documents": len(kept),
        }
        # Only the decisions travel to the workers: fingerprints and the index stay here.
        self._facts, self._fingerprinter = [], None
        return figures

    def process(self, doc: Document) -> Document | Drop:
        decision = self._decisions.get((doc.id, doc.source.path))
        if isinstance(decision, Drop):
            return Drop(decision.reason, dict(decision.detail))
        cluster, duplicates = decision if decision is not None else (doc.id, ())
        doc.dedup = {"cluster": cluster, "duplicates": list(duplicates)}
        return doc


def _decisions(facts: list[SurvivorFacts], resolution: Resolution) -> dict[tuple[str, str], _Kept | Drop]:
    from pipeline.dedup.resolve import EXACT

    decisions: dict[tuple[str, str], _Kept | Drop] = {}
    for cluster in resolution.decisions:
        survivor = facts[cluster.survivor]
        for removal in cluster.removals:
            removed = facts[removal.position]
            detail: dict[str, Any] = {
                "message": f"{removal.match} duplicate of {survivor.id}"
                           + (" (kept in an earlier run)" if survivor.previous else ""),
                "duplicate_of": survivor.id,
                "jaccard": removal.jaccard,
                "match": removal.match,
                "survivor_in_previous_corpus": survivor.previous,
                "via": facts[removal.via].id if removal.via is not None else None,
            }
            reason = Reason.EXACT_DUPLICATE if removal.match == EXACT else Reason.NEAR_DUPLICATE
            decisions[(removed.id, removed.path)] = Drop(reason, detail)
        if not survivor.previous:
            duplicates = tuple(sorted(facts[removal.position].id for removal in cluster.removals))
            decisions[(survivor.id, survivor.path)] = (survivor.id, duplicates)
    return decisions


def _unique_ids(rows: list[int], facts: list[SurvivorFacts]) -> list[int]:
    """One row per id (byte-identical files at two paths share one), the first."""
    seen: dict[str, int] = {}
    for row in rows:
        seen.setdefault(facts[row].id, row)
    return list(seen.values())
