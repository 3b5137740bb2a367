"""Whole-line removal: the separators that go with a removed line, and replay."""

from hypothesis import given
from hypothesis import strategies as st

from pipeline.document import apply_replacements, revert
from pipeline.stages.boilerplate_rules.lines import Span, line_removals, split_lines


def remove_lines(text, numbers, rule="x"):
    lines = split_lines(text)
    spans = [Span(lines[n].start, lines[n].end, rule, 1.0) for n in numbers]
    result, _ = apply_replacements(text, line_removals(text, spans), "t")
    return result


def test_removed_paragraph_takes_one_blank_line_with_it():
    assert remove_lines("A\n\nX\n\nB", [2]) == "A\n\nB"


def test_removed_line_between_single_breaks_leaves_one_break():
    assert remove_lines("A\nX\nB", [1]) == "A\nB"


def test_larger_separator_survives_removal():
    assert remove_lines("A\nX\n\nB", [1]) == "A\n\nB"
    assert remove_lines("A\n\nX\nB", [2]) == "A\n\nB"


def test_removed_first_lines_leave_no_leading_blank():
    assert remove_lines("X\n\nY\n\nA", [0, 2]) == "A"


def test_removed_last_lines_keep_the_final_newline_only():
    assert remove_lines("A\n\nX\n\nY\n", [2, 4]) == "A\n"
    assert remove_lines("A\r\n\r\nX", [2]) == "A"


def test_each_removed_line_is_its_own_edit_with_its_rule():
    text = "A\n\nX\n\nY\n\nB"
    lines = split_lines(text)
    spans = [Span(lines[2].start, lines[2].end, "one", 1.0), Span(lines[4].start, lines[4].end, "two", 1.0)]
    result, edits = apply_replacements(text, line_removals(text, spans), "t")
    assert result == "A\n\nB"
    assert [(e.rule, e.removed) for e in edits] == [("one", "X\n\n"), ("two", "Y\n\n")]


line_text = st.sampled_from(["Alpha beta.", "Gamma", "", "  ", "Delta epsilon zeta."])


def blank_runs(text):
    """(leading blank lines, longest run of blank lines between content, trailing blank lines)."""
    lines = text.split("\n")
    content = [i for i, line in enumerate(lines) if line.strip()]
    if not content:
        return 0, 0, 0
    longest = current = 0
    for line in lines[content[0] : content[-1] + 1]:
        current = current + 1 if not line.strip() else 0
        longest = max(longest, current)
    return content[0], longest, len(lines) - 1 - content[-1]


@given(st.lists(line_text, min_size=1, max_size=12), st.data())
def test_line_removal_is_replayable_and_piles_up_no_blank_lines(lines, data):
    text = "\n".join(lines)
    content = [i for i, line in enumerate(lines) if line.strip()]
    chosen = data.draw(st.lists(st.sampled_from(content), unique=True) if content else st.just([]))
    spans = [Span(split_lines(text)[i].start, split_lines(text)[i].end, "x", 1.0) for i in chosen]
    result, edits = apply_replacements(text, line_removals(text, spans), "t")
    assert revert(result, edits) == text
    kept = [line for i, line in enumerate(lines) if line.strip() and i not in chosen]
    assert [line for line in result.split("\n") if line.strip()] == kept
    assert all(after <= before for after, before in zip(blank_runs(result), blank_runs(text), strict=True))
