"""Evidence that words were swapped in by an article spinner, per word, then spans and a score.

Every function here is pure: text and loaded resources in, numbers and spans out. The signals:

- collocation: a word pair that a trillion-word corpus would show often if it were a real
  phrase, but never does ("likely of"), and a thesaurus swap of one word that gives a frequent
  pair ("potential of");
- spinner artefacts: a capitalised common word alone inside a sentence ("stress Ailments"),
  and function-word phrases a spinner trades for each other ("being an" for "as an");
- document variants: a rare word whose common synonym the same document uses elsewhere
  ("melancholy" in an article about depression);
- document density: a spinner rewrites the whole page, so weak evidence counts for more in a
  document where strong evidence is already found.

The per-word signals are combined by a logistic model whose coefficients ship as
`pipeline/data/spin/model.json` (fitted by `benchmarks/spin_fit.py` on spun paragraphs).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from pipeline.spin.resources import NgramCounts, Thesaurus

WORD = re.compile(r"[A-Za-z]+(?:['\u2019-][A-Za-z]+)*")
# What may stand between two words for them to count as a phrase: spaces only. A comma, a
# bracket or a line break ends the phrase, so "pain, soreness" is never judged as one.
_PHRASE_GAP = re.compile(r"[ \t]+")
# Text before a word that makes it the first of a sentence (capitals expected there).
_SENTENCE_BREAK = re.compile(r"[.!?:;\"\u201c(\[\n\u2022*#>|]")
# Lines with no closing punctuation and at most this many words are headings or titles, where
# capitals are the house style and no spinner artefact ("Historic Qualifications").
_HEADING_MAX_WORDS = 14
# A capital is a spinner artefact only on a word at least this common in lower case (about the
# 80,000 most common words): rarer capitalised words are names, brands and terms.
_CAPITAL_MIN_COUNT = 300_000
# A document variant needs the common synonym to be at least this many times more frequent in
# English than the word found: writers vary "big"/"large" freely; spinners turn "depression"
# (15M) into "melancholy" (1M).
_VARIANT_MIN_RATIO = 8.0
# Evidence features are clipped to these ranges so one extreme count cannot dominate the score.
_ODD_CLIP = 3.0
_GAIN_CLIP = 4.0
_RARITY_CLIP = 3.0

FEATURES = (
    "odd_left",  # the pair with the previous word is absent although both words are frequent
    "odd_right",  # the same for the next word
    "swap_gain",  # log10 of how much more frequent the pairs are with the best thesaurus swap
    "capital",  # a capitalised common word alone inside a sentence
    "rarity",  # how much rarer than an everyday word it is (see word_rarity)
    "variant",  # a much more common synonym of it occurs elsewhere in the document
    "phrase_swap",  # log10 gain of a known function-phrase swap ("being an" -> "as an")
    "swap_ratio",  # log10 of how much more common the best swap is than the word itself
    "unlisted",  # share of the word's pairs with its neighbours that are not frequent phrases
    "swap_lift",  # log10 conditional lift of the best swap (see swap_gain)
    "swap_collocation",  # how strong a collocation the best swap forms where the word forms none
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str
    lower: str  # lowercased, possessive "'s" removed
    joined_left: bool  # only spaces between this word and the previous one
    sentence_start: bool
    heading: bool  # on a heading/title line
    line: int  # line number, from 0
    function: bool  # a closed-class word (the, of, being ...)


@dataclass(slots=True)
class WordEvidence:
    """The signals of one word, and the thesaurus swap that explains it best."""

    features: list[float]
    best_original: str | None = None
    probability: float = 0.0


@dataclass(frozen=True, slots=True)
class SpinModel:
    """Logistic coefficients: a first pass per word, a second with the document's density."""

    word_weights: tuple[float, ...]
    word_bias: float
    density_weights: tuple[float, ...]  # FEATURES then the density feature
    density_bias: float
    document_weights: tuple[float, ...]  # over document_features()
    document_bias: float


