"""The passage lock: what every cited paragraph said, so a changed or moved paragraph is never silent.

`content/passages.lock` is written by the build and committed with the content. It records

- for every paragraph that curated content cites (themes, pages, glossary, timeline, claims),
  its text as it read when the citation was made or last accepted ("cited"), keyed by the
  reference as written ("wallander-2003#p12");
- for every essay, a fingerprint of each paragraph in order ("paragraphs"), so that published
  ¶ numbers that shift are listed even when no curated page cites them;
- the renumberings a maintainer accepted ("renumbered"), which the essay page shows.

On each build the written references are compared with the lock, in this order:
1. the paragraph still reads as recorded: nothing to say;
2. its text now stands, unchanged, under another number: the reference follows it, with a warning
   naming the new number (the fix is to write that number);
3. it was split in two, or is gone: an error, since no paragraph can stand in for it;
4. it was reworded in place (or moved and reworded, when the most similar paragraph is clear):
   a warning with the old and the new words; `--accept-passages` records the new text.
The lock never changes what a reference means on its own: it only gains new references, drops
ones no longer written, and takes new text when a maintainer accepts it.
"""

from __future__ import annotations

import difflib
import hashlib
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

import yaml

from .problems import Problems
from .refs import Ref
from .yamlfile import read_yaml

LOCK_FILE = "content/passages.lock"
SIMILAR = 0.6  # share of words two versions of a paragraph keep in common to count as the same passage
NEARBY = 8  # how far (in paragraphs) a reworded passage is looked for around its old place
FOLD = str.maketrans("“”‘’–—\u00a0", "\"\"''-- ")


@dataclass(frozen=True)
class Citing:
    """One written reference to paragraphs of an essay."""

    path: str  # file that holds the reference, relative to the project root
    line: int | None  # its line in that file
    slug: str  # essay slug
    first: int  # first paragraph as written
    last: int  # last paragraph as written (= first for one)


@dataclass(frozen=True)
class Lock:
    cited: dict[str, str] = field(default_factory=dict)  # "slug#pN" -> the text the reference was made to
    paragraphs: dict[str, tuple[str, ...]] = field(default_factory=dict)  # essay slug -> fingerprint of each ¶
    renumbered: dict[str, tuple[str, ...]] = field(default_factory=dict)  # essay slug -> accepted renumberings


@dataclass(frozen=True)
class Checked:
    moves: dict[tuple[str, int], int]  # (essay, ¶ as written) -> ¶ its text is now under
    lock: Lock  # what to write after a successful build
    changed: bool  # the lock on disk differs from `lock`


def fingerprint(text: str) -> str:
    """A short, stable digest of a paragraph's words (spacing and quote styles do not count)."""
    norm = " ".join(text.translate(FOLD).split())
    return hashlib.sha1(norm.encode("utf-8")).hexdigest()[:10]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.translate(FOLD).lower())


def similarity(a: str, b: str) -> float:
    """How much of two texts' wording is shared, 0..1."""
    return difflib.SequenceMatcher(None, words(a), words(b), autojunk=False).ratio()


# ---------------------------------------------------------------- checking


@dataclass(frozen=True)
class Verdict:
    kind: str  # new, same, unknown, moved, merged, split, gone, ambiguous, changed or moved-changed
    where: int  # the paragraph the reference now means (for split: the first of the two)
    old: str = ""  # the text the reference was made to, when the lock has it
    candidates: tuple[int, ...] = ()  # for ambiguous: the paragraphs that read like it

    @property
    def follows(self) -> bool:
        """The reference should point where its text now stands."""
        return self.kind in ("moved", "merged", "moved-changed")


