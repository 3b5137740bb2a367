"""Word swaps that real spinning software makes, learnt from published tortured phrases.

A spinner works from a fixed synonym table, so the same swaps recur across unrelated phrases:
"framework" for *system* ("electronic voting framework", "working framework"), "corrosive"
for *acid*, "irregular" for *random*. Aligning each tortured phrase word by word with the
phrase it garbles gives, per spun word, how often the spinner put it in (and for what) and
how often the word stands in the ordinary phrases. The table is learnt from phrase pairs
(`build_swap_table`) and ships as `pipeline/data/spin/spinner_swaps.tsv`; it generalises to
phrases never seen, since the word swaps, not the phrases, are what it keeps.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

# At most this many learnt originals per spun word, the most frequent first.
MAX_ORIGINALS = 4
# Log-odds clip: a word seen 40 times as a swap and never plain is as sure as it gets.
_ODDS_CLIP = 3.0


@dataclass(frozen=True, slots=True)
class SwapEntry:
    spun: int  # times the word was put in by the spinner
    plain: int  # times it stands in the ordinary phrases
    originals: tuple[tuple[str, int], ...]  # what it replaced, with counts


@dataclass(frozen=True, slots=True)
class SwapTable:
    entries: dict[str, SwapEntry] = field(default_factory=dict)

    def spinner_odds(self, word: str) -> float:
        """log((spun + 0.5) / (plain + 0.5)): above 0 for the spinner's own vocabulary, below 0
        for words of ordinary terms, 0 for words the table never saw."""
        entry = self.entries.get(word)
        if entry is None:
            return 0.0
        odds = math.log((entry.spun + 0.5) / (entry.plain + 0.5))
        return max(-_ODDS_CLIP, min(_ODDS_CLIP, odds))

    def originals(self, word: str) -> tuple[tuple[str, int], ...]:
        entry = self.entries.get(word)
        return entry.originals if entry is not None else ()


def build_swap_table(pairs: Iterable[tuple[str, str]]) -> SwapTable:
    """Learn the table from (tortured, correct) phrase pairs, lowercase."""
    spun: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    originals: defaultdict[str, Counter[str]] = defaultdict(Counter)
    seen_correct: set[str] = set()
    for tortured, correct in pairs:
        spun_words, correct_words = tortured.split(), correct.split()
        if correct not in seen_correct:
            seen_correct.add(correct)
            plain.update(correct_words)
        if len(spun_words) == len(correct_words):
            for word, original in zip(spun_words, correct_words, strict=True):
                if word != original:
                    spun[word] += 1
                    originals[word][original] += 1
        else:  # no alignment: the words the phrase does not share are the spinner's
            shared = set(correct_words)
            spun.update(word for word in spun_words if word not in shared)
    entries = {}
    for word in spun.keys() | plain.keys():
        top = tuple(originals[word].most_common(MAX_ORIGINALS)) if word in originals else ()
        entries[word] = SwapEntry(spun[word], plain[word], top)
    return SwapTable(entries)


def format_swap_table(table: SwapTable) -> str:
    """The TSV lines: word, spun count, plain count, originals as "word:count" joined by commas."""
    lines = []
    for word in sorted(table.entries):
        entry = table.entries[word]
        if entry.spun == 0 and entry.plain < 2:
            continue  # a word seen once in an ordinary term carries no evidence
        originals = ",".join(f"{original}:{count}" for original, count in entry.originals)
        lines.append(f"{word}\t{entry.spun}\t{entry.plain}\t{originals}")
    return "\n".join(lines) + "\n"


def parse_swap_table(text: str) -> SwapTable:
    entries = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, spun, plain, originals = line.split("\t")
        parsed = tuple(
            (item.rsplit(":", 1)[0], int(item.rsplit(":", 1)[1])) for item in originals.split(",") if item
        )
        entries[word] = SwapEntry(int(spun), int(plain), parsed)
    return SwapTable(entries)