@dataclass(frozen=True, slots=True)
class SpinVocabulary:
    """Small word lists that ship as data files."""

    function_words: frozenset[str]
    always_capitalised: frozenset[str]
    phrase_swaps: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]  # spun words, original words
    known_phrases: dict[tuple[str, ...], str] = field(default_factory=dict)  # spun words -> original


@dataclass(frozen=True, slots=True)
class SpinSpan:
    start: int
    end: int
    text: str
    likely: str | None
    score: float


@dataclass(frozen=True, slots=True)
class SpinResult:
    score: float
    spans: tuple[SpinSpan, ...]
    words: int
    flagged_words: int


def tokenize(text: str, function_words: frozenset[str]) -> list[Token]:
    """Words with their offsets and where they stand (sentence start, heading, phrase joins)."""
    headings = _heading_lines(text)
    tokens: list[Token] = []
    previous_end = 0
    line = 0
    for match in WORD.finditer(text):
        word = match.group()
        gap = text[previous_end : match.start()]
        line += gap.count("\n")
        lower = word.lower().replace("\u2019", "'")
        if lower.endswith("'s"):
            lower = lower[:-2]
        tokens.append(Token(
            start=match.start(),
            end=match.end(),
            text=word,
            lower=lower,
            joined_left=bool(tokens) and _PHRASE_GAP.fullmatch(gap) is not None,
            sentence_start=not tokens or _SENTENCE_BREAK.search(gap) is not None,
            heading=_line_index(headings, match.start()),
            line=line,
            function=lower in function_words,
        ))
        previous_end = match.end()
    return tokens


def _heading_lines(text: str) -> list[tuple[int, int]]:
    """Character ranges of lines that read as headings or titles."""
    ranges = []
    offset = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        words = WORD.findall(stripped)
        if words and len(words) <= _HEADING_MAX_WORDS and stripped[-1] not in ".!?;,":
            ranges.append((offset, offset + len(line)))
        offset += len(line)
    return ranges


def _line_index(ranges: list[tuple[int, int]], position: int) -> bool:
    return any(start <= position < end for start, end in ranges)


def zipf(counts: NgramCounts, word: str) -> float:
    """Zipf frequency: log10 of occurrences per billion words (0 for unseen words)."""
    count = counts.unigram(word)
    return math.log10(count * 1e9 / counts.total) if count else 0.0


def word_rarity(counts: NgramCounts, word: str) -> float:
    """How much rarer than an everyday word (Zipf 5.5) a known word is, clipped to [0, 3].

    Spinners pick dictionary synonyms, often less common ones ("melancholy" for "depression");
    words the corpus never saw (names, jargon, typos) are not spinner output and score 0."""
    frequency = zipf(counts, word)
    if frequency == 0.0:
        return 0.0
    return min(_RARITY_CLIP, max(0.0, 5.5 - frequency))


def odd_pair(counts: NgramCounts, left: str, right: str) -> float:
    """How surprising it is that a pair is absent: log10(expected count / table floor), at least 0.

    Two words that are each frequent would meet often by chance alone; when the corpus does
    not list them together, the pair is not English ("likely of"). A present pair scores 0.
    """
    if counts.bigram(left, right):
        return 0.0
    expected = counts.unigram(left) * counts.unigram(right) / counts.total
    if expected <= counts.bigram_floor:
        return 0.0
    return min(_ODD_CLIP, math.log10(expected / counts.bigram_floor))


def original_candidates(thesaurus: Thesaurus, counts: NgramCounts, word: str) -> tuple[str, ...]:
    """Words the spinner may have replaced; plurals are looked up by their singular."""
    found = thesaurus.originals(word)
    if found or not word.endswith("s"):
        return found
    for singular, suffixes in ((word[:-1], ("s",)), (word[:-2], ("es", "s"))):
        originals = thesaurus.originals(singular) if len(singular) > 2 else ()
        if originals:
            plural = []
            for original in originals:
                for suffix in suffixes:
                    if counts.unigram(original + suffix):
                        plural.append(original + suffix)
                        break
            return tuple(plural)
    return ()


