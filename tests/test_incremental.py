"""One corpus that grows: a run adds the inputs the corpus does not hold yet, deduplicates
them against everything it holds, and leaves the rest as it was."""

import json
import shutil

import pytest

from pipeline.cli import main
from pipeline.config import config_from_dict
from pipeline.executor import LocalExecutor
from pipeline.incremental import CorpusMismatch, changed_keys
from pipeline.io.writers import read_jsonl_gz
from pipeline.runner import run

ARTICLE = ("The river authority opened the new fish ladder at the old mill weir on Tuesday, "
           "after three years of surveys showed salmon could not pass the drop. ")
OTHER = ("A bakery on the high street has started selling rye loaves made with flour from "
         "a farm two miles away, milled on stones the owner restored himself. ")
GARDEN = "Tomatoes need a warm wall and a deep pot, and they hate wet leaves. " * 6


def config(**run_settings):
    return config_from_dict({"run": {"stages": ["normalize", "dedup"], **run_settings}})


def snapshot(folder):
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def records(folder, kind):
    return [r for path in sorted((folder / kind).glob("*.jsonl.gz")) for r in read_jsonl_gz(path)]


def clean(source, out, settings=None, **options):
    return run(source, out, settings or config(), executor=LocalExecutor(1), progress=False, **options)


@pytest.fixture
def batch_a(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "river.txt").write_text(ARTICLE * 6)
    (source / "bakery.txt").write_text(OTHER * 6)
    return source


def test_a_second_run_over_the_same_input_changes_nothing(tmp_path, batch_a):
    out = tmp_path / "clean"
    clean(batch_a, out)
    before = snapshot(out)
    result = clean(batch_a, out)
    assert (result.exit_code, result.written, result.nothing_new) == (0, False, True)
    assert snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["clean", "in"]


def test_a_new_batch_is_added_and_earlier_documents_stay(tmp_path, batch_a):
    out = tmp_path / "clean"
    clean(batch_a, out)
    first_parts = {name: data for name, data in snapshot(out).items() if name.startswith("documents/")}
    batch_b = tmp_path / "batch-b"
    batch_b.mkdir()
    (batch_b / "garden.txt").write_text(GARDEN)
    result = clean(batch_b, out)
    assert result.exit_code == 0
    after = snapshot(out)
    assert all(after[name] == data for name, data in first_parts.items()), "earlier parts are unchanged"
    kept = {r["source"]["path"] for r in records(out, "documents")}
    assert kept == {"river.txt", "bakery.txt", "garden.txt"}
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run"]["new_inputs"] == ["garden.txt"]
    assert manifest["run"]["number"] == 2
    assert [entry["path"] for entry in manifest["inputs"]] == ["bakery.txt", "river.txt", "garden.txt"]
    assert [entry["run"] for entry in manifest["inputs"]] == [1, 1, 2]
    assert manifest["totals"]["kept"] == 3 and manifest["run"]["totals"]["kept"] == 1
    assert [entry["number"] for entry in manifest["runs"]] == [1, 2]


def test_only_new_inputs_are_cleaned_when_old_ones_are_still_there(tmp_path, batch_a):
    out = tmp_path / "clean"
    clean(batch_a, out)
    (batch_a / "garden.txt").write_text(GARDEN)
    result = clean(batch_a, out)
    assert result.manifest["run"]["new_inputs"] == ["garden.txt"]
    assert result.manifest["run"]["skipped_inputs"] == 2
    assert result.manifest["run"]["stages"]["read"]["entered"] == 1
    assert len(records(out, "documents")) == 3


