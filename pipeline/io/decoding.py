"""Bytes to text without crashing: BOMs, UTF-8, declared charsets, then detection."""

from __future__ import annotations

import codecs

import charset_normalizer

# A text file has almost no C0 control characters besides tab, newline, carriage return
# and form feed; more than this share means a binary file that happens to decode.
_MAX_CONTROL_SHARE = 0.01
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# How much more "chaos" (charset_normalizer's mess score, 0..1) windows-1252 may show and
# still win over the top guess: a few accented letters read as symbols cost about 0.06.
_NEAR_TIE_CHAOS = 0.1
_ALLOWED_CONTROLS = {"\t", "\n", "\r", "\f"}


class DecodeError(ValueError):
    """The bytes are not text in any encoding we can tell; the message says why."""


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding). Tries, in order: a BOM, strict UTF-8, the declared
    charset (HTTP header or HTML meta), then statistical detection."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data.decode(encoding, errors="replace"), encoding), encoding
    if b"\x00" in data:
        raise DecodeError("binary content: NUL bytes and no UTF-16/32 byte-order mark")
    try:
        return _checked(data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            codecs.lookup(declared)
            return _checked(data.decode(declared), declared), declared
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declaration is common; fall through to detection
    matches = charset_normalizer.from_bytes(data)
    best = matches.best()
    if best is None or best.encoding is None:
        raise DecodeError("no text encoding fits these bytes (binary content?)")
    best = _prefer_windows_1252(matches, best)
    return _checked(str(best), best.encoding), best.encoding


def _prefer_windows_1252(matches, best):  # type: ignore[no-untyped-def]
    """Short Western text fits several single-byte code pages almost equally well; the web's
    legacy default (HTML's fallback for undeclared pages) is windows-1252, so it wins a near tie."""
    for match in matches:
        if (
            match.encoding == "cp1252"
            and match.chaos <= best.chaos + _NEAR_TIE_CHAOS
            and match.coherence >= best.coherence
        ):
            return match
    return best


def _checked(text: str, encoding: str) -> str:
    if text:
        controls = sum(1 for ch in text if ch < " " and ch not in _ALLOWED_CONTROLS)
        if controls / len(text) > _MAX_CONTROL_SHARE:
            raise DecodeError(
                f"binary content: {controls} control characters in {len(text)} after decoding as {encoding}"
            )
    return text
