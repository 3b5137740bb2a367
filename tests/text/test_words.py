from pipeline.text import fold_case, tokens, word_spans, words, words_and_marks


def test_words_are_runs_of_word_characters():
    assert words("Hello, world! It's 2024.") == ["Hello", "world", "It", "s", "2024"]


def test_word_spans_are_offsets_into_the_text():
    text = "  one, two"
    assert [text[start:end] for start, end in word_spans(text)] == ["one", "two"]
    assert word_spans(text) == [(2, 5), (7, 10)]


def test_combining_marks_stay_inside_their_word():
    assert words("हिन्दी भाषा") == ["हिन्दी", "भाषा"]


def test_arabic_word_with_vowel_marks_is_one_word():
    assert words("العَرَبِيَّة لغة") == ["العَرَبِيَّة", "لغة"]


def test_other_numbers_belong_to_their_word():
    assert words("10 m² ½") == ["10", "m²", "½"]


def test_each_han_and_kana_character_is_a_word():
    assert words("日本語です") == ["日", "本", "語", "で", "す"]


def test_han_run_is_one_word_when_unspaced_scripts_are_not_split():
    assert words("中文 text", split_unspaced=False) == ["中文", "text"]


def test_thai_is_cut_into_character_clusters():
    # a letter with its marks and following vowel; a leading vowel goes with the next letter
    assert words("ภาษาไทย") == ["ภา", "ษา", "ไท", "ย"]
    assert words("เป็น") == ["เป็", "น"]


def test_mixed_script_text_keeps_latin_words_whole():
    assert words("iPhone 15 发布了") == ["iPhone", "15", "发", "布", "了"]


def test_tokens_are_whitespace_tokens_without_edge_punctuation():
    assert tokens('He said: "e.g. this," (twice).') == ["he", "said", "e.g", "this", "twice"]


def test_tokens_keep_symbols():
    assert tokens("### $5 #tag") == ["###", "$5", "#tag"]


def test_tokens_cut_unspaced_characters_and_drop_their_full_stops():
    assert tokens("中文，好。 ok") == ["中", "文", "好", "ok"]
    assert tokens("မြန်မာ။") == list("မြန်မာ")


def test_tokens_keep_a_latin_part_glued_to_han():
    assert tokens("iPhone发布") == ["iphone", "发", "布"]


def test_no_words_in_punctuation_only_text():
    assert words("... -- !!") == []
    assert tokens("... -- !!") == []


def test_words_and_marks_puts_the_marks_and_line_breaks_between_the_words():
    assert words_and_marks("Hi, you (there)!\nNext", ",()!") == ["Hi", ",", "you", "(", "there", ")", "!",
                                                                  "\n", "Next"]
    assert words_and_marks("东京。Ok", ".") == ["东", "京", "Ok"]


def test_fold_case_folds_case_and_compatibility_forms():
    assert fold_case("ﬁne STRASSE Straße") == "fine strasse strasse"
