"""A generated corpus with known duplicate clusters, for benchmarks/bench_dedup.py.

Articles are composed from templates and topic vocabularies written for this benchmark
(no scraped text). Each original can be copied the ways spam farms copy: verbatim (case and
spacing changed), wrapped in boilerplate, truncated, with paragraphs reordered, or spun by
replacing a share of its words with synonyms from `THESAURUS` (a small thesaurus built for
this benchmark, unrelated to the data the dedup stage uses). Different originals on one
topic share their vocabulary but not their sentences: the hard negatives.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

TOPICS: dict[str, list[str]] = {
    "solar": [
        "photovoltaic panel", "inverter", "rooftop array", "net metering",
        "kilowatt-hour", "battery bank", "charge controller", "monocrystalline cell",
        "feed-in tariff", "microinverter", "string voltage", "installer",
    ],
    "sourdough": [
        "sourdough starter", "levain", "hydration", "autolyse",
        "banneton", "crumb", "lactobacilli", "rye flour",
        "bulk fermentation", "scoring blade", "dutch oven", "proofing",
    ],
    "beekeeping": [
        "hive body", "queen excluder", "varroa mite", "brood frame",
        "smoker", "nectar flow", "honey super", "swarm cell",
        "propolis", "apiary", "drone comb", "beeswax foundation",
    ],
    "marathon": [
        "tempo run", "lactate threshold", "carbohydrate loading", "taper",
        "long run", "cadence", "interval workout", "electrolyte",
        "shin splints", "negative split", "heart-rate zone", "recovery jog",
    ],
    "ebike": [
        "hub motor", "torque sensor", "lithium pack", "pedal assist",
        "regenerative braking", "throttle", "cargo frame", "disc brake",
        "watt-hour rating", "controller firmware", "commuter route", "range estimate",
    ],
    "houseplants": [
        "monstera", "fiddle-leaf fig", "potting mix", "perlite",
        "root rot", "aerial root", "humidity tray", "fungus gnat",
        "repotting", "variegation", "succulent", "grow light",
    ],
    "coffee": [
        "espresso shot", "burr grinder", "pour-over", "bloom",
        "extraction yield", "crema", "single-origin bean", "roast profile",
        "gooseneck kettle", "tamper", "aeropress", "acidity",
    ],
    "aquarium": [
        "nitrogen cycle", "canister filter", "ammonia spike", "substrate",
        "tetra", "water change", "aquascape", "nitrite",
        "driftwood", "heater", "planted tank", "shrimp colony",
    ],
    "chess": [
        "opening repertoire", "endgame", "pawn structure", "sicilian defence",
        "zugzwang", "bishop pair", "time control", "tactics puzzle",
        "rook lift", "en passant", "gambit", "blitz game",
    ],
    "woodwork": [
        "dovetail joint", "chisel", "hand plane", "mortise",
        "wood glue", "grain direction", "sanding block", "router table",
        "oak board", "finishing oil", "marking gauge", "workbench",
    ],
    "astronomy": [
        "refractor", "eyepiece", "light pollution", "nebula",
        "star chart", "equatorial mount", "focal ratio", "meteor shower",
        "dark site", "planetary filter", "binoculars", "galaxy cluster",
    ],
    "composting": [
        "compost bin", "green waste", "carbon ratio", "worm castings",
        "leaf mould", "bokashi", "turning fork", "thermophilic phase",
        "kitchen scraps", "mulch", "humus", "moisture level",
    ],
}

NAMES = ["Alder", "Brennan", "Castillo", "Dunmore", "Esposito", "Fairweather", "Gallagher", "Halvorsen",
         "Ibarra", "Jankowski", "Kowalczyk", "Lindqvist", "Moreau", "Nakamura", "Okafor", "Pemberton"]

# Words the templates use that a spinner would swap; keys are all common English words.
THESAURUS: dict[str, list[str]] = {
    "big": ["large", "huge", "substantial", "sizeable", "hefty"],
    "small": ["little", "tiny", "modest", "compact", "diminutive"],
    "important": ["crucial", "vital", "essential", "significant", "paramount"],
    "good": ["great", "fine", "excellent", "decent", "superb"],
    "bad": ["poor", "awful", "terrible", "inferior", "dreadful"],
    "new": ["fresh", "novel", "recent", "modern", "brand-new"],
    "old": ["aged", "former", "ancient", "vintage", "outdated"],
    "easy": ["simple", "straightforward", "effortless", "painless", "uncomplicated"],
    "hard": ["difficult", "tough", "challenging", "demanding", "arduous"],
    "fast": ["quick", "rapid", "swift", "speedy", "brisk"],
    "slow": ["sluggish", "gradual", "unhurried", "leisurely", "plodding"],
    "common": ["frequent", "widespread", "typical", "usual", "prevalent"],
    "many": ["numerous", "plenty of", "countless", "lots of", "a great deal of"],
    "often": ["frequently", "regularly", "commonly", "repeatedly", "routinely"],
    "also": ["additionally", "likewise", "too", "besides", "furthermore"],
    "because": ["since", "as", "given that", "owing to the fact that", "considering that"],
    "however": ["nevertheless", "yet", "still", "nonetheless", "even so"],
    "use": ["utilize", "employ", "apply", "make use of", "exploit"],
    "show": ["demonstrate", "reveal", "display", "indicate", "illustrate"],
    "help": ["assist", "aid", "support", "benefit", "serve"],
    "start": ["begin", "commence", "launch", "initiate", "kick off"],
    "need": ["require", "demand", "call for", "necessitate", "want"],
    "make": ["create", "produce", "build", "generate", "craft"],
    "get": ["obtain", "acquire", "gain", "receive", "secure"],
    "improve": ["enhance", "boost", "upgrade", "refine", "better"],
    "reduce": ["cut", "lower", "decrease", "lessen", "diminish"],
    "choose": ["select", "pick", "opt for", "decide on", "elect"],
    "check": ["inspect", "examine", "verify", "review", "test"],
    "keep": ["maintain", "retain", "preserve", "hold", "sustain"],
    "find": ["discover", "locate", "uncover", "identify", "detect"],
    "problem": ["issue", "difficulty", "trouble", "dilemma", "predicament"],
    "result": ["outcome", "effect", "consequence", "upshot", "end product"],
    "way": ["method", "approach", "manner", "technique", "means"],
    "people": ["individuals", "folks", "persons", "enthusiasts", "hobbyists"],
    "beginners": ["novices", "newcomers", "starters", "learners", "rookies"],
    "experts": ["specialists", "professionals", "authorities", "veterans", "pros"],
    "idea": ["notion", "concept", "thought", "plan", "suggestion"],
    "part": ["portion", "component", "piece", "element", "section"],
    "time": ["period", "duration", "spell", "stretch", "while"],
    "money": ["cash", "funds", "capital", "budget", "finances"],
    "mistake": ["error", "blunder", "slip", "oversight", "misstep"],
    "benefit": ["advantage", "perk", "plus", "upside", "merit"],
    "risk": ["danger", "hazard", "threat", "peril", "chance"],
    "quickly": ["rapidly", "swiftly", "speedily", "promptly", "hastily"],
    "carefully": ["cautiously", "attentively", "meticulously", "thoroughly", "diligently"],
    "usually": ["generally", "normally", "typically", "ordinarily", "mostly"],
    "really": ["truly", "genuinely", "actually", "indeed", "certainly"],
    "very": ["extremely", "highly", "exceptionally", "remarkably", "quite"],
    "about": ["around", "roughly", "approximately", "nearly", "close to"],
    "before": ["prior to", "ahead of", "earlier than", "in advance of", "preceding"],
    "after": ["following", "subsequent to", "once", "later than", "in the wake of"],
    "buy": ["purchase", "acquire", "pick up", "invest in", "procure"],
    "try": ["attempt", "test", "experiment with", "give a go", "sample"],
    "learn": ["discover", "master", "pick up", "study", "grasp"],
    "work": ["function", "operate", "perform", "run", "serve"],
    "change": ["alter", "modify", "adjust", "shift", "transform"],
    "think": ["believe", "consider", "reckon", "feel", "suppose"],
    "says": ["states", "explains", "notes", "remarks", "claims"],
    "best": ["finest", "greatest", "top", "optimal", "ideal"],
    "simple": ["basic", "plain", "elementary", "uncomplicated", "easy"],
    "cheap": ["inexpensive", "affordable", "economical", "low-cost", "budget"],
    "expensive": ["costly", "pricey", "dear", "high-priced", "steep"],
    "strong": ["powerful", "sturdy", "robust", "solid", "tough"],
    "clear": ["obvious", "evident", "plain", "apparent", "distinct"],
    "main": ["primary", "chief", "principal", "key", "central"],
    "whole": ["entire", "complete", "full", "total", "overall"],
}

ADJECTIVES = ["big", "small", "important", "good", "new", "old", "easy", "hard", "fast", "slow", "common",
              "simple", "cheap", "expensive", "strong", "clear", "main", "best"]
VERBS = ["use", "show", "help", "start", "need", "make", "get", "improve", "reduce", "choose", "check",
         "keep", "find", "buy", "try", "learn", "change"]
PEOPLE = ["people", "beginners", "experts"]
ABSTRACT = ["problem", "result", "way", "idea", "part", "time", "money", "mistake", "benefit", "risk"]
ADVERBS = ["quickly", "carefully", "usually", "really", "often"]

# Sentence shapes; {t}/{u} are topic terms, the rest are filled from the lists above.
TEMPLATES = [
    "{Adv} {people} {verb} a {adj} {t} because the {u} can {verb2} the whole {abstract}.",
    "A {adj} {t} is very {adj2} for {people}, however the {u} often needs a {adj3} {abstract}.",
    "{Name} says the {adj} {abstract} with any {t} is that {people} rarely {verb} the {u} "
    "after the first {number} weeks.",
    "If you {verb} the {t} carefully, the {u} will usually {verb2} about {number} percent of the {abstract}.",
    "The main benefit of a {t} is clear: it lets {people} {verb} a {adj} {u} without {adj2} money.",
    "Many {people} think a {u} is {adj}, but experts also {verb} the {t} before they {verb2} anything else.",
    "Over {number} years of testing, {Name} found that the {t} and the {u} really {verb} each other.",
    "{Adv} check the {t} before you buy a {adj} {u}; a {adj2} mistake here costs money and time.",
    "There is no {adj} way to learn the {t}, however a {adj2} {u} makes the {abstract} very {adj3}.",
    "Experts often try a {adj} {u} first because the {t} usually works better after {number} days.",
    "Our whole {abstract} changed once we {verb}ed the {t} and kept the {u} {adj}.",
    "When the {u} looks {adj}, {Name} suggests you change the {t} and check it again after {number} hours.",
    "Beginners often {verb} too many {t}s at once, which is the main risk for the {u}.",
    "The {adj} {t} that {Name} recommends also helps the {u}, and it is cheap enough for {people}.",
    "{Adv}, a strong {u} and a simple {t} make better results than an expensive setup.",
    "Do not buy the {t} before you learn how the {u} works; that is the common mistake.",
    "Keep a simple log of the {t}, the {u} and the time you spend, and the {abstract} becomes clear.",
    "{Name} says the best {t} is the one you really use, not the most expensive {u}.",
]

BOILERPLATE_HEADERS = [
    "Home | Guides | Reviews | Contact us",
    "Skip to content. Menu. Search this site.",
    "Sponsored post. This article may contain affiliate links.",
    "Subscribe to our newsletter for weekly tips and deals!",
]
BOILERPLATE_FOOTERS = [
    "Share this: Facebook Twitter Pinterest Email. Like this: Like Loading...",
    "Related posts: Ten tips you should know. Why everyone is talking about it. Our top picks this month.",
    "Leave a comment. Your email address will not be published. Required fields are marked.",
    "Copyright all rights reserved. Privacy policy. Terms of use. Cookie settings.",
]


@dataclass(frozen=True, slots=True)
class Item:
    """One generated document: `cluster` is the id of its original, `kind` how it was made."""

    id: str
    text: str
    cluster: str
    topic: str
    kind: str  # original | verbatim | boilerplate | truncated | reordered | spun10 | spun25 | spun40


def article(rng: random.Random, topic: str) -> str:
    """An article of 4-6 paragraphs of 4-6 sentences on `topic`, with a title and a byline."""
    terms = TOPICS[topic]
    title_term = rng.choice(terms)
    paragraphs = [f"{rng.choice(['A guide to', 'Notes on', 'What to know about', 'Getting started with'])} "
                  f"the {title_term}",
                  f"By {rng.choice(NAMES)}, {rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])}"]
    for _ in range(rng.randint(4, 6)):
        paragraphs.append(" ".join(_sentence(rng, terms) for _ in range(rng.randint(4, 6))))
    return "\n\n".join(paragraphs)


def _sentence(rng: random.Random, terms: list[str]) -> str:
    first, second = rng.sample(terms, 2)
    fill = {
        "t": first, "u": second, "adj": rng.choice(ADJECTIVES), "adj2": rng.choice(ADJECTIVES),
        "adj3": rng.choice(ADJECTIVES), "verb": rng.choice(VERBS), "verb2": rng.choice(VERBS),
        "people": rng.choice(PEOPLE), "abstract": rng.choice(ABSTRACT), "Name": rng.choice(NAMES),
        "number": str(rng.randint(2, 90)), "Adv": rng.choice(ADVERBS).capitalize(),
    }
    return rng.choice(TEMPLATES).format(**fill)


def spin(rng: random.Random, text: str, share: float) -> str:
    """Replace about `share` of all words with a thesaurus synonym (only words the thesaurus
    knows can change, as with a real spinner), keeping capitalisation of the first letter."""
    tokens = text.split(" ")
    bare = [token.strip(".,;:!?").lower() for token in tokens]
    spinnable = [index for index, word in enumerate(bare) if word in THESAURUS]
    wanted = min(len(spinnable), round(share * len(tokens)))
    for index in rng.sample(spinnable, wanted):
        token = tokens[index]
        core = token.strip(".,;:!?")
        synonym = rng.choice(THESAURUS[core.lower()])
        if core[:1].isupper():
            synonym = synonym[:1].upper() + synonym[1:]
        tokens[index] = token.replace(core, synonym, 1)
    return " ".join(tokens)


def copy_of(rng: random.Random, text: str, kind: str) -> str:
    paragraphs = text.split("\n\n")
    if kind == "verbatim":  # the same words: only case and spacing differ
        return "\n\n".join(paragraph.upper() if index == 0 else paragraph.replace(". ", ".  ")
                           for index, paragraph in enumerate(paragraphs))
    if kind == "boilerplate":
        header = rng.sample(BOILERPLATE_HEADERS, 2)
        footer = rng.sample(BOILERPLATE_FOOTERS, 2)
        return "\n\n".join(header + paragraphs + footer)
    if kind == "truncated":  # a scraper or a teaser that kept 60-85% of the article
        words = text.split(" ")
        return " ".join(words[: int(len(words) * rng.uniform(0.6, 0.85))])
    if kind == "reordered":
        head, body = paragraphs[:2], paragraphs[2:]
        rng.shuffle(body)
        return "\n\n".join(head + body)
    if kind.startswith("spun"):
        return spin(rng, text, int(kind[4:]) / 100)
    raise ValueError(kind)


COPY_KINDS = ("verbatim", "boilerplate", "truncated", "reordered", "spun10", "spun25", "spun40")


def generate(originals: int, copies_per_original: int | None = None, seed: int = 7) -> list[Item]:
    """`originals` distinct articles spread over the topics; each gets one copy of every kind
    (or `copies_per_original` copies of kinds drawn at random). Order is shuffled."""
    rng = random.Random(seed)
    topics = sorted(TOPICS)
    items: list[Item] = []
    for number in range(originals):
        topic = topics[number % len(topics)]
        base_id = f"a{number:06d}"
        text = article(rng, topic)
        items.append(Item(base_id, text, base_id, topic, "original"))
        kinds = COPY_KINDS if copies_per_original is None else rng.choices(COPY_KINDS, k=copies_per_original)
        for copy_number, kind in enumerate(kinds):
            copy_id = f"{base_id}-{copy_number}-{kind}"
            items.append(Item(copy_id, copy_of(rng, text, kind), base_id, topic, kind))
    rng.shuffle(items)
    return items
