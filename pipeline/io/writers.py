"""Writers of output parts (gzipped JSON lines, or Parquet) that give byte-identical files for
identical records."""

from __future__ import annotations

import gzip
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

# pyarrow (about 50 MB a process) is imported by the Parquet writers only: a worker writing
# JSON lines, or the work files between segments, never loads it.
if TYPE_CHECKING:
    import pyarrow as pa
    import pyarrow.parquet as pq

PART_SUFFIXES = {"jsonl": ".jsonl.gz", "parquet": ".parquet"}
# Rows per Parquet row group: a shard's worth of documents is a few thousand, so a part holds
# a few groups; readers can skip or parallelise by group without tiny pages.
PARQUET_ROWS_PER_GROUP = 2000
PARQUET_ZSTD_LEVEL = 3  # zstd's own default: most of the gain of higher levels at a fraction of the time


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


class PartWriter(Protocol):
    count: int

    def write(self, record: dict[str, Any]) -> None: ...

    def close(self) -> None: ...

    def __enter__(self) -> PartWriter: ...

    def __exit__(self, *exc: object) -> None: ...


class ParquetPartWriter:
    """Records of one part as Parquet with a fixed schema, zstd-compressed; like the JSON
    lines writer, the file exists only once closed with records."""

    def __init__(self, path: Path, schema: pa.Schema, rows_per_group: int = PARQUET_ROWS_PER_GROUP) -> None:
        self.path = path
        self.schema = schema
        self.rows_per_group = rows_per_group
        self.count = 0
        self._rows: list[dict[str, Any]] = []
        self._writer: pq.ParquetWriter | None = None

    def write(self, record: dict[str, Any]) -> None:
        self._rows.append(record)
        self.count += 1
        if len(self._rows) >= self.rows_per_group:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._writer is None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.path, self.schema, compression="zstd",
                                            compression_level=PARQUET_ZSTD_LEVEL)
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=self.schema))
        self._rows = []

    def close(self) -> None:
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def __enter__(self) -> ParquetPartWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def part_writer(folder: Path, shard: int, output_format: str, schema: pa.Schema) -> PartWriter:
    """The writer of `folder/part-NNNNN.<suffix>` in the configured output format."""
    path = folder / f"part-{shard:05d}{PART_SUFFIXES[output_format]}"
    if output_format == "parquet":
        return ParquetPartWriter(path, schema)
    return JsonlGzWriter(path)


def write_schema_file(path: Path, schema: pa.Schema) -> None:
    """An empty Parquet file that carries `schema`, for loaders of the JSON lines parts
    (`pyarrow.parquet.read_schema`, `polars.read_parquet_schema`)."""
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    pq.write_table(schema.empty_table(), path, compression="zstd")
