"""The report's facts are small aggregates that merge to the same result however the
documents were split into shards."""

from pipeline.document import Document, Drop, Edit, Reason, Source, document_id
from pipeline.report.facts import SAMPLES_PER_KIND, TOP_LINES, ReportFacts, line_key


def doc(number, edits=(), spin_spans=(), lang="en"):
    document = Document(id=document_id(f"{number}.txt", "0" * 64, 0), text=f"text {number} " * 20,
                        source=Source(f"{number}.txt", 0, "0" * 64, "txt"), edits=list(edits))
    document.lang = {"code": lang, "score": 0.99}
    document.spin = {"score": (number % 10) / 10, "spans": list(spin_spans)}
    document.spam = {"score": 0.0}
    document.quality = {"words": 40 + number, "alpha_word_fraction": 0.9}
    return document


def gather(numbers):
    facts = ReportFacts()
    for number in numbers:
        edit = Edit("boilerplate", "view_counter", 0, 0, f"{number} views\nShare this\n")
        facts.add_kept(doc(number, edits=[edit] if number % 2 else []))
        if number % 3 == 0:
            facts.add_rejected(f"{number:024x}", doc(number).source, "quality",
                               Drop(Reason.LOW_QUALITY, {"message": "short"}), "short", doc(number))
    return facts


def test_shards_merged_give_the_facts_of_one_pass():
    whole = gather(range(60))
    merged = ReportFacts()
    for start in range(0, 60, 7):
        merged.merge(gather(range(start, min(start + 7, 60))))
    assert merged.to_json() == whole.to_json()


def test_the_sample_is_the_smallest_ids_of_each_kind():
    facts = gather(range(60))
    untouched = sorted(doc(n).id for n in range(60) if n % 2 == 0)
    assert [s["id"] for s in facts.samples["untouched"]] == untouched[:SAMPLES_PER_KIND]
    assert len(facts.samples["rejected: low_quality"]) == 1


def test_removed_lines_are_counted_with_digits_folded():
    facts = gather(range(10))
    assert facts.boilerplate_lines[("view_counter", "# views")] == 5
    assert facts.boilerplate_lines[("view_counter", "Share this")] == 5
    assert line_key("  Posted   17 May ") == "Posted # May"
    assert line_key("https://a1.example/2", fold_digits=False) == "https://a1.example/2"


def test_line_tables_stay_bounded():
    facts = ReportFacts()
    for number in range(TOP_LINES * 3):
        line = "line " + "".join(chr(ord("a") + int(digit)) for digit in str(number))  # no digits: distinct
        facts.add_kept(doc(number, edits=[Edit("boilerplate", "rule", 0, 0, line)]))
    assert len(facts.boilerplate_lines) == TOP_LINES * 3
    facts.merge(ReportFacts())
    assert len(facts.boilerplate_lines) == TOP_LINES


def test_facts_survive_a_round_trip_through_json():
    facts = gather(range(30))
    assert ReportFacts.from_json(facts.to_json()).to_json() == facts.to_json()


def test_languages_and_score_histograms_count_kept_and_rejected():
    facts = gather(range(9))
    assert facts.languages[("en", "kept")] == 9
    assert sum(count for (name, outcome, _), count in facts.histograms.items()
               if name == "spin.score" and outcome == "rejected") == 3
