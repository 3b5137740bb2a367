"""Pure detectors of the spam stage: each takes text (and vocabularies) and returns spans.

The stage (`pipeline.stages.spam`) merges the spans and applies them as recorded edits;
nothing here edits a document or opens a file other than the package's data files.
"""

from pipeline.stages.spam_rules.spans import SpamSpan

__all__ = ["SpamSpan"]
