"""Anchors judged whole where their position bounds them, and the strongest keyword string
inside a sentence: words no list knows are part of the anchor, not its end."""

import pytest

from pipeline.document import Document, Source
from pipeline.stages.spam import SpamConfig, SpamStripper
from pipeline.stages.spam_rules.anchors import commercial_anchor_spans
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary

SENTENCE = "The ferry timetable changes in May, and the island school will start later."
OTHER = "Parents were told at a meeting in the village hall on Tuesday evening."


@pytest.fixture(scope="module")
def vocabulary() -> SpamVocabulary:
    return SpamVocabulary.load()


@pytest.fixture(scope="module")
def stage() -> SpamStripper:
    return SpamStripper(SpamConfig(drop_threshold=1.0))


def found(text, vocabulary):
    return sorted((span.rule, text[span.start : span.end].strip()) for span in
                  commercial_anchor_spans(text, vocabulary))


def test_a_line_with_an_unknown_place_word_goes_whole(vocabulary):
    # "overnight shipping" is beyond the cue list's phrases: still part of the line's anchor
    text = f"{SENTENCE}\n\nsolarwick tablets mx overnight shipping\n\n{OTHER}"
    assert found(text, vocabulary) == [("commercial_anchor_line", "solarwick tablets mx overnight shipping")]


def test_a_lower_case_run_after_a_sentence_goes_to_the_end_of_the_line(stage):
    assert run_text(stage, f"{SENTENCE} cheap zephyrol drops fast shipping") == SENTENCE


def test_a_lower_case_run_between_two_sentences_goes(vocabulary):
    text = f"{SENTENCE} discount zephyrol drops nz {OTHER}"
    assert found(text, vocabulary) == [("commercial_anchor_appended", "discount zephyrol drops nz")]


def test_a_keyword_string_inside_a_sentence_goes_without_its_neighbours(stage):
    text = "The harbour wall cheap zephyrol drops kolkata was rebuilt after the storm."
    assert run_text(stage, text) == "The harbour wall was rebuilt after the storm."


def test_after_a_determiner_a_noun_phrase_with_cues_stays(stage):
    text = "Inspectors visited the cheap zephyrol drops market in Kolkata last year."
    assert run_text(stage, text) == text


def test_after_a_determiner_a_buying_verb_is_cut(stage):
    text = "Nobody expected the order zephyrol drops kolkata boom to last."
    assert run_text(stage, text) == "Nobody expected the boom to last."


def test_prose_with_a_cue_and_capitalised_places_stays(stage):
    for text in ("Shops in Kolkata sell cheap umbrellas online before the monsoon.",
                 "Fishermen said. prices online rose in the spring",
                 "Visitors can buy tickets online at the harbour office."):
        assert run_text(stage, text) == text, text


def run_text(stage, text):
    return stage.process(Document(id="d", text=text, source=Source("t.txt", 0, "0" * 64, "txt"))).text
