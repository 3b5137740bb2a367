import pytest

from pipeline.config import config_from_dict, default_config, defaults_toml, load_config
from pipeline.errors import ConfigError
from tests.conftest import REPO


def test_unknown_stage_key_is_named():
    with pytest.raises(ConfigError, match=r"stages\.normalize\.normal_fom"):
        config_from_dict({"stages": {"normalize": {"normal_fom": "NFC"}}})


def test_unknown_run_key_is_named():
    with pytest.raises(ConfigError, match=r"run\.workerz"):
        config_from_dict({"run": {"workerz": 3}})


def test_unknown_stage_name_is_named():
    with pytest.raises(ConfigError, match=r"stages\.nosuch"):
        config_from_dict({"stages": {"nosuch": {}}})


def test_unknown_section_is_named():
    with pytest.raises(ConfigError, match="'extra'"):
        config_from_dict({"extra": {}})


def test_wrong_type_is_named_with_the_value():
    with pytest.raises(ConfigError, match=r"run\.shard_bytes: must be int"):
        config_from_dict({"run": {"shard_bytes": "big"}})


def test_out_of_range_value_is_named():
    with pytest.raises(ConfigError, match=r"run\.shard_files"):
        config_from_dict({"run": {"shard_files": 0}})


def test_stage_validation_is_named():
    with pytest.raises(ConfigError, match=r"stages\.normalize\.normal_form"):
        config_from_dict({"stages": {"normalize": {"normal_form": "NFX"}}})


def test_unknown_stage_in_the_order_is_named():
    with pytest.raises(ConfigError, match="unknown stage 'nosuch'"):
        config_from_dict({"run": {"stages": ["normalize", "nosuch"]}})


def test_digest_changes_with_settings_and_only_then():
    base = default_config().digest()
    assert config_from_dict({}).digest() == base
    assert config_from_dict({"stages": {"normalize": {"uncurl_quotes": True}}}).digest() != base


def test_invalid_toml_file_is_a_config_error(tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text("[run\nstages = 3")
    with pytest.raises(ConfigError, match="not valid TOML"):
        load_config(path)


def test_defaults_file_loads_back_to_the_defaults(tmp_path):
    path = tmp_path / "defaults.toml"
    path.write_text(defaults_toml())
    assert load_config(path) == default_config()


def test_checked_in_pipeline_toml_is_the_generated_defaults():
    """pipeline.toml documents the defaults; it must never drift from the code."""
    assert (REPO / "pipeline.toml").read_text() == defaults_toml()
