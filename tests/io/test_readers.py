import gzip
import io

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
    assert (record.source.url, record.source.date) == ("https://x.org/a", "2024-01-02")
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
    assert records[0].source.date == "2024-05-01T10:00:00Z"
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
