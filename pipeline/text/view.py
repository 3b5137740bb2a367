"""One text seen as lines, words, tokens, sentences and a script, each worked out on first
use and kept: the stages that read one document's text share one view of it."""

from __future__ import annotations

from functools import cached_property, lru_cache

from pipeline.text.lines import Line, non_blank_lines, split_lines
from pipeline.text.scripts import dominant_script
from pipeline.text.sentences import sentence_spans
from pipeline.text.words import WORD_RUN, tokens, word_spans


class TextView:
    """A read-only view of one text. Build it with `text_view(text)`, which hands every
    stage that reads the same text the same view."""

    def __init__(self, text: str) -> None:
        self.text = text

    @cached_property
    def lines(self) -> list[Line]:
        """Lines split at "\\n", with offsets (`split_lines`)."""
        return split_lines(self.text)

    @cached_property
    def line_words(self) -> list[list[str]]:
        """The words of each of `lines`, as written, a run of Han or Thai being one word (the
        unit the boilerplate vocabulary is matched on)."""
        return [WORD_RUN.findall(line.text) for line in self.lines]

    @cached_property
    def word_spans(self) -> list[tuple[int, int]]:
        """(start, end) of every word, unspaced scripts cut per character or cluster."""
        return word_spans(self.text)

    @cached_property
    def words(self) -> list[str]:
        """Every word, case-folded, unspaced scripts cut per character or cluster."""
        text = self.text
        return [text[start:end].casefold() for start, end in self.word_spans]

    @cached_property
    def non_blank_lines(self) -> list[str]:
        """Stripped non-blank lines at every Unicode line boundary (`non_blank_lines`)."""
        return non_blank_lines(self.text)

    @cached_property
    def line_tokens(self) -> list[list[str]]:
        """The tokens (`tokens`) of each of `non_blank_lines`."""
        return [tokens(line) for line in self.non_blank_lines]

    @cached_property
    def tokens(self) -> list[str]:
        """Every token of the text (`tokens`): the tokens of its lines, in order, since a
        token never spans a line break."""
        return [token for line in self.line_tokens for token in line]

    @cached_property
    def sentences(self) -> list[tuple[int, int]]:
        """(start, end) of every sentence (`sentence_spans`)."""
        return sentence_spans(self.text)

    @cached_property
    def script(self) -> str | None:
        """The script of most letters (`dominant_script`)."""
        return dominant_script(self.text)


@lru_cache(maxsize=4)
def text_view(text: str) -> TextView:
    """The view of `text`, shared by every caller that passes an equal text while it is among
    the last few seen (a document passes from stage to stage unchanged more often than not)."""
    return TextView(text)
