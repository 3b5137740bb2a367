import numpy as np

from pipeline.dedup.frames import FrameReader
from pipeline.dedup.normalize import fold_case

COMMON = frozenset("engineers plant tested new turbine failed twice technicians factory examined novel "
                   "generator broke report said carefully checked".split())


def frame(text: str, size: int = 4, min_function_share: float = 0.2):
    return FrameReader(COMMON, size, 16, min_function_share)(fold_case(text))


ORIGINAL = ("The engineers at the Halvard plant tested a new turbine in 2019, and it failed twice. "
            "Their report said that the Ostrava rotor was to blame.")


def test_swapping_content_words_for_synonyms_keeps_the_frame():
    spun = ("The technicians at the Halvard factory examined a novel generator in 2019, and it broke twice. "
            "Their report said that the Ostrava rotor was to blame.")
    assert np.array_equal(frame(spun).shingles, frame(ORIGINAL).shingles)


def test_one_word_swapped_for_two_keeps_the_frame():
    spun = ORIGINAL.replace("tested", "carefully checked")
    assert np.array_equal(frame(spun).shingles, frame(ORIGINAL).shingles)


def test_other_sentences_on_the_same_subject_have_another_frame():
    other = ("In 2019 the Halvard turbine failed twice; engineers blamed the Ostrava rotor, "
             "which they had tested for a new plant.")
    assert set(frame(other).shingles.tolist()).isdisjoint(frame(ORIGINAL).shingles.tolist())


def test_a_rare_word_kept_by_the_spinner_keeps_its_key_and_word():
    spun = ORIGINAL.replace("engineers", "technicians").replace("turbine", "generator")
    first, second = frame(ORIGINAL), frame(spun)
    assert len(first.keys) > 0
    assert np.array_equal(first.keys, second.keys) and np.array_equal(first.words, second.words)


def test_a_different_rare_word_in_the_same_place_keeps_the_key_but_not_the_word():
    other = frame(ORIGINAL.replace("Ostrava", "Bergamo"))
    original = frame(ORIGINAL)
    assert np.array_equal(other.keys, original.keys)
    assert np.count_nonzero(other.words != original.words) == 1


def test_text_with_few_english_function_words_has_no_frame():
    assert frame("Halvard Ostrava Bergamo turbine rotor 2019 report.") is None
