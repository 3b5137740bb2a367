"""The spin stage: spans of synonym-swapped phrases, a document score, and the policy."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document, Drop, Reason, Source
from pipeline.errors import ConfigError
from pipeline.spin.signals import (
    document_variants,
    heading_case_artefacts,
    is_capital_artefact,
    odd_pair,
    swap_gain,
    tokenize,
    word_rarity,
)
from pipeline.stages.spin import SpinConfig, SpinDetector
from tests.conftest import seed_text

CASES = Path(__file__).resolve().parent.parent / "cases" / "spin"


@pytest.fixture(scope="module")
def stage() -> SpinDetector:
    return SpinDetector()


def with_config(stage: SpinDetector, **changes) -> SpinDetector:
    """The loaded stage under another configuration (the resources take a second to load)."""
    return stage.reconfigured(replace(stage.config, **changes))


def make_doc(text: str) -> Document:
    return Document(id="doc", text=text, source=Source(path="a.txt", record=0, sha256="0" * 64, format="txt"))


def covered(text: str, phrase: str, spans) -> bool:
    """Every character of the phrase's first occurrence lies inside some reported span."""
    start = text.find(phrase)
    assert start >= 0, f"{phrase!r} not in the text"
    return all(any(s.start <= i < s.end for s in spans) for i in range(start, start + len(phrase)))


def load_cases(name: str):
    cases = json.loads((CASES / name).read_text(encoding="utf-8"))
    return [
        pytest.param(case, id=case["original"][:40],
                     marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else [])
        for case in cases
    ]


# --- the seeds -------------------------------------------------------------------------------

def test_spun_seed_scores_far_above_the_other_seeds(stage):
    spun = stage.detect(seed_text("002")).score
    others = [stage.detect(seed_text(prefix)).score for prefix in ("000", "001", "003", "004")]
    assert spun >= 0.9
    assert spun - max(others) >= 0.5


@pytest.mark.parametrize("known_phrases", [False, True], ids=["list off", "list on"])
@pytest.mark.parametrize(
    "phrase",
    ["Continual soreness", "Long-term discomfort", "stress Ailments", "melancholy", "Therapeutic Likely"],
)
def test_spun_seed_spans_cover_the_swapped_phrases(stage, phrase, known_phrases):
    text = seed_text("002")
    result = with_config(stage, use_known_phrases=known_phrases).detect(text)
    assert covered(text, phrase, result.spans)


def test_spun_seed_spans_name_a_likely_original(stage):
    text = seed_text("002")
    result = with_config(stage, use_known_phrases=False).detect(text)
    title = next(s for s in result.spans if s.text == "Therapeutic Likely")
    assert title.likely == "Therapeutic Potential"


def test_control_seed_has_no_span(stage):
    result = stage.detect(seed_text("003"))
    assert result.spans == ()
    assert result.score < 0.1


# --- clean prose and spun prose of our own ---------------------------------------------------

@pytest.mark.parametrize("case", load_cases("clean_prose.json"))
def test_clean_prose_with_unusual_phrases_is_not_flagged(stage, case):
    result = stage.detect(case["original"])
    assert [s.text for s in result.spans] == case["expected"]["spans"]
    assert result.score < 0.5


@pytest.mark.parametrize("case", load_cases("spun_prose.json"))
def test_hand_spun_prose_is_flagged(stage, case):
    expected = case["expected"]
    detector = with_config(stage, use_known_phrases=expected.get("known_phrases", False))
    result = detector.detect(case["original"])
    assert result.score >= expected["min_score"]
    for phrase in expected["covered"]:
        assert covered(case["original"], phrase, result.spans), phrase


def test_known_phrases_are_not_flagged_when_the_list_is_off(stage):
    text = "Recent advances in counterfeit consciousness have changed how researchers analyse images."
    assert with_config(stage, use_known_phrases=True).detect(text).spans
    assert with_config(stage, use_known_phrases=False).detect(text).spans == ()


# --- the pure signals ------------------------------------------------------------------------

def test_odd_pair_scores_an_absent_pair_of_frequent_words(stage):
    assert odd_pair(stage.counts, "likely", "of") > 0.5
    assert odd_pair(stage.counts, "chronic", "pain") == 0.0  # a frequent phrase
    assert odd_pair(stage.counts, "sourdough", "starter") == 0.0  # absent, but too rare to expect


def test_swap_gain_finds_the_original_of_a_swapped_word(stage):
    candidates = stage.thesaurus.originals("likely")
    gain, lift, original = swap_gain(stage.counts, "economic", "likely", "of", candidates)
    assert original == "potential"
    assert lift > 1.0


def artefacts(stage: SpinDetector, tokens) -> list[bool]:
    return [
        is_capital_artefact(tokens, i, stage.counts, stage.thesaurus, stage.vocabulary)
        for i in range(len(tokens))
    ]


def test_capital_inside_a_sentence_is_an_artefact_but_a_name_is_not(stage):
    words = stage.vocabulary.function_words
    tokens = tokenize("Doctors treat stress Ailments with care.", words)
    assert artefacts(stage, tokens) == [False, False, False, True, False, False]
    tokens = tokenize("She lives on Long Island with her aunt.", words)
    assert not any(artefacts(stage, tokens))


