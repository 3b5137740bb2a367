"""Real spinner output placed in real sentences, for fitting and measuring the spin stage.

- Phrase pairs: `../shared/data/spin/tortured_phrases_dev.tsv`, the development half of the
  Problematic Paper Screener's tortured-phrase list (CC BY 4.0; Cabanac, Labbé and Magazinov,
  via torturedcheck). Pairs whose "correct" side is an editorial note are left out.
- Folds: cross-validation by correct phrase (a hash of it), so every variant of one term sits
  in one fold and a held-out fold's correct phrases were never seen by what was built.
- Sentences: the expected text of the real article pages in `../shared/data/html/readability/`
  (read here, never copied into the project), English sentences only; and, second, the
  paragraphs written for this benchmark (`spin_paragraphs.txt`).
- Placement: a noun after a determiner or preposition ("the company said") is replaced by the
  tortured phrase; its plain twin puts the correct phrase in the same place.
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
PAIRS = SHARED / "data" / "spin" / "tortured_phrases_dev.tsv"
PAGES = SHARED / "data" / "html" / "readability"
PARAGRAPHS = Path(__file__).with_name("spin_paragraphs.txt")
FOLDS = 5
MAX_WORDS = 6  # longer "phrases" in the list are whole clauses

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
# A slot: a lowercase noun after a determiner or preposition, followed by punctuation or a
# function word, so the placed phrase reads as a noun phrase ("the [company] said").
_SLOT = re.compile(
    r"\b(?:the|a|an|this|its|their|our|his|her|these|those|of|for|with|and|new|any)\s+([a-z]{4,})"
    r"(?=[,.;:]|\s+(?:is|was|are|were|has|had|can|will|of|in|to|and|that|for|with|on|at|by|as|from)\b)"
)
_ENGLISH_CUES = frozenset({"the", "and", "of", "to", "is", "in", "that", "for", "with", "was"})


@dataclass(frozen=True)
class Pair:
    tortured: str
    correct: str

    @property
    def fold(self) -> int:
        return hashlib.sha256(b"spin-fold:" + self.correct.encode("utf-8")).digest()[0] % FOLDS


@dataclass(frozen=True)
class Placed:
    """One pair placed in one sentence: the spun text and its plain twin."""

    pair: Pair
    spun: str
    plain: str
    spun_span: tuple[int, int]  # where the tortured phrase stands in `spun`
    plain_span: tuple[int, int]


@dataclass(frozen=True)
class Twin:
    """A page carrying several tortured phrases, and the same page with the plain ones."""

    spun: str
    plain: str
    pairs: tuple[Pair, ...]


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    pairs = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if number == 0 or not line:
            continue
        tortured, correct = line.split("\t")
        if "http" in correct or correct.startswith(("see ", "meaning")) or "/" in correct:
            continue
        if len(tortured.split()) <= MAX_WORDS and len(correct.split()) <= MAX_WORDS:
            pairs.append(Pair(tortured, correct))
    return pairs


def _english(text: str) -> bool:
    words = re.findall(r"[a-z]+", text.lower())
    return len(words) >= 8 and sum(w in _ENGLISH_CUES for w in words) >= 0.12 * len(words)


def page_texts() -> list[str]:
    """The English article texts of the real pages."""
    texts = []
    for page in sorted(PAGES.glob("*/expected.txt")):
        text = page.read_text(encoding="utf-8")
        if _english(text):
            texts.append(text)
    return texts


def real_sentences() -> list[str]:
    """English sentences of the real pages that have at least one slot."""
    found = []
    for text in page_texts():
        for block in text.split("\n"):
            for sentence in _SENTENCE_END.split(block.strip()):
                if 8 <= len(sentence.split()) <= 45 and _english(sentence) and _SLOT.search(sentence):
                    found.append(sentence)
    return found


def written_sentences() -> list[str]:
    text = PARAGRAPHS.read_text(encoding="utf-8")
    found = []
    for block in text.split("\n\n"):
        if block.strip() and not block.startswith("#"):
            found.extend(s for s in _SENTENCE_END.split(block.strip()) if _SLOT.search(s))
    return found


def _place(sentence: str, match: re.Match, phrase: str) -> tuple[str, tuple[int, int]]:
    start, end = match.span(1)
    return sentence[:start] + phrase + sentence[end:], (start, start + len(phrase))


def place(pairs: list[Pair], sentences: list[str], seed: int = 7) -> list[Placed]:
    """Each pair in a sentence and slot chosen by a seeded generator (same input, same set)."""
    chooser = random.Random(seed)
    placed = []
    for pair in pairs:
        sentence = chooser.choice(sentences)
        match = chooser.choice(list(_SLOT.finditer(sentence)))
        spun, spun_span = _place(sentence, match, pair.tortured)
        plain, plain_span = _place(sentence, match, pair.correct)
        placed.append(Placed(pair, spun, plain, spun_span, plain_span))
    return placed


def twins(pairs: list[Pair], pages: list[str], seed: int = 7, low: int = 5, high: int = 8) -> list[Twin]:
    """Pages with `low`-`high` tortured phrases in distinct slots, and their plain twins."""
    chooser = random.Random(seed)
    remaining = list(pairs)
    chooser.shuffle(remaining)
    made = []
    while remaining:
        page = chooser.choice(pages)
        slots = [m for m in _SLOT.finditer(page)]
        count = min(chooser.randint(low, high), len(slots), len(remaining))
        if count < low:
            if len(remaining) < low:
                break
            continue
        chosen = sorted(chooser.sample(slots, count), key=lambda m: m.start(), reverse=True)
        taken, remaining = remaining[:count], remaining[count:]
        spun = plain = page
        for match, pair in zip(chosen, taken, strict=True):
            start, end = match.span(1)
            spun = spun[:start] + pair.tortured + spun[end:]
            plain = plain[:start] + pair.correct + plain[end:]
        made.append(Twin(spun, plain, tuple(taken)))
    return made
