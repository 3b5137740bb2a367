"""Pages: an article laid out with the defect classes a scraped page shows."""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from datetime import datetime

from .articles import _fill
from .documents import Article, Block, Page, Site
from .phrasings import (
    _ANCHOR_LEADS,
    _ANCHORS,
    _BYLINES,
    _CITATION_HEADS,
    _CLOUD_REGIONS,
    _COMMENT_META,
    _COMMENT_REMARKS,
    _COMMENT_WIDGETS,
    _CONTACTS,
    _FARM_BLOGS,
    _GEO_CUES,
    _MAIL_HOSTS,
    _MAIL_TLDS,
    _PHONES,
    _PRODUCTS,
    _READ_TIMES,
    _RELATED_HEADS,
    _SHOP_HOSTS,
    _TITLES,
)
from .sites import _date_formats, _digits, _person, _rng, _slug, _token
from .topics import Topic


def _phone(rng: random.Random) -> str:
    return rng.choice(_PHONES).format(a3=_digits(rng, 3), b3=_digits(rng, 3), c4=_digits(rng, 4),
                                      d4=_digits(rng, 4), ext=_digits(rng, rng.choice((3, 4))))


def _contact_line(rng: random.Random, author: str) -> str:
    first, _, last = author.partition(" ")
    return rng.choice(_CONTACTS).format(
        phone=_phone(rng), phone2=_phone(rng), name=author, mailhost=rng.choice(_MAIL_HOSTS),
        tld=rng.choice(_MAIL_TLDS), local=rng.choice((first.lower(), f"{first}.{last}".lower(), "info",
                                                      "editor", f"{first[0]}{last}".lower())),
    )


def _sales_anchor(rng: random.Random) -> tuple[str, str]:
    """An anchor text and the shop it links to."""
    anchor = rng.choice(_ANCHORS).format(product=rng.choice(_PRODUCTS), geo=rng.choice(_GEO_CUES))
    return " ".join(anchor.split()), f"https://{rng.choice(_SHOP_HOSTS)}/{_slug(anchor)}"


def _farm_url(rng: random.Random, topic: Topic) -> str:
    bucket = rng.choice(("cloudpages", "sitelinks", "seo-assets", "webfiles", "linkvault")) + _token(rng, 3)
    folder = f"{rng.choice(topic.subjects).split()[0]}/{_token(rng, 9)}"
    page = f"{_slug(rng.choice(topic.activities))}.html"
    region = rng.choice(_CLOUD_REGIONS)
    shape = rng.randrange(11)
    if shape == 0:
        return f"https://storage.googleapis.com/{bucket}/{folder}/{page}"
    if shape == 1:
        return f"https://{bucket}.blob.core.windows.net/{bucket}/{folder}/{page}"
    if shape == 2:
        return f"https://{bucket}.b-cdn.net/{folder}/{page}"
    if shape == 3:
        return f"https://{bucket}.s3.{region}.wasabisys.com/{folder}/{page}"
    if shape == 4:
        return f"https://s3.amazonaws.com/{bucket}/{folder}/{page}"
    if shape == 5:
        return f"https://{bucket}.s3.{region}.amazonaws.com/{page}"
    if shape == 6:
        return f"https://pub-{_token(rng, 24, '0123456789abcdef')}.r2.dev/{page}"
    if shape == 7:
        return f"https://{bucket}.{region[:4]}1.digitaloceanspaces.com/{folder}/{page}"
    if shape == 8:
        return (f"https://{_token(rng, 8, 'abcdefghijklmnopqrstuvwxyz')}{rng.randint(10, 99999)}."
                f"{rng.choice(_FARM_BLOGS)}/{_slug(rng.choice(topic.activities))}-{_digits(rng, 8)}")
    host = "twitter.com" if shape == 9 else "x.com"
    return f"https://{host}/{bucket}/status/1{_digits(rng, 18)}"


def _insert(text: str, links: list[tuple[int, int, str]], insert: str, rng: random.Random,
            where: str) -> tuple[str, list[tuple[int, int, str]], int]:
    """Put `insert` into a paragraph: after its last sentence ("append") or between two
    words inside it ("inside"), never inside an existing link. Returns the new text, the
    links moved to match, and where `insert` starts."""
    if where == "append":
        cut = len(text)
    else:
        spaces = [m.start() for m in re.finditer(" ", text)
                  if not any(start <= m.start() < end for start, end, _ in links)]
        # Stay clear of the paragraph's first and last few words, where an insert would
        # look like a heading or a tail rather than something inside running text.
        cut = rng.choice(spaces[3:-3] or spaces or [len(text)])
    shift = len(insert) + 1
    moved = [(s + shift, e + shift, h) if s >= cut else (s, e, h) for s, e, h in links]
    return f"{text[:cut]} {insert}{text[cut:]}", moved, cut + 1


_BodyItem = tuple[str, str, list[tuple[int, int, str]], str | None]  # role, text, links, defect


