"""Property tests of the readers: whatever the bytes of a file, reading it never raises,
gives one record or one rejection per input record with distinct numbers, and text that
any UTF-8 writer can write."""

import gzip
import tempfile
import zlib
from pathlib import Path

import zstandard
from hypothesis import given
from hypothesis import strategies as st

from pipeline.budget import StageTimeout, TimeBudget
from pipeline.document import Reason
from pipeline.io.compression import InflationLimits
from pipeline.io.inputs import plan
from pipeline.io.readers import ReadLimits, read_item
from tests.reliability.conftest import examples
from tests.reliability.strategies import compressed, encoded_text, html_page, json_lines_file, warc_file

LIMITS = ReadLimits(200_000, InflationLimits(5_000_000, 100))
HANG_SECONDS = 20  # CPU seconds one file may take before the test calls it a hang


def read_file(name: str, data: bytes):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / name).write_bytes(data)
        _, shards = plan(root, shard_bytes=50_000, shard_files=10)
        with TimeBudget(HANG_SECONDS) as budget, budget.limit():
            try:
                return [
                    record
                    for shard in shards
                    for item in shard.items
                    for record in read_item(root, item, LIMITS)
                ]
            except StageTimeout:
                raise AssertionError(f"reading {name} did not end within {HANG_SECONDS} s") from None


def check_records(records):
    numbers = [record.source.record for record in records]
    assert numbers == sorted(set(numbers)), "record numbers repeat or go back"
    for record in records:
        assert (record.drop is None) == (record.text is not None)
        if record.drop is not None:
            assert isinstance(record.drop.reason, Reason) and record.drop.detail["message"]
        else:
            record.text.encode("utf-8")  # no lone surrogate: the writer can write it
            for link in record.links:
                (link.href + link.text).encode("utf-8")
            if record.title is not None:
                record.title.encode("utf-8")


@examples(40)
@given(data=st.one_of(encoded_text(), st.binary(max_size=2_000)))
def test_any_bytes_as_a_text_file_give_one_record(data):
    records = read_file("page.txt", data)
    check_records(records)
    assert len(records) == 1


@examples(30)
@given(data=html_page())
def test_any_page_gives_one_record(data):
    records = read_file("page.html", data)
    check_records(records)
    assert len(records) == 1


@examples(40)
@given(data=json_lines_file())
def test_json_lines_give_one_record_per_line_that_is_not_blank(data):
    records = read_file("lines.jsonl", data)
    check_records(records)
    expected = [number for number, line in enumerate(data.split(b"\n")) if line.strip()]
    assert [record.source.record for record in records] == expected


def inflated(packed: bytes, kind: str) -> bytes | None:
    try:
        if kind == "gz":
            return gzip.decompress(packed)
        return zstandard.ZstdDecompressor().decompressobj().decompress(packed)
    except (OSError, EOFError, zlib.error, zstandard.ZstdError):  # damaged on purpose
        return None


@examples(40)
@given(data=st.data(), kind=st.sampled_from(["gz", "zst"]))
def test_compressed_json_lines_cut_anywhere_keep_whole_lines_and_report_the_rest(data, kind):
    raw = data.draw(json_lines_file())
    packed = data.draw(compressed(raw, kind))
    records = read_file(f"lines.jsonl.{kind}", packed)
    check_records(records)
    lines = [number for number, line in enumerate(raw.split(b"\n")) if line.strip()]
    if inflated(packed, kind) == raw:
        assert [record.source.record for record in records] == lines
        return
    damaged = [
        index
        for index, record in enumerate(records)
        if record.drop and "truncated or corrupt" in record.drop.detail["message"]
    ]
    assert damaged in ([], [len(records) - 1])  # one report of the damage, after what was read


@examples(40)
@given(data=warc_file())
def test_any_warc_gives_records_without_raising(data):
    check_records(read_file("crawl.warc.gz", data))
