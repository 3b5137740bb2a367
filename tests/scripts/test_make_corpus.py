"""The sample corpus generator: deterministic, every format, labels that match the pages,
and a committed raw/ that is exactly what `make sample` writes."""

from __future__ import annotations

import gzip
import json
import re
import shlex
import subprocess
import sys
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from pipeline.document import Reason
from pipeline.io.inputs import plan
from pipeline.io.readers import read_item
from scripts import make_corpus
from tests.conftest import REPO

SAMPLE_DOCS = 40


def _files(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*"))
            if path.is_file()}


def _makefile_sample_arguments() -> list[str]:
    """The generator's arguments in the Makefile's `sample` target, without --out."""
    text = (REPO / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^sample:.*\n\t(.+)$", text, re.MULTILINE)
    assert match, "the Makefile has no sample target"
    words = shlex.split(match.group(1))
    arguments = words[words.index("scripts/make_corpus.py") + 1:]
    out = arguments.index("--out")
    assert arguments[out + 1] == "raw"
    return arguments[:out] + arguments[out + 2:]


def _shingles(text: str, size: int = 5) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[n:n + size]) for n in range(len(words) - size + 1)}


def _jaccard(left: str, right: str) -> float:
    a, b = _shingles(left), _shingles(right)
    return len(a & b) / len(a | b) if a | b else 0.0


@pytest.fixture(scope="module")
def sample() -> list[make_corpus.CorpusDocument]:
    return list(make_corpus.generate(SAMPLE_DOCS, 7))


def test_same_arguments_write_byte_identical_files(tmp_path: Path) -> None:
    make_corpus.main(["--out", str(tmp_path / "a"), "--docs", "30", "--seed", "3"])
    make_corpus.main(["--out", str(tmp_path / "b"), "--docs", "30", "--seed", "3"])
    first, second = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert first and first == second


def test_different_seeds_write_different_pages(tmp_path: Path) -> None:
    make_corpus.write_corpus(tmp_path / "a", 20, seed=1)
    make_corpus.write_corpus(tmp_path / "b", 20, seed=2)
    assert _files(tmp_path / "a") != _files(tmp_path / "b")


def test_small_mode_writes_every_input_format(tmp_path: Path) -> None:
    written = make_corpus.write_corpus(tmp_path, SAMPLE_DOCS, seed=7)
    suffixes = {name.split(".", 1)[1] for name in (Path(path).name for path in written)}
    assert {"txt", "html", "jsonl", "jsonl.gz", "warc.gz"} <= suffixes


def test_formats_option_limits_the_output(tmp_path: Path) -> None:
    written = make_corpus.write_corpus(tmp_path, 12, seed=7, formats=["txt", "html"])
    assert {path.split("/")[0] for path in written} == {"txt", "html"}


def test_committed_raw_is_what_the_makefile_sample_target_writes(tmp_path: Path) -> None:
    make_corpus.main(["--out", str(tmp_path), *_makefile_sample_arguments()])
    generated, committed = _files(tmp_path), _files(REPO / "raw")
    assert sorted(committed) == sorted(generated)
    changed = [name for name in generated if generated[name] != committed[name]]
    assert not changed, f"raw/ drifted from the generator; run `make sample`: {changed}"


def test_committed_raw_stays_small() -> None:
    assert sum(len(data) for data in _files(REPO / "raw").values()) < 1_000_000


def test_large_mode_writes_the_requested_number_of_jsonl_records(tmp_path: Path) -> None:
    written = make_corpus.write_corpus(tmp_path, 300, seed=7, formats=["jsonl"], mode="large",
                                       shard_docs=100)
    assert written == [f"jsonl/part-{n:05d}.jsonl" for n in range(3)]
    lines = [line for path in written for line in (tmp_path / path).read_text("utf-8").splitlines()]
    assert len(lines) == 300
    assert all(json.loads(line)["text"] for line in lines)