def test_capital_at_sentence_start_or_in_a_heading_is_not_an_artefact(stage):
    words = stage.vocabulary.function_words
    tokens = tokenize("Historic Qualifications\nPatients rest. Ailments fade.", words)
    assert not any(artefacts(stage, tokens))


def test_document_variant_is_a_rare_synonym_of_a_common_word_on_the_same_page(stage):
    text = "Depression is common. Doctors say melancholy can last for months after a loss."
    tokens = tokenize(text, stage.vocabulary.function_words)
    assert document_variants(tokens, stage.counts, stage.thesaurus) == {"melancholy": "depression"}


def test_synonyms_of_similar_frequency_are_no_document_variant(stage):
    text = "The big house stood next to a large garden with a small pond."
    tokens = tokenize(text, stage.vocabulary.function_words)
    assert document_variants(tokens, stage.counts, stage.thesaurus) == {}


def test_lowercase_word_in_a_title_case_heading_is_an_artefact(stage):
    text = "An extensive Overview of Modern Farming\nFarms are big."
    tokens = tokenize(text, stage.vocabulary.function_words)
    assert [tokens[i].text for i in heading_case_artefacts(tokens, stage.thesaurus)] == ["extensive"]


def test_sentence_case_heading_has_no_case_artefact(stage):
    tokens = tokenize("How to grow tomatoes at home\nStart in spring.", stage.vocabulary.function_words)
    assert heading_case_artefacts(tokens, stage.thesaurus) == set()


def test_words_the_corpus_never_saw_are_not_rare_for_spin(stage):
    assert word_rarity(stage.counts, "esketamine") == 0.0  # jargon, not a spinner's dictionary word
    assert word_rarity(stage.counts, "melancholy") > word_rarity(stage.counts, "sadness") > 0.0


def test_function_phrase_swap_after_a_verb_that_takes_the_original_is_flagged(stage):
    result = with_gate_open(stage).detect("The drug emerged like a promising treatment for older patients.")
    assert any(s.text.startswith("like a") and s.likely.startswith("as a") for s in result.spans)


def test_function_phrase_in_its_ordinary_use_is_not_flagged(stage):
    result = with_gate_open(stage).detect("The toddler looks like a small version of his father.")
    assert not any("like" in s.text for s in result.spans)


def with_gate_open(stage: SpinDetector) -> SpinDetector:
    """Every word over word_threshold reported, whatever the document score."""
    return with_config(stage, document_gate=0.0001)


# --- the stage -------------------------------------------------------------------------------

def test_span_offsets_point_at_the_phrase_in_the_output_text(stage):
    doc = stage.process(make_doc(seed_text("002")))
    assert isinstance(doc, Document)
    assert doc.spin["spans"]
    for span in doc.spin["spans"]:
        assert doc.text[span["start"] : span["end"]] == span["text"]


def test_stage_never_edits_the_text(stage):
    text = seed_text("002")
    doc = stage.process(make_doc(text))
    assert doc.text == text
    assert doc.edits == []


def test_keep_policy_keeps_a_spun_document_with_its_flag(stage):
    doc = with_config(stage, policy="keep").process(make_doc(seed_text("002")))
    assert isinstance(doc, Document)
    assert doc.spin["score"] >= 0.9


def test_reject_policy_drops_a_spun_document_as_spun(stage):
    verdict = with_config(stage, policy="reject").process(make_doc(seed_text("002")))
    assert isinstance(verdict, Drop)
    assert verdict.reason is Reason.SPUN
    assert verdict.detail["score"] >= 0.9


def test_reject_policy_keeps_a_clean_document(stage):
    doc = with_config(stage, policy="reject").process(make_doc(seed_text("003")))
    assert isinstance(doc, Document)
    assert doc.spin["spans"] == []


def test_same_text_gives_the_same_result(stage):
    text = seed_text("002")
    assert stage.detect(text) == stage.detect(text)


@pytest.mark.parametrize("key", ["reject_score", "word_threshold", "strong_threshold", "document_gate"])
def test_out_of_range_settings_are_rejected_naming_the_key(key):
    with pytest.raises(ConfigError, match=f"^{key}"):
        replace(SpinConfig(), **{key: 1.5}).validate()


# --- properties ------------------------------------------------------------------------------

_WORDS = ["the", "Big", "pain", "soreness", "Continual", "of", "likely", "being", "an", "a", "like", "Island",
          "stress", "Ailments", "data", "moment", "in", "to", "melancholy", "depression", "Long-term"]


@given(st.lists(st.sampled_from(_WORDS + [".", ",", "\n", ": "]), max_size=60))
@settings(max_examples=60, deadline=None)
def test_spans_are_ordered_disjoint_and_point_at_their_text(stage, pieces):
    text = " ".join(pieces)
    result = with_gate_open(stage).detect(text)
    previous_end = 0
    for span in result.spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert 0.0 <= span.score <= 1.0
        previous_end = span.end
    assert 0.0 <= result.score <= 1.0
