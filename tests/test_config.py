import hashlib
import json
from dataclasses import fields, replace

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


def test_rule_switch_disables_the_named_rules():
    config = config_from_dict({"stages": {"quality": {"disabled_rules": ["lorem_ipsum"]}}})
    assert config.stages["quality"].disabled_rules == ["lorem_ipsum"]
    assert config.deprecations == ()


def test_old_rule_switch_name_is_read_with_a_message_naming_the_new_key():
    config = config_from_dict({"stages": {"quality": {"skip_rules": ["lorem_ipsum"]}}})
    assert config.stages["quality"].disabled_rules == ["lorem_ipsum"]
    assert len(config.deprecations) == 1
    assert "stages.quality.skip_rules" in config.deprecations[0]
    assert "use stages.quality.disabled_rules" in config.deprecations[0]


def test_old_and_new_rule_switch_names_together_are_an_error():
    with pytest.raises(ConfigError, match=r"stages\.quality\.skip_rules: renamed to disabled_rules"):
        config_from_dict({"stages": {"quality": {"skip_rules": [], "disabled_rules": []}}})


@pytest.mark.parametrize("stage", ["quality", "boilerplate"])
def test_unknown_rule_in_the_rule_switch_is_named(stage):
    with pytest.raises(ConfigError, match=rf"stages\.{stage}\.disabled_rules: unknown rule 'no_such_rule'"):
        config_from_dict({"stages": {stage: {"disabled_rules": ["no_such_rule"]}}})


def test_every_stage_with_a_rule_switch_uses_the_one_name_and_names_its_rules():
    for name, settings in default_config().stages.items():
        switches = [f.name for f in fields(settings) if f.name.endswith("_rules")]
        assert switches in ([], ["disabled_rules"]), name
        assert bool(switches) == bool(settings.rule_names), name
        if switches:
            with pytest.raises(ConfigError, match="^disabled_rules: unknown rule 'no_such_rule'"):
                replace(settings, disabled_rules=["no_such_rule"]).validate()


def test_deprecations_are_not_part_of_the_configuration_digest():
    old = config_from_dict({"stages": {"quality": {"skip_rules": ["lorem_ipsum"]}}})
    new = config_from_dict({"stages": {"quality": {"disabled_rules": ["lorem_ipsum"]}}})
    assert old.digest() == new.digest()



def test_a_renamed_key_is_digested_under_its_old_name_so_existing_corpora_still_match():
    config = config_from_dict({"stages": {"quality": {"disabled_rules": ["lorem_ipsum"]}}})
    before_rename = config.to_dict()
    quality = before_rename["stages"]["quality"]
    quality["skip_rules"] = quality.pop("disabled_rules")
    for where_shards_run in ("executor", "scheduler"):  # added after; not part of the digest
        del before_rename["run"][where_shards_run]
    canonical = json.dumps(before_rename, sort_keys=True, ensure_ascii=False)
    assert config.digest() == hashlib.sha256(canonical.encode()).hexdigest()
    assert config.digest() != default_config().digest()
