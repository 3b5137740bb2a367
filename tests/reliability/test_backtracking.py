"""Inputs built to make the regex-heavy rules backtrack: no rule family spends more than a
second of CPU on any of them (a catastrophic pattern takes minutes on these sizes).

CPU time of this thread, not wall time, so a loaded machine does not fail the test; each
input is at least 200 KB, as big as the largest page a crawl usually holds.
"""

import time

import pytest

from pipeline.stages.pii import PiiRemover, find_emails, find_ip_addresses, find_phone_numbers
from pipeline.stages.spam import SpamStripper
from pipeline.stages.spam_rules.anchors import commercial_anchor_spans
from pipeline.stages.spam_rules.links import (
    find_urls,
    inline_url_spans,
    is_reference_entry,
    link_farm_block_spans,
)
from tests.reliability.hostile import document

SECOND = 1.0

# The issue's inputs, then the ones that were quadratic before their rules were fixed.
HOSTILE = {
    "a@ x100,000": "a@" * 100_000,
    "1- x100,000": "1-" * 100_000,
    "http:// then a. x100,000": "http://" + "a." * 100_000,
    "one 1 MB word": "a" * 1_000_000,
    "dotted local part then @": "a." * 100_000 + "@" + "a." * 100_000,
    "www. x50,000": "www." * 50_000,
    "a URL path of 100,000 segments": "http://a.com/" + "a/" * 100_000,
    "a bracketed at x30,000": "a [at] " * 30_000,
    "spelled AT x40,000": "a AT " * 40_000,
    "+1 x70,000": "+1 " * 70_000,
    "tel: x40,000": "tel: " * 40_000,
    "a product run of 33,000 words": "ketamine for sale " * 11_111,
    "author initials then a URL": "Ab, A. " * 30_000 + " http://x.com/a",
    "et al. then a URL": "et al. " * 30_000 + " http://x.com/a",
}


@pytest.fixture(scope="module")
def spam():
    return SpamStripper()


@pytest.fixture(scope="module")
def pii():
    return PiiRemover()


def cpu_seconds(function, *args):
    started = time.thread_time()
    function(*args)
    return time.thread_time() - started


def rule_families(spam):
    regions = ["US", "GB", "DE", "FR", "ES"]
    return {
        "email": lambda text: find_emails(text),
        "phone": lambda text: find_phone_numbers(text, regions),
        "ip": lambda text: find_ip_addresses(text),
        "url": lambda text: (find_urls(text), inline_url_spans(text, spam.judge),
                             link_farm_block_spans(text, spam.vocabulary, spam.judge),
                             [is_reference_entry(line) for line in text.splitlines()]),
        "anchors": lambda text: commercial_anchor_spans(text, spam.vocabulary),
    }


@pytest.mark.parametrize("family", ["email", "phone", "ip", "url", "anchors"])
def test_no_rule_family_takes_a_second_on_hostile_input(family, spam):
    rules = rule_families(spam)[family]
    slow = {label: round(seconds, 2) for label, text in HOSTILE.items()
            if (seconds := cpu_seconds(rules, text)) > SECOND}
    assert not slow


@pytest.mark.parametrize("label", ["a@ x100,000", "1- x100,000", "http:// then a. x100,000", "one 1 MB word"])
def test_the_pii_and_spam_stages_take_under_a_second_on_the_issue_inputs(label, spam, pii):
    for stage in (pii, spam):
        assert cpu_seconds(stage.process, document(HOSTILE[label])) < SECOND, stage.name


def test_a_long_run_of_product_words_is_one_phrase(spam):
    from pipeline.stages.spam_rules.anchors import anchor_phrases

    phrases = anchor_phrases("ketamine for sale " * 200, spam.vocabulary)
    assert len(phrases) == 1 and len(phrases[0].words) == 400  # "for sale" is one term


@pytest.mark.parametrize("line, expected", [
    ("Smith, J., Jones, K., Brown, L., & Lee, M. (2019). A title. http://x.org", True),
    ("Smith et al., 2019. http://x.org", True),
    ("Smith, J. wrote about http://x.org", False),
    ("Smith, J. " + "x" * 400 + " 2019", False),  # the year too far from the author
])
def test_author_year_references_are_still_recognised(line, expected):
    assert is_reference_entry(line) is expected
