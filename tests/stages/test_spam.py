"""The spam stage: sales anchors, link farms, injected titles, bare URLs, glued words."""

from __future__ import annotations

import functools
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.document import Document, Drop, Link, Reason, Source, revert
from pipeline.errors import ConfigError
from pipeline.io.html import extract_page
from pipeline.stages.normalize import Normalizer
from pipeline.stages.spam import SpamConfig, SpamStripper, resolve_overlaps
from pipeline.stages.spam_rules.anchors import commercial_anchor_spans
from pipeline.stages.spam_rules.glued import glued_word_spans
from pipeline.stages.spam_rules.html_links import link_dense_spans
from pipeline.stages.spam_rules.keywords import keyword_injection_spans, keyword_phrases
from pipeline.stages.spam_rules.links import UrlJudge, inline_url_spans, link_farm_block_spans
from pipeline.stages.spam_rules.spans import SpamSpan
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary
from tests.conftest import seed_text

CASES = Path(__file__).resolve().parent.parent / "cases" / "spam"


@pytest.fixture(scope="module")
def stage() -> SpamStripper:
    return SpamStripper()


@pytest.fixture(scope="module")
def case_stage() -> SpamStripper:
    # the cases are short, so most of a spam case is spam: they test the edits, and the
    # drop threshold is tested on its own below
    return SpamStripper(SpamConfig(drop_threshold=1.0))


@pytest.fixture(scope="module")
def vocabulary() -> SpamVocabulary:
    return SpamVocabulary.load()


@pytest.fixture(scope="module")
def judge(vocabulary: SpamVocabulary) -> UrlJudge:
    return UrlJudge(vocabulary.host_features)


@functools.cache
def _shared_stage(**settings_) -> SpamStripper:
    """One stage per configuration for the property tests (loading vocabularies takes time)."""
    return SpamStripper(SpamConfig(**settings_))


def make_doc(text: str, title: str | None = None, links: list[tuple[str, str]] = ()) -> Document:
    return Document(
        id="test", text=text, source=Source(path="t.txt", record=0, sha256="0" * 64, format="txt"),
        title=title, links=[Link(href=href, text=anchor) for href, anchor in links],
    )


def run(stage: SpamStripper, text: str, **kwargs) -> Document:
    result = stage.process(make_doc(text, **kwargs))
    assert isinstance(result, Document)
    return result


def spam_edits(doc: Document) -> list:
    return [edit for edit in doc.edits if edit.stage == "spam"]


# ---------------------------------------------------------------- data-driven cases

def _load_cases() -> list:
    params = []
    for path in sorted(CASES.glob("*.json")):
        case = json.loads(path.read_text(encoding="utf-8"))
        marks = [pytest.mark.xfail(strict=True, reason=case["xfail"])] if case.get("xfail") else []
        params.append(pytest.param(case, id=path.stem, marks=marks))
    return params


def test_case_set_is_large_and_half_clean() -> None:
    cases = [json.loads(path.read_text(encoding="utf-8")) for path in CASES.glob("*.json")]
    assert len(cases) >= 40
    assert sum(case["kind"] == "clean" for case in cases) * 2 >= len(cases)
    assert all(case["why"] for case in cases)


@pytest.mark.parametrize("case", _load_cases())
def test_case(case: dict, case_stage: SpamStripper) -> None:
    doc = run(case_stage, case["original"], title=case.get("title"), links=case.get("links", []))
    assert doc.text == case["expected"]
    assert revert(doc.text, doc.edits) == case["original"]
    if case["kind"] == "clean":
        assert doc.spam["score"] == 0.0
        assert spam_edits(doc) == []


# ---------------------------------------------------------------- the seeds

def test_seed_000_loses_injected_title_phrase(stage: SpamStripper) -> None:
    original = seed_text("000")
    doc = run(stage, original)
    assert "recent estimates show million adults" in doc.text
    assert "show What is ketamine for million" not in doc.text
    assert "is What is ketamine for receptors" not in doc.text
    assert {edit.rule for edit in spam_edits(doc)} >= {"keyword_injection"}
    assert doc.spam["score"] > 0


def test_seed_000_glued_words_are_split(stage: SpamStripper) -> None:
    doc = run(stage, seed_text("000"))
    assert "ketamineit" not in doc.text and "TMSand" not in doc.text and "ECTwhich" not in doc.text
    assert "TMS and" in doc.text and "ECT which" in doc.text


