import subprocess
import sys

import pytest

from pipeline.dedup.config import DedupConfig
from pipeline.errors import ConfigError
from pipeline.stages.dedup import Deduplicator


def test_dedup_steps_import_without_the_stages():
    """The steps read their config from below them: no import circle through the stage."""
    code = ("import sys, pipeline.dedup.config, pipeline.dedup.fingerprint, pipeline.dedup.resolve; "
            "print(sorted(name for name in sys.modules if name.startswith('pipeline.stages')))")
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_stage_reads_the_config_of_its_steps():
    assert Deduplicator.Config is DedupConfig


def test_minimum_counts_below_one_are_rejected_naming_the_key():
    with pytest.raises(ConfigError, match="^min_frame_shingles:"):
        DedupConfig(min_frame_shingles=0).validate()
    with pytest.raises(ConfigError, match="^aligned_sample:"):
        DedupConfig(aligned_sample=0).validate()


def test_shares_and_levels_outside_zero_to_one_are_rejected_naming_the_key():
    with pytest.raises(ConfigError, match="^chance_agreement:"):
        DedupConfig(chance_agreement=1.5).validate()
    with pytest.raises(ConfigError, match="^agreement_evidence:"):
        DedupConfig(agreement_evidence=0.0).validate()
