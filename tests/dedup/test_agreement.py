import numpy as np

from pipeline.dedup.agreement import (
    agrees,
    aligned_agreement,
    fewest_agreements,
    pair_agreements,
    required_agreements,
)
from pipeline.dedup.table import Fingerprints

NEEDED = required_agreements(192, 0.25, 1e-6)


def entries(pairs: list[tuple[int, int]]) -> np.ndarray:
    """Aligned entries from (key, word) pairs: 24 bits of key, 8 bits of word."""
    return np.sort(np.array([(key << 8) | word for key, word in pairs], dtype=np.uint32))


def test_ten_of_ten_agreeing_keys_pass_and_nine_of_ten_do_not():
    assert agrees(10, 10, NEEDED)
    assert not agrees(9, 10, NEEDED)


def test_fewer_than_ten_keys_never_pass_at_the_default_levels():
    assert not any(agrees(common, common, NEEDED) for common in range(10))
    assert fewest_agreements(NEEDED) == 10


def test_the_share_needed_falls_as_the_sample_grows():
    assert NEEDED[80] / 80 < NEEDED[20] / 20 and NEEDED[80] <= 41


def test_agreement_counts_shared_keys_and_the_words_equal_at_them():
    first = entries([(1, 7), (5, 7), (9, 3), (12, 4)])
    second = entries([(5, 7), (9, 8), (12, 4), (40, 1)])
    assert aligned_agreement(first, second) == (2, 3)  # keys 5, 9, 12 shared; words agree at 5, 12


def test_many_pairs_at_once_give_what_each_pair_gives():
    rng = np.random.default_rng(3)
    samples = []
    for _ in range(12):
        keys = np.unique(rng.integers(0, 200, size=rng.integers(0, 40)))
        samples.append(entries([(int(key), int(rng.integers(0, 3))) for key in keys]))
    lengths = [len(sample) for sample in samples]
    table = Fingerprints.empty(4)
    table.sample_offsets = np.concatenate(([0], np.cumsum(lengths)))
    table.samples = np.concatenate(samples).astype(np.uint32)
    first, second = np.array([0, 0, 3, 5, 5, 11]), np.array([1, 2, 4, 6, 11, 2])
    agreeing, common = pair_agreements(table, first, second)
    for index, (left, right) in enumerate(zip(first, second, strict=True)):
        assert (agreeing[index], common[index]) == aligned_agreement(samples[left], samples[right])