def swap_gain(
    counts: NgramCounts, left: str | None, word: str, right: str | None, candidates: tuple[str, ...]
) -> tuple[float, float, str | None]:
    """Thesaurus-swap evidence: (raw gain, conditional lift, the likely original).

    The raw gain is log10 of how much more frequent the word's pairs become with the best
    candidate. The conditional lift compares how often each word is followed or preceded by
    these neighbours, relative to its own frequency: an absent pair of a frequent word ("likely
    of": under 100,000 of 56 million) against a candidate that takes that neighbour often
    ("potential of": 3.4 million of 66 million). It is 0 for rare words, whose absent pairs say
    little. The likely original is the candidate with the best lift, else the best gain.
    """
    floor = counts.bigram_floor

    def pair_counts(middle: str) -> int:
        total = 0
        if left is not None:
            total += counts.bigram(left, middle)
        if right is not None:
            total += counts.bigram(middle, right)
        return total

    if left is None and right is None:
        return 0.0, 0.0, None
    here = pair_counts(word)
    word_count = counts.unigram(word)
    here_rate = max(here, floor) / word_count if word_count else 1.0
    best_gain, best_gain_word = 0.0, None
    best_lift, best_lift_word = 0.0, None
    for candidate in candidates:
        there = pair_counts(candidate)
        gain = math.log10((there + floor) / (here + floor))
        if gain > best_gain:
            best_gain, best_gain_word = gain, candidate
        if there and here_rate < 1.0:
            lift = math.log10(there / counts.unigram(candidate) / here_rate)
            if lift > best_lift:
                best_lift, best_lift_word = lift, candidate
    return min(_GAIN_CLIP, best_gain), min(_GAIN_CLIP, best_lift), best_lift_word or best_gain_word


def swap_collocation(
    counts: NgramCounts, left: str | None, word: str, right: str | None, candidates: tuple[str, ...]
) -> tuple[float, str | None]:
    """The strongest collocation a candidate forms with a neighbour the word is not listed with.

    Strength is pointwise mutual information, log10(observed / expected) of the pair: "compound
    interest" is listed 140 times more often than chance predicts, so "compound fascination"
    beside it reads as a swap. A frequent but loose candidate ("the head") scores near 0.
    """
    best, best_word = 0.0, None
    sides = []
    if left is not None and not counts.bigram(left, word):
        sides.append((left, True))
    if right is not None and not counts.bigram(word, right):
        sides.append((right, False))
    for neighbour, is_left in sides:
        neighbour_count = counts.unigram(neighbour)
        if not neighbour_count:
            continue
        for candidate in candidates:
            pair = counts.bigram(neighbour, candidate) if is_left else counts.bigram(candidate, neighbour)
            if not pair:
                continue
            strength = math.log10(pair * counts.total / (neighbour_count * counts.unigram(candidate)))
            if strength > best:
                best, best_word = strength, candidate
    return min(_GAIN_CLIP, best), best_word


def in_thesaurus(thesaurus: Thesaurus, word: str) -> bool:
    """The word, or its stem under a regular English ending, has a thesaurus entry: a common
    word rather than a name ("ailments" -> "ailment", "using" -> "use")."""
    stems = [word]
    for ending, restore in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e")):
        if word.endswith(ending) and len(word) - len(ending) > 2:
            stems.append(word[: -len(ending)] + restore)
    return any(thesaurus.synonyms(stem) for stem in stems)


