"""A corpus of many parts, from every input format, loads as one table with the loaders
downstream users have: datasets, pyarrow.dataset, polars and duckdb; as JSON lines (with the
schema the corpus carries) and as Parquet (which carries it itself)."""

import gzip
import json
import os
import shutil

import pytest
import zstandard

from pipeline.config import config_from_dict
from pipeline.executor import LocalExecutor
from pipeline.io.schema import DOCUMENT_SCHEMA, REJECTED_SCHEMA, SCHEMAS
from pipeline.runner import run
from tests.conftest import REPO

os.environ.setdefault("HF_HUB_OFFLINE", "1")  # local files only: never ask the hub
pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")

SPUN_PAGE = (
    "Researchers in counterfeit consciousness now use profound learning on colossal information. "
    "A profound neural organization trained with irregular woodland baselines reads bosom disease "
    "scans, and the flag to commotion ratio and the mean square blunder of haze figuring services "
    "decide how well such tools work for the people who depend on them every single day. ")
SPAM_PAGE = "Cheap pills here.\n\n" + "".join(
    f"Buy ketamine online {place}\n\n" for place in ("Canada", "Texas", "Ohio", "Perth", "Leeds") * 3)
# Every reason a stage can give with this configuration, so every detail shape is written.
REASONS = {"unreadable", "too_large", "unsupported_content", "empty", "not_target_language",
           "low_quality", "spam", "spun", "exact_duplicate", "near_duplicate"}


def json_lines(records):
    return "".join(json.dumps(record) + "\n" for record in records).encode()


def write_inputs(root):
    shutil.copytree(REPO / "raw", root)
    extra = root / "extra"
    extra.mkdir()
    article = (REPO / "raw" / "txt").glob("*.txt").__next__().read_text()
    # metadata whose keys and types vary per record, dates in several forms, own ids
    (extra / "a.json").write_bytes(json_lines([
        {"text": article.replace("the", "that"), "id": 7, "date": "2020", "meta": {"year": "2020"}},
        {"text": SPAM_PAGE, "id": "s-1", "date": "Tue, 01 May 2024 10:00:00 GMT", "tags": ["x"]},
        {"text": SPUN_PAGE, "id": "s-2"},
    ]))
    (extra / "b.json.gz").write_bytes(gzip.compress(json_lines([
        {"text": "Too short.", "meta": {"year": 2020}, "date": "2024-01-02"},
        {"text": "Ceci est une page en français, écrite pour voir ce que fait le filtre de langue "
                 "quand il rencontre une langue qui n'est pas dans la liste des langues voulues. " * 3},
    ]), mtime=0))
    compressor = zstandard.ZstdCompressor()
    (extra / "c.jsonl.zst").write_bytes(compressor.compress(json_lines([
        {"text": "   ", "score": 1.5}, {"text": "x" * 300_000}, {"body": "no text field"},
    ])))
    (extra / "d.json.zst").write_bytes(compressor.compress(json_lines([
        {"text": article, "id": None, "date": 20200101, "nested": {"deep": [1, {"a": None}]}},
    ])))


CONFIG = {
    "run": {"shard_files": 3, "shard_bytes": 40_000, "max_record_bytes": 200_000},
    "stages": {"language": {"target_languages": ["en", "de", "es"]},
               "spin": {"policy": "reject", "reject_score": 0.9}},
}


@pytest.fixture(scope="module")
def corpora(tmp_path_factory):
    root = tmp_path_factory.mktemp("mixed")
    write_inputs(root / "raw")
    results = {}
    for output_format in ("jsonl", "parquet"):
        config = config_from_dict({**CONFIG, "run": {**CONFIG["run"], "output_format": output_format}})
        out = root / output_format
        result = run(root / "raw", out, config, executor=LocalExecutor(1), progress=False)
        results[output_format] = (out, result.manifest)
    return results


def test_the_mixed_corpus_has_many_parts_from_every_format_and_every_reason(corpora):
    out, manifest = corpora["jsonl"]
    assert len(list((out / "documents").glob("*.jsonl.gz"))) >= 5
    assert len(list((out / "rejected").glob("*.jsonl.gz"))) >= 5
    formats = {item["path"].split(".", 1)[1] for item in manifest["inputs"]}
    assert formats >= {"txt", "html", "jsonl", "jsonl.gz", "warc.gz", "json", "json.gz", "jsonl.zst",
                       "json.zst"}
    assert set(manifest["totals"]["reasons"]) == REASONS
    assert manifest["totals"]["accounted"]


def fits(value, data_type, where):
    """Every object has exactly the declared keys, at every depth, with the declared types."""
    if value is None:
        return
    if pa.types.is_struct(data_type):
        assert list(value) == [field.name for field in data_type], where
        for field in data_type:
            fits(value[field.name], field.type, f"{where}.{field.name}")
    elif pa.types.is_list(data_type):
        assert isinstance(value, list), where
        for item in value:
            fits(item, data_type.value_type, where + "[]")
    else:
        expected = {pa.string(): str, pa.int64(): int, pa.float64(): float, pa.bool_(): bool}[data_type]
        assert type(value) is expected, f"{where}: {value!r}"


def test_every_record_of_every_part_has_the_declared_keys_and_types(corpora):
    out, _ = corpora["jsonl"]
    for kind, schema in SCHEMAS.items():
        for part in sorted((out / kind).glob("*.jsonl.gz")):
            with gzip.open(part, "rt", encoding="utf-8") as stream:
                for line in stream:
                    fits(json.loads(line), pa.struct(list(schema)), f"{part.name}")


