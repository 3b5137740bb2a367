"""Breadcrumb trails, account-link rows and bylines without labels."""

from tests.stages.boilerplate_rules.pages import PROSE, PROSE_2, clean, rules


def test_a_trail_ending_in_a_long_headline_goes():
    for trail in ("Home › Coast › Why the harbour wall took six years and three councils to rebuild",
                  "You are here: Start » Local » Ferry timetable changes: what it means for island schools",
                  "The Quay Gazette > Local > Is the lighthouse really for sale?"):
        assert rules(clean(f"{trail}\n\n{PROSE}\n\n{PROSE_2}")) == ["breadcrumb"], trail


def test_slashes_between_lower_case_clauses_are_prose():
    text = f"{PROSE}\n\nWe tried it / it failed / then the tide came in and ruined everything!\n\n{PROSE_2}"
    assert clean(text).text == text


def test_rows_of_account_links_go():
    for row in ("Create an account or sign in", "My account · Log out", "Already a member? Log in"):
        assert rules(clean(f"{PROSE}\n\n{row}\n\n{PROSE_2}")) == ["account_links"], row
    assert rules(clean(f"Register | Subscribe\n\n{PROSE}\n\n{PROSE_2}")) != []


def test_a_sentence_about_signing_in_stays():
    text = f"{PROSE}\n\nResidents can sign in at the library to register for the ferry pass.\n\n{PROSE_2}"
    assert clean(text).text == text


def test_a_name_and_date_line_without_label_goes_at_the_head():
    doc = clean(f"Ines Duarte · 4 March 2022 · 09:15\n\n{PROSE}\n\n{PROSE_2}")
    assert rules(doc) == ["byline"]


def test_a_headline_that_asks_does_not_hide_the_furniture_under_it():
    title = "Is the lighthouse really for sale?"
    doc = clean(f"{title}\n\nIres Duarte · 4 March 2022\n\n{PROSE}\n\n{PROSE_2}", title=title)
    assert rules(doc) == ["byline"] and doc.text.startswith(title)


TITLE = "Ferry fares rise for the third winter running"


def test_a_trail_of_any_separator_ending_in_the_page_title_goes():
    for trail in (f"Home · Coast · {TITLE}", f"Coast / {TITLE}", f"Front page ~ Coast ~ {TITLE}"):
        doc = clean(f"{trail}\n\n{TITLE}\n\n{PROSE}\n\n{PROSE_2}", title=TITLE)
        assert rules(doc) == ["breadcrumb"], trail


def test_the_headline_whose_last_part_is_a_title_stays():
    title = f"Island news - {TITLE}"
    text = f"{title}\n\n{PROSE}\n\n{PROSE_2}"
    assert clean(text, title=title).text == text


def test_a_sentence_quoting_the_title_after_a_dash_stays():
    text = f"{PROSE}\n\nThe editor had one headline in mind - {TITLE}\n\n{PROSE_2}"
    assert clean(text, title=TITLE).text == text
