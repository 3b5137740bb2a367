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
from pipeline.stages.spin import SpinConfig, SpinDetector
from tests.conftest import seed_text

CASES = Path(__file__).resolve().parent.parent / "cases" / "spin"
SPAN_KEYS = {"start": int, "end": int, "text": str, "likely": (str, type(None)), "score": float}


@pytest.fixture(scope="module")
def stage() -> SpinDetector:
    return SpinDetector()


def with_config(stage: SpinDetector, **changes) -> SpinDetector:
    """The loaded stage under another configuration (the resources take a second to load)."""
    return stage.reconfigured(replace(stage.config, **changes))


def make_doc(text: str) -> Document:
    return Document(id="doc", text=text, source=Source(path="a.txt", record=0, sha256="0" * 64, format="txt"))


def touched(text: str, phrase: str, spans) -> bool:
    """Some reported span overlaps the phrase's first occurrence."""
    start = text.find(phrase)
    assert start >= 0, f"{phrase!r} not in the text"
    return any(s.start < start + len(phrase) and start < s.end for s in spans)


def load_cases(name: str):
    cases = json.loads((CASES / name).read_text(encoding="utf-8"))
    return [
        pytest.param(
            case,
            id=case["original"][:40],
            marks=[pytest.mark.xfail(strict=True, reason=case["xfail"])] if "xfail" in case else [],
        )
        for case in cases
    ]


SETTINGS = [
    pytest.param({"use_spinner_swaps": True, "use_known_phrases": True}, id="shipped"),
    pytest.param({"use_spinner_swaps": False, "use_known_phrases": False}, id="lists off"),
]
# The swapped phrases of seed 002 that EXPECTED.md names, as they are written in it.
SEED_002_SWAPS = (
    "Long-term discomfort", "Continual soreness", "Unwanted side effects", "stress Ailments",
    "obsessive-compulsive dysfunction", "melancholy", "Therapeutic Likely", "An extensive Overview",
    "being an anesthetic", "Resulting from", "Foreseeable future Instructions",
)  # fmt: skip


# --- the seeds -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "changes, margin",
    [
        pytest.param({"use_spinner_swaps": True, "use_known_phrases": True}, 0.3, id="shipped"),
        # the document model fitted without the lists separates less (BENCHMARKS.md, Spin)
        pytest.param({"use_spinner_swaps": False, "use_known_phrases": False}, 0.05, id="lists off"),
    ],
)
def test_spun_seed_scores_clearly_above_the_other_seeds(stage, changes, margin):
    detector = with_config(stage, **changes)
    spun = detector.detect(seed_text("002")).score
    others = [detector.detect(seed_text(prefix)).score for prefix in ("000", "001", "003", "004")]
    assert spun - max(others) >= margin


@pytest.mark.parametrize("changes", SETTINGS)
def test_spun_seed_gets_spans_on_swapped_phrases(stage, changes):
    text = seed_text("002")
    spans = with_config(stage, **changes).detect(text).spans
    found = [phrase for phrase in SEED_002_SWAPS if touched(text, phrase, spans)]
    assert len(found) >= 3, found


@pytest.mark.parametrize("changes", SETTINGS)
def test_control_seed_has_no_span(stage, changes):
    result = with_config(stage, **changes).detect(seed_text("003"))
    assert result.spans == ()


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
        assert touched(case["original"], phrase, result.spans), phrase


def test_known_phrases_are_not_flagged_by_the_list_when_it_is_off(stage):
    text = "Recent advances in counterfeit consciousness have changed how researchers analyse images."
    on = with_config(stage, use_known_phrases=True).detect(text)
    assert any(s.likely == "artificial intelligence" for s in on.spans)
    off = with_config(stage, use_known_phrases=False, use_spinner_swaps=False).detect(text)
    assert not any(s.likely == "artificial intelligence" for s in off.spans)


