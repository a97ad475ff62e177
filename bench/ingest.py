#!/usr/bin/env python3
"""How well the cleaner reads pages it was not written for: every text under tests/fixtures/ingest/ scored.

    python bench/ingest.py [--dev | --held-out] [--totals] [--only NAME] [--details] [--json FILE]

Each fixture is a raw text shaped like a real public page (its address is in the fixture's .yml)
and a hand-written answer: title, authors, affiliations, date, outlet ("not in text" where the
text does not say), the first and last body sentence, headings and list items. Each field is
scored as

    ok        the cleaner found what the answer says (or found nothing where the text says nothing)
    missing   the cleaner found nothing, so the build reports the field as unknown
    warned    the cleaner found something wrong and warned about that field
    SILENT    the cleaner found something wrong and said nothing: the case that must not happen

and the body as chrome paragraphs kept (blocks made only of lines outside the body), body words
lost (words of the body range missing from the cleaned blocks), and extra words (words in the
blocks that are not body). A third of the fixtures is held out from rule development and is
scored as its own half; `--totals` prints only each half's totals, so the held-out half can be
scored without showing which fixture failed where.
"""

from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscut.clean import clean_text  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "ingest"
FIELDS = ("title", "authors", "affiliations", "date", "outlet")
UNKNOWN = "not in text"
MARK = {"ok": "ok", "missing": "missing", "warned": "warned", "silent": "SILENT"}


@dataclass
class Score:
    name: str  # fixture name
    held_out: bool  # kept out of rule development
    fields: dict[str, str] = field(default_factory=dict)  # field -> ok / missing / warned / silent
    found: dict[str, str] = field(default_factory=dict)  # field -> what the cleaner found, for the details
    chrome_paragraphs: int = 0  # blocks made only of lines that are not body
    lost: int = 0  # body words not in any block
    extra: int = 0  # words in blocks that are not body words
    headings: tuple[int, int, int] = (0, 0, 0)  # expected headings found, expected missed, unexpected found
    items: tuple[int, int, int] = (0, 0, 0)  # the same for list items
    notes: list[str] = field(default_factory=list)  # what went wrong, in words


def words(text: str) -> list[str]:
    """Lower-case words of a text, without link targets or markup."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.findall(r"\w+", text.lower())


def key(text: str) -> str:
    return " ".join(words(text))


def warned_fields(cleaned) -> set[str]:
    """The fields the cleaner warned about (an author warning covers affiliations too)."""
    fields = {getattr(w, "field", "") for w in getattr(cleaned, "doubts", ())}
    return fields | ({"affiliations"} if "authors" in fields else set())


def judge(expected, found: str, warned: bool) -> str:
    """Score one text field: expected is the answer or "not in text"."""
    if expected == UNKNOWN:
        return "ok" if not found else ("warned" if warned else "silent")
    if not found:
        return "missing"
    return "ok" if key(str(expected)) == key(found) else ("warned" if warned else "silent")


def judge_authors(expected, authors, warned: set[str]) -> dict[str, str]:
    """Score the author names as a set, and each named author's affiliation."""
    names = sorted(key(a.name) for a in authors)
    if expected == UNKNOWN:
        extra = any(a.affiliation for a in authors)
        return {"authors": judge(UNKNOWN, " ".join(names), "authors" in warned),
                "affiliations": "ok" if not extra else ("warned" if "authors" in warned else "silent")}
    want = sorted(key(a["name"]) for a in expected)
    if not names:
        return {"authors": "missing", "affiliations": "missing"}
    result = {"authors": "ok" if names == want else ("warned" if "authors" in warned else "silent")}
    by_name = {key(a.name): key(a.affiliation) for a in authors}
    verdicts = []
    for entry in expected:
        got, aff = by_name.get(key(entry["name"])), entry.get("affiliation", UNKNOWN)
        if got is None:
            verdicts.append("missing")
        elif aff == UNKNOWN:
            verdicts.append("ok" if not got else "wrong")
        elif not got:
            verdicts.append("missing")
        else:
            verdicts.append("ok" if key(aff) in got or got in key(aff) else "wrong")
    if "wrong" in verdicts:
        result["affiliations"] = "warned" if "authors" in warned else "silent"
    else:
        result["affiliations"] = "missing" if "missing" in verdicts else "ok"
    return result


