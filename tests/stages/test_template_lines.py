import pickle

import pytest

from pipeline.config import DEFAULT_STAGES, config_from_dict
from pipeline.document import Document, Source, revert
from pipeline.errors import ConfigError
from pipeline.stages import REGISTRY
from pipeline.stages.base import CorpusStage
from pipeline.stages.template_lines import (
    TemplateLineRemover,
    TemplateLinesConfig,
    line_hash,
    normalise_line,
    source_group,
)

FOOTER = "This guide is for general information and does not replace advice from a professional."
TOPICS = ["ferns", "orchids", "cacti", "roses", "tulips", "basil", "mint", "ivy", "moss", "palms",
          "lilies", "daisies"]


def page(number, text, url=None, path=None):
    return Document(id=f"d{number}", text=text,
                    source=Source(path or f"site/page{number}.txt", 0, "0" * 64, "txt", url=url))


def article(topic):
    return (f"How to grow {topic}\n\n{topic.capitalize()} need a bright spot and regular water through "
            f"the summer months.\n\nFeed the {topic} once a month from spring to autumn.")


def trained(docs, **settings):
    stage = TemplateLineRemover(TemplateLinesConfig(**settings))
    stage.scan(docs)
    figures = stage.finish_scan()
    return stage, figures


def site(count, footer=FOOTER, **kwargs):
    return [page(i, f"{article(TOPICS[i % len(TOPICS)])}\n\n{footer}", **kwargs) for i in range(count)]


def test_line_recurring_across_a_source_is_removed():
    docs = site(6)
    stage, figures = trained(docs)
    doc = stage.process(docs[0])
    assert FOOTER not in doc.text and doc.text == article("ferns")
    assert [e.rule for e in doc.edits] == ["template_line"]
    assert revert(doc.text, doc.edits) == f"{article('ferns')}\n\n{FOOTER}"
    assert figures["template_lines"] == 1 and figures["sources_with_templates"] == 1


def test_line_in_too_few_documents_is_kept():
    docs = site(4)
    stage, _ = trained(docs)
    assert stage.process(docs[0]).edits == []


def test_sources_are_learnt_separately_by_host():
    docs = site(6, url="https://www.garden.example/page")
    other = page(99, f"{article('ferns')}\n\n{FOOTER}", url="https://other.example/a")
    stage, _ = trained(docs + [other])
    assert stage.process(docs[1]).edits != []
    assert stage.process(other).edits == []


def test_without_url_the_input_folder_is_the_source():
    assert source_group(page(1, "x", path="blog/a/b.txt")) == "folder:blog/a"
    assert source_group(page(1, "x", url="https://www.garden.example/a")) == "host:garden.example"
    docs = site(6)
    stranger = page(50, f"{article('ivy')}\n\n{FOOTER}", path="elsewhere/page.txt")
    stage, _ = trained(docs + [stranger])
    assert stage.process(stranger).edits == []


def test_line_below_the_share_of_a_large_source_is_kept():
    docs = site(5) + [page(100 + i, article(TOPICS[i % len(TOPICS)]) + f"\n\nNote number {i} of the series.")
                      for i in range(300)]
    stage, _ = trained(docs, min_share=0.02)  # 5 of 305 documents is under 2%
    assert stage.process(docs[0]).edits == []


def test_short_common_lines_are_never_learnt():
    docs = [page(i, f"Summary\n\n{article(TOPICS[i])}") for i in range(8)]
    stage, _ = trained(docs)
    assert stage.process(docs[0]).edits == []


def test_heading_shared_by_some_articles_is_not_learnt_but_a_tagline_on_every_page_is():
    heading = "Frequently Asked Questions About Your Garden"
    tagline = "Honest Advice for Small Gardens Since Many Years"
    docs = [page(i, f"{tagline}\n\n{article(TOPICS[i % 12])}" + (f"\n\n{heading}" if i % 3 == 0 else ""))
            for i in range(24)]  # the heading on a third of the pages, the tagline on all
    stage, _ = trained(docs)
    assert [e.removed.strip() for e in stage.process(docs[0]).edits] == [tagline]


