"""Problems found while building: collected, numbered and reported like a compiler."""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    path: str  # file the problem is in, relative to the project root
    line: int | None  # 1-based line in that file, when there is one
    message: str  # what is wrong, in one sentence
    hint: str = ""  # how to fix it
    severity: str = "error"  # "error" fails the build, "warning" does not (unless --strict)

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = visible(f"{where}: {self.severity}: {self.message}")
        return f"{text}\n    fix: {visible(self.hint)}" if self.hint else text


# control characters from a file name or its text would act on the terminal; they are shown as \x1b
# (a line break stays: messages that quote a passage set its old and new words on lines of their own)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def visible(text: str) -> str:
    """Text for the terminal, each control character written out as an escape."""
    return CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


@dataclass
class Problems:
    """Every problem of one build, in the order found."""

    root: Path  # project root; paths are reported relative to it
    items: list[Problem] = field(default_factory=list)  # all problems so far
    # (kind, slug) of essays, themes and glossary entries that exist but could not be read, so that
    # references to them are not reported again; slug "*" when a whole file of them could not be read
    unread: set[tuple[str, str]] = field(default_factory=set)

    def _where(self, path: Path | str) -> str:
        path = Path(path)
        if not path.is_absolute():
            return path.as_posix()  # already relative to the root (the model keeps its paths so)
        path = Path(os.path.normpath(path))  # not resolved: a link is named where it is, not where it leads
        for root in (self.root.absolute(), self.root.resolve()):
            if path.is_relative_to(root):
                return path.relative_to(root).as_posix()
        return path.as_posix()

    def error(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        """Record a problem that fails the build."""
        self.items.append(Problem(self._where(path), line, message, hint, "error"))

    def warn(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        """Record a problem the build survives."""
        self.items.append(Problem(self._where(path), line, message, hint, "warning"))

    def could_not_read(self, kind: str, slug: str = "*") -> None:
        """Note that an essay, theme or glossary entry exists but has errors (slug "*": all of that kind)."""
        self.unread.add((kind, slug))

    def was_unread(self, kind: str, slug: str) -> bool:
        """Tell whether a reference to this key is to something already reported as unreadable."""
        return (kind, slug) in self.unread or (kind, "*") in self.unread

    def drop_warnings(self, since: int) -> None:
        """Forget the warnings recorded after the first `since` problems."""
        self.items[since:] = [p for p in self.items[since:] if p.severity == "error"]

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.items if p.severity == "warning"]

    def failed(self, strict: bool = False) -> bool:
        """Tell whether the build must stop: any error, or any warning when strict."""
        return bool(self.errors or (strict and self.warnings))

    def report(self) -> str:
        """Number every problem, errors first, for the terminal."""
        ordered = self.errors + self.warnings
        lines = [f"{n}. {p}" for n, p in enumerate(ordered, 1)]
        counts = f"{len(self.errors)} error(s), {len(self.warnings)} warning(s)"
        return "\n".join(lines + [counts]) if lines else ""


class BuildFailed(Exception):
    """Raised when a stage cannot go on; carries the problems collected so far."""

    def __init__(self, problems: Problems):
        super().__init__(problems.report())
        self.problems = problems


def did_you_mean(word: str, choices: list[str] | set[str]) -> str:
    """Suggest the closest known spelling, or nothing."""
    close = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
