"""Pictures drawn at build time: the timeline and the map as inline SVG, and labels that let a
wide table reflow into cards on a phone.

Every function here takes plain data and returns plain data or markup; nothing reads the model.
Text from content is escaped where it enters the markup. Sizes are in SVG user units, which the
page's stylesheet scales; colours come from classes the stylesheet fills, so light, dark and print
all follow the site's own palette.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from markupsafe import escape

# Text width is estimated, not measured (the build cannot know the reader's fonts): an average
# sans-serif letter is about half its size; 0.56 leaves room for the wider faces (DejaVu Sans).
LETTER = 0.56
LONGEST = 26  # letters of a label on a chart; a longer one is cut with … (its link's name keeps it whole)


def text_width(text: str, size: float) -> float:
    """Estimated width of a line of sans-serif text at `size` units."""
    return len(text) * size * LETTER


def clip(text: str, letters: int = LONGEST) -> str:
    """A label cut to `letters` letters at a word boundary where it can be, with … when cut."""
    if len(text) <= letters:
        return text
    cut = text[:letters - 1].rsplit(" ", 1)[0] if " " in text[:letters - 1] else text[:letters - 1]
    return cut.rstrip(" ,;:–—-") + "…"


def number(value: float) -> str:
    """A coordinate as short, stable text: at most one decimal, no trailing zeros."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


# ---------------------------------------------------------------- labels that keep their distance


def spread(wanted: list[float], gap: float, low: float = -math.inf) -> list[float]:
    """Positions for labels that want to sit at `wanted` but need `gap` between neighbours.

    Labels that would overlap are moved as one block, centred on the places its labels want
    (least squares), and never above `low`. The result keeps the input order.
    """
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    blocks: list[list[float]] = []  # [count, sum of (wanted - offset in block)] for each block, top down

    def top(block: list[float]) -> float:
        return max(low, block[1] / block[0])

    for i in order:
        blocks.append([1, wanted[i]])
        # merge while the last block runs into the one above it
        while len(blocks) > 1 and top(blocks[-2]) + blocks[-2][0] * gap > top(blocks[-1]):
            below = blocks.pop()
            above = blocks[-1]
            above[1] += below[1] - below[0] * above[0] * gap
            above[0] += below[0]
    placed, k = [0.0] * len(wanted), 0
    for count, total in blocks:
        start = max(low, total / count)
        for j in range(int(count)):
            placed[order[k]] = start + j * gap
            k += 1
    return placed


# ---------------------------------------------------------------- the timeline


@dataclass(frozen=True)
class TimeMark:
    key: str  # fragment id of the mark's entry in the list beside the chart
    kind: str  # "event" or "essay"
    year: int
    month: int | None  # None when only the year is known
    day: int | None  # None when only the month is known
    label: str  # a few words beside the mark
    title: str  # the entry's full name and date, for the link's name and tooltip


def time_span(mark: TimeMark) -> tuple[float, float]:
    """The stretch of time a mark may stand for, in years: a whole year or month when that is all
    that is known, a point for a day."""
    if mark.month is None:
        return mark.year, mark.year + 1
    start = mark.year + (mark.month - 1) / 12
    if mark.day is None:
        return start, start + 1 / 12
    point = start + (mark.day - 1) / 365
    return point, point


def year_runs(marks: list[TimeMark], gap: int = 3) -> list[tuple[int, int]]:
    """Runs of years (first, last) to draw; empty stretches longer than `gap` - 1 years are cut out."""
    years = sorted({m.year for m in marks})
    runs: list[list[int]] = []
    for year in years:
        if runs and year - runs[-1][1] <= gap:
            runs[-1][1] = year
        else:
            runs.append([year, year])
    return [(a, b) for a, b in runs]


@dataclass(frozen=True)
class TimeScale:
    runs: tuple[tuple[int, int, float, float], ...]  # (first year, last year, top y, units per year)

    def y(self, t: float) -> float:
        """Where a moment (in years) sits on the axis."""
        for first, last, top, per_year in self.runs:
            if t <= last + 1:
                return top + (max(t, first) - first) * per_year
        first, last, top, per_year = self.runs[-1]
        return top + (last + 1 - first) * per_year

    @property
    def bottom(self) -> float:
        first, last, top, per_year = self.runs[-1]
        return top + (last + 1 - first) * per_year


def make_time_scale(marks: list[TimeMark], top: float, line: float, least: float, cut: float) -> TimeScale:
    """Each run of years gets room for its busier side's labels (at least `least` units a year);
    a cut-out stretch of empty years takes `cut` units."""
    runs, y = [], top
    for first, last in year_runs(marks):
        years = last - first + 1
        busiest = max(sum(1 for m in marks if m.kind == kind and first <= m.year <= last) for kind in ("event", "essay"))
        per_year = max(least, busiest * line / years)
        runs.append((first, last, y, per_year))
        y += years * per_year + cut
    return TimeScale(tuple(runs))


TIMELINE = {"size": 14, "small": 12.5, "line": 19, "least": 20, "cut": 30, "years": 40, "pad": 4, "column": 7}


