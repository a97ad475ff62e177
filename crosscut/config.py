"""Site settings: content/site.yml -> a frozen SiteConfig."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from .problems import Problems, did_you_mean
from .yamlfile import read_yaml


@dataclass(frozen=True)
class SiteConfig:
    title: str  # site name shown in the header and the <title>
    description: str  # one sentence about the collection (home page, meta description)
    language: str  # BCP 47 code for <html lang>
    base_url: str  # path prefix the site is served under: "/" or "/repo/"
    url: str  # absolute public address with scheme, ending in "/" (feeds, sitemap, citations)
    repository: str  # where the sources live, or "" (shown in the footer)
    updated: str  # date of this edition of the site, YYYY-MM-DD (Atom feed), "" when unset

    def absolute(self, path: str) -> str:
        """Turn a site path ("essays/x/") into the public absolute URL."""
        return self.url + path.lstrip("/")


DEFAULTS = {
    "title": "crosscut",
    "description": "",
    "language": "en",
    "base_url": "",  # empty: the path of 'url'
    "url": "http://localhost:8000/",
    "repository": "",
    "updated": "",
}


def normalise_base_url(value: str) -> str:
    """Make a base URL start and end with one slash ("crosscut" -> "/crosscut/")."""
    value = value.strip().strip("/")
    return f"/{value}/" if value else "/"


def read_config(root: Path, problems: Problems, base_url: str | None = None, url: str | None = None) -> SiteConfig:
    """Read content/site.yml, fill defaults, apply --url and --base-url overrides."""
    path = root / "content" / "site.yml"
    values = dict(DEFAULTS)
    if path.exists():
        doc = read_yaml(path, problems)
        if doc:
            for key, value in doc.data.items():
                if key not in DEFAULTS:
                    problems.error(path, doc.line(key), f"unknown setting '{key}'{did_you_mean(key, DEFAULTS)}",
                                   f"known settings: {', '.join(DEFAULTS)}")
                elif not isinstance(value, str):
                    problems.error(path, doc.line(key), f"setting '{key}' must be text",
                                   f"write it as {key}: \"...\"")
                else:
                    values[key] = value
    if url is not None:
        values["url"] = url
    if not values["url"].startswith(("http://", "https://")):
        problems.error(path, None, f"setting 'url' must be an absolute address, got '{values['url']}'",
                       "write it as url: \"https://user.github.io/repo/\"")
    values["url"] = values["url"].rstrip("/") + "/"
    if values["updated"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["updated"]):
        problems.error(path, None, f"setting 'updated' must be a date YYYY-MM-DD, got '{values['updated']}'",
                       "write it as updated: \"2026-11-23\"")
    chosen = base_url if base_url is not None else values["base_url"] or urlsplit(values["url"]).path
    values["base_url"] = normalise_base_url(chosen)
    return SiteConfig(**values)
