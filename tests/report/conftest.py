"""A corpus with every kind of finding for the report tests, and a headless Chromium to
look at its page (Debian's package, installed here when missing)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from pipeline.config import load_config
from pipeline.executor import LocalExecutor
from pipeline.runner import run
from tests.conftest import REPO, SEEDS

CHROMIUM = Path("/usr/bin/chromium")
# The flags headless Chromium needs on a machine without a network or a display, run as root.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--hide-scrollbars"]


def _install_chromium() -> str:
    """apt-get install chromium (refreshing the package lists once if that fails); returns
    why it could not be installed, or an empty string."""
    if shutil.which("apt-get") is None:
        return "no apt-get on this machine"
    command = ["apt-get", "install", "-y", "-q", "--no-install-recommends", "chromium"]
    environment = {"DEBIAN_FRONTEND": "noninteractive", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"}
    for attempt in range(2):
        done = subprocess.run(command, capture_output=True, text=True, env=environment)
        if done.returncode == 0 and CHROMIUM.exists():
            return ""
        if attempt == 0:
            subprocess.run(["apt-get", "update", "-q"], capture_output=True, env=environment)
    return f"apt-get install chromium failed: {done.stderr.strip()[-300:]}"


@pytest.fixture(scope="session")
def chromium() -> Path:
    if not CHROMIUM.exists():
        problem = _install_chromium()
        if problem:
            pytest.skip(f"headless Chromium is not available ({problem})")
    return CHROMIUM


@pytest.fixture(scope="session")
def sample_corpus(tmp_path_factory) -> Path:
    """The sample raw/ folder (every defect class) and the seed pages (seed 002 is spun
    throughout, so the report has spun spans to mark) through the default pipeline."""
    folder = tmp_path_factory.mktemp("report")
    shutil.copytree(REPO / "raw", folder / "raw")
    if SEEDS.is_dir():
        shutil.copytree(SEEDS, folder / "raw" / "seeds", ignore=shutil.ignore_patterns("*.md"))
    out = folder / "clean"
    run(folder / "raw", out, load_config(REPO / "pipeline.toml"), executor=LocalExecutor(1), progress=False)
    return out