def test_input_metadata_of_varying_types_is_one_json_text(corpora):
    out, _ = corpora["jsonl"]
    [short] = [r for r in read(out, "rejected") if r["text"] == "Too short."]
    assert short["source"]["date"] == "2024-01-02T00:00:00Z"
    metadata = {r["source"]["path"]: json.loads(r["metadata"]) for r in read(out, "documents")}
    nested = {"deep": [1, {"a": None}]}
    assert metadata["extra/d.json.zst"] == {"id": None, "date": 20200101, "nested": nested}
    assert all(isinstance(value, dict) for value in metadata.values())


def read(out, kind):
    return [json.loads(line) for part in sorted((out / kind).glob("*.gz")) for line in gzip.open(part, "rt")]


def schema_of(out, kind):
    return pq.read_schema(out / "schema" / f"{kind}.parquet")


def counts(manifest):
    return {"documents": manifest["totals"]["kept"], "rejected": manifest["totals"]["rejected"]}


@pytest.mark.parametrize("kind", ["documents", "rejected"])
def test_json_lines_load_with_datasets(corpora, kind, tmp_path):
    datasets = pytest.importorskip("datasets")
    out, manifest = corpora["jsonl"]
    by_card = datasets.load_dataset(str(out), kind, split="train", cache_dir=str(tmp_path))
    features = datasets.Features.from_arrow_schema(schema_of(out, kind))
    by_files = datasets.load_dataset("json", data_files=str(out / kind / "*.jsonl.gz"), features=features,
                                     split="train", cache_dir=str(tmp_path))
    assert by_card.num_rows == by_files.num_rows == counts(manifest)[kind]
    assert by_card.features == features


@pytest.mark.parametrize("kind", ["documents", "rejected"])
def test_json_lines_load_with_pyarrow_dataset(corpora, kind):
    import pyarrow.dataset as ds

    out, manifest = corpora["jsonl"]
    table = ds.dataset(out / kind, format="json", schema=schema_of(out, kind)).to_table()
    assert table.num_rows == counts(manifest)[kind]
    assert table.schema == SCHEMAS[kind]


@pytest.mark.parametrize("kind", ["documents", "rejected"])
def test_json_lines_load_with_polars(corpora, kind):
    pl = pytest.importorskip("polars")
    out, manifest = corpora["jsonl"]
    schema = pl.read_parquet_schema(out / "schema" / f"{kind}.parquet")
    frame = pl.scan_ndjson(out / kind / "*.jsonl.gz", schema=schema).collect()
    assert frame.height == counts(manifest)[kind]
    assert frame["id"].n_unique() == frame.height


@pytest.mark.parametrize("kind", ["documents", "rejected"])
def test_json_lines_load_with_duckdb(corpora, kind):
    duckdb = pytest.importorskip("duckdb")
    out, manifest = corpora["jsonl"]
    [(rows, ids)] = duckdb.sql(
        f"select count(*), count(distinct id) from read_json('{out / kind}/*.jsonl.gz')").fetchall()
    assert rows == ids == counts(manifest)[kind]


def test_parquet_parts_carry_the_one_arrow_schema(corpora):
    out, _ = corpora["parquet"]
    for kind, schema in SCHEMAS.items():
        parts = sorted((out / kind).glob("*.parquet"))
        assert len(parts) >= 5
        assert all(pq.read_schema(part).remove_metadata() == schema for part in parts)
        assert pq.ParquetFile(parts[0]).metadata.row_group(0).column(0).compression == "ZSTD"


@pytest.mark.parametrize("kind", ["documents", "rejected"])
def test_parquet_loads_with_every_loader_without_a_schema(corpora, kind, tmp_path):
    import duckdb
    import polars as pl
    import pyarrow.dataset as ds

    datasets = pytest.importorskip("datasets")
    out, manifest = corpora["parquet"]
    expected = counts(manifest)[kind]
    glob = str(out / kind / "*.parquet")
    load = {"split": "train", "cache_dir": str(tmp_path)}
    assert datasets.load_dataset("parquet", data_files=glob, **load).num_rows == expected
    assert datasets.load_dataset(str(out), kind, **load).num_rows == expected
    assert ds.dataset(out / kind, format="parquet").to_table().num_rows == expected
    assert pl.scan_parquet(glob).collect().height == expected
    assert duckdb.sql(f"select count(*) from read_parquet('{glob}')").fetchall() == [(expected,)]


def test_parquet_and_json_lines_hold_the_same_records(corpora):
    import pyarrow.dataset as ds

    jsonl, _ = corpora["jsonl"]
    parquet, _ = corpora["parquet"]
    for kind in SCHEMAS:
        from_json = ds.dataset(jsonl / kind, format="json", schema=schema_of(jsonl, kind)).to_table()
        from_parquet = ds.dataset(parquet / kind, format="parquet").to_table()
        if kind == "documents":  # the config digests differ by run.output_format
            from_json, from_parquet = from_json.drop(["pipeline"]), from_parquet.drop(["pipeline"])
        assert from_json.sort_by("id").to_pylist() == from_parquet.sort_by("id").to_pylist()


def test_the_schema_files_are_the_declared_schemas(corpora):
    out, _ = corpora["jsonl"]
    assert schema_of(out, "documents") == DOCUMENT_SCHEMA
    assert schema_of(out, "rejected") == REJECTED_SCHEMA
