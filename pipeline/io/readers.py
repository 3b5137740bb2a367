"""Readers for the four input formats. Each yields one RawRecord per input record: its
text, or the reason it could not be read. A reader never raises on bad bytes."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from bs4.dammit import EncodingDetector
from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from pipeline.budget import StageTimeout, TimeBudget, timeout_drop
from pipeline.document import Drop, Link, Reason, Source
from pipeline.io.compression import (
    READ_ERRORS,
    InflationLimitExceeded,
    InflationLimits,
    compression,
    open_input,
    strip_compression,
)
from pipeline.io.dates import iso_utc
from pipeline.io.decoding import DecodeError, decode_bytes
from pipeline.io.html import DEFAULT_EXTRACTOR, extract_page

# `.json` is read as JSON lines too: dolma and others name their JSONL shards `.json.gz`.
FORMATS = {".txt": "txt", ".html": "html", ".htm": "html", ".jsonl": "jsonl", ".json": "jsonl",
           ".warc": "warc"}
_READ_CHUNK = 1 << 20


def input_format(path: Path) -> str | None:
    """The format a file name announces (`.gz`, `.zst` transparent), or None if unsupported."""
    found = FORMATS.get(Path(strip_compression(path.name).lower()).suffix)
    if found == "warc" and compression(path) == "zst":
        return None  # zstd WARCs need a dictionary from the file itself; warcio reads none
    return found


@dataclass(slots=True)
class RawRecord:
    source: Source
    text: str | None = None
    drop: Drop | None = None
    title: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ShardItem:
    """A whole file, or the byte range [start, end) of a plain JSONL file whose first
    line is record number `first_record`."""

    path: str
    sha256: str
    format: str
    start: int = 0
    end: int | None = None
    first_record: int = 0


@dataclass(frozen=True, slots=True)
class JsonFields:
    """Which fields of a JSON line hold the text and the record's own id (run.text_field,
    run.id_field); an empty id field means the input has none."""

    text: str = "text"
    id: str = "id"


_NO_BUDGET = TimeBudget(0)
READ_STAGE = "read"


@dataclass(frozen=True, slots=True)
class ReadLimits:
    """What bounds the work and memory of reading: run.max_record_bytes, the inflation
    limits of compressed files, and the time budget of one record."""

    max_record_bytes: int
    inflation: InflationLimits = InflationLimits()
    budget: TimeBudget = _NO_BUDGET


def read_item(root: Path, item: ShardItem, max_record_bytes: int | ReadLimits,
              html_extractor: str = DEFAULT_EXTRACTOR,
              json_fields: JsonFields = JsonFields()) -> Iterator[RawRecord]:
    """The records of one shard item; HTML becomes text by `html_extractor` (run.html_extractor).
    `max_record_bytes` is that limit alone or all the ReadLimits."""
    limits = max_record_bytes if isinstance(max_record_bytes, ReadLimits) else ReadLimits(max_record_bytes)
    path = root / item.path
    if item.format not in FORMATS.values():
        supported = ", ".join(sorted(FORMATS)) + " (optionally .gz or .zst; .warc.gz)"
        yield _unreadable(_source(item, 0), f"{item.path}: unsupported file type (supported: {supported})")
        return
    if item.format == "jsonl":
        yield from _read_jsonl(path, item, limits, json_fields)
    elif item.format == "warc":
        yield from _read_warc(path, item, limits, html_extractor)
    else:
        yield from _read_single(path, item, limits, html_extractor)


def _source(item: ShardItem, record: int, url: str | None = None, date: str | None = None) -> Source:
    return Source(path=item.path, record=record, sha256=item.sha256, format=item.format, url=url, date=date)


def _unreadable(source: Source, message: str, reason: Reason = Reason.UNREADABLE) -> RawRecord:
    return RawRecord(source=source, drop=Drop(reason, {"message": message}))


def _read_single(path: Path, item: ShardItem, limits: ReadLimits, html_extractor: str) -> Iterator[RawRecord]:
    source = _source(item, 0)
    max_record_bytes = limits.max_record_bytes
    try:
        with open_input(path, limits.inflation) as stream:
            data = stream.read(max_record_bytes + 1)
    except InflationLimitExceeded as error:
        yield _unreadable(source, str(error), Reason.TOO_LARGE)
        return
    except READ_ERRORS as error:
        yield _unreadable(source, f"cannot read {item.path}: {type(error).__name__}: {error}")
        return
    if len(data) > max_record_bytes:
        yield _unreadable(source, f"{item.path} is over run.max_record_bytes ({max_record_bytes})",
                          Reason.TOO_LARGE)
        return
    yield _decode_within(limits.budget, data, source, is_html=item.format == "html",
                         html_extractor=html_extractor)


def _decode_within(budget: TimeBudget, data: bytes, source: Source, is_html: bool,
                   declared: str | None = None, html_extractor: str = DEFAULT_EXTRACTOR) -> RawRecord:
    """Decode (and extract) one record within the time budget: a page that would take minutes
    to parse is rejected as a timeout and the file's other records are still read."""
    try:
        with budget.limit():
            return _decode_document(data, source, is_html, declared, html_extractor)
    except StageTimeout as timeout:
        return RawRecord(source=source, drop=timeout_drop(
            READ_STAGE, f"{source.path} record {source.record}", timeout))


