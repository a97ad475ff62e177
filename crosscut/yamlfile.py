"""YAML files read with the line of every top-level key, so problems can point at it."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problems


@dataclass(frozen=True)
class YamlDoc:
    path: Path  # the file read
    data: dict  # its top-level mapping, values as plain Python
    lines: dict[str, int] = field(default_factory=dict)  # top-level key -> 1-based line

    def line(self, key: str) -> int:
        """Line of a key, or of the document start when the key is absent."""
        return self.lines.get(key, 1)


def read_yaml(path: Path, problems: Problems, text: str | None = None) -> YamlDoc | None:
    """Parse one YAML mapping; on failure record the error with its line and return None."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problems.error(
            path, line, f"malformed YAML: {err.problem or err.context}",
            "check indentation and quoting on this line; quote values that contain ': ' or '#'",
        )
        return None
    if data is None:
        return YamlDoc(path, {}, {})
    if not isinstance(data, dict):
        problems.error(path, 1, f"expected a mapping of 'key: value' lines, found a {type(data).__name__}",
                       "write one 'key: value' per line")
        return None
    lines = {str(k.value): k.start_mark.line + 1 for k, _ in node.value}
    return YamlDoc(path, data, lines)
