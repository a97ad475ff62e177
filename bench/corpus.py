"""A synthetic collection for the scale benchmark, laid out as a crosscut project and as a Hugo site.

Stdlib only. The essays are made of this repository's own seed paragraphs, so every glossary
name, theme and timeline entry of content/ finds its mentions in them. Each essay has
1,200–2,000 words in 8–25 paragraphs, 2–5 `##` headings, a few *emphasised* and **strong**
phrases and one to four links to other essays. Essay i depends only on (seed, i) and on the
number of essays its links may point to, so the same arguments give byte-identical files.

    python bench/corpus.py 1000 --out bench/corpora/1000

The crosscut project gets the repository's templates/, content/ and real seeds, plus
N − (real essays) synthetic ones; the Hugo site gets N synthetic essays, so both tools build
N essay pages from the same kind of text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HUGO_SITE = Path(__file__).resolve().parent / "hugo"  # our Hugo config and layouts

# Blocks of a seed that are not essay text: bylines and bios, publisher notes, links out, rules.
NOT_BODY = re.compile(r"original url|views expressed|this post is part|you might also like|back to top|language ?:"
                      r"|is (?:an?|the) (?:associate |assistant )?(?:professor|fellow|director|senior)", re.I)
SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"])")

GIVEN = ["Ada", "Bogdan", "Clara", "Dmitry", "Esther", "Fyodor", "Greta", "Hassan", "Irina", "Jonas",
         "Kira", "Lev", "Marta", "Nadia", "Oleg", "Priya", "Ruslan", "Sofia", "Tomas", "Vera"]
FAMILY = ["Abramov", "Baker", "Castillo", "Dobrynin", "Eliot", "Fedorova", "Gray", "Hartmann", "Isaev",
          "Jensen", "Kozlov", "Lindqvist", "Morozova", "Nakamura", "Osborne", "Pavlova", "Quinn",
          "Sokolov", "Thorne", "Volkova"]
OUTLETS = ["Policy Quarterly", "The Strategic Review", "Eurasia Commentary", "Diplomatic Notes",
           "World Affairs Monthly", "The Security Brief"]
OPENINGS = ["Rethinking", "The Limits of", "After", "Beyond", "The Politics of", "Managing", "The Case for",
            "Against", "The Return of", "Notes on", "Misreading", "The Long Shadow of"]
SUBJECTS = ["Deterrence", "the Reset", "Arms Control", "Sanctions", "Engagement", "Détente", "the Summit",
            "Strategic Stability", "Energy Diplomacy", "the Security Council", "Nonproliferation",
            "Great-Power Bargaining", "NATO Enlargement", "Mutual Expectations"]
SECTION_HEADINGS = ["Background", "The Record So Far", "What Moscow Wants", "What Washington Wants",
                    "Interests and Values", "The Domestic Scene", "Allies and Neighbours", "Risks",
                    "Openings", "The Next Decade", "Lessons", "Conclusion", "A Way Forward",
                    "The Economic Side", "Security First"]


@dataclass(frozen=True)
class Essay:
    slug: str  # address key: <title words>-<number>, unique within the collection
    title: str
    date: dt.date
    authors: tuple[str, ...]
    outlet: str
    tags: tuple[str, ...]  # theme slugs of content/themes/, for Hugo's tag pages
    body: tuple[tuple[str, str], ...]  # ("heading", text) or ("paragraph", text with inline Markdown)


def read_pool(seeds: Path) -> tuple[list[str], list[str]]:
    """The body paragraphs and `##` headings of the real seeds, as plain one-line text."""
    paragraphs: list[str] = []
    headings: list[str] = []
    for seed in sorted(seeds.glob("*.txt")):
        for block in re.split(r"\n\s*\n", seed.read_text(encoding="utf-8")):
            text = " ".join(block.split())
            if text.startswith("## "):
                headings.append(text[3:].title())
                continue
            if not text or text[0] in "#*-[" or NOT_BODY.search(text):
                continue  # title lines, pull quotes, rules, bios and notes
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")
            if text[0].islower() and paragraphs:
                paragraphs[-1] += " " + text  # the seed split this paragraph at a page break
            elif len(text.split()) >= 30:
                paragraphs.append(text)
    return paragraphs, sorted(set(headings) | set(SECTION_HEADINGS))


def theme_slugs(root: Path = ROOT) -> list[str]:
    """The themes of content/themes/, used as tags."""
    return sorted(p.stem for p in (root / "content" / "themes").glob("*.md")) or ["essays"]


def make_collection(n: int, seed: int = 1, root: Path = ROOT) -> list[Essay]:
    """N synthetic essays, numbered 0..n-1."""
    paragraphs, headings = read_pool(root / "seeds")
    tags = theme_slugs(root)
    titles = [make_title(random.Random(f"{seed}:title:{i}")) for i in range(n)]
    slugs = [f"{re.sub(r'[^a-z0-9]+', '-', ascii_fold(t).lower()).strip('-')}-{i:05d}" for i, t in enumerate(titles)]
    return [make_essay(i, slugs, titles[i], random.Random(f"{seed}:essay:{i}"), paragraphs, headings, tags)
            for i in range(n)]


def ascii_fold(text: str) -> str:
    return text.replace("é", "e")


def make_title(rng: random.Random) -> str:
    return f"{rng.choice(OPENINGS)} {rng.choice(SUBJECTS)}"


def make_essay(i: int, slugs: list[str], title: str, rng: random.Random,
               paragraphs: list[str], headings: list[str], tags: list[str]) -> Essay:
    """One essay: paragraphs drawn until the word target, then headings and inline marks."""
    target, texts, words = rng.randint(1200, 2000), [], 0
    while len(texts) < 25 and (words < target or len(texts) < 8):
        text = draw_paragraph(rng, paragraphs)
        if words + len(text.split()) > 2000:
            if len(texts) >= 8:
                break
            continue  # too long to fit; draw another
        texts.append(text)
        words += len(text.split())
    tokens = [text.split() for text in texts]
    for _ in range(rng.randint(2, 6)):
        mark(rng.choice(tokens), rng, "*", "*")
    for _ in range(rng.randint(0, 2)):
        mark(rng.choice(tokens), rng, "**", "**")
    others = [s for s in slugs if s != slugs[i]]
    for _ in range(rng.randint(1, 4) if others else 0):
        mark(rng.choice(tokens), rng, "[", f"](/essays/{rng.choice(others)}/)")
    heads_before = set(rng.sample(range(2, len(texts)), rng.randint(2, 5)))
    chosen = iter(rng.sample(headings, len(heads_before)))
    body: list[tuple[str, str]] = []
    for k, words_of in enumerate(tokens):
        if k in heads_before:
            body.append(("heading", next(chosen)))
        body.append(("paragraph", " ".join(words_of)))
    return Essay(
        slug=slugs[i], title=title,
        date=dt.date(1995, 1, 1) + dt.timedelta(days=rng.randrange(30 * 365)),
        authors=tuple(sorted({f"{rng.choice(GIVEN)} {rng.choice(FAMILY)}" for _ in range(rng.choice((1, 1, 2, 3)))})),
        outlet=rng.choice(OUTLETS), tags=tuple(sorted(rng.sample(tags, rng.randint(1, min(4, len(tags)))))),
        body=tuple(body),
    )


def draw_paragraph(rng: random.Random, paragraphs: list[str]) -> str:
    """A seed paragraph, or now and then the start of one joined to the end of another."""
    first = rng.choice(paragraphs)
    if rng.random() >= 0.3:
        return first
    head, tail = SENTENCE_END.split(first), SENTENCE_END.split(rng.choice(paragraphs))
    return " ".join(head[:rng.randint(1, len(head))] + tail[rng.randrange(len(tail)):])


def mark(words: list[str], rng: random.Random, opener: str, closer: str) -> None:
    """Wrap two to four plain words within one clause in opener … closer (a few tries, else nothing)."""
    for _ in range(8):
        size = rng.randint(2, 4)
        if len(words) <= size:
            return
        at = rng.randrange(len(words) - size)
        span = words[at:at + size]
        if all(re.fullmatch(r"[A-Za-z’'-]+", w) for w in span[:-1]) and re.fullmatch(r"[A-Za-z’'-]+[,.;:]?", span[-1]):
            last = span[-1].rstrip(",.;:")
            words[at] = opener + words[at]
            words[at + size - 1] = last + closer + span[-1][len(last):]
            return


# ---------------------------------------------------------------- layouts


def byline(authors: tuple[str, ...]) -> str:
    return "By " + (authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1])


def seed_text(essay: Essay) -> str:
    """The essay as a copied web page gives it: title, byline, date line, then the body."""
    date_line = f"{essay.date:%B} {essay.date.day}, {essay.date.year}"
    body = [f"## {text}" if kind == "heading" else text for kind, text in essay.body]
    return "\n\n".join([essay.title, byline(essay.authors), date_line, *body]) + "\n"


def metadata_yaml(essay: Essay) -> str:
    """content/essays/<slug>.yml: what crosscut would otherwise warn it cannot tell from the seed."""
    authors = "".join(f"\n  - name: {json.dumps(name)}" for name in essay.authors)
    return (f"source: {essay.slug}.txt\ntitle: {json.dumps(essay.title, ensure_ascii=False)}\n"
            f"authors:{authors}\ndate: \"{essay.date.isoformat()}\"\noutlet: {json.dumps(essay.outlet)}\n")


def markdown_page(essay: Essay) -> str:
    """content/essays/<slug>.md for Hugo: front matter, then the body in Markdown."""
    front = ["---", f"title: {json.dumps(essay.title, ensure_ascii=False)}", f"date: {essay.date.isoformat()}",
             f"authors: {json.dumps(list(essay.authors))}", f"tags: {json.dumps(list(essay.tags))}", "---", ""]
    body = [f"## {text}" if kind == "heading" else text for kind, text in essay.body]
    return "\n".join(front) + "\n\n".join(body) + "\n"


def lay_out_crosscut(essays: list[Essay], out: Path, root: Path = ROOT) -> int:
    """A crosscut project in `out`: the repository's own project files plus synthetic essays up to len(essays)."""
    reset(out)
    for part in ("templates", "content", "seeds"):
        if (root / part).is_dir():
            shutil.copytree(root / part, out / part)
    shutil.copy(root / "build.py", out / "build.py")
    real = len(list((out / "content" / "essays").glob("*.yml")))
    for essay in essays[:max(0, len(essays) - real)]:
        (out / "seeds" / f"{essay.slug}.txt").write_text(seed_text(essay), encoding="utf-8")
        (out / "content" / "essays" / f"{essay.slug}.yml").write_text(metadata_yaml(essay), encoding="utf-8")
    return real


