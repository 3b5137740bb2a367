"""Real articles dressed as scraped pages: the 75 main texts of `../shared/data/html/readability/`
(read at run time, never copied into the project) with page furniture and spam added by
generators in varied phrasings, every added character labelled, so that the removal of the
boilerplate, pii and spam stages can be scored token by token on real prose.

The articles are grouped into sites (a site's pages share its furniture phrasings, as real
sites do, so `template_lines` has recurrences to learn from). Sites are split in two:
*tuned* sites use the phrase banks the rules were developed against; *held-out* sites use
other banks, with other products, other templates and other headings, never looked at
while tuning. `python -m benchmarks boilerplate` reports both.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "html" / "readability"
ARTICLE, FURNITURE, SPAM = "article", "furniture", "spam"
SITES = 10
HELD_OUT_SITES = frozenset({7, 8, 9})  # 3 of 10 sites, with the held-out banks


@dataclass
class DressedPage:
    name: str
    site: str
    held_out: bool
    title: str | None = None  # the page's <title>: these are HTML pages
    text: str = ""
    labels: list[str] = field(default_factory=list)  # one label per character
    kinds: list[str] = field(default_factory=list)  # furniture kind per character ("" for article)

    def add(self, text: str, label: str = ARTICLE, kind: str = "") -> None:
        self.text += text
        self.labels.extend([label] * len(text))
        self.kinds.extend([kind] * len(text))


def load_articles() -> list[tuple[str, str, str]]:
    """(name, title, main text) of every article, in name order."""
    found = []
    for folder in sorted(p for p in ARTICLES.iterdir() if (p / "expected.txt").is_file()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        text = (folder / "expected.txt").read_text(encoding="utf-8").strip()
        found.append((folder.name, (meta.get("title") or "").strip(), text))
    return found


def site_of(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") % SITES


# ------------------------------------------------------------------------------------------
# Phrase banks: (tuned, held-out). Written in phrasings unlike the seeds' and each other's.

NAMES = (["Maria Keller", "Tom Okafor", "Priya Raman", "Lena Vogt", "Sam Whitfield"],
         ["Ines Carvalho", "Dmitri Orlov", "Grace Mbeki", "Hugo Lindqvist", "Aiko Tanaka"])
SITE_NAMES = (["The Lantern", "Northside Daily", "Quill & Ink", "Harbor Post", "Metro Ledger",
               "Open Field", "Signal Weekly"],
              ["Brightwater Review", "Cobalt Times", "The Evening Loom"])
SECTIONS = (["Science", "Politics", "Technology", "Culture", "Health"],
            ["World", "Opinion", "Business", "Lifestyle", "Environment"])

BYLINES = ([
    "By {name} | {month} {day}, {year}",
    "{name} · {day} {month} {year} · {hour}:{minute}",
    "Published {month} {day}, {year} at {hour}:{minute} pm",
    "Posted on {day}/{mon}/{year} by {name}",
], [
    "Words: {name} — {month} {day}, {year}",
    "Last modified {day}.{mon}.{year} {hour}:{minute} by {name}",
    "Story by {name}, updated {month} {day}",
])
READ_TIMES = (["{n} min read", "Reading time: {n} minutes", "About {n} minutes to read"],
              ["{n}-minute read", "Estimated read: {n} min"])
BREADCRUMBS = (["Home › {section} › {title}", "Home / {section} / {title}",
                "{site} > {section} > {title}"],
               ["You are here: Home » {section} » {title}", "Start → {section} → {title}"])
ACCOUNT_ROWS = (["Sign in | Register", "Log in · Sign up · My account", "Subscribe | Log in",
                 "Create account or sign in"],
                ["Login / Join", "Register  |  Sign In  |  Help", "My profile · Log out"])
SHARE_ROWS = (["Share: Facebook Twitter Email", "Share this article on WhatsApp",
               "Tweet · Share · Email"],
              ["Share on LinkedIn | Pinterest | Reddit", "Print  Email  Share"])
COMMENT_HEADERS = (['{n} thoughts on "{title}"', "{n} Responses to “{title}”",
                    "{n} comments on {title}"],
                   ["{n} replies to ‘{title}’", "{n} Comments on “{title}”"])
COMMENT_WIDGETS = (["Leave a Reply", "Your email address will not be published.", "Post Comment",
                    "Cancel reply"],
                   ["Add a comment", "Comments are closed.", "Join the discussion"])
COMMENT_BODIES = (["Great read, thank you!", "I shared this with my class.", "Not sure I agree."],
                  ["Brilliant piece.", "Thanks for writing this up!", "Well argued."])
COMMENTER_LINES = (["{name} says:", "{name} — {n} days ago"],
                   ["{name} says:", "{name} — {n} hours ago"])
RELATED_HEADINGS = (["Related articles", "You might also like", "More from {site}", "Read next",
                     "Recommended for you", "Related Stories"],
                    ["You may also like", "More stories", "Related posts", "Read more"])
LINK_HEADINGS = (["Citations:", "Sources", "Helpful resources", "Further reading:", "Useful links"],
                 ["References", "Resources:", "See also", "Links"])
FOOTERS = (["© {year} {site}. All rights reserved.", "Copyright {year} {site}"],
           ["© {site} {year} · All rights reserved", "All rights reserved, {site} {year}."])
TAGS = (["Tags: {a}, {b}, {c}", "Filed under: {a}, {b}"], ["Topics: {a} · {b} · {c}"])
NEWSLETTERS = (["Sign up for our newsletter: enter your email for weekly updates. Unsubscribe anytime.",
                "Subscribe to our daily newsletter and get the latest stories delivered to your inbox."],
               ["Join our newsletter for free weekly updates in your inbox. No spam, unsubscribe any time."])
COOKIES = (["We use cookies to improve your experience. Accept all | Cookie settings"],
           ["This website uses cookies to personalise content. By continuing you agree. Learn more"])
SITE_LINES = (["{site} is funded by readers like you and answers to no one but them.",
               "Got a tip for the {site} newsroom? Write to us any time, day or night."],
              ["{site} journalism is free to read and always will be, thanks to its members."])

# Sales anchors: a product (outside and inside the shipped lists), cues, places, lead-ins.
PRODUCTS = ([
    "carisoprodol", "tapentadol tablets", "etizolam pills", "nembutal", "replica omega watches",
    "fake passports", "counterfeit banknotes", "online roulette", "betting tips", "slot gacor",
    "custom essays", "assignment help", "xanax bars", "adderall", "magic mushrooms",
], [
    "4-aco-dmt", "oxandrolone", "mephedrone crystals", "clonazepam", "1p-lsd blotters",
    "cloned credit cards", "fake yeezys", "knockoff handbags", "crypto casino", "bingo sites",
    "research paper writers", "thesis writing help", "nitrous oxide canisters", "ozempic pens",
])
PLACES = (["uk", "usa", "canada", "australia", "in dubai", "germany"],
          ["nz", "ireland", "in toronto", "us", "europe", "singapore"])
ANCHOR_TEMPLATES = ([
    "buy {product} online", "{product} for sale {place}", "cheap {product} {place}",
    "also try {product} {place}", "order {product} without prescription", "best {product} {place}",
], [
    "where to buy {product} {place}", "{product} {place} fast delivery", "legit {product} vendor",
    "check out {product} {place}", "discount {product} near me", "get {product} {place} overnight",
])
FARM_HOSTS = ([
    "https://storage.googleapis.com/{w}/{tok}/{slug}.html",
    "https://{w}{num}.blogspot.com/{slug}-{big}",
    "https://{w}.s3.amazonaws.com/{tok}/{slug}.html",
], [
    "https://{w}.blob.core.windows.net/{tok}/{slug}.html",
    "https://{w}{num}.wordpress.com/{big}/{slug}",
    "https://bit.ly/{tok}",
])
MONTHS = ["January", "March", "May", "July", "September", "November"]


def _bank(pair: tuple, held_out: bool) -> list:
    return pair[1] if held_out else pair[0]


class Dresser:
    """Furniture and spam for one site: each kind's phrasing is fixed per site."""

    def __init__(self, site: int, titles: list[str]) -> None:
        self.site_number = site
        self.held_out = site in HELD_OUT_SITES
        self.random = random.Random(f"site-{site}")
        self.other_titles = titles
        pick = self.random.choice
        self.site = pick(_bank(SITE_NAMES, self.held_out))
        self.phrasing = {kind: pick(_bank(bank, self.held_out)) for kind, bank in (
            ("byline", BYLINES), ("read_time", READ_TIMES), ("breadcrumb", BREADCRUMBS),
            ("account", ACCOUNT_ROWS), ("share", SHARE_ROWS), ("comment_header", COMMENT_HEADERS),
            ("related_heading", RELATED_HEADINGS), ("footer", FOOTERS), ("tags", TAGS),
            ("newsletter", NEWSLETTERS), ("cookie", COOKIES), ("site_line", SITE_LINES),
            ("link_heading", LINK_HEADINGS))}

    def fill(self, template: str, rng: random.Random, title: str = "") -> str:
        held = self.held_out
        year = rng.randint(2012, 2024)
        return template.format(
            name=rng.choice(_bank(NAMES, held)), site=self.site, title=title,
            section=rng.choice(_bank(SECTIONS, held)), month=rng.choice(MONTHS),
            day=rng.randint(1, 28), mon=f"{rng.randint(1, 12):02d}", year=year,
            hour=rng.randint(1, 12), minute=f"{rng.randint(0, 59):02d}", n=rng.randint(2, 48),
            a=rng.choice(["policy", "research", "travel"]), b=rng.choice(["data", "health", "media"]),
            c=rng.choice(["europe", "history", "energy"]))

    def anchor(self, rng: random.Random) -> str:
        template = rng.choice(_bank(ANCHOR_TEMPLATES, self.held_out))
        return template.format(product=rng.choice(_bank(PRODUCTS, self.held_out)),
                               place=rng.choice(_bank(PLACES, self.held_out)))

    def farm_url(self, rng: random.Random) -> str:
        template = rng.choice(_bank(FARM_HOSTS, self.held_out))
        token = "".join(rng.choice("abcdefghjkmnpqrstvwxz23456789") for _ in range(9))
        return template.format(w=rng.choice(["cloudpage", "mediahub", "sitecdn", "linkvault"]),
                               tok=token, num=rng.randint(100, 99999), big=rng.randint(10**7, 10**8),
                               slug=rng.choice(["best-guide", "top-tips", "learn-more", "review"]))

    def related_titles(self, rng: random.Random, own: str, count: int) -> list[str]:
        titles = [t for t in self.other_titles if t and t != own]
        return rng.sample(titles, min(count, len(titles)))


