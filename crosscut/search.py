"""Pagefind over the staged site, shard by shard, through the binary the pagefind[bin] package bundles."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import partial
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Iterator

from . import urls, work
from .cache import Cache, key
from .sources import CONTROL
from .stable_index import payload_of, stabilise


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


# ---------------------------------------------------------------- shards
#
# Pagefind indexes a whole site at once, and its memory grows with it (2.3 GiB at 4,000 essays).
# So the pages are split into shards, each indexed by its own Pagefind run into its own bundle,
# and the browser searches them as one (assets/pagefind.js merges them with Pagefind's mergeIndex).
# A page's shard is a hash of its path, so it stays put as the collection grows or changes; the
# number of shards is a power of two, so it changes only when the collection doubles. A shard whose
# pages are byte for byte as before takes its bundle from the cache: an edit re-indexes one shard.

PAGES_PER_SHARD = 512  # at most, on average: ~2 s of Pagefind and ~200 MiB on a 2-core machine
WORKERS = 2  # Pagefind runs at a time; each uses more than one core already
BODY, SORT = b" data-pagefind-body", b' data-pagefind-sort="'  # attributes, when inside a tag (see attributes)
DATA = re.compile(r"pagefind-entry\.json|pagefind\.[^/]+\.pf_meta|(fragment|index|filter)/[^/]+")  # what a merged bundle needs
SHARD = "shard-{}/"  # a merged bundle's folder, inside the main one


@dataclass(frozen=True)
class Page:
    path: str  # relative to the site, as Pagefind sees it
    digest: str  # SHA-256 of the file as written
    sorts: tuple[tuple[str, str], ...]  # its data-pagefind-sort keys and values


def index_site(folder: Path, cache: Cache | None = None, pages_per_shard: int = PAGES_PER_SHARD) -> None:
    """Write folder/pagefind/: the main search bundle, one merged bundle per further shard, and the
    ranking file; reuse from `cache` the bundle of every shard whose pages are unchanged. Raise
    IndexFailed with Pagefind's message."""
    cache = cache or Cache.off()
    shards = [group for group in split(indexed_pages(folder), pages_per_shard) if group]
    bundle = folder / urls.pagefind("")
    scratch = Path(tempfile.mkdtemp(prefix=".index-", dir=folder))  # inside the stage: a killed build leaves nothing else
    try:
        built = work.each(partial(shard_bundle, folder, scratch), shards, [cache_key(pages) for _, pages in shards], cache,
                          "search-shard", lambda bundle: pack(*bundle), unpack, parallel=False, threads=WORKERS)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    names = [SHARD.format(bucket) for bucket, _ in shards[1:]]
    for number, (files, _) in enumerate(built):
        target = bundle / names[number - 1] if number else bundle
        for name, data in sorted(files.items()):
            if number == 0 or DATA.fullmatch(name):
                (target / name).parent.mkdir(parents=True, exist_ok=True)
                (target / name).write_bytes(data)
    write_ranking([summary for _, summary in built], names, folder / urls.ranking())
    patch_chunk_race(folder / urls.pagefind("pagefind.js"))


def indexed_pages(folder: Path) -> list[Page]:
    """The pages Pagefind would index in `folder`: those with data-pagefind-body, or all if none has it."""
    pages, everything = [], []
    skip = folder / urls.pagefind("")
    for path in sorted(folder.rglob("*.html")):
        if skip in path.parents or not path.is_file():
            continue
        data = path.read_bytes()
        sorts = tuple(tuple(html.unescape(data[at:data.find(b'"', at)].decode("utf-8", "replace")).split(":", 1))
                      for at in attributes(data, SORT))
        page = Page(path.relative_to(folder).as_posix(), hashlib.sha256(data).hexdigest(), tuple(s for s in sorts if len(s) == 2))
        everything.append(page)
        if next(attributes(data, BODY), None) is not None:
            pages.append(page)
    return pages or everything