def test_large_mode_puts_most_documents_in_jsonl_and_loses_none(tmp_path: Path) -> None:
    written = make_corpus.write_corpus(tmp_path, 300, seed=7, mode="large", shard_docs=100)
    inputs, shards = plan(tmp_path, 16_000_000, 500)
    records = [record for shard in shards for item in shard.items
               for record in read_item(tmp_path, item, 10**7)]
    formats = Counter(record.source.format for record in records)
    assert len(records) == 300
    assert formats["jsonl"] >= 290
    assert {"txt", "html", "warc"} <= set(formats)
    assert len(inputs) == len(written)


def test_every_warc_is_readable_by_warcio() -> None:
    warcs = sorted((REPO / "raw").rglob("*.warc.gz"))
    assert warcs
    for path in warcs:
        with open(path, "rb") as stream:
            records = list(ArchiveIterator(stream))
        types = Counter(record.rec_type for record in records)
        assert types["warcinfo"] == 1 and types["request"] >= 1 and types["response"] >= 2
        for record in records:
            if record.rec_type == "response":
                assert record.rec_headers.get_header("WARC-Target-URI").startswith("https://")
                assert record.rec_headers.get_header("WARC-Date")
                assert record.http_headers.get_statuscode() == "200"
        mimes = [record.http_headers.get_header("Content-Type") for record in records
                 if record.rec_type == "response"]
        assert "image/png" in mimes


def test_project_reader_reads_every_sample_record_except_the_image() -> None:
    root = REPO / "raw"
    _, shards = plan(root, 16_000_000, 500)
    records = [record for shard in shards for item in shard.items for record in read_item(root, item, 10**7)]
    dropped = [record for record in records if record.drop is not None]
    assert len(records) == SAMPLE_DOCS + 1
    assert [record.drop.reason for record in dropped] == [Reason.UNSUPPORTED_CONTENT]
    assert all(record.text and record.text.strip() for record in records if record.drop is None)


def test_documents_know_where_the_reader_finds_them(sample: list[make_corpus.CorpusDocument]) -> None:
    root = REPO / "raw"
    _, shards = plan(root, 16_000_000, 500)
    found = {(record.source.path, record.source.record): record for shard in shards for item in shard.items
             for record in read_item(root, item, 10**7)}
    for document in sample:
        record = found[(document.path, document.record)]
        if document.format in ("jsonl", "warc"):
            assert record.source.url == document.url
        if document.format in ("txt", "jsonl"):
            assert record.text.rstrip("\n") == document.text


def test_sample_shows_every_kind_defect_variant_and_language(
        sample: list[make_corpus.CorpusDocument]) -> None:
    assert {document.kind for document in sample} == set(make_corpus.KINDS)
    assert set(make_corpus.DEFECTS) <= {defect for document in sample for defect in document.defects}
    assert {document.near_dup_variant for document in sample if document.near_dup_of} == set(
        make_corpus.NEAR_DUPLICATE_VARIANTS)
    assert {document.junk for document in sample if document.junk} == set(make_corpus.JUNK_KINDS)
    assert {document.language for document in sample} == {"en", "de", "es"}
    assert sum(1 for document in sample if document.spun_of) >= 2


def test_injected_strings_are_in_the_page_text(sample: list[make_corpus.CorpusDocument]) -> None:
    injected = [(document, text) for document in sample for _, text in document.injected]
    assert injected
    for document, text in injected:
        assert text in document.text, (document.id, text)


def test_clean_pages_are_their_clean_text(sample: list[make_corpus.CorpusDocument]) -> None:
    clean = [document for document in sample if document.kind == "clean"]
    assert clean
    for document in clean:
        assert not document.injected
        assert document.text.replace("\n\n", "\n") == document.clean_text.replace("\n\n", "\n")


