"""Exact, near and spun duplicates across the corpus and against earlier runs."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.index import IndexEntry, read_index, write_index
from pipeline.dedup.resolve import EXACT, Resolution, resolve
from pipeline.dedup.survivors import SurvivorFacts, score_of
from pipeline.document import Document, Drop, Reason
from pipeline.errors import ConfigError
from pipeline.stages.base import CorpusStage, StageConfig


@dataclass(frozen=True)
class DedupConfig(StageConfig):
    num_perm: int = field(
        default=128,
        metadata={"doc": "MinHash permutations per signature. 128 gives a Jaccard estimate with a "
                         "standard error under 0.045 and 512 bytes per signature."},
    )
    seed: int = field(
        default=1,
        metadata={"doc": "Seed of the MinHash permutations. Signatures from different seeds cannot be "
                         "compared, so changing it needs a rebuilt index."},
    )
    shingle_size: int = field(
        default=5,
        metadata={"doc": "Words per shingle for near-duplicate matching: 5-grams, as datatrove, "
                         "NeMo Curator and text-dedup use, are rare enough that unrelated texts "
                         "share few of them."},
    )
    jaccard_threshold: float = field(
        default=0.5,
        metadata={"doc": "Near-duplicate threshold on word-shingle Jaccard; it sets the LSH bands "
                         "and every candidate pair is verified against it. 0.5 catches a copy that "
                         "keeps half of the original (truncated, or wrapped in boilerplate); "
                         "distinct articles on one topic share under 0.1 of their 5-grams."},
    )
    containment_threshold: float = field(
        default=0.8,
        metadata={"doc": "A candidate pair also matches when this share of the shorter text's "
                         "shingles is in the longer one (estimated from the signatures and set "
                         "sizes): a truncated copy is contained in its original."},
    )
    min_containment_shingles: int = field(
        default=50,
        metadata={"doc": "Containment only counts when the shorter text has at least this many "
                         "shingles, so a short note quoting a few common phrases is not a copy."},
    )
    spin_robust: bool = field(
        default=True,
        metadata={"doc": "Also match on the rare-word skeleton (see `common_words`), which a "
                         "synonym spinner leaves mostly intact, so spun copies join their original."},
    )
    common_words: int = field(
        default=5000,
        metadata={"doc": "The skeleton drops the N most frequent English words (web word counts "
                         "shipped by the wordsegment package): those "
                         "are the words spinners swap for synonyms. 5000 keeps topic words "
                         "(names, terms, numbers) and drops the spinnable vocabulary."},
    )
    skeleton_shingle_size: int = field(
        default=3,
        metadata={"doc": "Skeleton words per spin-robust shingle. 3 keeps word order, so distinct "
                         "articles on one topic (same terms, other sentences) share few shingles."},
    )
    spin_jaccard_threshold: float = field(
        default=0.4,
        metadata={"doc": "Spin-robust threshold on skeleton-shingle Jaccard; sets that LSH's bands "
                         "and verifies its candidates. Spinning inserts rarer synonyms into the "
                         "skeleton, so it sits below `jaccard_threshold`; distinct articles on one "
                         "topic stay under 0.1."},
    )
    min_skeleton_words: int = field(
        default=15,
        metadata={"doc": "Texts with fewer skeleton words get no spin-robust signature: too few "
                         "rare words to tell a spun copy from a text on the same subject. At 15 "
                         "words, a chance match of 40% of the skeleton 3-grams is already "
                         "far outside what distinct same-topic articles share."},
    )

    def validate(self) -> None:
        if not 16 <= self.num_perm <= 1024:
            raise ConfigError(f"num_perm: must be between 16 and 1024, not {self.num_perm}")
        counts = ("shingle_size", "skeleton_shingle_size", "min_skeleton_words", "min_containment_shingles")
        for key in counts:
            if getattr(self, key) < 1:
                raise ConfigError(f"{key}: must be at least 1, not {getattr(self, key)}")
        for key in ("jaccard_threshold", "spin_jaccard_threshold", "containment_threshold"):
            value = getattr(self, key)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{key}: must be in (0, 1], not {value}")
        if self.common_words < 0:
            raise ConfigError(f"common_words: must not be negative, not {self.common_words}")


# A kept document's decision: its cluster id and the sorted ids of its removed copies.
_Kept = tuple[str, tuple[str, ...]]


class Deduplicator(CorpusStage):
    """Removes exact, near and spun copies, keeping one survivor per cluster by a fixed policy."""

    name = "dedup"
    version = 1
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
        self._fingerprinter = Fingerprinter(self.config)
        self._index_folder = index
        self._previous_status, entries = read_index(previous_index, self._fingerprinter.settings())
        self._previous = {entry.facts.id: entry for entry in entries}

    def scan(self, docs: Iterable[Document]) -> None:
        if self._fingerprinter is None:
            self._fingerprinter = Fingerprinter(self.config)
        for doc in docs:
            facts = SurvivorFacts(
                id=doc.id, spam=score_of(doc.spam), spin=score_of(doc.spin), length=len(doc.text),
                path=doc.source.path, record=doc.source.record,
            )
            self._current.append(self._fingerprinter.fingerprint(doc.text, facts))

    def finish_scan(self) -> dict[str, Any]:
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
            }
            if removal.via is not None:
                detail["via"] = entries[removal.via].facts.id
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