def test_seed_001_loses_its_three_anchors_and_keeps_the_sentence(stage: SpamStripper) -> None:
    doc = run(stage, seed_text("001"))
    folded = doc.text.casefold()
    assert "dmt canada" not in folded and "shroom gummies" not in folded
    removed = [edit.removed for edit in spam_edits(doc)]
    assert len(removed) == 3
    # the sentence the first anchor was appended to stays, with its full stop
    assert "some anxiety disorders.\n" in doc.text


def test_seed_002_inserted_sale_anchor_is_cut_and_sentence_repaired(stage: SpamStripper) -> None:
    doc = run(stage, seed_text("002"))
    assert "for sale online" not in doc.text
    assert "treatment method-resistant depression has manufactured it" in doc.text
    assert [edit.rule for edit in spam_edits(doc)] == ["commercial_anchor_inserted"]


def test_seed_003_is_untouched(stage: SpamStripper) -> None:
    original = seed_text("003")
    doc = run(stage, original)
    assert doc.text == original
    assert spam_edits(doc) == []
    assert doc.spam["score"] == 0.0 and doc.spam["removed_chars"] == 0 and doc.spam["flags"] == []


def test_seed_003_is_untouched_after_normalizer(stage: SpamStripper) -> None:
    normalized = Normalizer().process(make_doc(seed_text("003")))
    text = normalized.text
    doc = stage.process(normalized)
    assert doc.text == text and doc.spam["score"] == 0.0


def test_seed_004_loses_its_citations_block(stage: SpamStripper) -> None:
    original = seed_text("004")
    doc = run(stage, original)
    assert "Citations" not in doc.text and "http" not in doc.text
    assert doc.text.rstrip().endswith("Post a Comment")
    assert [edit.rule for edit in spam_edits(doc)] == ["link_farm_block"]
    # the article body is kept whole
    body_end = original.index("Citations:")
    assert doc.text.startswith(original[:body_end])


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seed_edits_replay_to_the_input(stage: SpamStripper, prefix: str) -> None:
    original = seed_text(prefix)
    doc = run(stage, original)
    assert revert(doc.text, doc.edits) == original


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_seeds_are_kept_not_dropped(stage: SpamStripper, prefix: str) -> None:
    assert isinstance(stage.process(make_doc(seed_text(prefix))), Document)


# ---------------------------------------------------------------- commercial anchors

def test_anchor_line_span_takes_the_line_and_its_blank_line(vocabulary: SpamVocabulary) -> None:
    text = "First paragraph.\n\nlsd pills berlin\n\nLast paragraph."
    spans = commercial_anchor_spans(text, vocabulary)
    found = [(text[s.start : s.end], s.rule) for s in spans]
    assert found == [("lsd pills berlin\n\n", "commercial_anchor_line")]


def test_product_alone_is_not_an_anchor(vocabulary: SpamVocabulary) -> None:
    assert commercial_anchor_spans("Ketamine\n\nKetamine is an anaesthetic.", vocabulary) == []


def test_place_after_preposition_is_not_a_cue(vocabulary: SpamVocabulary) -> None:
    assert commercial_anchor_spans("Psilocybin in Canada", vocabulary) == []


def test_anchor_glued_to_place_is_a_line_anchor(vocabulary: SpamVocabulary) -> None:
    assert len(commercial_anchor_spans("Psilocybin Canada", vocabulary)) == 1


def test_anchor_ending_its_own_sentence_is_left_alone(vocabulary: SpamVocabulary) -> None:
    # a full sentence with its own full stop is prose, even with buying words
    assert commercial_anchor_spans("Prices fell. You can buy ketamine online.", vocabulary) == []


def test_inserted_anchor_after_function_word_is_grammar(vocabulary: SpamVocabulary) -> None:
    text = "Police closed the ketamine for sale online market last year."
    assert commercial_anchor_spans(text, vocabulary) == []


def test_single_cue_inside_sentence_is_not_cut(vocabulary: SpamVocabulary) -> None:
    text = "Students apply for government loans online through a portal."
    assert commercial_anchor_spans(text, vocabulary) == []


def test_extra_products_from_config_are_used() -> None:
    stage = SpamStripper(SpamConfig(extra_products=["moonrock"], drop_threshold=1.0))
    doc = run(stage, "Plain sentence here.\n\nmoonrock buy online\n\nAnother sentence.")
    assert doc.text == "Plain sentence here.\n\nAnother sentence."


