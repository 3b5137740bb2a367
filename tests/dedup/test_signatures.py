import numpy as np
from datasketch import MinHash

from pipeline.dedup.signatures import MinHasher, estimated_containment, estimated_jaccard


def shingle_set(start: int, stop: int) -> np.ndarray:
    return np.arange(start, stop, dtype=np.uint32) * np.uint32(2654435761)


def test_signature_equals_datasketch_update_batch():
    shingles = np.unique(shingle_set(0, 3000))
    reference = MinHash(num_perm=128, seed=3, hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(MinHasher(128, 3).signature(shingles), reference.hashvalues)


def test_signature_of_large_set_is_computed_in_blocks_equally():
    hasher = MinHasher(64, 1)
    shingles = np.unique(shingle_set(0, 40_000))
    reference = MinHash(num_perm=64, seed=1, hashfunc=int)
    reference.update_batch(shingles.tolist())
    assert np.array_equal(hasher.signature(shingles), reference.hashvalues)


def test_empty_set_has_no_signature():
    assert MinHasher(128, 1).signature(np.empty(0, dtype=np.uint32)) is None


def test_estimated_jaccard_tracks_the_true_jaccard():
    hasher = MinHasher(256, 1)
    first, second = hasher.signature(shingle_set(0, 1000)), hasher.signature(shingle_set(500, 1500))
    assert abs(estimated_jaccard(first, second) - 500 / 1500) < 0.08
    assert estimated_jaccard(first, first) == 1.0


def test_containment_of_a_prefix_is_near_one():
    # a truncated copy: 600 of 1000 shingles, Jaccard 0.6, all of the smaller set inside the larger
    assert estimated_containment(0.6, 1000, 600) == 1.0
    assert estimated_containment(0.0, 1000, 600) == 0.0
    assert estimated_containment(0.5, 0, 10) == 0.0


def test_signatures_of_many_sets_at_once_equal_each_set_alone():
    hasher = MinHasher(32, 5)
    rng = np.random.default_rng(2)
    sets = [np.unique(rng.integers(0, 2**32, size=size, dtype=np.uint64).astype(np.uint32))
            for size in (3, 0, 20_000, 1)]  # the third spans two blocks
    owners = np.repeat(np.arange(len(sets)), [len(shingles) for shingles in sets])
    rows = hasher.signatures(np.concatenate(sets), owners, len(sets))
    for row, shingles in enumerate(sets):
        expected = hasher.signature(shingles)
        if expected is None:
            assert (rows[row] == np.iinfo(np.uint32).max).all()
        else:
            assert np.array_equal(rows[row], expected)
