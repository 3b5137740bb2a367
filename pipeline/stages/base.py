"""The stage contract every cleaning step follows."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, ClassVar

from pipeline.document import Document, Drop
from pipeline.stage_config import StageConfig  # re-exported: stages import it from here


class Stage:
    """One cleaning step: takes a document, returns it (with edits recorded) or a Drop.

    A stage never opens files or touches global state: the runner owns I/O, order,
    parallelism and accounting, so a stage can run in any worker process.
    """

    name: ClassVar[str]
    version: ClassVar[int] = 1
    Config: ClassVar[type[StageConfig]] = StageConfig

    def __init__(self, config: StageConfig | None = None) -> None:
        self.config = config if config is not None else self.Config()

    @classmethod
    def versioned_name(cls) -> str:
        return f"{cls.name}@{cls.version}"

    def process(self, doc: Document) -> Document | Drop:
        raise NotImplementedError


class CorpusStage(Stage):
    """A stage that must see the whole corpus before it can judge one document
    (template lines learnt across pages, duplicates).

    The runner first streams every document that reached this stage through `scan`
    in one process, then calls `finish_scan` once, then ships the stage (pickled, so
    keep the state compact: hashes and ids, not texts) to the workers for `process`.

    A stage that carries an index from one run to the next (incremental dedup) gets two
    folders from the runner in `begin_scan`: the index of the corpus being replaced
    (`clean/index/<name>/`, None on a first run) and the one being written. These are the
    only files a stage may touch; the runner owns where they live and swaps them in with
    the corpus.
    """

    def begin_scan(self, previous_index: Path | None, index: Path) -> None:
        """Called once before the first `scan`."""

    def scan(self, docs: Iterable[Document]) -> None:
        raise NotImplementedError

    def finish_scan(self) -> dict[str, Any]:
        """Return figures for the manifest (counts, sizes); the default has none."""
        return {}
