"""Personal data in text: e-mail addresses (plain, obfuscated, and the placeholder that
e-mail obfuscation leaves), phone numbers, IP addresses; and lines that were only contact
details, which go whole.

Phone numbers are found and validated by `phonenumbers` (Google's libphonenumber): in
running text only numbers valid for one of the configured regions (or written in
international form) count, so years, prices, dates and counts stay; right after a phone
label ("Tel.:", "phone:") a possible-length number is enough, the label being the evidence.
IP addresses are validated by the standard library's `ipaddress`.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import Literal

import phonenumbers
from phonenumbers import Leniency, PhoneNumberMatcher

from pipeline.document import Document, Replacement
from pipeline.errors import ConfigError
from pipeline.stages.base import Stage, StageConfig
from pipeline.stages.boilerplate_rules.lines import Span, line_removals, split_lines
from pipeline.stages.boilerplate_rules.words import WORD, PhraseSet

KINDS = ("email", "phone", "ip")

# --- e-mail ------------------------------------------------------------------------------
_LOCAL = r"[\w.+%-]+"
_EMAIL = re.compile(rf"(?<![\w.+%-]){_LOCAL}@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{{2,}}(?![\w-])")
# name [at] host [dot] com, name(at)host(dot)com, name {at} host . com (several languages).
_AT = r"\s*[\[({<]\s*(?:at|@|ät|arroba|chez|arobase)\s*[\])}>]\s*"
_DOT = r"\s*[\[({<]\s*(?:dot|punkt|point|punto|\.)\s*[\])}>]\s*"
_EMAIL_BRACKETED = re.compile(
    rf"(?<![\w.+%-]){_LOCAL}{_AT}[\w-]+(?:(?:{_DOT}|\.)[\w-]+)+(?![\w-])", re.IGNORECASE
)
# name AT host DOT com: only in capitals, the lower-case words are ordinary English.
_EMAIL_SPELLED = re.compile(r"(?<![\w.+%-])[\w.+%-]+\s+AT\s+[\w-]+(?:\s+DOT\s+[\w-]+)+(?![\w-])")
# What Cloudflare's e-mail obfuscation leaves in scraped text: "[email protected]", with a
# plain or non-breaking space (or its entity) inside.
_EMAIL_PROTECTED = re.compile(r"\[email(?:\s|&nbsp;|&#160;)*protected\]", re.IGNORECASE)

# --- phone -------------------------------------------------------------------------------
# A cheap gate before libphonenumber: seven digits in a phone-like run (most lines have none).
_PHONE_CANDIDATE = re.compile(r"\+?\(?\d(?:[\d\s().\-/]*\d){6,}")
# Labels that announce a phone number; after one, a number of possible length is enough.
_PHONE_LABEL = re.compile(
    r"(?<!\w)(?:phone|tel|telephone|mobile|mob|cell|fax|call|whatsapp|hotline|telefon|handy|mobil|"
    r"tél|téléphone|portable|teléfono|móvil|celular)(?!\w)\.?\s*(?:no\.?|number|nr\.?)?\s*[:.]?\s*",
    re.IGNORECASE,
)
# How far after a label the number may start (spaces, an opening bracket or "+").
_LABEL_REACH = 3
# How much text after a label is searched: the longest formatted number with an extension.
_LABELLED_REACH = 40
# Characters kept around a digit run for the matcher: "+", "(", " x 1295", and enough context
# for libphonenumber's own checks on what touches the number.
_WINDOW_MARGIN = 12
# The longest digit run taken as a candidate: "+1 (415) 555-2671 x 1234" is 24 characters,
# the longest formatted numbers with a country code about 30.
_MAX_CANDIDATE_CHARS = 32
# Numbers that look like phones but are book or article identifiers.
_IDENTIFIER_BEFORE = re.compile(r"(?:isbn|issn|doi|pmid|ean)(?:-?1[03])?[\s:-]*$", re.IGNORECASE)

# A date (17.09.2021, 17/09/21, 2021-09-17) that is not part of a longer dotted number
# (French numbers are written 06.12.20.02.01).
_DATE_INSIDE = re.compile(
    r"(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})|\d{4}-\d{2}-\d{2})(?![\d]|[./-]\d)")
# A digit and a separator right before the match, or a separator and a digit right after:
# the match is a piece of a decimal, a time or a grouped figure.
_FIGURE_BEFORE = re.compile(r"\d[.,:/-]?$|(?:^|\s)[-−]$")  # or a minus sign: "-0.388 500"
_FIGURE_AFTER = re.compile(r"[.,:/-]?\d")

# --- IP ----------------------------------------------------------------------------------
_IPV4 = re.compile(r"(?<![\w.])(?:\d{1,3}\.){3}\d{1,3}(?!\w|\.\d)")
_IPV6 = re.compile(r"(?<![\w:.])(?:[0-9A-Fa-f]{0,4}:){2,7}[0-9A-Fa-f]{0,4}(?![\w:])")
# "version 1.2.3.4" is a version number, not an address.
_VERSION_BEFORE = re.compile(r"(?:version|ver\.?|v|release|build)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class PiiConfig(StageConfig):
    mode: Literal["placeholder", "remove"] = field(
        default="placeholder",
        metadata={"doc": "What happens to an address or number in running text: 'placeholder' puts "
                         "a typed token in its place (keeps the sentence grammatical: 'write to "
                         "<EMAIL>'), 'remove' deletes it."},
    )
    kinds: list[str] = field(
        default_factory=lambda: list(KINDS),
        metadata={"doc": "Which kinds of personal data to handle: email, phone, ip."},
    )
    placeholders: dict[str, str] = field(
        default_factory=lambda: {"email": "<EMAIL>", "phone": "<PHONE>", "ip": "<IP>"},
        metadata={"doc": "The token put in place of each kind in 'placeholder' mode."},
    )
    phone_regions: list[str] = field(
        default_factory=lambda: ["US", "GB", "DE", "FR", "ES"],
        metadata={"doc": "Regions (ISO 3166 codes) whose national formats are recognised; numbers "
                         "in international form (+44 ...) are found whatever this says. Each region "
                         "costs one pass of the matcher over lines that hold seven digits."},
    )
    contact_lines: bool = field(
        default=True,
        metadata={"doc": "Remove a whole line when it held nothing but contact details and their "
                         "labels ('email: ... - phone: ...'): a placeholder line is noise."},
    )
    contact_max_name_words: int = field(
        default=3,
        metadata={"doc": "A contact line that starts with a label may also hold a name of up to this "
                         "many capitalised words ('Contact: Jane Doe, <e-mail>'); more is a sentence."},
    )
    extra_contact_labels: list[str] = field(
        default_factory=list,
        metadata={"doc": "Words added to the shipped contact-label list (pipeline/data/pii)."},
    )

    def validate(self) -> None:
        for kind in self.kinds:
            if kind not in KINDS:
                raise ConfigError(f"kinds: unknown kind {kind!r} (known: {', '.join(KINDS)})")
        for kind in KINDS:
            if kind not in self.placeholders:
                raise ConfigError(f"placeholders: no placeholder for {kind!r}")
        supported = phonenumbers.SUPPORTED_REGIONS
        for region in self.phone_regions:
            if region not in supported:
                raise ConfigError(f"phone_regions: unknown region {region!r} (use ISO 3166 codes: US, DE)")
        if self.contact_max_name_words < 0:
            raise ConfigError("contact_max_name_words: must not be negative")


def find_emails(text: str) -> list[Span]:
    # Each pattern runs only where the character it cannot match without occurs: most lines
    # have no "@" and no bracket.
    spans = []
    if "@" in text:
        spans += [Span(m.start(), m.end(), "email", 1.0) for m in _EMAIL.finditer(text)]
    if "[" in text or "(" in text or "{" in text or "<" in text:
        spans += [Span(m.start(), m.end(), "email_obfuscated", 0.9) for m in _EMAIL_BRACKETED.finditer(text)]
    if "AT" in text:
        spans += [Span(m.start(), m.end(), "email_obfuscated", 0.8) for m in _EMAIL_SPELLED.finditer(text)]
    if "[" in text:
        spans += [Span(m.start(), m.end(), "email_protected", 1.0) for m in _EMAIL_PROTECTED.finditer(text)]
    return _without_overlaps(spans) if spans else spans


def find_ip_addresses(text: str) -> list[Span]:
    spans = []
    for pattern, kind, mark in ((_IPV4, ipaddress.IPv4Address, "."), (_IPV6, ipaddress.IPv6Address, ":")):
        if mark not in text:  # an IPv4 address has dots, an IPv6 one colons
            continue
        for match in pattern.finditer(text):
            candidate = match.group()
            if kind is ipaddress.IPv6Address and not any(c.isdigit() for c in candidate):
                continue  # "a::b" spelled in letters is more likely code than an address
            if _VERSION_BEFORE.search(text, 0, match.start()):
                continue
            try:
                kind(candidate)
            except ValueError:
                continue
            spans.append(Span(match.start(), match.end(), "ip_address", 1.0))
    return _without_overlaps(spans) if spans else spans


def find_phone_numbers(text: str, regions: list[str]) -> list[Span]:
    """Valid numbers anywhere; possible-length numbers right after a phone label.

    The matcher only sees short windows around digit runs, so its cost follows the number
    of candidates, not the length of the line (a 1 MB line of prose costs what its numbers do).
    """
    windows = _candidate_windows(text)
    if not windows:  # fewer than seven digits in a row: no phone number, labelled or not
        return []
    spans = []
    for window_start, window_end in windows:
        window = text[window_start:window_end]
        for region in regions:
            for match in PhoneNumberMatcher(window, region, leniency=Leniency.VALID):
                spans.append(Span(window_start + match.start, window_start + match.end, "phone", 1.0))
    for label in _PHONE_LABEL.finditer(text):
        rest = text[label.end() : label.end() + _LABELLED_REACH]
        for region in regions:
            labelled = next(iter(PhoneNumberMatcher(rest, region, leniency=Leniency.POSSIBLE)), None)
            if labelled is not None and labelled.start <= _LABEL_REACH:
                spans.append(Span(label.end() + labelled.start, label.end() + labelled.end, "phone", 0.8))
                break
    return _without_overlaps([s for s in spans if not _is_identifier(text, s)
                              and not (s.score == 1.0 and _BARE_ID.fullmatch(text, s.start, s.end))])


# Without a label, a phone number in prose is written grouped ("(576) 429-9917", "020 7946
# 0958", "+49 30 1234567"); one bare run of seven to nine digits is an id ("Bug 1681512"), a
# count or a code. Ten digits and more stay candidates (a national number written solid).
_BARE_ID = re.compile(r"\d{7,9}")


def _candidate_windows(text: str) -> list[tuple[int, int]]:
    """Digit runs that could be phone numbers, widened by a margin (a "+" or "(" before, an
    extension after). Runs longer than any formatted number are rows of figures, skipped:
    that keeps a page-long table of numbers from costing minutes."""
    windows = []
    for match in _PHONE_CANDIDATE.finditer(text):
        if match.end() - match.start() <= _MAX_CANDIDATE_CHARS:
            start, end = match.start() - _WINDOW_MARGIN, match.end() + _WINDOW_MARGIN
            windows.append((max(0, start), min(len(text), end)))
    return windows


def _is_identifier(text: str, span: Span) -> bool:
    """Not a phone: an ISBN, ISSN or DOI-like number (announced as one, or hyphenated in four
    groups), a date inside the match, or a piece of a larger figure ("15:16 908,940")."""
    if _IDENTIFIER_BEFORE.search(text[max(0, span.start - 12) : span.start]):
        return True
    before = text[max(0, span.start - 2) : span.start]
    if _DATE_INSIDE.search(text, span.start, span.end) or _FIGURE_BEFORE.search(before) \
            or _FIGURE_AFTER.match(text, span.end):
        return True
    number = text[span.start : span.end]
    return bool(re.fullmatch(r"\d{1,5}(?:-\d{1,7}){3,4}|\d{3}-\d{1,5}-\d{1,7}-\d{1,7}-\d", number)) and \
        len(re.sub(r"\D", "", number)) in (10, 13)


def _without_overlaps(spans: list[Span]) -> list[Span]:
    """Earliest first, longer first on a tie; a span overlapping an accepted one is dropped."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: (s.start, -(s.end - s.start))):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def load_contact_labels(extra: list[str]) -> PhraseSet:
    path = resources.files("pipeline").joinpath("data", "pii", "contact_labels.txt")
    text = path.read_text(encoding="utf-8")
    labels = [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]
    return PhraseSet(labels + list(extra))