def attributes(data: bytes, start: bytes) -> Iterator[int]:
    """Where the value after each `start` begins, for each `start` inside a tag: text cannot hold one,
    since a page's text is escaped. (Searching for the bytes is ten times faster than a pattern.)"""
    at = data.find(start)
    while at >= 0:
        if data.rfind(b"<", 0, at) > data.rfind(b">", 0, at):
            yield at + len(start)
        at = data.find(start, at + 1)


def split(pages: list[Page], pages_per_shard: int) -> list[tuple[int, list[Page]]]:
    """(bucket, pages) for each of the fewest power-of-two buckets that hold pages_per_shard pages on average."""
    count = 1
    while len(pages) > count * pages_per_shard:
        count *= 2
    buckets: list[list[Page]] = [[] for _ in range(count)]
    for page in pages:
        buckets[int(hashlib.sha256(page.path.encode()).hexdigest()[:8], 16) % count].append(page)
    return list(enumerate(buckets))


def shard_bundle(folder: Path, scratch: Path, shard: tuple[int, list[Page]]) -> tuple[dict[str, bytes], dict]:
    """The files of a shard's Pagefind bundle and what the ranking file needs of it, from Pagefind run over a
    folder in `scratch` that holds the shard's pages alone."""
    bucket, pages = shard
    site, out = scratch / f"site-{bucket}", scratch / f"bundle-{bucket}"
    for page in pages:
        (site / page.path).parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(folder / page.path, site / page.path)
        except OSError:  # a file system without hard links
            shutil.copyfile(folder / page.path, site / page.path)
    result = subprocess.run(
        [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path", str(out), "--silent",
         "--exclude-selectors", EXCLUDE],
        capture_output=True, text=True, check=False,
    )
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        raise IndexFailed(f"Pagefind failed (exit {result.returncode}): {message}")
    stabilise(out)  # same inputs, same bytes: Pagefind's filter order is not stable
    files = {path.relative_to(out).as_posix(): path.read_bytes() for path in sorted(out.rglob("*")) if path.is_file()}
    return files, summarise(files, pages)


def cache_key(pages: list[Page]) -> str:
    """What a shard's bundle depends on: its pages' paths and bytes, the exclusions, Pagefind's version (and our code)."""
    return key("search-shard", pagefind_version(), EXCLUDE, [[page.path, page.digest] for page in pages])


def pagefind_version() -> str:
    try:
        return version("pagefind_bin")
    except PackageNotFoundError:
        return "unknown"


# ---------------------------------------------------------------- a bundle in the cache: data only


NAME = re.compile(r"[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)*")


def pack(files: dict[str, bytes], summary: dict) -> bytes:
    """One blob: a JSON header (names, sizes, summary) and the files' bytes one after another."""
    header = json.dumps({"files": [[name, len(data)] for name, data in sorted(files.items())], "summary": summary},
                        ensure_ascii=False, separators=(",", ":")).encode()
    return len(header).to_bytes(8, "big") + header + b"".join(data for _, data in sorted(files.items()))


def unpack(blob: bytes) -> tuple[dict[str, bytes], dict]:
    """The files and summary of a packed bundle; ValueError for a damaged one (the cache counts it a miss)."""
    try:
        size = int.from_bytes(blob[:8], "big")
        header = json.loads(blob[8:8 + size])
        files, at = {}, 8 + size
        for name, length in header["files"]:
            if not NAME.fullmatch(name) or ".." in name.split("/") or not isinstance(length, int) or length < 0:
                raise ValueError(f"not a file of a bundle: {name!r}")
            files[name], at = blob[at:at + length], at + length
        summary = header["summary"]
    except (TypeError, KeyError, IndexError) as err:
        raise ValueError(f"not a packed bundle: {err}") from err
    if at != len(blob) or not isinstance(summary, dict):
        raise ValueError("not a packed bundle: its length or summary is wrong")
    return files, summary


