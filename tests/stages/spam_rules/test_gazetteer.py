"""Places from the gazetteers: the shipped list is what the installed packages give, and
names that are common words never become places."""

from __future__ import annotations

from importlib import resources

import pytest

from pipeline.stages.spam_rules.gazetteer import build_places, generated_text
from pipeline.stages.spam_rules.spans import fold
from pipeline.stages.spam_rules.vocabulary import PLACE, SpamVocabulary


@pytest.fixture(scope="module")
def places() -> set[str]:
    return {fold(name) for name in build_places(frozenset({"chad"}), frozenset({"de", "in", "at"}))}


def test_shipped_place_list_is_what_the_gazetteers_give() -> None:
    shipped = resources.files("pipeline").joinpath("data", "spam", "places_gazetteer.txt").read_text("utf-8")
    assert shipped == generated_text(), "regenerate: python -m pipeline.stages.spam_rules.gazetteer"


def test_countries_translations_subdivisions_cities_and_market_codes_are_places(places: set[str]) -> None:
    for name in ("new zealand", "neuseeland", "nouvelle-zelande", "nueva zelanda", "queensland",
                 "kolkata", "nz"):
        assert name in places, name


def test_common_words_and_excluded_names_are_not_places(places: set[str]) -> None:
    # city names that are words (Nice, Reading), codes that are words or units (us, za, ml)
    for word in ("nice", "reading", "central", "us", "za", "ml", "de", "chad"):
        assert word not in places, word


def test_the_vocabulary_reads_gazetteer_places() -> None:
    vocabulary = SpamVocabulary.load()
    assert (1, PLACE) in vocabulary.phrases.matches(["kolkata"], 0)
