"""Articles: sentences filled from a topic's vocabulary, in English, German or Spanish."""

from __future__ import annotations

import random
import string

from .documents import Article
from .phrasings import _DURATIONS, _HEADINGS, _INTERVALS, _OPENERS, _SEASONS, _SENTENCES, _TIMES, _TITLES
from .sites import _capitalize, _person, _rng, _title_case
from .topics import Topic
from .word_lists import _GERMAN, _SPANISH


class _Filler:
    """Fills template slots from a topic's vocabulary. Each kind of slot draws from its own
    shuffled bag, refilled when empty, so one article does not repeat the same phrase."""

    _BAGS = {"subject": "subjects", "activity": "activities", "people": "people", "place": "places",
             "tool": "tools", "benefit": "benefits", "problem": "problems", "action": "actions",
             "factor": "factors"}
    _SHARED = {"time": _TIMES, "interval": _INTERVALS, "duration": _DURATIONS, "season": _SEASONS}

    def __init__(self, topic: Topic, rng: random.Random) -> None:
        self.topic, self.rng = topic, rng
        self.bags: dict[str, list[str]] = {}

    def draw(self, key: str) -> str:
        bag = self.bags.get(key)
        if not bag:
            source = getattr(self.topic, self._BAGS[key]) if key in self._BAGS else self._SHARED[key]
            bag = self.bags[key] = list(source)
        return bag.pop(int(self.rng.random() * len(bag)))

    def value(self, key: str, title: bool) -> str:
        if key == "number":
            return str(self.rng.randint(3, 12))
        if key == "percent":
            return str(self.rng.randrange(20, 85, 5))
        if key == "year":
            return str(2016 + self.rng.randrange(10))
        text = self.draw(key)
        return _title_case(text) if title else text

    def fill(self, template: str) -> str:
        return template.format(**{name: self.value(key, title) for name, key, title in _fields(template)})


def _fields(template: str) -> tuple[tuple[str, str, bool], ...]:
    """The slots of a template, sorted: (field name, vocabulary key, title-cased?)."""
    fields = _FIELD_CACHE.get(template)
    if fields is None:
        names = sorted({name for _, name, _, _ in string.Formatter().parse(template) if name})
        fields = tuple((name, name.lower().rstrip("2"), name[:1].isupper()) for name in names)
        _FIELD_CACHE[template] = fields
    return fields


_FIELD_CACHE: dict[str, tuple[tuple[str, str, bool], ...]] = {}


def _fill(template: str, topic: Topic, rng: random.Random) -> str:
    return _Filler(topic, rng).fill(template)


def _sentence(filler: _Filler, template: str) -> str:
    sentence = _capitalize(filler.fill(template))
    # An opener now and then varies the rhythm; one in seven keeps it from becoming a tic.
    if filler.rng.random() < 1 / 7 and sentence[1:2].islower() and "," not in sentence[:20]:
        sentence = filler.rng.choice(_OPENERS) + sentence[0].lower() + sentence[1:]
    return sentence


def make_article(seed: int, index: int, topic: Topic) -> Article:
    """The clean article of document `index`: a title, an author and 3 to 6 paragraphs of
    3 to 6 sentences, with a heading before some of the later paragraphs."""
    rng = _rng(seed, index, "article")
    filler = _Filler(topic, rng)
    title = filler.fill(rng.choice(_TITLES))
    templates = list(_SENTENCES)
    rng.shuffle(templates)
    sections: list[tuple[str | None, list[str]]] = []
    for number in range(rng.randint(3, 6)):
        heading = None
        if number and rng.random() < 0.35:
            heading = _capitalize(filler.fill(rng.choice(_HEADINGS)))
        count = rng.randint(3, 6)
        if len(templates) < count:
            templates = list(_SENTENCES)
            rng.shuffle(templates)
        sentences = [_sentence(filler, templates.pop()) for _ in range(count)]
        sections.append((heading, sentences))
    return Article(title=title, author=_person(rng), sections=sections)


def _foreign_article(seed: int, index: int, language: str) -> Article:
    rng = _rng(seed, index, "article", language)
    vocabulary = _GERMAN if language == "de" else _SPANISH

    def fill(template: str) -> str:
        values = {"S": rng.choice(vocabulary["subjects"]), "Monat": rng.choice(vocabulary["months"]),
                  "Mes": rng.choice(vocabulary["months"]), "Ort": rng.choice(vocabulary.get("places", ("",))),
                  "Mittel": rng.choice(vocabulary["tools"]), "Zahl": str(rng.randint(3, 9))}
        return _capitalize(template.format(**values))

    title = fill(rng.choice(vocabulary["titles"]))
    templates = list(vocabulary["sentences"])
    rng.shuffle(templates)
    sections: list[tuple[str | None, list[str]]] = []
    for _ in range(rng.randint(3, 4)):
        count = rng.randint(3, 4)
        if len(templates) < count:
            templates = list(vocabulary["sentences"])
            rng.shuffle(templates)
        sections.append((None, [fill(templates.pop()) for _ in range(count)]))
    return Article(title=title, author=_person(rng), sections=sections)
