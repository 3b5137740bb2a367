"""The seed pages through the whole default pipeline, as `make` would run them."""

import hashlib
import json

import pytest

from pipeline.config import default_config
from pipeline.document import revert
from pipeline.executor import LocalExecutor
from pipeline.io.writers import read_jsonl_gz
from pipeline.runner import run
from tests.conftest import REPO


@pytest.fixture(scope="module")
def seed_run(tmp_path_factory):
    from tests.conftest import SEEDS

    if not SEEDS.is_dir():
        pytest.skip("no seed folder")
    # only the pages: EXPECTED.md beside them is not an input format
    pages = tmp_path_factory.mktemp("raw")
    for path in sorted(SEEDS.glob("*.txt")):
        (pages / path.name).write_bytes(path.read_bytes())
    out = tmp_path_factory.mktemp("seeds") / "clean"
    result = run(pages, out, default_config(), executor=LocalExecutor(1), progress=False)
    documents = [r for p in sorted((out / "documents").glob("*.jsonl.gz")) for r in read_jsonl_gz(p)]
    return result, out, documents


def test_five_seed_articles_come_out(seed_run):
    result, _, documents = seed_run
    assert result.exit_code == 0
    assert sorted(d["source"]["path"][:3] for d in documents) == ["000", "001", "002", "003", "004"]


def test_each_document_names_its_source_file_and_sha256(seed_run):
    from tests.conftest import SEEDS

    _, _, documents = seed_run
    for document in documents:
        data = (SEEDS / document["source"]["path"]).read_bytes()
        assert document["source"]["sha256"] == hashlib.sha256(data).hexdigest()
        assert document["pipeline"]["config_sha256"] == default_config().digest()


def test_reverting_edits_as_read_from_the_output_rebuilds_each_seed(seed_run):
    from tests.conftest import SEEDS

    _, _, documents = seed_run
    assert any(document["edits"] for document in documents)
    for document in documents:
        original = (SEEDS / document["source"]["path"]).read_text(encoding="utf-8")
        assert revert(document["text"], document["edits"]) == original


def test_manifest_counts_add_up(seed_run):
    _, out, documents = seed_run
    manifest = json.loads((out / "manifest.json").read_text())
    totals = manifest["totals"]
    assert totals["records"] == totals["kept"] + totals["rejected"]
    assert totals["kept"] == len(documents) == 5
    for name, stage in manifest["stages"].items():
        assert stage["entered"] == stage["kept"] + sum(stage["dropped"].values()), name


def test_every_record_has_the_same_keys(seed_run):
    _, _, documents = seed_run
    assert len({tuple(sorted(d)) for d in documents}) == 1


def test_output_folder_readme_is_the_tracked_one(seed_run):
    _, out, _ = seed_run
    assert (out / "README.md").read_text() == (REPO / "clean" / "README.md").read_text()
