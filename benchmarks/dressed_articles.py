"""Real articles dressed as scraped pages: the 75 main texts of `../shared/data/html/readability/`
(read at run time, never copied into the project) with page furniture and spam added by
generators in varied phrasings, every added character labelled, so that the removal of the
boilerplate, pii and spam stages can be scored token by token on real prose.

The articles are grouped into sites (a site's pages share its furniture phrasings, as real
sites do, so `template_lines` has recurrences to learn from). Sites are split in two:
*tuned* sites use the phrase banks the rules were developed against; *held-out* sites use
other banks, with other products, other templates and other headings, never looked at
while tuning. A third set of banks (`NEW_HELD_OUT`), written before the second round of
rules and read only in aggregate, dresses every article again for three more sites, with
other goods (watches, casino bonuses, essays, bags, CBD, loans), other places, and German,
French and Spanish anchors (on the pages in those languages, and now and then on others).
`python -m benchmarks boilerplate` reports the three side by side.
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
NEW_SITES = 3  # the new held-out set: every article again, in three more sites
TUNED, HELD_OUT, NEW_HELD_OUT = 0, 1, 2  # which bank of each phrase-bank triple


@dataclass
class DressedPage:
    name: str
    site: str
    held_out: bool
    bank: int = TUNED
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
    return [(name, title, text) for name, title, text, _ in load_articles_with_language()]


def load_articles_with_language() -> list[tuple[str, str, str, str]]:
    """(name, title, main text, language code or "") of every article, in name order."""
    found = []
    for folder in sorted(p for p in ARTICLES.iterdir() if (p / "expected.txt").is_file()):
        meta = json.loads((folder / "expected-metadata.json").read_text(encoding="utf-8"))
        text = (folder / "expected.txt").read_text(encoding="utf-8").strip()
        language = (meta.get("lang") or "").split("-")[0].lower()
        found.append((folder.name, (meta.get("title") or "").strip(), text, language))
    return found


def site_of(name: str) -> int:
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:4], "big") % SITES


def new_site_of(name: str) -> int:
    """The site of an article in the new held-out set (numbered after the first ten)."""
    return SITES + int.from_bytes(hashlib.sha256(f"new-{name}".encode()).digest()[:4], "big") % NEW_SITES


# ------------------------------------------------------------------------------------------
# Phrase banks: (tuned, held-out, new held-out). Written in phrasings unlike the seeds' and
# each other's; the third bank was written before the rules' second round and is only ever
# scored in aggregate.

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

# The new held-out banks (third of each triple), in phrasings unlike both banks above.
NAMES += (["Oluwaseun Adeyemi", "Marta Nowak", "Kenji Sato", "Fatima Zahra", "Connor Walsh"],)
SITE_NAMES += (["The Kestrel", "Ridgeline Courier", "Saltmarsh Gazette"],)
SECTIONS += (["Sport", "Travel", "Money", "Education", "Local"],)
BYLINES += ([
    "Author: {name} / {day} {month} {year}",
    "{name} wrote this on {month} {day}, {year}",
    "Filed by {name} at {hour}:{minute}",
],)
READ_TIMES += (["Reading: {n} min", "{n} min. read", "Read time ≈ {n} minutes"],)
BREADCRUMBS += (["Home · {section} · {title}", "Front page > {section} > {title}",
                 "{section} / {title}"],)
ACCOUNT_ROWS += (["Sign up free · Sign in", "Members: log in or join", "Account | Sign out"],)
SHARE_ROWS += (["Share via Facebook, X or email", "Send to a friend · Print this page",
                "Share ↗ Copy link"],)
COMMENT_HEADERS += (["{n} comments for “{title}”", "Discussion ({n})", "{n} reader comments"],)
COMMENT_WIDGETS += (["Post your reply", "Log in to comment", "Write a comment"],)
COMMENT_BODIES += (["Helpful, thanks.", "I disagree with the second point.", "Bookmarked!"],)
COMMENTER_LINES += (["{name} on {month} {day}, {year} at {hour}:{minute} pm", "{name} replied:"],)
RELATED_HEADINGS += (["Don't miss", "Trending now", "Also on {site}", "Further stories"],)
LINK_HEADINGS += (["Sponsored links", "Partner sites", "Useful resources:", "Our partners"],)
FOOTERS += (["Copyright © {year} {site} Ltd.", "{site} © {year}. Some rights reserved."],)
TAGS += (["Keywords: {a}; {b}; {c}", "Tagged {a}, {b}"],)
NEWSLETTERS += (["Get our best stories in your inbox every Friday. Sign up now, it's free.",
                 "Never miss a story: subscribe to the {site} briefing by email."],)
COOKIES += (["Our site uses cookies for analytics and ads. Accept or manage your choices in Settings."],)
SITE_LINES += (["Support independent journalism: become a {site} member today.",
                "{site} is an independent newsroom owned by its staff since 1998."],)
PRODUCTS += ([
    "replica rolex daytona", "swiss replica watches", "casino bonus codes", "free spins",
    "essay writing service", "dissertation help", "replica louis vuitton bags", "cbd gummies",
    "delta 8 carts", "payday loans", "instant cash loans", "instagram followers", "modafinil",
    "tramadol 50mg", "phentermine", "kamagra jelly", "hgh injections", "thc vape cartridges",
    "fake ielts certificate", "forex signals",
],)
PLACES += (["au", "texas", "in london", "uae", "brisbane", "qatar", "nyc", "south africa", "leeds",
            "kolkata", "ontario", "philippines"],)
ANCHOR_TEMPLATES += ([
    "{product} {place} cheap price", "top rated {product} in {place}",
    "{product} online {place} no prescription", "low cost {product} {place}",
    "{product} shop {place}", "affordable {product} {place}", "genuine {product} at best price",
    "{product} delivered {place}", "{product} with free shipping", "100% legit {product} {place}",
    "authentic {product} for cheap", "order {product} now", "{product} store near you",
],)
FARM_HOSTS += ([
    "https://{w}.netlify.app/{slug}",
    "https://{w}{num}.weebly.com/{slug}.html",
    "https://tinyurl.com/{tok}",
    "https://{w}.pages.dev/{slug}-{big}",
],)
# Anchors of the languages the spam stage claims besides English (new held-out set only): on
# pages in that language, and on a few others (farms paste any language anywhere).
FOREIGN_ANCHORS = {
    "de": (["tramadol", "potenzmittel", "replica uhren", "cbd öl", "schnellkredit"],
           ["{product} kaufen ohne rezept", "{product} günstig bestellen", "billige {product} kaufen",
            "{product} online bestellen {place}", "{product} rezeptfrei {place}"],
           ["schweiz", "österreich", "deutschland", "wien"]),
    "fr": (["viagra générique", "montres répliques", "sacs de luxe", "prêt rapide", "cialis"],
           ["acheter {product} en ligne", "{product} pas cher {place}", "{product} livraison rapide",
            "commander {product} sans ordonnance", "{product} à prix discount"],
           ["france", "belgique", "suisse", "paris"]),
    "es": (["sildenafil", "relojes réplica", "préstamos rápidos", "bolsos de imitación", "tramadol"],
           ["comprar {product} sin receta", "{product} barato {place}", "venta de {product} online",
            "{product} envío gratis {place}", "{product} al mejor precio"],
           ["españa", "méxico", "colombia", "madrid"]),
}
FOREIGN_SHARE = 0.15  # anchors in another language on a page of none of those languages
MONTHS = ["January", "March", "May", "July", "September", "November"]


def _bank(banks: tuple, bank: int) -> list:
    return banks[bank]


class Dresser:
    """Furniture and spam for one site: each kind's phrasing is fixed per site."""

    def __init__(self, site: int, titles: list[str]) -> None:
        self.site_number = site
        self.bank = NEW_HELD_OUT if site >= SITES else HELD_OUT if site in HELD_OUT_SITES else TUNED
        self.held_out = self.bank != TUNED
        self.random = random.Random(f"site-{site}")
        self.other_titles = titles
        pick = self.random.choice
        self.site = pick(_bank(SITE_NAMES, self.bank))
        self.phrasing = {kind: pick(_bank(banks, self.bank)) for kind, banks in (
            ("byline", BYLINES), ("read_time", READ_TIMES), ("breadcrumb", BREADCRUMBS),
            ("account", ACCOUNT_ROWS), ("share", SHARE_ROWS), ("comment_header", COMMENT_HEADERS),
            ("related_heading", RELATED_HEADINGS), ("footer", FOOTERS), ("tags", TAGS),
            ("newsletter", NEWSLETTERS), ("cookie", COOKIES), ("site_line", SITE_LINES),
            ("link_heading", LINK_HEADINGS))}

    def fill(self, template: str, rng: random.Random, title: str = "") -> str:
        held = self.bank
        year = rng.randint(2012, 2024)
        return template.format(
            name=rng.choice(_bank(NAMES, held)), site=self.site, title=title,
            section=rng.choice(_bank(SECTIONS, held)), month=rng.choice(MONTHS),
            day=rng.randint(1, 28), mon=f"{rng.randint(1, 12):02d}", year=year,
            hour=rng.randint(1, 12), minute=f"{rng.randint(0, 59):02d}", n=rng.randint(2, 48),
            a=rng.choice(["policy", "research", "travel"]), b=rng.choice(["data", "health", "media"]),
            c=rng.choice(["europe", "history", "energy"]))

    def anchor(self, rng: random.Random, language: str = "") -> str:
        if self.bank == NEW_HELD_OUT and (language in FOREIGN_ANCHORS or rng.random() < FOREIGN_SHARE):
            products, templates, places = FOREIGN_ANCHORS.get(language) or FOREIGN_ANCHORS[
                rng.choice(sorted(FOREIGN_ANCHORS))]
            return rng.choice(templates).format(product=rng.choice(products), place=rng.choice(places))
        template = rng.choice(_bank(ANCHOR_TEMPLATES, self.bank))
        return template.format(product=rng.choice(_bank(PRODUCTS, self.bank)),
                               place=rng.choice(_bank(PLACES, self.bank)))

    def farm_url(self, rng: random.Random) -> str:
        template = rng.choice(_bank(FARM_HOSTS, self.bank))
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