def lay_out_hugo(essays: list[Essay], out: Path) -> None:
    """A Hugo site in `out`: our config and layouts, one Markdown page per essay."""
    reset(out)
    shutil.copytree(HUGO_SITE, out, dirs_exist_ok=True)
    (out / "content" / "essays").mkdir(parents=True)
    for essay in essays:
        (out / "content" / "essays" / f"{essay.slug}.md").write_text(markdown_page(essay), encoding="utf-8")


def reset(folder: Path) -> None:
    """Make `folder` empty but for a marker; refuse to empty a folder without the marker (not ours)."""
    marker = folder / ".bench-corpus"
    if folder.exists():
        if not marker.exists():
            sys.exit(f"{folder} exists and was not made by bench/corpus.py; choose another folder")
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    marker.write_text("made by bench/corpus.py, which empties it whenever it lays out a collection\n")


def lay_out(n: int, out: Path, seed: int = 1) -> tuple[Path, Path]:
    """Both layouts of an n-essay collection under `out`; return (crosscut project, Hugo site)."""
    essays = make_collection(n, seed)
    crosscut, hugo = out / "crosscut", out / "hugo"
    lay_out_crosscut(essays, crosscut)
    lay_out_hugo(essays, hugo)
    return crosscut, hugo


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="number of essays, the real ones included")
    parser.add_argument("--out", type=Path, required=True, help="folder for crosscut/ and hugo/")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    crosscut, hugo = lay_out(args.n, args.out, args.seed)
    print(f"{args.n} essays: {crosscut} and {hugo}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
