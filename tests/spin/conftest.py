"""The spin resources, loaded once for the tests of the pure signals."""

from __future__ import annotations

import pytest

from pipeline.spin.lookup import SpinResources
from pipeline.stages.spin import load_resources


@pytest.fixture(scope="session")
def resources() -> SpinResources:
    return load_resources()
