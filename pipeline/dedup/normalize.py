"""The text fold for exact deduplication: two texts are exact duplicates when they differ
only in case, whitespace, punctuation or Unicode compatibility forms."""

from __future__ import annotations

import hashlib

import regex

from pipeline.text import fold_case

# Unicode punctuation (P) and symbols (S: currency, math, emoji) carry no words; folding
# them to spaces makes "Hello, world!" and "hello world" the same text.
_PUNCTUATION_AND_SYMBOLS = regex.compile(r"[\p{P}\p{S}]+")


def fold_text(text: str) -> str:
    """NFKC and case-folded (`pipeline.text.fold_case`), punctuation and symbols turned into
    spaces, whitespace collapsed.

    Keeps letters, digits and their order: only differences a reader would not call a
    different text are folded away.
    """
    return fold_punctuation(fold_case(text))


def fold_punctuation(case_folded: str) -> str:
    """The second half of `fold_text`: punctuation and symbols to spaces, whitespace collapsed."""
    return " ".join(_PUNCTUATION_AND_SYMBOLS.sub(" ", case_folded).split())


def exact_key(text: str) -> bytes:
    """16-byte digest of the folded text: equal keys mean exact duplicates."""
    return folded_key(fold_text(text))


def folded_key(folded: str) -> bytes:
    """`exact_key` of a text already folded by `fold_text`."""
    # surrogatepass: a lone surrogate hashes as its bytes instead of failing the corpus scan
    return hashlib.blake2b(folded.encode("utf-8", "surrogatepass"), digest_size=16).digest()
