"""Rendering helpers on inline inputs: the assets a project ships."""

from __future__ import annotations

from crosscut.render import read_assets


def test_scripts_keep_every_statement_when_minified(tmp_path):
    """A line that starts with '*' is a continued expression, not a comment, and must survive."""
    (tmp_path / "calc.js").write_text("// a comment\nconst area = width\n  * height; /* gone */\nconst s = '/* kept */';\n",
                                      encoding="utf-8")
    js = read_assets(tmp_path)["assets/calc.js"].decode("utf-8")
    assert "width*height" in js.replace(" ", "").replace("\n", "")
    assert "'/* kept */'" in js and "a comment" not in js and "gone" not in js


def test_stylesheets_keep_strings_and_lose_comments(tmp_path):
    (tmp_path / "s.css").write_text('/* note */\na::before { content: "a  ;  b"; }\n', encoding="utf-8")
    css = read_assets(tmp_path)["assets/s.css"].decode("utf-8")
    assert css == 'a::before{content:"a  ;  b"}\n'


def test_a_project_without_assets_gets_none(tmp_path):
    assert read_assets(tmp_path / "missing") == {}
