"""Generation: the plan turned into labelled documents, one at a time."""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import datetime

from .articles import _foreign_article, make_article
from .copies import _junk_page, _near_duplicate, _spun
from .defects import build_page, clean_text_of, page_text
from .documents import (
    DEFAULT_SHARD_DOCS,
    DEFECTS,
    FORMATS,
    LARGE_WARC_RECORDS,
    SMALL_LIMIT,
    Article,
    CorpusDocument,
    Page,
    Site,
)
from .html_pages import _junk_html, render_html
from .plan import _Slot, plan_slots
from .sites import _iso, _person, _rng, _slug, _when, make_sites
from .topics import TOPIC_BY_NAME


class _Generator:
    def __init__(self, docs: int, seed: int, formats: Sequence[str], mode: str, shard_docs: int) -> None:
        self.seed = seed
        self.slots = plan_slots(docs, seed, formats, mode)
        self.sites, self.foreign_sites = make_sites(docs, seed)
        self.clean_sites = [site for site in self.sites if not site.template_lines]
        # The n-th defective article carries defect class n mod 10 (see defects_of).
        self.ordinals: dict[int, int] = {}
        for index, slot in enumerate(self.slots):
            if slot.kind == "defective":
                self.ordinals[index] = len(self.ordinals)
        self.article_indices: list[int] = []
        self.paths = _PathAssigner(mode, shard_docs)

    def site_of(self, index: int) -> Site:
        slot = self.slots[index]
        rng = _rng(self.seed, index, "site")
        if slot.kind == "non_english":
            return self.foreign_sites[slot.extra or "de"]
        return rng.choice(self.clean_sites if slot.kind == "clean" else self.sites)

    def defects_of(self, index: int, site: Site) -> list[str]:
        """Two to four defect classes; the n-th defective article always carries class
        n mod 10 as well, so even a small sample shows every class."""
        rng = _rng(self.seed, index, "defects")
        pool = [d for d in DEFECTS if d != "template_line"]
        chosen = set(rng.sample(pool, rng.randint(2, 4)))
        chosen.add(DEFECTS[self.ordinals[index] % len(DEFECTS)])
        if site.template_lines:
            chosen.add("template_line")
        else:
            chosen.discard("template_line")
        return [d for d in DEFECTS if d in chosen]

    def article_doc(self, index: int, defects: list[str], kind: str, site: Site, fmt: str,
                    article: Article | None = None, **labels: object) -> CorpusDocument:
        topic = TOPIC_BY_NAME[site.topic]
        article = article or make_article(self.seed, index, topic)
        moment = _when(_rng(self.seed, index, "date"))
        page = build_page(article, site, topic, defects, self.seed, index, moment)
        return self._document(index, kind, site, topic.name, article.title, page, clean_text_of(article),
                              moment, "en", fmt, **labels)

    def _document(self, index: int, kind: str, site: Site, topic: str, title: str, page: Page,
                  clean_text: str, moment: datetime, language: str, fmt: str,
                  **labels: object) -> CorpusDocument:
        url = _url(site, title, index, moment)
        markup = None
        if fmt in ("html", "warc"):
            topic_label = TOPIC_BY_NAME[topic].label if topic in TOPIC_BY_NAME else topic
            markup = render_html(page, site, topic_label, title, url, language,
                                 _rng(self.seed, index, "layout"))
            page.defects.add("page_chrome")
        return CorpusDocument(
            id=f"d{index:06d}", index=index, kind=kind, format=fmt, path="", record=0,
            url=url, date=_iso(moment), site=site.host, topic=topic, title=title, language=language,
            text=page_text(page, site), clean_text=clean_text, markup=markup,
            defects=tuple(d for d in (*DEFECTS, "page_chrome") if d in page.defects),
            injected=tuple(page.injected), **labels,  # type: ignore[arg-type]
        )

    def build(self, index: int) -> CorpusDocument:
        document = self._build(index, self.slots[index].format)
        if document.kind in ("clean", "defective"):
            self.article_indices.append(index)
        path, record = self.paths.assign(index, document.format, document.title)
        return _replace(document, path=path, record=record)

    def _build(self, index: int, fmt: str) -> CorpusDocument:
        slot = self.slots[index]
        site = self.site_of(index)
        if slot.kind in ("clean", "defective"):
            defects = self.defects_of(index, site) if slot.kind == "defective" else []
            return self.article_doc(index, defects, slot.kind, site, fmt)
        rng = _rng(self.seed, index, "copy")
        if slot.kind in ("near_duplicate", "spun"):
            return self.copy(index, rng.choice(self.article_indices), slot, rng)
        if slot.kind == "non_english":
            return self.foreign(index, site, slot.extra or "de", fmt)
        return self.junk(index, site, slot.extra or "lorem_ipsum", fmt, rng)

    def copy(self, index: int, source: int, slot: _Slot, rng: random.Random) -> CorpusDocument:
        source_site = self.site_of(source)
        topic = TOPIC_BY_NAME[source_site.topic]
        original = make_article(self.seed, source, topic)
        source_id = f"d{source:06d}"
        if slot.kind == "spun":
            article, pairs = _spun(original, rng)
            host = rng.choice(self.sites)
            site = Site(host.host, host.name, source_site.topic, host.layout, host.separator, ())
            defects = [d for d in ("sales_anchor", "comment_widget") if rng.random() < 0.5]
            return self.article_doc(index, defects, "spun", site, slot.format, article, spun_of=source_id,
                                    spun_phrases=tuple(pairs))
        variant = slot.extra or "reframed"
        if variant == "exact":
            # The source page again, byte for byte in the copy's format; only where it was
            # found differs (another URL, another file).
            twin = self._build(source, slot.format)
            return _replace(twin, id=f"d{index:06d}", index=index, kind="near_duplicate",
                            url=f"{twin.url}?utm_source=feed", near_dup_of=source_id,
                            near_dup_variant="exact")
        article = _near_duplicate(original, variant, rng, topic)
        site = source_site
        if variant == "reframed":
            # The same article syndicated on another site, under another byline.
            host = rng.choice(self.sites)
            site = Site(host.host, host.name, source_site.topic, host.layout, host.separator,
                        host.template_lines)
            article = Article(article.title, _person(rng), article.sections)
        defects = [d for d in ("byline", "contact", "related_tail") if rng.random() < 0.6]
        if site.template_lines:
            defects.append("template_line")
        return self.article_doc(index, defects, "near_duplicate", site, slot.format, article,
                                near_dup_of=source_id, near_dup_variant=variant)

    def foreign(self, index: int, site: Site, language: str, fmt: str) -> CorpusDocument:
        article = _foreign_article(self.seed, index, language)
        moment = _when(_rng(self.seed, index, "date"))
        page = Page()
        page.add("title", article.title)
        for _, sentences in article.sections:
            page.add("paragraph", " ".join(sentences))
        return self._document(index, "non_english", site, site.topic, article.title, page,
                              clean_text_of(article), moment, language, fmt)

    def junk(self, index: int, site: Site, kind: str, fmt: str, rng: random.Random) -> CorpusDocument:
        topic = TOPIC_BY_NAME[site.topic]
        title, lines = _junk_page(kind, topic, rng)
        moment = _when(_rng(self.seed, index, "date"))
        page = Page()
        for line in lines:
            page.add("paragraph", line)
        document = self._document(index, "junk", site, topic.name, title, page, "", moment, "en", fmt,
                                  junk=kind)
        if fmt in ("html", "warc"):
            document = _replace(document, markup=_junk_html(title, lines, kind, site), defects=())
        return document


