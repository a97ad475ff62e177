#!/usr/bin/env python3
"""Page weight per page type: bytes of HTML + the CSS and JS it links (the search index excluded).

    python bench/weights.py [--budget 40960]

Builds the site into a temporary folder, reports every page type's heaviest page, and exits 1
when an essay page exceeds the budget (default 40 KB, uncompressed, stylesheet included).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from crosscut.pipeline import Options, build  # noqa: E402

TYPES = [("essay", r"^essays/[^/]+/index\.html$"), ("theme", r"^themes/[^/]+/index\.html$"),
         ("reading list", r"^themes/[^/]+/reading/index\.html$"), ("glossary entry", r"^glossary/[^/]+/index\.html$"),
         ("home", r"^index\.html$"), ("essays index", r"^essays/index\.html$"), ("themes index", r"^themes/index\.html$"),
         ("glossary index", r"^glossary/index\.html$"), ("timeline", r"^timeline/index\.html$"), ("map", r"^map/index\.html$"),
         ("search", r"^search/index\.html$"), ("about", r"^about/index\.html$"), ("404", r"^404\.html$")]


def page_weight(site: Path, page: Path) -> dict:
    """Bytes of one page and of the stylesheets and scripts it links (each counted once)."""
    html = page.read_text(encoding="utf-8")
    linked = sorted(set(re.findall(r'(?:href|src)="/([^"?#]+\.(?:css|js))', html)))
    parts = {"html": len(html.encode("utf-8"))}
    for path in linked:
        kind = "css" if path.endswith(".css") else "js"
        parts[kind] = parts.get(kind, 0) + (site / path).stat().st_size
    parts["total"] = sum(parts.values())
    return parts


def measure(site: Path) -> dict[str, dict]:
    """The heaviest page of each type, with its breakdown."""
    result = {}
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "pagefind" not in p.parts)
    for name, pattern in TYPES:
        weights = {p: page_weight(site, site / p) for p in pages if re.match(pattern, p)}
        if weights:
            heaviest = max(weights, key=lambda p: weights[p]["total"])
            result[name] = {"pages": len(weights), "heaviest": heaviest, **weights[heaviest],
                            "all": {p: w["total"] for p, w in weights.items()} if name == "essay" else {}}
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--budget", type=int, default=40 * 1024, help="bytes an essay page may weigh")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(Options(root=ROOT, out=site))
        result = measure(site)
    print(f"{'page type':16} {'pages':>5} {'html':>8} {'css':>7} {'js':>7} {'total':>8}  heaviest page")
    for name, r in result.items():
        print(f"{name:16} {r['pages']:5} {r['html']:8} {r.get('css', 0):7} {r.get('js', 0):7} {r['total']:8}  {r['heaviest']}")
    over = {p: t for p, t in result["essay"]["all"].items() if t > args.budget}
    print("\nessay pages:", ", ".join(f"{p.split('/')[1]} {t}" for p, t in result["essay"]["all"].items()))
    if args.json:
        args.json.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n")
    if over:
        print(f"over the {args.budget}-byte budget: {', '.join(over)}")
        return 1
    print(f"every essay page is within the {args.budget}-byte budget")
    return 0


if __name__ == "__main__":
    sys.exit(main())
