"""Hostile files through the readers: bombs stopped at the limits without inflating them
whole, files cut short, JSON that is not what it claims, pages nested beyond reason. Each
gives kept records or rejected ones with a reason, never an exception, and each record of
the input is one of them."""

import gzip
import json
import re

import pytest

from pipeline.document import Reason
from pipeline.io.compression import InflationLimits
from pipeline.io.inputs import plan
from pipeline.io.readers import ReadLimits, read_item
from tests.reliability.hostile import gzip_bomb, warc_record, zstd_bomb

LIMIT = 8_000_000  # run.max_inflated_bytes for these tests: the bombs inflate to 64 MB
TEST_LIMITS = InflationLimits(LIMIT, 100)


def read_all(root, inflation=TEST_LIMITS, max_record_bytes=1_000_000):
    _, shards = plan(root, shard_bytes=10_000_000, shard_files=100)
    limits = ReadLimits(max_record_bytes, inflation)
    return [r for shard in shards for item in shard.items for r in read_item(root, item, limits)]


def inflated_before_stopping(message):
    """The inflated byte count a rejection reports (the limit's own figure is not it)."""
    return max(int(figure.replace(",", "")) for figure in re.findall(r"\d[\d,]{6,}", message))


@pytest.mark.parametrize("name, bomb", [
    ("page.txt.gz", gzip_bomb(64)), ("page.html.gz", gzip_bomb(64)),
    ("lines.jsonl.gz", gzip_bomb(64)), ("lines.json.gz", gzip_bomb(64)),
    ("page.txt.zst", zstd_bomb(64)), ("lines.jsonl.zst", zstd_bomb(64)),
])
def test_a_bomb_is_too_large_and_is_not_inflated_whole(tmp_path, name, bomb):
    (tmp_path / name).write_bytes(bomb)
    records = read_all(tmp_path, max_record_bytes=100_000_000)
    assert [r.drop.reason for r in records] == [Reason.TOO_LARGE]
    assert "run.max_inflated_bytes" in records[0].drop.detail["message"]


def test_a_bomb_with_default_limits_is_stopped_by_its_ratio_after_100_mb(tmp_path):
    (tmp_path / "lines.jsonl.gz").write_bytes(gzip_bomb(2_000))  # 2 GB from 2 MB
    [record] = read_all(tmp_path, inflation=InflationLimits(20_000_000_000, 100))
    message = record.drop.detail["message"]
    assert record.drop.reason is Reason.TOO_LARGE and "run.max_inflation_ratio" in message
    assert inflated_before_stopping(message) < 200_000_000  # of 2,097,152,000


def test_the_lines_before_a_bomb_are_kept_and_the_rest_is_one_rejection(tmp_path):
    head = b"".join(json.dumps({"text": f"line {i}"}).encode() + b"\n" for i in range(3))
    (tmp_path / "lines.jsonl.gz").write_bytes(gzip_bomb(64, head))
    records = read_all(tmp_path)
    assert [r.text for r in records[:3]] == ["line 0", "line 1", "line 2"]
    assert [r.drop.reason for r in records[3:]] == [Reason.TOO_LARGE]
    assert len({r.source.record for r in records}) == len(records)


def test_a_warc_bomb_in_a_record_that_is_skipped_is_still_stopped(tmp_path):
    page = warc_record("response", "https://a.example/1", b"<p>Page one</p>")
    request = warc_record("request", "https://a.example/2", b"\0" * (16 << 20), "application/http")
    members = [gzip.compress(page, mtime=0), gzip.compress(request, compresslevel=9, mtime=0)]
    (tmp_path / "crawl.warc.gz").write_bytes(b"".join(members))
    records = read_all(tmp_path, inflation=InflationLimits(4_000_000, 0))
    assert records[0].text == "Page one"
    assert [r.drop.reason for r in records[1:]] == [Reason.TOO_LARGE]


def test_a_response_too_large_to_take_is_rejected_and_the_archive_goes_on(tmp_path):
    big = warc_record("response", "https://a.example/big", b"<p>" + b"x" * 3_000_000 + b"</p>")
    after = warc_record("response", "https://a.example/after", b"<p>After</p>")
    (tmp_path / "crawl.warc.gz").write_bytes(gzip.compress(big, mtime=0) + gzip.compress(after, mtime=0))
    records = read_all(tmp_path, max_record_bytes=1_000_000)
    assert [r.drop.reason if r.drop else r.text for r in records] == [Reason.TOO_LARGE, "After"]