def heading_case_artefacts(tokens: list[Token], thesaurus: Thesaurus) -> set[int]:
    """Lowercase common words in a heading whose other content words are all capitalised
    ("An extensive Overview"): the spinner's synonym kept its own case, not the title's."""
    lines: dict[int, list[int]] = {}
    for index, token in enumerate(tokens):
        if token.heading and not token.function:
            lines.setdefault(token.line, []).append(index)
    found: set[int] = set()
    for members in lines.values():
        lower = [i for i in members if tokens[i].text[:1].islower()]
        # one odd word among at least two capitalised ones; a heading in sentence case has many
        if len(lower) == 1 and len(members) >= 3 and in_thesaurus(thesaurus, tokens[lower[0]].lower):
            found.add(lower[0])
    return found


def is_capital_artefact(
    tokens: list[Token], index: int, counts: NgramCounts, thesaurus: Thesaurus, vocabulary: SpinVocabulary
) -> bool:
    """A common word written capitalised, alone, inside a sentence of running text."""
    token = tokens[index]
    head = token.text.split("-", 1)[0]
    if token.sentence_start or token.heading or not (head[:1].isupper() and head[1:].islower()):
        return False
    if any(part[:1].isupper() for part in token.text.split("-")[1:]) and "-" not in token.lower[1:]:
        return False
    lower = token.lower
    if lower in vocabulary.always_capitalised or lower in thesaurus.capitalised_words:
        return False
    if thesaurus.written_capitalised(lower):
        return False
    if counts.unigram(lower) < _CAPITAL_MIN_COUNT or not in_thesaurus(thesaurus, lower.split("-")[0]):
        return False
    # a run of capitalised words is a name or a term ("Long Island", "Big Data"), not an artefact
    if token.joined_left and tokens[index - 1].text[:1].isupper():
        return False
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    if following is not None and following.joined_left and following.text[:1].isupper():
        return False
    return True


def phrase_swap_matches(
    tokens: list[Token], counts: NgramCounts, vocabulary: SpinVocabulary
) -> dict[int, tuple[float, int, str]]:
    """Function-word phrases a spinner trades ("being an" for "as an"), judged by their context.

    Returns the index of the phrase's first word -> (log10 gain of the original phrase after
    the previous word, number of words, the original phrase). "like a" after "looks" is fine
    English; after "emerged" the original "as a" is far more frequent.
    """
    found: dict[int, tuple[float, int, str]] = {}
    floor = counts.bigram_floor
    first_words = {spun[0] for spun, _ in vocabulary.phrase_swaps}
    for index in range(1, len(tokens)):
        if not tokens[index].joined_left or tokens[index].lower not in first_words:
            continue
        previous = tokens[index - 1].lower
        for spun, original in vocabulary.phrase_swaps:
            size = len(spun)
            window = tokens[index : index + size]
            if len(window) < size or any(t.lower != w for t, w in zip(window, spun, strict=True)):
                continue
            if any(not t.joined_left for t in window[1:]):
                continue
            here = counts.bigram(previous, spun[0]) + floor
            there = counts.bigram(previous, original[0]) + floor
            gain = min(_GAIN_CLIP, math.log10(there / here))
            if gain > found.get(index, (0.0,))[0]:
                found[index] = (gain, size, " ".join(original))
    return found


def document_variants(tokens: list[Token], counts: NgramCounts, thesaurus: Thesaurus) -> dict[str, str]:
    """Rare words whose far more common synonym the same document also uses: word -> synonym."""
    words = sorted({t.lower for t in tokens if not t.function and t.lower.isalpha() and len(t.lower) > 2})
    present = set(words)
    variants: dict[str, str] = {}
    for word in words:
        count = counts.unigram(word)
        if not count:
            continue
        best = None
        for synonym in thesaurus.synonyms(word):
            if synonym in present and counts.unigram(synonym) >= _VARIANT_MIN_RATIO * count:
                if best is None or counts.unigram(synonym) > counts.unigram(best):
                    best = synonym
        if best is not None:
            variants[word] = best
    return variants


