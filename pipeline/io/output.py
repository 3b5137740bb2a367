"""The output folder: which folders a run may replace, the marker that says a corpus is
ours, what killed runs leave beside it, and the swap that puts a new corpus in place.

A run never deletes or overwrites what it did not write: anything that is not absent,
empty, or a corpus this tool wrote (with nothing of anyone else's inside) is refused
before a byte is written.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

MARKER = ".corpus-pipeline"
MARKER_TEXT = '{"written_by": "corpus-pipeline", "layout": 1}\n'
# Top-level entries a run writes; `index/` belongs to the corpus stages, whatever is in it.
OWN_ENTRIES = frozenset({
    "documents", "rejected", "index", "schema", "manifest.json", "README.md", "report.html", MARKER,
})
PART_FOLDERS = ("documents", "rejected")
_PART = re.compile(r"part-\d{5}\.(jsonl\.gz|parquet)")
_SCHEMA_FILE = re.compile(r"(documents|rejected)\.parquet")


class OutputRefused(Exception):
    """The output folder is not ours to replace; the message says why and what to do."""


def check_paths(input_dir: Path, output_dir: Path) -> None:
    """Refuse layouts where writing the output would destroy the input or a file."""
    if output_dir == input_dir:
        raise OutputRefused(f"--output {output_dir} is the input folder; choose another folder")
    if input_dir in output_dir.parents:
        raise OutputRefused(f"--output {output_dir} is inside --input {input_dir}: the corpus would be "
                            "read as input on the next run; write it outside the input folder")
    if output_dir in input_dir.parents:
        raise OutputRefused(f"--input {input_dir} is inside --output {output_dir}: replacing the output "
                            "would delete the input; write the corpus to a folder of its own")
    if output_dir.exists() and not output_dir.is_dir():
        raise OutputRefused(f"--output {output_dir} is a file, not a folder; it was left as it is. "
                            "Choose a folder path (absent, empty, or a corpus this tool wrote)")


def check_replaceable(output_dir: Path) -> None:
    """The output may be replaced only when absent, empty, or a corpus of ours."""
    if not output_dir.exists() or not any(output_dir.iterdir()):
        return
    if not is_corpus(output_dir):
        raise OutputRefused(
            f"--output {output_dir} is not empty and is not a corpus written by corpus-pipeline "
            f"(no {MARKER} marker); nothing was touched. Choose an absent or empty folder, "
            "or move its contents away"
        )
    foreign = foreign_entries(output_dir)
    if foreign:
        shown = ", ".join(foreign[:5]) + (f" and {len(foreign) - 5} more" if len(foreign) > 5 else "")
        raise OutputRefused(
            f"--output {output_dir} is a corpus but holds files this tool did not write ({shown}); "
            "a run replaces the whole folder, so nothing was touched. Move them out and run again"
        )


def is_corpus(folder: Path) -> bool:
    """Our marker, or (corpora written before the marker existed) our manifest."""
    marker = folder / MARKER
    if marker.is_file():
        try:
            return json.loads(marker.read_text(encoding="utf-8")).get("written_by") == "corpus-pipeline"
        except (ValueError, UnicodeDecodeError, AttributeError):
            return False
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError, UnicodeDecodeError):
        return False
    return isinstance(manifest, dict) and "version" in manifest.get("pipeline", {}) and "totals" in manifest


def foreign_entries(folder: Path) -> list[str]:
    """Paths (relative, sorted) inside a corpus folder that a run would not have written."""
    foreign = []
    inner = {"documents": _PART, "rejected": _PART, "schema": _SCHEMA_FILE}
    for entry in sorted(folder.iterdir()):
        if entry.name not in OWN_ENTRIES:
            foreign.append(entry.name)
        elif entry.name in inner and entry.is_dir():
            allowed = inner[entry.name]
            names = sorted(p.name for p in entry.iterdir())
            foreign += [f"{entry.name}/{name}" for name in names if not allowed.fullmatch(name)]
    return foreign


def _debris(output_dir: Path) -> list[Path]:
    """Folders runs leave beside the output: work folders, temporary and retired folders."""
    if not output_dir.parent.is_dir():
        return []
    pattern = re.compile(rf"\.{re.escape(output_dir.name)}\.(partial-\d+|retired-\d+|work-[0-9a-f]{{16}})")
    return [entry for entry in sorted(output_dir.parent.iterdir())
            if pattern.fullmatch(entry.name) and entry.is_dir() and not entry.is_symlink()]


def recover_interrupted_swap(output_dir: Path) -> bool:
    """A run killed between the two renames of `swap_in` leaves no output but its retired
    folder, which is the previous corpus: put it back. Called while holding the lock."""
    retired = [entry for entry in _debris(output_dir) if ".retired-" in entry.name]
    if output_dir.exists() or len(retired) != 1 or not is_corpus(retired[0]):
        return False
    retired[0].rename(output_dir)
    return True


def remove_debris(output_dir: Path, keep: Path | None = None) -> list[str]:
    """Delete what killed runs left beside the output (work folders that cannot be resumed,
    temporary and retired folders), except `keep`, the work folder this run resumes.

    Called only while holding the output's lock, so no live run owns any of them."""
    removed = []
    for entry in _debris(output_dir):
        if entry != keep:
            shutil.rmtree(entry, ignore_errors=True)
            removed.append(entry.name)
    return removed


def swap_in(partial: Path, output_dir: Path) -> None:
    """Replace the previous corpus only once the new one is complete; if the second rename
    fails, the previous corpus is put back."""
    retired = None
    if output_dir.exists():
        retired = output_dir.parent / f".{output_dir.name}.retired-{os.getpid()}"
        output_dir.rename(retired)
    try:
        partial.rename(output_dir)
    except BaseException:
        if retired is not None:
            retired.rename(output_dir)
        raise
    if retired is not None:
        shutil.rmtree(retired, ignore_errors=True)
