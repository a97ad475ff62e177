"""Golden output: the fixture site in tests/golden/site-src/ builds to exactly tests/golden/expected/.

After a deliberate change, regenerate with `.venv/bin/python -m tests.golden.regen` (see tests/golden/README.md).
"""

from __future__ import annotations

import difflib

import pytest

from golden.regen import EXPECTED, build_golden, files

REGEN = "if the change is deliberate, run: .venv/bin/python -m tests.golden.regen"


@pytest.fixture(scope="module")
def golden(tmp_path_factory) -> tuple[dict[str, bytes], str]:
    out = tmp_path_factory.mktemp("golden") / "site"
    printed = build_golden(out)
    return files(out), printed


def first_difference(expected: dict[str, bytes], actual: dict[str, bytes]) -> str:
    """A readable account of the first file that differs: a unified diff for text, sizes otherwise."""
    for name in sorted(set(expected) | set(actual)):
        old, new = expected.get(name), actual.get(name)
        if old == new:
            continue
        if old is None or new is None:
            return f"{name}: {'not expected' if old is None else 'missing from the build'}"
        try:
            diff = difflib.unified_diff(old.decode("utf-8").splitlines(keepends=True), new.decode("utf-8").splitlines(keepends=True),
                                        f"expected/{name}", f"built/{name}", n=2)
            return "".join(list(diff)[:80])
        except UnicodeDecodeError:
            return f"{name}: binary file differs ({len(old)} bytes expected, {len(new)} built)"
    return ""


def test_the_fixture_builds_without_problems(golden):
    _, printed = golden
    assert printed == ""


def test_output_matches_the_expected_files(golden):
    actual, _ = golden
    expected = files(EXPECTED)
    missing, extra = sorted(set(expected) - set(actual)), sorted(set(actual) - set(expected))
    changed = sorted(k for k in set(expected) & set(actual) if expected[k] != actual[k])
    summary = "\n".join([f"missing: {k}" for k in missing] + [f"not expected: {k}" for k in extra] +
                        [f"differs: {k}" for k in changed])
    assert not summary, f"{summary}\n\n{first_difference(expected, actual)}\n{REGEN}"


def test_the_fixture_builds_every_page_type(golden):
    names = set(golden[0])
    assert {"index.html", "404.html", "about/index.html", "essays/index.html", "essays/petrova-2019/index.html",
            "essays/after-the-summit/index.html", "themes/index.html", "themes/channels/index.html",
            "themes/channels/reading/index.html", "glossary/index.html", "glossary/hotline/index.html",
            "glossary/moscow/index.html", "glossary/new-start/index.html", "timeline/index.html", "map/index.html",
            "search/index.html", "feed.xml", "sitemap.xml", "robots.txt", ".nojekyll"} <= names


def test_the_output_names_no_local_paths(golden):
    for name, data in golden[0].items():
        text = data.decode("utf-8", errors="replace")
        assert "/tmp/" not in text and "golden-" not in text.replace("golden-fixture", ""), name


def test_the_cleaner_and_the_analysis_show_in_the_output(golden):
    """What the fixture is there to show is in what the engine built from it."""
    built = golden[0]
    petrova = built["essays/petrova-2019/index.html"].decode("utf-8")
    summit = built["essays/after-the-summit/index.html"].decode("utf-8")
    theme = built["themes/channels/index.html"].decode("utf-8")
    for chrome in ("Share this article", "Tags:", "Language:", "Related posts", "Why Inspections Matter"):
        assert chrome not in petrova, chrome
    for chrome in (">Print<", ">Email<", "Advertisement"):
        assert chrome not in summit, chrome
    assert 'id="p4"' in petrova and 'id="p5"' not in petrova and 'id="p3"' in summit and 'id="p4"' not in summit
    assert '<p class="note-bio">Anna Petrova is a senior fellow' in petrova
    assert '<a href="/golden/glossary/hotline/">Hotline</a>' in summit  # case-insensitive entry, original letters
    assert '<figure class="quote"' in theme and "<q cite=" in theme
