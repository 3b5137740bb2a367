"""The line gates of the spam vocabulary: which lines are worth classifying word by word."""

from __future__ import annotations

from pipeline.stages.spam_rules.vocabulary import TermGate


def test_gate_opens_on_a_term_or_its_plural() -> None:
    gate = TermGate(["for sale", "casino"])
    assert gate.search("Houses for sale") and gate.search("two casinos") and not gate.search("a house")


def test_a_lowercase_term_opens_the_gate_only_in_lower_case() -> None:
    gate = TermGate(["cheap"], lowercase_terms=["Toronto", "Österreich"])
    assert gate.search("pills toronto") and gate.search("pillen österreich")
    assert not gate.search("Trials in Toronto ended.") and not gate.search("Ärzte in Österreich")
    assert gate.search("A cheap flight to Toronto")