# ------------------------------------------------------------------------------------------
# Dressing one page


def _paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def _line(page: DressedPage, text: str, label: str, kind: str) -> None:
    page.add(text, label, kind)
    page.add("\n\n")


def _dress_paragraph(page: DressedPage, dresser: Dresser, paragraph: str, rng: random.Random) -> None:
    """The paragraph, maybe with a sales anchor appended, inserted or between two sentences."""
    roll = rng.random()
    sentences = list(re.finditer(r"[.!?](?=\s+[A-Z])", paragraph))
    words = list(re.finditer(r"(?<=[a-z,]) (?=[a-z]{3,} )", paragraph))
    if roll < 0.06 and re.search(r"[.!?][\"'”’)]?$", paragraph):
        page.add(paragraph)
        page.add(" ")
        page.add(dresser.anchor(rng), SPAM, "anchor_appended")
    elif roll < 0.10 and len(words) > 6:
        cut = words[rng.randrange(2, len(words) - 2)].start()
        page.add(paragraph[:cut])
        page.add(" ")
        page.add(dresser.anchor(rng), SPAM, "anchor_inserted")
        page.add(paragraph[cut:])
    elif roll < 0.13 and sentences:
        cut = rng.choice(sentences).end()
        page.add(paragraph[:cut])
        page.add(" ")
        page.add(dresser.anchor(rng), SPAM, "anchor_between")
        page.add(paragraph[cut:])
    else:
        page.add(paragraph)
    page.add("\n\n")


