"""A broken template fails the build with the template's file and line, and site/ stays as it was."""

from pathlib import Path

from conftest import ROOT, copy_project, run_build, snapshot

DEFAULTS = ROOT / "crosscut" / "templates"

FAILED = "build failed; site/ was left as it was"


def override(project: Path, name: str) -> Path:
    """Copy a default template into the project's templates/, where it overrides the default."""
    target = project / "templates" / name
    target.write_text((DEFAULTS / name).read_text(encoding="utf-8"), encoding="utf-8")
    return target


def break_line(path: Path, old: str, new: str) -> int:
    """Replace the first occurrence of `old`; return the line it is on."""
    text = path.read_text(encoding="utf-8")
    line = text[:text.index(old)].count("\n") + 1
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return line


def test_syntax_error_names_template_line_and_fix(tmp_path):
    project = copy_project(tmp_path / "p")
    assert run_build(project, "--no-search", "--quiet").code == 0
    before = snapshot(project / "site")
    template = override(project, "essays.html")
    text = template.read_text(encoding="utf-8")
    line = text.count("\n", 0, text.rindex("{% endfor %}")) + 1
    template.write_text(text[:text.rindex("{% endfor %}")] + "{% endfo %}" + text[text.rindex("{% endfor %}") + 12:])
    run = run_build(project, "--no-search")
    assert run.code == 1
    assert run.stderr.startswith(
        f"1. templates/essays.html:{line}: error: template syntax: Encountered unknown tag 'endfo'. "
        "Jinja was looking for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for'.\n"
        "    fix: fix the tag on this line; every {% block %}, {% if %} and {% for %} needs its end tag\n")
    assert run.stderr.endswith(f"1 error(s), 0 warning(s)\n{FAILED}\n")
    assert snapshot(project / "site") == before


def test_unknown_value_names_template_and_line(tmp_path):
    project = copy_project(tmp_path / "p")
    line = break_line(override(project, "essays.html"), "{{ e.title }}", "{{ e.titel }}")
    run = run_build(project, "--no-search")
    assert run.code == 1
    assert run.stderr == (
        f"1. templates/essays.html:{line}: error: template failed: 'dict object' has no attribute 'titel'\n"
        "    fix: a template used a value the view does not give it; check the names against crosscut/views.py\n"
        f"1 error(s), 0 warning(s)\n{FAILED}\n")
