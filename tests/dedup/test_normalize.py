from hypothesis import given
from hypothesis import strategies as st

from pipeline.dedup.normalize import exact_key, fold_text, folded_key


def test_fold_removes_case_punctuation_and_extra_whitespace():
    assert fold_text("The  Tide-Pool,\n\tat DAWN!") == "the tide pool at dawn"


def test_fold_keeps_digits_and_word_order():
    assert fold_text("Route 66 opened in 1926.") == "route 66 opened in 1926"
    assert fold_text("dog bites man") != fold_text("man bites dog")


def test_fold_maps_compatibility_forms_and_symbols():
    assert fold_text("ﬁne café — 5€") == fold_text("fine CAFÉ 5")


def test_exact_key_equal_for_texts_differing_only_in_folded_characters():
    assert exact_key("Hello, world!\n\nSecond line.") == exact_key("hello world second   line")


def test_exact_key_differs_when_a_word_differs():
    assert exact_key("the harbour opens at nine") != exact_key("the harbour opens at ten")


def test_folded_key_is_exact_key_of_the_folded_text():
    text = "Some Text, with punctuation."
    assert folded_key(fold_text(text)) == exact_key(text)


@given(st.text())
def test_fold_is_idempotent(text):
    assert fold_text(fold_text(text)) == fold_text(text)