def test_extra_places_and_cues_from_config_are_used() -> None:
    stage = SpamStripper(SpamConfig(extra_places=["Atlantis"], extra_commerce_cues=["zum mitnehmen"],
                                    drop_threshold=1.0))
    doc = run(stage, "Sleep well tonight. Also try dmt atlantis")
    assert doc.text == "Sleep well tonight."


def test_unknown_product_in_a_sentence_is_kept(stage: SpamStripper) -> None:
    text = "Plain sentence here.\n\nThe moonrock shop sells online to locals.\n\nAnother sentence."
    assert run(stage, text).text == text


def test_unknown_product_on_a_keyword_line_goes(stage: SpamStripper) -> None:
    # alone on its line, lower case, a rare word between cues: the line is an anchor
    text = "Plain sentence here.\n\nmoonrock buy online\n\nAnother sentence."
    assert run(stage, text).text == "Plain sentence here.\n\nAnother sentence."


# ---------------------------------------------------------------- link farms

def test_url_judge_features_of_farm_hosts(judge: UrlJudge) -> None:
    assert "storage_bucket" in judge.features("https://files-x.s3.eu-west-1.amazonaws.com/a/b.html")
    assert "cdn" in judge.features("https://site.b-cdn.net/page.html")
    assert "shortener" in judge.features("https://bit.ly/abc123")
    assert "random_label" in judge.features("https://qzxwvbnm.example.com/")
    assert "blog_network_subdomain" in judge.features("https://someone.bestblogz.com/post-12345678")


def test_url_judge_reference_hosts_are_not_farms(judge: UrlJudge) -> None:
    for url in ("https://doi.org/10.1001/archpsyc.63.8.856", "https://www.nature.com/articles/s41586",
                "https://pubmed.ncbi.nlm.nih.gov/12345678/", "https://www.law.harvard.edu/x",
                "https://en.wikipedia.org/wiki/Ketamine"):
        assert not judge.is_farm(url), url


def test_url_judge_ordinary_hosts_are_not_farms(judge: UrlJudge) -> None:
    for url in ("https://www.bbc.co.uk/news/health-54610407", "https://github.com/user/repo",
                "https://nightschool.example.com/strengths", "https://mycookingblog.wordpress.com/2020/05/soup"):
        assert not judge.is_farm(url), url


def test_reference_list_with_farm_hosts_but_dois_stays(vocabulary: SpamVocabulary, judge: UrlJudge) -> None:
    text = ("References\n"
            "Smith J, Lee K. Sleep and mood. Sleep Med. 2019;4:1-9. https://abc.b-cdn.net/x1.pdf\n"
            "Brown A, et al. Ketamine trial. J Psych. 2020;7:2-3. https://tinyurl.com/ab12cd\n")
    assert link_farm_block_spans(text, vocabulary, judge) == []


def test_single_farm_url_needs_a_heading(vocabulary: SpamVocabulary, judge: UrlJudge) -> None:
    alone = "Text.\nhttps://bit.ly/abc123\n"
    headed = "Text.\nSee also\nhttps://bit.ly/abc123\n"
    assert link_farm_block_spans(alone, vocabulary, judge) == []
    assert [s.rule for s in link_farm_block_spans(headed, vocabulary, judge)] == ["link_farm_block"]


def test_extra_link_heading_from_config_is_used() -> None:
    stage = SpamStripper(SpamConfig(extra_link_headings=["Lesetipps"], drop_threshold=1.0))
    doc = run(stage, "Ein Satz über Schlaf.\nLesetipps\nhttps://bit.ly/abc123\n")
    assert doc.text == "Ein Satz über Schlaf.\n"


# ---------------------------------------------------------------- bare URLs

@pytest.mark.parametrize(
    ("policy", "expected"),
    [
        ("host", "Data are at example.org and updated daily."),
        ("remove", "Data are at and updated daily."),
        ("keep", "Data are at https://example.org/a/b and updated daily."),
    ],
)
def test_bare_url_policy(policy: str, expected: str) -> None:
    stage = SpamStripper(SpamConfig(bare_urls=policy, drop_threshold=1.0))
    doc = run(stage, "Data are at https://example.org/a/b and updated daily.")
    assert doc.text == expected
    assert doc.spam["score"] == 0.0  # a URL policy is cleaning, not spam


def test_farm_url_in_text_is_spam_whatever_the_policy(judge: UrlJudge) -> None:
    text = "Read the guide at https://tinyurl.com/ab12cd today."
    spans = inline_url_spans(text, judge, policy="keep")
    assert [(s.rule, s.spam) for s in spans] == [("link_farm_url", True)]


