"""A pipeline that turns scraped web pages into a clean, deduplicated, explained corpus."""

__version__ = "0.1.0"
