"""The side-by-side view puts every removed span where it was in the input, whatever edits
followed, and marks spun spans in the output with their likely original."""

from pipeline.document import Document, Replacement, Source
from pipeline.report.spans import input_html, output_html, pieces_of


def edited(text, *steps):
    doc = Document(id="a" * 24, text=text, source=Source("a.txt", 0, "0" * 64, "txt"))
    for stage, replacements in steps:
        doc.apply(replacements, stage)
    return doc, [{"stage": e.stage, "rule": e.rule, "start": e.start, "end": e.end, "removed": e.removed,
                  "inserted": e.inserted} for e in doc.edits]


def test_pieces_rebuild_both_the_input_and_the_output():
    text = "Title\n1,234 views\nBody text. Buy pills now. End."
    doc, edits = edited(text, ("boilerplate", [Replacement(6, 18, "view_counter")]),
                        ("spam", [Replacement(17, 32, "spam_anchor", "")]))
    pieces = pieces_of(doc.text, edits)
    assert "".join(p.text for p in pieces if p.inserted_by is None) == text
    assert "".join(p.text for p in pieces if p.live) == doc.text
    assert [(p.text, p.removed_by) for p in pieces if p.removed_by] == [
        ("1,234 views\n", "boilerplate/view_counter"), ("Buy pills now. ", "spam/spam_anchor")]


def test_a_span_removed_after_an_earlier_edit_is_placed_in_input_coordinates():
    doc, edits = edited("AAA bbb CCC ddd", ("one", [Replacement(0, 4, "first")]),
                        ("two", [Replacement(4, 8, "second", "X ")]))  # "CCC " in the edited text
    html = input_html(pieces_of(doc.text, edits), {"one/first": 0, "two/second": 1})
    assert html == ('<del class="c0" title="removed by one/first">AAA </del>bbb '
                    '<del class="c1" title="removed by two/second">CCC </del>ddd')


def test_output_marks_inserted_text_and_spun_spans_with_their_likely_original():
    doc, edits = edited("chronic pain & more", ("normalize", [Replacement(13, 14, "entity", "and")]))
    spans = [{"start": 0, "end": 12, "text": "chronic pain", "likely": "chronic pain", "score": 0.9}]
    html = output_html(pieces_of(doc.text, edits), spans, {"normalize/entity": 0})
    assert html.startswith('<mark class="spin" title="spun (word score 0.90); likely original: chronic pain">'
                           'chronic pain</mark><span class="likely">chronic pain</span>')
    assert '<ins class="c0" title="inserted by normalize/entity">and</ins>' in html


def test_text_without_edits_comes_through_as_it_is():
    pieces = pieces_of("Plain <text> & nothing else.", [])
    assert input_html(pieces, {}) == output_html(pieces, [], {}) == "Plain &lt;text&gt; &amp; nothing else."
