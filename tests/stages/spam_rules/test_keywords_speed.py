"""The look that spares compiling a page's phrase pattern must never hide a match."""

import sys
import unicodedata
from re import _casefix

from pipeline.stages.spam_rules.keywords import CASE_FOLDING_SPECIALS, keyword_injection_spans
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary


def test_case_folding_specials_are_every_character_folding_to_ascii():
    found = set()
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if any(ord(c) < 128 for c in char.lower()) or any(ord(c) < 128 for c in char.upper()):
            found.add(char)
    for code in range(128):
        found.update(chr(other) for other in _casefix._EXTRA_CASES.get(code, ()) if other >= 128)
    assert found == set(CASE_FOLDING_SPECIALS), unicodedata.unidata_version


def test_title_in_running_text_found_with_a_long_s_in_the_page():
    vocabulary = SpamVocabulary.load()
    text = "Intro\nrecent estimates show What is ketamine for million adults in the ſtudy.\n"
    spans = keyword_injection_spans(text, "What is ketamine for", vocabulary)
    assert [text[s.start : s.end].strip() for s in spans] == ["What is ketamine for"]
