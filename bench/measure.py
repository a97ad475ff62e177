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
    stage_cpu: dict[str, float] = field(default_factory=dict)  # CPU seconds per stage; the first includes start-up
    output: str = ""  # what it printed to stderr (the end of it)


def run(command: list[str], cwd: Path) -> Run:
    """Run a command to its end and measure it; stdout is discarded, stderr kept for the stage times.

    While it runs, each `· stage (…s)` line it prints is stamped with the CPU time the process has
    used so far, which splits its CPU time by stage (wall times on a shared machine stretch, CPU
    times much less)."""
    with tempfile.TemporaryFile() as err:
        load = os.getloadavg()[0]
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=err)
        marks: list[float] = []  # CPU time of the process when each stage line had appeared
        while True:
            # wait4 reports the rusage of the child together with every child it waited for, so a
            # build's peak includes the Pagefind process it ran.
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            cpu_now = cpu_time(process.pid)
            lines = len(STAGE_LINE.findall(os.pread(err.fileno(), 1 << 20, 0).decode("utf-8", "replace")))
            marks += [cpu_now] * (lines - len(marks))
            time.sleep(POLL)
        seconds = time.perf_counter() - start
        process.returncode = code = os.waitstatus_to_exitcode(status)
        err.seek(0)
        output = err.read().decode("utf-8", "replace")
    cpu = usage.ru_utime + usage.ru_stime
    stages = stage_times(output)
    marks += [cpu] * (len(stages_in(output)) - len(marks))  # lines printed in the last moments
    return Run(seconds, cpu, load, usage.ru_maxrss * 1024, code, stages, split_cpu(output, marks), output[-4000:])


POLL = 0.02  # seconds between looks at a running command


def cpu_time(pid: int) -> float:
    """User + system seconds of a running process and the children it has waited for (Linux /proc)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return sum(int(f) for f in fields[11:15]) / os.sysconf("SC_CLK_TCK")  # utime stime cutime cstime


def stages_in(output: str) -> list[str]:
    """The short names of the stages `build.py --verbose` reported, in order."""
    return [STAGES.get(message.split()[0], message) for message, _ in STAGE_LINE.findall(output)]


def split_cpu(output: str, marks: list[float]) -> dict[str, float]:
    """CPU seconds per stage from the CPU time stamped on each stage line (the first stage includes start-up)."""
    split: dict[str, float] = {}
    for name, before, after in zip(stages_in(output), [0.0] + marks, marks):
        split[name] = split.get(name, 0.0) + after - before
    return split


def shell(script: str) -> list[str]:
    """A command running `script` in sh, so a build and the deletion of its output are timed as one."""
    return ["sh", "-c", script]


def stage_times(output: str) -> dict[str, float]:
    """Seconds per stage from the `· stage (1.23s)` lines of `build.py --verbose`."""
    stages: dict[str, float] = {}
    for name, (_, seconds) in zip(stages_in(output), STAGE_LINE.findall(output)):
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
    """Median wall seconds per stage, plus "start-up": the time outside every stage (interpreter, imports, rm)."""
    names = list(dict.fromkeys(name for r in results for name in r.stages))
    table = {name: median([r.stages.get(name, 0.0) for r in results]) for name in names}
    table["start-up"] = median([r.seconds - sum(r.stages.values()) for r in results])
    return table


def stage_cpu_medians(results: list[Run]) -> dict[str, float]:
    """Median CPU seconds per stage (the first stage holds the start-up's too)."""
    names = list(dict.fromkeys(name for r in results for name in r.stage_cpu))
    return {name: median([r.stage_cpu.get(name, 0.0) for r in results]) for name in names}
