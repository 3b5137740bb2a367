"""The persistent dedup index: one SQLite file per corpus, `clean/index/dedup/dedup.sqlite`.

It holds, for every document kept so far (this run's and earlier runs'), its id, exact
key, MinHash signatures, shingle counts and the facts the survivor policy needs; never
its text. The next run reads it to remove copies of documents kept before. It is only
valid for the signature settings recorded in its `meta` table; an index built with other
settings is ignored (and reported in the manifest).

To rebuild it: delete `clean/index/dedup` and run the pipeline over all inputs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.dedup.survivors import SurvivorFacts

FILE_NAME = "dedup.sqlite"
FORMAT_VERSION = 2  # 2: frame signature and aligned sample replace the skeleton

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    exact_key BLOB NOT NULL,
    signature BLOB,
    shingles INTEGER NOT NULL,
    frame_signature BLOB,
    frame_shingles INTEGER NOT NULL,
    frame_keys BLOB NOT NULL,
    frame_words BLOB NOT NULL,
    spam REAL NOT NULL,
    spin REAL NOT NULL,
    length INTEGER NOT NULL,
    path TEXT NOT NULL,
    record INTEGER NOT NULL
);
"""


@dataclass(slots=True)
class IndexEntry:
    """One kept document as the index remembers it."""

    facts: SurvivorFacts
    exact_key: bytes
    signature: np.ndarray | None
    shingles: int
    frame_signature: np.ndarray | None
    frame_shingles: int
    frame_keys: np.ndarray  # uint32, sorted: the aligned sample's frame positions
    frame_words: np.ndarray  # uint16: the rare word at each of them


def write_index(folder: Path, settings: dict[str, Any], entries: Iterable[IndexEntry]) -> Path:
    """Write the entries (sorted by id, so equal input gives an equal table) to a new file."""
    path = folder / FILE_NAME
    if path.exists():
        path.unlink()
    connection = sqlite3.connect(path)
    try:
        connection.executescript(_SCHEMA)
        connection.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [("format", str(FORMAT_VERSION)), ("settings", json.dumps(settings, sort_keys=True))],
        )
        connection.executemany(
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (_row(entry) for entry in sorted(entries, key=lambda entry: entry.facts.id)),
        )
        connection.commit()
    finally:
        connection.close()
    return path


def read_index(folder: Path | None, settings: dict[str, Any]) -> tuple[str, list[IndexEntry]]:
    """(status, entries): status is "none" (no previous index), "loaded", or "incompatible"
    (built with other settings or format: its signatures cannot be compared; rebuild it)."""
    if folder is None or not (folder / FILE_NAME).is_file():
        return "none", []
    connection = sqlite3.connect(f"file:{folder / FILE_NAME}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("format") != str(FORMAT_VERSION) or meta.get("settings") != json.dumps(
            settings, sort_keys=True
        ):
            return "incompatible", []
        rows = connection.execute("SELECT * FROM documents ORDER BY id")
        return "loaded", list(_entries(rows))
    except sqlite3.DatabaseError:
        return "incompatible", []
    finally:
        connection.close()


def _row(entry: IndexEntry) -> tuple[Any, ...]:
    facts = entry.facts
    return (
        facts.id,
        entry.exact_key,
        _blob(entry.signature),
        entry.shingles,
        _blob(entry.frame_signature),
        entry.frame_shingles,
        entry.frame_keys.astype("<u4").tobytes(),
        entry.frame_words.astype("<u2").tobytes(),
        facts.spam,
        facts.spin,
        facts.length,
        facts.path,
        facts.record,
    )


def _entries(rows: Iterable[tuple[Any, ...]]) -> Iterator[IndexEntry]:
    for (doc_id, exact_key, signature, shingles, frame_signature, frame_shingles, frame_keys,
         frame_words, spam, spin, length, path, record) in rows:
        yield IndexEntry(
            facts=SurvivorFacts(doc_id, spam, spin, length, path, record, previous=True),
            exact_key=exact_key,
            signature=_array(signature),
            shingles=shingles,
            frame_signature=_array(frame_signature),
            frame_shingles=frame_shingles,
            frame_keys=np.frombuffer(frame_keys, dtype="<u4").astype(np.uint32),
            frame_words=np.frombuffer(frame_words, dtype="<u2").astype(np.uint16),
        )


def _blob(signature: np.ndarray | None) -> bytes | None:
    return None if signature is None else signature.astype("<u4").tobytes()


def _array(blob: bytes | None) -> np.ndarray | None:
    return None if blob is None else np.frombuffer(blob, dtype="<u4").astype(np.uint32)
