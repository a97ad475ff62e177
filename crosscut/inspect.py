"""Show what the cleaner made of every line of a seed, and by which rule, before it is published.

    python -m crosscut.inspect [-C PROJECT] <essay slug | seed file name>

Each non-blank line of the raw text is printed with what it became: title, byline, date, outlet,
subtitle, a note, a heading, paragraph N (or a line joined onto it), a list item, or dropped with
its reason. The cleaner's doubts follow, each with the metadata that corrects it.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from .clean import Cleaned, clean_text
from .problems import Problems
from .seeds import RawEssay, read_essays

WIDTH = 72  # characters of each raw line shown


def line_fates(cleaned: Cleaned) -> dict[int, list[str]]:
    """What each source line became, in words, with the rule in brackets."""
    fates: dict[int, list[str]] = {}

    def say(line: int, text: str) -> None:
        fates.setdefault(line, []).append(text)

    for found in cleaned.found:
        for line in found.lines:
            say(line, f"{found.field}: {found.value[:40]} [{found.rule}]")
    for removed in cleaned.removed:
        if not any(removed.reason in fate for fate in fates.get(removed.line, [])):
            say(removed.line, f"dropped: {removed.reason}")
    for note in cleaned.notes:
        for line in note.lines or (note.line,):
            say(line, f"note ({note.kind})")
    number = 0
    for block in cleaned.blocks:
        if block.kind == "heading":
            what = f"heading [{block.rule}]"
        else:
            number += 1
            what = f"¶ {number}" + (f" list item {block.marker} [{block.rule}]" if block.kind == "item" else "")
        for index, line in enumerate(block.lines):
            if index == 0:
                say(line, what)
            elif line in block.joined:
                say(line, f"joined onto ¶ {number} across a break")
            else:
                say(line, f"¶ {number}, wrapped line")
    return fates


def inspection(raw: RawEssay, cleaned: Cleaned, root: Path) -> str:
    """The report: every line with its fate, a summary of the drops, then the doubts."""
    seed = raw.seed_path.relative_to(root).as_posix()
    fates = line_fates(cleaned)
    out = [f"{seed}: what each line became", ""]
    for number, text in enumerate(raw.text.splitlines(), 1):
        if not text.strip():
            continue
        shown = text.strip()
        shown = shown if len(shown) <= WIDTH else shown[:WIDTH - 1] + "…"
        out.append(f"{number:>5}  {shown}")
        for fate in fates.get(number, ["NOT ACCOUNTED FOR (a bug in the cleaner)"]):
            out.append(f"{'':>7}→ {fate}")
    paragraphs = sum(1 for b in cleaned.blocks if b.kind != "heading")
    headings = sum(1 for b in cleaned.blocks if b.kind == "heading")
    dropped = Counter(r.reason for r in cleaned.removed)
    out += ["", f"{paragraphs} paragraphs ({sum(1 for b in cleaned.blocks if b.kind == 'item')} of them list items), "
                f"{headings} headings, {len(cleaned.notes)} notes; "
                f"{sum(dropped.values())} lines dropped" + (": " + ", ".join(f"{n} {r}" for r, n in sorted(dropped.items()))
                                                            if dropped else "")]
    if cleaned.doubts:
        meta = raw.meta_path.relative_to(root).as_posix()
        out += ["", "Doubts:"] + [f"  {seed}:{d.line}: {d.message}\n    fix: set '{d.fix}' in {meta}" for d in cleaned.doubts]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    """Print the inspection of one essay; 0 on success, 2 when the essay cannot be found or read."""
    parser = argparse.ArgumentParser(prog="crosscut inspect", description=__doc__.split("\n\n")[0])
    parser.add_argument("-C", dest="project", type=Path, default=Path.cwd(), help="project folder (default: here)")
    parser.add_argument("essay", help="an essay's slug, or its seed's file name")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    root = args.project.resolve()
    problems = Problems(root)
    raws = read_essays(root, problems)
    wanted = Path(args.essay).name
    raw = next((r for r in raws if wanted in (r.meta.slug, r.meta.source, Path(r.meta.source).stem)), None)
    if raw is None:
        known = ", ".join(sorted(r.meta.slug for r in raws)) or "none"
        print(f"error: no essay '{args.essay}' in {root} (essays: {known})", file=sys.stderr)
        if problems.items:
            print(problems.report(), file=sys.stderr)
        return 2
    print(inspection(raw, clean_text(raw.text, raw.meta.overrides), root))
    return 0


if __name__ == "__main__":
    sys.exit(main())
