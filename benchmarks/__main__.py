"""`python -m benchmarks [NAME ...]`: run every benchmark module, or the named ones."""

from __future__ import annotations

import importlib
import pkgutil
import sys

import benchmarks


def main(argv: list[str]) -> int:
    available = sorted(
        module.name.removeprefix("bench_")
        for module in pkgutil.iter_modules(benchmarks.__path__)
        if module.name.startswith("bench_")
    )
    # `python -m benchmarks NAME [NAME ...] [--options for a single benchmark]`
    split = next((i for i, arg in enumerate(argv) if arg.startswith("-")), len(argv))
    chosen, options = argv[:split] or available, argv[split:]
    if options and len(chosen) != 1:
        print("options go with exactly one benchmark name", file=sys.stderr)
        return 2
    unknown = [name for name in chosen if name not in available]
    if unknown:
        print(f"unknown benchmark {unknown[0]!r} (available: {', '.join(available)})", file=sys.stderr)
        return 2
    for name in chosen:
        print(f"== benchmark: {name}", flush=True)
        module = importlib.import_module(f"benchmarks.bench_{name}")
        module.main(options)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
