"""Where the default pipeline spends its time: py-spy samples the CLI and its workers on a
generated corpus, and the samples are summed by stage and by function.

    python -m benchmarks.profile_pipeline [--docs 5000] [--workers 2] [--rate 50] [--stages ...]

Each sample is one stack of one busy process (py-spy leaves threads waiting on I/O or locks
out), so samples / rate is busy seconds: CPU seconds on a quiet machine, more when other jobs
keep a runnable process off the CPU, which inflates every stage alike; the shares are the
figure to read. A sample belongs to the stage whose module
(pipeline/stages/NAME.py) is the outermost stage frame on its stack, whatever library code it
is in at the time; the rest is split into reading and writing (pipeline/io), the runner,
the worker loop and start-up. Per function, *self* is the time in the function's own code
(the innermost frame); *total* includes what it calls.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.bench_runner import corpus

REPO = Path(__file__).resolve().parent.parent
_FRAME = re.compile(r"^(?P<function>.*) \((?P<file>[^()]*?)(?::(?P<line>\d+))?\)$")
_STAGE_FILE = re.compile(r"pipeline/stages/(?P<stage>\w+)\.py$")


def record(source: Path, output: Path, profile: Path, workers: int, rate: int, config: Path | None) -> None:
    # py-spy is a binary installed beside the interpreter (the bench extra), not a module.
    py_spy = shutil.which("py-spy", path=str(Path(sys.executable).parent)) or "py-spy"
    command = [py_spy, "record", "--subprocesses", "--format", "raw",
               "--rate", str(rate), "--output", str(profile), "--",
               sys.executable, "-m", "pipeline", "run", "--input", str(source), "--output", str(output),
               "--workers", str(workers), "--quiet"]
    if config:
        command += ["--config", str(config)]
    subprocess.run(command, check=True, cwd=REPO, capture_output=True)


def parse(profile: Path) -> list[tuple[list[tuple[str, str]], int]]:
    """(frames outermost first as (function, file), samples) per distinct stack."""
    stacks = []
    for line in profile.read_text(encoding="utf-8", errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if not stack or not count.isdigit():
            continue
        frames = []
        for frame in stack.split(";")[1:]:  # the first element names the process
            match = _FRAME.match(frame)
            frames.append((match["function"], match["file"]) if match else (frame, ""))
        stacks.append((frames, int(count)))
    return stacks


# Frames that only carry the call down to the work (entry points, the pool, progress bars).
_WRAPPERS = re.compile(r"runpy|pipeline/(cli|runner|executor|__main__)\.py|tqdm/|threading\.py|"
                       r"multiprocessing/|concurrent/futures/|run_segment|_run_stages")


def stage_frame(frames: list[tuple[str, str]]) -> int | None:
    """Index of the outermost frame in a stage module, or None."""
    for index, (_function, file) in enumerate(frames):
        stage = _STAGE_FILE.search(file)
        if stage and stage["stage"] not in ("base", "__init__"):
            return index
    return None


def bucket(frames: list[tuple[str, str]]) -> str:
    index = stage_frame(frames)
    if index is not None:
        return _STAGE_FILE.search(frames[index][1])["stage"]
    files = [file for _function, file in frames]
    if any("pipeline/io/" in file for file in files):
        return "(io: read, decode, write)"
    if any(file.endswith("pipeline/worker.py") for file in files):
        return "(worker loop)"
    if any(file.endswith("pipeline/runner.py") for file in files):
        return "(runner)"
    return "(start-up, imports, other)"


def summarise(stacks, rate: int, top: int = 8) -> str:
    by_stage: Counter[str] = Counter()
    self_time: dict[str, Counter[str]] = defaultdict(Counter)
    total_time: dict[str, Counter[str]] = defaultdict(Counter)
    for frames, count in stacks:
        stage = bucket(frames)
        by_stage[stage] += count
        if frames:
            function, file = frames[-1]
            self_time[stage][f"{function} ({_short(file)})"] += count
        index = stage_frame(frames)
        below = frames[index + 1:] if index is not None else frames
        for function, file in {(f, _short(p)) for f, p in below if not _WRAPPERS.search(f"{f} {p}")}:
            total_time[stage][f"{function} ({file})"] += count
    all_samples = sum(by_stage.values())
    lines = [f"{all_samples / rate:,.1f} busy seconds sampled ({all_samples:,} samples at {rate}/s)", "",
             "| stage | busy s | share | top functions, self time (share of the stage) |",
             "| --- | ---: | ---: | --- |"]
    for stage, count in by_stage.most_common():
        functions = "; ".join(f"{name} {n / count:.0%}" for name, n in self_time[stage].most_common(4))
        lines.append(f"| {stage} | {count / rate:,.1f} | {count / all_samples:.1%} | {functions} |")
    lines += ["", "Inclusive time of the heaviest functions in the largest stages (share of the stage):", ""]
    for stage, count in by_stage.most_common(top):
        heavy = total_time[stage].most_common(6)
        lines.append(f"- {stage}: " + "; ".join(f"{name} {n / count:.0%}" for name, n in heavy))
    return "\n".join(lines)


def _short(file: str) -> str:
    for marker in ("site-packages/", "lib/python3"):
        if marker in file:
            return file.split(marker, 1)[1]
    return file


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile_pipeline")
    parser.add_argument("--docs", type=int, default=5_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rate", type=int, default=50, help="samples per second per process")
    parser.add_argument("--stages", nargs="+", default=None, help="stage list (default: the default one)")
    parser.add_argument("--keep", type=Path, default=None, help="also save the raw py-spy stacks here")
    args = parser.parse_args(argv)
    source = corpus(args.docs)
    with tempfile.TemporaryDirectory() as scratch:
        config = None
        if args.stages:
            config = Path(scratch) / "stages.toml"
            config.write_text("[run]\nstages = [" + ", ".join(f'"{s}"' for s in args.stages) + "]\n")
        profile = args.keep or Path(scratch) / "profile.txt"
        record(source, Path(scratch) / "clean", profile, args.workers, args.rate, config)
        print(f"{args.stages or 'default pipeline'}, {args.docs:,} documents (`scripts/make_corpus.py --docs "
              f"{args.docs} --seed 11 --formats jsonl`), {args.workers} workers, py-spy at {args.rate} Hz")
        print(summarise(parse(profile), args.rate))


if __name__ == "__main__":
    main(sys.argv[1:])
