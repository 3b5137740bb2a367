"""The tokens of a text, read once for every dedup fingerprint.

The tokens are the text model's (`pipeline.text.words_and_marks`) on the NFKC text: its
words, with the punctuation marks the frame keeps and line breaks between them. In scripts
written without spaces, Han and kana give one token a character and Thai, Lao, Khmer and
Myanmar one a character cluster, so their shingles are character n-grams rather than whole
clauses; combining marks stay inside their word. The model's version (`WORD_MODEL`) is one
of the fingerprint settings, so an index built under another tokeniser is not compared.

Each distinct token is looked up once in a `Vocabulary` that holds all the fingerprint needs
of it, as numpy columns indexed by the token's code: its stable 64-bit hash (case-folded),
what kind of token it is (word, number, mark, line break, capitalised), and, for each frame
language, whether it is a function word and whether it is a common word. A text then costs
one regex pass and one dictionary look-up per token; everything after is array work.
"""

from __future__ import annotations

import functools
import hashlib
import json
import unicodedata
from importlib import resources

import numpy as np

from pipeline.text import WORD_MODEL, words_and_marks

# Token kinds, as bit flags.
WORD = 1  # letters or digits: a word, a number, or a character (cluster) of an unspaced script
NUMBER = 2  # a word with a digit: kept in the frame like a function word
MARK = 4  # punctuation the frame keeps
BREAK = 8  # a line break: not a token of any fingerprint, only the end of a sentence-like unit
ENDS_SENTENCE = 16  # . ! ? : and line breaks: the next word starts a sentence
CAPITALISED = 32  # first letter upper case, not all upper case: a name, unless it starts a sentence
SHORT = 64  # under three characters: never a rare word

_KEPT_MARKS = '.,;:!?()"'  # the punctuation the frame keeps
TOKENISER = WORD_MODEL
_SENTENCE_ENDS = frozenset(".!?:\n")


def tokenise(text: str) -> list[str]:
    """The tokens of one text (module docstring), case kept: the vocabulary folds it."""
    return words_and_marks(unicodedata.normalize("NFKC", text), _KEPT_MARKS)


@functools.lru_cache(maxsize=1)
def function_words() -> dict[str, frozenset[str]]:
    """Closed-class words per language, from `pipeline/data/dedup/function_words.json`."""
    data = json.loads(resources.files("pipeline").joinpath("data/dedup/function_words.json")
                      .read_text(encoding="utf-8"))
    return {language: frozenset(words) for language, words in data.items() if not language.startswith("_")}


@functools.lru_cache(maxsize=16)
def common_words(language: str, count: int) -> frozenset[str]:
    """The `count` most frequent words of a language, from the `wordfreq` package's lists. Its
    "small" list has the same head as the large one and a tenth of its size in memory (wordfreq
    keeps a list it has read for the life of the process)."""
    if count <= 0:
        return frozenset()
    from wordfreq import top_n_list

    return frozenset(word.casefold() for word in top_n_list(language, count, wordlist="small"))


def stable_hash(token: str) -> int:
    """A 64-bit hash that is the same in every process (unlike `hash`)."""
    return int.from_bytes(hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                          "little")


_VOCABULARY_LIMIT = 500_000  # distinct tokens kept; past this the vocabulary starts afresh (in `begin`)


class Vocabulary:
    """Codes for tokens, and numpy columns of what each code is (see the module docstring).
    The columns are caches: the same text gets the same columns whatever came before it."""

    def __init__(self, languages: tuple[str, ...], common_count: int) -> None:
        lists = function_words()
        self.languages = languages
        self._function = [lists[language] for language in languages]
        self._common = [common_words(language, common_count) for language in languages]
        self._reset()

    def _reset(self) -> None:
        self._codes: dict[str, int] = {}
        size = 4096
        self.hashes = np.zeros(size, dtype=np.uint64)
        self.kinds = np.zeros(size, dtype=np.uint8)
        self.function = np.zeros(size, dtype=np.uint8)  # bit l: a function word of language l
        self.common = np.zeros(size, dtype=np.uint8)  # bit l: a common word of language l

    def begin(self) -> None:
        """Called before each batch of texts: codes stay valid until the next call."""
        if len(self._codes) > _VOCABULARY_LIMIT:
            self._reset()

    def encode(self, tokens: list[str]) -> list[int]:
        codes = self._codes
        try:
            return list(map(codes.__getitem__, tokens))
        except KeyError:
            for token in dict.fromkeys(tokens):
                if token not in codes:
                    self._learn(token)
            return list(map(codes.__getitem__, tokens))

    def _learn(self, token: str) -> None:
        code = len(self._codes)
        self._codes[token] = code
        if code >= len(self.kinds):
            for name in ("hashes", "kinds", "function", "common"):
                setattr(self, name, np.resize(getattr(self, name), 2 * code))
        folded = token.casefold()
        self.hashes[code] = stable_hash(folded)
        self.kinds[code] = _kind(token)
        self.function[code] = sum(1 << bit for bit, words in enumerate(self._function) if folded in words)
        self.common[code] = sum(1 << bit for bit, words in enumerate(self._common) if folded in words)


def _kind(token: str) -> int:
    if token == "\n":
        return BREAK | ENDS_SENTENCE
    if token in _KEPT_MARKS:
        return MARK | (ENDS_SENTENCE if token in _SENTENCE_ENDS else 0)
    kind = WORD | (SHORT if len(token) < 3 else 0)
    if any(character.isdigit() for character in token):
        kind |= NUMBER
    if token[:1].isupper() and not token.isupper():
        kind |= CAPITALISED
    return kind