def test_a_copy_of_a_kept_page_added_later_is_removed_as_its_duplicate(tmp_path, batch_a):
    out = tmp_path / "clean"
    clean(batch_a, out)
    [river] = [r for r in records(out, "documents") if r["source"]["path"] == "river.txt"]
    (batch_a / "mirror").mkdir()
    (batch_a / "mirror" / "river.txt").write_text(ARTICLE * 6)  # the same bytes at another address
    (batch_a / "reposted.txt").write_text("Reposted from our partners. " + ARTICLE * 6)
    clean(batch_a, out)
    copies = {r["source"]["path"]: r for r in records(out, "rejected")}
    assert copies["mirror/river.txt"]["reason"] == "exact_duplicate"
    assert copies["reposted.txt"]["reason"] == "near_duplicate"
    for copy in copies.values():
        assert copy["detail"]["duplicate_of"] == river["id"]
        assert copy["detail"]["survivor_in_previous_corpus"] is True
    assert river in records(out, "documents"), "the survivor kept by the earlier run is untouched"


def test_a_changed_configuration_is_refused_and_nothing_is_touched(tmp_path, batch_a):
    out = tmp_path / "clean"
    clean(batch_a, out)
    before = snapshot(out)
    (batch_a / "new.txt").write_text(OTHER)
    with pytest.raises(CorpusMismatch, match=r"changed: stages\.dedup\.num_perm.*--replace"):
        clean(batch_a, out, config_from_dict({"run": {"stages": ["normalize", "dedup"]},
                                              "stages": {"dedup": {"num_perm": 64}}}))
    assert snapshot(out) == before


def test_a_changed_configuration_exits_2_from_the_command_line(tmp_path, batch_a, capsys):
    out = tmp_path / "clean"
    clean(batch_a, out)
    settings = tmp_path / "other.toml"
    settings.write_text('[run]\nstages = ["normalize"]\n')
    code = main(["run", "--input", str(batch_a), "--output", str(out), "--config", str(settings),
                 "--workers", "1", "--quiet"])
    assert code == 2
    assert "run.stages" in capsys.readouterr().err


def test_replace_builds_a_fresh_corpus_from_this_input_alone(tmp_path, batch_a):
    out = tmp_path / "clean"
    clean(batch_a, out)
    (batch_a / "bakery.txt").unlink()
    result = clean(batch_a, out, config(shard_files=7), replace=True)
    assert result.exit_code == 0
    assert [r["source"]["path"] for r in records(out, "documents")] == ["river.txt"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["run"]["number"] == 1 and len(manifest["runs"]) == 1


def test_a_changed_file_is_a_new_input_and_its_earlier_version_stays(tmp_path, batch_a):
    out = tmp_path / "clean"
    clean(batch_a, out)
    (batch_a / "bakery.txt").write_text(OTHER * 6 + "Update: the bakery now opens on Sundays too.")
    clean(batch_a, out)
    manifest = json.loads((out / "manifest.json").read_text())
    assert [entry["path"] for entry in manifest["inputs"]].count("bakery.txt") == 2
    [copy] = records(out, "rejected")
    assert copy["source"]["path"] == "bakery.txt" and copy["reason"] == "near_duplicate"


def test_growing_a_corpus_is_independent_of_the_number_of_workers(tmp_path, batch_a):
    first = tmp_path / "first"
    run(batch_a, first, config(shard_files=1), executor=LocalExecutor(1), progress=False)
    (batch_a / "garden.txt").write_text("Tomatoes need a warm wall and a deep pot. " * 9)
    (batch_a / "river-copy.txt").write_text(ARTICLE * 6)
    outputs = []
    for workers in (1, 2):
        out = tmp_path / f"clean-{workers}"
        shutil.copytree(first, out)
        run(batch_a, out, config(shard_files=1), executor=LocalExecutor(workers), progress=False)
        outputs.append({name: data for name, data in snapshot(out).items()
                        if name.split("/")[0] in ("documents", "rejected", "index")})
    assert outputs[0] == outputs[1]
    assert "documents/part-00002.jsonl.gz" in outputs[0], "new parts are numbered after the earlier ones"


def test_changed_keys_names_every_differing_key():
    old = {"run": {"stages": ["a"], "shard_files": 1}, "stages": {"dedup": {"seed": 1}}}
    new = {"run": {"stages": ["a"], "shard_files": 2}, "stages": {"dedup": {"seed": 1, "extra": 0}}}
    assert changed_keys(old, new) == ["run.shard_files", "stages.dedup.extra"]
