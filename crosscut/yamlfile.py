"""YAML files read with the lines of every key and item, so problems can point at them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problems

Path_ = tuple  # a path into the document: ("claims", 0, "at")


@dataclass(frozen=True)
class YamlDoc:
    path: Path  # the file read
    data: dict  # its top-level mapping, values as plain Python
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)  # key or item -> first and last line
    source: tuple[str, ...] = ()  # the text as read, one entry per line

    def line(self, *path) -> int:
        """First line of a key or item; of its nearest parent when absent; 1 for the document."""
        while path and path not in self.spans:
            path = path[:-1]
        return self.spans[path][0] if path else 1

    def excerpt(self, *path) -> tuple[int, str]:
        """The raw lines of a key or item (from its key on), with the number of the first one."""
        if path not in self.spans:
            return 1, ""
        first, last = self.spans[path]
        return first, "\n".join(self.source[first - 1:last])


def read_yaml(path: Path, problems: Problems, text: str | None = None) -> YamlDoc | None:
    """Parse one YAML mapping; on failure record the error with its line and return None."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    loader = yaml.SafeLoader(text)
    try:  # one parse: the node tree gives the lines, the same tree gives the values
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        problems.error(
            path, line, f"malformed YAML: {err.problem or err.context}",
            "check indentation and quoting on this line; quote values that contain ': ' or '#'",
        )
        return None
    finally:
        loader.dispose()
    repeated = duplicate_keys(node) if node is not None else []
    for key, line, first in repeated:
        problems.error(path, line, f"'{key}' appears twice (first on line {first}); YAML would silently keep only this one",
                       "merge the two, or rename one of them")
    if repeated:
        return None
    if data is None:
        return YamlDoc(path, {})
    if not isinstance(data, dict):
        problems.error(path, 1, f"expected a mapping of 'key: value' lines, found a {type(data).__name__}",
                       "write one 'key: value' per line")
        return None
    return YamlDoc(path, data, node_spans(node), tuple(text.split("\n")))


def duplicate_keys(node: yaml.Node) -> list[tuple[str, int, int]]:
    """Keys given twice in one mapping, anywhere in the tree: (key, its line, line of the first)."""
    found = []
    if isinstance(node, yaml.MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            line = key.start_mark.line + 1
            if isinstance(key, yaml.ScalarNode):
                if key.value in seen:
                    found.append((key.value, line, seen[key.value]))
                else:
                    seen[key.value] = line
            found += duplicate_keys(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += duplicate_keys(item)
    return found


def last_line(node: yaml.Node) -> int:
    """1-based last line of a node (its end mark sits at the start of the next line after a block)."""
    mark = node.end_mark
    return mark.line if mark.column == 0 else mark.line + 1


def node_spans(node: yaml.Node, path: Path_ = ()) -> dict[Path_, tuple[int, int]]:
    """Lines of every mapping key (from the key to the end of its value) and every sequence item."""
    spans: dict[Path_, tuple[int, int]] = {}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            here = path + (key.value,)
            spans[here] = (key.start_mark.line + 1, max(key.start_mark.line + 1, last_line(value)))
            spans.update(node_spans(value, here))
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            here = path + (index,)
            spans[here] = (item.start_mark.line + 1, last_line(item))
            spans.update(node_spans(item, here))
    return spans