def timeline_svg(marks: list[TimeMark], label: str) -> str:
    """The events (left) and the essays (right) on one vertical time axis, each mark a link to
    its entry; years with nothing in them are cut out of the axis, and an uncertain date is drawn
    as the whole month or year it may fall in."""
    if not marks:
        return ""
    size, line, pad, step = TIMELINE["size"], TIMELINE["line"], TIMELINE["pad"], TIMELINE["column"]
    events = [m for m in marks if m.kind == "event"]
    essays = [m for m in marks if m.kind == "essay"]
    scale = make_time_scale(marks, top=line * 1.5, line=line, least=TIMELINE["least"], cut=TIMELINE["cut"])
    event_spans, essay_spans = drawn_spans(events, scale), drawn_spans(essays, scale)
    event_columns, essay_columns = side_by_side(event_spans), side_by_side(essay_spans)
    # from the left: event labels, their marks (the axis is their first column), the years, the essays' marks, their labels
    axis = pad + max((text_width(clip(m.label), size) for m in events), default=0) + 12 + step * max(event_columns, default=0)
    lane = axis + TIMELINE["years"]
    width = lane + step * max(essay_columns, default=0) + 12 + max((text_width(clip(m.label), size) for m in essays), default=0) + pad
    out = []
    small = TIMELINE["small"]
    out.append(f'<text class="lane-label" font-size="{small}" x="{number(axis - 12)}" y="{number(line * 0.75)}" text-anchor="end">Events</text>')
    out.append(f'<text class="lane-label" font-size="{small}" x="{number(lane - 4)}" y="{number(line * 0.75)}">Essays</text>')
    # the axis, run by run, with a dotted stretch where years are cut out
    for i, (first, last, top, per_year) in enumerate(scale.runs):
        bottom = top + (last + 1 - first) * per_year
        out.append(f'<line class="axis" x1="{number(axis)}" y1="{number(top)}" x2="{number(axis)}" y2="{number(bottom)}"/>')
        if i:
            out.append(f'<line class="axis cut" x1="{number(axis)}" y1="{number(top - TIMELINE["cut"])}" '
                       f'x2="{number(axis)}" y2="{number(top)}"/>')
        every = 1 if per_year >= line * 0.9 else 5
        for year in range(first, last + 2):
            y = top + (year - first) * per_year
            out.append(f'<line class="tick" x1="{number(axis - 3)}" y1="{number(y)}" x2="{number(axis + 3)}" y2="{number(y)}"/>')
            if year <= last and (year % every == 0 or year == first):
                out.append(f'<text class="year" font-size="{small}" x="{number(axis + 7)}" y="{number(y + per_year / 2 + 4)}">{year}</text>')
    event_marks, event_bottom = lane_marks(events, event_spans, event_columns, scale, x=axis, side="left")
    essay_marks, essay_bottom = lane_marks(essays, essay_spans, essay_columns, scale, x=lane, side="right")
    height = max(scale.bottom, event_bottom, essay_bottom) + line
    head = (f'<svg class="chart tl-chart" viewBox="0 0 {number(width)} {number(height)}" '
            f'width="{number(width)}" height="{number(height)}" font-size="{size}" aria-label="{escape(label)}">')
    return "\n".join([head, *out, *event_marks, *essay_marks, "</svg>"])


def drawn_spans(marks: list[TimeMark], scale: TimeScale) -> list[tuple[float, float]]:
    """Where each mark is drawn on the axis, top and bottom: a dot is as tall as it is wide."""
    spans = [(scale.y(a), scale.y(b)) for a, b in (time_span(m) for m in marks)]
    return [(a, b) if b - a >= 7 else ((a + b) / 2 - 3.5, (a + b) / 2 + 3.5) for a, b in spans]


def side_by_side(spans: list[tuple[float, float]], gap: float = 2) -> list[int]:
    """A column for each span, so that spans which overlap stand side by side: each takes the
    first column whose last span ended `gap` before it begins (columns counted from 0)."""
    ends: list[float] = []
    columns = [0] * len(spans)
    for i in sorted(range(len(spans)), key=lambda i: (spans[i][0], spans[i][1])):
        start, end = spans[i]
        column = next((c for c, last in enumerate(ends) if last + gap <= start), len(ends))
        if column == len(ends):
            ends.append(end)
        ends[column] = end
        columns[i] = column
    return columns


