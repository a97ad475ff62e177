"""Make Pagefind's filter index byte-stable between builds.

Pagefind 1.5 writes the values of each filter, and the list of filters, in hash-map order,
which changes from run to run (upstream issue #638); every other file it writes is stable.
This rewrites the filter files and the metadata file that names them in sorted order, and
renames them the way Pagefind names files: "<lang>_" + the first hex digits of the SHA-1 of
the CBOR payload (Pagefind prints each byte without zero padding). The search code reads the
renamed files exactly as before: names are only looked up through the metadata file.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import struct
from pathlib import Path

SIGNATURE = b"pagefind_dcd"


# ---------------------------------------------------------------- the CBOR subset Pagefind writes


def decode(data: bytes, pos: int = 0):
    """Read one CBOR item (unsigned and negative ints, bytes, text, arrays, maps, simple values)."""
    head = data[pos]
    major, info = head >> 5, head & 31
    pos += 1
    if info < 24:
        arg = info
    elif info in (24, 25, 26, 27):
        size = 1 << (info - 24)
        arg = int.from_bytes(data[pos:pos + size], "big")
        pos += size
    else:
        raise ValueError(f"unsupported CBOR header {head:#x}")
    if major == 0:
        return arg, pos
    if major == 1:
        return -1 - arg, pos
    if major in (2, 3):
        raw = data[pos:pos + arg]
        return (raw if major == 2 else raw.decode("utf-8")), pos + arg
    if major == 4:
        items = []
        for _ in range(arg):
            item, pos = decode(data, pos)
            items.append(item)
        return items, pos
    if major == 5:
        pairs = []
        for _ in range(arg):
            key, pos = decode(data, pos)
            value, pos = decode(data, pos)
            pairs.append((key, value))
        return Map(pairs), pos
    if major == 7 and info in (20, 21, 22):
        return {20: False, 21: True, 22: None}[info], pos
    if major == 7 and info == 27:
        return struct.unpack(">d", data[pos - 8:pos])[0], pos
    raise ValueError(f"unsupported CBOR item {head:#x}")


class Map(list):
    """A CBOR map kept as ordered (key, value) pairs."""


def header(major: int, arg: int) -> bytes:
    if arg < 24:
        return bytes([major << 5 | arg])
    for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
        if arg < 1 << (8 * size):
            return bytes([major << 5 | info]) + arg.to_bytes(size, "big")
    raise ValueError(arg)


def encode(item) -> bytes:
    """Write one item back in the shortest form, as minicbor does."""
    if item is None or isinstance(item, bool):
        return bytes([0xF6 if item is None else 0xF5 if item else 0xF4])
    if isinstance(item, int):
        return header(0, item) if item >= 0 else header(1, -1 - item)
    if isinstance(item, float):
        return b"\xfb" + struct.pack(">d", item)
    if isinstance(item, bytes):
        return header(2, len(item)) + item
    if isinstance(item, str):
        raw = item.encode("utf-8")
        return header(3, len(raw)) + raw
    if isinstance(item, Map):
        return header(5, len(item)) + b"".join(encode(k) + encode(v) for k, v in item)
    if isinstance(item, list):
        return header(4, len(item)) + b"".join(encode(x) for x in item)
    raise TypeError(type(item))


# ---------------------------------------------------------------- files


def pagefind_hash(payload: bytes) -> str:
    """Pagefind's file hash: SHA-1 bytes as unpadded hex."""
    return "".join(format(b, "x") for b in hashlib.sha1(payload).digest())


def read_payload(path: Path) -> bytes:
    return payload_of(path.read_bytes(), path.name)


def payload_of(data: bytes, name: str = "the file") -> bytes:
    """The payload of a Pagefind file's bytes: gzip, then a signature."""
    data = gzip.decompress(data)
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{name} is not a Pagefind file")
    return data[len(SIGNATURE):]


def write_payload(path: Path, payload: bytes) -> None:
    path.write_bytes(gzip.compress(SIGNATURE + payload, compresslevel=9, mtime=0))


def stabilise(bundle: Path) -> None:
    """Rewrite the filter files and the metadata file of a Pagefind bundle in sorted order."""
    entry_path = bundle / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language, info in entry["languages"].items():
        renamed = {}
        for path in sorted((bundle / "filter").glob(f"{language}_*.pf_filter")):
            name, values = decode(read_payload(path))[0]
            payload = encode([name, sorted(values, key=lambda v: v[0])])
            new = f"{language}_{pagefind_hash(payload)[:7]}"
            path.unlink()
            write_payload(bundle / "filter" / f"{new}.pf_filter", payload)
            renamed[path.name.removesuffix(".pf_filter")] = new
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = decode(read_payload(meta_path))[0]
        filters = meta[3]  # MetaIndex: version, pages, index chunks, filters, …
        meta[3] = sorted(([name, renamed.get(h, h)] for name, h in filters), key=lambda f: f[0])
        payload = encode(meta)
        info["hash"] = f"{language}_{pagefind_hash(payload)[:10]}"
        meta_path.unlink()
        write_payload(bundle / f"pagefind.{info['hash']}.pf_meta", payload)
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
