"""Finding input files, hashing them, and cutting the work into shards."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pipeline.io.compression import compression
from pipeline.io.readers import ShardItem, input_format

_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class InputFile:
    path: str  # relative to the input folder, forward slashes
    sha256: str
    bytes: int
    format: str  # txt | html | jsonl | warc | unsupported


@dataclass(frozen=True, slots=True)
class Shard:
    index: int
    items: tuple[ShardItem, ...]


def find_inputs(root: Path) -> list[Path]:
    """Every regular file below `root`, sorted, skipping hidden files and folders."""
    found = []
    for path in root.rglob("*"):
        relative = path.relative_to(root)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.is_file():
            found.append(path)
    return sorted(found, key=lambda p: p.relative_to(root).as_posix())


def plan(
    root: Path, shard_bytes: int, shard_files: int,
    select: Callable[[InputFile], bool] | None = None, first_index: int = 0,
) -> tuple[list[InputFile], list[Shard]]:
    """Hash every input and group the work into shards that depend only on the input and
    the configuration (never on the number of workers), so output layout is reproducible.

    Every input is returned; only those `select` accepts (all by default: an incremental
    run leaves out what the corpus already holds) are cut into shards, numbered from
    `first_index`."""
    inputs: list[InputFile] = []
    items: list[tuple[ShardItem, int]] = []  # item and its size in bytes
    for path in find_inputs(root):
        relative = path.relative_to(root).as_posix()
        fmt = input_format(path) or "unsupported"
        splittable = fmt == "jsonl" and compression(path) is None
        digest, size, cuts = _hash_and_cut(path, shard_bytes if splittable else None)
        inputs.append(InputFile(relative, digest, size, fmt))
        if select is not None and not select(inputs[-1]):
            continue
        bounds = [(0, 0)] + cuts + [(size, -1)]
        for (start, first_record), (end, _) in zip(bounds, bounds[1:], strict=False):
            end_or_none = None if end == size else end
            items.append((ShardItem(relative, digest, fmt, start, end_or_none, first_record), end - start))
    return inputs, _group(items, shard_bytes, shard_files, first_index)


def _hash_and_cut(path: Path, shard_bytes: int | None) -> tuple[str, int, list[tuple[int, int]]]:
    """sha256 and size of a file; for a splittable file also the cut points: (byte offset
    of a line start, its line number) roughly every `shard_bytes`."""
    digest = hashlib.sha256()
    size = 0
    lines = 0
    cuts: list[tuple[int, int]] = []
    next_cut = shard_bytes
    with open(path, "rb") as stream:
        while chunk := stream.read(_CHUNK):
            if shard_bytes is not None:
                position = 0
                while next_cut is not None and size + len(chunk) > next_cut:
                    newline = chunk.find(b"\n", max(next_cut - size, position))
                    if newline < 0:
                        break
                    lines += chunk.count(b"\n", position, newline + 1)
                    position = newline + 1
                    cuts.append((size + position, lines))
                    next_cut = size + position + shard_bytes
                lines += chunk.count(b"\n", position)
            digest.update(chunk)
            size += len(chunk)
    if cuts and cuts[-1][0] >= size:
        cuts.pop()
    return digest.hexdigest(), size, cuts


def _group(
    items: list[tuple[ShardItem, int]], shard_bytes: int, shard_files: int, first_index: int
) -> list[Shard]:
    shards: list[Shard] = []
    current: list[ShardItem] = []
    current_bytes = 0
    for item, size in items:
        if current and (current_bytes + size > shard_bytes or len(current) >= shard_files):
            shards.append(Shard(first_index + len(shards), tuple(current)))
            current, current_bytes = [], 0
        current.append(item)
        current_bytes += size
    if current:
        shards.append(Shard(first_index + len(shards), tuple(current)))
    return shards
