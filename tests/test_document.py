from hypothesis import given
from hypothesis import strategies as st

from pipeline.document import Document, Edit, Replacement, Source, apply_replacements, replay, revert


def make_doc(text: str) -> Document:
    return Document(id="d", text=text, source=Source("a.txt", 0, "0" * 64, "txt"))


def test_apply_records_offsets_into_text_at_each_turn():
    doc = make_doc("aa BB cc DD ee")
    doc.apply([Replacement(3, 6, "r1"), Replacement(9, 12, "r2", "x")], stage="s")
    assert doc.text == "aa cc xee"
    recorded = [(e.start, e.end, e.removed, e.inserted) for e in doc.edits]
    assert recorded == [(3, 6, "BB ", ""), (6, 9, "DD ", "x")]


def test_replacement_that_changes_nothing_is_not_recorded():
    doc = make_doc("same")
    assert doc.apply([Replacement(0, 4, "noop", "same")], stage="s") == 0
    assert doc.edits == []


def test_overlapping_replacements_are_refused():
    import pytest

    with pytest.raises(ValueError):
        apply_replacements("abcdef", [Replacement(0, 3, "a"), Replacement(2, 4, "b")], "s")


def test_revert_detects_a_tampered_text():
    import pytest

    edits = [Edit("s", "r", 0, 3, "abc", "")]
    with pytest.raises(ValueError):
        revert("zzz", [Edit("s", "r", 0, 1, "q", "zz")] + edits)


def test_record_round_trip_keeps_every_field():
    doc = make_doc("hello")
    doc.apply([Replacement(0, 1, "cap", "H")], stage="s")
    doc.spin = {"score": 0.5, "spans": []}
    again = Document.from_record(doc.to_record())
    assert again.to_record() == doc.to_record()


@st.composite
def text_and_replacements(draw):
    text = draw(st.text(min_size=0, max_size=60))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    pairs = list(zip(cuts[::2], cuts[1::2], strict=False))
    inserted = draw(st.lists(st.text(max_size=5), min_size=len(pairs), max_size=len(pairs)))
    return text, [Replacement(a, b, "rule", ins) for (a, b), ins in zip(pairs, inserted, strict=True)]


@given(st.lists(text_and_replacements(), min_size=1, max_size=1), st.lists(st.integers(0, 3), max_size=3))
def test_reverting_recorded_edits_gives_the_input_text(first, more_rounds):
    """The contract: replaying edits in reverse on the output text rebuilds the input."""
    original, replacements = first[0]
    doc = make_doc(original)
    doc.apply(replacements, stage="one")
    for round_number, width in enumerate(more_rounds):
        # further stages edit the already-edited text
        end = min(len(doc.text), width * 2)
        doc.apply([Replacement(0, end, f"round{round_number}", "#" * width)], stage="two")
    assert revert(doc.text, doc.edits) == original
    assert replay(original, doc.edits) == doc.text


def test_revert_and_replay_take_edits_as_read_from_the_output():
    import json

    doc = make_doc("aa BB cc")
    doc.apply([Replacement(3, 6, "r1", "x")], stage="s")
    as_read = json.loads(json.dumps(doc.to_record()))["edits"]
    assert revert(doc.text, as_read) == "aa BB cc"
    assert replay("aa BB cc", as_read) == doc.text
