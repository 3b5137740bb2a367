import numpy as np

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.frames import read_frames

FINGERPRINTER = Fingerprinter(DedupConfig())


def frame(text: str, size: int = 4, min_function_share: float = 0.2):
    """(frame shingles as a set, aligned entries) of one text; None when it gets no frame."""
    tokens = FINGERPRINTER.tokens([text])
    frames = read_frames(tokens, len(FINGERPRINTER.vocabulary.languages), size, 16, min_function_share)
    if not frames.framed[0]:
        return None
    return set(frames.shingles.tolist()), frames.entries


ORIGINAL = ("The engineers at the Halvard plant tested a new turbine in 2019, and it failed twice. "
            "Their report said that the Ostrava rotor was to blame.")


def test_swapping_content_words_for_synonyms_keeps_the_frame():
    spun = ("The technicians at the Halvard factory examined a novel generator in 2019, and it broke twice. "
            "Their report said that the Ostrava rotor was to blame.")
    assert frame(spun)[0] == frame(ORIGINAL)[0]


def test_one_word_swapped_for_two_keeps_the_frame():
    spun = ORIGINAL.replace("tested", "carefully checked")
    assert frame(spun)[0] == frame(ORIGINAL)[0]


def test_other_sentences_on_the_same_subject_have_another_frame():
    other = ("In 2019 the Halvard turbine failed twice; engineers blamed the Ostrava rotor, "
             "which they had tested for a new plant.")
    assert frame(other)[0].isdisjoint(frame(ORIGINAL)[0])


def test_names_kept_by_the_spinner_keep_their_entries():
    spun = ORIGINAL.replace("engineers", "technicians").replace("turbine", "generator")
    first, second = frame(ORIGINAL)[1], frame(spun)[1]
    kept = set(first.tolist()) & set(second.tolist())
    assert len(kept) >= 2  # Halvard, Ostrava: capitalised inside a sentence, so rare
    assert len(set(first.tolist()) - kept) <= 2  # at most the two swapped words' entries differ


def test_a_different_name_in_the_same_place_keeps_the_key_but_not_the_word():
    other, original = frame(ORIGINAL.replace("Ostrava", "Bergamo"))[1], frame(ORIGINAL)[1]
    assert np.array_equal(np.sort(other >> 8), np.sort(original >> 8))
    assert len(set(other.tolist()) ^ set(original.tolist())) == 2


def test_text_with_few_function_words_has_no_frame():
    assert frame("Halvard Ostrava Bergamo turbine rotor 2019 report.") is None


def test_german_text_gets_a_german_frame_that_survives_synonyms():
    original = ("Die Ingenieure in dem Werk haben eine neue Turbine getestet, und sie ist zweimal "
                "ausgefallen.")
    spun = ("Die Techniker in dem Betrieb haben eine moderne Maschine geprüft, und sie ist zweimal "
            "kaputtgegangen.")
    assert frame(original) is not None and frame(spun)[0] == frame(original)[0]
