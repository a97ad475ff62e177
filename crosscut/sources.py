"""The read boundary: every source file comes through here, checked before any stage sees its text.

A source must be a regular file inside the project (a symlink is followed only when its target
is inside too), must be UTF-8, and must not hold control characters. Each problem names the
file and, where there is one, the line.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

from .problems import Problems

# C0 and C1 control characters except tab, line feed and carriage return: invisible, not text,
# invalid in XML, and some (form feed, vertical tab) count as line breaks to Python but not to editors
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def source_problem(path: Path, root: Path) -> str:
    """Why `path` may not be read as a source ("" when it may): not a file, or outside the project."""
    # a link (the file's, or a folder's on the way to it) is followed only to a target inside the project
    target = path.resolve()
    if not target.is_relative_to(root.resolve()):
        return f"leads outside the project (to {target})"
    try:
        mode = os.stat(target).st_mode
    except OSError:
        return "is a link to a file that does not exist" if path.is_symlink() else "is missing"
    if stat.S_ISDIR(mode):
        return "is a folder, not a file"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    return ""


def read_source(path: Path, problems: Problems, hint: str = "save the file as UTF-8") -> str | None:
    """A source file's text (a byte-order mark dropped); None, with a problem, when it cannot be read as text."""
    why = source_problem(path, problems.root)
    if why:
        problems.error(path, None, f"{path.name} {why}",
                       "sources must be regular files inside the project; replace it with the file itself")
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[:err.start].count(b"\n") + 1
        problems.error(path, line, f"not UTF-8 text (byte {data[err.start]:#04x} cannot be decoded)", hint)
        return None


def control_characters(text: str) -> list[tuple[int, str]]:
    """Each control character in the text with its 1-based line, in order."""
    return [(text.count("\n", 0, m.start()) + 1, m.group()) for m in CONTROL.finditer(text)]


def describe(char: str) -> str:
    """A control character as a reader can look it up: U+0000."""
    return f"U+{ord(char):04X}"


def report_controls(path: Path, text: str, problems: Problems, first_line: int = 1) -> bool:
    """Report each line of curated text that holds a control character; True when there are none."""
    found = control_characters(text)
    for line in dict.fromkeys(n for n, _ in found):
        chars = ", ".join(dict.fromkeys(describe(c) for n, c in found if n == line))
        problems.error(path, first_line + line - 1, f"invisible control character ({chars}) in the text",
                       "delete it: it is not text, and pages and feeds cannot carry it")
    return not found


def check_folder(folder: Path, problems: Problems) -> None:
    """Report every entry of a folder read as a whole (templates/) that leads outside the project.

    Templates and assets are read by Jinja and copied as they are, so they are checked here,
    entry by entry, before anything is rendered; links are not followed into other folders."""
    if not folder.is_dir():
        return
    for top, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(top) / name
            if path.is_symlink() and not path.resolve().is_relative_to(problems.root.resolve()):
                problems.error(path, None, f"{name} leads outside the project (to {path.resolve()})",
                               "sources must be regular files inside the project; replace it with the file itself")


def check_project(root: Path, problems: Problems) -> bool:
    """Tell whether `root` holds a project (a content/ folder); report it once when it does not."""
    if (root / "content").is_dir():
        return True
    problems.error(root / "content", None, "no content/ folder here: this is not a crosscut project",
                   "run crosscut in the project's folder (or name it with -C <folder>); to start one: crosscut new <folder>")
    return False
