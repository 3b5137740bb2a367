"""Hypothesis strategies for hostile input: Unicode that breaks naive code, bytes in lying
encodings, HTML nested and unclosed, JSON lines that are not documents, WARC records cut
anywhere, compressed files cut anywhere."""

import gzip
import json

import zstandard
from hypothesis import strategies as st

from tests.reliability.conftest import deep
from tests.reliability.hostile import warc_record

# A huge line: a run of one unit this long (the deep profile goes to 100,000 units).
HUGE = 100_000 if deep() else 5_000

# Characters and runs that break naive text code: NUL and other controls, bidirectional
# marks and overrides, zero-width joiners and spaces, a BOM inside the text, lone
# surrogates, line and paragraph separators, a letter with 1,000 combining accents.
HOSTILE_PIECES = [
    "\x00",
    "\x01\x02\x7f",
    "\u200e",
    "\u200f",
    "\u202e",
    "\u2066\u2069",
    "\u200d",
    "\u200b\u200c",
    "\ufeff",
    "\ud800",
    "\udfff",
    "\u2028",
    "\u2029",
    "\r",
    "\r\n",
    "\x0b\x0c",
    "\x85",
    "e" + "\u0301" * 1000,
    "\U0001f469\u200d\U0001f469\u200d\U0001f467",
    "\ufffd",
    "\U0010ffff",
    "<EMAIL>",
    "http://",
    "www.",
    "@",
    "1-",
    "a.",
    "[at]",
]
WORDS = [
    "the",
    "page",
    "Kétamine",
    "for",
    "sale",
    "online",
    "canada",
    "call",
    "+1 415 555 2671",
    "mail@example.com",
    "http://bucket.s3.amazonaws.com/x",
    "Read more",
    "views",
    "Share",
    "© 2024",
    "Sources:",
    "日本語",
    "العربية",
    "עברית",
    "Ελληνικά",
]


def hostile_text(max_pieces: int = 30, huge: int = HUGE) -> st.SearchStrategy[str]:
    """Text mixing ordinary words, arbitrary Unicode, hostile pieces and huge lines."""
    piece = st.one_of(
        st.text(max_size=40),
        st.sampled_from(HOSTILE_PIECES),
        st.lists(st.sampled_from(WORDS), min_size=1, max_size=30).map(" ".join),
        st.sampled_from(["a", "a ", "1-", "a@", "a.", "\n"]).map(lambda unit: unit * huge),
    )
    return st.lists(piece, max_size=max_pieces).map("".join)


ENCODINGS = ["utf-8", "utf-16", "utf-32", "utf-8-sig", "latin-1", "cp1252", "shift_jis", "koi8-r"]


@st.composite
def encoded_text(draw) -> bytes:
    """Text encoded in one encoding, sometimes with bytes of another spliced in."""
    text = draw(hostile_text(max_pieces=12, huge=2_000))
    encoding = draw(st.sampled_from(ENCODINGS))
    data = text.encode(encoding, errors="surrogatepass" if encoding.startswith("utf") else "replace")
    if draw(st.booleans()):
        data += draw(st.binary(max_size=64))
    return data


