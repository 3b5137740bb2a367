import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.io.inputs import plan
from pipeline.io.readers import input_format, read_item


def read_all(root, max_record_bytes=1_000_000):
    _, shards = plan(root, shard_bytes=10_000_000, shard_files=100)
    return [r for shard in shards for item in shard.items for r in read_item(root, item, max_record_bytes)]


def write_warc(path, responses, truncate_at=None):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    for uri, content_type, body in responses:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                           warc_headers_dict={"WARC-Date": "2024-05-01T10:00:00Z"})
        writer.write_record(record)
    data = buffer.getvalue()
    path.write_bytes(data[:truncate_at] if truncate_at else data)


def test_format_comes_from_the_name_with_gz_transparent(tmp_path):
    assert input_format(tmp_path / "a.HTML.gz") == "html"
    assert input_format(tmp_path / "b.warc.gz") == "warc"
    assert input_format(tmp_path / "c.pdf") is None


def test_txt_gz_is_read_transparently(tmp_path):
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(b"hello there"))
    [record] = read_all(tmp_path)
    assert (record.text, record.source.format, record.source.record) == ("hello there", "txt", 0)


def test_jsonl_keeps_url_date_and_other_fields(tmp_path):
    line = '{"text": "body", "url": "https://x.org/a", "date": "2024-01-02", "lang": "en"}\n'
    (tmp_path / "a.jsonl").write_text(line)
    [record] = read_all(tmp_path)
    assert record.text == "body"
    assert (record.source.url, record.source.date) == ("https://x.org/a", "2024-01-02T00:00:00Z")
    assert record.metadata == {"lang": "en"}


def test_jsonl_blank_lines_are_not_records_but_keep_numbering(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "one"}\n\n{"text": "three"}\n')
    assert [(r.source.record, r.text) for r in read_all(tmp_path)] == [(0, "one"), (2, "three")]


def test_jsonl_line_without_text_is_unreadable_with_its_line_number(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"body": "x"}\n')
    [record] = read_all(tmp_path)
    assert record.drop.reason.value == "unreadable"
    assert "line 1" in record.drop.detail["message"] and "'text'" in record.drop.detail["message"]


def test_overlong_jsonl_line_is_too_large_and_the_next_line_is_read(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "' + "x" * 5000 + '"}\n{"text": "after"}\n')
    first, second = read_all(tmp_path, max_record_bytes=1000)
    assert first.drop.reason.value == "too_large"
    assert (second.source.record, second.text) == (1, "after")


def test_html_page_gives_text_title_and_links(tmp_path):
    (tmp_path / "p.html").write_text(
        "<html><head><title>A page</title></head><body><p>First para.</p>"
        "<p>See <a href='https://x.org'>this</a>.</p></body></html>"
    )
    [record] = read_all(tmp_path)
    assert record.text == "First para.\n\nSee this."
    assert record.title == "A page"
    assert [(link.href, link.text) for link in record.links] == [("https://x.org", "this")]


def test_html_meta_charset_is_honoured(tmp_path):
    html = '<html><head><meta charset="windows-1252"></head><body><p>Grüße aus Köln</p></body></html>'
    (tmp_path / "p.html").write_bytes(html.encode("cp1252"))
    [record] = read_all(tmp_path)
    assert record.text == "Grüße aus Köln"


def test_warc_responses_are_documents_with_uri_and_date(tmp_path):
    write_warc(tmp_path / "crawl.warc.gz", [
        ("https://a.example/1", "text/html; charset=utf-8", b"<p>Page one</p>"),
        ("https://a.example/logo.png", "image/png", b"\x89PNG\x00\x00"),
        ("https://a.example/2", "text/plain", b"Plain two"),
    ])
    records = read_all(tmp_path)
    assert [(r.source.record, r.text) for r in records] == [(0, "Page one"), (1, None), (2, "Plain two")]
    assert records[0].source.url == "https://a.example/1"
    assert records[0].source.date == "2024-05-01T10:00:00Z"  # WARC-Date, already ISO UTC
    assert records[1].drop.reason.value == "unsupported_content"


def test_truncated_warc_keeps_what_came_before_and_reports_the_rest(tmp_path):
    write_warc(tmp_path / "a.warc.gz", [("https://a.example/1", "text/html", b"<p>One</p>")])
    whole = (tmp_path / "a.warc.gz").read_bytes()
    write_warc(tmp_path / "a.warc.gz", [
        ("https://a.example/1", "text/html", b"<p>One</p>"),
        ("https://a.example/2", "text/html", b"<p>Two</p>" * 200),
    ], truncate_at=len(whole) + 60)
    records = read_all(tmp_path)
    assert records[0].text == "One"
    assert records[-1].drop.reason.value == "unreadable"
    assert "truncated or corrupt" in records[-1].drop.detail["message"]