def locate(stream: list[tuple[str, int]], first: str, last: str) -> tuple[int, int]:
    """Token positions of the body: from the first sentence to the last one (the nearest pair)."""
    tokens = [t for t, _ in stream]
    head, tail = words(first)[:8], words(last)[-8:]
    # a sentence may be run into the word before it ("By Ruth AlderSanctions will …"), or after it
    starts = [i for i in range(len(tokens)) if tokens[i].endswith(head[0]) and tokens[i + 1:i + len(head)] == head[1:]]
    ends = [i + len(tail) - 1 for i in range(len(tokens))
            if tokens[i:i + len(tail) - 1] == tail[:-1] and tokens[i + len(tail) - 1:i + len(tail)][:1]
            and tokens[i + len(tail) - 1].startswith(tail[-1])]
    for end in ends:
        before = [s for s in starts if s <= end]
        if before:
            return before[-1], end
    raise SystemExit(f"fixture error: cannot find the first or last sentence ({first[:40]!r} … {last[-40:]!r})")


def compare_body(text: str, answer: dict, blocks) -> tuple[int, int, int, list[str]]:
    """Chrome paragraphs kept, body words lost, extra words, and what was lost or added."""
    lines = text.splitlines()
    not_body = {n for n, line in enumerate(lines, 1) if line.strip() and line.strip() in
                {s.strip() for s in answer.get("not_body", [])}}
    stream = [(w, n) for n, line in enumerate(lines, 1) for w in words(line)]
    start, end = locate(stream, answer["first"], answer["last"])
    # the body's first and last words may be run into chrome ("By Ruth AlderSanctions …"): only their own part is body
    stream[start] = (words(answer["first"])[0], stream[start][1])
    stream[end] = (words(answer["last"])[-1], stream[end][1])
    body_lines = range(stream[start][1], stream[end][1] + 1)
    heading_lines = {n for n, line in enumerate(lines, 1) if key(line) in {key(h) for h in answer.get("headings") or []}}
    expected = [w for w, n in stream[start:end + 1] if n not in not_body and n not in heading_lines]
    headings = {key(h) for h in answer.get("headings") or []}
    actual = [w for b in blocks if key(b.text) not in headings or b.kind != "heading" for w in words(f"{b.marker} {b.text}")]
    chrome = sum(1 for b in blocks if all(n not in body_lines or n in not_body for n in b.lines)
                 and not (b.kind == "heading" and key(b.text) in headings))
    lost, extra, notes = 0, 0, []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(a=expected, b=actual, autojunk=False).get_opcodes():
        if op == "equal" or "".join(expected[a1:a2]) == "".join(actual[b1:b2]):
            continue  # a word mended across a hyphen is the same words
        gone = Counter(expected[a1:a2]) - Counter(actual[b1:b2])
        added = Counter(actual[b1:b2]) - Counter(expected[a1:a2])
        lost, extra = lost + sum(gone.values()), extra + sum(added.values())
        if gone:
            notes.append(f"lost: {' '.join(expected[a1:a2])[:70]!r}")
        if added:
            notes.append(f"extra: {' '.join(actual[b1:b2])[:70]!r}")
    return chrome, lost, extra, notes


def compare_list(expected: list[str], found: list[str]) -> tuple[int, int, int]:
    want, got = Counter(key(e) for e in expected), Counter(key(f) for f in found)
    hit = sum((want & got).values())
    return hit, sum(want.values()) - hit, sum(got.values()) - hit


def score(path: Path) -> Score:
    """Clean one fixture and score it against its answer."""
    answer = yaml.safe_load(path.with_suffix(".yml").read_text(encoding="utf-8"))
    text = path.read_text(encoding="utf-8")
    cleaned = clean_text(text)
    warned = warned_fields(cleaned)
    result = Score(path.stem, bool(answer.get("held_out")))
    for name in ("title", "date", "outlet"):
        result.fields[name] = judge(answer[name], getattr(cleaned, name), name in warned)
        result.found[name] = getattr(cleaned, name)
    result.fields.update(judge_authors(answer["authors"], cleaned.authors, warned))
    result.found["authors"] = "; ".join(f"{a.name} ({a.affiliation})" if a.affiliation else a.name for a in cleaned.authors)
    result.found["affiliations"] = result.found["authors"]
    blocks = cleaned.blocks
    result.chrome_paragraphs, result.lost, result.extra, result.notes = compare_body(text, answer, blocks)
    result.headings = compare_list(answer.get("headings") or [], [b.text for b in blocks if b.kind == "heading"])
    result.items = compare_list(answer.get("items") or [], [b.text for b in blocks if b.kind == "item"])
    for name in FIELDS:
        if result.fields[name] in ("warned", "silent"):
            want = answer["authors"] if name in ("authors", "affiliations") else answer[name]
            result.notes.insert(0, f"{name} {result.fields[name]}: found {result.found[name]!r}, answer {want!r}")
    return result


