"""What the run report shows, gathered while the documents stream through the workers.

Every figure is a small mergeable aggregate (counters, fixed-bin histograms, bounded
top-k tables, bottom-k samples keyed by a hash of the id), filled per shard and merged in
shard order, so the report never re-reads the corpus and does not depend on how many
workers ran. Facts of earlier runs are kept beside the corpus (`index/report/`) and merged
into the next run's, so the report of a growing corpus tells the whole corpus's story.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.document import Document, Drop

FACTS_FILE = "facts.json.gz"
FORMAT = 1

# Bounded tables: a shard keeps at most this many distinct entries, the merge as many.
TOP_LINES = 400
SAMPLES_PER_KIND = 3  # kept documents of each kind (edited, spin spans, untouched)
SAMPLES_PER_REASON = 1  # rejected documents of each reason
SAMPLE_MAX_CHARS = 40_000  # longer texts are not sampled: the side-by-side view would not fit a page
LINE_DISPLAY_CHARS = 160

BOILERPLATE_STAGES = ("boilerplate", "template_lines")
SPAM_STAGES = ("spam",)

# name -> (low, high, bins, scale): fixed edges, so histograms of any shards add up.
HISTOGRAMS: dict[str, tuple[float, float, int, str]] = {
    "spin.score": (0.0, 1.0, 20, "linear"),
    "spam.score": (0.0, 1.0, 20, "linear"),
    "quality.words": (0.0, 5.0, 25, "log10"),  # 1 .. 100,000 words
    "quality.stop_words": (0.0, 4.0, 20, "log10"),
    "quality.alpha_word_fraction": (0.0, 1.0, 20, "linear"),
    "quality.punctuated_line_fraction": (0.0, 1.0, 20, "linear"),
    "quality.duplicate_line_fraction": (0.0, 1.0, 20, "linear"),
    "quality.non_alpha_character_ratio": (0.0, 1.0, 20, "linear"),
    "quality.score": (0.0, 1.0, 20, "linear"),  # filled only by a quality stage that scores
}
_HISTOGRAM_FIELDS = [(name, (group, key, *spec)) for name, spec in HISTOGRAMS.items()
                     for group, key in [name.split(".", 1)]]
_HEX_ID = re.compile(r"[0-9a-f]{16,}")
_DIGITS = re.compile(r"\d+")
_SPACES = re.compile(r"\s+")


def sample_key(doc_id: str) -> str:
    """The order samples are chosen in. Ids are already hex digests of path, sha256 and
    record, so the smallest ids are an unbiased, reproducible pick that any shard or run
    can merge; other ids (none today) are hashed first."""
    if _HEX_ID.fullmatch(doc_id):
        return doc_id
    return hashlib.sha256(doc_id.encode()).hexdigest()


def line_key(line: str, fold_digits: bool = True) -> str:
    """A removed line as a table key: spaces collapsed and, for boilerplate, digit runs as
    '#' ("Posted 3 May" and "Posted 17 May" are one line; spam URLs keep their digits)."""
    line = _SPACES.sub(" ", line).strip()
    return (_DIGITS.sub("#", line) if fold_digits else line)[:LINE_DISPLAY_CHARS]


@dataclass
class ReportFacts:
    kept: int = 0
    rejected: Counter = field(default_factory=Counter)  # (stage, reason) -> records
    languages: Counter = field(default_factory=Counter)  # (code, "kept"|"rejected") -> documents
    histograms: Counter = field(default_factory=Counter)  # (name, "kept"|"rejected", bin) -> documents
    removed_chars: Counter = field(default_factory=Counter)  # (stage, rule) -> characters, kept documents
    edited_documents: Counter = field(default_factory=Counter)  # (stage, rule) -> kept documents edited
    boilerplate_lines: Counter = field(default_factory=Counter)  # (rule, line) -> times removed
    spam_anchors: Counter = field(default_factory=Counter)  # (rule, text) -> times removed
    cluster_sizes: Counter = field(default_factory=Counter)  # size -> clusters (survivors of this run)
    copies_of_earlier: int = 0  # copies removed whose survivor an earlier run kept
    samples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # kind -> bottom-k

    # -- gathering (in the worker) ------------------------------------------------------

    def add_kept(self, doc: Document) -> None:
        self.kept += 1
        self.languages[(doc.lang.get("code") or "und", "kept")] += 1
        self._add_scores(doc.spin, doc.spam, doc.quality, "kept")
        for edit in doc.edits:
            self.removed_chars[(edit.stage, edit.rule)] += len(edit.removed)
            if edit.stage in BOILERPLATE_STAGES:
                self._count_lines(self.boilerplate_lines, edit.rule, edit.removed, True)
            elif edit.stage in SPAM_STAGES:
                self._count_lines(self.spam_anchors, edit.rule, edit.removed, False)
        for stage_rule in {(edit.stage, edit.rule) for edit in doc.edits}:
            self.edited_documents[stage_rule] += 1
        duplicates = (doc.dedup or {}).get("duplicates") or []
        self.cluster_sizes[1 + len(duplicates)] += 1
        kind = "spin spans" if doc.spin.get("spans") else "edited" if doc.edits else "untouched"
        if self._wanted(kind, doc.id):
            self._offer(kind, _kept_sample(doc, kind))

    def add_rejected(self, doc_id: str, source: Any, stage: str, drop: Drop, text: str | None,
                     doc: Document | None = None) -> None:
        reason = drop.reason.value
        self.rejected[(stage, reason)] += 1
        if drop.detail.get("survivor_in_previous_corpus"):
            self.copies_of_earlier += 1
        if doc is not None:
            if stage == "language":
                self.languages[(drop.detail.get("code") or doc.lang.get("code") or "und", "rejected")] += 1
            quality = drop.detail.get("measures") or doc.quality
            spin = doc.spin if stage != "spin" else {**doc.spin, **_score(drop)}
            spam = doc.spam if stage != "spam" else {**doc.spam, **_score(drop)}
            self._add_scores(spin, spam, quality, "rejected")
        if self._wanted(f"rejected: {reason}", doc_id):
            self._offer(f"rejected: {reason}", _rejected_sample(doc_id, source, stage, drop, text, doc))

    def _add_scores(self, spin: dict, spam: dict, quality: dict, outcome: str) -> None:
        quality = quality or {}
        for name, (group, key, low, high, bins, scale) in _HISTOGRAM_FIELDS:
            value = (spin if group == "spin" else spam if group == "spam" else quality).get(key)
            if (type(value) is int or type(value) is float) and math.isfinite(value):
                self.histograms[(name, outcome, _bin(value, low, high, bins, scale))] += 1

    def _wanted(self, kind: str, doc_id: str) -> bool:
        """Whether a document would enter the sample (checked before building it)."""
        chosen = self.samples.get(kind)
        limit = SAMPLES_PER_REASON if kind.startswith("rejected") else SAMPLES_PER_KIND
        return chosen is None or len(chosen) < limit or sample_key(doc_id) < chosen[-1]["key"]

    @staticmethod
    def _count_lines(table: Counter, rule: str, removed: str, fold_digits: bool) -> None:
        for line in removed.splitlines():
            key = line_key(line, fold_digits)
            if key:
                table[(rule, key)] += 1

    def _offer(self, kind: str, sample: dict[str, Any] | None) -> None:
        if sample is None:
            return
        limit = SAMPLES_PER_REASON if kind.startswith("rejected") else SAMPLES_PER_KIND
        chosen = self.samples.setdefault(kind, [])
        chosen.append(sample)
        chosen.sort(key=lambda item: item["key"])
        del chosen[limit:]

    # -- merging (in the runner, and across runs) --------------------------------------

    def merge(self, other: ReportFacts) -> None:
        self.kept += other.kept
        self.copies_of_earlier += other.copies_of_earlier
        for name in _COUNTERS:
            getattr(self, name).update(getattr(other, name))
        for kind, samples in other.samples.items():
            for sample in samples:
                self._offer(kind, sample)
        self.trim()

    def trim(self) -> None:
        """Keep the bounded tables bounded (ties broken by key, so the cut is reproducible)."""
        for name in ("boilerplate_lines", "spam_anchors"):
            table = getattr(self, name)
            if len(table) > TOP_LINES:
                kept = sorted(table.items(), key=lambda item: (-item[1], item[0]))[:TOP_LINES]
                setattr(self, name, Counter(dict(kept)))

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"format": FORMAT, "kept": self.kept,
                                "copies_of_earlier": self.copies_of_earlier}
        for name in _COUNTERS:
            data[name] = sorted([_listed(key), count] for key, count in getattr(self, name).items())
        data["samples"] = {kind: self.samples[kind] for kind in sorted(self.samples)}
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ReportFacts:
        facts = cls(kept=data["kept"], copies_of_earlier=data["copies_of_earlier"], samples=data["samples"])
        for name in _COUNTERS:
            setattr(facts, name, Counter({_keyed(key): count for key, count in data[name]}))
        return facts


_COUNTERS = ("rejected", "languages", "histograms", "removed_chars", "edited_documents",
             "boilerplate_lines", "spam_anchors", "cluster_sizes")


def _listed(key: Any) -> Any:
    return list(key) if isinstance(key, tuple) else key


def _keyed(key: Any) -> Any:
    return tuple(key) if isinstance(key, list) else key


def _score(drop: Drop) -> dict[str, Any]:
    score = drop.detail.get("score")
    return {"score": score} if score is not None else {}


def _bin(value: float, low: float, high: float, bins: int, scale: str) -> int:
    if scale == "log10":
        value = math.log10(max(value, 1.0))
    position = int((value - low) / (high - low) * bins)
    return min(max(position, 0), bins - 1)


def _kept_sample(doc: Document, kind: str) -> dict[str, Any] | None:
    if len(doc.text) > SAMPLE_MAX_CHARS:
        return None
    return {
        "key": sample_key(doc.id), "id": doc.id, "kind": kind, "outcome": "kept",
        "source": _source(doc.source), "text": doc.text,
        "edits": [{"stage": e.stage, "rule": e.rule, "start": e.start, "end": e.end,
                   "removed": e.removed, "inserted": e.inserted} for e in doc.edits],
        "spin_spans": list(doc.spin.get("spans") or []),
        "lang": doc.lang.get("code"), "spin": doc.spin.get("score"), "spam": doc.spam.get("score"),
        "duplicates": list((doc.dedup or {}).get("duplicates") or []),
    }


def _rejected_sample(doc_id: str, source: Any, stage: str, drop: Drop, text: str | None,
                     doc: Document | None) -> dict[str, Any] | None:
    if text is not None and len(text) > SAMPLE_MAX_CHARS:
        return None
    # The edits made before the rejection only match the text if the stage kept the object.
    edits = doc.edits if doc is not None and doc.text == text else []
    return {
        "key": sample_key(doc_id), "id": doc_id, "kind": f"rejected: {drop.reason.value}",
        "outcome": "rejected", "stage": stage, "reason": drop.reason.value,
        "message": str(drop.detail.get("message") or ""), "duplicate_of": drop.detail.get("duplicate_of"),
        "source": _source(source), "text": text,
        "edits": [{"stage": e.stage, "rule": e.rule, "start": e.start, "end": e.end,
                   "removed": e.removed, "inserted": e.inserted} for e in edits],
        "spin_spans": [], "lang": doc.lang.get("code") if doc is not None else None,
        "spin": doc.spin.get("score") if doc is not None else None,
        "spam": doc.spam.get("score") if doc is not None else None, "duplicates": [],
    }


def _source(source: Any) -> dict[str, Any]:
    return {"path": source.path, "record": source.record, "url": source.url}


def read_facts(folder: Path) -> ReportFacts | None:
    """The facts an earlier run left in `folder`, or None (none, unreadable, older format)."""
    path = folder / FACTS_FILE
    try:
        with gzip.open(path, "rt", encoding="utf-8") as stream:
            data = json.load(stream)
        return ReportFacts.from_json(data) if data.get("format") == FORMAT else None
    except (OSError, ValueError, KeyError, TypeError, EOFError):
        return None


def write_facts(folder: Path, facts: ReportFacts) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    payload = json.dumps(facts.to_json(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    with open(folder / FACTS_FILE, "wb") as raw:
        with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out:
            out.write(payload.encode("utf-8"))
