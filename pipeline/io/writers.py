"""Writers of gzipped JSON Lines that give byte-identical files for identical records."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def dumps(record: dict[str, Any]) -> str:
    # allow_nan=False: downstream loaders (pyarrow, datasets) reject NaN, so fail loudly here.
    return json.dumps(record, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


class JsonlGzWriter:
    """Append records to `path`; the file exists only once the writer is closed with records.

    gzip's header holds a timestamp and the file name; both are fixed so that the same
    records always give the same bytes.
    """

    def __init__(self, path: Path, keep_empty: bool = False) -> None:
        self.path = path
        self.keep_empty = keep_empty
        self.count = 0
        self._raw: io.BufferedWriter | None = None
        self._gzip: gzip.GzipFile | None = None

    def write(self, record: dict[str, Any]) -> None:
        if self._gzip is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._raw = open(self.path, "wb")
            self._gzip = gzip.GzipFile(filename="", mode="wb", fileobj=self._raw, mtime=0, compresslevel=6)
        self._gzip.write((dumps(record) + "\n").encode("utf-8"))
        self.count += 1

    def close(self) -> None:
        if self._gzip is None and self.keep_empty:
            self.write_nothing()
        if self._gzip is not None:
            self._gzip.close()
            assert self._raw is not None
            self._raw.close()
            self._gzip = self._raw = None

    def write_nothing(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path, "wb") as raw, gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0):
            pass

    def __enter__(self) -> JsonlGzWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def read_jsonl_gz(path: Path) -> Iterator[dict[str, Any]]:
    with gzip.open(path, "rt", encoding="utf-8") as stream:
        for line in stream:
            yield json.loads(line)