class PiiFinder:
    """The pure part of the stage: text in, spans of personal data and contact lines out."""

    def __init__(self, config: PiiConfig, labels: PhraseSet) -> None:
        self.config = config
        self.labels = labels

    def find(self, text: str) -> tuple[list[Span], list[Span]]:
        """(spans of personal data to replace, whole contact lines to remove)."""
        items: list[Span] = []
        contact_lines: list[Span] = []
        for line in split_lines(text):
            if line.is_blank:
                continue
            found = self.find_in_line(line.text)
            if not found:
                continue
            if self.config.contact_lines and self.is_contact_line(line.text, found):
                contact_lines.append(Span(line.start, line.end, "contact_line", 1.0))
            else:
                items.extend(Span(line.start + s.start, line.start + s.end, s.rule, s.score) for s in found)
        return items, contact_lines

    def find_in_line(self, line: str) -> list[Span]:
        kinds = self.config.kinds
        spans: list[Span] = []
        if "email" in kinds:
            spans += find_emails(line)
        if "ip" in kinds:
            spans += find_ip_addresses(line)
        if "phone" in kinds:
            spans += find_phone_numbers(line, self.config.phone_regions)
        return _without_overlaps(spans)

    def is_contact_line(self, line: str, found: list[Span]) -> bool:
        """True if the line holds nothing but `found` items, contact labels and separators,
        or a leading label, the items and a short capitalised name."""
        rest = []
        cursor = 0
        for span in found:
            rest.append(line[cursor : span.start])
            cursor = span.end
        rest.append(line[cursor:])
        cased = WORD.findall(" ".join(rest))  # the words of `words_of`, one for one
        words = [word.casefold() for word in cased]
        covered = [False] * len(words)
        for start, end in self.labels.find(words):
            covered[start:end] = [True] * (end - start)
        leftovers = [cased[i] for i, c in enumerate(covered) if not c and not words[i].isdigit()]
        if not leftovers:
            return True
        starts_with_label = bool(words) and covered[0]
        return (
            starts_with_label
            and len(leftovers) <= self.config.contact_max_name_words
            and all(word[:1].isupper() for word in leftovers)
            and not re.search(r"[.!?]\s*$", line.strip())
        )


