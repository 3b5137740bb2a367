from pipeline.dedup.tokens import (
    BREAK,
    CAPITALISED,
    MARK,
    NUMBER,
    SHORT,
    TOKENISER,
    WORD,
    Vocabulary,
    function_words,
    stable_hash,
)
from pipeline.dedup.tokens import tokenise as tokens
from pipeline.text import WORD_MODEL, words


def test_words_marks_and_line_breaks_are_tokens_and_other_symbols_are_not():
    assert tokens("Don't panic, it's 2019!\n€5 — ok") == ["Don", "t", "panic", ",", "it", "s", "2019", "!",
                                                          "\n", "5", "ok"]


def test_chinese_and_japanese_are_read_one_character_at_a_time():
    assert tokens("北京市发布报告。") == ["北", "京", "市", "发", "布", "报", "告"]
    assert tokens("東京でカレーを食べた") == list("東京でカレーを食べた")


def test_thai_is_read_one_character_cluster_at_a_time():
    assert tokens("กรุงเทพ เมือง") == ["ก", "รุ", "ง", "เท", "พ", "เมื", "อ", "ง"]


def test_the_words_are_the_text_models_words():
    text = "Zoë's snake_case ﬁne (2019): 北京。"
    assert [token for token in tokens(text) if token not in '.,;:!?()"\n'] == words(text.replace("ﬁ", "fi"))


def test_the_tokeniser_is_named_after_the_text_model():
    assert TOKENISER == WORD_MODEL


def test_combining_marks_stay_inside_their_word():
    assert tokens("नमस्ते दुनिया") == ["नमस्ते", "दुनिया"]
    assert tokens("Zoë cafe\u0301") == ["Zoë", "caf\u00e9"]  # composed by NFKC


def test_hash_is_stable_and_takes_lone_surrogates():
    assert stable_hash("kelp") == stable_hash("kelp") != stable_hash("Kelp")
    assert isinstance(stable_hash("\ud800"), int)


def test_vocabulary_folds_case_and_marks_kinds_and_function_words():
    vocabulary = Vocabulary(("en", "de"), 100)
    vocabulary.begin()
    the, upper, berlin, year, comma, line, und = vocabulary.encode(
        ["the", "THE", "Berlin", "2019", ",", "\n", "und"])
    assert vocabulary.hashes[the] == vocabulary.hashes[upper]
    assert vocabulary.kinds[berlin] == WORD | CAPITALISED
    assert vocabulary.kinds[year] == WORD | NUMBER
    assert vocabulary.kinds[comma] & MARK and vocabulary.kinds[line] & BREAK
    assert vocabulary.kinds[the] & SHORT == 0 and vocabulary.kinds[vocabulary.encode(["of"])[0]] & SHORT
    assert vocabulary.function[the] == 1 and vocabulary.function[und] == 2  # bit 0 en, bit 1 de
    assert vocabulary.function[berlin] == 0


def test_function_word_lists_hold_closed_class_words_only():
    lists = function_words()
    assert {"en", "de", "fr", "es"} <= lists.keys()
    assert {"the", "of", "and"} <= lists["en"] and not {"house", "run", "quickly"} & lists["en"]
