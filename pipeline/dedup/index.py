"""The persistent dedup index: one SQLite file per corpus, `clean/index/dedup/dedup.sqlite`.

It holds, for every document kept so far (this run's and earlier runs'), its id, exact
key, MinHash signatures, shingle counts, aligned sample and the facts the survivor policy
needs; never its text. The next run reads it to remove copies of documents kept before. It is only
valid for the signature settings recorded in its `meta` table; an index built with other
settings is ignored (and reported in the manifest).

To rebuild it: delete `clean/index/dedup` and run the pipeline over all inputs.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from pipeline.dedup.survivors import SurvivorFacts
from pipeline.dedup.table import Fingerprints

FILE_NAME = "dedup.sqlite"
FORMAT_VERSION = 3  # 3: aligned entries of 4 bytes, frames of several languages (2: frames; 1: skeleton)

_SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY,
    exact_key BLOB NOT NULL,
    signature BLOB,
    shingles INTEGER NOT NULL,
    frame_signature BLOB,
    frame_shingles INTEGER NOT NULL,
    aligned_sample BLOB NOT NULL,
    spam REAL NOT NULL,
    spin REAL NOT NULL,
    length INTEGER NOT NULL,
    path TEXT NOT NULL,
    record INTEGER NOT NULL
);
"""


def write_index(folder: Path, settings: dict[str, Any], table: Fingerprints,
                facts: Sequence[SurvivorFacts]) -> Path:
    """Write the rows (sorted by id, so equal input gives an equal table) to a new file."""
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
        order = sorted(range(len(facts)), key=lambda row: facts[row].id)
        connection.executemany("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                               (_row(table, facts[row], row) for row in order))
        connection.commit()
    finally:
        connection.close()
    return path


def read_index(folder: Path | None, settings: dict[str, Any]) -> tuple[str, Fingerprints | None,
                                                                      list[SurvivorFacts]]:
    """(status, table, facts): status is "none" (no previous index), "loaded", or
    "incompatible" (built with other settings or format: its fingerprints cannot be compared;
    rebuild it). The table is None unless loaded."""
    if folder is None or not (folder / FILE_NAME).is_file():
        return "none", None, []
    connection = sqlite3.connect(f"file:{folder / FILE_NAME}?mode=ro", uri=True)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("format") != str(FORMAT_VERSION) or meta.get("settings") != json.dumps(
            settings, sort_keys=True
        ):
            return "incompatible", None, []
        num_perm = int(settings["num_perm"])
        rows = connection.execute("SELECT * FROM documents ORDER BY id")
        table, facts = _table(rows, num_perm)
        return "loaded", table, facts
    except sqlite3.DatabaseError:
        return "incompatible", None, []
    finally:
        connection.close()


def _row(table: Fingerprints, facts: SurvivorFacts, row: int) -> tuple[Any, ...]:
    shingles, frame_shingles = int(table.shingles[row]), int(table.frame_shingles[row])
    return (
        facts.id,
        table.exact_keys[row].astype("<u8").tobytes(),
        table.signatures[row].astype("<u4").tobytes() if shingles else None,
        shingles,
        table.frame_signatures[row].astype("<u4").tobytes() if frame_shingles else None,
        frame_shingles,
        table.sample(row).astype("<u4").tobytes(),
        facts.spam,
        facts.spin,
        facts.length,
        facts.path,
        facts.record,
    )


def _table(rows: Iterable[tuple[Any, ...]], num_perm: int) -> tuple[Fingerprints, list[SurvivorFacts]]:
    """The rows as a table, read in chunks so the peak stays near the table itself."""
    parts: list[Fingerprints] = []
    facts: list[SurvivorFacts] = []
    chunk: list[tuple[Any, ...]] = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == _READ_CHUNK:
            parts.append(_chunk(chunk, num_perm, facts))
            chunk = []
    parts.append(_chunk(chunk, num_perm, facts))
    return Fingerprints.join(parts, num_perm), facts


def _chunk(rows: list[tuple[Any, ...]], num_perm: int, facts: list[SurvivorFacts]) -> Fingerprints:
    count = len(rows)
    table = Fingerprints.empty(num_perm)
    if count == 0:
        return table
    unset = np.full(num_perm, np.iinfo(np.uint32).max, dtype=np.uint32).tobytes()
    samples = [row[6] for row in rows]
    lengths = np.array([len(blob) // 4 for blob in samples], dtype=np.int64)
    for (doc_id, _, _, _, _, _, _, spam, spin, length, path, record) in rows:
        facts.append(SurvivorFacts(doc_id, spam, spin, length, path, record, previous=True))
    return Fingerprints(
        exact_keys=np.frombuffer(b"".join(row[1] for row in rows), dtype="<u8").reshape(count, 2).copy(),
        signatures=_matrix([row[2] or unset for row in rows], num_perm),
        shingles=np.array([row[3] for row in rows], dtype=np.int64),
        frame_signatures=_matrix([row[4] or unset for row in rows], num_perm),
        frame_shingles=np.array([row[5] for row in rows], dtype=np.int64),
        sample_offsets=np.concatenate(([0], np.cumsum(lengths))),
        samples=np.frombuffer(b"".join(samples), dtype="<u4").astype(np.uint32),
    )


def _matrix(blobs: list[bytes], num_perm: int) -> np.ndarray:
    return np.frombuffer(b"".join(blobs), dtype="<u4").reshape(len(blobs), num_perm).astype(np.uint32)


_READ_CHUNK = 10_000