def word_evidence(
    tokens: list[Token],
    counts: NgramCounts,
    thesaurus: Thesaurus,
    vocabulary: SpinVocabulary,
    phrases: dict[int, tuple[float, int, str]] | None = None,
) -> list[WordEvidence | None]:
    """The signals of every content word (None for function words, numbers and acronyms)."""
    variants = document_variants(tokens, counts, thesaurus)
    heading_artefacts = heading_case_artefacts(tokens, thesaurus)
    if phrases is None:
        phrases = phrase_swap_matches(tokens, counts, vocabulary)
    phrase_gain: dict[int, float] = {}
    for index, (gain, size, _) in phrases.items():
        for inside in range(index, index + size):
            phrase_gain[inside] = max(phrase_gain.get(inside, 0.0), gain)
    evidence: list[WordEvidence | None] = []
    for index, token in enumerate(tokens):
        if index in phrase_gain:
            evidence.append(WordEvidence([0.0] * 6 + [phrase_gain[index], 0.0, 0.0, 0.0, 0.0]))
            continue
        if token.function or token.text.isupper() or len(token.lower) < 3 or _in_name(tokens, index):
            evidence.append(None)
            continue
        left = tokens[index - 1].lower if token.joined_left else None
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        right = following.lower if following is not None and following.joined_left else None
        # a name in running text ("in February", "by Tuesday") is a blind spot of the lowercased
        # pair table, so pairs with a capitalised word outside headings are not judged odd
        judged = not _name_like(token)
        odd_left = odd_right = 0.0
        if left and judged and not _name_like(tokens[index - 1]):
            odd_left = odd_pair(counts, left, token.lower)
        if right and judged and following is not None and not _name_like(following):
            odd_right = odd_pair(counts, token.lower, right)
        candidates = tuple(
            word for word in original_candidates(thesaurus, counts, token.lower)
            if word not in vocabulary.function_words
        )
        gain, lift, original = swap_gain(counts, left, token.lower, right, candidates)
        collocation, collocate = swap_collocation(counts, left, token.lower, right, candidates)
        original = original if lift > 0 or collocate is None else collocate
        capital = index in heading_artefacts or is_capital_artefact(
            tokens, index, counts, thesaurus, vocabulary
        )
        rarity = word_rarity(counts, token.lower)
        variant = variants.get(token.lower)
        ratio = 0.0
        if original is not None:
            ratio = math.log10(max(1, counts.unigram(original)) / max(1, counts.unigram(token.lower)))
            ratio = max(-_GAIN_CLIP, min(_GAIN_CLIP, ratio))
        pairs = [(left, token.lower)] if left else []
        if right:
            pairs.append((token.lower, right))
        unlisted = sum(not counts.bigram(a, b) for a, b in pairs) / len(pairs) if pairs else 0.0
        evidence.append(WordEvidence(
            [odd_left, odd_right, gain, float(capital), rarity, float(variant is not None), 0.0,
             ratio, unlisted, lift, collocation],
            best_original=original or variant,
        ))
    return evidence


def _name_like(token: Token) -> bool:
    return token.text[:1].isupper() and not token.sentence_start and not token.heading


def _in_name(tokens: list[Token], index: int) -> bool:
    """Part of a run of capitalised words in running text ("Milky Way", "Long Island"): a name,
    whose words are not chosen from a thesaurus. A run may start a sentence ("Big Data ...")."""
    token = tokens[index]
    if token.heading or not token.text[:1].isupper():
        return False
    previous = tokens[index - 1] if index > 0 else None
    following = tokens[index + 1] if index + 1 < len(tokens) else None
    return (
        (previous is not None and token.joined_left and previous.text[:1].isupper() and not previous.function)
        or (following is not None and following.joined_left and following.text[:1].isupper()
            and not following.function)
    )


def _logistic(weights: tuple[float, ...], bias: float, features: list[float]) -> float:
    z = bias + sum(w * x for w, x in zip(weights, features, strict=True))
    return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, z))))


def sentence_numbers(tokens: list[Token]) -> list[int]:
    """The sentence (or heading line) each word belongs to, counted from 0."""
    numbers, current = [], -1
    for token in tokens:
        current += token.sentence_start or (bool(numbers) and token.line != tokens[len(numbers) - 1].line)
        numbers.append(max(current, 0))
    return numbers


