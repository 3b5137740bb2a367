import numpy as np

from pipeline.dedup.lsh import (
    LARGE_BUCKET,
    band_keys,
    band_parameters,
    candidate_pairs,
    reference_candidate_pairs,
    verified_pairs,
    verify,
)
from pipeline.dedup.signatures import MinHasher

HASHER = MinHasher(128, 1)
RANDOM = np.random.RandomState(5)
UNIVERSE = np.unique(RANDOM.randint(0, 2**32, size=20_000, dtype=np.uint64).astype(np.uint32))


def signature(start: int, stop: int) -> np.ndarray:
    return HASHER.signature(np.sort(UNIVERSE[start:stop]))


def test_band_parameters_fit_in_the_signature():
    bands, rows = band_parameters(0.5, 128)
    assert bands >= 2 and bands * rows <= 128


def test_similar_signatures_are_candidates_and_unrelated_are_not():
    signatures = [signature(0, 1000), signature(50, 1050), signature(5000, 6000), None]
    assert list(candidate_pairs(signatures, HASHER, 0.5)) == [(0, 1)]


def test_verified_pair_reports_estimated_jaccard():
    matches = verified_pairs([signature(0, 1000), signature(50, 1050)], [1000, 1000], HASHER, 0.5)
    assert [(m.first, m.second) for m in matches] == [(0, 1)]
    assert 0.8 < matches[0].jaccard < 1.0


def test_chance_band_collision_is_not_verified():
    first = signature(0, 1000)
    second = signature(5000, 6000).copy()
    _, rows = band_parameters(0.5, 128)
    second[:rows] = first[:rows]  # the two share exactly one band and nothing else
    assert list(candidate_pairs([first, second], HASHER, 0.5)) == [(0, 1)]
    assert verified_pairs([first, second], [1000, 1000], HASHER, 0.5) == []


def test_truncated_copy_verified_by_containment_not_by_jaccard():
    original, truncated = signature(0, 1000), signature(0, 400)  # Jaccard 0.4, fully contained
    assert verify(original, truncated, 1000, 400, 0.5) is None
    assert verify(original, truncated, 1000, 400, 0.5, 0.8, 50) is not None


def test_containment_needs_enough_shingles():
    original, truncated = signature(0, 100), signature(0, 30)
    assert verify(original, truncated, 100, 30, 0.5, 0.8, 50) is None


def test_unrelated_sets_are_not_contained():
    assert verify(signature(0, 1000), signature(3000, 3400), 1000, 400, 0.5, 0.8, 50) is None


def test_numpy_buckets_give_the_same_pairs_as_datasketch_minhashlsh():
    rng = np.random.RandomState(11)
    signatures = []
    for number in range(400):
        start = (number % 40) * 400 + rng.randint(0, 150)  # 40 groups of overlapping sets
        signatures.append(signature(start, start + 300))
    signatures[7] = None
    for threshold in (0.4, 0.5, 0.8):
        ours = list(candidate_pairs(signatures, HASHER, threshold))
        assert ours == sorted(reference_candidate_pairs(signatures, HASHER, threshold))
        assert ours  # the groups do produce candidates


def test_large_bucket_is_linked_as_a_star():
    copies = [signature(0, 500)] * (LARGE_BUCKET + 6)
    pairs = list(candidate_pairs(copies, HASHER, 0.5))
    assert pairs == [(0, other) for other in range(1, len(copies))]


def test_rows_with_an_equal_band_key_are_the_candidate_pairs():
    rng = np.random.RandomState(3)
    starts = [(number % 10) * 400 + rng.randint(0, 150) for number in range(60)]
    matrix = np.stack([signature(start, start + 300) for start in starts])
    keys = band_keys(matrix, 0.5)
    assert keys.shape == (60, band_parameters(0.5, 128)[0])
    sharing = sorted((i, j) for i in range(60) for j in range(i + 1, 60) if (keys[i] == keys[j]).any())
    assert sharing and sharing == list(candidate_pairs(list(matrix), HASHER, 0.5))
