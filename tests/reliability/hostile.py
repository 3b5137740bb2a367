"""Builders of hostile documents and inputs shared by the reliability tests."""

import gzip

import zstandard

from pipeline.document import Document, Source


def document(text: str, path: str = "hostile.txt") -> Document:
    return Document(id="0" * 24, text=text, source=Source(path, 0, "0" * 64, "txt"))


def gzip_bomb(inflated_mb: int, head: bytes = b"") -> bytes:
    """A gzip file of `head` then `inflated_mb` MB of zeros: one member of 1 MB repeated, so
    a bomb of gigabytes costs kilobytes to build."""
    member = gzip.compress(b"\0" * (1 << 20), compresslevel=9, mtime=0)
    return (gzip.compress(head, mtime=0) if head else b"") + member * inflated_mb


def zstd_bomb(inflated_mb: int, head: bytes = b"") -> bytes:
    compressor = zstandard.ZstdCompressor(level=19)
    frame = compressor.compress(b"\0" * (1 << 20))
    return (compressor.compress(head) if head else b"") + frame * inflated_mb


def warc_record(kind: str, uri: str, body: bytes, content_type: str = "text/html") -> bytes:
    """One uncompressed WARC record (a response carries an HTTP header block)."""
    if kind == "response":
        body = f"HTTP/1.1 200 OK\r\nContent-Type: {content_type}\r\n\r\n".encode() + body
        kind_header = "application/http; msgtype=response"
    else:
        kind_header = content_type
    head = (f"WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n"
            f"WARC-Date: 2024-05-01T10:00:00Z\r\nWARC-Record-ID: <urn:uuid:{abs(hash(uri)):032x}>\r\n"
            f"Content-Type: {kind_header}\r\nContent-Length: {len(body)}\r\n\r\n").encode()
    return head + body + b"\r\n\r\n"