def _decode_document(data: bytes, source: Source, is_html: bool, declared: str | None = None,
                     html_extractor: str = DEFAULT_EXTRACTOR) -> RawRecord:
    if is_html and not declared:
        declared = EncodingDetector.find_declared_encoding(data, is_html=True, search_entire_document=False)
    try:
        text, _ = decode_bytes(data, declared)
    except DecodeError as error:
        return _unreadable(source, f"{source.path} record {source.record}: {error}")
    if not is_html:
        return RawRecord(source=source, text=text)
    page = extract_page(text, html_extractor)
    return RawRecord(source=source, text=page.text, title=page.title, links=page.links)


def _read_jsonl(path: Path, item: ShardItem, limits: ReadLimits, fields: JsonFields) -> Iterator[RawRecord]:
    record = item.first_record
    max_record_bytes = limits.max_record_bytes
    try:
        with open_input(path, limits.inflation) as stream:
            if item.start:
                stream.seek(item.start)
            position = item.start
            while item.end is None or position < item.end:
                line = stream.readline(max_record_bytes + 1)
                if not line:
                    break
                position += len(line)
                if len(line) > max_record_bytes and not line.endswith(b"\n"):
                    position += _skip_rest_of_line(stream)
                    yield _unreadable(
                        _source(item, record),
                        f"{item.path} line {record + 1} is over run.max_record_bytes ({max_record_bytes})",
                        Reason.TOO_LARGE,
                    )
                elif line.strip():
                    yield _parse_json_line(line, _source(item, record), fields)
                record += 1
    except InflationLimitExceeded as error:
        yield _unreadable(_source(item, record), f"{error}; the lines after line {record} were not read",
                          Reason.TOO_LARGE)
    except READ_ERRORS as error:
        yield _unreadable(
            _source(item, record),
            f"{item.path} is truncated or corrupt after line {record}: {type(error).__name__}: {error}",
        )


def _skip_rest_of_line(stream: IO[bytes]) -> int:
    skipped = 0
    while True:
        chunk = stream.readline(_READ_CHUNK)
        skipped += len(chunk)
        if not chunk or chunk.endswith(b"\n"):
            return skipped


def _parse_json_line(line: bytes, source: Source, fields: JsonFields) -> RawRecord:
    where = f"{source.path} line {source.record + 1}"
    try:
        # NaN and Infinity are not JSON: downstream loaders refuse them, so they become null.
        value = _valid_unicode(json.loads(line, parse_constant=lambda name: None), _MAX_JSON_DEPTH)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return _unreadable(source, f"{where} is not valid JSON: {error}")
    except (RecursionError, _TooDeep):
        return _unreadable(source, f"{where} nests deeper than {_MAX_JSON_DEPTH} levels")
    if not isinstance(value, dict):
        return _unreadable(source, f"{where} is a JSON {type(value).__name__}, not an object")
    text = value.pop(fields.text, None)
    if not isinstance(text, str):
        return _unreadable(source, f"{where} has no string field {fields.text!r}")
    source.url = _take(value, "url", lambda url: url if isinstance(url, str) else None)
    source.date = _take(value, "date", lambda date: iso_utc(date) if isinstance(date, str) else None)
    if fields.id:
        source.id = _take(value, fields.id, _record_id)
    return RawRecord(source=source, text=text, metadata=value)


class _TooDeep(Exception):
    pass


