"""Unicode repair: mojibake, HTML entities left in text, odd quotes and spaces, then NFC."""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

import ftfy

from pipeline.document import Document, Replacement
from pipeline.errors import ConfigError
from pipeline.stages.base import Stage, StageConfig

# Lines longer than this are recorded as one whole-line edit instead of a character diff:
# difflib is quadratic in the worst case and such lines are rare (minified text, tables).
_DIFF_LIMIT = 20_000

# Printable ASCII without "&", plus tab and line breaks, is text that ftfy and every Unicode
# normal form return unchanged (no mojibake, entity, control character or odd space can be
# spelt in it; a lone "\r" is left to ftfy, which rewrites line breaks). Most English pages are
# nothing else, so checking for anything outside it first skips ftfy for them.
_MAY_NEED_REPAIR = re.compile(r"[^\t\n\x20-\x25\x27-\x7e]")


@dataclass(frozen=True)
class NormalizerConfig(StageConfig):
    normal_form: Literal["NFC", "NFKC", "NFD", "NFKD"] = field(
        default="NFC",
        metadata={"doc": "Unicode normal form applied after ftfy (NFC keeps compatibility "
                         "characters such as ligatures; NFKC folds them)."},
    )
    uncurl_quotes: bool = field(
        default=False,
        metadata={"doc": "Turn curly quotes into straight ones. Off: curly quotes are real text."},
    )

    def validate(self) -> None:
        if self.normal_form not in ("NFC", "NFKC", "NFD", "NFKD"):
            raise ConfigError(f"normal_form: must be NFC, NFKC, NFD or NFKD, not {self.normal_form!r}")


class Normalizer(Stage):
    """ftfy text repair then Unicode normalisation; edits only where a line changed."""

    name = "normalize"
    version = 1
    Config = NormalizerConfig
    config: NormalizerConfig

    def process(self, doc: Document) -> Document:
        if not _MAY_NEED_REPAIR.search(doc.text):
            return doc
        replacements = []
        offset = 0
        for line in doc.text.splitlines(keepends=True):
            fixed = self._fix(line) if _MAY_NEED_REPAIR.search(line) else line
            if fixed != line:
                replacements.extend(_line_replacements(line, fixed, offset))
            offset += len(line)
        doc.apply(replacements, stage=self.name)
        return doc

    def _fix(self, line: str) -> str:
        fixed = ftfy.fix_text(line, uncurl_quotes=self.config.uncurl_quotes, normalization=None)
        return unicodedata.normalize(self.config.normal_form, fixed)


def _line_replacements(line: str, fixed: str, offset: int) -> list[Replacement]:
    if len(line) > _DIFF_LIMIT:
        return [Replacement(offset, offset + len(line), "unicode_repair", fixed)]
    matcher = difflib.SequenceMatcher(None, line, fixed, autojunk=False)
    return [
        Replacement(offset + i1, offset + i2, "unicode_repair", fixed[j1:j2])
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
        if tag != "equal"
    ]
