from pipeline.dedup.config import DedupConfig
from pipeline.dedup.fingerprint import Fingerprinter
from pipeline.dedup.resolve import EXACT, NEAR, compare, resolve
from pipeline.dedup.survivors import SurvivorFacts

CONFIG = DedupConfig()
FINGERPRINTER = Fingerprinter(CONFIG)
BASE = " ".join(f"Survey {n} counted {n * 7} limpets at Carrow Point beside the Marrick jetty."
                for n in range(30))


def entry(doc_id: str, text: str, length: int | None = None, previous: bool = False):
    length = len(text) if length is None else length
    facts = SurvivorFacts(doc_id, 0.0, 0.0, length, f"{doc_id}.txt", 0, previous)
    return FINGERPRINTER.fingerprint(text, facts)


def test_compare_tells_exact_from_near():
    assert compare(entry("a", BASE), entry("b", BASE.upper()), CONFIG) == (EXACT, 1.0)
    kind, jaccard = compare(entry("a", BASE), entry("b", "Reposted. " + BASE), CONFIG)
    assert kind == NEAR and jaccard > 0.9


def test_unrelated_texts_do_not_match():
    other = " ".join(f"Orchard row {n} gave {n * 3} crates of quince to the Pellow cider barn."
                     for n in range(30))
    assert compare(entry("a", BASE), entry("b", other), CONFIG) is None


def test_cluster_keeps_longest_and_lists_removed_copies():
    entries = [entry("short", BASE), entry("long", BASE + " Updated."), entry("exact", BASE.lower())]
    resolution = resolve(entries, CONFIG, FINGERPRINTER.hasher)
    [decision] = resolution.decisions
    assert entries[decision.survivor].facts.id == "long"
    assert sorted(entries[r.position].facts.id for r in decision.removals) == ["exact", "short"]


def test_earlier_run_document_survives_and_is_not_removed_itself():
    entries = [entry("earlier", BASE, length=1, previous=True), entry("today", BASE + " More text here.")]
    [decision] = resolve(entries, CONFIG, FINGERPRINTER.hasher).decisions
    assert entries[decision.survivor].facts.id == "earlier"
    assert [entries[r.position].facts.id for r in decision.removals] == ["today"]


def test_decisions_do_not_depend_on_entry_order():
    texts = {"a": BASE, "b": "Reposted. " + BASE, "c": BASE + " Thanks."}
    forward = [entry(k, v) for k, v in texts.items()]
    backward = list(reversed(forward))
    survivor = lambda entries: entries[resolve(entries, CONFIG, FINGERPRINTER.hasher).decisions[0].survivor]  # noqa: E731
    assert survivor(forward).facts.id == survivor(backward).facts.id
