#!/usr/bin/env python3
"""Page weight per page type: what crosses the wire for a page, its HTML and the CSS and JS it
links, gzip-compressed as GitHub Pages serves them (the search index and share cards excluded).

    python bench/weights.py [--budget 25600] [--url https://user.github.io/crosscut/]

Builds the site into a temporary folder as it is published (by default on a GitHub Pages project
page, where every link carries the /crosscut/ prefix), reports every page type's heaviest page,
compressed and as it is on disk, and for each essay how much of its page is the essay's own words.
Exits 1 when an essay page with its stylesheet and script exceeds the budget (default 25 KB
compressed). Compression is gzip at level 6, the level web servers commonly use.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscut.pipeline import Options, build  # noqa: E402

TYPES = [("essay", r"^essays/[^/]+/index\.html$"), ("citation page", r"^essays/[^/]+/cite/index\.html$"), ("theme", r"^themes/[^/]+/index\.html$"),
         ("reading list", r"^themes/[^/]+/reading/index\.html$"), ("glossary entry", r"^glossary/[^/]+/index\.html$"),
         ("home", r"^index\.html$"), ("essays index", r"^essays/index\.html$"), ("themes index", r"^themes/index\.html$"),
         ("glossary index", r"^glossary/index\.html$"), ("timeline", r"^timeline/index\.html$"), ("map", r"^map/index\.html$"),
         ("search", r"^search/index\.html$"), ("about", r"^about/index\.html$"), ("404", r"^404\.html$")]


def gzipped(data: bytes) -> int:
    """Bytes of `data` as a server sends it gzip-compressed (level 6; no name or time in the header)."""
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def page_weight(site: Path, page: Path, base: str) -> dict:
    """Bytes of one page and of the stylesheets and scripts it links (each counted once), compressed
    ("html", "css", "js", "total") and as they are on disk ("raw")."""
    data = page.read_bytes()
    linked = sorted(set(re.findall(rf'(?:href|src)="{re.escape(base)}([^"?#]+\.(?:css|js))', data.decode("utf-8"))))
    parts, raw = {"html": gzipped(data)}, len(data)
    for path in linked:
        kind = "css" if path.endswith(".css") else "js"
        asset = (site / path).read_bytes()
        parts[kind] = parts.get(kind, 0) + gzipped(asset)
        raw += len(asset)
    parts["total"] = sum(parts.values())
    parts["raw"] = raw
    return parts


def essay_words(page: Path) -> int:
    """Bytes of the essay's own words on its page: the text of its numbered paragraphs, tags left out."""
    html = page.read_text(encoding="utf-8")
    spans = re.findall(r'<span class="ptext">(.*?)</span></p>', html, re.S)
    return sum(len(re.sub(r"<[^>]+>", "", span).encode("utf-8")) for span in spans)


def measure(site: Path, base: str = "/") -> dict[str, dict]:
    """The heaviest page of each type, with its breakdown."""
    result = {}
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts)
    for name, pattern in TYPES:
        weights = {p: page_weight(site, site / p, base) for p in pages if re.match(pattern, p)}
        if weights:
            heaviest = max(weights, key=lambda p: weights[p]["total"])
            result[name] = {"pages": len(weights), "heaviest": heaviest, **weights[heaviest],
                            "all": {p: w["total"] for p, w in weights.items()} if name == "essay" else {}}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=25 * 1024,
                        help="compressed bytes an essay page with its stylesheet and script may weigh")
    parser.add_argument("--url", default="https://user.github.io/crosscut/",
                        help="public address to build for (a project page's subpath lengthens every link)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    base = urlsplit(args.url).path.rstrip("/") + "/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(Options(root=ROOT, out=site, url=args.url))
        result = measure(site, base)
        words = {p: essay_words(site / p) for p in result["essay"]["all"]}
    print(f"built for {args.url}; bytes gzip-compressed, as they cross the wire (uncompressed in the last column)\n")
    print(f"{'page type':16} {'pages':>5} {'html':>8} {'css':>7} {'js':>7} {'total':>8} {'on disk':>8}  heaviest page")
    for name, r in result.items():
        print(f"{name:16} {r['pages']:5} {r['html']:8} {r.get('css', 0):7} {r.get('js', 0):7} {r['total']:8} {r['raw']:8}  {r['heaviest']}")
    over = {p: t for p, t in result["essay"]["all"].items() if t > args.budget}
    print(f"\n{'essay page':20} {'total':>8} {'its words':>10}  (words: the paragraphs' text, uncompressed)")
    for p, t in result["essay"]["all"].items():
        print(f"{p.split('/')[1]:20} {t:8} {words[p]:10}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    if over:
        print(f"over the {args.budget}-byte budget (compressed): {', '.join(over)}")
        return 1
    print(f"every essay page, with its stylesheet and script, is within the {args.budget}-byte budget (compressed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
