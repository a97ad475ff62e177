"""YAML files read with the lines of every key and item, so problems can point at them."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problems
from .sources import control_characters, describe, read_source, report_controls

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


MAX_DEPTH = 40  # nesting deeper than any curated file needs; deeper input is refused, not recursed into


class Guarded(yaml.composer.Composer):
    """PyYAML's composer without aliases, and with a cap on nesting.

    An alias (*name) repeats a value by reference, so ten short lines of them can stand for
    billions of values ("billion laughs"); curated files never need one, so each is refused
    at its own line before anything is expanded."""

    depth = 0  # nesting of the node being composed

    def compose_node(self, parent, index):
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise yaml.composer.ComposerError(None, None, f"aliases (*{event.anchor}) are not allowed", event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, f"values nested more than {MAX_DEPTH} deep",
                                              self.peek_event().start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


class Loader(Guarded, yaml.SafeLoader):
    """The safe loader, all in Python: its error messages are the ones where_and_what() knows."""


class FastLoader(Guarded, yaml.cyaml.CParser, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """The same, reading through libyaml (C) where PyYAML has it: a collection of thousands of
    essays has thousands of metadata files. A file it cannot read is read again by Loader, for
    the message."""

    def __init__(self, stream):
        yaml.cyaml.CParser.__init__(self, stream)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)
        Guarded.__init__(self)


LOADERS = (FastLoader, Loader) if yaml.__with_libyaml__ else (Loader,)


# the fix for each kind of YAML error; the default suits most
QUOTE_FIX = 'close the quote; inside "…" write \\" for a quote mark, inside \'…\' write \'\''
FIXES = {
    "aliases": "write the value out in full where it is needed",
    "nested": "flatten the value: curated files need only a few levels",
}
DEFAULT_FIX = "check indentation and quoting on this line; quote values that contain ': ' or '#'"


def where_and_what(err: yaml.MarkedYAMLError, text: str) -> tuple[int | None, str, str]:
    """The line of the mistake, the message and the fix for one PyYAML error.

    PyYAML marks where it noticed the problem. For an unclosed quote or bracket that is the end of
    the file, or the line where a later quote happened to close it; the mistake is where the quote
    or bracket opened, so that is the line reported."""
    context, problem = err.context or "", err.problem or ""
    runaway = runaway_quote(text, err.problem_mark) if isinstance(err, yaml.parser.ParserError) else None
    if runaway:
        return (runaway.start_mark.line + 1, f"malformed YAML: the quoted value that starts on this line runs on to line "
                f"{runaway.end_mark.line + 1}; is its closing quote missing?", QUOTE_FIX)
    if context.startswith("while scanning a quoted scalar"):
        return mark_line(err.context_mark), "malformed YAML: the quoted value that starts on this line is never closed", QUOTE_FIX
    if context.startswith("while parsing a flow"):
        kind = "list opened with '['" if "sequence" in context else "mapping opened with '{'"
        return mark_line(err.context_mark), f"malformed YAML: the {kind} on this line is not closed properly ({problem})", DEFAULT_FIX
    if context.startswith("while scanning a simple key"):
        return mark_line(err.context_mark), f"malformed YAML: {problem}", "add ': ' after the key, or join this line to the one before"
    fix = next((f for word, f in FIXES.items() if problem.startswith(word) or f" {word} " in problem), DEFAULT_FIX)
    return mark_line(err.problem_mark or err.context_mark), f"malformed YAML: {problem or context}", fix


def runaway_quote(text: str, mark) -> yaml.Token | None:
    """The quoted value just before a parse error, when it spans lines: most likely a quote left open."""
    if mark is None:
        return None
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.index >= mark.index:
                break
            last = token
    except yaml.YAMLError:
        pass
    quoted = isinstance(last, yaml.ScalarToken) and last.style in ('"', "'")
    return last if quoted and last.end_mark.line > last.start_mark.line else None


def mark_line(mark) -> int | None:
    return mark.line + 1 if mark else None


def read_yaml(path: Path, problems: Problems, text: str | None = None) -> YamlDoc | None:
    """Parse one YAML mapping; on failure record the error with its line and return None.

    With `text`, parse that (front matter already read from `path`); otherwise read the file
    through the read boundary."""
    if text is None:
        text = read_source(path, problems)
        if text is None:
            return None
    if not report_controls(path, text, problems):
        return None
    try:  # one parse: the node tree gives the lines, the same tree gives the values
        node, data = parse(text, LOADERS[0])
    except yaml.YAMLError:
        pass
    else:
        return checked(path, text, node, data, problems)
    try:
        node, data = parse(text, Loader)
    except yaml.MarkedYAMLError as err:
        line, message, fix = where_and_what(err, text)
        problems.error(path, line, message, fix)
        return None
    except yaml.reader.ReaderError as err:  # a character YAML does not accept anywhere
        problems.error(path, text.count("\n", 0, err.position) + 1, f"malformed YAML: character U+{err.character:04X} is not allowed",
                       "delete the character: it is not text")
        return None
    return checked(path, text, node, data, problems)


def parse(text: str, loader_class: type) -> tuple[yaml.Node | None, object]:
    """The node tree of a YAML document and its values; raise yaml.YAMLError when it is malformed."""
    loader = loader_class(text)
    try:
        node = loader.get_single_node()
        return node, loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def checked(path: Path, text: str, node: yaml.Node | None, data: object, problems: Problems) -> YamlDoc | None:
    """The document, unless a key repeats or a value escapes a control character (each reported)."""
    repeated = duplicate_keys(node) if node is not None else []
    for key, line, first in repeated:
        problems.error(path, line, f"'{key}' appears twice (first on line {first}); YAML would silently keep only this one",
                       "merge the two, or rename one of them")
    escaped = escaped_controls(node) if node is not None else []
    for line, chars in escaped:
        problems.error(path, line, f"invisible control character ({chars}) in a value",
                       "delete the escape that makes it: it is not text, and pages and feeds cannot carry it")
    if repeated or escaped:
        return None
    if data is None:
        return YamlDoc(path, {})
    if not isinstance(data, dict):
        problems.error(path, 1, f"expected a mapping of 'key: value' lines, found a {type(data).__name__}",
                       "write one 'key: value' per line")
        return None
    return YamlDoc(path, data, node_spans(node), tuple(text.split("\n")))


def escaped_controls(node: yaml.Node) -> list[tuple[int, str]]:
    """Values that hold a control character through an escape ("\\x00"): (line, the characters)."""
    found = []
    if isinstance(node, yaml.ScalarNode):
        chars = ", ".join(dict.fromkeys(describe(c) for _, c in control_characters(node.value)))
        if chars:
            found.append((node.start_mark.line + 1, chars))
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            found += escaped_controls(key) + escaped_controls(value)
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            found += escaped_controls(item)
    return found


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
