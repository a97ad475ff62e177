"""The pictures drawn at build time (crosscut/charts.py), on small inline data: where labels go,
how time is laid out, what each mark links to, and that content text cannot break the markup."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from markdown_it import MarkdownIt

from crosscut.charts import (LONGEST, TIMELINE, Label, TimeMark, clip, label_cells, level, matrix_svg, side_by_side,
                             spread, time_span, timeline_svg, year_runs)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    """An SVG string as an element tree (it must be well-formed XML to parse at all)."""
    return ET.fromstring(svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1))


def mark(key, year, month=None, day=None, kind="event", label=None):
    return TimeMark(key=key, kind=kind, year=year, month=month, day=day, label=label or key, title=f"{key} title")


# ---------------------------------------------------------------- labels that keep their distance


def test_labels_with_room_stay_where_they_want_to_be():
    assert spread([10, 40, 100], gap=18) == [10, 40, 100]


def test_crowded_labels_move_apart_as_a_block_centred_on_their_places():
    placed = spread([50, 50, 50], gap=10)
    assert placed == [40, 50, 60]
    placed = spread([0, 5, 100], gap=10)
    assert placed == [-2.5, 7.5, 100]  # the first two share their overlap; the third is left alone


def test_spread_keeps_the_input_order_and_the_top_limit():
    assert spread([30, 0, 15], gap=10) == [30, 0, 15]
    assert spread([30, 0, 15], gap=20) == [35, -5, 15]  # one block, centred on the three
    assert spread([30, 0, 15], gap=20, low=0) == [40, 0, 20]


def test_a_block_pushed_into_another_merges_with_it():
    placed = spread([0, 0, 0, 25, 25], gap=10)
    values = sorted(placed)
    assert all(b - a >= 10 - 1e-9 for a, b in zip(values, values[1:]))
    assert sum(placed) / 5 == pytest.approx(10)  # the whole run stays centred on where its labels want to be


# ---------------------------------------------------------------- time


def test_an_uncertain_date_spans_the_month_or_year_it_may_fall_in():
    assert time_span(mark("a", 2003)) == (2003, 2004)
    start, end = time_span(mark("b", 2003, 8))
    assert start == pytest.approx(2003 + 7 / 12) and end == pytest.approx(2003 + 8 / 12)
    start, end = time_span(mark("c", 2001, 9, 11))
    assert start == end and 2001.69 < start < 2001.70


def test_long_empty_stretches_of_years_are_cut_out():
    marks = [mark("a", 1974), mark("b", 1990), mark("c", 1992), mark("d", 2003), mark("e", 2021)]
    assert year_runs(marks) == [(1974, 1974), (1990, 1992), (2003, 2003), (2021, 2021)]
    assert year_runs(marks, gap=11) == [(1974, 1974), (1990, 2003), (2021, 2021)]


def test_overlapping_spans_stand_side_by_side_and_free_columns_are_reused():
    assert side_by_side([(0, 10), (5, 15), (20, 30)]) == [0, 1, 0]
    assert side_by_side([(0, 100), (10, 20), (30, 40), (50, 60)]) == [0, 1, 1, 1]
    assert side_by_side([]) == []


# ---------------------------------------------------------------- the timeline


EVENTS = [mark("jackson-vanik", 1974, label="Jackson-Vanik"), mark("coup", 1991, 8, label="Failed coup"),
          mark("nine-eleven", 2001, 9, 11, label="September 11"), mark("iraq", 2003, 3, label="Iraq war"),
          mark("summit", 2003, 6, label="Summit"), mark("korea", 2003, label="North Korea"),
          mark("essay-w", 2003, kind="essay", label="Wallander"), mark("essay-t", 2013, 12, 5, kind="essay", label="Troitskiy")]


def links(svg: ET.Element) -> dict[str, ET.Element]:
    return {a.get("href"): a for a in svg.iter(f"{SVG}a")}


def test_every_mark_is_a_link_to_its_entry_named_by_its_label():
    svg = parse(timeline_svg(EVENTS, "Chart"))
    found = links(svg)
    assert sorted(found) == sorted(f"#{m.key}" for m in EVENTS)
    for m in EVENTS:
        a = found[f"#{m.key}"]
        assert a.find(f"{SVG}text").text == m.label
        assert a.get("aria-label").startswith(m.label)  # the visible words begin the link's name
        assert a.find(f"{SVG}title").text == m.title
        assert a.get("class") == m.kind


def mark_y(a: ET.Element) -> float:
    shape = a.find(f"{SVG}circle")
    if shape is not None:
        return float(shape.get("cy"))
    rect = a.find(f"{SVG}rect")
    return float(rect.get("y")) + float(rect.get("height")) / 2


def test_marks_follow_the_dates_down_the_axis_with_events_left_and_essays_right():
    svg = parse(timeline_svg(EVENTS, "Chart"))
    found = links(svg)
    ys = [mark_y(found[f"#{key}"]) for key in ("jackson-vanik", "coup", "nine-eleven", "iraq", "summit")]
    assert ys == sorted(ys) and len(set(ys)) == len(ys)
    event_x = {float(a.find(f"{SVG}text").get("x")) for a in found.values() if a.get("class") == "event"}
    essay_x = {float(a.find(f"{SVG}text").get("x")) for a in found.values() if a.get("class") == "essay"}
    assert max(event_x) < min(essay_x)
    # the essay of 2003 stands level with that year's events
    assert abs(mark_y(found["#essay-w"]) - mark_y(found["#korea"])) < 1


def test_a_day_is_a_dot_and_a_month_or_a_year_a_bar_as_long_as_its_span():
    # a crowded year gets room for its labels, so its months are long enough to draw as bars
    crowded = [mark(f"e{i}", 2021, i + 1, label=f"Event {i}") for i in range(12)] + [mark("year", 2021), mark("day", 2021, 3, 2)]
    found = links(parse(timeline_svg(crowded, "Chart")))
    assert found["#day"].find(f"{SVG}circle") is not None
    year = float(found["#year"].find(f"{SVG}rect").get("height"))
    months = [float(found[f"#e{i}"].find(f"{SVG}rect").get("height")) for i in range(12)]
    assert year == pytest.approx(12 * months[0], rel=0.1) and len(set(months)) == 1
    assert [mark_y(found[f"#e{i}"]) for i in range(12)] == sorted(mark_y(found[f"#e{i}"]) for i in range(12))
    # in a quiet year a month is too short to draw as a bar: a dot stands for it
    assert links(parse(timeline_svg(EVENTS, "Chart")))["#iraq"].find(f"{SVG}circle") is not None


def test_labels_in_a_lane_never_overlap():
    crowded = [mark(f"e{i}", 2021, label=f"Event {i}") for i in range(8)] + [mark("x", 2020, 11, label="X")]
    svg = parse(timeline_svg(crowded, "Chart"))
    ys = sorted(float(a.find(f"{SVG}text").get("y")) for a in links(svg).values())
    assert all(b - a >= TIMELINE["line"] - 0.05 for a, b in zip(ys, ys[1:])), ys
    width, height = (float(v) for v in svg.get("viewBox").split()[2:])
    assert max(ys) < height and all(float(a.find(f"{SVG}text").get("x")) > 0 for a in links(svg).values())


def test_content_cannot_break_out_of_the_picture():
    evil = [mark('a"><script>alert(1)</script>', 2000, label='<b>bold</b> & "quoted"')]
    text = timeline_svg(evil, 'Chart "one"')
    assert "<script>" not in text and "<b>" not in text
    svg = parse(text)  # still well-formed
    a = next(iter(links(svg).values()))
    assert a.find(f"{SVG}text").text == '<b>bold</b> & "quoted"'
    assert svg.get("aria-label") == 'Chart "one"'


def test_a_long_label_is_cut_at_a_word_but_its_link_keeps_the_whole_name():
    name = "US–Russian agreements to establish a strategic partnership"
    assert clip(name) == "US–Russian agreements to…" and len(clip(name)) <= LONGEST
    assert clip("Short") == "Short" and clip("x" * 40) == "x" * (LONGEST - 1) + "…"
    a = next(iter(links(parse(timeline_svg([mark("p", 2001, label=name)], "Chart"))).values()))
    assert a.find(f"{SVG}text").text == clip(name) and name in a.get("aria-label")


def test_no_marks_no_picture():
    assert timeline_svg([], "Chart") == ""


# ---------------------------------------------------------------- the map


def test_shades_rise_with_the_count_and_none_is_blank():
    assert [level(n, 10) for n in (0, 1, 3, 5, 8, 10)] == [0, 1, 2, 2, 4, 4]
    assert level(0, 0) == 0 and level(5, 5) == 4


def test_the_matrix_has_a_tile_per_cell_with_its_count_written_on_it():
    rows, columns = [Label("Arms control"), Label("Sanctions")], [Label("Wallander", "2003"), Label("Yu", "2021")]
    counts = [[7, 0], [3, 15]]
    svg = parse(matrix_svg(rows, columns, counts, "Chart"))
    tiles = [r for r in svg.iter(f"{SVG}rect") if "tile" in r.get("class")]
    assert len(tiles) == 4
    numbers = [t.text for t in svg.iter(f"{SVG}text") if t.get("class", "").startswith("n ")]
    assert numbers == ["7", "·", "3", "15"]
    shades = [int(re.search(r"l(\d)", t.get("class"))[1]) for t in tiles]
    assert shades == [2, 0, 1, 4]
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    for name in ("Arms control", "Sanctions", "Wallander", "Yu", "2003", "2021"):
        assert name in labels
    assert svg.get("role") == "img" and svg.get("aria-label") == "Chart"


def test_matrix_labels_are_escaped():
    text = matrix_svg([Label("<i>x</i>")], [Label('"q" & a')], [[1]], "<Chart>")
    assert "<i>" not in text
    svg = parse(text)
    assert svg.get("aria-label") == "<Chart>"
    assert {"<i>x</i>", '"q" & a'} <= {t.text for t in svg.iter(f"{SVG}text")}


def test_an_empty_matrix_draws_nothing():
    assert matrix_svg([], [Label("a")], [], "Chart") == ""


# ---------------------------------------------------------------- wide tables on a phone


def test_body_cells_are_labelled_with_their_column_heading():
    md = MarkdownIt("commonmark", {"typographer": True}).enable(["table", "smartquotes"])
    source = ('| Question | Wallander (2003) | "Where" & <b>x</b> |\n|---|---|---|\n'
              '| What is it for? | Interest | Stability |\n| Obstacles | Congress | Time |\n\n'
              '| A | B |\n|---|---|\n| 1 | 2 |\n')
    tokens = md.parse(source)
    label_cells(tokens)
    html = md.renderer.render(tokens, md.options, {})
    labels = re.findall(r'<td data-label="([^"]*)">', html)
    assert labels == ["Question", "Wallander (2003)", "“Where” &amp; x"] * 2 + ["A", "B"]  # text only, escaped
    assert "<th data-label" not in html
