import hashlib

from pipeline.io.inputs import find_inputs, plan
from pipeline.io.readers import read_item


def write_jsonl(path, lines):
    path.write_text("".join(f'{{"text": "line {i}"}}\n' for i in range(lines)))


def test_hidden_files_and_folders_are_skipped(tmp_path):
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("no")
    (tmp_path / ".hidden.txt").write_text("no")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("yes")
    assert [p.name for p in find_inputs(tmp_path)] == ["a.txt"]


def test_inputs_are_hashed(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"abc")
    inputs, _ = plan(tmp_path, shard_bytes=1000, shard_files=10)
    assert inputs[0].sha256 == hashlib.sha256(b"abc").hexdigest()
    assert (inputs[0].bytes, inputs[0].format) == (3, "txt")


def test_small_files_are_grouped_by_count(tmp_path):
    for i in range(5):
        (tmp_path / f"{i}.txt").write_text("x")
    _, shards = plan(tmp_path, shard_bytes=1000, shard_files=2)
    assert [len(s.items) for s in shards] == [2, 2, 1]


def test_large_jsonl_is_split_at_line_starts_and_keeps_every_record(tmp_path):
    path = tmp_path / "big.jsonl"
    write_jsonl(path, 500)
    _, shards = plan(tmp_path, shard_bytes=1000, shard_files=10)
    assert len(shards) > 3
    records = [r for shard in shards for item in shard.items for r in read_item(tmp_path, item, 10_000)]
    assert [r.source.record for r in records] == list(range(500))
    assert [r.text for r in records] == [f"line {i}" for i in range(500)]


def test_gzipped_jsonl_is_not_split(tmp_path):
    import gzip

    with gzip.open(tmp_path / "big.jsonl.gz", "wt") as stream:
        for i in range(300):
            stream.write(f'{{"text": "line {i}"}}\n')
    _, shards = plan(tmp_path, shard_bytes=100, shard_files=10)
    assert len(shards) == 1