def _head(page: DressedPage, dresser: Dresser, title: str, rng: random.Random) -> None:
    phrasing = dresser.phrasing
    if rng.random() < 0.4:
        _line(page, phrasing["account"], FURNITURE, "account_row")
    if rng.random() < 0.3:
        _line(page, phrasing["cookie"], FURNITURE, "cookie_banner")
    if rng.random() < 0.6 and title:
        _line(page, dresser.fill(phrasing["breadcrumb"], rng, title), FURNITURE, "breadcrumb")
    if title:
        _line(page, title, ARTICLE, "")
        if rng.random() < 0.2:
            _line(page, title, FURNITURE, "title_repeat")
    if rng.random() < 0.7:
        _line(page, dresser.fill(phrasing["byline"], rng), FURNITURE, "byline")
    if rng.random() < 0.5:
        _line(page, dresser.fill(phrasing["read_time"], rng), FURNITURE, "read_time")
    if rng.random() < 0.3:
        _line(page, phrasing["share"], FURNITURE, "share_row")


def _tail(page: DressedPage, dresser: Dresser, title: str, rng: random.Random) -> None:
    phrasing = dresser.phrasing
    tail = []
    if rng.random() < 0.4:
        tail.append([(dresser.fill(phrasing["tags"], rng), "tag_list")])
    if rng.random() < 0.35:
        tail.append([(phrasing["share"], "share_row")])
    if rng.random() < 0.3:
        tail.append([(phrasing["newsletter"], "newsletter")])
    if rng.random() < 0.3:
        lines = [(dresser.fill(phrasing["link_heading"], rng), "link_farm")]
        lines += [(dresser.farm_url(rng), "link_farm") for _ in range(rng.randint(2, 5))]
        tail.append(lines)
    if rng.random() < 0.6:
        heading = dresser.fill(phrasing["related_heading"], rng)
        titles = dresser.related_titles(rng, title, rng.randint(3, 5))
        tail.append([(heading, "related_list")] + [(t, "related_list") for t in titles])
    if rng.random() < 0.5:
        tail.append(_comments(dresser, title, rng))
    if rng.random() < 0.3:
        tail.append([(rng.choice(_bank(ACCOUNT_ROWS, dresser.held_out)), "account_row")])
    rng.shuffle(tail)
    if rng.random() < 0.5:
        tail.append([(dresser.fill(phrasing["site_line"], rng), "site_line")])
    tail.append([(dresser.fill(phrasing["footer"], rng), "copyright")])
    for block in tail:
        for text, kind in block:
            label = SPAM if kind == "link_farm" else FURNITURE
            page.add(text, label, kind)
            page.add("\n")
        page.add("\n")


