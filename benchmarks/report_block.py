"""The marker blocks of BENCHMARKS.md that benchmarks rewrite with their latest figures."""

from __future__ import annotations

from pathlib import Path

BENCHMARKS_MD = Path(__file__).resolve().parent.parent / "BENCHMARKS.md"


def replace_block(name: str, text: str, path: Path = BENCHMARKS_MD) -> None:
    """Put `text` between `<!-- NAME:begin -->` and `<!-- NAME:end -->`, leaving the rest."""
    begin, end = f"<!-- {name}:begin -->", f"<!-- {name}:end -->"
    current = path.read_text(encoding="utf-8")
    if begin not in current or end not in current:
        raise SystemExit(f"{path.name} has no {begin} ... {end} block to replace")
    head, rest = current.split(begin, 1)
    _, tail = rest.split(end, 1)
    path.write_text(f"{head}{begin}\n{text}\n{end}{tail}", encoding="utf-8")
