import numpy as np

from pipeline.dedup.shingles import TokenHasher, common_words, shingle_hashes, window_hashes


def hashes(text: str, size: int) -> np.ndarray:
    return shingle_hashes(TokenHasher()(text.split()), size)


def test_shingle_count_is_number_of_distinct_windows():
    assert len(hashes("a b c d e f g", 3)) == 5
    assert len(hashes("a b a b a b", 2)) == 2  # "a b" and "b a"


def test_shingles_are_stable_across_hasher_instances():
    assert np.array_equal(hashes("one two three four five six", 5), hashes("one two three four five six", 5))


def test_shingles_depend_on_word_order():
    assert set(hashes("red fox jumps", 3)).isdisjoint(hashes("fox red jumps", 3))


def test_text_shorter_than_shingle_is_one_shingle_and_empty_text_none():
    assert len(hashes("just two", 5)) == 1
    assert len(hashes("", 5)) == 0


def test_common_words_are_the_frequent_head_of_the_word_counts():
    common = common_words(5000)
    assert len(common) == 5000
    assert {"the", "problem", "show"} <= common
    assert "photovoltaic" not in common


def test_window_hashes_give_one_hash_per_start_and_their_set_is_the_shingles():
    tokens = TokenHasher()("a b c a b c d".split())
    windows = window_hashes(tokens, 3)
    assert len(windows) == 5 and windows[0] == windows[3]  # "a b c" twice
    assert np.array_equal(np.unique(windows), shingle_hashes(tokens, 3))
