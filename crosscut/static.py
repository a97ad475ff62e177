"""Static files under content/ (images, PDFs, data): published at the same path in the site.

content/images/map.png becomes images/map.png, linked from Markdown as /images/map.png (the
renderer puts the base URL in front). Every other file under content/ is copied except what
the build reads itself (Markdown, YAML, the passage lock) and hidden files. Each goes through
the read boundary of sources.py: a regular file inside the project. A file whose address the
site uses for one of its own pages or folders is an error: it would replace that page.
"""

from __future__ import annotations

import os
from pathlib import Path

from .problems import Problems
from .sources import source_problem

NOT_PUBLISHED = (".md", ".yml", ".yaml", ".lock")  # the build's own sources: read, never copied
RESERVED = ("pagefind/",)  # folders the build writes after rendering (the search index)


def read_static(root: Path, problems: Problems) -> dict[str, bytes]:
    """The static files under content/, keyed by their site path, in name order."""
    content, found = root / "content", {}
    for top, dirs, files in os.walk(content):
        dirs.sort()
        for name in sorted(dirs):
            path = Path(top) / name
            if path.is_symlink():  # never followed: its files would be read from wherever it leads
                dirs.remove(name)
                problems.error(path, None, f"{name} is a link to a folder ({path.resolve()})",
                               "static files must be regular files inside content/; move the folder here instead")
        dirs[:] = [d for d in dirs if not d.startswith(".")]
        for name in sorted(files):
            path = Path(top) / name
            if name.startswith(".") or name.endswith(NOT_PUBLISHED):
                continue
            why = source_problem(path, root)
            if why:
                problems.error(path, None, f"{name} {why}",
                               "static files must be regular files inside the project; replace it with the file itself")
                continue
            found[path.relative_to(content).as_posix()] = path.read_bytes()
    return found


def add_static(files: dict[str, bytes], static: dict[str, bytes], root: Path, problems: Problems) -> dict[str, bytes]:
    """The rendered files with the static ones added; one that would replace a page or a folder of
    the site is reported at its path and left out."""
    folders = {path[:i + 1] for path in files for i, c in enumerate(path) if c == "/"} | set(RESERVED)
    out = dict(files)
    for path, data in static.items():
        taken = clash(path, files, folders)
        if taken:
            problems.error(root / "content" / path, None, f"would replace the site's own {taken}",
                           "rename the file, or move it into a folder of its own such as content/images/")
        else:
            out[path] = data
    return out


def clash(path: str, files: dict[str, bytes], folders: set[str]) -> str:
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