def test_numbers_and_case_do_not_split_a_template():
    assert normalise_line("Posted on 3 May, 2021!") == normalise_line("posted on 17 may 2020")
    docs = [page(i, f"{article(TOPICS[i])}\n\nUpdated on {i + 1} May 2021 by the garden desk team")
            for i in range(6)]
    stage, _ = trained(docs)
    assert [e.rule for e in stage.process(docs[2]).edits] == ["template_line"]


def test_copies_of_one_page_are_left_whole_for_dedup():
    docs = [page(i, f"{article('ferns')}\n\n{FOOTER}") for i in range(6)]
    stage, _ = trained(docs)
    doc = stage.process(docs[0])
    assert doc.edits == [] and doc.text == f"{article('ferns')}\n\n{FOOTER}"


def letters(number):
    """A word unique to `number` (digits would all normalise to 0)."""
    word = ""
    while True:
        number, rest = divmod(number, 26)
        word += chr(ord("a") + rest)
        if not number:
            return word


PARAGRAPHS = [f"Paragraph {word} of the article explains, at some length, one more way to keep the beds "
              f"clear of pests without poison." for word in ("one", "two", "three", "four", "five")]
HEADING = "When the slugs will not go away at all"


def test_lines_shared_only_by_reordered_copies_of_one_article_are_not_learnt():
    # The same article with its paragraphs rotated: the heading and the body recur.
    rotated = [PARAGRAPHS[i % 5 :] + PARAGRAPHS[: i % 5] for i in range(6)]
    copies = [page(i, "\n\n".join([HEADING, *rotated[i], f"Note {letters(i)}."])) for i in range(6)]
    stage, figures = trained(copies)
    assert figures["template_lines"] == 0
    assert stage.process(copies[0]).edits == []


@pytest.mark.xfail(strict=True, reason="truncated copies change the three longest lines, the article's "
                                       "fingerprint, so their shared heading is learnt as a template")
def test_lines_shared_only_by_truncated_copies_of_one_article_are_not_learnt():
    copies = [page(i, "\n\n".join([HEADING, *PARAGRAPHS[: 2 + i % 4]])) for i in range(6)]
    _, figures = trained(copies)
    assert figures["template_lines"] == 0


def test_scan_memory_stays_bounded_and_frequent_lines_survive():
    stage = TemplateLineRemover(TemplateLinesConfig(max_tracked_lines=1000))
    docs = [page(i, f"{article(TOPICS[i % 12])}\n\nA line seen only here, known as {letters(i)}\n\n{FOOTER}")
            for i in range(3000)]
    for doc in docs:
        stage.scan([doc])
        assert stage._tracked <= 1001
    figures = stage.finish_scan()
    assert figures["prunings"] > 0
    assert line_hash(normalise_line(FOOTER)) in stage.templates["folder:site"]
    assert len(stage.templates["folder:site"]) == 1 + 2 * 12  # the footer, two article lines per topic


def test_only_the_learnt_hashes_travel_to_the_workers():
    docs = site(6)
    stage, _ = trained(docs)
    copy = pickle.loads(pickle.dumps(stage))
    assert copy.templates == stage.templates and copy._counts == {}
    assert all(isinstance(key, int) for keys in copy.templates.values() for key in keys)
    assert copy.process(docs[0]).text == article("ferns")


def test_unscanned_stage_changes_nothing():
    doc = page(1, f"{article('ferns')}\n\n{FOOTER}")
    assert TemplateLineRemover().process(doc).edits == []


@pytest.mark.parametrize("settings, key", [
    ({"min_documents": 1}, "min_documents"),
    ({"min_share": 2.0}, "min_share"),
    ({"heading_min_share": -0.1}, "heading_min_share"),
    ({"max_removed_share": 0.0}, "max_removed_share"),
    ({"max_tracked_lines": 10}, "max_tracked_lines"),
])
def test_bad_settings_are_rejected_naming_the_key(settings, key):
    with pytest.raises(ConfigError, match=rf"stages\.template_lines\.{key}"):
        config_from_dict({"stages": {"template_lines": settings}})


def test_stage_is_a_registered_corpus_stage_before_boilerplate():
    assert REGISTRY["template_lines"] is TemplateLineRemover
    assert issubclass(TemplateLineRemover, CorpusStage)
    assert DEFAULT_STAGES.index("template_lines") < DEFAULT_STAGES.index("boilerplate")