def _dress_paragraph(page: DressedPage, dresser: Dresser, paragraph: str, rng: random.Random,
                     language: str = "") -> None:
    """The paragraph, maybe with a sales anchor appended, inserted or between two sentences."""
    roll = rng.random()
    sentences = list(re.finditer(r"[.!?](?=\s+[A-Z])", paragraph))
    words = list(re.finditer(r"(?<=[a-z,]) (?=[a-z]{3,} )", paragraph))
    if roll < 0.06 and re.search(r"[.!?][\"'”’)]?$", paragraph):
        page.add(paragraph)
        page.add(" ")
        page.add(dresser.anchor(rng, language), SPAM, "anchor_appended")
    elif roll < 0.10 and len(words) > 6:
        cut = words[rng.randrange(2, len(words) - 2)].start()
        page.add(paragraph[:cut])
        page.add(" ")
        page.add(dresser.anchor(rng, language), SPAM, "anchor_inserted")
        page.add(paragraph[cut:])
    elif roll < 0.13 and sentences:
        cut = rng.choice(sentences).end()
        page.add(paragraph[:cut])
        page.add(" ")
        page.add(dresser.anchor(rng, language), SPAM, "anchor_between")
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
        tail.append([(rng.choice(_bank(ACCOUNT_ROWS, dresser.bank)), "account_row")])
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
    held = dresser.bank
    count = rng.randint(1, 3)
    lines = []
    if title and rng.random() < 0.7:
        lines.append((dresser.fill(dresser.phrasing["comment_header"], rng, title), "comment_header"))
    for _ in range(count):
        lines.append((dresser.fill(rng.choice(_bank(COMMENTER_LINES, held)), rng), "comments"))
        lines.append((rng.choice(_bank(COMMENT_BODIES, held)), "comments"))
    lines.append((rng.choice(_bank(COMMENT_WIDGETS, held)), "comment_widget"))
    return lines


