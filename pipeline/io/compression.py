"""Compressed inputs: `.gz` and `.zst` are read transparently, a stream cut short is an
error, never a silent end of file, and a bomb (a small file that inflates without end) is
stopped once it passes the limits, never inflated whole."""

from __future__ import annotations

import gzip
import io
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import zstandard

SUFFIXES = (".gz", ".zst")
# What a damaged compressed stream raises while being read (gzip.BadGzipFile is an OSError).
READ_ERRORS = (EOFError, OSError, zlib.error, zstandard.ZstdError)
_CHUNK = 1 << 16
_GZIP_MAGIC = b"\x1f\x8b"
# zstd input is fed in pieces this small: one call inflates a piece whole, and an RLE block
# of 128 KB costs 4 bytes, so 1 KB can become 32 MB at most (64 KB could become 2 GB).
_ZSTD_PIECE = 1 << 10
# The inflation ratio is judged only past this much output: small files of repeated bytes
# (a page of spaces) compress far beyond any ratio and are no danger.
RATIO_FLOOR_BYTES = 100_000_000


@dataclass(frozen=True, slots=True)
class InflationLimits:
    """How far one compressed file may inflate (run.max_inflated_bytes, run.max_inflation_ratio);
    0 turns a limit off."""

    max_bytes: int = 0
    max_ratio: float = 0.0


class InflationLimitExceeded(Exception):
    """A compressed file inflates past the limits: a bomb, or a file too large to take."""


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


def open_input(path: Path, limits: InflationLimits = InflationLimits(), sniff: bool = False,
               buffered: bool = True) -> IO[bytes]:
    """The file's bytes, decompressed by its name (or, with `sniff`, by its first bytes: WARC
    files are gzipped whatever they are called), held to `limits`.

    Unbuffered (`buffered=False`), a read returns what one step of inflation gave, so the
    bytes before a cut always come out before the error; a buffered `read(n)` that meets the
    cut while filling its n bytes loses them (`readline` does not)."""
    kind = compression(path)
    if sniff:
        with open(path, "rb") as head:
            kind = "gz" if head.read(2) == _GZIP_MAGIC else kind if kind == "zst" else None
    if kind is None:
        return open(path, "rb")
    counted = _CountingReader(open(path, "rb"))
    inflated: gzip.GzipFile | io.RawIOBase = (gzip.GzipFile(fileobj=counted, mode="rb") if kind == "gz"
                                              else _ZstdStream(counted))
    limited = _Limited(inflated, counted, limits, path.name)
    return io.BufferedReader(limited, buffer_size=_CHUNK) if buffered else limited  # type: ignore[return-value]


class _CountingReader(io.RawIOBase):
    """The compressed file, counting the bytes the decompressor has taken from it."""

    def __init__(self, raw: io.BufferedReader) -> None:
        self.raw = raw
        self.consumed = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        count = self.raw.readinto(buffer)
        self.consumed += count or 0
        return count

    def close(self) -> None:
        self.raw.close()
        super().close()


class _Limited(io.RawIOBase):
    """Inflated bytes, counted against the limits as they come out. An error is raised again
    by every later read: a reader that catches it (warcio takes an EOFError inside a record's
    headers for the end of the archive) cannot read on past a cut as if nothing happened."""

    def __init__(self, inflated: gzip.GzipFile | io.RawIOBase, counted: _CountingReader,
                 limits: InflationLimits, name: str) -> None:
        self.inflated, self.counted, self.limits, self.name = inflated, counted, limits, name
        self.produced = 0
        self._error: BaseException | None = None

    def readable(self) -> bool:
        return True

    def tell(self) -> int:
        return self.produced

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        if self._error is not None:
            raise self._error
        try:
            if isinstance(self.inflated, gzip.GzipFile):
                data = self.inflated.read1(len(buffer))  # one step, so nothing read is dropped
                count = len(data)
                buffer[:count] = data
            else:
                count = self.inflated.readinto(buffer)
            self.produced += count
            self._check()
        except (*READ_ERRORS, InflationLimitExceeded) as error:
            self._error = error
            raise
        return count

    def _check(self) -> None:
        limits = self.limits
        if limits.max_bytes and self.produced > limits.max_bytes:
            raise InflationLimitExceeded(
                f"{self.name} inflates past run.max_inflated_bytes ({limits.max_bytes:,} bytes)")
        if limits.max_ratio and self.produced > RATIO_FLOOR_BYTES \
                and self.produced > limits.max_ratio * max(self.counted.consumed, 1):
            raise InflationLimitExceeded(
                f"{self.name} inflates more than run.max_inflation_ratio ({limits.max_ratio:g}) times "
                f"its compressed size ({self.produced:,} bytes from {self.counted.consumed:,}): "
                "a decompression bomb, or raise the limit")

    def close(self) -> None:
        self.inflated.close()
        self.counted.close()
        super().close()


class _ZstdStream(io.RawIOBase):
    """Frame after frame of a zstd file. zstandard's own stream reader ends quietly inside
    a truncated frame, which would drop the records after the cut without a word."""

    def __init__(self, raw: IO[bytes] | io.RawIOBase) -> None:
        self._raw = raw
        self._frame = zstandard.ZstdDecompressor().decompressobj()
        self._in_frame = False  # bytes of an unfinished frame have been fed
        self._input = memoryview(b"")
        self._pending = memoryview(b"")

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
        while not self._pending:
            if not self._input:
                chunk = self._raw.read(_CHUNK)
                if not chunk:
                    if self._in_frame:
                        raise EOFError("the zstd stream ends inside a frame (the file is truncated)")
                    return 0
                self._input = memoryview(chunk)
            piece, self._input = self._input[:_ZSTD_PIECE], self._input[_ZSTD_PIECE:]
            self._pending = memoryview(self._feed(bytes(piece)))
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