def table(scores: list[Score], title: str, totals_only: bool = False) -> str:
    """One row per fixture (unless only the totals are asked for), then the totals of the half."""
    rows = [f"### {title} ({len(scores)} fixtures)", "",
            "| fixture | " + " | ".join(FIELDS) + " | chrome ¶ | lost | extra | headings | items |",
            "|---|" + "---|" * len(FIELDS) + "---:|---:|---:|---|---|"]
    for s in [] if totals_only else scores:
        rows.append(f"| {s.name} | " + " | ".join(MARK[s.fields[f]] for f in FIELDS) +
                    f" | {s.chrome_paragraphs} | {s.lost} | {s.extra} | {fraction(s.headings)} | {fraction(s.items)} |")
    counts = {f: Counter(s.fields[f] for s in scores) for f in FIELDS}
    rows.append("| **total** | " + " | ".join(summary(counts[f]) for f in FIELDS) +
                f" | {sum(s.chrome_paragraphs for s in scores)} | {sum(s.lost for s in scores)} | "
                f"{sum(s.extra for s in scores)} | {fraction(tuple(map(sum, zip(*[s.headings for s in scores]))))} | "
                f"{fraction(tuple(map(sum, zip(*[s.items for s in scores]))))} |")
    all_fields = Counter(v for s in scores for v in s.fields.values())
    rows += ["", f"Fields: {all_fields['ok']} ok, {all_fields['missing']} missing (reported), "
                 f"{all_fields['warned']} wrong but warned, {all_fields['silent']} wrong and silent, "
                 f"of {len(scores) * len(FIELDS)}. Fixtures with no body word lost: "
                 f"{sum(1 for s in scores if not s.lost)}/{len(scores)}; with no chrome paragraph: "
                 f"{sum(1 for s in scores if not s.chrome_paragraphs)}/{len(scores)}."]
    return "\n".join(rows)


def fraction(counts: tuple[int, int, int]) -> str:
    """Headings or items as found/expected, with unexpected ones after a plus sign."""
    hit, missed, extra = counts if counts else (0, 0, 0)
    if not (hit or missed or extra):
        return ""
    return f"{hit}/{hit + missed}" + (f" +{extra}" if extra else "")


def summary(counter: Counter) -> str:
    parts = [f"{counter[k]} {MARK[k]}" for k in ("ok", "missing", "warned", "silent") if counter[k]]
    return ", ".join(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    half = parser.add_mutually_exclusive_group()
    half.add_argument("--dev", action="store_true", help="only the fixtures used while developing rules")
    half.add_argument("--held-out", action="store_true", help="only the held-out fixtures")
    parser.add_argument("--only", help="one fixture by name")
    parser.add_argument("--totals", action="store_true", help="only each half's totals, no row per fixture")
    parser.add_argument("--details", action="store_true", help="say what went wrong in each fixture")
    parser.add_argument("--json", type=Path, help="also write every score as JSON")
    args = parser.parse_args(argv)
    paths = sorted(FIXTURES.glob("*.txt"))
    if args.only:
        paths = [p for p in paths if p.stem == args.only]
    scores = [score(p) for p in paths]
    halves = [("Development half", [s for s in scores if not s.held_out]),
              ("Held-out half", [s for s in scores if s.held_out])]
    if args.dev:
        halves = halves[:1]
    elif args.held_out:
        halves = halves[1:]
    for title, group in halves:
        if not group:
            continue
        print(table(group, title, args.totals), end="\n\n")
        if args.details and not args.totals:
            for s in group:
                for note in s.notes:
                    print(f"- {s.name}: {note}")
            print()
    if args.json:
        args.json.write_text(json.dumps([asdict(s) for s in scores], indent=2, ensure_ascii=False), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
