"""Collocation signals: odd pairs, candidate originals, back-substitution, the phrase table."""

from __future__ import annotations

from pipeline.spin.signals import Candidate, back_substitution, odd_pair, word_candidates
from pipeline.spin.swaps import build_swap_table


def test_odd_pair_scores_an_unlisted_pair_of_frequent_words(resources):
    table = resources.phrases
    assert odd_pair(table, "likely", "of") > 0.5
    assert odd_pair(table, "chronic", "pain") == 0.0  # a frequent phrase
    assert odd_pair(table, "sourdough", "starter") == 0.0  # unlisted, but too rare to expect


def test_phrase_table_knows_wordnet_terms_the_web_table_misses(resources):
    table = resources.phrases
    assert "signal detection" not in table.counts.bigrams
    assert table.known("signal", "detection")
    assert not table.known("flag", "detection")


def test_back_substitution_reaches_the_established_phrase(resources):
    left = (Candidate("breast", 0.0, True),)
    right = (Candidate("cancer", 0.0, True), Candidate("illness", -1.5, False))
    found = back_substitution(resources.phrases, "bosom", "disease", left, right)
    assert (found.left, found.right) == ("breast", "cancer")
    assert found.learned and found.gain > 0


def test_a_listed_pair_needs_no_back_substitution(resources):
    found = back_substitution(resources.phrases, "breast", "cancer", (Candidate("bosom", 0.0, True),), ())
    assert found.gain == 0.0


def test_candidates_put_learnt_swaps_before_the_thesaurus(resources):
    swaps = build_swap_table([("irregular woodland", "random forest"), ("irregular walk", "random walk")])
    found = word_candidates(
        "irregular", swaps, resources.thesaurus, resources.phrases.counts, resources.vocabulary.function_words
    )
    assert found[0] == Candidate("random", 0.0, True)
    assert all(not c.learned for c in found[1:]) and len(found) > 1


def test_without_learnt_swaps_candidates_come_from_the_thesaurus_only(resources):
    found = word_candidates(
        "irregular", None, resources.thesaurus, resources.phrases.counts, resources.vocabulary.function_words
    )
    assert found and not any(c.learned for c in found)
