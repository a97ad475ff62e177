"""Reading YAML: values and the line of every key from one parse, and keys given twice reported
instead of silently dropped."""

from __future__ import annotations

from pathlib import Path

from crosscut.problems import Problems
from crosscut.yamlfile import read_yaml


def read(text: str) -> tuple[object, list[tuple[int | None, str]]]:
    problems = Problems(Path("."))
    doc = read_yaml(Path("content/x.yml"), problems, text=text)
    return doc, [(p.line, p.message) for p in problems.errors]


def test_lines_of_keys_and_items():
    doc, errors = read("a:\n  name: A\n  aliases:\n    - one\n    - two\nb:\n  name: B\n")
    assert not errors
    assert (doc.line("a"), doc.line("a", "aliases"), doc.line("a", "aliases", 1), doc.line("b", "name")) == (1, 3, 5, 7)
    assert doc.data["a"]["aliases"] == ["one", "two"]


def test_a_key_given_twice_is_an_error_at_its_second_line():
    doc, errors = read("new-start:\n  name: New START\nnato:\n  name: NATO\nnew-start:\n  name: Again\n")
    assert doc is None
    assert errors == [(5, "'new-start' appears twice (first on line 1); YAML would silently keep only this one")]


def test_a_field_given_twice_inside_an_entry_is_found_too():
    _, errors = read("nato:\n  name: NATO\n  kind: institution\n  name: North Atlantic Treaty Organization\n")
    assert errors == [(4, "'name' appears twice (first on line 2); YAML would silently keep only this one")]


def test_the_same_key_in_two_entries_is_no_repeat():
    doc, errors = read("a:\n  name: A\nb:\n  name: B\n")
    assert doc is not None and not errors
