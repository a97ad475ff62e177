"""Pagefind over the staged site, through the binary the pagefind[bin] package bundles."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from . import urls
from .sources import CONTROL
from .stable_index import read_payload, stabilise


# What pages hold besides their own words: on essays the paragraph numbers, anchors, backlinks, our summary
# and notes; on themes the quotes of the essays (indexed on the essays they come from); everywhere the
# citations (a page that cites "Between Realism and Reality" is not about realism), the essays a theme
# draws on, and on the timeline the chart, the passages each event cites and the essays' own dates. A
# theme's key terms and other repeated blocks carry data-pagefind-ignore in their templates instead.
EXCLUDE = ", ".join([".pnum", ".pcite", ".anchor", ".backlinks", ".summary", ".essay-notes", ".theme figure.quote", ".theme q",
                     ".citation", ".quote figcaption", ".draws-on", ".tl-figure", ".tl-passages", ".tl-essay"])


# Pagefind decodes character references in the filter and meta values it reads (twice, in 1.5), and
# its default UI puts filter names and values into the page as HTML. So no escaping survives the
# trip; a value is made plain instead. Only "<" before a letter, "/", "!" or "?" starts markup, and
# only "&" before a letter or "#" starts a character reference; an invisible WORD JOINER (U+2060)
# after such a "<" or "&" makes it an ordinary character, however often the value is decoded,
# while it still reads the same.
MARKUP_START = re.compile(r"([<&])(?=[A-Za-z/!?#])")
JOINER = "\u2060"


def plain_value(text: object) -> str:
    """A filter, meta or title value for Pagefind that stays text in its index and in its UI."""
    text = CONTROL.sub("", " ".join(str(text).split()))
    return MARKUP_START.sub(lambda m: m.group(1) + JOINER, text)


class IndexFailed(Exception):
    """Pagefind exited with an error; carries its output."""


def index_site(folder: Path) -> None:
    """Write folder/pagefind/ with the search index and UI; raise IndexFailed with Pagefind's message."""
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent", "--exclude-selectors", EXCLUDE],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise IndexFailed(f"Pagefind failed (exit {result.returncode}): {message}")
    bundle = folder / urls.pagefind("")
    stabilise(bundle)  # same inputs, same bytes: Pagefind's filter order is not stable
    write_ranking(bundle, folder / urls.ranking())
    patch_chunk_race(folder / urls.pagefind("pagefind.js"))


PRIMARY, NAMED = "Essay", "Theme"  # page types that search ranks first (see assets/pagefind.js)


def write_ranking(bundle: Path, out: Path) -> None:
    """Write to `out` what assets/pagefind.js needs to order results without loading them:
    the fragment ids of the essays (primary text first) and the titles of the themes by id (a query
    that is a theme's title leads to the theme). Pagefind names a page's fragment by a hash of its
    content and returns that name as the result's id."""
    essays, themes = [], []
    for path in sorted((bundle / "fragment").glob("*.pf_fragment")):
        page, fragment = json.loads(read_payload(path)), path.name.removesuffix(".pf_fragment")
        kind = page.get("filters", {}).get("type", [""])[0]
        if kind == PRIMARY:
            essays.append(fragment)
        elif kind == NAMED:
            themes.append([fragment, page.get("meta", {}).get("title", "")])
    ranking = {"essays": essays, "themes": themes}
    out.write_text(json.dumps(ranking, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


# Pagefind 1.5 loads index and filter chunks in parallel; each load reads the WASM pointer, waits,
# then stores the pointer its load returns. Two loads finishing in the same tick both start from
# the old pointer, and the second one drops what the first loaded (seen as a filter group missing
# from the search page now and then). Reading the pointer after the wait closes that window.
RACE = "let ptr=await this.getPtr();this.raw_ptr=this.backend[method](ptr,chunk);"
FIXED = "await this.getPtr();this.raw_ptr=this.backend[method](this.raw_ptr,chunk);"


def patch_chunk_race(script: Path) -> None:
    """Apply the one-statement fix above to Pagefind's search script, if it still has the race."""
    text = script.read_text(encoding="utf-8")
    if RACE in text:
        script.write_text(text.replace(RACE, FIXED), encoding="utf-8")
