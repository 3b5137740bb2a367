import math

from hypothesis import given
from hypothesis import strategies as st

from pipeline.dedup.survivors import SurvivorFacts, choose_survivor, score_of


def facts(doc_id: str, spam=0.0, spin=0.0, length=100, path="a.txt", record=0, previous=False):
    return SurvivorFacts(doc_id, spam, spin, length, path, record, previous)


def test_least_spam_and_spin_beats_longer_text():
    clean, spammy = facts("clean", length=100), facts("spammy", spam=0.4, length=900)
    assert choose_survivor([spammy, clean]).id == "clean"


def test_spin_counts_like_spam():
    assert choose_survivor([facts("spun", spin=0.3, length=500), facts("plain", length=400)]).id == "plain"


def test_noise_level_score_difference_falls_through_to_length():
    members = [facts("short", spam=0.001, length=100), facts("long", spam=0.004, length=300)]
    assert choose_survivor(members).id == "long"


def test_equal_quality_and_length_earliest_source_then_record_then_id():
    assert choose_survivor([facts("x", path="b.txt"), facts("y", path="a.txt")]).id == "y"
    assert choose_survivor([facts("x", record=2), facts("y", record=1)]).id == "y"
    assert choose_survivor([facts("b"), facts("a")]).id == "a"


def test_document_kept_in_an_earlier_run_survives():
    earlier = facts("earlier", spam=0.5, length=10, previous=True)
    assert choose_survivor([facts("better", length=1000), earlier]).id == "earlier"


def test_choice_does_not_depend_on_arrival_order():
    members = [facts("a", length=5), facts("b", length=9), facts("c", spam=0.2, length=50)]
    assert choose_survivor(members).id == choose_survivor(list(reversed(members))).id == "b"


def test_score_of_reads_score_dicts_and_treats_missing_or_nan_as_zero():
    assert score_of({"score": 0.25}) == 0.25
    assert score_of({}) == 0.0
    assert score_of(None) == 0.0
    assert score_of({"score": math.nan}) == 0.0


@given(st.lists(st.tuples(st.floats(0, 1), st.floats(0, 1), st.integers(1, 10_000), st.integers(0, 5)),
                min_size=1, max_size=8, unique_by=lambda row: row[3]), st.randoms())
def test_survivor_is_the_same_for_any_arrival_order(rows, random):
    members = [facts(f"id{record}", spam, spin, length, "p.txt", record)
               for spam, spin, length, record in rows]
    shuffled = list(members)
    random.shuffle(shuffled)
    assert choose_survivor(shuffled) == choose_survivor(members)
