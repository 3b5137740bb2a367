"""Related-article lists: the heading and the titles under it, by structure."""

from tests.stages.boilerplate_rules.pages import PROSE, PROSE_2, clean, rules


def test_titles_under_a_related_heading_go_with_it_whatever_their_case():
    text = (f"{PROSE}\n\n{PROSE_2}\n\nRead next\nwhy the tide tables changed in 2019\n"
            "A ferry captain on thirty years of fog\nNew bridge opens: what commuters need to know")
    doc = clean(text)
    assert doc.text == f"{PROSE}\n\n{PROSE_2}"
    assert rules(doc) == ["related_content"] + ["related_list"] * 3


def test_a_heading_naming_the_site_opens_a_list_when_titles_follow_it():
    text = (f"{PROSE}\n\n{PROSE_2}\n\nMore from The Quay Gazette\nTown votes on parking charges again\n"
            "Lifeboat volunteers honoured at the palace")
    assert clean(text).text == f"{PROSE}\n\n{PROSE_2}"


def test_a_heading_naming_the_site_before_prose_is_left_alone():
    text = f"{PROSE}\n\nMore from The Quay Gazette\n{PROSE_2}"
    assert clean(text).text == text


def test_titles_past_a_blank_line_go_only_while_they_read_as_titles():
    text = (f"{PROSE}\n\n{PROSE_2}\n\nRelated Stories\n\nTown votes on parking charges again\n\n"
            "thanks for reading, see you next week")
    doc = clean(text)
    assert "Town votes" not in doc.text and "thanks for reading" in doc.text


def test_a_headless_block_of_titles_in_the_tail_is_a_related_list():
    text = (f"{PROSE}\n\n{PROSE_2}\n\nTown votes on parking charges again\n"
            "Lifeboat volunteers honoured at the palace\nWhy the old lighthouse is for sale")
    doc = clean(text)
    assert doc.text == f"{PROSE}\n\n{PROSE_2}" and set(rules(doc)) <= {"related_list", "related_tail"}


def test_a_closing_list_of_short_items_or_verse_stays():
    for ending in ("Bring along:\n- A Warm Coat\n- Sturdy Boots\n- A Flask of Tea",
                   "The tide goes out and the boats lie still\nand gulls come down to the sand"):
        text = f"{PROSE}\n\n{PROSE_2}\n\n{ending}"
        assert clean(text).text == text, ending


def test_a_lone_title_case_closing_line_is_the_article_s_own():
    text = f"{PROSE}\n\n{PROSE_2}\n\nMARA SOLE IS OUR HARBOUR CORRESPONDENT"
    assert clean(text).text == text


def test_a_title_case_line_among_other_tail_furniture_goes():
    text = f"{PROSE}\n\n{PROSE_2}\n\nLeave a Reply\n\nNew Ferry Timetable Announced"
    assert clean(text).text == f"{PROSE}\n\n{PROSE_2}"
