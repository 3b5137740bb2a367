"""The word lists of the spam stage, loaded once from the package's data files."""

from __future__ import annotations

import re
import sys
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from pipeline.stages.spam_rules.spans import WORD, fold

PRODUCT = "product"
COMMERCE = "commerce"
PLACE = "place"
INVITATION = "invitation"
JOINER = "joiner"


def read_terms(name: str) -> list[str]:
    """One term a line from pipeline/data/spam/<name>; `#` starts a comment."""
    text = resources.files("pipeline").joinpath("data", "spam", name).read_text(encoding="utf-8")
    terms = []
    for line in text.splitlines():
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return terms


def read_host_features() -> dict:
    """The host/URL feature table (link_hosts.toml)."""
    data = resources.files("pipeline").joinpath("data", "spam", "link_hosts.toml").read_bytes()
    return tomllib.loads(data.decode("utf-8"))


def term_tokens(term: str) -> tuple[str, ...]:
    return tuple(fold(match.group()) for match in WORD.finditer(term))


@dataclass
class PhraseTable:
    """Multi-word terms by their first folded token, longest first, per category."""

    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)

    def add(self, terms: Iterable[str], category: str) -> None:
        for term in terms:
            tokens = term_tokens(term)
            if tokens:
                self.by_first.setdefault(tokens[0], []).append((tokens, category))
        for entries in self.by_first.values():
            entries.sort(key=lambda entry: -len(entry[0]))

    def matches(self, folded: list[str], index: int) -> list[tuple[int, str]]:
        """(length in tokens, category) of every term starting at folded[index]; the last
        word of a term may carry an English plural ending."""
        found: list[tuple[int, str]] = []
        entries = self.by_first.get(folded[index])
        if entries is None and not folded[index].endswith("s"):
            return found  # the common case: a word no list knows
        for tokens, category in entries or ():
            last = index + len(tokens) - 1
            if last >= len(folded):
                continue
            if len(tokens) == 1 or (
                tuple(folded[index + 1 : last]) == tokens[1:-1] and tokens[-1] in _lookup_forms(folded[last])
            ):
                found.append((len(tokens), category))
        for singular in _lookup_forms(folded[index])[1:]:
            plural_entries = self.by_first.get(singular, [])
            found.extend((1, category) for tokens, category in plural_entries if len(tokens) == 1)
        return found


class TermGate:
    """Says whether a line may hold any of the terms: whether it holds each term's longest
    word (folded, plural or not; "vendre" for "à vendre", never the "a" every line has),
    with one pass of the word pattern and set look-ups: far cheaper than tokenising and
    classifying the line, which only the lines it lets through need. `lowercase_terms` open
    the gate only when that word is written in lower case (places: "Toronto" in prose is no
    sign of an anchor, "toronto" is)."""

    def __init__(self, terms: list[str], lowercase_terms: Iterable[str] = ()) -> None:
        self.words = _longest_words(terms)
        self.lowercase_words = _longest_words(lowercase_terms) - self.words

    def search(self, line: str, folded_words: list[str] | None = None) -> bool:
        """`folded_words`: `folded_line_words(line)`, when already at hand (two gates read
        each line)."""
        words = self.words
        if folded_words is None:
            folded_words = folded_line_words(line)
        if not words.isdisjoint(folded_words):
            return True
        for token in folded_words:  # plurals: "casinos", "gummies"
            if token[-1] == "s" and len(token) > 3 and (
                    token[:-1] in words or (token.endswith("es") and token[:-2] in words)):
                return True
        if not self.lowercase_words:
            return False
        lowercase = self.lowercase_words
        if line.isascii():  # folding kept every offset: read the case off the line itself
            return not lowercase.isdisjoint(folded_words) and any(
                match.group() in lowercase and line[match.start()].islower()
                for match in WORD.finditer(line.lower()))
        return any(token[:1].islower() and fold(token) in lowercase for token in WORD.findall(line))


def _longest_words(terms: Iterable[str]) -> frozenset[str]:
    return frozenset(max(tokens, key=lambda t: (len(t), t))
                     for term in terms if (tokens := term_tokens(term)))


def folded_line_words(line: str) -> list[str]:
    """The words of a line in their folded form, as the gates read them."""
    return WORD.findall(_fold_line(line))


def _fold_line(line: str) -> str:
    """`fold` for a whole line, without its cache (lines are too many and too long to keep)."""
    if line.isascii():
        return line.lower()
    decomposed = unicodedata.normalize("NFKD", line.casefold())
    # one regex pass, not a Python test per character: curly quotes make most lines of
    # English prose non-ASCII
    return _combining_marks().sub("", decomposed).replace("’", "'")


@cache
def _combining_marks() -> re.Pattern[str]:
    """Every character of non-zero combining class (what `unicodedata.combining` finds)."""
    ranges: list[list[int]] = []
    for code in range(sys.maxunicode + 1):
        if unicodedata.combining(chr(code)):
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1][1] = code
            else:
                ranges.append([code, code])
    return re.compile("[" + "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges) + "]+")


def _lookup_forms(token: str) -> tuple[str, ...]:
    """The token and its singular guesses, so "casinos" and "gummies" find their entries."""
    forms = [token]
    if len(token) > 3 and token.endswith("s"):
        forms.append(token[:-1])
        if token.endswith("es"):
            forms.append(token[:-2])
    return tuple(forms)


@dataclass
class SpamVocabulary:
    """Products, cues, places and the small word classes the anchor rules read."""

    phrases: PhraseTable
    product_hint: TermGate  # finds a line that may hold a product word, before tokenising
    cue_hint: TermGate  # finds a line that may hold a buying cue or a place in lower case
    sales_cues: frozenset[str]  # cues only sales copy writes (folded)
    function_words: frozenset[str]
    object_verbs: frozenset[str]
    link_headings: frozenset[str]
    host_features: dict

    @classmethod
    def load(
        cls,
        extra_products: Iterable[str] = (),
        extra_commerce_cues: Iterable[str] = (),
        extra_places: Iterable[str] = (),
        extra_link_headings: Iterable[str] = (),
    ) -> SpamVocabulary:
        function_words = frozenset(fold(word) for word in read_terms("function_words.txt"))
        places = list(dict.fromkeys([*read_terms("places.txt"), *read_terms("places_gazetteer.txt"),
                                     *extra_places]))
        cues = [*read_terms("commerce_cues.txt"), *extra_commerce_cues]
        products = [*read_terms("products.txt"), *extra_products]
        phrases = PhraseTable()
        phrases.add(products, PRODUCT)
        phrases.add(cues, COMMERCE)
        phrases.add(places, PLACE)
        phrases.add(read_terms("invitation_words.txt"), INVITATION)
        phrases.add(read_terms("joiners.txt"), JOINER)
        headings = [*read_terms("link_headings.txt"), *extra_link_headings]
        return cls(
            phrases=phrases,
            product_hint=TermGate(products),
            cue_hint=TermGate(cues, lowercase_terms=places),
            sales_cues=frozenset(" ".join(term_tokens(cue)) for cue in read_terms("sales_cues.txt")),
            function_words=function_words,
            object_verbs=frozenset(fold(word) for word in read_terms("object_verbs.txt")),
            link_headings=frozenset(" ".join(term_tokens(heading)) for heading in headings),
            host_features=read_host_features(),
        )
