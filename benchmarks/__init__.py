"""Benchmarks run by `make bench`; each `bench_*.py` module has a `main(argv)` and writes
its figures to stdout (and its section of BENCHMARKS.md is updated by hand from them)."""
