"""Hypothesis profiles of the reliability tests: `make test` runs a bounded, derandomised
number of examples (fast, reproducible in CI); `pytest tests/reliability
--hypothesis-profile=deep` (`make test-deep`) runs many more random ones, for a long search
before a release."""

from hypothesis import HealthCheck, settings

# What every property test of this folder allows: its inputs are large on purpose and some
# examples run a whole pipeline, so no per-example deadline (the time budget and the
# explicit checks catch hangs) and no complaints about slow or large data generation.
_COMMON = {
    "deadline": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.large_base_example,
    ],
}
settings.register_profile("deep", max_examples=1000, **_COMMON)


def deep() -> bool:
    return settings.get_current_profile_name() == "deep"


def examples(count: int) -> settings:
    """Settings for a property test that runs `count` examples in `make test`, 25 times as
    many (and random ones) in the deep profile."""
    if deep():
        return settings(max_examples=count * 25, derandomize=False, **_COMMON)
    return settings(max_examples=count, derandomize=True, database=None, **_COMMON)