def _replace(document: CorpusDocument, **changes: object) -> CorpusDocument:
    values = {name: getattr(document, name) for name in CorpusDocument.__slots__}
    values.update(changes)
    return CorpusDocument(**values)  # type: ignore[arg-type]


def _url(site: Site, title: str, index: int, moment: datetime) -> str:
    slug = _slug(title) or "page"
    shape = index % 3
    if shape == 0:
        return f"https://{site.host}/{moment:%Y/%m}/{slug}/"
    if shape == 1:
        return f"https://{site.host}/blog/{slug}-{index}.html"
    return f"https://{site.host}/articles/{index}/{slug}"


class _PathAssigner:
    """Where each document goes: its own file (txt, html) or the next record of a JSONL
    or WARC file. Record numbers count what the project's readers count: JSONL lines and
    WARC response records."""

    def __init__(self, mode: str, shard_docs: int) -> None:
        self.mode, self.shard_docs = mode, shard_docs
        self.counts = {"jsonl": 0, "warc": 0}

    def assign(self, index: int, fmt: str, title: str) -> tuple[str, int]:
        if fmt in ("txt", "html"):
            return f"{fmt}/d{index:06d}-{_slug(title)[:40].strip('-') or 'page'}.{fmt}", 0
        number = self.counts[fmt]
        self.counts[fmt] += 1
        if fmt == "jsonl":
            if self.mode == "small":
                # Every other line goes to a gzipped file, so both JSONL paths are exercised.
                return ("jsonl/pages.jsonl", number // 2) if number % 2 == 0 else \
                    ("jsonl/pages-2.jsonl.gz", number // 2)
            return f"jsonl/part-{number // self.shard_docs:05d}.jsonl", number % self.shard_docs
        if self.mode == "small":
            # The image response sits after the second page and counts as a response.
            return "warc/crawl.warc.gz", number if number < 2 else number + 1
        return f"warc/crawl-{number // LARGE_WARC_RECORDS:05d}.warc.gz", number % LARGE_WARC_RECORDS


def resolve_mode(docs: int, mode: str) -> str:
    if mode == "auto":
        return "small" if docs <= SMALL_LIMIT else "large"
    return mode


def generate(docs: int, seed: int, formats: Sequence[str] = FORMATS, mode: str = "auto",
             shard_docs: int = DEFAULT_SHARD_DOCS) -> Iterator[CorpusDocument]:
    """The documents of a corpus with their labels, in order, one at a time (a large
    corpus never sits in memory). `write_corpus` with the same arguments writes exactly these."""
    _check_formats(formats)
    generator = _Generator(docs, seed, formats, resolve_mode(docs, mode), shard_docs)
    for index in range(docs):
        yield generator.build(index)


def _check_formats(formats: Sequence[str]) -> None:
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown or not formats:
        given = ", ".join(formats) or "none"
        raise ValueError(f"formats: expected some of {', '.join(FORMATS)}, got {given}")
