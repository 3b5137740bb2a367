import numpy as np

from pipeline.dedup.agreement import AlignedSamples, agrees, aligned_agreement, required_agreements

NEEDED = required_agreements(128, 0.25, 1e-6)


def test_ten_of_ten_agreeing_keys_pass_and_nine_of_ten_do_not():
    assert agrees(10, 10, NEEDED)
    assert not agrees(9, 10, NEEDED)


def test_fewer_than_ten_keys_never_pass_at_the_default_levels():
    assert not any(agrees(common, common, NEEDED) for common in range(10))


def test_the_share_needed_falls_as_the_sample_grows():
    assert NEEDED[80] / 80 < NEEDED[20] / 20 and NEEDED[80] <= 41


def test_agreement_counts_shared_keys_and_the_words_equal_at_them():
    first = np.array([1, 5, 9, 12], dtype=np.uint32), np.array([7, 7, 3, 4], dtype=np.uint16)
    second = np.array([5, 9, 12, 40], dtype=np.uint32), np.array([7, 8, 4, 1], dtype=np.uint16)
    assert aligned_agreement(*first, *second) == (2, 3)  # keys 5, 9, 12 shared; words agree at 5, 12


def test_many_pairs_at_once_give_what_each_pair_gives():
    rng = np.random.default_rng(3)
    keys = [np.unique(rng.integers(0, 200, size=rng.integers(0, 40)).astype(np.uint32)) for _ in range(12)]
    words = [rng.integers(0, 3, size=len(sample)).astype(np.uint16) for sample in keys]
    first, second = np.array([0, 0, 3, 5, 5, 11]), np.array([1, 2, 4, 6, 11, 2])
    agreeing, common = AlignedSamples(keys, words, 64).agreements(first, second)
    for index, (left, right) in enumerate(zip(first, second, strict=True)):
        expected = aligned_agreement(keys[left], words[left], keys[right], words[right])
        assert (agreeing[index], common[index]) == expected