# ---------------------------------------------------------------- injected keywords

def test_keyword_phrases_from_title_and_first_line() -> None:
    text = "Best Sleep Tips\n\nA long sentence follows here."
    titles, headings = keyword_phrases(text, "Sleep Guide | Site")
    assert "Best Sleep Tips" in titles and "Sleep Guide" in titles
    assert headings == []


def test_title_in_title_case_without_number_is_only_flagged(stage: SpamStripper) -> None:
    text = "Steinbeck wrote Of Mice and Men in 1937, during the Great Depression."
    doc = run(stage, text, title="Of Mice and Men")
    assert doc.text == text
    assert [flag["rule"] for flag in doc.spam["flags"]] == ["keyword_injection"]
    assert doc.text[doc.spam["flags"][0]["start"] : doc.spam["flags"][0]["end"]] == "Of Mice and Men"


def test_question_title_repeated_in_lower_case_is_flagged(vocabulary: SpamVocabulary) -> None:
    text = "What is ketamine for\n\nResearchers asked what is ketamine for in the clinic today."
    spans = keyword_injection_spans(text, None, vocabulary)
    assert [(s.rule, s.flag_only) for s in spans] == [("title_phrase_in_text", True)]


def test_title_at_sentence_start_is_not_injected(vocabulary: SpamVocabulary) -> None:
    text = "Why Sleep Matters\n\nWhy Sleep Matters is the question of this essay."
    assert keyword_injection_spans(text, None, vocabulary) == []


def test_flag_offsets_follow_earlier_removals(stage: SpamStripper) -> None:
    text = "Sleep is vital. Also try dmt canada\nSteinbeck wrote Of Mice and Men in 1937, in the Depression."
    doc = run(SpamStripper(SpamConfig(drop_threshold=1.0)), text, title="Of Mice and Men")
    flag = doc.spam["flags"][0]
    assert doc.text[flag["start"] : flag["end"]] == "Of Mice and Men"


# ---------------------------------------------------------------- glued words

def test_glued_words_insert_one_space() -> None:
    text = "the drugit was given and HIVand hepatitis"
    spans = glued_word_spans(text)
    assert [(s.start, s.end, s.inserted) for s in spans] == [(8, 8, " "), (28, 28, " ")]
    assert [text[: s.start].split()[-1] for s in spans] == ["drug", "HIV"]


def test_glued_words_leave_real_and_foreign_words() -> None:
    assert glued_word_spans("nontherapeutic antidepressants attendus PhDs URLs selfcare") == []


def test_glued_words_can_be_switched_off() -> None:
    stage = SpamStripper(SpamConfig(split_glued_words=False))
    assert run(stage, "The ferry leaves at noonand the bus at six.").edits == []


# ---------------------------------------------------------------- HTML link view

def test_link_dense_menu_run_goes() -> None:
    text = "Home\n\nAbout us\n\nContact\n\nA long paragraph of real text about our clinic and its staff."
    links = [Link("/", "Home"), Link("/about", "About us"), Link("/contact", "Contact")]
    spans = link_dense_spans(text, links)
    assert [text[s.start : s.end] for s in spans] == ["Home\n\nAbout us\n\nContact\n\n"]


def test_single_link_line_is_not_link_dense() -> None:
    text = "Read the study\n\nA paragraph."
    assert link_dense_spans(text, [Link("https://doi.org/10.1/x", "Read the study")]) == []


def test_farm_link_anchor_filling_a_line_goes(stage: SpamStripper) -> None:
    text = "A paragraph about therapy.\n\nGroup therapy near you\n\nAnother paragraph."
    doc = run(SpamStripper(SpamConfig(drop_threshold=1.0)), text,
              links=[("https://x.blob.core.windows.net/t/group.html", "Group therapy near you")])
    assert doc.text == "A paragraph about therapy.\n\nAnother paragraph."


def test_farm_anchor_lines_go_with_their_heading() -> None:
    text = "A paragraph about sleep.\n\nRead more\n\nSleep tips\n\nInsomnia guide\n\nA last paragraph."
    links = [("https://bit.ly/3abcXYZ", "Sleep tips"), ("https://x.r2.dev/guide.html", "Insomnia guide")]
    doc = run(SpamStripper(SpamConfig(drop_threshold=1.0)), text, links=links)
    assert doc.text == "A paragraph about sleep.\n\nA last paragraph."


