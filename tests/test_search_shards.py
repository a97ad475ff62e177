"""The search index in shards: each a Pagefind bundle of its own, reused from the cache while its pages
are unchanged, merged in the browser (browser/test_search_shards.py), and byte-identical whether built
cold or from the cache."""

from __future__ import annotations

import gzip
import json
import shutil

import pytest

import crosscut.search
from conftest import build_real, snapshot
from crosscut.cache import Cache
from crosscut.search import Page, index_site, pack, split, unpack

PER_SHARD = 32  # the real project has ~130 pages: four shards


@pytest.fixture(scope="module")
def unindexed(tmp_path_factory):
    """The real project built without a search index, to be indexed by the tests."""
    return build_real(tmp_path_factory.mktemp("unindexed") / "site", "/", "--no-search").path


def copy_site(source, target):
    shutil.copytree(source, target)
    return target


def bundles(site) -> dict[str, dict[str, dict]]:
    """Bundle folder ("" for the main one) -> fragment id -> the page as Pagefind stored it."""
    found = {}
    for path in sorted((site / "pagefind").glob("**/fragment/*.pf_fragment")):
        folder = path.parent.parent.relative_to(site / "pagefind").as_posix().removeprefix(".")
        page = json.loads(gzip.decompress(path.read_bytes())[len(b"pagefind_dcd"):])
        found.setdefault(folder, {})[path.name.removesuffix(".pf_fragment")] = page
    return found


def index(site, cache):
    """Index `site` in shards of PER_SHARD pages; the Pagefind runs it took."""
    runs = []
    real = crosscut.search.subprocess.run

    def counted(*args, **kwargs):
        runs.append(args[0])
        return real(*args, **kwargs)

    crosscut.search.subprocess.run = counted
    try:
        index_site(site, cache, pages_per_shard=PER_SHARD)
    finally:
        crosscut.search.subprocess.run = real
    return runs


def edit_paragraph(site, slug: str, word: str) -> None:
    """Put `word` at the start of paragraph 3 of an essay's written page."""
    page = site / "essays" / slug / "index.html"
    text = page.read_text(encoding="utf-8")
    mark = '<p id="p3" class="para">'
    assert text.count(mark) == 1
    page.write_text(text.replace(mark, mark + word + " "), encoding="utf-8")


def test_pages_are_split_into_merged_bundles_of_search_data(unindexed, tmp_path):
    site = copy_site(unindexed, tmp_path / "site")
    index(site, Cache.off())
    found = bundles(site)
    ranking = json.loads((site / "pagefind" / "ranking.json").read_text(encoding="utf-8"))
    assert len(found) == 4 and "" in found  # the main bundle and three merged ones
    assert sorted(ranking["shards"]) == sorted(f"{name}/" for name in found if name)
    urls = [page["url"] for pages in found.values() for page in pages.values()]
    assert len(urls) == len(set(urls)) > 100 and "/essays/wallander-2003/" in urls and "/timeline/" in urls
    for name in ranking["shards"]:  # a merged bundle has the index, not a second copy of the scripts
        files = {p.relative_to(site / "pagefind" / name).as_posix() for p in (site / "pagefind" / name).rglob("*") if p.is_file()}
        assert "pagefind-entry.json" in files and not [f for f in files if f.endswith((".js", ".css", "pagefind"))]
    assert (site / "pagefind" / "pagefind.js").is_file() and (site / "pagefind" / "pagefind-ui.js").is_file()
    # the ranking file names every essay of every bundle, and orders them all by date
    essays = {i: p for pages in found.values() for i, p in pages.items() if p["filters"]["type"] == ["Essay"]}
    assert sorted(ranking["essays"]) == sorted(essays) and len(essays) == 5
    dated = [i for i in ranking["sorts"]["date"] if i in essays]
    years = [int(essays[i]["filters"]["year"][0]) for i in dated if essays[i]["filters"]["year"] != ["Undated"]]
    assert len(dated) == 5 and years == sorted(years) and len(set(years)) >= 3


def test_an_edit_reindexes_one_shard_and_the_cache_gives_the_rest(unindexed, tmp_path):
    cache = Cache(tmp_path / "cache")
    cold = copy_site(unindexed, tmp_path / "cold")
    assert len(index(cold, cache)) == 4 and (cache.hits, cache.misses) == (0, 4)
    again = copy_site(unindexed, tmp_path / "again")
    assert index(again, cache) == []  # every shard from the cache: Pagefind does not run
    assert snapshot(again / "pagefind") == snapshot(cold / "pagefind")

    edited = copy_site(unindexed, tmp_path / "edited")
    edit_paragraph(edited, "yu-sui-2021", "zebrafinch")
    assert len(index(edited, cache)) == 1  # the shard of the edited essay only
    hits = [(name, p["url"]) for name, pages in bundles(edited).items() for p in pages.values() if "zebrafinch" in p["content"]]
    assert [url for _, url in hits] == ["/essays/yu-sui-2021/"]
    fresh = copy_site(unindexed, tmp_path / "fresh")
    edit_paragraph(fresh, "yu-sui-2021", "zebrafinch")
    index(fresh, Cache.off())
    assert snapshot(edited / "pagefind") == snapshot(fresh / "pagefind")  # byte for byte as a cold build


def test_a_damaged_cache_entry_is_rebuilt(unindexed, tmp_path):
    cache = Cache(tmp_path / "cache")
    cold = copy_site(unindexed, tmp_path / "cold")
    index(cold, cache)
    entries = sorted(p for p in (tmp_path / "cache" / "search-shard").rglob("*") if p.is_file())
    assert len(entries) == 4
    entries[0].write_bytes(entries[0].read_bytes()[:1000])  # cut short, as a full disk would leave it
    entries[1].write_bytes(b"\x00" * 8 + b"{not json")
    again = copy_site(unindexed, tmp_path / "again")
    assert len(index(again, cache)) == 2
    assert snapshot(again / "pagefind") == snapshot(cold / "pagefind")


def pages(count: int) -> list[Page]:
    return [Page(f"essays/e{n}/index.html", str(n), ()) for n in range(count)]


def test_a_page_keeps_its_shard_as_the_collection_grows():
    before = {page.path: bucket for bucket, group in split(pages(1000), 512) for page in group}
    after = {page.path: bucket for bucket, group in split(pages(1020), 512) for page in group}
    assert len(set(before.values())) == 2 and all(after[path] == bucket for path, bucket in before.items())
    assert [len(split(pages(n), 512)) for n in (1, 512, 513, 1024, 1025, 4500)] == [1, 1, 2, 2, 4, 16]
    sizes = [len(group) for _, group in split(pages(4500), 512)]
    assert sum(sizes) == 4500 and min(sizes) > 200


@pytest.mark.parametrize("blob", [
    None, b"", b"\x00" * 8, b"junk",
    pack({"fragment/a": b"x"}, {})[:-1],  # a file cut short
    pack({"../outside": b"x"}, {}), pack({"/etc/passwd": b"x"}, {}), pack({"a/../../b": b"x"}, {}),
], ids=["missing", "empty", "no header", "junk", "cut short", "parent", "absolute", "climbs"])
def test_a_packed_bundle_that_is_not_whole_and_inside_its_folder_is_a_miss(blob):
    with pytest.raises(ValueError):
        unpack(blob)


def test_a_packed_bundle_round_trips():
    files = {"pagefind-entry.json": b"{}", "fragment/en_1.pf_fragment": b"\x1f\x8b data", "index/en_2.pf_index": b""}
    assert unpack(pack(files, {"essays": ["en_1"]})) == (files, {"essays": ["en_1"]})
