"""Sales anchors built on products no list holds: judged by the phrase's shape and place."""

import pytest

from pipeline.stages.spam_rules.anchors import commercial_anchor_spans
from pipeline.stages.spam_rules.product_slots import is_rare
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary

SENTENCE = "The committee met twice in the spring and published its findings in June."


@pytest.fixture(scope="module")
def vocabulary() -> SpamVocabulary:
    return SpamVocabulary.load()


def rules(text, vocabulary):
    return [(span.rule, text[span.start : span.end].strip()) for span in
            commercial_anchor_spans(text, vocabulary)]


def test_unlisted_goods_on_their_own_line_go(vocabulary):
    text = f"{SENTENCE}\n\nforged driving licences for sale ireland\n\n{SENTENCE}"
    assert rules(text, vocabulary) == [("commercial_anchor_line", "forged driving licences for sale ireland")]


def test_unlisted_goods_after_a_finished_sentence_go(vocabulary):
    text = f"{SENTENCE} cheap roulette chips australia"
    assert rules(text, vocabulary) == [("commercial_anchor_appended", "cheap roulette chips australia")]


def test_unlisted_drug_inserted_with_a_lower_case_place_goes(vocabulary):
    text = "The findings were shared with regional carfentanil for sale usa health boards last week."
    assert rules(text, vocabulary) == [("commercial_anchor_inserted", "carfentanil for sale usa")]


def test_prose_buying_common_goods_online_stays(vocabulary):
    for text in ("Many travellers buy cheap flights online these days.",
                 "You can order groceries online and collect them the same evening.",
                 "Best practices for online safety",
                 "Prices at the store rose after the cheap imports from Canada stopped."):
        assert rules(text, vocabulary) == [], text


def test_capitalised_heading_with_one_cue_stays(vocabulary):
    text = f"{SENTENCE}\n\nBuying Second-Hand Bikes Online\n\n{SENTENCE}"
    assert rules(text, vocabulary) == []


def test_a_word_after_the_place_is_the_sentence_not_the_product(vocabulary):
    text = "Robert Danin, a senior cheap homework solvers uk fellow at the council, disagreed."
    assert rules(text, vocabulary) == [("commercial_anchor_inserted", "cheap homework solvers uk")]


def test_rare_words_are_rare_and_common_ones_are_not():
    assert is_rare("carfentanil") and is_rare("4-aco-dmt")
    assert not is_rare("flights") and not is_rare("tickets")
