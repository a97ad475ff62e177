"""Time whole processes from outside: wall time, peak memory (os.wait4), and crosscut's own stage times."""

from __future__ import annotations

import os
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

# How `build.py --verbose` names its stages, shortened for the tables; a stage not listed keeps its words.
STAGES = {"reading": "read", "cleaning": "clean", "resolving": "analyse", "rendering": "render",
          "indexing": "index", "wrote": "swap"}
STAGE_LINE = re.compile(r"^· (.+) \((\d+(?:\.\d+)?)s\)$", re.M)


@dataclass(frozen=True)
class Run:
    seconds: float  # wall time of the whole command, process start to exit
    cpu: float  # user + system seconds of the command and every process it waited for
    load: float  # the machine's one-minute load average when it started (other work competing for the cores)
    peak: int  # largest max RSS of the command or any process it waited for, in bytes
    code: int  # exit code
    stages: dict[str, float] = field(default_factory=dict)  # crosscut's stage times from --verbose
    output: str = ""  # what it printed to stderr (the end of it)


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run a command to its end and measure it; stdout is discarded, stderr kept for the stage times."""
    with tempfile.TemporaryFile() as err:
        load = os.getloadavg()[0]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.DEVNULL, stderr=err)
        # wait4 reports the rusage of the child together with every child it waited for, so a
        # build's peak includes the Pagefind process it ran.
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        output = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    return Run(seconds, cpu, load, usage.ru_maxrss * 1024, code, stage_times(output), output[-4000:])


def shell(script: str) -> list[str]:
    """A command running `script` in sh, so a build and the deletion of its output are timed as one."""
    return ["sh", "-c", script]


def stage_times(output: str) -> dict[str, float]:
    """Seconds per stage from the `· stage (1.23s)` lines of `build.py --verbose`."""
    stages: dict[str, float] = {}
    for message, seconds in STAGE_LINE.findall(output):
        name = STAGES.get(message.split()[0], message)
        stages[name] = stages.get(name, 0.0) + float(seconds)
    return stages


def paired(a: Callable[[], Run], b: Callable[[], Run] | None, runs: int, warm_up: bool) -> tuple[list[Run], list[Run]]:
    """Run A B A B … `runs` times (after one unrecorded A B when warming up); fail loudly on a failed run."""
    first, second = [], []
    for number in range(runs + warm_up):
        results = [checked(a())] + ([checked(b())] if b else [])
        if number >= warm_up:
            first.append(results[0])
            second.extend(results[1:])
    return first, second


def checked(result: Run) -> Run:
    if result.code != 0:
        raise SystemExit(f"a measured command failed (exit {result.code}):\n{result.output}")
    return result


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def ratios(a: list[Run], b: list[Run]) -> list[float]:
    """A's time over B's, pair by pair."""
    return [x.seconds / y.seconds for x, y in zip(a, b)]


def stage_medians(results: list[Run]) -> dict[str, float]:
    """Median seconds per stage, plus "start-up": the time outside every stage (interpreter, imports, rm)."""
    names = list(dict.fromkeys(name for r in results for name in r.stages))
    table = {name: median([r.stages.get(name, 0.0) for r in results]) for name in names}
    table["start-up"] = median([r.seconds - sum(r.stages.values()) for r in results])
    return table
