"""Real pages and real article text for the HTML and quality benchmarks, none of it copied
into the project:

- the 75 Readability test pages in ../shared/data/html/readability/ (page.html with its
  expected.txt; see the README there);
- the real news pages and article texts that newspaper4k ships with its source package
  (tests/data/html/*.html and tests/data/txt/*.txt: English, Spanish, Arabic, Hindi,
  Chinese, Japanese, Korean, Thai, Burmese, Latvian, Bengali, Nepali, ...). The source
  package is fetched once from PyPI with pip into a cache folder
  ($CORPUS_BENCH_CACHE, default ~/.cache/corpus-pipeline-bench); no network, no pages.

The newspaper4k pages were not looked at while the extractors and quality rules were
tuned, so they tell tuning from generalising (BENCHMARKS.md).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
from dataclasses import dataclass
from pathlib import Path

READABILITY = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "html" / "readability"
NEWSPAPER_RELEASE = "newspaper4k==0.9.6"


@dataclass(frozen=True)
class LabelledPage:
    name: str
    html: str
    gold: str


def readability_pages(folder: Path = READABILITY) -> list[LabelledPage]:
    if not folder.is_dir():
        return []
    return [LabelledPage(page.name, (page / "page.html").read_text(encoding="utf-8"),
                         (page / "expected.txt").read_text(encoding="utf-8"))
            for page in sorted(folder.iterdir()) if (page / "expected.txt").is_file()]


def _cache() -> Path:
    return Path(os.environ.get("CORPUS_BENCH_CACHE", Path.home() / ".cache" / "corpus-pipeline-bench"))


def newspaper_data() -> Path | None:
    """newspaper4k's tests/data folder, unpacked from its source package (fetched with pip
    on first use), or None when pip cannot get it."""
    name, version = NEWSPAPER_RELEASE.split("==")
    target = _cache() / f"{name}-{version}"
    data = target / "tests" / "data"
    if data.is_dir():
        return data
    download = _cache() / "downloads"
    download.mkdir(parents=True, exist_ok=True)
    command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:",
               NEWSPAPER_RELEASE, "-d", str(download)]
    if subprocess.run(command, capture_output=True).returncode != 0:
        print(f"note: could not fetch {NEWSPAPER_RELEASE} with pip; its pages are skipped", file=sys.stderr)
        return None
    archive = next(download.glob(f"{name}-{version}.tar.gz"))
    with tarfile.open(archive) as bundle:
        members = [member for member in bundle.getmembers()
                   if member.isfile() and "/tests/data/" in member.name]
        bundle.extractall(_cache(), members=members, filter="data")
    return data if data.is_dir() else None


def newspaper_pages() -> list[LabelledPage]:
    """newspaper4k's test pages that have an expected text."""
    data = newspaper_data()
    if data is None:
        return []
    pages = []
    for text in sorted((data / "txt").glob("*.txt")):
        html = data / "html" / f"{text.stem}.html"
        if html.is_file():
            pages.append(LabelledPage(text.stem, html.read_bytes().decode("utf-8", "replace"),
                                      text.read_text(encoding="utf-8")))
    return pages


def newspaper_texts() -> dict[str, str]:
    """Every article text newspaper4k ships (tests/data/txt), by name."""
    data = newspaper_data()
    if data is None:
        return {}
    return {path.stem: path.read_text(encoding="utf-8") for path in sorted((data / "txt").glob("*.txt"))}