def _apply_inline_defects(items: list[tuple[str, str, list[tuple[int, int, str]]]], page: Page,
                          defects: Sequence[str], title: str,
                          rng: random.Random) -> list[_BodyItem]:
    """Sales anchors and title injections go into the body; returns the body items with
    the defect each carries (own-line anchors become items of their own)."""
    body: list[_BodyItem] = [
        (role, text, links, None) for role, text, links in items]

    def paragraphs() -> list[int]:
        return [n for n, item in enumerate(body) if item[0] == "paragraph"]

    if "title_injection" in defects and paragraphs():
        position = rng.choice(paragraphs())
        role, text, links, _ = body[position]
        text, links, _ = _insert(text, links, title, rng, "inside")
        body[position] = (role, text, links, "title_injection")
        page.defects.add("title_injection")
        page.injected.append(("title_injection", title))
    if "sales_anchor" in defects and paragraphs():
        for _ in range(rng.randint(1, 3)):
            anchor, href = _sales_anchor(rng)
            where = rng.choice(("append", "inside", "own_line"))
            position = rng.choice(paragraphs())
            if where == "own_line":
                body.insert(position + 1, ("anchor_line", anchor, [(0, len(anchor), href)], "sales_anchor"))
                page.injected.append(("sales_anchor", anchor))
            else:
                role, text, links, defect = body[position]
                lead = rng.choice(_ANCHOR_LEADS) if where == "append" else ""
                text, links, start = _insert(text, links, lead + anchor, rng, where)
                links = sorted([*links, (start + len(lead), start + len(lead) + len(anchor), href)])
                body[position] = (role, text, links, defect or "sales_anchor")
                page.injected.append(("sales_anchor", lead + anchor))
            page.defects.add("sales_anchor")
    return body


def _internal_links(text: str, topic: Topic, site: Site, rng: random.Random) -> list[tuple[int, int, str]]:
    """Now and then an ordinary link on a topic phrase, as real articles have."""
    offset = rng.randrange(len(topic.subjects))
    for phrase in topic.subjects[offset:] + topic.subjects[:offset]:
        start = text.find(phrase)
        if start >= 0 and rng.random() < 0.5:
            return [(start, start + len(phrase), f"https://{site.host}/tag/{_slug(phrase)}/")]
    return []


def build_page(article: Article, site: Site, topic: Topic | None, defects: Sequence[str], seed: int,
               index: int, moment: datetime) -> Page:
    """Lay out an article as a scraped page with the given defect classes."""
    rng = _rng(seed, index, "page")
    page = Page()
    dates = _date_formats(moment)
    if "repeated_title" in defects and rng.random() < 0.6:
        page.add("title_repeat", article.title, "repeated_title")
    page.add("title", article.title)
    if "byline" in defects:
        line = rng.choice(_BYLINES).format(
            name=article.author, views=rng.randint(40, 90_000), clicks=rng.randint(5, 20_000),
            comments=rng.randint(0, 80), **dates)
        page.add("byline", line, "byline")
    if "read_time" in defects:
        page.add("read_time", rng.choice(_READ_TIMES).format(n=rng.randint(2, 14)), "read_time")

    items: list[tuple[str, str, list[tuple[int, int, str]]]] = []
    for heading, sentences in article.sections:
        if heading:
            items.append(("heading", heading, []))
        text = " ".join(sentences)
        items.append(("paragraph", text, _internal_links(text, topic, site, rng) if topic else []))
    for role, text, links, defect in _apply_inline_defects(items, page, defects, article.title, rng):
        page.blocks.append(Block(role, text, tuple(links), defect))

    tail = _tail_blocks(article, site, topic, defects, page, rng, dates)
    defect_of = {"title_stray": "repeated_title", "citations": "link_farm", "contact": "contact",
                 "related": "related_tail", "comments": "comment_widget"}
    for role, text, links in tail:
        page.add(role, text, defect_of[role], links)
    if "template_line" in defects:
        for line in site.template_lines:
            page.add("template", line, "template_line")
    return page


# role, text, links (start, end, href)
_TailBlock = tuple[str, str, tuple[tuple[int, int, str], ...]]


def _tail_blocks(article: Article, site: Site, topic: Topic | None, defects: Sequence[str], page: Page,
                 rng: random.Random, dates: dict[str, str]) -> list[_TailBlock]:
    """The blocks scraped pages carry after the article: a stray title, sources, contact,
    related posts and comments, in that order."""
    tail: list[_TailBlock] = []
    if "repeated_title" in defects and not any(block.role == "title_repeat" for block in page.blocks):
        tail.append(("title_stray", article.title, ()))
    if "link_farm" in defects and topic:
        urls = [_farm_url(rng, topic) for _ in range(rng.randint(4, 9))]
        head = rng.choice(_CITATION_HEADS)
        text = "\n".join([head, *urls])
        links, offset = [], len(head) + 1
        for url in urls:
            links.append((offset, offset + len(url), url))
            offset += len(url) + 1
        tail.append(("citations", text, tuple(links)))
    if "contact" in defects:
        tail.append(("contact", _contact_line(rng, article.author), ()))
    if "related_tail" in defects:
        head = rng.choice(_RELATED_HEADS).format(site=site.name)
        titles = [_fill(rng.choice(_TITLES), topic, rng) for _ in range(rng.randint(0, 3))] if topic else []
        text = "\n".join([head, *titles])
        links, offset = [], len(head) + 1
        for title in titles:
            links.append((offset, offset + len(title), f"https://{site.host}/{_slug(title)}/"))
            offset += len(title) + 1
        tail.append(("related", text, tuple(links)))
    if "comment_widget" in defects:
        lines = [line.format(comments=rng.randint(0, 40)) for line in rng.choice(_COMMENT_WIDGETS)]
        if topic and rng.random() < 0.5:
            for _ in range(rng.randint(1, 2)):
                lines.append(rng.choice(_COMMENT_META).format(name=_person(rng), **dates))
                lines.append(_fill(rng.choice(_COMMENT_REMARKS), topic, rng))
        tail.append(("comments", "\n".join(lines), ()))
    return tail


def page_text(page: Page, site: Site) -> str:
    return site.separator.join(block.text for block in page.blocks)


def clean_text_of(article: Article) -> str:
    parts = [article.title]
    for heading, sentences in article.sections:
        if heading:
            parts.append(heading)
        parts.append(" ".join(sentences))
    return "\n\n".join(parts)
