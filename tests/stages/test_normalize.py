import unicodedata

import ftfy
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document, Source, revert
from pipeline.stages.normalize import Normalizer, NormalizerConfig


def normalize(text, **settings):
    doc = Document(id="d", text=text, source=Source("a.txt", 0, "0" * 64, "txt"))
    return Normalizer(NormalizerConfig(**settings)).process(doc)


def test_mojibake_is_repaired_and_recorded():
    doc = normalize("The cafÃ© was closed.\nSecond line stays.")
    assert doc.text == "The café was closed.\nSecond line stays."
    assert [(e.rule, e.removed, e.inserted) for e in doc.edits] == [("unicode_repair", "Ã©", "é")]


def test_clean_text_gets_no_edit():
    text = "Plain text with “curly quotes”, an em dash — and naïve accents.\n"
    doc = normalize(text)
    assert doc.text == text and doc.edits == []


def test_decomposed_accents_are_composed():
    doc = normalize("cafe\u0301")
    assert doc.text == "café"
    assert revert(doc.text, doc.edits) == "cafe\u0301"


def test_curly_quotes_are_straightened_only_when_configured():
    assert normalize("“hi”", uncurl_quotes=True).text == '"hi"'
    assert normalize("“hi”").text == "“hi”"


def test_html_entities_left_in_text_are_decoded():
    assert normalize("Fish &amp; chips").text == "Fish & chips"


@settings(max_examples=300)
@given(st.text(alphabet=st.characters(max_codepoint=0x7F), max_size=200))
def test_the_ascii_fast_path_gives_what_ftfy_gives(text):
    # the stage skips ftfy on plain ASCII lines: it must be exactly what ftfy would do
    fixed = [ftfy.fix_text(line, uncurl_quotes=False, normalization=None) for line in text.splitlines(True)]
    expected = "".join(unicodedata.normalize("NFC", line) for line in fixed)
    assert normalize(text).text == expected


def test_control_characters_and_entities_in_ascii_lines_are_still_repaired():
    assert normalize("Tom &amp; Jerry\x07\nnext line\n").text == "Tom & Jerry\nnext line\n"
