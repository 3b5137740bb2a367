"""The spinner swap table: learnt word swaps, odds, and its file format."""

from __future__ import annotations

from pipeline.spin.swaps import build_swap_table, format_swap_table, parse_swap_table

PAIRS = [
    ("electronic voting framework", "electronic voting system"),
    ("working framework", "operating system"),
    ("irregular woodland", "random forest"),
    ("graphics preparing unit", "graphics processing unit (gpu)"),
]


def test_aligned_words_that_differ_are_the_spinners_swaps():
    table = build_swap_table(PAIRS)
    assert table.originals("framework") == (("system", 2),)
    assert table.originals("irregular") == (("random", 1),)
    assert table.originals("voting") == ()  # kept by the spinner


def test_spinner_words_have_positive_odds_and_term_words_negative():
    table = build_swap_table(PAIRS)
    assert table.spinner_odds("framework") > 0
    assert table.spinner_odds("system") < 0
    assert table.spinner_odds("unseen") == 0.0


def test_an_inflected_word_reads_the_entry_of_its_stem():
    table = build_swap_table(PAIRS)
    assert table.spinner_odds("frameworks") == table.spinner_odds("framework")


def test_phrases_of_other_lengths_count_their_unshared_words_as_swaps():
    table = build_swap_table(PAIRS)
    assert table.entries["preparing"].spun == 1
    assert table.entries["graphics"].spun == 0


def test_format_and_parse_give_the_same_table():
    table = build_swap_table(PAIRS * 2)
    again = parse_swap_table("# header\n" + format_swap_table(table))
    assert again.originals("framework") == table.originals("framework")
    assert again.spinner_odds("framework") == table.spinner_odds("framework")