def check_passages(lock: Lock, texts: dict[str, tuple[str, ...]], citing: list[Citing], problems: Problems,
                   accept: bool = False) -> Checked:
    """Compare written references and essays with the lock; report drift; return moves and the next lock."""
    moves: dict[tuple[str, int], int] = {}
    verdicts: dict[tuple[str, int], Verdict] = {}  # one per written paragraph, reported at every reference to it
    for ref in citing:
        paragraphs = texts.get(ref.slug)
        if paragraphs is None:
            continue  # an unknown essay is reported by the reference check
        targets = []
        for n in range(ref.first, ref.last + 1):
            if (ref.slug, n) not in verdicts:
                verdicts[(ref.slug, n)] = judge(lock.cited.get(f"{ref.slug}#p{n}"), paragraphs, n)
            targets.append((n, verdicts[(ref.slug, n)]))
        for n, verdict in targets:
            report(ref, n, verdict, paragraphs, problems, accept)
        moved = {n: v.where for n, v in targets if v.follows}
        new = [moved.get(n, n) for n in range(ref.first, ref.last + 1)]
        if moved and new != list(range(new[0], new[0] + len(new))):
            # a range follows only when all of it moved together, to a run of paragraphs
            problems.error(ref.path, ref.line, f"'{ref.slug}#p{ref.first}-{ref.last}': the paragraphs of this range "
                           "no longer stand together", "cite the paragraphs one by one, as the essay now numbers them")
            continue
        moves.update(((ref.slug, n), m) for n, m in moved.items())
    cited = {}
    for (slug, n), verdict in verdicts.items():
        if verdict.kind == "new":
            cited[f"{slug}#p{n}"] = texts[slug][n - 1]
        elif verdict.kind in ("changed", "moved-changed", "merged") and accept:
            cited[f"{slug}#p{n}"] = texts[slug][verdict.where - 1]
        elif verdict.old:
            cited[f"{slug}#p{n}"] = verdict.old  # kept until a maintainer accepts it or rewrites the reference
    paragraphs, renumbered = renumber(lock, texts, problems, accept)
    new_lock = Lock(dict(sorted(cited.items(), key=lambda kv: sort_key(kv[0]))), paragraphs, renumbered)
    return Checked(moves, new_lock, new_lock != lock)


def follow(ref: Ref, moves: dict[tuple[str, int], int]) -> Ref:
    """The reference as it now points: at the paragraphs its text moved to."""
    if ref.kind != "essay" or ref.first is None or not moves:
        return ref
    first, last = moves.get((ref.slug, ref.first), ref.first), moves.get((ref.slug, ref.last), ref.last)
    return ref if (first, last) == (ref.first, ref.last) else replace(ref, first=first, last=last)


def renumber(lock: Lock, texts: dict[str, tuple[str, ...]], problems: Problems,
             accept: bool) -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """List published ¶ numbers that now mean other paragraphs; record them only when accepted."""
    paragraphs = {slug: marks for slug, marks in lock.paragraphs.items() if slug in texts}
    renumbered = {slug: notes for slug, notes in lock.renumbered.items() if slug in texts}
    for slug, current in sorted(texts.items()):
        now = tuple(fingerprint(t) for t in current)
        shifts = shifted(paragraphs[slug], now) if slug in paragraphs else []
        if shifts and not accept:
            problems.warn(LOCK_FILE, None, f"published ¶ numbers of '{slug}' changed: " + "; ".join(shifts),
                          "links to the old numbers (syllabi, other sites) now land elsewhere; after checking, run "
                          "the build with --accept-passages to record this (the essay page then lists the change)")
            continue
        if shifts:
            renumbered[slug] = renumbered.get(slug, ()) + ("; ".join(shifts),)
        paragraphs[slug] = now
    return dict(sorted(paragraphs.items())), dict(sorted(renumbered.items()))


def shifted(before: tuple[str, ...], now: tuple[str, ...]) -> list[str]:
    """Runs of paragraphs whose number changed though their text did not: "¶¶ 12–33 are now ¶¶ 13–34"."""
    found = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, before, now, autojunk=False).get_opcodes():
        if tag == "equal" and i1 != j1:
            found.append(f"{span(i1 + 1, i2)} {'is' if i2 - i1 == 1 else 'are'} now {span(j1 + 1, j2)}")
        elif tag == "delete":
            found.append(f"{span(i1 + 1, i2)} {'was' if i2 - i1 == 1 else 'were'} removed")
    return found


def span(first: int, last: int) -> str:
    return f"¶ {first}" if first == last else f"¶¶ {first}–{last}"


