"""Exact, near and spun duplicates across the corpus and against earlier runs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.survivors import SurvivorFacts, score_of
from pipeline.document import Document, Drop, Reason
from pipeline.stages.base import CorpusStage

# Fingerprints, the index and the resolution (numpy, datasketch, the spin-robust tables)
# are imported where the corpus is scanned, not in the workers, which only look decisions up.
if TYPE_CHECKING:
    from pipeline.dedup.fingerprint import Fingerprinter
    from pipeline.dedup.index import IndexEntry
    from pipeline.dedup.resolve import Resolution

# A kept document's decision: its cluster id and the sorted ids of its removed copies.
_Kept = tuple[str, tuple[str, ...]]


class Deduplicator(CorpusStage):
    """Removes exact, near and spun copies, keeping one survivor per cluster by a fixed policy."""

    name = "dedup"
    version = 2  # 2: spun copies matched on their frame and aligned rare words (was: skeleton)
    Config = DedupConfig

    def __init__(self, config: DedupConfig | None = None) -> None:
        super().__init__(config)
        self._fingerprinter: Fingerprinter | None = None
        self._index_folder: Path | None = None
        self._previous: dict[str, IndexEntry] = {}
        self._previous_status = "none"
        self._current: list[IndexEntry] = []
        # (id, source path) -> decision; only documents that belong to a cluster are listed.
        # Keyed with the path too because byte-identical files at two paths share an id.
        self._decisions: dict[tuple[str, str], _Kept | Drop] = {}

    def begin_scan(self, previous_index: Path | None, index: Path) -> None:
        from pipeline.dedup.fingerprint import Fingerprinter
        from pipeline.dedup.index import read_index

        self._fingerprinter = Fingerprinter(self.config)
        self._index_folder = index
        self._previous_status, entries = read_index(previous_index, self._fingerprinter.settings())
        self._previous = {entry.facts.id: entry for entry in entries}

    def scan(self, docs: Iterable[Document]) -> None:
        from pipeline.dedup.fingerprint import Fingerprinter

        if self._fingerprinter is None:
            self._fingerprinter = Fingerprinter(self.config)
        for doc in docs:
            facts = SurvivorFacts(
                id=doc.id, spam=score_of(doc.spam), spin=score_of(doc.spin), length=len(doc.text),
                path=doc.source.path, record=doc.source.record,
            )
            self._current.append(self._fingerprinter.fingerprint(doc.text, facts))

    def finish_scan(self) -> dict[str, Any]:
        from pipeline.dedup.fingerprint import Fingerprinter
        from pipeline.dedup.index import write_index
        from pipeline.dedup.resolve import resolve

        fingerprinter = self._fingerprinter or Fingerprinter(self.config)
        current_ids = {entry.facts.id for entry in self._current}
        # A document of the previous corpus that is in this input again is judged afresh
        # as part of this run, so a re-run over the same input decides exactly as before.
        previous = [entry for doc_id, entry in sorted(self._previous.items()) if doc_id not in current_ids]
        entries = previous + self._current
        resolution = resolve(entries, self.config, fingerprinter.hasher)
        self._decisions = _decisions(entries, resolution)
        removed = {key for key, decision in self._decisions.items() if isinstance(decision, Drop)}
        kept = previous + [
            entry for entry in self._current if (entry.facts.id, entry.facts.path) not in removed
        ]
        if self._index_folder is not None:
            write_index(self._index_folder, fingerprinter.settings(), _unique_ids(kept))
        figures = {
            "documents": len(self._current),
            "previous_index": self._previous_status,
            "previous_documents": len(previous),
            "clusters": len(resolution.decisions),
            "removed": len(removed),
            "verified_pairs": resolution.verified_pairs,
            "index_documents": len(_unique_ids(kept)),
        }
        # Only the decisions travel to the workers: signatures and the index stay here.
        self._current, self._previous, self._fingerprinter = [], {}, None
        return figures

    def process(self, doc: Document) -> Document | Drop:
        decision = self._decisions.get((doc.id, doc.source.path))
        if isinstance(decision, Drop):
            return Drop(decision.reason, dict(decision.detail))
        cluster, duplicates = decision if decision is not None else (doc.id, ())
        doc.dedup = {"cluster": cluster, "duplicates": list(duplicates)}
        return doc


def _decisions(entries: list[IndexEntry], resolution: Resolution) -> dict[tuple[str, str], _Kept | Drop]:
    from pipeline.dedup.resolve import EXACT

    decisions: dict[tuple[str, str], _Kept | Drop] = {}
    for cluster in resolution.decisions:
        survivor = entries[cluster.survivor].facts
        for removal in cluster.removals:
            facts = entries[removal.position].facts
            detail: dict[str, Any] = {
                "message": f"{removal.match} duplicate of {survivor.id}"
                           + (" (kept in an earlier run)" if survivor.previous else ""),
                "duplicate_of": survivor.id,
                "jaccard": removal.jaccard,
                "match": removal.match,
                "survivor_in_previous_corpus": survivor.previous,
                "via": entries[removal.via].facts.id if removal.via is not None else None,
            }
            reason = Reason.EXACT_DUPLICATE if removal.match == EXACT else Reason.NEAR_DUPLICATE
            decisions[(facts.id, facts.path)] = Drop(reason, detail)
        if not survivor.previous:
            duplicates = tuple(sorted(entries[removal.position].facts.id for removal in cluster.removals))
            decisions[(survivor.id, survivor.path)] = (survivor.id, duplicates)
    return decisions


def _unique_ids(entries: list[IndexEntry]) -> list[IndexEntry]:
    """One entry per id (byte-identical files at two paths share one)."""
    seen: dict[str, IndexEntry] = {}
    for entry in entries:
        seen.setdefault(entry.facts.id, entry)
    return list(seen.values())
