"""Pagefind's filter index rewritten in sorted order: same search data, same bytes every build."""

import json

import pytest

from crosscut.stable_index import Map, decode, encode, pagefind_hash, read_payload, stabilise


@pytest.mark.parametrize("item", [
    0, 23, 24, 255, 256, 65536, 2**32, -1, -500, "", "Yu Sui", "é" * 30, b"\x00\x01",
    [], [1, [2, "three"]], list(range(300)), Map([("a", 1), ("b", [True, False, None])]), 1.5,
])
def test_cbor_round_trip(item):
    data = encode(item)
    assert decode(data) == (item, len(data))


def test_shortest_headers_as_minicbor_writes_them():
    assert encode(23) == b"\x17" and encode(24) == b"\x18\x18" and encode(256) == b"\x19\x01\x00"
    assert encode("ab") == b"\x62ab" and encode([1, 2]) == b"\x82\x01\x02"


def test_hash_is_unpadded_hex_of_sha1():
    # sha1("abc") = a9993e36 4706816a ba3e2571 7850c26c 9cd0d89d; byte 0x06 prints as "6"
    assert pagefind_hash(b"abc").startswith("a9993e3647")
    assert pagefind_hash(b"abc")[10:16] == "6816ab"


def test_rebuilt_bundle_is_sorted_consistent_and_stable(site):
    bundle = site.path / "pagefind"
    entry = json.loads((bundle / "pagefind-entry.json").read_text())
    meta_name = entry["languages"]["en"]["hash"]
    meta = decode(read_payload(bundle / f"pagefind.{meta_name}.pf_meta"))[0]
    filters = meta[3]
    assert [f[0] for f in filters] == sorted(f[0] for f in filters)
    assert {"author", "type", "year", "outlet", "theme"} <= {f[0] for f in filters}
    for name, file_hash in filters:
        payload = read_payload(bundle / "filter" / f"{file_hash}.pf_filter")
        assert file_hash == "en_" + pagefind_hash(payload)[:7]
        filter_name, values = decode(payload)[0]
        assert filter_name == name and [v[0] for v in values] == sorted(v[0] for v in values)
    before = {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()}
    stabilise(bundle)  # a second pass changes nothing
    assert {p.name: p.read_bytes() for p in bundle.rglob("*") if p.is_file()} == before


def test_pagefind_chunk_race_is_patched(site):
    """The search script reads the WASM pointer after its wait (see crosscut/search.py); if Pagefind
    changes that code, this fails so the patch can be checked against the new version."""
    from crosscut.search import RACE
    script = (site.path / "pagefind" / "pagefind.js").read_text(encoding="utf-8")
    assert not RACE.search(script)
    fixed = ["this.backend[method](this.raw_ptr,chunk)", "this.backend.add_synthetic_filter(this.raw_ptr,filters2)",
             "this.backend.set_ranking_weights(this.raw_ptr,"]
    assert all(f"await this.getPtr();this.raw_ptr={call}" in script for call in fixed)