def sort_key(key: str) -> tuple[str, int]:
    slug, _, n = key.partition("#p")
    return slug, int(n)


def judge(old: str | None, paragraphs: tuple[str, ...], n: int) -> Verdict:
    """What became of the paragraph a reference was made to."""
    here = paragraphs[n - 1] if 1 <= n <= len(paragraphs) else None
    if old is None:
        return Verdict("new" if here is not None else "unknown", n)
    mark = fingerprint(old)
    if here is not None and fingerprint(here) == mark:
        return Verdict("same", n, old)
    exact = [m for m, text in enumerate(paragraphs, 1) if fingerprint(text) == mark]
    if len(exact) == 1:
        return Verdict("moved", exact[0], old)
    if exact:
        return Verdict("ambiguous", n, old, tuple(exact))
    for m in range(1, len(paragraphs)):
        if fingerprint(paragraphs[m - 1] + " " + paragraphs[m]) == mark:
            return Verdict("split", m, old)
    folded = " ".join(old.translate(FOLD).split())
    holders = [m for m, text in enumerate(paragraphs, 1) if folded in " ".join(text.translate(FOLD).split())]
    if len(holders) == 1:
        return Verdict("merged", holders[0], old)
    window = range(max(1, n - NEARBY), min(len(paragraphs), n + NEARBY) + 1)
    scored = sorted(((similarity(old, paragraphs[m - 1]), -abs(m - n), m) for m in window), reverse=True)
    if not scored or scored[0][0] < SIMILAR:
        return Verdict("gone", n, old)
    best = scored[0][2]
    if best != n and len(scored) > 1 and scored[1][0] >= scored[0][0] - 0.05:
        return Verdict("ambiguous", n, old, (best, scored[1][2]))
    return Verdict("changed" if best == n else "moved-changed", best, old)


def report(ref: Citing, n: int, verdict: Verdict, paragraphs: tuple[str, ...], problems: Problems, accept: bool) -> None:
    """Say what became of one cited paragraph, at the reference that cites it."""
    written, where = f"'{ref.slug}#p{n}'", verdict.where
    if verdict.kind == "moved":
        problems.warn(ref.path, ref.line, f"{written} now cites ¶ {where}: the paragraph it was made to moved, "
                      "its text unchanged", f"write #p{where} in this reference")
    elif verdict.kind == "merged":
        problems.warn(ref.path, ref.line, f"{written} now cites ¶ {where}: the paragraph it was made to was joined "
                      "with its neighbour", f"write #p{where} in this reference, and check that it still says what you cite")
    elif verdict.kind == "split":
        problems.error(ref.path, ref.line, f"{written}: the paragraph it was made to is now split into ¶ {where} "
                       f"and ¶ {where + 1}", f"cite #p{where}, #p{where + 1} or the range #p{where}-{where + 1}")
    elif verdict.kind == "gone":
        problems.error(ref.path, ref.line, f"{written}: the paragraph it was made to is no longer in the essay",
                       "cite the paragraph that now makes the point, or remove the reference")
    elif verdict.kind == "ambiguous":
        problems.error(ref.path, ref.line, f"{written}: the paragraph it was made to changed, and "
                       + " and ".join(f"¶ {m}" for m in verdict.candidates) + " both read like it",
                       "cite the paragraph you mean by its current number")
    elif verdict.kind in ("changed", "moved-changed") and not accept:
        moved = f" and is now ¶ {where}" if verdict.kind == "moved-changed" else ""
        problems.warn(ref.path, ref.line, f"the text of {written} changed since it was cited{moved}\n"
                      + describe_change(verdict.old, paragraphs[where - 1]),
                      "check that the citation still holds, then run the build with --accept-passages to record "
                      "the new text" + (f"; write #p{where} in this reference" if moved else ""))


