"""`inspect` explains one record, kept or rejected, found by id or by input path."""

import json

import pytest

from pipeline.cli import main
from pipeline.config import config_from_dict
from pipeline.executor import LocalExecutor
from pipeline.inspect import explain
from pipeline.io.writers import read_jsonl_gz
from pipeline.runner import run

ARTICLE = ("The ferry timetable changes on Monday: the first boat leaves at six, the last at ten, "
           "and the harbour café opens an hour earlier to catch the early crossings. ")


def make_corpus(tmp_path, output_format="jsonl"):
    source = tmp_path / "in"
    source.mkdir()
    (source / "ferry.txt").write_text("Views: 1,234\n" + ARTICLE * 5)
    (source / "copy.txt").write_text(ARTICLE * 5)
    (source / "other.txt").write_text("A different page about a village fête and its cake stall. " * 6)
    (source / "news.txt").write_text("Views: 1,234\n" + "The council kept the library open on Sundays. " * 6)
    out = tmp_path / f"clean-{output_format}"
    settings = {"run": {"stages": ["normalize", "boilerplate", "dedup"], "output_format": output_format}}
    run(source, out, config_from_dict(settings), executor=LocalExecutor(1), progress=False)
    return source, out


def records(out, kind):
    parts = sorted((out / kind).glob("*.jsonl.gz"))
    return {r["source"]["path"]: r for path in parts for r in read_jsonl_gz(path)}


@pytest.fixture
def corpus(tmp_path):
    return make_corpus(tmp_path)[1]


def test_a_kept_document_shows_its_edits_scores_and_removed_copies(corpus):
    kept = next(iter(r for r in records(corpus, "documents").values() if r["dedup"]["duplicates"]))
    found = explain(corpus, kept["id"])
    assert found["outcome"] == "kept" and found["record"] == kept
    assert found["input"]["path"] == kept["source"]["path"] and found["input"]["run"] == 1
    [copy] = found["duplicates"]
    assert copy["id"] == kept["dedup"]["duplicates"][0]
    assert copy["reason"] in ("exact_duplicate", "near_duplicate")


def test_a_rejected_copy_names_its_survivor_and_where_it_is(corpus):
    [rejected] = records(corpus, "rejected").values()
    found = explain(corpus, rejected["id"])
    assert found["outcome"] == "rejected"
    survivor = found["survivor"]
    assert survivor["id"] == rejected["detail"]["duplicate_of"]
    assert survivor["record"]["part"] == "documents/part-00000.jsonl.gz"


def test_a_record_is_found_by_its_input_path_and_record_number(corpus):
    found = explain(corpus, None, "other.txt", 0)
    assert found["record"]["source"]["path"] == "other.txt"
    assert explain(corpus, None, "other.txt", 1) is None


def test_the_text_view_lists_every_edit_with_the_removed_text(corpus, capsys):
    news = records(corpus, "documents")["news.txt"]
    assert main(["inspect", "--output", str(corpus), news["id"]]) == 0
    shown = capsys.readouterr().out
    assert "news.txt record 0" in shown
    assert "boilerplate/view_counter" in shown and "'Views: 1,234\\n'" in shown


def test_json_output_is_one_object_for_scripts(corpus, capsys):
    assert main(["inspect", "--output", str(corpus), "--path", "other.txt", "--json"]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["outcome"] == "kept" and found["record"]["source"]["path"] == "other.txt"


def test_copies_removed_by_a_later_run_are_listed_with_their_survivor(tmp_path):
    source, out = make_corpus(tmp_path)
    (source / "later.txt").write_text("Reposted. " + ARTICLE * 5)
    run(source, out, config_from_dict({"run": {"stages": ["normalize", "boilerplate", "dedup"]}}),
        executor=LocalExecutor(1), progress=False)
    later = records(out, "rejected")["later.txt"]
    survivor = explain(out, later["detail"]["duplicate_of"])
    assert later["id"] in [copy["id"] for copy in survivor["duplicates"]]
    assert explain(out, later["id"])["survivor"]["kept_by_an_earlier_run"] is True


def test_parquet_corpora_are_inspected_too(tmp_path):
    _, out = make_corpus(tmp_path, "parquet")
    found = explain(out, None, "other.txt", 0)
    assert found["record"]["source"]["path"] == "other.txt"
    assert found["part"] == "documents/part-00000.parquet"


def test_unknown_ids_exit_1_and_folders_that_are_not_corpora_exit_2(corpus, tmp_path, capsys):
    assert main(["inspect", "--output", str(corpus), "f" * 24]) == 1
    (tmp_path / "thesis").mkdir()
    assert main(["inspect", "--output", str(tmp_path / "thesis"), "f" * 24]) == 2
    assert main(["inspect", "--output", str(corpus)]) == 2
    assert "not a corpus" in capsys.readouterr().err
