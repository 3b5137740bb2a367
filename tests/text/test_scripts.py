from pipeline.text import dominant_script, is_unspaced, script_counts


def test_dominant_script_of_latin_text():
    assert dominant_script("The cat sat on the mat.") == "latin"


def test_dominant_script_of_chinese_text_with_latin_words():
    assert dominant_script("苹果公司发布了新的 iPhone") == "han"


def test_dominant_script_of_thai_arabic_and_cyrillic_text():
    assert dominant_script("ภาษาไทย") == "thai"
    assert dominant_script("اللغة العربية") == "arabic"
    assert dominant_script("Русский язык") == "cyrillic"


def test_no_script_without_letters():
    assert dominant_script("123 -- !!") is None


def test_script_counts_count_letters_only():
    assert script_counts("ab 12 中文") == {"latin": 2, "han": 2}


def test_unspaced_scripts_are_han_kana_and_southeast_asian():
    assert is_unspaced("中") and is_unspaced("か") and is_unspaced("ไทย")
    assert not is_unspaced("한국어") and not is_unspaced("word")
