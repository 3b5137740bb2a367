import sqlite3

import numpy as np

from pipeline.dedup.index import FILE_NAME, IndexEntry, read_index, write_index
from pipeline.dedup.survivors import SurvivorFacts

SETTINGS = {"num_perm": 4, "seed": 1}


def entry(doc_id: str, frame: bool = True) -> IndexEntry:
    return IndexEntry(
        facts=SurvivorFacts(doc_id, 0.1, 0.0, 120, f"{doc_id}.txt", 0),
        exact_key=doc_id.encode().ljust(16, b"-"),
        signature=np.array([1, 2, 3, 4], dtype=np.uint32),
        shingles=30,
        frame_signature=np.array([5, 6, 7, 8], dtype=np.uint32) if frame else None,
        frame_shingles=12 if frame else 0,
        frame_keys=np.array([3, 9, 70_000], dtype=np.uint32) if frame else np.empty(0, dtype=np.uint32),
        frame_words=np.array([1, 2, 65_535], dtype=np.uint16) if frame else np.empty(0, dtype=np.uint16),
    )


def test_written_index_reads_back_as_previous_entries(tmp_path):
    write_index(tmp_path, SETTINGS, [entry("b"), entry("a", frame=False)])
    status, entries = read_index(tmp_path, SETTINGS)
    assert status == "loaded"
    assert [e.facts.id for e in entries] == ["a", "b"]
    assert all(e.facts.previous for e in entries)
    assert entries[0].frame_signature is None and len(entries[0].frame_keys) == 0
    assert np.array_equal(entries[1].frame_keys, [3, 9, 70_000])
    assert np.array_equal(entries[1].frame_words, [1, 2, 65_535])
    assert np.array_equal(entries[1].signature, [1, 2, 3, 4])
    assert entries[1].facts.spam == 0.1 and entries[1].facts.path == "b.txt"


def test_missing_index_is_none(tmp_path):
    assert read_index(None, SETTINGS) == ("none", [])
    assert read_index(tmp_path, SETTINGS) == ("none", [])


def test_index_built_with_other_settings_is_not_used(tmp_path):
    write_index(tmp_path, SETTINGS, [entry("a")])
    assert read_index(tmp_path, {**SETTINGS, "seed": 2}) == ("incompatible", [])


def test_corrupt_index_is_not_used(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"not a database")
    assert read_index(tmp_path, SETTINGS) == ("incompatible", [])


def test_index_holds_no_text(tmp_path):
    path = write_index(tmp_path, SETTINGS, [entry("a")])
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(documents)")]
    assert "text" not in columns