def lane_marks(marks: list[TimeMark], spans: list[tuple[float, float]], columns: list[int], scale: TimeScale,
               x: float, side: str) -> tuple[list[str], float]:
    """One lane's marks: a bar for the span of time (a dot for a day), side by side where spans
    overlap, a label pushed clear of its neighbours and a leader from one to the other; each mark
    and its label together one link. Also returns the baseline of the lowest label."""
    line, step = TIMELINE["line"], TIMELINE["column"]
    wanted = [(a + b) / 2 for a, b in spans]
    placed = spread(wanted, line, low=line * 1.5)
    sign = -1 if side == "left" else 1
    label_x = x + sign * (12 + step * max(columns, default=0))
    anchor = "end" if side == "left" else "start"
    out = []
    for mark, (y0, y1), column, want, y in zip(marks, spans, columns, wanted, placed):
        cx = x + sign * step * column
        if y1 - y0 <= 7:
            shape = f'<circle class="mark" cx="{number(cx)}" cy="{number(want)}" r="3.5"/>'
        else:
            shape = f'<rect class="mark" x="{number(cx - 3)}" y="{number(y0 + 0.5)}" width="6" height="{number(y1 - y0 - 1)}" rx="3"/>'
        leader = (f'<polyline class="leader" points="{number(cx + sign * 4)},{number(want)} '
                  f'{number(label_x - sign * 5)},{number(y - 4)} {number(label_x - sign * 2)},{number(y - 4)}"/>')
        out.append(f'<a href="#{escape(mark.key)}" class="{escape(mark.kind)}" aria-label="{escape(mark.label)}: {escape(mark.title)}">'
                   f'<title>{escape(mark.title)}</title>{shape}{leader}'
                   f'<text x="{number(label_x)}" y="{number(y)}" text-anchor="{anchor}">{escape(clip(mark.label))}</text></a>')
    return out, max(placed, default=0)


# ---------------------------------------------------------------- the map


@dataclass(frozen=True)
class Label:
    text: str  # what the row or column is called on the chart
    note: str = ""  # a second, smaller line (a year), or ""


def level(count: int, most: int, steps: int = 4) -> int:
    """Which of `steps` shades a count gets against the largest count: 0 for none, then 1..steps."""
    if count <= 0 or most <= 0:
        return 0
    return max(1, min(steps, math.ceil(steps * count / most)))


MATRIX = {"size": 13, "small": 12, "cell": 36, "row": 30, "pad": 8}


def matrix_svg(rows: list[Label], columns: list[Label], counts: list[list[int]], label: str) -> str:
    """A grid of shaded tiles, one row per `rows` label and one column per `columns` label: the
    darker the tile, the larger its count, which is written on it (a dot stands for none)."""
    if not rows or not columns:
        return ""
    size, cell, row_h, pad = MATRIX["size"], MATRIX["cell"], MATRIX["row"], MATRIX["pad"]
    most = max((c for r in counts for c in r), default=0)
    left = max(text_width(clip(r.text), size) for r in rows) + pad
    head = max(text_width(clip(c.text), size) for c in columns) + 2 * pad + size  # room for the turned names and their notes
    width = left + cell * len(columns) + pad
    height = head + row_h * len(rows) + pad
    out = [f'<svg class="chart map-chart" viewBox="0 0 {number(width)} {number(height)}" width="{number(width)}" '
           f'height="{number(height)}" font-size="{size}" role="img" aria-label="{escape(label)}">']
    for j, column in enumerate(columns):
        cx = left + cell * j + cell / 2
        out.append(f'<text class="col" transform="translate({number(cx + 4)} {number(head - pad - size - 2)}) rotate(-90)">'
                   f'{escape(clip(column.text))}</text>')
        if column.note:
            out.append(f'<text class="note" font-size="{MATRIX["small"]}" x="{number(cx)}" y="{number(head - pad / 2)}" '
                       f'text-anchor="middle">{escape(column.note)}</text>')
    for i, row in enumerate(rows):
        y = head + row_h * i
        out.append(f'<text class="row" x="{number(left - pad)}" y="{number(y + row_h / 2 + 4.5)}" text-anchor="end">{escape(clip(row.text))}</text>')
        for j, count in enumerate(counts[i]):
            x = left + cell * j
            shade = level(count, most)
            out.append(f'<rect class="tile l{shade}" x="{number(x + 2)}" y="{number(y + 2)}" width="{number(cell - 4)}" '
                       f'height="{number(row_h - 4)}" rx="3"/>')
            out.append(f'<text class="n l{shade}" x="{number(x + cell / 2)}" y="{number(y + row_h / 2 + 4.5)}" '
                       f'text-anchor="middle">{count if count else "·"}</text>')
    out.append("</svg>")
    return "\n".join(out)


# ---------------------------------------------------------------- wide tables on a phone


def plain_text(inline) -> str:
    """The words of an inline token: its text and code, markup left out."""
    return "".join(c.content for c in inline.children or () if c.type in ("text", "code_inline"))


def label_cells(tokens, heading_text: Callable = plain_text) -> None:
    """Give every body cell of a Markdown table its column's heading as data-label, so that on a
    narrow screen each row can stand as a card whose cells name their column.

    heading_text(inline token) gives a heading's words; the default knows only text and code, so a
    caller whose headings hold references passes one that renders them."""
    headings: list[str] = []
    in_head, column = False, 0
    for i, token in enumerate(tokens):
        if token.type == "thead_open":
            in_head, headings = True, []
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "th_open" and in_head:
            headings.append(" ".join(heading_text(tokens[i + 1]).split()))
        elif token.type == "tr_open" and not in_head:
            column = 0
        elif token.type == "td_open":
            if column < len(headings) and headings[column]:
                token.attrSet("data-label", headings[column])
            column += 1
