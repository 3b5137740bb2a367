"""Flagged words grouped into phrases, and the likely original of each phrase.

A spinner garbles a collocation as a whole, so a flagged word takes in the neighbour its
back-substitution pairs it with, runs of such words merge (across one function word:
"purpose of defenselessness"), and the likely original is the best joint back-substitution
of the whole run: each word keeps itself or takes one of its candidates, and the choice that
makes the run, with the words just outside it, the most established phrase wins.
"""

from __future__ import annotations

from pipeline.spin.phrases import PhraseTable
from pipeline.spin.signals import Candidate, pair_gain
from pipeline.spin.text import Token

# log10 prior for keeping a flagged word as it is: the model judged it swapped, so keeping
# it must be earned by the phrase statistics.
_KEEP_FLAGGED_PRIOR = -0.5
# log10 prior of a thesaurus original when naming the likely original: dozens are listed per
# word, so one must make a much more established phrase than a learnt swap to win.
_THESAURUS_NAMING_PRIOR = -2.5


def group_spans(
    tokens: list[Token], flagged: set[int], partners: dict[int, int], judged: list[bool]
) -> list[list[int]]:
    """Runs of token indexes to report: flagged words, their back-substitution partners, and
    a function word standing alone between two of them."""
    members = set(flagged)
    for index in flagged:
        partner = partners.get(index)
        if partner is not None and judged[partner]:
            members.add(partner)
    groups: list[list[int]] = []
    for index in sorted(members):
        if groups and index == groups[-1][-1] + 1 and tokens[index].joined_left:
            groups[-1].append(index)
        elif (
            groups
            and index == groups[-1][-1] + 2
            and tokens[index].joined_left
            and tokens[index - 1].joined_left
            and tokens[index - 1].function
        ):
            groups[-1].extend((index - 1, index))
        else:
            groups.append([index])
    return groups


def likely_original(
    table: PhraseTable,
    tokens: list[Token],
    group: list[int],
    options: dict[int, tuple[Candidate, ...]],
    flagged: set[int],
    fixed: dict[int, str],
) -> str | None:
    """The best joint back-substitution of a run (Viterbi over each word's choices), written
    in the run's case; None when the best is the text itself."""
    choices: list[list[tuple[str, float]]] = []
    for index in group:
        word = tokens[index].lower
        if index in fixed:
            choices.append([(fixed[index], 0.0)])
            continue
        keep = _KEEP_FLAGGED_PRIOR if index in flagged else 0.0
        choices.append(
            [(word, keep)]
            + [(c.word, c.prior if c.learned else _THESAURUS_NAMING_PRIOR) for c in options.get(index, ())]
        )
    first, last = group[0], group[-1]
    # a function word outside the run is no anchor: it votes for whatever follows it most
    # ("back on", "an irregular": the spinner even adapts the article to its own word)
    before = _anchor(tokens, first - 1) if tokens[first].joined_left else None
    after = _anchor(tokens, last + 1)
    if after is not None and not tokens[last + 1].joined_left:
        after = None
    # best[k] = (score, path) of the best choice sequence ending in choice k of this word
    best = [
        (prior + (pair_gain(table, before, word) if before and word else 0.0), [word])
        for word, prior in choices[0]
    ]
    for step in choices[1:]:
        following = []
        for word, prior in step:
            score, path = max(
                ((s + pair_gain(table, p[-1], word) if p[-1] and word else s, p) for s, p in best),
                key=lambda item: item[0],
            )
            following.append((score + prior, [*path, word]))
        best = following
    if after:
        best = [(s + (pair_gain(table, p[-1], after) if p[-1] else 0.0), p) for s, p in best]
    _, path = max(best, key=lambda item: item[0])
    words = [_match_case(word, tokens[index].text) for word, index in zip(path, group, strict=True) if word]
    original = " ".join(words)
    text = " ".join(tokens[index].text for index in group)
    return None if original.lower() == text.lower() else original


def _anchor(tokens: list[Token], index: int) -> str | None:
    """The lowercase word at `index` when it can anchor a back-substitution: a content word."""
    if 0 <= index < len(tokens) and not tokens[index].function:
        return tokens[index].lower
    return None


def _match_case(word: str, model_word: str) -> str:
    return word[:1].upper() + word[1:] if model_word[:1].isupper() else word
