"""The runner's promises: every record accounted for, bad input rejected with a reason that
names the problem, byte-identical output, and a crash never leaves a half-written corpus."""

import gzip
import json

import pytest

from pipeline.config import config_from_dict
from pipeline.executor import LocalExecutor
from pipeline.io.writers import read_jsonl_gz
from pipeline.runner import run

FRENCH = "Le café où nous étions était fermé pour l'été. Très déçu, nous sommes allés à Noël chez Hélène."
JAPANESE = "日本語のテキストです。これは文字コードの判定を試すための文章です。" * 4
FIFTY_MB = 50 * 1024 * 1024


def normalize_only():
    return config_from_dict({"run": {"stages": ["normalize"], "max_record_bytes": 10_000_000}})


def read_folder(folder):
    return [record for path in sorted(folder.glob("*.jsonl.gz")) for record in read_jsonl_gz(path)]


@pytest.fixture(scope="module")
def bad_inputs(tmp_path_factory):
    root = tmp_path_factory.mktemp("bad")
    (root / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (root / "latin1.txt").write_bytes(FRENCH.encode("latin-1"))
    (root / "shift_jis.txt").write_bytes(JAPANESE.encode("shift_jis"))
    (root / "empty.txt").write_bytes(b"")
    lines = "".join(json.dumps({"text": f"record {i} " * 50}) + "\n" for i in range(40))
    whole = gzip.compress(lines.encode())
    (root / "truncated.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    (root / "broken.jsonl").write_text('{"text": "first good"}\n{"text": "oops\n{"text": "third good"}\n')
    with open(root / "huge.jsonl", "wb") as stream:
        stream.write(b'{"text": "' + b"a" * FIFTY_MB + b'"}\n')
        stream.write(b'{"text": "small after huge"}\n')
    (root / "scripts.html").write_text("<html><head><script>var a = 1;</script></head>"
                                       "<body><script>track()</script><style>p{}</style></body></html>")
    (root / "notes.pdf").write_bytes(b"%PDF-1.4 not supported")
    (root / "good.txt").write_text("A perfectly ordinary page of text.")
    return root


@pytest.fixture(scope="module")
def bad_run(bad_inputs, tmp_path_factory):
    out = tmp_path_factory.mktemp("out") / "clean"
    result = run(bad_inputs, out, normalize_only(), executor=LocalExecutor(1), progress=False)
    return result, out


def rejected_by_path(out):
    return {r["source"]["path"]: r for r in read_folder(out / "rejected")}


def test_run_with_unreadable_inputs_exits_1(bad_run):
    result, _ = bad_run
    assert result.exit_code == 1


def test_every_record_is_kept_or_rejected_exactly_once(bad_run):
    result, out = bad_run
    kept = read_folder(out / "documents")
    rejected = read_folder(out / "rejected")
    keys = [(r["source"]["path"], r["source"]["record"]) for r in kept + rejected]
    assert len(keys) == len(set(keys))
    totals = result.manifest["totals"]
    assert totals["accounted"] and totals["records"] == len(kept) + len(rejected) == len(keys)
    per_input = {i["path"]: i for i in result.manifest["inputs"]}
    assert all(i["records"] == i["kept"] + i["rejected"] for i in per_input.values())


@pytest.mark.parametrize("path, reason, words", [
    ("binary.txt", "unreadable", "binary"),
    ("empty.txt", "empty", "no text"),
    ("scripts.html", "empty", "no text"),
    ("notes.pdf", "unreadable", "unsupported file type"),
    ("huge.jsonl", "too_large", "max_record_bytes"),
])
def test_bad_input_is_rejected_with_a_reason_naming_the_problem(bad_run, path, reason, words):
    _, out = bad_run
    record = rejected_by_path(out)[path]
    assert record["reason"] == reason
    assert words in record["detail"]["message"]


def test_broken_json_line_is_rejected_and_its_neighbours_kept(bad_run):
    _, out = bad_run
    broken = [r for r in read_folder(out / "rejected") if r["source"]["path"] == "broken.jsonl"]
    assert [(r["source"]["record"], r["reason"]) for r in broken] == [(1, "unreadable")]
    assert "line 2 is not valid JSON" in broken[0]["detail"]["message"]
    kept = sorted(r["text"] for r in read_folder(out / "documents") if r["source"]["path"] == "broken.jsonl")
    assert kept == ["first good", "third good"]


def test_truncated_gzip_keeps_earlier_records_and_rejects_the_rest(bad_run):
    _, out = bad_run
    kept = [r for r in read_folder(out / "documents") if r["source"]["path"] == "truncated.jsonl.gz"]
    rejected = [r for r in read_folder(out / "rejected") if r["source"]["path"] == "truncated.jsonl.gz"]
    assert kept, "records before the damage are kept"
    assert len(rejected) == 1 and "truncated or corrupt" in rejected[0]["detail"]["message"]


def test_line_after_a_huge_line_is_kept(bad_run):
    _, out = bad_run
    assert "small after huge" in [r["text"] for r in read_folder(out / "documents")]


def test_legacy_encodings_are_decoded(bad_run):
    _, out = bad_run
    texts = {r["source"]["path"]: r["text"] for r in read_folder(out / "documents")}
    assert texts["latin1.txt"] == FRENCH
    assert texts["shift_jis.txt"] == JAPANESE


def test_too_large_record_is_not_copied_into_the_rejected_file(bad_run):
    _, out = bad_run
    assert rejected_by_path(out)["huge.jsonl"]["text"] is None


def test_manifest_lists_inputs_with_sha256_and_counts_per_reason(bad_run):
    result, out = bad_run
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest == json.loads(json.dumps(result.manifest))
    assert {i["path"] for i in manifest["inputs"]} >= {"binary.txt", "good.txt", "huge.jsonl"}
    assert all(len(i["sha256"]) == 64 for i in manifest["inputs"])
    assert manifest["stages"]["read"]["dropped"]["too_large"] == 1
    assert len(manifest["pipeline"]["config_sha256"]) == 64
    assert manifest["config"]["run"]["stages"] == ["normalize"]


def test_two_runs_give_byte_identical_output(tmp_path, bad_inputs):
    outputs = []
    for name, workers in (("one", 1), ("two", 2)):
        out = tmp_path / name
        run(bad_inputs, out, config_from_dict({"run": {"stages": ["normalize"], "shard_files": 2}}),
            executor=LocalExecutor(workers), progress=False)
        found = {p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*.gz"))}
        # the report too, but for its last section: wall times and dates
        found["report.html"] = (out / "report.html").read_bytes().split(b'<section id="time"')[0]
        outputs.append(found)
    assert outputs[0] == outputs[1]
    assert len(outputs[0]) > 2, "several shards, so ordering across workers is exercised"
    assert "index/report/facts.json.gz" in outputs[0]


def test_a_crash_leaves_the_previous_corpus_untouched(tmp_path, monkeypatch):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("first version")
    out = tmp_path / "clean"
    run(source, out, normalize_only(), executor=LocalExecutor(1), progress=False)
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}

    def explode(*args, **kwargs):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr("pipeline.runner.corpus_manifest", explode)
    (source / "a.txt").write_text("second version")
    with pytest.raises(RuntimeError):
        run(source, out, normalize_only(), executor=LocalExecutor(1), progress=False)
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []


def test_a_stage_that_raises_rejects_the_record_and_the_run_goes_on(tmp_path, monkeypatch):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("boom")
    (source / "b.txt").write_text("fine")

    from pipeline.stages.normalize import Normalizer

    original = Normalizer.process

    def fragile(self, doc):
        if doc.text == "boom":
            raise ValueError("cannot cope")
        return original(self, doc)

    monkeypatch.setattr(Normalizer, "process", fragile)
    result = run(source, tmp_path / "out", normalize_only(), executor=LocalExecutor(1), progress=False)
    [rejected] = read_folder(tmp_path / "out" / "rejected")
    assert (rejected["stage"], rejected["reason"]) == ("normalize", "stage_error")
    assert "cannot cope" in rejected["detail"]["message"]
    assert result.exit_code == 1
    assert [r["text"] for r in read_folder(tmp_path / "out" / "documents")] == ["fine"]


def test_byte_identical_files_at_two_paths_get_two_ids_and_dedup_names_the_other(tmp_path):
    source = tmp_path / "in"
    (source / "mirror").mkdir(parents=True)
    text = "A page that a site published twice under two addresses, word for word. " * 8
    (source / "a.txt").write_text(text)
    (source / "mirror" / "a.txt").write_text(text)
    out = tmp_path / "out"
    run(source, out, config_from_dict({"run": {"stages": ["normalize", "dedup"]}}),
        executor=LocalExecutor(1), progress=False)
    [kept] = read_folder(out / "documents")
    [copy] = read_folder(out / "rejected")
    assert kept["id"] != copy["id"]
    assert copy["detail"]["duplicate_of"] == kept["id"]
    assert kept["dedup"]["duplicates"] == [copy["id"]]


def test_ids_are_stable_across_runs(tmp_path, bad_inputs):
    ids = []
    for name in ("one", "two"):
        run(bad_inputs, tmp_path / name, normalize_only(), executor=LocalExecutor(1), progress=False)
        ids.append(sorted(r["id"] for kind in ("documents", "rejected")
                          for r in read_folder(tmp_path / name / kind)))
    assert ids[0] == ids[1] and len(set(ids[0])) == len(ids[0])


def test_an_input_records_own_id_is_kept_in_source_id(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.jsonl").write_text('{"text": "first", "id": "doc-1"}\n{"text": "second", "id": 2}\n')
    run(source, tmp_path / "out", normalize_only(), executor=LocalExecutor(1), progress=False)
    records = read_folder(tmp_path / "out" / "documents")
    assert [r["source"]["id"] for r in records] == ["doc-1", "2"]
    assert all(r["id"] not in ("doc-1", "2") for r in records)


def test_parquet_output_is_byte_identical_across_runs(tmp_path, bad_inputs):
    settings = {"stages": ["normalize"], "output_format": "parquet", "shard_files": 3}
    config = config_from_dict({"run": settings})
    outputs = []
    for name in ("one", "two"):
        run(bad_inputs, tmp_path / name, config, executor=LocalExecutor(1), progress=False)
        outputs.append({p.relative_to(tmp_path / name).as_posix(): p.read_bytes()
                        for p in sorted((tmp_path / name).rglob("*.parquet"))})
    assert outputs[0] == outputs[1]
    assert any(name.startswith("documents/part-") for name in outputs[0])
