"""Static files under content/ (images, PDFs, data): published at the same path in the site.

content/images/map.png becomes images/map.png, linked from Markdown as /images/map.png (the
renderer puts the base URL in front). Every other file under content/ is copied except what
the build reads itself (Markdown, YAML, the passage lock) and hidden files. Each goes through
the read boundary of sources.py: a regular file inside the project. Content is untrusted, so
only kinds of file a browser shows without running anything are published: a web page, an SVG
image or a script would run its code on the site's own address when opened. A file whose
address the site uses for one of its own pages or folders is an error: it would replace that page.
"""

from __future__ import annotations

import os
from pathlib import Path

from . import urls
from .problems import Problems
from .sources import source_problem

NOT_PUBLISHED = (".md", ".yml", ".yaml", ".lock")  # the build's own sources: read, never copied
PUBLISHED = {"images": (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif"),  # what a static file may be
             "documents": (".pdf", ".txt", ".csv", ".json"), "audio and video": (".mp3", ".m4a", ".ogg", ".mp4", ".webm")}
# What the build may write besides the rendered pages: the search index, after rendering, and with a
# public address only the sitemap, the feed and the share images. A static file may take none of
# them, so that whether it is published never depends on the address the site is built for.
RESERVED = (urls.pagefind(""), urls.cards())  # folders
RESERVED_FILES = (urls.sitemap(), urls.feed())


def read_static(root: Path, problems: Problems) -> dict[str, bytes]:
    """The static files under content/, keyed by their path there, in name order."""
    content, found = root / "content", {}
    for top, dirs, files in os.walk(content):
        for name in sorted(dirs):
            if (Path(top) / name).is_symlink():  # never followed: its files would come from wherever it leads
                dirs.remove(name)
                problems.error(Path(top) / name, None, f"{name} is a link to a folder ({(Path(top) / name).resolve()})",
                               "static files must be regular files inside content/; move the folder here instead")
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            path = Path(top) / name
            if name.startswith(".") or name.endswith(NOT_PUBLISHED):
                continue
            problem = static_problem(path, root)
            if problem:
                problems.error(path, None, *problem)
            else:
                found[path.relative_to(content).as_posix()] = path.read_bytes()
    return found


def static_problem(path: Path, root: Path) -> tuple[str, str] | None:
    """Why a file under content/ may not be published, as (message, fix); None when it may."""
    why = source_problem(path, root)
    if why:
        return f"{path.name} {why}", "static files must be regular files inside the project; replace it with the file itself"
    if not path.name.lower().endswith(sum(PUBLISHED.values(), ())):
        kinds = "; ".join(f"{kind} as {', '.join(ends)}" for kind, ends in PUBLISHED.items())
        return (f"{path.name}: a file of this kind is not published: opened in a browser it could run code on the "
                "site's address (a web page, an SVG image or a script can)", f"publish {kinds}; or move it out of content/")
    return None


def add_static(files: dict[str, bytes], static: dict[str, bytes], root: Path, problems: Problems) -> dict[str, bytes]:
    """The rendered files with the static ones added; one that would replace a page or a folder of
    the site is reported at its path and left out."""
    taken = set(files) | set(RESERVED_FILES)
    folders = {path[:i + 1] for path in taken for i, c in enumerate(path) if c == "/"} | set(RESERVED)
    out = dict(files)
    for source, data in static.items():
        path = urls.output_file(urls.static_file(source))
        replaced = clash(path, taken, folders)
        if replaced:
            problems.error(root / "content" / source, None, f"would replace the site's own {replaced}",
                           "rename the file, or move it into a folder of its own such as content/images/")
        else:
            out[path] = data
    return out


def clash(path: str, files: set[str], folders: set[str]) -> str:
    """The site's own file or folder that a static file at `path` would replace, or ""."""
    if path in files:
        return path
    if path + "/" in folders:  # a file where the site needs a folder
        return path + "/"
    parts = path.split("/")
    for i in range(1, len(parts)):  # a folder where the site writes a file, or one the build fills later
        above = "/".join(parts[:i])
        if above in files or above + "/" in RESERVED:
            return above if above in files else above + "/"
    return ""
