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

from pipeline.spin.text import WORD

# At most this many learnt originals per spun word, the most frequent first.
MAX_ORIGINALS = 4
# Log-odds clip: a word seen 40 times as a swap and never plain is as sure as it gets.
_ODDS_CLIP = 3.0
# Endings stripped, in order, to find the entry of an inflected word the table never saw.
_ENDINGS = ("s", "es", "ing", "ed", "d")


@dataclass(frozen=True, slots=True)
class SwapEntry:
    spun: int  # times the word was put in by the spinner
    plain: int  # times it stands in the ordinary phrases
    originals: tuple[tuple[str, int], ...]  # what it replaced, with counts


@dataclass(frozen=True, slots=True)
class SwapTable:
    entries: dict[str, SwapEntry] = field(default_factory=dict)
    spun_total: int = 1  # swaps counted over all words
    plain_total: int = 1  # words of ordinary terms counted

    def lifts(self, word: str, share_in_english: float) -> tuple[float, float]:
        """log10 of how over-represented the word is among the spinner's swaps, and among the
        words of ordinary terms, against its share of English text (clipped to [-2, 4]).

        "framework" is a swap a hundred times more often than its English share predicts;
        "information" is a swap too, but no more than a common word's share explains."""
        entry = self._entry(word)
        spun = entry.spun if entry is not None else 0
        plain = entry.plain if entry is not None else 0
        base = max(share_in_english, 1e-9)
        return (
            max(-2.0, min(4.0, math.log10((spun + 0.5) / self.spun_total / base))),
            max(-2.0, min(4.0, math.log10((plain + 0.5) / self.plain_total / base))),
        )

    def spinner_odds(self, word: str) -> float:
        """log((spun + 0.5) / (plain + 0.5)): above 0 for the spinner's own vocabulary, below 0
        for words of ordinary terms, 0 for words the table never saw."""
        entry = self._entry(word)
        if entry is None:
            return 0.0
        odds = math.log((entry.spun + 0.5) / (entry.plain + 0.5))
        return max(-_ODDS_CLIP, min(_ODDS_CLIP, odds))

    def originals(self, word: str) -> tuple[tuple[str, int], ...]:
        entry = self.entries.get(word)
        return entry.originals if entry is not None else ()

    def _entry(self, word: str) -> SwapEntry | None:
        """The word's entry, else that of its singular or stem ("assaults" -> "assault")."""
        entry = self.entries.get(word)
        if entry is not None:
            return entry
        for ending in _ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) > 2:
                entry = self.entries.get(word[: -len(ending)])
                if entry is not None:
                    return entry
        return None


def build_swap_table(pairs: Iterable[tuple[str, str]]) -> SwapTable:
    """Learn the table from (tortured, correct) phrase pairs, lowercase."""
    spun: Counter[str] = Counter()
    plain: Counter[str] = Counter()
    originals: defaultdict[str, Counter[str]] = defaultdict(Counter)
    seen_correct: set[str] = set()
    for tortured, correct in pairs:
        spun_words, correct_words = _words(tortured), _words(correct)
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
    return _table(entries)


def _table(entries: dict[str, SwapEntry]) -> SwapTable:
    return SwapTable(
        entries, max(1, sum(e.spun for e in entries.values())), max(1, sum(e.plain for e in entries.values()))
    )


def _words(phrase: str) -> list[str]:
    """The phrase's words as the detector reads them (punctuation and brackets dropped)."""
    return [word.replace("\u2019", "'") for word in WORD.findall(phrase.lower())]


def format_swap_table(table: SwapTable) -> str:
    """The TSV lines: word, spun count, plain count, originals as "word:count" joined by spaces."""
    lines = []
    for word in sorted(table.entries):
        entry = table.entries[word]
        if entry.spun == 0 and entry.plain < 2:
            continue  # a word seen once in an ordinary term carries no evidence
        originals = " ".join(f"{original}:{count}" for original, count in entry.originals)
        lines.append(f"{word}\t{entry.spun}\t{entry.plain}\t{originals}")
    return "\n".join(lines) + "\n"


def parse_swap_table(text: str) -> SwapTable:
    entries = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        word, spun, plain, originals = line.split("\t")
        parsed = tuple(
            (item.rsplit(":", 1)[0], int(item.rsplit(":", 1)[1])) for item in originals.split(" ") if item
        )
        entries[word] = SwapEntry(int(spun), int(plain), parsed)
    return _table(entries)