def context_features(first: list[float], sentences: list[int], word_threshold: float) -> list[list[float]]:
    """For each scored word: the share of the document's scored words flagged by the first
    pass, and the share of the other scored words of its own sentence flagged. A spinner
    rewrites every sentence, so a sentence with one clear swap probably holds more."""
    flagged = [p >= word_threshold for p in first]
    density = sum(flagged) / max(1, len(first))
    per_sentence: dict[int, list[int]] = {}
    for position, sentence in enumerate(sentences):
        per_sentence.setdefault(sentence, []).append(position)
    rows = []
    for position, sentence in enumerate(sentences):
        others = [i for i in per_sentence[sentence] if i != position]
        local = sum(flagged[i] for i in others) / len(others) if others else 0.0
        rows.append([density, local])
    return rows


def score_words(
    tokens: list[Token], evidence: list[WordEvidence | None], model: SpinModel, word_threshold: float
) -> float:
    """Set each word's probability of being spun (two passes); returns the document density."""
    numbers = sentence_numbers(tokens)
    scored = [(e, numbers[i]) for i, e in enumerate(evidence) if e is not None]
    first = [_logistic(model.word_weights, model.word_bias, item.features) for item, _ in scored]
    context = context_features(first, [sentence for _, sentence in scored], word_threshold)
    for (item, _), extra in zip(scored, context, strict=True):
        item.probability = _logistic(model.density_weights, model.density_bias, [*item.features, *extra])
    return context[0][0] if context else 0.0


# Pseudo-words of plain text added to every document's count: a two-sentence text with one
# flagged word is not "10% spun"; evidence has to build up over a page before it counts.
_DOCUMENT_PRIOR_WORDS = 40


def document_features(probabilities: list[float], word_threshold: float) -> list[float]:
    """Flagged words per 100 content words (with a prior of plain words) and the mean of the
    ten strongest word probabilities (missing ones count as 0)."""
    flagged = sum(p >= word_threshold for p in probabilities)
    strongest = sorted(probabilities, reverse=True)[:10]
    return [100.0 * flagged / (len(probabilities) + _DOCUMENT_PRIOR_WORDS), sum(strongest) / 10.0]


def known_phrase_hits(tokens: list[Token], vocabulary: SpinVocabulary) -> dict[int, tuple[int, str]]:
    """Listed spun phrases ("counterfeit consciousness"): first index -> (words, original)."""
    hits: dict[int, tuple[int, str]] = {}
    for index in range(len(tokens)):
        for size in (3, 2, 1):
            key = tuple(t.lower for t in tokens[index : index + size])
            if len(key) == size and key in vocabulary.known_phrases:
                if all(t.joined_left for t in tokens[index + 1 : index + size]):
                    hits[index] = (size, vocabulary.known_phrases[key])
                    break
    return hits