def test_html_page_loses_sales_link_and_farm_list(stage: SpamStripper) -> None:
    html = (
        "<html><head><title>Sleep and mood | Health Notes</title></head><body><article>"
        "<h1>Sleep and mood</h1><p>Poor sleep worsens low mood, and "
        "<a href='https://pills.example/x'>buy xanax online</a> treating insomnia helps depression too.</p>"
        "<p>Cognitive behavioural therapy is the first-line treatment for chronic insomnia.</p>"
        "<h3>Read more</h3><ul>"
        "<li><a href='https://qwzxkvbn.blogspot.com/sleep-44556677'>Tips</a> https://qwzxkvbn.blogspot.com/sleep-44556677</li>"
        "<li><a href='https://bit.ly/3abcXYZ'>Guide</a> https://bit.ly/3abcXYZ</li></ul></article></body></html>"
    )
    page = extract_page(html)
    doc = SpamStripper(SpamConfig(drop_threshold=1.0)).process(
        make_doc(page.text, title=page.title, links=[(link.href, link.text) for link in page.links])
    )
    assert "xanax" not in doc.text and "http" not in doc.text and "Read more" not in doc.text
    assert "low mood, and treating insomnia helps depression too." in doc.text
    assert doc.text.endswith("treatment for chronic insomnia.")


# ---------------------------------------------------------------- score and drop

def test_mostly_spam_page_is_dropped(stage: SpamStripper) -> None:
    text = "Short note.\n\nbuy xanax online usa\n\ncheap tramadol canada\n\nkamagra kaufen deutschland"
    result = stage.process(make_doc(text))
    assert isinstance(result, Drop)
    assert result.reason is Reason.SPAM
    assert result.detail["score"] >= 0.5 and "message" in result.detail


def test_score_is_share_of_spam_characters(stage: SpamStripper) -> None:
    text = "A sentence that stays in the text. Also try dmt canada"
    doc = run(stage, text)
    assert doc.spam["removed_chars"] == len(" Also try dmt canada")
    assert doc.spam["score"] == round(len(" Also try dmt canada") / len(text), 4)
    assert doc.spam["rules"] == {"commercial_anchor_appended": 1}


@pytest.mark.parametrize(
    "settings_",
    [{"drop_threshold": 0.0}, {"drop_threshold": 1.5}, {"url_spam_score": 0.0}, {"anchor_max_words": 0},
     {"link_density": 0.0}, {"extra_products": [" "]}],
)
def test_config_rejects_bad_values(settings_: dict) -> None:
    key = next(iter(settings_))
    with pytest.raises(ConfigError, match=f"^{key}"):
        SpamConfig(**settings_).validate()


def test_overlaps_prefer_block_rules() -> None:
    spans = [SpamSpan(0, 10, "bare_url", 1.0), SpamSpan(0, 50, "link_farm_block", 1.0),
             SpamSpan(60, 60, "glued_words", 0.7, " ")]
    assert [s.rule for s in resolve_overlaps(spans)] == ["link_farm_block", "glued_words"]


# ---------------------------------------------------------------- properties

_words = st.sampled_from(
    ["ketamine", "for", "sale", "online", "canada", "Canada", "the", "trial", "buy", "dmt", "in", "was",
     "approved", "https://bit.ly/x1y2", "https://example.org/a", "What", "is", ".", "\n", "\n\n", "also",
     "try",
     "noonand", "pills", "Toronto", "References", "doi", "2019"]
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_words, max_size=40), st.sampled_from([None, "What is ketamine for", "Buy Pills Online"]))
def test_edits_always_replay_to_the_input(words: list[str], title: str | None) -> None:
    text = " ".join(words)
    result = _shared_stage(drop_threshold=1.0).process(make_doc(text, title=title))
    if isinstance(result, Drop):  # everything was spam: a score of 1.0 drops at any threshold
        assert result.reason is Reason.SPAM and result.detail["score"] == 1.0
        return
    assert revert(result.text, result.edits) == text
    assert 0.0 <= result.spam["score"] <= 1.0


_prose = st.sampled_from(
    ["The", "trial", "enrolled", "patients", "with", "depression", "and", "anxiety", "in", "2020", "doctors",
     "measured", "mood", "every", "week", "results", "were", "published", "later", "."]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(_prose, min_size=1, max_size=40))
def test_prose_without_products_or_urls_is_untouched(words: list[str]) -> None:
    text = " ".join(words)
    doc = _shared_stage().process(make_doc(text))
    assert doc.text == text and doc.edits == []
