from pipeline.text import Line, TextView, text_view, tokens


def test_lines_carry_offsets_and_leave_out_a_carriage_return():
    assert TextView("one\r\ntwo\n").lines == [Line(0, 3, "one"), Line(5, 8, "two"), Line(9, 9, "")]


def test_line_words_are_the_words_of_each_line():
    assert TextView("Hello world\n\n中文 ok").line_words == [["Hello", "world"], [], ["中文", "ok"]]


def test_words_are_case_folded_and_script_aware():
    assert TextView("Straße 中文").words == ["strasse", "中", "文"]


def test_tokens_of_the_view_equal_tokens_of_the_text():
    text = "First line, here.\n\n  Second: 中文。\u2028third"
    assert TextView(text).tokens == tokens(text)


def test_non_blank_lines_split_at_every_line_boundary():
    assert TextView("a\u2028b\n\n c ").non_blank_lines == ["a", "b", "c"]


def test_sentences_and_script_of_the_view():
    view = TextView("Hi there. Bye.")
    assert view.sentences == [(0, 9), (10, 14)]
    assert view.script == "latin"


def test_text_view_is_shared_for_an_equal_text():
    text = "Some text " * 3
    assert text_view(text) is text_view("".join(["Some text "] * 3))


def test_a_view_computes_a_part_once():
    view = TextView("a b")
    assert view.words is view.words
