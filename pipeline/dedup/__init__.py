"""Deduplication as explicit steps sharing one config (`pipeline.dedup.config.DedupConfig`):

normalize (exact key) -> shingles (word n-grams) and frames (spin-robust) -> signatures
(MinHash) -> lsh (banded candidates, verified) -> clusters (union-find) -> survivors
(deterministic policy) -> index (persisted between runs). The stage that runs them is
`pipeline.stages.dedup.Deduplicator`.
"""
