"""The plan of a corpus: which kind and format each document number gets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .documents import JUNK_KINDS, LANGUAGES, LARGE_SIDE_FORMAT_EVERY, NEAR_DUPLICATE_VARIANTS
from .sites import _rng


@dataclass(frozen=True, slots=True)
class _Slot:
    kind: str
    format: str
    extra: str | None = None  # junk kind, language, near-duplicate variant


def _counts(docs: int) -> dict[str, int]:
    """How many documents of each special kind; the rest are articles."""
    if docs < 20:
        return {}
    # Shares for large corpora, with floors so that a sample of a few dozen still shows
    # every kind at least once (and every near-duplicate variant).
    return {
        "junk": max(len(JUNK_KINDS), round(docs * 0.03)),
        "non_english": max(len(LANGUAGES), round(docs * 0.01)),
        "near_duplicate": max(len(NEAR_DUPLICATE_VARIANTS), round(docs * 0.06)),
        "spun": max(2, round(docs * 0.02)),
    }


def _formats_for(docs: int, formats: Sequence[str], mode: str) -> list[str]:
    if mode == "small":
        return [formats[index % len(formats)] for index in range(docs)]
    side = [fmt for fmt in formats if fmt != "jsonl"]
    out = []
    for index in range(docs):
        if "jsonl" not in formats:
            out.append(side[index % len(side)])
        elif side and index % LARGE_SIDE_FORMAT_EVERY == LARGE_SIDE_FORMAT_EVERY - 1:
            out.append(side[(index // LARGE_SIDE_FORMAT_EVERY) % len(side)])
        else:
            out.append("jsonl")
    return out


def _swap_format(ordered: list[tuple[str, str | None]], fmt: list[str], wanted: tuple[str, str | None],
                 targets: Sequence[str]) -> None:
    """Give the first `wanted` document one of the `targets` formats, trading with the
    nearest article that has one (a no-op when no target format was requested)."""
    if wanted not in ordered or fmt[ordered.index(wanted)] in targets:
        return
    position = ordered.index(wanted)
    candidates = [n for n, f in enumerate(fmt) if f in targets and ordered[n][0] in ("clean", "defective")]
    if candidates:
        other = min(candidates, key=lambda n: abs(n - position))
        fmt[position], fmt[other] = fmt[other], fmt[position]


def plan_slots(docs: int, seed: int, formats: Sequence[str], mode: str) -> list[_Slot]:
    """The kind and format of every document, in order. Copies (near-duplicates, spun)
    never come before the first articles they could copy."""
    rng = _rng(seed, "plan")
    counts = _counts(docs)
    kinds: list[tuple[str, str | None]] = []
    kinds += [("junk", JUNK_KINDS[n % len(JUNK_KINDS)]) for n in range(counts.get("junk", 0))]
    kinds += [("non_english", LANGUAGES[n % len(LANGUAGES)]) for n in range(counts.get("non_english", 0))]
    kinds += [("near_duplicate", NEAR_DUPLICATE_VARIANTS[n % len(NEAR_DUPLICATE_VARIANTS)])
              for n in range(counts.get("near_duplicate", 0))]
    kinds += [("spun", None)] * counts.get("spun", 0)
    articles = docs - len(kinds)
    # A quarter of the articles are clean controls.
    clean = articles // 4
    kinds += [("clean", None)] * clean + [("defective", None)] * (articles - clean)
    head_count = min(4, articles)
    head = [("defective", None)] * head_count
    rest = kinds[:]
    for _ in range(head_count):
        rest.remove(("defective", None))
    rng.shuffle(rest)
    ordered = head + rest
    fmt = _formats_for(docs, formats, mode)
    if mode == "small":
        # The German page travels in the WARC, where it is served in a legacy charset; the
        # navigation-only page goes where it keeps its text (an HTML extractor that drops
        # navigation would leave nothing of it, and the sample keeps every record readable).
        _swap_format(ordered, fmt, ("non_english", "de"), ("warc",))
        _swap_format(ordered, fmt, ("junk", "navigation_only"), ("txt", "jsonl"))
    return [_Slot(kind, fmt[index], extra) for index, (kind, extra) in enumerate(ordered)]
