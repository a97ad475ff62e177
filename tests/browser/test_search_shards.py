"""Search over an index in shards, in chromium: every test of test_search.py again, on the real site
indexed as four Pagefind bundles (the main one and three it merges) and served under /crosscut/; and
what only merging can break: words of a merged bundle, filter counts summed over the bundles."""

from __future__ import annotations

import gzip
import json
import re
import shutil
from urllib.parse import quote_plus

import pytest

from conftest import build_real
from crosscut.cache import Cache
from crosscut.search import index_site

from .conftest import serve
from .test_search import *  # noqa: F403 (every search test, collected again here with the `served` below)
from .test_search import wait_for_results

PER_SHARD = 32  # the real project has ~130 pages: four bundles


@pytest.fixture(scope="session")
def served_shards(tmp_path_factory):
    """The real project indexed in shards, served under /crosscut/."""
    site = build_real(tmp_path_factory.mktemp("site-shards") / "site", "/crosscut/", "--no-search").path
    index_site(site, Cache.off(), pages_per_shard=PER_SHARD)
    server, served = serve(site, "/crosscut/")
    yield served
    server.shutdown()
    server.server_close()


@pytest.fixture
def served(served_shards):
    return served_shards


def bundles(folder) -> dict[str, list[dict]]:
    """Bundle folder ("" for the main one) -> the pages it indexes, as Pagefind stored them."""
    found = {}
    for path in sorted((folder / "pagefind").glob("**/fragment/*.pf_fragment")):
        name = path.parent.parent.relative_to(folder / "pagefind").as_posix().removeprefix(".")
        found.setdefault(name, []).append(json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):]))
    return found


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z]{9,}", text.lower()))


def test_the_site_is_indexed_in_four_bundles(served):
    found = bundles(served.folder)
    assert len(found) == 4 and "" in found
    assert sum(1 for pages in found.values() if any(p["filters"]["type"] == ["Essay"] for p in pages)) >= 2


def test_a_word_only_a_merged_bundle_holds_is_found(open_page, served):
    pages = [(name, p) for name, group in bundles(served.folder).items() for p in group]
    everywhere = " ".join(p["content"].lower() for _, p in pages)
    # a long word of an essay in a merged bundle that no other page holds, nor holds as part of a word
    (name, page, word) = next((name, p, w) for name, p in pages if name and p["filters"]["type"] == ["Essay"]
                              for w in sorted(words(p["content"])) if everywhere.count(w) == 1)
    page_, _ = open_page()
    page_.goto(served.url("search/?q=" + quote_plus(word)))
    results = wait_for_results(page_, count=1)
    assert [r["href"].split("#")[0] for r in results] == [served.base + page["url"].lstrip("/")], (name, word)


COUNTS = """async query => {
    const search = await import('../assets/pagefind.js');  // as Pagefind's UI imports it
    await search.options({});
    const all = await search.filters();  // loads every filter, so that a search counts its results too
    const found = await search.search(query, {});
    const narrowed = await search.search(query, {filters: {type: "Essay"}});
    return {all, found: found.filters, essays: narrowed.filters, results: found.results.length};
}"""


@pytest.mark.parametrize("query", ["sanctions", "Russia"])
def test_filters_count_the_pages_of_every_bundle(open_page, served, served_sub, query):
    counts = []
    for site in (served_sub, served):  # one bundle, then four, through crosscut's layer as the search page uses it
        page, _ = open_page()
        page.goto(site.url("search/"))
        counts.append(page.evaluate(COUNTS, query))
    one, merged = counts
    assert one["all"]["type"] == {"Essay": 5, "Glossary": 112, "Theme": 10, "Timeline": 1}
    assert one["found"]["type"]["Essay"] >= 2 and one["essays"]["type"]["Glossary"] == 0
    assert merged == one  # the same counts, names and values in the same order
    assert list(merged["all"]) == sorted(merged["all"]) and list(merged["all"]["author"]) == sorted(merged["all"]["author"])
