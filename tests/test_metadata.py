"""The metadata of each essay as its page shows it: title, authors, date and precision, outlet, original."""

from __future__ import annotations

import re

import pytest

from crosscut.model import PartialDate

from htmltext import read_essay_page

# What each page must say. Where the seed states a fact, the value is the seed's; where it does
# not, the value is the curated one from content/essays/<slug>.yml, or "unknown".
EXPECTED = {
    "wallander-2003": dict(
        title="US-Russian Relations: Between Realism and Reality",
        authors=[("Celeste A. Wallander", "Russia and Eurasia Program, Center for Strategic and International Studies")],
        date="2003", datetime="2003", precision="year", outlet="Current History",
        url="https://online.ucpress.edu/currenthistory/article-abstract/102/666/307/108479/US-Russian-Relations-Between-Realism-and-Reality"),
    "troitskiy-2013": dict(
        title="Setting Expectations Right",
        authors=[("Mikhail Troitskiy", "Moscow State Institute of International Relations")],
        date="5 December 2013", datetime="2013-12-05", precision="day", outlet="The Moscow Times",
        url="https://www.themoscowtimes.com/2013/12/05/setting-expectations-right-a30238"),
    "where-to-now-2021": dict(
        title="US-Russian Relations: Where to Now?", authors=[],
        date="2021", datetime="2021", precision="year", outlet="unknown", url=None),
    "yu-sui-2021": dict(
        title="Will U.S.-Russia Stalemate Ever End?",
        authors=[("Yu Sui", "China Center for Contemporary World Studies")],
        date="6 April 2021", datetime="2021-04-06", precision="day", outlet="China-US Focus", url=None),
    "mankoff": dict(
        title="Stop having unrealistic expectations",
        authors=[("Jeffrey Mankoff", "Center for Strategic and International Studies")],
        date="date unknown", datetime=None, precision="unknown", outlet="Carnegie Corporation of New York",
        url="https://perspectives.carnegie.org/us-russia/stop-unrealistic-expectations/"),
}
SLUGS = sorted(EXPECTED)


@pytest.fixture(scope="module")
def pages(site):
    return {slug: read_essay_page(site.essay(slug)) for slug in SLUGS}


@pytest.mark.parametrize("slug", SLUGS)
def test_title(slug, pages):
    assert pages[slug].title == EXPECTED[slug]["title"]
    head_title = pages[slug].tree.find("title").text()
    assert head_title.startswith(EXPECTED[slug]["title"] + " · ")


@pytest.mark.parametrize("slug", SLUGS)
def test_authors_and_affiliations(slug, pages):
    page, expected = pages[slug], EXPECTED[slug]["authors"]
    if expected:
        assert page.authors == tuple(name for name, _ in expected)
        assert page.affiliations == tuple(aff for _, aff in expected)
        assert page.byline == "By " + ", ".join(f"{n} ({a})" for n, a in expected)
    else:
        assert page.byline.startswith("Author unknown")
        assert page.affiliations == ()


@pytest.mark.parametrize("slug", SLUGS)
def test_date_and_precision(slug, pages):
    page, expected = pages[slug], EXPECTED[slug]
    assert page.time is not None
    assert page.time.text() == expected["date"]
    assert page.time.attrs.get("datetime") == expected["datetime"]
    published = page.facts["Published"]
    if expected["precision"] in ("year", "month"):
        assert f"({expected['precision']} only)" in published
    else:
        assert "only)" not in published


def test_inferred_dates_say_how_they_are_known(pages):
    for slug in ("wallander-2003", "where-to-now-2021"):
        note = pages[slug].tree.find("span", "date-note")
        assert note is not None and re.search(r"¶\s*\d+", note.text()), slug


@pytest.mark.parametrize("slug", SLUGS)
def test_outlet(slug, pages):
    assert pages[slug].facts["Outlet"] == EXPECTED[slug]["outlet"]


@pytest.mark.parametrize("slug", SLUGS)
def test_original_address(slug, pages):
    assert pages[slug].original_href == EXPECTED[slug]["url"]
    if EXPECTED[slug]["url"] is None:
        assert pages[slug].facts["Original"] == "address unknown"


def test_series_is_shown_for_the_carnegie_essays(pages):
    assert pages["troitskiy-2013"].facts["Series"] == "Perspectives on Peace and Security: Rebuilding the U.S.-Russia Relationship"
    assert pages["mankoff"].facts["Series"] == "Perspectives on Peace and Security: Rebuilding the U.S.–Russia Relationship"


@pytest.mark.parametrize("text, precision, display", [
    ("2013-12-05", "day", "5 December 2013"),
    ("2021-04", "month", "April 2021"),
    ("2003", "year", "2003"),
    ("unknown", "unknown", "date unknown"),
])
def test_partial_date(text, precision, display):
    date = PartialDate.parse(text)
    assert (date.precision, date.display) == (precision, display)


@pytest.mark.parametrize("text", ["2021-02-31", "2021-04-31", "2021-13", "21-04-06", "April 2021", "2021-4-6-1"])
def test_partial_date_rejects_impossible_dates(text):
    with pytest.raises(ValueError):
        PartialDate.parse(text)
