"""Wall time and peak memory of a command and every process it starts.

Memory is sampled, not taken from getrusage: a pool's workers are separate processes whose
peaks do not coincide, and the largest single resident set hides what the machine must hold.
Every `interval` seconds the command's process and all its descendants (psutil, recursively)
are read and their resident sets summed; the peak of that sum is `peak_rss_mb`. Pages shared
between a parent and its forked workers count once per process in RSS, so the proportional
set size (PSS: shared pages split between the processes that share them) is summed too, less
often because it is dearer to read. A process that lives shorter than one interval may be
missed.
"""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path

import psutil

INTERVAL = 0.2  # seconds between samples
PSS_EVERY = 5  # PSS is read on every fifth sample (it parses /proc/PID/smaps_rollup)


@dataclass(frozen=True)
class Measured:
    seconds: float
    peak_rss_mb: float
    peak_pss_mb: float
    peak_processes: int
    returncode: int
    load_average: float  # 1-minute load average when the command ended
    # Peak resident set of each process by its role (main, resource_tracker, worker-1, ...),
    # to show where the tree's memory goes; the peaks need not coincide.
    peak_by_role: dict[str, float] = field(default_factory=dict)
    at_peak_by_role: dict[str, float] = field(default_factory=dict)  # the sample of the tree's peak


def role(process: psutil.Process, root: psutil.Process, workers: dict[int, str]) -> str:
    """What a process of the tree is: the command itself, multiprocessing's resource tracker,
    or the n-th worker seen (numbered in order of appearance)."""
    if process.pid == root.pid:
        return "main"
    try:
        command = " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        command = ""
    if "resource_tracker" in command:
        return "resource_tracker"
    return workers.setdefault(process.pid, f"worker-{len(workers) + 1}")


def _tree(root: psutil.Process) -> list[psutil.Process]:
    try:
        return [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return []


def _sum_memory(processes: list[psutil.Process], with_pss: bool,
                by_process: dict[int, int] | None = None,
                sample: dict[int, int] | None = None) -> tuple[int, int]:
    rss = pss = 0
    for process in processes:
        try:
            if with_pss:
                full = process.memory_full_info()
                one, pss = full.rss, pss + full.pss
            else:
                one = process.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        rss += one
        if sample is not None:
            sample[process.pid] = one
        if by_process is not None:
            by_process[process.pid] = max(by_process.get(process.pid, 0), one)
    return rss, pss


def run_measured(command: list[str], log: Path, cwd: Path | None = None,
                 env: dict[str, str] | None = None) -> Measured:
    """Run `command` to the end, its output to `log`, sampling the memory of its process tree."""
    peak_rss = peak_pss = peak_processes = 0
    samples = 0
    by_process: dict[int, int] = {}
    roles: dict[int, str] = {}
    workers: dict[int, str] = {}
    at_peak: dict[int, int] = {}
    with open(log, "wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=cwd,
                                 env=env if env is not None else os.environ.copy())
        root = psutil.Process(child.pid)
        while child.poll() is None:
            processes = _tree(root)
            for process in processes:
                if process.pid not in roles:
                    roles[process.pid] = role(process, root, workers)
            sample: dict[int, int] = {}
            rss, pss = _sum_memory(processes, samples % PSS_EVERY == 0, by_process, sample)
            if rss > peak_rss:
                at_peak = sample
            peak_rss, peak_pss = max(peak_rss, rss), max(peak_pss, pss)
            peak_processes = max(peak_processes, len(processes))
            samples += 1
            time.sleep(INTERVAL)
        seconds = time.perf_counter() - started
    return Measured(seconds=seconds, peak_rss_mb=peak_rss / 1e6, peak_pss_mb=peak_pss / 1e6,
                    peak_processes=peak_processes, returncode=child.returncode,
                    load_average=os.getloadavg()[0],
                    peak_by_role={roles[pid]: peak / 1e6 for pid, peak in by_process.items()},
                    at_peak_by_role={roles[pid]: one / 1e6 for pid, one in at_peak.items()})
