"""Spun-text detection: flags synonym-substituted phrases and scores the document.

The stage never edits the text: it runs after every text-editing stage, so the span offsets
it stores in `doc.spin` point into the output text. What happens to a spun document is the
`policy`: keep it with its flag (the default), or reject it as `spun` above `reject_score`.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

from pipeline.document import Document, Drop, Reason
from pipeline.errors import ConfigError
from pipeline.spin.resources import load_ngram_counts, load_thesaurus
from pipeline.spin.signals import FEATURES, SpinModel, SpinResult, SpinVocabulary, detect_spin
from pipeline.stages.base import Stage, StageConfig


@dataclass(frozen=True)
class SpinConfig(StageConfig):
    policy: Literal["keep", "reject"] = field(
        default="keep",
        metadata={"doc": "What happens to a document whose spin score reaches reject_score: 'keep' "
                         "it with doc.spin filled in (the default: spin is judged from phrase "
                         "statistics and a false positive would silently lose a real page, while a "
                         "kept flag lets users filter on spin.score), or 'reject' it with reason spun."},
    )
    reject_score: float = field(
        default=0.95,
        metadata={"doc": "Document spin score at or above which policy 'reject' drops the document. "
                         "0.95: on the labelled benchmark the highest clean document scores 0.89, "
                         "while 44% of the spun test documents and the spun seed score higher "
                         "(see BENCHMARKS.md, Spin)."},
    )
    word_threshold: float = field(
        default=0.5,
        metadata={"doc": "Probability at or above which a word counts as spun and is reported in a "
                         "span. 0.5: the logistic model's own decision point, fitted on spun text."},
    )
    strong_threshold: float = field(
        default=0.9,
        metadata={"doc": "In a document scoring below document_gate, only words at or above this "
                         "probability are reported: a spinner rewrites whole pages, so one rare word "
                         "in a plain page is far more often the writer's choice. 0.9 keeps clean "
                         "prose nearly free of spans on the benchmark."},
    )
    document_gate: float = field(
        default=0.5,
        metadata={"doc": "Document score from which every word at or above word_threshold is "
                         "reported. 0.5: the document model's own decision point."},
    )
    use_known_phrases: bool = field(
        default=True,
        metadata={"doc": "Also flag phrases listed in data/spin/known_phrases.tsv (published "
                         "'tortured phrases'). The detector does not depend on it; the benchmark "
                         "measures it off and on."},
    )
    known_phrase_score: float = field(
        default=0.95,
        metadata={"doc": "Word probability given to a listed spun phrase: a listed phrase is near "
                         "certain evidence, though a quotation of it can be legitimate."},
    )

    def validate(self) -> None:
        keys = ("reject_score", "word_threshold", "strong_threshold", "document_gate", "known_phrase_score")
        for key in keys:
            value = getattr(self, key)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{key}: must be in (0, 1], not {value!r}")


class SpinDetector(Stage):
    """Spun-text detection: synonym-swapped phrases as spans, a document spin score, a policy."""

    name = "spin"
    version = 1
    Config = SpinConfig

    def __init__(self, config: SpinConfig | None = None) -> None:
        super().__init__(config)
        # loaded once per worker process: about 0.8 s and 110 MB (BENCHMARKS.md, Spin)
        self.counts = load_ngram_counts()
        self.thesaurus = load_thesaurus(self.counts)
        self.vocabulary = load_vocabulary()
        self.model = load_model()

    def reconfigured(self, config: SpinConfig) -> SpinDetector:
        """The same loaded resources under another configuration (benchmarks, tests)."""
        config.validate()
        other = copy.copy(self)
        other.config = config
        return other

    def detect(self, text: str) -> SpinResult:
        return detect_spin(
            text, self.counts, self.thesaurus, self.vocabulary, self.model,
            word_threshold=self.config.word_threshold,
            strong_threshold=self.config.strong_threshold,
            document_gate=self.config.document_gate,
            use_known_phrases=self.config.use_known_phrases,
            known_phrase_score=self.config.known_phrase_score,
        )

    def process(self, doc: Document) -> Document | Drop:
        result = self.detect(doc.text)
        doc.spin = {
            "score": round(result.score, 4),
            "spans": [
                {"start": s.start, "end": s.end, "text": s.text, "likely": s.likely, "score": s.score}
                for s in result.spans
            ],
            "words": result.words,
            "flagged_words": result.flagged_words,
        }
        if self.config.policy == "reject" and result.score >= self.config.reject_score:
            return Drop(Reason.SPUN, {
                "message": f"spin score {result.score:.2f} >= {self.config.reject_score}",
                "score": round(result.score, 4),
                "spans": len(result.spans),
            })
        return doc


def _data_file(name: str):
    """A file of pipeline/data/spin, read through the package (works from a wheel too)."""
    return resources.files("pipeline").joinpath("data", "spin", name)


def _data_lines(name: str) -> list[str]:
    text = _data_file(name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def load_vocabulary() -> SpinVocabulary:
    """The word lists in pipeline/data/spin."""
    swaps = []
    for line in _data_lines("phrase_swaps.tsv"):
        spun, original = line.split("\t")
        swaps.append((tuple(spun.lower().split()), tuple(original.lower().split())))
    known = {}
    for line in _data_lines("known_phrases.tsv"):
        spun, original = line.split("\t")
        known[tuple(spun.lower().split())] = original
    return SpinVocabulary(
        function_words=frozenset(word.strip().lower() for word in _data_lines("function_words.txt")),
        always_capitalised=frozenset(word.strip().lower() for word in _data_lines("always_capitalised.txt")),
        phrase_swaps=tuple(swaps),
        known_phrases=known,
    )


def load_model() -> SpinModel:
    """The logistic coefficients fitted by benchmarks/spin_fit.py."""
    data = json.loads(_data_file("model.json").read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("pipeline/data/spin/model.json was fitted on other features; refit it")
    return SpinModel(
        word_weights=tuple(data["word"]["weights"]),
        word_bias=data["word"]["bias"],
        density_weights=tuple(data["density"]["weights"]),
        density_bias=data["density"]["bias"],
        document_weights=tuple(data["document"]["weights"]),
        document_bias=data["document"]["bias"],
    )