def _comments(dresser: Dresser, title: str, rng: random.Random) -> list[tuple[str, str]]:
    held = dresser.held_out
    count = rng.randint(1, 3)
    lines = []
    if title and rng.random() < 0.7:
        lines.append((dresser.fill(dresser.phrasing["comment_header"], rng, title), "comment_header"))
    for _ in range(count):
        lines.append((dresser.fill(rng.choice(_bank(COMMENTER_LINES, held)), rng), "comments"))
        lines.append((rng.choice(_bank(COMMENT_BODIES, held)), "comments"))
    lines.append((rng.choice(_bank(COMMENT_WIDGETS, held)), "comment_widget"))
    return lines


def dress(name: str, title: str, text: str, dresser: Dresser) -> DressedPage:
    rng = random.Random(f"page-{name}")
    page = DressedPage(name=name, site=f"site{dresser.site_number}", held_out=dresser.held_out,
                       title=title or None)
    _head(page, dresser, title if title and not text.startswith(title) else "", rng)
    paragraphs = _paragraphs(text)
    for number, paragraph in enumerate(paragraphs):
        _dress_paragraph(page, dresser, paragraph, rng)
        if number == len(paragraphs) // 2 and rng.random() < 0.25:
            spam = dresser.anchor(rng)
            _line(page, spam, SPAM, "anchor_line")
    _tail(page, dresser, title, rng)
    page.text = page.text.rstrip("\n") + "\n"
    del page.labels[len(page.text):], page.kinds[len(page.text):]
    return page


def dressed_pages() -> list[DressedPage]:
    """Every article dressed for its site; empty when the articles are not beside the project."""
    if not ARTICLES.is_dir():
        return []
    articles = load_articles()
    titles = [title for _, title, _ in articles]
    dressers = {site: Dresser(site, titles) for site in range(SITES)}
    return [dress(name, title, text, dressers[site_of(name)]) for name, title, text in articles]


def undressed_pages() -> list[DressedPage]:
    """The articles as they are (title line first when the text lacks it), all labelled article."""
    pages = []
    for name, title, text in load_articles() if ARTICLES.is_dir() else []:
        page = DressedPage(name=name, site=f"site{site_of(name)}", held_out=site_of(name) in HELD_OUT_SITES,
                           title=title or None)
        page.add(text + "\n")
        pages.append(page)
    return pages
