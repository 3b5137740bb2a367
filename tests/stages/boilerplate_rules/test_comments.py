"""Comment-count headers quoting the title, and the comment section they open."""

from tests.stages.boilerplate_rules.pages import PROSE, PROSE_2, clean

TITLE = "Why the harbour wall took six years and three councils to rebuild"


def test_a_comment_count_header_quoting_a_long_title_goes_anywhere():
    for header in (f"17 thoughts on “{TITLE}”", f"4 Replies to \"{TITLE}\"", f"One comment on {TITLE}"):
        doc = clean(f"{PROSE}\n\n{header}\n\n{PROSE_2}", title=TITLE)
        assert [e.rule for e in doc.edits] == ["comment_header"], header


def test_a_sentence_starting_with_a_count_of_comments_stays():
    text = f"{PROSE}\n\n12 comments on the proposal were received by the council before March.\n\n{PROSE_2}"
    assert clean(text).text == text


def test_comments_under_a_header_go_to_the_end_with_the_reply_form_after_them():
    text = (f"{PROSE}\n\n{PROSE_2}\n\n{PROSE}\n\n{PROSE_2}\n\n3 Responses to “{TITLE}”\n"
            "Ada Brook says:\nFinally some honest reporting.\nCancel reply")
    doc = clean(text, title=TITLE)
    assert doc.text == f"{PROSE}\n\n{PROSE_2}\n\n{PROSE}\n\n{PROSE_2}"


def test_a_comment_widget_far_from_any_commenter_opens_no_section():
    text = (f"{PROSE}\n\n{PROSE_2}\n\nComments\n\nHarbour dues rise in April\n\nNew dredger arrives\n\n"
            "Berth plans go to consultation\n\nNora Hale says:\n\nGood news at last.")
    assert "Harbour dues rise in April" in clean(text).text
