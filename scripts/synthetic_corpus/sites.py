"""Seeded randomness, small text helpers and the sites pages are published on."""

from __future__ import annotations

import random
import re
import unicodedata
from datetime import datetime, timedelta

from .documents import _DATE_SPAN_DAYS, _EPOCH, Site
from .phrasings import (
    _FIRST_NAMES,
    _LAST_NAMES,
    _SITE_PREFIXES,
    _SITE_SUFFIXES,
    _SMALL_WORDS,
    _TEMPLATE_LINES,
    _TLDS,
)
from .topics import TOPICS


class _FastRandom(random.Random):
    """`random.Random` with choice, randint, randrange, shuffle and sample drawn from one
    `random()` call each: several times faster than the exact integer sampling of the
    standard methods, which matters at a hundred thousand pages, and just as reproducible."""

    def _below(self, n: int) -> int:
        return int(self.random() * n)

    def choice(self, seq):  # type: ignore[no-untyped-def, override]
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))

    def randrange(self, start: int, stop: int | None = None, step: int = 1) -> int:  # type: ignore[override]
        if stop is None:
            start, stop = 0, start
        return start + step * int(self.random() * ((stop - start + step - 1) // step))

    def shuffle(self, x: list) -> None:  # type: ignore[override, type-arg]
        for i in range(len(x) - 1, 0, -1):
            j = int(self.random() * (i + 1))
            x[i], x[j] = x[j], x[i]

    def sample(self, population, k):  # type: ignore[no-untyped-def, override]
        pool = list(population)
        self.shuffle(pool)
        return pool[:k]


def _rng(seed: int, *parts: object) -> random.Random:
    """A generator for one purpose of one document: independent of every other choice,
    so a document can be rebuilt on its own (a near-duplicate rebuilds its source)."""
    return _FastRandom("/".join(str(part) for part in (seed, *parts)))


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    words = text.split(" ")
    out = []
    for position, word in enumerate(words):
        if position and word.lower() in _SMALL_WORDS:
            out.append(word.lower())
        else:
            out.append(word[:1].upper() + word[1:])
    return " ".join(out)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:60]


def _token(rng: random.Random, length: int, alphabet: str = "abcdefghijklmnopqrstuvwxyz0123456789") -> str:
    return "".join(rng.choices(alphabet, k=length))


def _digits(rng: random.Random, length: int) -> str:
    """`length` digits, the first not 0 or 1 (as phone numbers and ids look)."""
    return str(rng.randint(2, 9)) + str(rng.randrange(10 ** (length - 1))).zfill(length - 1)


def _when(rng: random.Random) -> datetime:
    return _EPOCH + timedelta(days=rng.randrange(_DATE_SPAN_DAYS), minutes=rng.randrange(24 * 60))


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _date_formats(moment: datetime) -> dict[str, str]:
    return {
        "long_date": f"{moment:%B} {moment.day}, {moment.year}",
        "iso_date": f"{moment:%Y-%m-%d}",
        "dotted_date": f"{moment:%d.%m.%Y}",
        "slash_date": f"{moment:%d/%m/%Y}",
        "short_date": f"{moment:%b} {moment.day}",
        "clock": f"{moment:%H:%M}",
    }


def _person(rng: random.Random) -> str:
    return f"{rng.choice(_FIRST_NAMES)} {rng.choice(_LAST_NAMES)}"


# --------------------------------------------------------------------------- sites


def make_sites(docs: int, seed: int) -> tuple[list[Site], dict[str, Site]]:
    """English sites (about one per 150 pages, at least eight) and one site per other language."""
    rng = _rng(seed, "sites")
    count = max(8, docs // 150)
    sites: list[Site] = []
    taken: set[str] = set()
    for number in range(count):
        topic = TOPICS[(number + rng.randrange(len(TOPICS))) % len(TOPICS)] if number >= len(TOPICS) \
            else TOPICS[number % len(TOPICS)]
        name = f"{rng.choice(_SITE_PREFIXES)}{rng.choice(topic.site_words)}{rng.choice(_SITE_SUFFIXES)}"
        host = f"www.{name.lower()}.{rng.choice(_TLDS)}"
        while host in taken:
            host = f"www.{name.lower()}{rng.randrange(10, 100)}.{rng.choice(_TLDS)}"
        taken.add(host)
        # Every other site repeats lines on all its pages; the rest stay clean, so clean
        # control pages have somewhere to live.
        templated = number % 2 == 1
        lines: tuple[str, ...] = ()
        if templated:
            chosen = rng.sample(_TEMPLATE_LINES, rng.randint(1, 2))
            lines = tuple(line.format(site=name, year=2016 + rng.randrange(9),
                                      thousands=rng.randint(2, 90)) for line in chosen)
        sites.append(Site(host, name, topic.name, rng.choice(("blog", "magazine", "minimal")),
                          rng.choice(("\n\n", "\n\n", "\n")), lines))
    foreign = {
        "de": Site("www.gartenfreude-blog.de", "Gartenfreude", "gardening", "blog", "\n\n", (), "de"),
        "es": Site("www.viajeslentos.es", "Viajes Lentos", "travel", "magazine", "\n\n", (), "es"),
    }
    return sites, foreign
