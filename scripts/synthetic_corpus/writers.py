"""Writing the corpus: one writer per format, and stale files removed first."""

from __future__ import annotations

import gzip
import io
import json
import re
import struct
import uuid
import zlib
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

from .documents import _EPOCH, DEFAULT_SHARD_DOCS, FORMATS, GZIP_MTIME, CorpusDocument
from .generation import _check_formats, generate, resolve_mode
from .sites import _iso
from .topics import TOPIC_BY_NAME


def _jsonl_line(document: CorpusDocument, topic_label: str) -> bytes:
    record = {"text": document.text, "url": document.url, "date": document.date[:10], "title": document.title,
              "site": document.site, "category": topic_label}
    return (json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def _png_bytes() -> bytes:
    """A valid 1x1 PNG, built here so the WARC holds a real non-HTML response."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\x3c\x8c\x3c", 9)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


class _WarcFile:
    """One .warc.gz written with warcio, with record ids and dates derived from the content."""

    def __init__(self, path: Path, seed: int) -> None:
        from warcio.warcwriter import WARCWriter

        self.stream = open(path, "wb")
        self.writer = WARCWriter(self.stream, gzip=True)
        self.seed = seed
        self.name = path.name
        self._write_info()

    def _id(self, *parts: str) -> str:
        return f"<urn:uuid:{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join((str(self.seed), *parts)))}>"

    def _write_info(self) -> None:
        payload = (f"software: make_corpus.py (corpus-pipeline sample generator)\r\n"
                   f"format: WARC File Format 1.0\r\nisPartOf: synthetic-sample-{self.seed}\r\n").encode()
        record = self.writer.create_warc_record(
            "", "warcinfo", payload=io.BytesIO(payload), length=len(payload),
            warc_content_type="application/warc-fields",
            warc_headers_dict={"WARC-Record-ID": self._id(self.name, "info"),
                               "WARC-Date": _iso(_EPOCH), "WARC-Filename": self.name})
        self.writer.write_record(record)

    def write(self, url: str, date: str, body: bytes, content_type: str) -> None:
        from warcio.statusandheaders import StatusAndHeaders

        host = url.split("/")[2]
        path = "/" + url.split("/", 3)[3] if url.count("/") >= 3 else "/"
        request_id, response_id = self._id(url, "request"), self._id(url, "response")
        request_headers = StatusAndHeaders(f"GET {path} HTTP/1.1", [
            ("Host", host), ("User-Agent", "sample-crawler/1.0 (+https://example.org/crawler)"),
            ("Accept", "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8")], is_http_request=True)
        request = self.writer.create_warc_record(
            url, "request", http_headers=request_headers,
            warc_headers_dict={"WARC-Record-ID": request_id, "WARC-Date": date,
                               "WARC-Concurrent-To": response_id})
        http_date = datetime.strptime(date, "%Y-%m-%dT%H:%M:%SZ").strftime("%a, %d %b %Y %H:%M:%S GMT")
        response_headers = StatusAndHeaders("200 OK", [
            ("Content-Type", content_type), ("Content-Length", str(len(body))), ("Date", http_date),
            ("Server", "nginx")], protocol="HTTP/1.1")
        response = self.writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=response_headers,
            warc_headers_dict={"WARC-Record-ID": response_id, "WARC-Date": date})
        self.writer.write_record(request)
        self.writer.write_record(response)

    def close(self) -> None:
        self.stream.close()


class _Writers:
    """Open output files, so documents can be written as they are generated."""

    def __init__(self, out: Path, seed: int, mode: str) -> None:
        self.out, self.seed, self.mode = out, seed, mode
        self.text_files: dict[str, object] = {}
        self.warc_files: dict[str, _WarcFile] = {}
        self.written: list[str] = []
        self.warc_pages = 0

    def _text_file(self, relative: str):  # type: ignore[no-untyped-def]
        handle = self.text_files.get(relative)
        if handle is None:
            for name in [name for name in self.text_files if name.startswith("jsonl/part-")]:
                self.text_files.pop(name).close()  # type: ignore[attr-defined]
            path = self.out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            if relative.endswith(".gz"):
                handle = gzip.GzipFile(filename="", mode="wb", fileobj=open(path, "wb"), mtime=GZIP_MTIME)
            else:
                handle = open(path, "wb")
            self.text_files[relative] = handle
            self.written.append(relative)
        return handle

    def _warc(self, relative: str) -> _WarcFile:
        warc = self.warc_files.get(relative)
        if warc is None:
            for name in list(self.warc_files):
                self.warc_files.pop(name).close()
            path = self.out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            warc = _WarcFile(path, self.seed)
            self.warc_files[relative] = warc
            self.written.append(relative)
        return warc

    def write(self, document: CorpusDocument) -> None:
        if document.format in ("txt", "html"):
            path = self.out / document.path
            path.parent.mkdir(parents=True, exist_ok=True)
            body = document.text + "\n" if document.format == "txt" else document.markup or ""
            path.write_bytes(body.encode("utf-8"))
            self.written.append(document.path)
        elif document.format == "jsonl":
            label = TOPIC_BY_NAME[document.topic].label if document.topic in TOPIC_BY_NAME else document.topic
            self._text_file(document.path).write(_jsonl_line(document, label))  # type: ignore[attr-defined]
        else:
            warc = self._warc(document.path)
            if document.language == "de" and document.markup is not None:
                # A legacy charset declared in the HTTP header, as older German sites still send.
                markup = document.markup.replace('<meta charset="utf-8">', '<meta charset="iso-8859-1">')
                body = markup.encode("iso-8859-1", "xmlcharrefreplace")
                content_type = "text/html; charset=ISO-8859-1"
            elif document.markup is None:
                body, content_type = document.text.encode("utf-8"), "text/plain; charset=utf-8"
            else:
                body, content_type = document.markup.encode("utf-8"), "text/html; charset=utf-8"
            warc.write(document.url, document.date, body, content_type)
            self.warc_pages += 1
            if self.mode == "small" and self.warc_pages == 2:
                host = document.url.split("/")[2]
                warc.write(f"https://{host}/wp-content/uploads/logo.png", document.date, _png_bytes(),
                           "image/png")

    def close(self) -> None:
        for handle in self.text_files.values():
            handle.close()  # type: ignore[attr-defined]
        for warc in self.warc_files.values():
            warc.close()
        self.text_files.clear()
        self.warc_files.clear()


_GENERATED_NAME = re.compile(r"^(d\d{6}-.*\.(txt|html)|pages(-2)?\.jsonl(\.gz)?|part-\d{5}\.jsonl|"
                             r"crawl(-\d{5})?\.warc\.gz)$")


def _remove_stale(out: Path) -> None:
    for folder in FORMATS:
        directory = out / folder
        if directory.is_dir():
            for path in directory.iterdir():
                if path.is_file() and _GENERATED_NAME.match(path.name):
                    path.unlink()


def write_corpus(out: Path, docs: int, seed: int, formats: Sequence[str] = FORMATS, mode: str = "auto",
                 shard_docs: int = DEFAULT_SHARD_DOCS) -> list[str]:
    """Write the corpus into `out`; returns the written paths, relative to `out`."""
    _check_formats(formats)
    mode = resolve_mode(docs, mode)
    out.mkdir(parents=True, exist_ok=True)
    _remove_stale(out)
    writers = _Writers(out, seed, mode)
    try:
        for document in generate(docs, seed, formats, mode, shard_docs):
            writers.write(document)
    finally:
        writers.close()
    return sorted(writers.written)
