import numpy as np

from pipeline.dedup.config import DedupConfig
from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.resolve import (
    EXACT,
    NEAR,
    Candidates,
    compare,
    decide,
    find_candidates,
    matched_pairs,
    resolve,
)
from pipeline.dedup.survivors import SurvivorFacts

CONFIG = DedupConfig()
FINGERPRINTER = Fingerprinter(CONFIG)
BASE = " ".join(f"Survey {n} counted {n * 7} limpets at Carrow Point beside the Marrick jetty."
                for n in range(30))


def table(texts: dict[str, str], lengths: dict[str, int] | None = None,
          previous: frozenset[str] = frozenset()):
    lengths = lengths or {}
    facts = [SurvivorFacts(doc_id, 0.0, 0.0, lengths.get(doc_id, len(text)), f"{doc_id}.txt", 0,
                           doc_id in previous) for doc_id, text in texts.items()]
    return FINGERPRINTER.fingerprint(list(texts.values())), facts


def test_compare_tells_exact_from_near():
    rows, _ = table({"a": BASE, "b": BASE.upper(), "c": "Reposted. " + BASE})
    assert compare(rows, 0, 1, CONFIG) == (EXACT, 1.0)
    kind, jaccard = compare(rows, 0, 2, CONFIG)
    assert kind == NEAR and jaccard > 0.9


def test_unrelated_texts_do_not_match():
    other = " ".join(f"Orchard row {n} gave {n * 3} crates of quince to the Pellow cider barn."
                     for n in range(30))
    rows, _ = table({"a": BASE, "b": other})
    assert compare(rows, 0, 1, CONFIG) is None
    assert resolve(rows, _, CONFIG).decisions == []


def test_cluster_keeps_longest_and_lists_removed_copies():
    rows, facts = table({"short": BASE, "long": BASE + " Updated.", "exact": BASE.lower()})
    [decision] = resolve(rows, facts, CONFIG).decisions
    assert facts[decision.survivor].id == "long"
    assert sorted(facts[r.position].id for r in decision.removals) == ["exact", "short"]


def test_earlier_run_document_survives_and_is_not_removed_itself():
    rows, facts = table({"earlier": BASE, "today": BASE + " More text here."}, {"earlier": 1},
                        frozenset({"earlier"}))
    [decision] = resolve(rows, facts, CONFIG).decisions
    assert facts[decision.survivor].id == "earlier"
    assert [facts[r.position].id for r in decision.removals] == ["today"]


def test_decisions_do_not_depend_on_row_order():
    texts = {"a": BASE, "b": "Reposted. " + BASE, "c": BASE + " Thanks."}
    survivors = []
    for order in (list(texts), list(reversed(texts))):
        rows, facts = table({key: texts[key] for key in order})
        survivors.append(facts[resolve(rows, facts, CONFIG).decisions[0].survivor].id)
    assert survivors[0] == survivors[1]


def test_candidates_found_elsewhere_are_verified_before_they_join():
    other = " ".join(f"Orchard row {n} gave {n * 3} crates of quince to the Pellow cider barn."
                     for n in range(30))
    rows, facts = table({"a": BASE, "b": other, "c": "Reposted. " + BASE})
    pairs = np.array([0, 0]), np.array([1, 2])  # (a, b) is no copy, (a, c) is
    no_spin = np.empty(0, dtype=np.int64)
    edges = matched_pairs(rows, CONFIG, Candidates(*pairs, no_spin, no_spin))
    assert list(zip(edges.first.tolist(), edges.second.tolist(), strict=True)) == [(0, 2)]
    [decision] = decide(rows, facts, edges, CONFIG).decisions
    assert sorted([decision.survivor] + [r.position for r in decision.removals]) == [0, 2]


def test_resolve_is_find_candidates_then_matched_pairs_then_decide():
    rows, facts = table({"a": BASE, "b": "Reposted. " + BASE, "c": BASE.lower()})
    edges = matched_pairs(rows, CONFIG, find_candidates(rows, CONFIG))
    assert decide(rows, facts, edges, CONFIG) == resolve(rows, facts, CONFIG)
