import numpy as np

from pipeline.dedup.shingles import distinct_by_owner, owned_windows, shingle_hashes, window_hashes
from pipeline.dedup.tokens import stable_hash


def token_hashes(text: str) -> np.ndarray:
    return np.array([stable_hash(word) for word in text.split()], dtype=np.uint64)


def hashes(text: str, size: int) -> np.ndarray:
    return shingle_hashes(token_hashes(text), size)


def test_shingle_count_is_number_of_distinct_windows():
    assert len(hashes("a b c d e f g", 3)) == 5
    assert len(hashes("a b a b a b", 2)) == 2  # "a b" and "b a"


def test_shingles_are_stable_across_calls():
    assert np.array_equal(hashes("one two three four five six", 5), hashes("one two three four five six", 5))


def test_shingles_depend_on_word_order():
    assert set(hashes("red fox jumps", 3)).isdisjoint(hashes("fox red jumps", 3))


def test_text_shorter_than_shingle_is_one_shingle_and_empty_text_none():
    assert len(hashes("just two", 5)) == 1
    assert len(hashes("", 5)) == 0


def test_window_hashes_give_one_hash_per_start_and_their_set_is_the_shingles():
    tokens = token_hashes("a b c a b c d")
    windows = window_hashes(tokens, 3)
    assert len(windows) == 5 and windows[0] == windows[3]  # "a b c" twice
    assert np.array_equal(np.unique(windows), shingle_hashes(tokens, 3))


def test_windows_of_a_batch_never_cross_two_documents_and_equal_each_alone():
    texts = ["a b c d e", "f g", "h i j k"]
    tokens = np.concatenate([token_hashes(text) for text in texts])
    owners = np.repeat(np.arange(3), [len(text.split()) for text in texts])
    distinct, distinct_owners = distinct_by_owner(*owned_windows(tokens, owners, 3))
    for owner, text in enumerate(texts):
        assert np.array_equal(distinct[distinct_owners == owner], hashes(text, 3))


def test_distinct_by_owner_of_no_windows_is_empty():
    hashes, owners = distinct_by_owner(np.empty(0, dtype=np.uint32), np.empty(0, dtype=np.int64))
    assert len(hashes) == 0 and len(owners) == 0
