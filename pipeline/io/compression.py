"""Compressed inputs: `.gz` and `.zst` are read transparently, and a stream cut short is an
error, never a silent end of file."""

from __future__ import annotations

import gzip
import io
import zlib
from pathlib import Path
from typing import IO, cast

import zstandard

SUFFIXES = (".gz", ".zst")
# What a damaged compressed stream raises while being read (gzip.BadGzipFile is an OSError).
READ_ERRORS = (EOFError, OSError, zlib.error, zstandard.ZstdError)
_CHUNK = 1 << 16


def compression(path: Path) -> str | None:
    """"gz", "zst" or None, from the file name."""
    name = path.name.lower()
    return next((suffix[1:] for suffix in SUFFIXES if name.endswith(suffix)), None)


def strip_compression(name: str) -> str:
    lowered = name.lower()
    for suffix in SUFFIXES:
        if lowered.endswith(suffix):
            return name[: -len(suffix)]
    return name


def open_input(path: Path) -> IO[bytes]:
    kind = compression(path)
    if kind == "gz":
        # GzipFile reads bytes like any binary file; typeshed does not declare it an IO[bytes].
        return cast(IO[bytes], gzip.open(path, "rb"))
    if kind == "zst":
        return io.BufferedReader(_ZstdStream(open(path, "rb")), buffer_size=_CHUNK)
    return open(path, "rb")


class _ZstdStream(io.RawIOBase):
    """Frame after frame of a zstd file. zstandard's own stream reader ends quietly inside
    a truncated frame, which would drop the records after the cut without a word."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self._frame = zstandard.ZstdDecompressor().decompressobj()
        self._in_frame = False  # bytes of an unfinished frame have been fed
        self._pending = b""

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._pending:
            chunk = self._raw.read(_CHUNK)
            if not chunk:
                if self._in_frame:
                    raise EOFError("the zstd stream ends inside a frame (the file is truncated)")
                return 0
            self._pending = self._feed(chunk)
        count = min(len(buffer), len(self._pending))
        buffer[:count] = self._pending[:count]
        self._pending = self._pending[count:]
        return count

    def _feed(self, data: bytes) -> bytes:
        output = []
        while data:
            output.append(self._frame.decompress(data))
            self._in_frame = not self._frame.eof
            if not self._frame.eof:
                break
            data = self._frame.unused_data
            self._frame = zstandard.ZstdDecompressor().decompressobj()
        return b"".join(output)

    def close(self) -> None:
        self._raw.close()
        super().close()
