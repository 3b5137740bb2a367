"""Tokens, spinner artefacts, span grouping and the likely original."""

from __future__ import annotations

from pipeline.spin.artefacts import heading_case_artefacts, is_capital_artefact, phrase_swap_matches
from pipeline.spin.signals import Candidate
from pipeline.spin.spans import group_spans, likely_original
from pipeline.spin.text import tokenize


def words(resources):
    return resources.vocabulary.function_words


def artefacts(resources, tokens) -> list[bool]:
    return [
        is_capital_artefact(tokens, i, resources.phrases.counts, resources.thesaurus, resources.vocabulary)
        for i in range(len(tokens))
    ]


def test_tokens_know_headings_sentence_starts_and_joins(resources):
    tokens = tokenize("Historic Qualifications\nPatients rest, then walk.", words(resources))
    assert [t.heading for t in tokens] == [True, True, False, False, False, False]
    assert [t.sentence_start for t in tokens] == [True, False, True, False, False, False]
    assert [t.joined_left for t in tokens] == [False, True, False, True, False, True]


def test_words_keep_apostrophes_and_hyphens_and_skip_words_with_digits_or_accents():
    tokens = tokenize("The long-term café don't COVID19 rule", frozenset())
    assert [t.text for t in tokens] == ["The", "long-term", "don't", "rule"]
    assert [t.joined_left for t in tokens] == [False, True, False, False]


def test_an_abbreviation_does_not_start_a_sentence_but_a_colon_does():
    tokens = tokenize("Ask Dr. Smith: Patients rest.", frozenset())
    assert [t.sentence_start for t in tokens] == [True, False, False, True, False]


def test_capital_inside_a_sentence_is_an_artefact_but_a_name_is_not(resources):
    tokens = tokenize("Doctors treat stress Ailments with care.", words(resources))
    assert artefacts(resources, tokens) == [False, False, False, True, False, False]
    tokens = tokenize("She lives on Long Island with her aunt.", words(resources))
    assert not any(artefacts(resources, tokens))


def test_lowercase_word_in_a_title_case_heading_is_an_artefact(resources):
    tokens = tokenize("An extensive Overview of Modern Farming\nFarms are big.", words(resources))
    assert [tokens[i].text for i in heading_case_artefacts(tokens, resources.thesaurus)] == ["extensive"]


def test_function_phrase_swap_is_judged_by_the_word_before(resources):
    counts = resources.phrases.counts
    spun = tokenize("The drug emerged like a promising treatment.", words(resources))
    plain = tokenize("The toddler looks like a small version of his father.", words(resources))
    assert any(gain > 0.5 for gain, _, _ in phrase_swap_matches(spun, counts, resources.vocabulary).values())
    assert not any(
        gain > 0.5 for gain, _, _ in phrase_swap_matches(plain, counts, resources.vocabulary).values()
    )


def test_flagged_words_take_their_partner_and_bridge_one_function_word(resources):
    tokens = tokenize("the purpose of defenselessness is clear", words(resources))
    judged = [not t.function for t in tokens]
    assert group_spans(tokens, {1, 3}, {}, judged) == [[1, 2, 3]]
    assert group_spans(tokens, {3}, {3: 1}, judged) == [[1, 2, 3]]  # the partner joins
    assert group_spans(tokens, {1}, {}, judged) == [[1]]


def test_likely_original_is_the_best_joint_back_substitution(resources):
    tokens = tokenize("we trained an irregular woodland today", words(resources))
    options = {3: (Candidate("random", 0.0, True),), 4: (Candidate("forest", 0.0, True),)}
    assert likely_original(resources.phrases, tokens, [3, 4], options, {3, 4}, {}) == "random forest"


def test_likely_original_is_none_when_the_text_is_best(resources):
    tokens = tokenize("we trained a random forest today", words(resources))
    options = {3: (Candidate("irregular", -1.0, True),), 4: ()}
    assert likely_original(resources.phrases, tokens, [3, 4], options, set(), {}) is None
