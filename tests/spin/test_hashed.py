"""Counts and sets kept as sorted key hashes."""

from __future__ import annotations

from pipeline.spin.hashed import HashedCounts, key_hash


def test_counts_are_found_by_key_and_absent_keys_give_the_default():
    table = HashedCounts.from_counts({"chronic pain": 900, "heart attack": 700, "a": 5})
    assert table.get("chronic pain") == 900 and table.get("heart attack") == 700
    assert table.get("continual soreness") == 0 and table.get("continual soreness", -1) == -1
    assert table.smallest() == 5 and len(table) == 3


def test_a_set_of_keys_answers_membership_only():
    table = HashedCounts.from_keys(["decision tree", "kidney disease", "decision tree"])
    assert "decision tree" in table and "choice tree" not in table and len(table) == 2


def test_the_key_hash_is_the_same_in_every_process():
    # BLAKE2b of the UTF-8 bytes, not Python's per-process `hash()`
    # (the built tables would be unreadable by another process otherwise): a fixed value
    assert key_hash("chronic pain") == -4696263993986717578
    assert key_hash("chronic pain") != key_hash("chronic paint")
