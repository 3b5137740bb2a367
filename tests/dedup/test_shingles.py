import numpy as np

from pipeline.dedup.shingles import Skeleton, TokenHasher, common_words, moby_thesaurus, shingle_hashes


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


class FakeThesaurus:
    def __init__(self, entries: dict[str, set[str]]) -> None:
        self.entries = entries

    def synonyms(self, word: str) -> frozenset[str]:
        return frozenset(self.entries.get(word, ()))


def test_skeleton_keeps_rare_terms_names_and_numbers():
    skeleton = Skeleton(frozenset({"the", "a", "uses", "big"}), None)
    words = "the inverter uses a big heatsink 240 volts".split()
    assert skeleton(words) == ["inverter", "heatsink", "240", "volts"]


def test_skeleton_drops_synonyms_of_common_words_in_any_inflection():
    thesaurus = FakeThesaurus({"predicament": {"problem"}, "heatsink": {"radiator"}})
    skeleton = Skeleton(frozenset({"problem", "the", "of"}), thesaurus)
    # "predicaments" is the plural of a word listed with a common synonym: spinner vocabulary
    assert skeleton("the predicaments of the heatsink".split()) == ["heatsink"]


def test_skeleton_with_moby_survives_swapping_common_words_for_synonyms():
    skeleton = Skeleton(common_words(5000), moby_thesaurus())
    original = "the big problem with the microinverter is that installers often show poor wiring".split()
    spun = "the huge predicament with the microinverter is that installers regularly display inferior wiring"
    assert skeleton(spun.split()) == skeleton(original)
    assert "microinverter" in skeleton(original)