def test_warc_whose_last_gzip_member_is_cut_short_is_reported(tmp_path):
    write_warc(tmp_path / "a.warc.gz", [
        ("https://a.example/1", "text/html", b"<p>One</p>"),
        ("https://a.example/2", "text/html", b"<p>Two</p>" * 200),
    ])
    whole = (tmp_path / "a.warc.gz").read_bytes()
    (tmp_path / "a.warc.gz").write_bytes(whole[:-30])
    records = read_all(tmp_path)
    assert records[-1].drop.reason.value == "unreadable"
    assert "end-of-stream" in records[-1].drop.detail["message"]


def test_complete_plain_warc_has_no_damage_entry(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    for i in range(3):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        payload = io.BytesIO(f"<p>page {i}</p>".encode())
        writer.write_record(writer.create_warc_record(f"https://b.example/{i}", "response",
                                                      payload=payload, http_headers=headers))
    (tmp_path / "b.warc").write_bytes(buffer.getvalue())
    assert [(r.text, r.drop) for r in read_all(tmp_path)] == [(f"page {i}", None) for i in range(3)]


def test_json_and_compressed_json_lines_are_read_as_json_lines(tmp_path):
    import zstandard

    lines = b'{"text": "one"}\n{"text": "two"}\n'
    (tmp_path / "a.json").write_bytes(lines)
    (tmp_path / "b.json.gz").write_bytes(gzip.compress(lines))
    (tmp_path / "c.jsonl.zst").write_bytes(zstandard.ZstdCompressor().compress(lines))
    (tmp_path / "d.json.zst").write_bytes(zstandard.ZstdCompressor().compress(lines))
    records = read_all(tmp_path)
    names = ("a.json", "b.json.gz", "c.jsonl.zst", "d.json.zst")
    assert [(r.source.path, r.text) for r in records] == [(n, t) for n in names for t in ("one", "two")]
    assert {r.source.format for r in records} == {"jsonl"}


def test_zstd_file_of_several_frames_is_read_whole(tmp_path):
    import zstandard

    compressor = zstandard.ZstdCompressor()
    frames = b"".join(compressor.compress(f'{{"text": "frame {i}"}}\n'.encode()) for i in range(3))
    (tmp_path / "a.jsonl.zst").write_bytes(frames)
    assert [r.text for r in read_all(tmp_path)] == ["frame 0", "frame 1", "frame 2"]


def test_truncated_zstd_keeps_earlier_records_and_reports_the_cut(tmp_path):
    import zstandard

    lines = "".join(f'{{"text": "record {i} {"x" * 40}"}}\n' for i in range(20_000)).encode()
    whole = zstandard.ZstdCompressor().compress(lines)
    (tmp_path / "a.jsonl.zst").write_bytes(whole[: len(whole) * 2 // 3])
    records = read_all(tmp_path)
    assert records[0].text.startswith("record 0")
    assert records[-1].drop.reason.value == "unreadable"
    assert "truncated" in records[-1].drop.detail["message"]


def test_zstd_warc_is_unsupported(tmp_path):
    assert input_format(tmp_path / "a.warc.zst") is None
    assert input_format(tmp_path / "a.jsonl.zst") == "jsonl"


def test_text_and_id_fields_are_configurable(tmp_path):
    from pipeline.io.readers import JsonFields

    (tmp_path / "a.jsonl").write_text('{"content": "body", "doc_id": 17, "id": "kept as metadata"}\n')
    _, shards = plan(tmp_path, shard_bytes=10_000_000, shard_files=100)
    [record] = read_item(tmp_path, shards[0].items[0], 1000, json_fields=JsonFields("content", "doc_id"))
    assert (record.text, record.source.id) == ("body", "17")
    assert record.metadata == {"id": "kept as metadata"}


def test_input_id_is_kept_in_source_not_metadata(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "body", "id": "doc-1"}\n{"text": "no id"}\n')
    first, second = read_all(tmp_path)
    assert (first.source.id, first.metadata) == ("doc-1", {})
    assert second.source.id is None


def test_an_id_that_is_not_a_string_or_number_stays_in_metadata(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "body", "id": {"shard": 3}}\n')
    [record] = read_all(tmp_path)
    assert record.source.id is None and record.metadata == {"id": {"shard": 3}}


def test_dates_become_iso_8601_utc_and_unreadable_ones_stay_in_metadata(tmp_path):
    lines = [{"text": "a", "date": "2024-01-02"}, {"text": "b", "date": "2024-01-02T12:30:00+02:00"},
             {"text": "c", "date": "Tue, 01 May 2024 10:00:00 GMT"}, {"text": "d", "date": "2020"},
             {"text": "e", "date": 2020}]
    (tmp_path / "a.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    records = read_all(tmp_path)
    assert [r.source.date for r in records] == [
        "2024-01-02T00:00:00Z", "2024-01-02T10:30:00Z", "2024-05-01T10:00:00Z", None, None]
    assert [r.metadata for r in records[3:]] == [{"date": "2020"}, {"date": 2020}]


def test_nan_in_an_input_line_becomes_null(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"text": "a", "score": NaN, "other": -Infinity}\n')
    [record] = read_all(tmp_path)
    assert record.metadata == {"score": None, "other": None}
