"""The document model: one record moving through the stages, with its provenance and edits."""

from __future__ import annotations

import enum
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any


class Reason(enum.StrEnum):
    """Why a record was rejected: a closed set, so the manifest can count and users can filter.

    Adding a member is a documented change (README, "Rejection reasons").
    """

    UNREADABLE = "unreadable"  # bytes that could not be read or decoded: binary, broken gzip, bad JSON
    TOO_LARGE = "too_large"  # a record over `run.max_record_bytes`, refused before parsing
    UNSUPPORTED_CONTENT = "unsupported_content"  # a WARC response that is an image, PDF, ...
    EMPTY = "empty"  # no text left (empty file, page of scripts, everything removed)
    NOT_TARGET_LANGUAGE = "not_target_language"
    LOW_QUALITY = "low_quality"
    SPAM = "spam"
    SPUN = "spun"
    EXACT_DUPLICATE = "exact_duplicate"
    NEAR_DUPLICATE = "near_duplicate"
    STAGE_ERROR = "stage_error"  # a stage raised on this record: a bug, reported, the run goes on
    TIMEOUT = "timeout"  # a stage (or reading) ran over run.stage_timeout on this record; the run goes on


@dataclass(slots=True)
class Source:
    """Where a record came from; enough to find the original bytes again."""

    path: str  # relative to the input folder, with forward slashes
    record: int  # 0-based record number inside the file
    sha256: str  # of the whole input file
    format: str  # txt | html | jsonl | warc
    url: str | None = None
    date: str | None = None  # ISO 8601 UTC, `2024-05-01T10:00:00Z`
    id: str | None = None  # the input record's own id (run.id_field), when it has one


@dataclass(slots=True)
class Edit:
    """One change to the text. `start`/`end` index the text as it was just before this edit."""

    stage: str
    rule: str
    start: int
    end: int
    removed: str
    inserted: str = ""


@dataclass(slots=True)
class Link:
    """An `<a href>` kept from an HTML page, for stages that judge links (spam)."""

    href: str
    text: str


@dataclass(slots=True)
class Replacement:
    """A planned change to the current text: replace text[start:end] with `inserted`."""

    start: int
    end: int
    rule: str
    inserted: str = ""


@dataclass(slots=True)
class Drop:
    """A stage's verdict that a document leaves the corpus."""

    reason: Reason
    detail: dict[str, Any] = field(default_factory=dict)


def document_id(path: str, sha256: str, record: int) -> str:
    """Stable across runs and unique in a corpus: the same file (path and bytes) and record
    number always give the same id, and byte-identical files at two paths two ids."""
    return hashlib.sha256(f"{path}\n{sha256}\n{record}".encode()).hexdigest()[:24]


@dataclass(slots=True)
class Document:
    id: str
    text: str
    source: Source
    edits: list[Edit] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)  # other JSONL fields, as given
    links: list[Link] = field(default_factory=list)
    title: str | None = None  # the page title where the input has one (HTML <title>)
    lang: dict[str, Any] = field(default_factory=lambda: {"code": "und", "score": 0.0})
    spin: dict[str, Any] = field(default_factory=lambda: {"score": 0.0, "spans": []})
    spam: dict[str, Any] = field(default_factory=lambda: {"score": 0.0})
    quality: dict[str, Any] = field(default_factory=dict)
    dedup: dict[str, Any] = field(default_factory=dict)

    def apply(self, replacements: Iterable[Replacement], stage: str) -> int:
        """Apply non-overlapping replacements (offsets into the current text) and record each edit.

        Returns the number of edits made. Replacements that change nothing are skipped,
        so the edit list only says what really happened.
        """
        self.text, edits = apply_replacements(self.text, replacements, stage)
        self.edits.extend(edits)
        return len(edits)

    def to_record(self) -> dict[str, Any]:
        """The JSON object of the contract (and of intermediate shards, which need every field)."""
        return {
            "id": self.id,
            "text": self.text,
            "source": asdict(self.source),
            "lang": self.lang,
            "spin": self.spin,
            "spam": self.spam,
            "quality": self.quality,
            "dedup": self.dedup or {"cluster": self.id, "duplicates": []},
            "title": self.title,
            "metadata": self.metadata,
            "links": [asdict(link) for link in self.links],
            "edits": [asdict(edit) for edit in self.edits],
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Document:
        return cls(
            id=record["id"],
            text=record["text"],
            source=Source(**record["source"]),
            edits=[Edit(**edit) for edit in record["edits"]],
            metadata=record.get("metadata") or {},
            links=[Link(**link) for link in record.get("links") or []],
            title=record.get("title"),
            lang=record["lang"],
            spin=record["spin"],
            spam=record.get("spam") or {"score": 0.0},
            quality=record.get("quality") or {},
            dedup=record.get("dedup") or {},
        )


def apply_replacements(
    text: str, replacements: Iterable[Replacement], stage: str
) -> tuple[str, list[Edit]]:
    """Apply replacements left to right; each edit's offsets are into the text at its turn."""
    ordered = sorted(replacements, key=lambda r: (r.start, r.end))
    pieces: list[str] = []
    edits: list[Edit] = []
    cursor = 0  # position in the original text
    shift = 0  # how far the edited text has moved relative to the original
    for rep in ordered:
        if rep.start < cursor:
            raise ValueError(f"overlapping replacements at {rep.start} in stage {stage!r}")
        if not 0 <= rep.start <= rep.end <= len(text):
            raise ValueError(f"replacement {rep.start}:{rep.end} outside text of length {len(text)}")
        removed = text[rep.start : rep.end]
        if removed == rep.inserted:
            continue
        pieces.append(text[cursor : rep.start])
        pieces.append(rep.inserted)
        edits.append(
            Edit(stage=stage, rule=rep.rule, start=rep.start + shift, end=rep.end + shift,
                 removed=removed, inserted=rep.inserted)
        )
        shift += len(rep.inserted) - len(removed)
        cursor = rep.end
    if not edits:
        return text, []
    pieces.append(text[cursor:])
    return "".join(pieces), edits


def as_edit(edit: Edit | Mapping[str, Any]) -> Edit:
    """An Edit, from itself or from an edit as read from the output (a JSON object)."""
    if isinstance(edit, Edit):
        return edit
    return Edit(stage=edit["stage"], rule=edit["rule"], start=edit["start"], end=edit["end"],
                removed=edit["removed"], inserted=edit.get("inserted") or "")


def replay(text: str, edits: Iterable[Edit | Mapping[str, Any]]) -> str:
    """Apply recorded edits forward to the text they started from."""
    for edit in map(as_edit, edits):
        if text[edit.start : edit.start + len(edit.removed)] != edit.removed:
            raise ValueError(f"edit {edit.stage}/{edit.rule} at {edit.start} does not match the text")
        text = text[: edit.start] + edit.inserted + text[edit.start + len(edit.removed) :]
    return text


def revert(text: str, edits: Iterable[Edit | Mapping[str, Any]]) -> str:
    """Undo recorded edits on the output text, giving the text as it was first decoded.

    Takes a record's `edits` as read from the output (`revert(record["text"], record["edits"])`)
    or Edit objects."""
    for edit in reversed([as_edit(edit) for edit in edits]):
        end = edit.start + len(edit.inserted)
        if text[edit.start : end] != edit.inserted:
            raise ValueError(f"edit {edit.stage}/{edit.rule} at {edit.start} does not match the text")
        text = text[: edit.start] + edit.removed + text[end:]
    return text