def describe_change(old: str, new: str, context: int = 6) -> str:
    """The words that differ, with a few words around them: '    was: …not in Russia's…' / '    now: …'."""
    a, b = old.split(), new.split()
    ops = [op for op in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes() if op[0] != "equal"]
    if not ops:
        return f"    was: {old}\n    now: {new}"
    i1, i2, j1, j2 = ops[0][1], ops[-1][2], ops[0][3], ops[-1][4]

    def excerpt(seq: list[str], start: int, end: int) -> str:
        lo, hi = max(0, start - context), min(len(seq), end + context)
        return ("…" if lo else "") + " ".join(seq[lo:hi]) + ("…" if hi < len(seq) else "")
    return f"    was: {excerpt(a, i1, i2)}\n    now: {excerpt(b, j1, j2)}"


# ---------------------------------------------------------------- the file


def read_lock(root: Path, problems: Problems) -> Lock:
    """content/passages.lock, checked; an empty lock when there is none yet (or it cannot be read)."""
    path = root / LOCK_FILE
    if not path.is_file():
        return Lock()
    doc = read_yaml(path, problems)
    if doc is None:
        return Lock()
    cited, paragraphs, renumbered = {}, {}, {}
    hint = f"restore {LOCK_FILE} from version control, or delete it to record every citation afresh"
    essays = doc.data.get("essays") or {}
    if set(doc.data) - {"essays"} or not isinstance(essays, dict):
        problems.error(path, 1, "not a passage lock: expected one 'essays:' mapping", hint)
        return Lock()
    for slug, entry in essays.items():
        marks = entry.get("paragraphs") if isinstance(entry, dict) else None
        quoted = entry.get("cited", {}) if isinstance(entry, dict) else None
        notes = entry.get("renumbered", []) if isinstance(entry, dict) else None
        if (not isinstance(marks, str) or not isinstance(quoted, dict) or not isinstance(notes, list)
                or not all(isinstance(k, str) and re.fullmatch(r"p\d+", k) and isinstance(v, str) for k, v in quoted.items())):
            problems.error(path, doc.line("essays", slug), f"lock entry '{slug}' is malformed", hint)
            continue
        paragraphs[str(slug)] = tuple(marks.split())
        renumbered[str(slug)] = tuple(map(str, notes))
        cited.update((f"{slug}#{k}", v) for k, v in quoted.items())
    return Lock(cited, paragraphs, {k: v for k, v in renumbered.items() if v})


HEADER = """\
# The passage lock, written by crosscut: commit it with the content, do not edit it by hand.
# 'cited' holds the text of every paragraph the curated content cites, as it read when the
# citation was made; 'paragraphs' a fingerprint of every paragraph. When a cited paragraph
# changes or moves, or published paragraph numbers shift, the build says so. After checking,
# record the new state with: build --accept-passages
"""


def format_lock(lock: Lock) -> str:
    """The lock as YAML, one essay after another, stable for the same inputs."""
    out = [HEADER, "essays:\n"]
    by_essay: dict[str, list[tuple[int, str]]] = {}
    for key, text in lock.cited.items():
        slug, n = sort_key(key)
        by_essay.setdefault(slug, []).append((n, text))
    for slug in sorted(set(lock.paragraphs) | set(by_essay)):
        out.append(f"  {slug}:\n    paragraphs: \"{' '.join(lock.paragraphs.get(slug, ()))}\"\n")
        if lock.renumbered.get(slug):
            out.append("    renumbered:\n" + "".join(f"      - {quoted_scalar(n)}\n"
                                                   for n in lock.renumbered[slug]))
        cited = sorted(by_essay.get(slug, ()))
        out.append("    cited:" + ("\n" if cited else " {}\n"))
        out.extend(f"      p{n}: {quoted_scalar(text)}\n" for n, text in cited)
    return "".join(out)


def write_lock(root: Path, lock: Lock) -> None:
    """Write the lock in one step (a new file renamed over the old), so it is never half written."""
    path = root / LOCK_FILE
    temporary = path.with_name(f".{path.name}.new")
    temporary.write_text(format_lock(lock), encoding="utf-8")
    temporary.replace(path)


def quoted_scalar(text: str) -> str:
    """A double-quoted YAML scalar on one line, escaped by PyYAML itself (so it reads back the same)."""
    return yaml.safe_dump(text, default_style='"', allow_unicode=True, width=float("inf")).rstrip("\n")