def detect_spin(
    text: str,
    counts: NgramCounts,
    thesaurus: Thesaurus,
    vocabulary: SpinVocabulary,
    model: SpinModel,
    *,
    word_threshold: float = 0.5,
    strong_threshold: float = 0.9,
    document_gate: float = 0.5,
    use_known_phrases: bool = False,
    known_phrase_score: float = 0.95,
) -> SpinResult:
    """Spans of likely spun phrases (offsets into `text`) and a document spin score in [0, 1].

    A word at or above `word_threshold` is reported only when the document scores at least
    `document_gate`; below it, only words at or above `strong_threshold` are. A spinner
    rewrites whole pages, so a lone rare word in an otherwise plain page is far more often a
    writer's choice than a swap."""
    tokens = tokenize(text, vocabulary.function_words)
    phrase_originals = phrase_swap_matches(tokens, counts, vocabulary)
    evidence = word_evidence(tokens, counts, thesaurus, vocabulary, phrase_originals)
    score_words(tokens, evidence, model, word_threshold)
    flagged = {i for i, e in enumerate(evidence) if e is not None and e.probability >= word_threshold}
    likely: dict[int, str] = {}
    for index, (_, size, original) in phrase_originals.items():
        if any(i in flagged for i in range(index, index + size)):
            flagged.update(range(index, index + size))
            likely[index] = original
            for inside in range(index + 1, index + size):
                likely[inside] = ""
    if use_known_phrases:
        for index, (size, original) in known_phrase_hits(tokens, vocabulary).items():
            for inside in range(index, index + size):
                item = evidence[inside]
                if item is None:
                    item = evidence[inside] = WordEvidence([0.0] * len(FEATURES))
                item.probability = max(item.probability, known_phrase_score)
                flagged.add(inside)
                likely[inside] = original if inside == index else ""
    probabilities = [e.probability for e in evidence if e is not None]
    document_probability = _logistic(
        model.document_weights, model.document_bias, document_features(probabilities, word_threshold)
    )
    if document_probability < document_gate:
        flagged = {
            i for i in flagged
            if evidence[i] is not None and evidence[i].probability >= strong_threshold
        }
    spans = _spans(text, tokens, evidence, flagged, likely, counts)
    return SpinResult(
        score=document_probability,
        spans=tuple(spans),
        words=len(tokens),
        flagged_words=len(flagged),
    )


def _spans(
    text: str,
    tokens: list[Token],
    evidence: list[WordEvidence | None],
    flagged: set[int],
    likely: dict[int, str],
    counts: NgramCounts,
) -> list[SpinSpan]:
    """Group flagged words into phrases: each flagged word takes in the content word it forms
    the odd pair with, then neighbouring groups joined by spaces merge."""
    members = set(flagged)
    for index in flagged:
        item = evidence[index]
        if item is None or index in likely:
            continue
        odd_left, odd_right = item.features[0], item.features[1]
        if (odd_left > 0 or _unlisted(counts, tokens, index - 1, index)) and tokens[index].joined_left:
            if not tokens[index - 1].function and evidence[index - 1] is not None:
                members.add(index - 1)
        following = index + 1
        if following < len(tokens) and tokens[following].joined_left and not tokens[following].function:
            if odd_right > 0 or _unlisted(counts, tokens, index, following):
                if evidence[following] is not None:
                    members.add(following)
    spans: list[SpinSpan] = []
    group: list[int] = []
    for index in sorted(members):
        if group and index == group[-1] + 1 and tokens[index].joined_left:
            group.append(index)
            continue
        if group:
            spans.append(_make_span(text, tokens, evidence, group, flagged, likely))
        group = [index]
    if group:
        spans.append(_make_span(text, tokens, evidence, group, flagged, likely))
    return spans


def _unlisted(counts: NgramCounts, tokens: list[Token], left: int, right: int) -> bool:
    """The pair of two content words is not a frequent phrase."""
    if left < 0:
        return False
    return not counts.bigram(tokens[left].lower, tokens[right].lower)


def _make_span(
    text: str,
    tokens: list[Token],
    evidence: list[WordEvidence | None],
    group: list[int],
    flagged: set[int],
    likely: dict[int, str],
) -> SpinSpan:
    start, end = tokens[group[0]].start, tokens[group[-1]].end
    words: list[str] = []
    known = False
    for index in group:
        item = evidence[index]
        if index in likely:
            replacement = likely[index]
            known = True
        elif index in flagged and item is not None and item.best_original:
            replacement = _match_case(item.best_original, tokens[index].text)
            known = True
        else:
            replacement = tokens[index].text
        if replacement:
            words.append(replacement)
    score = max((evidence[i].probability for i in group if i in flagged and evidence[i] is not None),
                default=0.0)
    return SpinSpan(start, end, text[start:end], " ".join(words) if known else None, round(score, 4))


def _match_case(word: str, model_word: str) -> str:
    return word[:1].upper() + word[1:] if model_word[:1].isupper() else word
