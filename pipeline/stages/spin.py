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
from pipeline.spin.artefacts import SpinVocabulary
from pipeline.spin.detector import FEATURES, SpinResult, detect_spin
from pipeline.spin.lookup import Logistic, SpinModel, SpinResources
from pipeline.spin.swaps import SwapTable, parse_swap_table
from pipeline.spin.tables import shared_tables
from pipeline.stages.base import Stage, StageConfig


@dataclass(frozen=True)
class SpinConfig(StageConfig):
    policy: Literal["keep", "reject"] = field(
        default="keep",
        metadata={
            "doc": "What happens to a document whose spin score reaches reject_score: 'keep' "
            "it with doc.spin filled in (the default: spin is judged from phrase "
            "statistics and a false positive would silently lose a real page, while a "
            "kept flag lets users filter on spin.score), or 'reject' it with reason spun."
        },
    )
    reject_score: float = field(
        default=0.95,
        metadata={
            "doc": "Document spin score at or above which policy 'reject' drops the document. "
            "0.95: only a page with many strong swaps reaches it (the spun seed scores 0.92 "
            "and no other seed over 0.32), so 'reject' drops the clearest cases only "
            "(see BENCHMARKS.md, Spin)."
        },
    )
    threshold_offset: float = field(
        default=0.1,
        metadata={
            "doc": "Added to the fitted word threshold of the model in use (data/spin/model.json, "
            "one threshold with the spinner swaps and one without). The fitted one is the "
            "lowest that keeps the share of plain terms touched by a span under 2% in "
            "cross-validation on real tortured phrases; 0.1 above it keeps plain web "
            "pages (the control seed) free of spans, at some recall (BENCHMARKS.md, "
            "Spin). Raise it for fewer spans, lower it for more."
        },
    )
    use_spinner_swaps: bool = field(
        default=True,
        metadata={
            "doc": "Read the word swaps learnt from published tortured phrases "
            "(data/spin/spinner_swaps.tsv). Off, the detector uses general resources "
            "only (phrase statistics, thesaurus, case artefacts) with a model fitted "
            "without them; the benchmark measures both."
        },
    )
    use_known_phrases: bool = field(
        default=True,
        metadata={
            "doc": "Also flag phrases listed in data/spin/known_phrases.tsv (published "
            "'tortured phrases'). The detector does not depend on it; the benchmark "
            "measures it off and on."
        },
    )
    known_phrase_score: float = field(
        default=0.95,
        metadata={
            "doc": "Word probability given to a listed spun phrase: a listed phrase is near "
            "certain evidence, though a quotation of it can be legitimate."
        },
    )

    def validate(self) -> None:
        keys = ("reject_score", "known_phrase_score")
        for key in keys:
            value = getattr(self, key)
            if not 0.0 < value <= 1.0:
                raise ConfigError(f"{key}: must be in (0, 1], not {value!r}")
        if not -0.5 <= self.threshold_offset <= 0.5:
            raise ConfigError(f"threshold_offset: must be in [-0.5, 0.5], not {self.threshold_offset!r}")


class SpinDetector(Stage):
    """Spun-text detection: synonym-swapped phrases as spans, a document spin score, a policy."""

    name = "spin"
    version = 2
    Config = SpinConfig
    config: SpinConfig

    def __init__(self, config: SpinConfig | None = None) -> None:
        super().__init__(config)
        # loaded once per worker process (BENCHMARKS.md, Spin)
        self.resources = load_resources()
        self.thresholds = load_thresholds()

    @property
    def word_threshold(self) -> float:
        """The fitted threshold of the model in use, plus the configured offset."""
        fitted = self.thresholds["word" if self.config.use_spinner_swaps else "general_word"]
        return min(0.99, max(0.01, fitted + self.config.threshold_offset))

    def reconfigured(self, config: SpinConfig) -> SpinDetector:
        """The same loaded resources under another configuration (benchmarks, tests)."""
        config.validate()
        other = copy.copy(self)
        other.config = config
        return other

    def detect(self, text: str) -> SpinResult:
        return detect_spin(
            text,
            self.resources,
            word_threshold=self.word_threshold,
            use_swaps=self.config.use_spinner_swaps,
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
            return Drop(
                Reason.SPUN,
                {
                    "message": f"spin score {result.score:.2f} >= {self.config.reject_score}",
                    "score": round(result.score, 4),
                    "spans": len(result.spans),
                },
            )
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


def _logistic(part: dict) -> Logistic:
    return Logistic(tuple(part["weights"]), part["bias"])


def load_model() -> SpinModel:
    """The logistic coefficients fitted by benchmarks/spin_fit.py."""
    data = json.loads(_data_file("model.json").read_text(encoding="utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise ValueError("pipeline/data/spin/model.json was fitted on other features; refit it")
    return SpinModel(
        *(
            _logistic(data[prefix + part])
            for prefix in ("", "general_")
            for part in ("word", "context", "document")
        )
    )


def load_thresholds() -> dict[str, float]:
    """The word thresholds fitted with the model (benchmarks/spin_fit.py)."""
    return json.loads(_data_file("model.json").read_text(encoding="utf-8"))["thresholds"]


def load_resources(model: SpinModel | None = None, swaps: SwapTable | None = None) -> SpinResources:
    """The stage's resources; `model` and `swaps` replace the shipped ones (fitting)."""
    vocabulary = load_vocabulary()
    tables = shared_tables(vocabulary.function_words)
    return SpinResources(
        phrases=tables.phrases,
        thesaurus=tables.thesaurus,
        swaps=swaps
        if swaps is not None
        else parse_swap_table(_data_file("spinner_swaps.tsv").read_text("utf-8")),
        vocabulary=vocabulary,
        model=model if model is not None else load_model(),
        candidate_cache={},
        pair_cache={},
        termness_cache={},
        word_cache={},
    )