class PiiRemover(Stage):
    """Replaces e-mail addresses, phone numbers and IP addresses with typed placeholders.

    In `remove` mode they are deleted instead; lines that held only contact details go whole."""

    name = "pii"
    version = 1
    Config = PiiConfig
    config: PiiConfig

    def __init__(self, config: PiiConfig | None = None) -> None:
        super().__init__(config)
        self.finder = PiiFinder(self.config, load_contact_labels(self.config.extra_contact_labels))

    def process(self, doc: Document) -> Document:
        items, contact_lines = self.finder.find(doc.text)
        replacements = line_removals(doc.text, contact_lines)
        replacements += [self._replacement(doc.text, span) for span in items]
        doc.apply(replacements, stage=self.name)
        return doc

    def _replacement(self, text: str, span: Span) -> Replacement:
        if self.config.mode == "placeholder":
            kind = "ip" if span.rule == "ip_address" else span.rule.split("_")[0]
            return Replacement(span.start, span.end, span.rule, self.config.placeholders[kind])
        start = span.start
        # Take one space before the item with it, so "write to x@y.z today" keeps single spaces.
        if start > 0 and text[start - 1] == " " and (span.end == len(text) or not text[span.end].isalnum()):
            start -= 1
        return Replacement(start, span.end, span.rule)