def test_learnt_swaps_name_the_original_of_a_tortured_term(stage):
    text = "The team trained an irregular woodland on the survey answers to predict turnout."
    result = with_config(stage, use_known_phrases=False).detect(text)
    assert any(s.text == "irregular woodland" and s.likely == "random forest" for s in result.spans)


def test_the_plain_term_in_the_same_place_is_not_flagged(stage):
    text = "The team trained a random forest on the survey answers to predict turnout."
    assert stage.detect(text).spans == ()


# --- the stage -------------------------------------------------------------------------------


def test_span_offsets_point_at_the_phrase_in_the_output_text(stage):
    doc = stage.process(make_doc(seed_text("002")))
    assert isinstance(doc, Document)
    assert doc.spin["spans"]
    for span in doc.spin["spans"]:
        assert doc.text[span["start"] : span["end"]] == span["text"]


def test_spin_record_has_fixed_keys_and_types(stage):
    doc = stage.process(make_doc(seed_text("002")))
    assert set(doc.spin) == {"score", "spans", "words", "flagged_words"}
    assert isinstance(doc.spin["score"], float) and isinstance(doc.spin["words"], int)
    for span in doc.spin["spans"]:
        assert set(span) == set(SPAN_KEYS)
        assert all(isinstance(span[key], kind) for key, kind in SPAN_KEYS.items())


def test_stage_never_edits_the_text(stage):
    text = seed_text("002")
    doc = stage.process(make_doc(text))
    assert doc.text == text
    assert doc.edits == []


def test_keep_policy_keeps_a_spun_document_with_its_flag(stage):
    doc = with_config(stage, policy="keep").process(make_doc(seed_text("002")))
    assert isinstance(doc, Document)
    assert doc.spin["spans"]


def test_reject_policy_drops_a_document_at_reject_score_as_spun(stage):
    score = stage.detect(seed_text("002")).score
    verdict = with_config(stage, policy="reject", reject_score=score).process(make_doc(seed_text("002")))
    assert isinstance(verdict, Drop)
    assert verdict.reason is Reason.SPUN
    assert verdict.detail["score"] == round(score, 4)


def test_reject_policy_keeps_a_clean_document(stage):
    doc = with_config(stage, policy="reject").process(make_doc(seed_text("003")))
    assert isinstance(doc, Document)
    assert doc.spin["spans"] == []


def test_threshold_offset_trades_spans_for_certainty(stage):
    text = seed_text("002")
    lower = with_config(stage, threshold_offset=-0.2).detect(text)
    higher = with_config(stage, threshold_offset=0.3).detect(text)
    assert lower.flagged_words > higher.flagged_words


def test_same_text_gives_the_same_result(stage):
    text = seed_text("002")
    assert stage.detect(text) == stage.detect(text)


@pytest.mark.parametrize(
    "key, value", [("reject_score", 1.5), ("known_phrase_score", 0.0), ("threshold_offset", 0.9)]
)
def test_out_of_range_settings_are_rejected_naming_the_key(key, value):
    with pytest.raises(ConfigError, match=f"^{key}"):
        replace(SpinConfig(), **{key: value}).validate()


# --- properties ------------------------------------------------------------------------------

_WORDS = [
    "the",
    "Big",
    "pain",
    "soreness",
    "Continual",
    "of",
    "likely",
    "being",
    "an",
    "a",
    "like",
    "Island",
    "stress",
    "Ailments",
    "data",
    "moment",
    "in",
    "to",
    "melancholy",
    "depression",
    "Long-term",
    "irregular",
    "woodland",
    "framework",
    "don't",
]


@given(st.lists(st.sampled_from(_WORDS + [".", ",", "\n", ": "]), max_size=60))
@settings(max_examples=60, deadline=None)
def test_spans_are_ordered_disjoint_and_point_at_their_text(stage, pieces):
    text = " ".join(pieces)
    result = with_config(stage, threshold_offset=-0.4).detect(text)
    previous_end = 0
    for span in result.spans:
        assert previous_end <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
        assert 0.0 <= span.score <= 1.0
        previous_end = span.end
    assert 0.0 <= result.score <= 1.0