# ---------------------------------------------------------------- ranking and sorting across bundles


PRIMARY, NAMED = "Essay", "Theme"  # page types that search ranks first (see assets/pagefind.js)


def summarise(files: dict[str, bytes], pages: list[Page]) -> dict:
    """What the ranking file needs of one bundle: its essays, its themes' titles, and its pages' sort values,
    by the fragment id Pagefind returns as a result's id (a hash of the page's content)."""
    essays, themes, sorts = [], [], {}
    by_url = {url_of(page.path): page for page in pages}
    for name, data in sorted(files.items()):
        if not name.startswith("fragment/"):
            continue
        page, fragment = json.loads(payload_of(data, name)), name.removeprefix("fragment/").removesuffix(".pf_fragment")
        kind = page.get("filters", {}).get("type", [""])[0]
        if kind == PRIMARY:
            essays.append(fragment)
        elif kind == NAMED:
            themes.append([fragment, page.get("meta", {}).get("title", "")])
        source = by_url.get(page.get("url"))
        for sort, value in source.sorts if source else ():
            sorts.setdefault(sort, {}).setdefault(fragment, [value, source.path])
    return {"essays": essays, "themes": themes, "sorts": sorts}


def url_of(path: str) -> str:
    """The address Pagefind gives a page at `path`."""
    return "/" + path.removesuffix("index.html")


def write_ranking(summaries: list[dict], shards: list[str], out: Path) -> None:
    """Write to `out` what assets/pagefind.js needs to search the bundles as one and order results without
    loading them: the merged bundles (relative to `out`), the fragment ids of the essays (primary text
    first), the titles of the themes by id (a query that is a theme's title leads to the theme), and for
    each sort key the ids in ascending order, as Pagefind orders one bundle (numbers if every value is
    one, else text; then by address), since Pagefind cannot order results across bundles."""
    essays = sorted(e for s in summaries for e in s["essays"])
    themes = sorted(t for s in summaries for t in s["themes"])
    values: dict[str, dict[str, list[str]]] = {}
    for summary in summaries:
        for sort, pages in summary["sorts"].items():
            values.setdefault(sort, {}).update(pages)
    sorts = {sort: [fragment for fragment, _ in sorted(pages.items(), key=sort_order(pages))]
             for sort, pages in sorted(values.items())}
    ranking = {"shards": shards, "essays": essays, "themes": themes, "sorts": sorts}
    out.write_text(json.dumps(ranking, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def sort_order(pages: dict[str, list[str]]):
    """A sort key for (fragment, [value, path]) items: Pagefind compares numbers if every value is one."""
    def number(text: str) -> float | None:
        try:
            return float(text)
        except ValueError:
            return None
    numeric = all(number(value) is not None for value, _ in pages.values())
    return lambda item: ((number(item[1][0]) if numeric else item[1][0]), item[1][1])


# Pagefind 1.5 changes its WASM state in several places the same way: it reads the pointer, waits,
# then stores the pointer its call returns. Two such changes finishing in the same tick both start
# from the old pointer, and the second drops what the first did: a filter chunk loaded in parallel
# (seen as a filter group missing from the search page now and then), or the synthetic filter that
# tags each merged bundle, set while chunks load. Reading the pointer after the wait, in the same
# tick as the call, closes that window in every one of them.
RACE = re.compile(r"let ptr=await this\.getPtr\(\);this\.raw_ptr=this\.backend(\[method\]|\.[A-Za-z_]+)\(ptr,")
FIXED = r"await this.getPtr();this.raw_ptr=this.backend\1(this.raw_ptr,"


def patch_chunk_race(script: Path) -> None:
    """Apply the fix above to every such statement of Pagefind's search script."""
    text = script.read_text(encoding="utf-8")
    patched = RACE.sub(FIXED, text)
    if patched != text:
        script.write_text(patched, encoding="utf-8")
