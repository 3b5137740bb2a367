import pytest

from pipeline.io.decoding import DecodeError, decode_bytes

JAPANESE = "日本語のテキストです。これは文字コードの判定を試すための文章です。" * 4
FRENCH = "Le café où nous étions était fermé. Où êtes-vous allés à Noël ? Très déçu, évidemment."


def test_utf8_is_taken_as_it_is():
    assert decode_bytes("naïve café".encode()) == ("naïve café", "utf-8")


def test_latin1_text_is_detected():
    text, encoding = decode_bytes(FRENCH.encode("latin-1"))
    assert text == FRENCH
    assert encoding != "utf-8"


def test_shift_jis_text_is_detected():
    text, _ = decode_bytes(JAPANESE.encode("shift_jis"))
    assert text == JAPANESE


def test_declared_charset_is_used_when_utf8_fails():
    text, encoding = decode_bytes("Grüße".encode("cp1252"), declared="cp1252")
    assert (text, encoding) == ("Grüße", "cp1252")


def test_wrong_declared_charset_falls_back_to_detection():
    text, _ = decode_bytes(JAPANESE.encode("shift_jis"), declared="no-such-codec")
    assert text == JAPANESE


def test_utf16_with_bom_is_decoded():
    text, _ = decode_bytes("hello world".encode("utf-16"))
    assert text == "hello world"


def test_binary_with_nul_bytes_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_control_character_soup_is_refused():
    with pytest.raises(DecodeError, match="binary"):
        decode_bytes(bytes([1, 2, 3, 4, 5, 6, 7, 8, 14, 15] * 20) + b"abc")
