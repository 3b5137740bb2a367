"""The dataset card in the output README gives datasets the features of each config."""

import pytest

from pipeline.io.card import front_matter
from pipeline.io.schema import SCHEMAS

yaml = pytest.importorskip("yaml")


@pytest.mark.parametrize("output_format, suffix", [("jsonl", ".jsonl.gz"), ("parquet", ".parquet")])
def test_the_card_names_each_folder_as_a_config_of_its_parts(output_format, suffix):
    card = yaml.safe_load(front_matter(output_format).strip().strip("-"))
    assert [(c["config_name"], c["data_files"]) for c in card["configs"]] == [
        ("documents", f"documents/*{suffix}"), ("rejected", f"rejected/*{suffix}")]
    assert card["configs"][0]["default"] is True


def test_the_card_features_are_those_datasets_derives_from_the_arrow_schema():
    datasets = pytest.importorskip("datasets")
    card = yaml.safe_load(front_matter("jsonl").strip().strip("-"))
    for info in card["dataset_info"]:
        expected = datasets.Features.from_arrow_schema(SCHEMAS[info["config_name"]])._to_yaml_list()
        assert info["features"] == expected