def test_defective_pages_keep_every_untouched_paragraph(sample: list[make_corpus.CorpusDocument]) -> None:
    for document in sample:
        if document.kind != "defective":
            continue
        paragraphs = document.clean_text.split("\n\n")
        kept = [paragraph for paragraph in paragraphs if paragraph in document.text]
        # Inline injections change at most a few paragraphs; everything else is verbatim.
        assert len(kept) >= len(paragraphs) - 4, document.id


def test_unrelated_articles_are_not_near_duplicates() -> None:
    documents = [document for document in make_corpus.generate(200, 11)
                 if document.kind in ("clean", "defective")][:60]
    worst = max(_jaccard(a.clean_text, b.clean_text) for a, b in combinations(documents, 2))
    # Dedup thresholds sit around 0.7-0.8; unrelated pages must stay far below.
    assert worst < 0.3


def test_near_duplicates_are_close_to_their_source() -> None:
    documents = {document.id: document for document in make_corpus.generate(200, 11)}
    copies = [document for document in documents.values()
              if document.near_dup_variant in ("truncated", "reordered", "edited", "reframed")]
    assert copies
    for copy in copies:
        assert _jaccard(copy.clean_text, documents[copy.near_dup_of].clean_text) > 0.7, copy.id


def test_spun_copies_swap_words_and_record_the_originals(sample: list[make_corpus.CorpusDocument]) -> None:
    spun = [document for document in sample if document.spun_of]
    for document in spun:
        assert document.spun_phrases
        for replacement, original in document.spun_phrases:
            assert replacement.lower() != original.lower()
            assert replacement in document.text


def test_spin_text_replaces_table_words_keeping_capitals() -> None:
    rng = make_corpus._rng(1, "test")
    text, pairs = make_corpus.spin_text("People often need help.", rng, rate=1.0)
    assert text.split()[0] in ("Individuals", "Folks")
    assert {original for _, original in pairs} == {"People", "often", "help"}


def test_jsonl_records_carry_text_url_date_and_metadata() -> None:
    with gzip.open(REPO / "raw" / "jsonl" / "pages-2.jsonl.gz", "rt", encoding="utf-8") as stream:
        records = [json.loads(line) for line in stream]
    plain = (REPO / "raw" / "jsonl" / "pages.jsonl").read_text("utf-8")
    records += [json.loads(line) for line in plain.splitlines()]
    for record in records:
        assert {"text", "url", "date", "title", "site", "category"} <= set(record)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["date"])


def test_german_page_is_served_in_a_declared_legacy_charset() -> None:
    with open(REPO / "raw" / "warc" / "crawl.warc.gz", "rb") as stream:
        types = [record.http_headers.get_header("Content-Type") for record in ArchiveIterator(stream)
                 if record.rec_type == "response"]
    assert "text/html; charset=ISO-8859-1" in types


def test_a_smaller_rerun_leaves_no_stale_pages(tmp_path: Path) -> None:
    make_corpus.write_corpus(tmp_path / "out", 40, seed=7)
    (tmp_path / "out" / "notes.md").write_text("not generated", encoding="utf-8")
    make_corpus.write_corpus(tmp_path / "out", 20, seed=7)
    make_corpus.write_corpus(tmp_path / "fresh", 20, seed=7)
    rerun = _files(tmp_path / "out")
    assert rerun.pop("notes.md") == b"not generated"
    assert rerun == _files(tmp_path / "fresh")


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        make_corpus.main(["--out", str(tmp_path), "--docs", "5", "--formats", "txt,pdf"])
    assert raised.value.code == 2


def test_the_script_runs_from_its_path_and_writes_what_main_writes(tmp_path: Path) -> None:
    arguments = ["--docs", "25", "--seed", "4", "--formats", "txt,jsonl"]
    subprocess.run([sys.executable, "scripts/make_corpus.py", "--out", str(tmp_path / "script"), *arguments],
                   check=True, cwd=REPO, capture_output=True)
    make_corpus.main(["--out", str(tmp_path / "main"), *arguments])
    assert _files(tmp_path / "script") == _files(tmp_path / "main")
