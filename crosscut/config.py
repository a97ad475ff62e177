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
    url: str  # absolute public address with scheme, ending in "/" (feeds, sitemap, citations); "" when not set
    repository: str  # where the sources live, or "" (shown in the footer)
    updated: str  # date of this edition of the site, YYYY-MM-DD (Atom feed), "" when unset


DEFAULTS = {
    "title": "crosscut",
    "description": "",
    "language": "en",
    "base_url": "",  # empty: the path of 'url', or "/" without one
    "url": "",  # empty: no public address is known, so none is invented (see feeds.left_out)
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
    url_ok = not values["url"] or bool(WEB_ADDRESS.fullmatch(values["url"]))
    if not url_ok:
        problems.error(path, None, f"setting 'url' must be an absolute address, got '{values['url']}'",
                       "write it as url: \"https://user.github.io/repo/\"")
    values["url"] = values["url"].rstrip("/") + "/" if values["url"] else ""
    if values["repository"] and not WEB_ADDRESS.fullmatch(values["repository"]):
        problems.error(path, None, f"setting 'repository' must be a web address, got '{values['repository']}'",
                       "write it as repository: \"https://github.com/user/repo\", or leave it empty")
    if not LANGUAGE.fullmatch(values["language"]):
        problems.error(path, None, f"setting 'language' must be a language code such as 'en' or 'pt-BR', got '{values['language']}'",
                       "write it as language: \"en\"")
    if values["updated"] and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", values["updated"]):
        problems.error(path, None, f"setting 'updated' must be a date YYYY-MM-DD, got '{values['updated']}'",
                       "write it as updated: \"2026-11-23\"")
    explicit = base_url if base_url is not None else values["base_url"]  # else the path of the url (reported above if bad)
    values["base_url"] = normalise_base_url(explicit or urlsplit(values["url"]).path)
    if not BASE_PATH.fullmatch(values["base_url"]) and (explicit or url_ok):
        problems.error(path, None, f"the base URL '{values['base_url']}' may hold only letters, digits and - . _ ~ between its slashes",
                       "serve the site under a plain path such as /crosscut/ (set by base_url, url or --base-url)")
    return SiteConfig(**values)


# Settings end up inside href attributes and citations, so they are held to the characters an
# address needs: nothing that could close a quote, start markup or hide in whitespace.
WEB_ADDRESS = re.compile(r"https?://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%!$&'()*+,;=:@/-]*)?")
BASE_PATH = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*")
LANGUAGE = re.compile(r"[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*")