@st.composite
def html_page(draw) -> bytes:
    """A page whose tags nest, stay unclosed, or declare a charset that is not the real one."""
    depth = draw(st.integers(0, 2_000))
    tag = draw(st.sampled_from(["div", "b", "p", "li", "table", "span", "a href='x'", "td"]))
    closing = draw(st.booleans())
    body = draw(hostile_text(max_pieces=8, huge=1_000))
    declared = draw(st.sampled_from(["", "utf-8", "utf-16", "windows-1252", "shift_jis", "bogus"]))
    real = draw(st.sampled_from(["utf-8", "cp1252", "utf-16"]))
    head = f'<meta charset="{declared}">' if declared else ""
    title = draw(st.sampled_from(["", "<title>" + body[:50], "<title>t</title>"]))
    html = (
        f"<html><head>{head}{title}</head><body>"
        + f"<{tag}>" * depth
        + body
        + (f"</{tag.split()[0]}>" * depth if closing else "")
        + draw(st.sampled_from(["", "</body></html>"]))
    )
    return html.encode(real, errors="replace")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def json_line(draw) -> bytes:
    """One line: a document, an object whose text is not a string, a value that is not an
    object, broken JSON, raw bytes, or a blank line."""
    kind = draw(
        st.sampled_from(
            ["document", "document", "wrong_text", "not_object", "broken", "bytes", "blank", "escaped"]
        )
    )
    if kind == "document":
        record = {"text": draw(hostile_text(max_pieces=6, huge=500))}
        record.update(
            draw(
                st.dictionaries(
                    st.sampled_from(["id", "url", "date", "meta", "text2"]), JSON_VALUES, max_size=3
                )
            )
        )
        return json.dumps(record, ensure_ascii=draw(st.booleans()), allow_nan=True).encode(
            "utf-8", errors="surrogatepass"
        )
    if kind == "wrong_text":
        return json.dumps({"text": draw(JSON_VALUES.filter(lambda v: not isinstance(v, str)))}).encode()
    if kind == "not_object":
        return json.dumps(draw(JSON_VALUES.filter(lambda v: not isinstance(v, dict)))).encode()
    if kind == "broken":
        return draw(
            st.sampled_from(
                [
                    b'{"text": "unterminated',
                    b"{",
                    b"}",
                    b'{"text": "a",}',
                    b"NaN",
                    b'{"text": "\\ud800\\udc00\\ud800"}',
                    b"[" * 2000,
                ]
            )
        )
    if kind == "bytes":
        return draw(st.binary(max_size=80)).replace(b"\n", b" ")
    if kind == "escaped":
        return (
            b'{"text": "'
            + draw(st.sampled_from([b"\\u0000", b"\\ud800", b"\\udfff x", b"\\\\", b"\\u202e"]))
            + b'"}'
        )
    return draw(st.sampled_from([b"", b"   ", b"\t"]))


@st.composite
def json_lines_file(draw) -> bytes:
    lines = draw(st.lists(json_line(), max_size=12))
    return b"\n".join(lines) + draw(st.sampled_from([b"\n", b"", b"\r\n"]))


@st.composite
def warc_file(draw) -> bytes:
    """Records of several types, each gzipped or not, then maybe cut anywhere."""
    records = []
    for index in range(draw(st.integers(0, 5))):
        kind = draw(st.sampled_from(["response", "response", "request", "warcinfo", "resource"]))
        content_type = draw(
            st.sampled_from(
                [
                    "text/html",
                    "text/plain; charset=latin-1",
                    "image/png",
                    "text/html; charset=bogus",
                    "",
                    "application/xhtml+xml",
                ]
            )
        )
        body = draw(st.one_of(html_page(), encoded_text(), st.binary(max_size=200)))
        records.append(warc_record(kind, f"https://h{index}.example/{index}", body, content_type))
    compressed = draw(st.booleans())
    data = b"".join(gzip.compress(record, mtime=0) if compressed else record for record in records)
    return cut(draw, data)


def cut(draw, data: bytes) -> bytes:
    """The data whole, or cut at a drawn point, or with a drawn byte flipped."""
    how = draw(st.sampled_from(["whole", "whole", "cut", "flip"]))
    if not data or how == "whole":
        return data
    position = draw(st.integers(0, len(data) - 1))
    if how == "cut":
        return data[:position]
    return data[:position] + bytes([data[position] ^ 0xFF]) + data[position + 1 :]


@st.composite
def compressed(draw, data: bytes, kind: str) -> bytes:
    packed = gzip.compress(data, mtime=0) if kind == "gz" else zstandard.ZstdCompressor().compress(data)
    return cut(draw, packed)
