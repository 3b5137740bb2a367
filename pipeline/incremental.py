"""Incremental runs: one corpus that grows.

A run into an existing corpus cleans only the inputs it does not hold yet (a file is held
when its path and sha256 are in the corpus's manifest) and deduplicates them against the
whole corpus through the dedup index; the corpus's earlier documents and rejected records
stay as they are, and the new parts are numbered after theirs. A corpus built with another
configuration or pipeline version is refused (exit 2) unless the run is told `--replace`,
which builds a fresh corpus from this input alone.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipeline import __version__
from pipeline.config import Config
from pipeline.io.inputs import InputFile
from pipeline.io.output import PART_FOLDERS, OutputRefused

_PART_NUMBER = re.compile(r"part-(\d{5})\.")


class CorpusMismatch(OutputRefused):
    """The corpus was built with another configuration or version: growing it would mix two."""


@dataclass(frozen=True)
class PreviousCorpus:
    folder: Path
    manifest: dict[str, Any]
    manifest_sha256: str
    next_part: int
    held: frozenset[tuple[str, str]]  # (path, sha256) of every input the corpus holds

    def holds(self, item: InputFile) -> bool:
        return (item.path, item.sha256) in self.held


def read_previous(output_dir: Path) -> PreviousCorpus | None:
    """The corpus at `output_dir` (already checked to be ours), or None if it holds none yet."""
    try:
        raw = (output_dir / "manifest.json").read_bytes()
        manifest = json.loads(raw)
    except (OSError, ValueError):
        return None
    next_part = manifest.get("corpus", {}).get("next_part")
    if not isinstance(next_part, int):  # a corpus written before incremental runs
        numbers = [int(match.group(1)) for name in PART_FOLDERS if (output_dir / name).is_dir()
                   for path in (output_dir / name).iterdir() if (match := _PART_NUMBER.match(path.name))]
        next_part = max(numbers, default=-1) + 1
    held = frozenset((entry["path"], entry["sha256"]) for entry in manifest.get("inputs", []))
    return PreviousCorpus(output_dir, manifest, hashlib.sha256(raw).hexdigest(), next_part, held)


def check_compatible(previous: PreviousCorpus, config: Config) -> None:
    """Refuse to grow a corpus built with another configuration or pipeline version."""
    built = previous.manifest.get("pipeline", {})
    if built.get("config_sha256") == config.digest() and built.get("version") == __version__:
        return
    if built.get("version") != __version__:
        why = f"pipeline version {built.get('version')} (this is {__version__})"
    else:
        changed = changed_keys(previous.manifest.get("config", {}), config.to_dict())
        shown = ", ".join(changed[:5]) + (f" and {len(changed) - 5} more" if len(changed) > 5 else "")
        why = f"another configuration (changed: {shown or 'unknown'})"
    raise CorpusMismatch(
        f"--output {previous.folder} was built with {why}; adding to it would mix documents "
        "cleaned two ways, so nothing was touched. Run again with --replace to build a fresh corpus "
        "from this input alone (documents of inputs no longer there are dropped), or write to "
        "another folder"
    )


def changed_keys(old: Any, new: Any, prefix: str = "") -> list[str]:
    """Dotted names of the keys whose values differ between two configuration dicts."""
    if isinstance(old, dict) and isinstance(new, dict):
        keys = sorted(set(old) | set(new))
        return [found for key in keys
                for found in changed_keys(old.get(key), new.get(key), f"{prefix}{key}.")]
    return [] if old == new else [prefix.rstrip(".")]


def carry_over(previous: PreviousCorpus, work: Path) -> None:
    """Put the previous corpus's parts and index files into the new corpus, by hard link
    (same file system, no copy) where possible; what this run wrote itself wins."""
    for name in (*PART_FOLDERS, "index"):
        source = previous.folder / name
        if not source.is_dir():
            continue
        for path in sorted(source.rglob("*")):
            target = work / name / path.relative_to(source)
            if path.is_dir() or target.exists():
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
