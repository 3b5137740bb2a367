"""Link-dense lines: a menu goes, a citation, a quoted URL in code or a table row stays."""

from pipeline.document import Link
from pipeline.stages.spam_rules.html_links import link_dense_spans


def dense(text, anchors):
    links = [Link(href=f"https://example.org/{n}", text=a) for n, a in enumerate(anchors)]
    return [text[s.start : s.end].strip() for s in link_dense_spans(text, links)]


def test_a_run_of_menu_lines_goes():
    text = "Opening prose of the page.\nHarbour News\nFerry Times\nTide Tables\nClosing prose."
    menu = ["Harbour News", "Ferry Times", "Tide Tables"]
    assert dense(text, menu) == ["\n".join(menu)]


def test_citations_with_quoted_titles_stay():
    text = '^ "Harbour wall report".\n^ "Ferry timetable review".\n^ "Tide gauge data, 2019".'
    assert dense(text, ["Harbour wall report", "Ferry timetable review", "Tide gauge data, 2019"]) == []


def test_table_rows_with_words_of_their_own_stay():
    titles = ["The Long Tide of the Northern Harbour and the Last Ferry Crews of the Coast",
              "Harbour Lights over the Old Fishing Town and All of Its Long Winter Storms",
              "Salt Roads Across the Grey Marshes to the Old Lighthouse at the Very End"]
    text = "\n".join(f"{title} | 2006 | A TV film of it." for title in titles)
    assert dense(text, titles) == []
    assert dense("\n".join(titles), titles) != []  # the same anchors alone are a link list