def test_a_gzipped_warc_named_plain_is_read_by_its_first_bytes(tmp_path):
    page = warc_record("response", "https://a.example/1", b"<p>Page one</p>")
    (tmp_path / "crawl.warc").write_bytes(gzip.compress(page, mtime=0))
    assert [r.text for r in read_all(tmp_path)] == ["Page one"]


@pytest.mark.parametrize("kept_share", [0.02, 0.2, 0.5, 0.8, 0.99])
def test_a_warc_cut_anywhere_in_its_second_member_keeps_the_first_page_and_reports_the_cut(
        tmp_path, kept_share):
    pages = [warc_record("response", f"https://a.example/{i}", f"<p>Page {i}</p>".encode()) for i in range(2)]
    first, second = (gzip.compress(page, mtime=0) for page in pages)
    (tmp_path / "crawl.warc.gz").write_bytes(first + second[: int(len(second) * kept_share)])
    records = read_all(tmp_path)
    assert records[0].text == "Page 0"
    assert records[-1].drop is not None and records[-1].drop.reason is Reason.UNREADABLE
    assert "truncated or corrupt" in records[-1].drop.detail["message"]


def test_a_file_named_gz_that_is_not_gzip_is_unreadable(tmp_path):
    (tmp_path / "page.txt.gz").write_bytes(b"plain text, not gzip")
    (tmp_path / "lines.jsonl.zst").write_bytes(b"not zstd either")
    assert [r.drop.reason for r in read_all(tmp_path)] == [Reason.UNREADABLE] * 2


@pytest.mark.parametrize("line, reason", [
    (b"[1, 2, 3]", "a JSON list, not an object"),
    (b'"just a string"', "a JSON str, not an object"),
    (b"null", "a JSON NoneType, not an object"),
    (b'{"text": 42}', "no string field 'text'"),
    (b'{"text": ["a", "b"]}', "no string field 'text'"),
    (b'{"text": {"nested": "x"}}', "no string field 'text'"),
    (b'{"text": "x", "m": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", "nests deeper than"),
    (b'{"text": "unterminated', "not valid JSON"),
    (b"\xff\xfe{}", "not valid JSON"),
])
def test_a_json_line_that_is_not_a_document_is_unreadable_with_why(tmp_path, line, reason):
    (tmp_path / "lines.jsonl").write_bytes(line + b'\n{"text": "after"}\n')
    first, second = read_all(tmp_path)
    assert first.drop.reason is Reason.UNREADABLE and reason in first.drop.detail["message"]
    assert (second.source.record, second.text) == (1, "after")


def test_lone_surrogates_in_json_become_replacement_characters(tmp_path):
    (tmp_path / "lines.jsonl").write_bytes(b'{"text": "a \\ud800 b \\ud83d\\ude00", "\\udfff": "\\udc00"}\n')
    [record] = read_all(tmp_path)
    assert record.text == "a \ufffd b \U0001f600"
    assert record.metadata == {"\ufffd": "\ufffd"}
    json.dumps(record.metadata, ensure_ascii=False).encode("utf-8")  # writable


@pytest.mark.parametrize("html", [
    "<div>" * 100_000 + "deep text" + "</div>" * 100_000,
    "<b><i>" * 5_000 + "unclosed all the way",
    "<p>one<p>two<table><tr><td>three<div><span>four",
    '<meta charset="utf-16"><p>The meta lies: this is UTF-8, gr\u00fc\u00dfe.</p>',
    '<meta charset="no-such-charset"><p>An unknown charset.</p>',
    "<html><head><title>" + "t" * 200_000,
    "<!--" + "never closed " * 10_000,
])
def test_hostile_html_gives_one_record_without_raising(tmp_path, html):
    (tmp_path / "page.html").write_bytes(html.encode("utf-8"))
    [record] = read_all(tmp_path)
    assert (record.text is None) != (record.drop is None)


def test_a_meta_charset_that_lies_does_not_garble_utf8(tmp_path):
    (tmp_path / "page.html").write_bytes('<meta charset="windows-1252"><p>gr\u00fc\u00dfe</p>'.encode())
    [record] = read_all(tmp_path)
    assert record.text == "gr\u00fc\u00dfe"
