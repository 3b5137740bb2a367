"""Corpus stages: the runner stops before them, streams the corpus through `scan`, then goes on;
their index folder is carried from one run to the next."""

from dataclasses import dataclass

from pipeline.config import config_from_dict
from pipeline.executor import LocalExecutor
from pipeline.io.writers import read_jsonl_gz
from pipeline.runner import run, split_segments
from pipeline.stages import REGISTRY
from pipeline.stages.base import CorpusStage, StageConfig


@dataclass(frozen=True)
class CountingConfig(StageConfig):
    pass


class CorpusCounter(CorpusStage):
    """Test stage: stamps every document with the corpus size and remembers past runs."""

    name = "corpus_counter"
    Config = CountingConfig

    def begin_scan(self, previous_index, index):
        self.previous_runs = int((previous_index / "runs").read_text()) if previous_index else 0
        self.index = index
        self.size = 0

    def scan(self, docs):
        self.size = sum(1 for _ in docs)

    def finish_scan(self):
        (self.index / "runs").write_text(str(self.previous_runs + 1))
        return {"documents": self.size}

    def process(self, doc):
        # a declared string field: the output schema refuses findings it does not declare
        doc.title = f"corpus of {self.size}, {self.previous_runs} runs before"
        return doc


def test_segments_are_cut_before_each_corpus_stage(monkeypatch):
    monkeypatch.setitem(REGISTRY, "corpus_counter", CorpusCounter)
    names = ["normalize", "corpus_counter", "normalize"]
    assert split_segments(names) == [["normalize"], ["corpus_counter", "normalize"]]
    assert split_segments(["corpus_counter"]) == [[], ["corpus_counter"]]


def test_corpus_stage_sees_the_whole_corpus_and_keeps_its_index_across_runs(tmp_path, monkeypatch):
    monkeypatch.setitem(REGISTRY, "corpus_counter", CorpusCounter)
    source = tmp_path / "in"
    source.mkdir()
    for i in range(3):
        (source / f"{i}.txt").write_text(f"page {i}")
    config = config_from_dict({"run": {"stages": ["normalize", "corpus_counter"], "shard_files": 1}})
    out = tmp_path / "clean"
    result = run(source, out, config, executor=LocalExecutor(1), progress=False)
    assert result.manifest["stages"]["corpus_counter"]["scan"] == {"documents": 3}
    (source / "3.txt").write_text("page 3")  # the next run adds one page to the corpus
    result = run(source, out, config, executor=LocalExecutor(1), progress=False)
    docs = [r for p in sorted((out / "documents").glob("*.gz")) for r in read_jsonl_gz(p)]
    assert [d["title"] for d in docs] == ["corpus of 3, 0 runs before"] * 3 + ["corpus of 1, 1 runs before"]
    assert result.manifest["stages"]["corpus_counter"]["scan"] == {"documents": 1}
    assert (out / "index" / "corpus_counter" / "runs").read_text() == "2"