# Input metadata deeper than this is not metadata; writing it again later (in a worker, whose
# stack is deeper than the reader's) could pass the interpreter's recursion limit.
_MAX_JSON_DEPTH = 64
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_unicode(value: Any, depth: int) -> Any:
    """The parsed line with every lone surrogate (JSON's "\\ud800", which no UTF-8 writer can
    encode) replaced by U+FFFD, as a decoder does with a broken byte."""
    if isinstance(value, str):
        if value.isascii() or not _LONE_SURROGATE.search(value):
            return value
        return _LONE_SURROGATE.sub("\ufffd", value)
    if depth <= 0 and isinstance(value, (dict, list)):
        raise _TooDeep
    if isinstance(value, dict):
        return {_valid_unicode(key, depth): _valid_unicode(item, depth - 1) for key, item in value.items()}
    if isinstance(value, list):
        return [_valid_unicode(item, depth - 1) for item in value]
    return value


def _take(value: dict[str, Any], key: str, convert: Any) -> Any:
    """Move `value[key]` to provenance when `convert` accepts it; otherwise it stays in the
    metadata as it was, so nothing of the input is lost."""
    if key not in value:
        return None
    converted = convert(value[key])
    if converted is not None:
        del value[key]
    return converted


def _record_id(raw: Any) -> str | None:
    if isinstance(raw, bool):
        return None
    return str(raw) if isinstance(raw, (str, int)) else None


def _read_warc(path: Path, item: ShardItem, limits: ReadLimits, html_extractor: str) -> Iterator[RawRecord]:
    """warcio parses the archive from our own decompressed stream (gzip members one after
    the other), so the inflation limits hold for every record, skipped ones too, and a cut
    or corrupt member raises instead of ending the archive quietly."""
    record = 0
    problem = None
    reason = Reason.UNREADABLE
    try:
        with open_input(path, limits.inflation, sniff=True, buffered=False) as stream:
            archive = ArchiveIterator(stream)
            for warc_record in archive:
                if warc_record.rec_type != "response":
                    continue
                yield _warc_response(warc_record, _source(item, record), limits, html_extractor)
                record += 1
            problem = _unread_tail(stream, archive.offset)
    except InflationLimitExceeded as error:
        problem, reason = str(error), Reason.TOO_LARGE
    # warcio raises many kinds of errors on damaged input (AttributeError among them), and
    # a damaged archive must cost only its own records, never the run.
    except (ArchiveLoadFailed, *READ_ERRORS, ValueError, AttributeError, TypeError) as error:
        problem = f"{type(error).__name__}: {error}"
    if problem is not None:
        what = "is too large" if reason is Reason.TOO_LARGE else "is truncated or corrupt"
        yield _unreadable(_source(item, record), f"{item.path} {what} after {record} responses: {problem}",
                          reason)


def _unread_tail(stream: IO[bytes], offset: int) -> str | None:
    """Why the archive ended early, or None when warcio read all of it: warcio stops quietly
    where it cannot parse a record, and at a cut inside a record's headers. The rest of the
    stream is read (within the limits), so a cut member raises here at the latest."""
    while stream.read(_READ_CHUNK):
        pass
    size = stream.tell()
    if offset < size:
        return f"{size - offset} bytes after offset {offset} could not be read"
    return None


def _warc_response(warc_record: Any, source: Source, limits: ReadLimits, html_extractor: str) -> RawRecord:
    source.url = warc_record.rec_headers.get_header("WARC-Target-URI")
    source.date = iso_utc(warc_record.rec_headers.get_header("WARC-Date") or "")
    content_type = ""
    if warc_record.http_headers is not None:
        content_type = warc_record.http_headers.get_header("Content-Type") or ""
    mime, _, params = content_type.partition(";")
    mime = mime.strip().lower()
    if mime and not (mime.startswith("text/") or mime in ("application/xhtml+xml", "application/xml")):
        return RawRecord(source=source, drop=Drop(Reason.UNSUPPORTED_CONTENT, {
            "message": f"{source.path} response {source.record} ({source.url}) is {mime}, not HTML or text"}))
    max_record_bytes = limits.max_record_bytes
    data = warc_record.content_stream().read(max_record_bytes + 1)
    if len(data) > max_record_bytes:
        return _unreadable(source, f"{source.path} response {source.record} is over run.max_record_bytes "
                                   f"({max_record_bytes})", Reason.TOO_LARGE)
    declared = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            declared = value.strip().strip('"\'')
    return _decode_within(limits.budget, data, source, is_html=mime != "text/plain", declared=declared,
                          html_extractor=html_extractor)
