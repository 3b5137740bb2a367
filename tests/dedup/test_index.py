import sqlite3

import numpy as np

from pipeline.dedup.index import FILE_NAME, read_index, write_index
from pipeline.dedup.survivors import SurvivorFacts
from pipeline.dedup.table import Fingerprints

SETTINGS = {"num_perm": 4, "seed": 1}


def rows(ids: list[str], framed: list[bool]) -> tuple[Fingerprints, list[SurvivorFacts]]:
    count = len(ids)
    samples = [np.array([3, 9, 70_000, 2**32 - 1], dtype=np.uint32) if frame else np.empty(0, dtype=np.uint32)
               for frame in framed]
    table = Fingerprints(
        exact_keys=np.array([[index, 7] for index in range(count)], dtype=np.uint64),
        signatures=np.tile(np.array([1, 2, 3, 4], dtype=np.uint32), (count, 1)),
        shingles=np.full(count, 30, dtype=np.int64),
        frame_signatures=np.tile(np.array([5, 6, 7, 8], dtype=np.uint32), (count, 1)),
        frame_shingles=np.array([12 if frame else 0 for frame in framed], dtype=np.int64),
        sample_offsets=np.concatenate(([0], np.cumsum([len(sample) for sample in samples]))),
        samples=np.concatenate(samples),
    )
    return table, [SurvivorFacts(doc_id, 0.1, 0.0, 120, f"{doc_id}.txt", 0) for doc_id in ids]


def test_written_index_reads_back_as_previous_rows_sorted_by_id(tmp_path):
    write_index(tmp_path, SETTINGS, *rows(["b", "a"], [True, False]))
    status, table, facts = read_index(tmp_path, SETTINGS)
    assert status == "loaded"
    assert [f.id for f in facts] == ["a", "b"] and all(f.previous for f in facts)
    assert table.frame_shingles[0] == 0 and len(table.sample(0)) == 0
    assert np.array_equal(table.sample(1), [3, 9, 70_000, 2**32 - 1])
    assert np.array_equal(table.signatures[1], [1, 2, 3, 4])
    assert np.array_equal(table.exact_keys[0], [1, 7])  # "a" was the second row written
    assert facts[1].spam == 0.1 and facts[1].path == "b.txt"


def test_missing_index_is_none(tmp_path):
    assert read_index(None, SETTINGS) == ("none", None, [])
    assert read_index(tmp_path, SETTINGS) == ("none", None, [])


def test_index_built_with_other_settings_is_not_used(tmp_path):
    write_index(tmp_path, SETTINGS, *rows(["a"], [True]))
    assert read_index(tmp_path, {**SETTINGS, "seed": 2}) == ("incompatible", None, [])


def test_corrupt_index_is_not_used(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"not a database")
    assert read_index(tmp_path, SETTINGS) == ("incompatible", None, [])


def test_index_holds_no_text(tmp_path):
    path = write_index(tmp_path, SETTINGS, *rows(["a"], [True]))
    columns = [row[1] for row in sqlite3.connect(path).execute("PRAGMA table_info(documents)")]
    assert "text" not in columns