def dress(name: str, title: str, text: str, dresser: Dresser, language: str = "") -> DressedPage:
    rng = random.Random(f"page-{name}" if dresser.bank != NEW_HELD_OUT else f"new-page-{name}")
    page = DressedPage(name=name, site=f"site{dresser.site_number}", held_out=dresser.held_out,
                       bank=dresser.bank, title=title or None)
    _head(page, dresser, title if title and not text.startswith(title) else "", rng)
    paragraphs = _paragraphs(text)
    for number, paragraph in enumerate(paragraphs):
        _dress_paragraph(page, dresser, paragraph, rng, language)
        if number == len(paragraphs) // 2 and rng.random() < 0.25:
            spam = dresser.anchor(rng, language)
            _line(page, spam, SPAM, "anchor_line")
    _tail(page, dresser, title, rng)
    page.text = page.text.rstrip("\n") + "\n"
    del page.labels[len(page.text):], page.kinds[len(page.text):]
    return page


def dressed_pages() -> list[DressedPage]:
    """Every article dressed for its site (tuned and held-out banks); empty when the articles
    are not beside the project."""
    if not ARTICLES.is_dir():
        return []
    articles = load_articles()
    titles = [title for _, title, _ in articles]
    dressers = {site: Dresser(site, titles) for site in range(SITES)}
    return [dress(name, title, text, dressers[site_of(name)]) for name, title, text in articles]


def new_held_out_pages() -> list[DressedPage]:
    """Every article dressed again with the new held-out banks, in three sites of their own (a
    corpus of its own: scanned and scored apart from `dressed_pages`)."""
    if not ARTICLES.is_dir():
        return []
    articles = load_articles_with_language()
    titles = [title for _, title, _, _ in articles]
    dressers = {site: Dresser(site, titles) for site in range(SITES, SITES + NEW_SITES)}
    return [dress(name, title, text, dressers[new_site_of(name)], language)
            for name, title, text, language in articles]


def undressed_pages() -> list[DressedPage]:
    """The articles as they are (title line first when the text lacks it), all labelled article."""
    pages = []
    for name, title, text in load_articles() if ARTICLES.is_dir() else []:
        page = DressedPage(name=name, site=f"site{site_of(name)}", held_out=site_of(name) in HELD_OUT_SITES,
                           title=title or None)
        page.add(text + "\n")
        pages.append(page)
    return pages
