from pipeline.text import TERMINAL_PUNCTUATION, ends_sentence, sentence_spans


def sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text)]


def test_sentences_end_at_a_full_stop_and_a_space():
    assert sentences("It rained. We stayed in! Why?") == ["It rained.", "We stayed in!", "Why?"]


def test_a_decimal_is_not_a_sentence_end():
    assert sentences("It costs 3.50 euros. Cheap.") == ["It costs 3.50 euros.", "Cheap."]


def test_an_abbreviation_before_a_name_is_not_a_sentence_end():
    assert sentences("Dr. Smith met Mr. Jones. They talked.") == ["Dr. Smith met Mr. Jones.", "They talked."]


def test_initials_are_not_sentence_ends():
    assert sentences("J. K. Rowling wrote it.") == ["J. K. Rowling wrote it."]


def test_a_number_abbreviation_is_an_end_unless_a_number_follows():
    assert sentences("See No. 5 here. I said no. Then we left.") == [
        "See No. 5 here.", "I said no.", "Then we left."]


def test_a_lower_case_word_after_a_mark_continues_the_sentence():
    assert sentences("We met at 10 a.m. on Monday. Fine.") == ["We met at 10 a.m. on Monday.", "Fine."]


def test_closing_quotes_stay_with_their_sentence():
    assert sentences('He said "Go." She went.') == ['He said "Go."', "She went."]


def test_a_line_break_ends_a_sentence():
    assert sentences("A heading\nThe text. More") == ["A heading", "The text.", "More"]


def test_cjk_full_stops_end_sentences_without_a_space():
    assert sentences("今天下雨。我们在家！为什么？") == ["今天下雨。", "我们在家！", "为什么？"]


def test_arabic_and_devanagari_marks_end_sentences():
    assert sentences("هل أنت بخير؟ نعم") == ["هل أنت بخير؟", "نعم"]
    assert sentences("यह अच्छा है। वह भी") == ["यह अच्छा है।", "वह भी"]


def test_a_url_is_not_cut_at_its_dots():
    assert sentences("Visit www.example.com today.") == ["Visit www.example.com today."]


def test_ends_sentence_allows_closers_and_spaces_after_the_mark():
    assert ends_sentence("(as he said.) ")
    assert ends_sentence("完成了。")
    assert not ends_sentence("A title")
    assert not ends_sentence("Price: 3.5 kg")


def test_terminal_punctuation_accepts_a_bare_closing_quote():
    assert '“A quoted line”'.endswith(TERMINAL_PUNCTUATION)
    assert not ends_sentence("“A quoted line”")
