"""HTML to text: kept as the import path the readers use; the extractors live in
pipeline/io/extract/."""

from pipeline.io.extract import (  # noqa: F401
    DEFAULT_EXTRACTOR,
    EXTRACTORS,
    FALLBACK_ORDER,
    Page,
    extract_main_content,
    extract_page,
    extract_plain,
    furniture_hint,
)
