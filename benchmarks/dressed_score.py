"""Token-level scoring of the cleaning stages on dressed real articles
(`benchmarks/dressed_articles.py`): which inserted tokens were removed, and which removed
tokens were inserted."""

from __future__ import annotations

import collections
import re
from dataclasses import dataclass, field

from benchmarks.dressed_articles import ARTICLE, SPAM, DressedPage
from pipeline.document import Document, Source
from pipeline.stages.boilerplate import BoilerplateRemover
from pipeline.stages.pii import PiiRemover
from pipeline.stages.spam import SpamConfig, SpamStripper
from pipeline.stages.template_lines import TemplateLineRemover

TOKEN = re.compile(r"\w+")
# Edits that repair or mask text rather than remove it: not removals for this score.
NOT_REMOVALS = frozenset({"bare_url", "glued_words", "unicode_repair", "email", "email_obfuscated",
                          "email_protected", "phone", "ip_address"})


@dataclass
class Score:
    inserted: int = 0
    inserted_removed: int = 0
    spam: int = 0
    spam_removed: int = 0
    article: int = 0
    article_removed: int = 0
    by_kind: collections.Counter = field(default_factory=collections.Counter)
    by_kind_removed: collections.Counter = field(default_factory=collections.Counter)
    lost_by_rule: collections.Counter = field(default_factory=collections.Counter)
    lost_examples: list = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.inserted_removed / self.inserted if self.inserted else 1.0

    @property
    def precision(self) -> float:
        removed = self.inserted_removed + self.article_removed
        return self.inserted_removed / removed if removed else 1.0

    @property
    def spam_recall(self) -> float:
        return self.spam_removed / self.spam if self.spam else 1.0


def default_stages() -> list:
    return [TemplateLineRemover(), BoilerplateRemover(), PiiRemover(),
            SpamStripper(SpamConfig(drop_threshold=1.0))]


def removed_characters(doc: Document, size: int) -> list[str | None]:
    """For each character of the input, the rule of the edit that removed it (None: kept)."""
    origin = list(range(size))
    removed: list[str | None] = [None] * size
    for edit in doc.edits:
        if edit.rule not in NOT_REMOVALS:
            for index in origin[edit.start : edit.end]:
                if index >= 0:
                    removed[index] = edit.rule
        origin[edit.start : edit.end] = [-1] * len(edit.inserted)
    return removed


def run_pages(pages: list[DressedPage], stages: list | None = None) -> list[Document]:
    stages = stages if stages is not None else default_stages()
    docs = [Document(id=p.name, text=p.text, title=p.title,
                     source=Source(f"{p.site}/{p.name}.txt", 0, "0" * 64, "html")) for p in pages]
    for stage in stages:
        if hasattr(stage, "scan"):
            stage.scan(docs)
            stage.finish_scan()
    out = []
    for doc in docs:
        for stage in stages:
            doc = stage.process(doc)
        out.append(doc)
    return out


def score(pages: list[DressedPage], docs: list[Document]) -> Score:
    result = Score()
    for page, doc in zip(pages, docs, strict=True):
        removed = removed_characters(doc, len(page.text))
        for match in TOKEN.finditer(page.text):
            label, kind = page.labels[match.start()], page.kinds[match.start()]
            gone_chars = sum(removed[i] is not None for i in range(match.start(), match.end()))
            gone = gone_chars * 2 > len(match.group())
            if label == ARTICLE:
                result.article += 1
                if gone:
                    result.article_removed += 1
                    rule = removed[match.start()] or removed[match.end() - 1]
                    result.lost_by_rule[rule] += 1
                    if len(result.lost_examples) < 400:
                        line_start = page.text.rfind("\n", 0, match.start()) + 1
                        line_end = page.text.find("\n", match.start())
                        result.lost_examples.append((page.name, rule, page.text[line_start:line_end][:160]))
                continue
            result.inserted += 1
            result.inserted_removed += gone
            result.by_kind[kind] += 1
            result.by_kind_removed[kind] += gone
            if label == SPAM:
                result.spam += 1
                result.spam_removed += gone
    return result


def missed(page: DressedPage, doc: Document) -> list[tuple[str, str]]:
    """(kind, inserted text) of every inserted piece that was not removed, for inspection."""
    removed = removed_characters(doc, len(page.text))
    pieces: list[tuple[str, str]] = []
    start = None
    for index in range(len(page.text) + 1):
        inside = index < len(page.text) and page.labels[index] != ARTICLE and page.text[index] != "\n"
        if inside and start is None:
            start = index
        elif not inside and start is not None:
            chunk = page.text[start:index]
            kept = sum(removed[i] is None for i in range(start, index) if not chunk[i - start].isspace())
            if kept * 2 > len(chunk.replace(" ", "")):
                pieces.append((page.kinds[start], chunk))
            start = None
    return pieces
