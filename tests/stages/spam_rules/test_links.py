"""The heading a link farm leaves behind goes with it, whatever it says."""

import pytest

from pipeline.stages.spam_rules.links import UrlJudge, link_farm_block_spans
from pipeline.stages.spam_rules.vocabulary import SpamVocabulary

PROSE = "The harbour authority said the new breakwater would be finished before the winter storms."
FARM = ("https://storage.googleapis.com/mediahub/k3j9xq2wz/best-guide.html\n"
        "https://linkvault4821.blogspot.com/top-tips-48213377\n"
        "https://sitecdn.s3.amazonaws.com/x7pq2mz9k/review.html")


@pytest.fixture(scope="module")
def farm_spans():
    vocabulary = SpamVocabulary.load()
    judge = UrlJudge(vocabulary.host_features)
    return lambda text: [text[s.start : s.end] for s in link_farm_block_spans(text, vocabulary, judge)]


def test_an_unlisted_heading_above_a_farm_goes_with_it(farm_spans):
    for heading in ("Worth a look", "Our friends around the web:", "Handy Bookmarks"):
        text = f"{PROSE}\n\n{heading}\n{FARM}"
        assert [span.strip() for span in farm_spans(text)] == [f"{heading}\n{FARM}"], heading


def test_a_sentence_above_a_farm_stays(farm_spans):
    text = f"{PROSE}\n\nThese are the pages we used.\n{FARM}"
    assert "These are the pages we used." not in "".join(farm_spans(text))


def test_a_block_of_free_hosting_pages_goes_as_a_whole(farm_spans):
    # no page is a farm link on its own (a free-hosting site is half of one), the block is
    block = "https://moorland.netlify.app/walking-guide\nhttps://fellside.pages.dev/maps\nhttps://is.gd/q8Zp2w"
    text = f"{PROSE}\n\nMore to explore\n{block}"
    assert [span.strip() for span in farm_spans(text)] == [f"More to explore\n{block}"]


def test_a_list_of_ordinary_sites_stays(farm_spans):
    text = f"{PROSE}\n\nSources\nhttps://www.harbourtimes.co.uk/news/breakwater\nhttps://coastwatch.org/report-2021"
    assert farm_spans(text) == []
