"""The functions that draw the edition's charts, one for each key of :data:`azedition.charts.CHARTS`
(named like the key, with ``_`` for ``-``), each in the style of :mod:`azedition.chart_style`."""

from __future__ import annotations

import matplotlib
import matplotlib.dates as mdates
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.backend_bases import RendererBase
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.text import Annotation, Text
from matplotlib.transforms import Bbox

from . import bibliography, data
from .chart_style import (
    INK,
    OKABE_ITO,
    PAPER,
    SERIES_COLOURS,
    SERIES_HATCHES,
    cite,
    legend_below,
    new_figure,
    paragraph_label,
    source_line,
    source_note,
    style,
)

# --- the charts --------------------------------------------------------------------------------


def congress_composition(congress: pd.DataFrame | None = None) -> Figure:
    """One stacked bar: the congress's delegates by origin, with the half-way mark."""
    congress = data.table("congress") if congress is None else congress
    total = int(congress["delegates"].sum())
    figure, axes = new_figure(7.5, 2.8)
    with style():
        left, labels = 0, []
        for index, row in enumerate(congress.itertuples()):
            count = int(row.delegates)
            bar = axes.barh(0, count, left=left, color=SERIES_COLOURS[index], hatch=SERIES_HATCHES[index],
                            edgecolor=INK, linewidth=0.8, label=f"{row.name}: {count}", height=0.8)
            text_colour = PAPER if SERIES_COLOURS[index] in (OKABE_ITO["blue"],) else INK
            label = axes.text(left + count / 2, 0, f"{row.name}\n{count}", ha="center", va="center",
                              fontsize=9.5, color=text_colour,
                              bbox=dict(boxstyle="round,pad=0.15", fc=PAPER, ec="none", alpha=0.85)
                              if text_colour == INK else None)
            labels.append((label, bar.patches[0], row.name, count))
            left += count
        axes.axvline(total / 2, color=INK, linestyle="--", linewidth=1.2)
        axes.text(total / 2 + 1.5, 0.45, f"half of {total}: {total / 2:g}", ha="left", va="bottom",
                  fontsize=9.5)
        axes.set_xlim(0, total)
        axes.set_ylim(-0.55, 0.8)
        axes.set_yticks([])
        axes.set_xlabel(f"Delegates (total {total})")
        axes.set_title("The AzCP constituent congress by origin of delegates")
        axes.grid(axis="y", visible=False)
        source_note(axes, f"{source_line(congress['source'], 'Source')[:-1]} (figures exact as stated).")
        for label, segment, name, count in labels:
            fit_inside(label, segment, name, count)
    return figure


def fit_inside(label: Text, segment: Artist, name: str, count: int) -> None:
    """Wrap a segment's label onto more lines until it fits inside the segment it names."""
    import textwrap

    renderer = label.figure.canvas.get_renderer()
    label.figure.draw_without_rendering()
    for width in range(len(name), 3, -1):
        label.set_text("\n".join(textwrap.wrap(name, width)) + f"\n{count}")
        # the text alone: its background box keeps its old size until the next draw
        if segment.get_window_extent(renderer).width >= label.get_window_extent(renderer).width + 12:
            return


def _extent(text: Text, renderer: RendererBase) -> Bbox:
    """A text's box on the canvas, its background box included."""
    boxes = [text.get_window_extent(renderer)]
    if text.get_bbox_patch() is not None:
        boxes.append(text.get_bbox_patch().get_window_extent(renderer))
    return Bbox.union(boxes)


def membership(members: pd.DataFrame | None = None) -> Figure:
    """Each source's membership figures as points of their own: no line joins figures of different sources.

    1920 fills the main panel, on a time axis. Later figures, where a source gives them, stand in a second
    panel on a scale of their own, one row each in date order, so that hundreds of thousands do not flatten
    the thousands of 1920; a source keeps its colour and marker in both."""
    members = data.table("membership") if members is None else members
    later = members["date"] > MEMBERSHIP_YEAR_END
    panels = [3, 1.7] if later.any() else None
    figure, axes = new_figure(9.5 if panels else 7.5, 3.8, legend_row=True, panels=panels)
    of_1920, after = axes if panels else (axes, None)
    rows_later = members[later].sort_values("date", kind="stable")
    row_of = {index: len(rows_later) - 1 - rank for rank, index in enumerate(rows_later.index)}  # earliest on top
    handles = []
    with style():
        _membership_1920_axes(of_1920, members[~later])
        if after is not None:
            _membership_later_axes(after, rows_later)
        for index, (source, rows) in enumerate(members.groupby("source", sort=False)):
            look = dict(color=SERIES_COLOURS[index % len(SERIES_COLOURS)],
                        marker=SOURCE_MARKERS[index % len(SOURCE_MARKERS)], markersize=9, linestyle="none",
                        markeredgecolor=INK, label=cite(source))
            drawn, part = [], rows[rows["date"] <= MEMBERSHIP_YEAR_END]
            if len(part):
                drawn += of_1920.plot(part["date"], part["members"], **look)
                _membership_1920_labels(of_1920, part, look["color"])
            part = rows[rows["date"] > MEMBERSHIP_YEAR_END]
            if len(part):
                drawn += after.plot(part["members"], [row_of[i] for i in part.index], **look)
                for row in part.itertuples():  # beside the mark, turned towards the middle of the panel
                    right = row.members < after.get_xlim()[1] / 2
                    after.annotate(f"{row.qualifier} {int(row.members):,}\n{cite(row.source)}",
                                   xy=(row.members, row_of[row.Index]), xytext=(8 if right else -8, 0),
                                   textcoords="offset points", ha="left" if right else "right", va="center",
                                   fontsize=9.5)
            handles.append(drawn[0])
        legend_below(of_1920, handles=handles, title="Source (no line between sources)", title_fontsize=10,
                     ncols=min(3, members["source"].nunique()))
        source_note(of_1920, source_line(members["source"])[:-1] + " (figures as stated, not a series).")
    return figure


MEMBERSHIP_YEAR_END = pd.Timestamp("1920-12-31")


def _membership_1920_labels(axes: Axes, rows: pd.DataFrame, colour: str) -> None:
    """A bar over the span a figure's date allows ("late April"), and the figure with its source: under the
    mark in the panel's left half, over it in the right; near an edge, turned inwards."""
    low, high = axes.get_xlim()  # the limits are set before the marks
    for row in rows.itertuples():
        span = PRECISION_SPAN_DAYS[row.date_precision]
        if span:  # the figure belongs somewhere in the span that ends on its date
            axes.plot([row.date - pd.Timedelta(days=span), row.date], [row.members] * 2, linewidth=4,
                      color=colour, solid_capstyle="butt")
        place = (mdates.date2num(row.date) - low) / (high - low)
        ha, shift = ("left", -8) if place < 0.35 else ("right", 8) if place > 0.75 else ("center", 0)
        axes.annotate(f"{row.qualifier} {int(row.members):,}\n{cite(row.source)}", xy=(row.date, row.members),
                      xytext=(shift, 14 if place > 0.5 else -14), textcoords="offset points", ha=ha,
                      va="bottom" if place > 0.5 else "top", fontsize=9.5)


def _membership_1920_axes(axes: Axes, rows: pd.DataFrame) -> None:
    latest = max([pd.Timestamp("1920-05-31"), *rows["date"]])
    axes.set_xlim(pd.Timestamp("1920-01-01"), latest + pd.Timedelta(days=15 if latest.month > 5 else 0))
    axes.set_ylim(0, max(5000, int(rows["members"].max()) * 1.75) if len(rows) else 5000)  # room over a mark
    axes.xaxis.set_major_locator(mdates.MonthLocator())
    axes.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
    axes.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    axes.set_ylabel("Members")
    axes.set_xlabel("1920 (a bar spans the last ten days of a month: \"late April\")")
    axes.set_title("AzCP membership as each source gives it, 1920")


def _membership_later_axes(axes: Axes, rows: pd.DataFrame) -> None:
    """One row for each later figure, the earliest on top, named by its date as the source gives it."""
    count = len(rows)
    axes.set_xlim(0, int(rows["members"].max()) * 1.15)
    axes.set_ylim(-0.6, count - 0.4)
    axes.set_yticks(range(count), [_when(row) for row in rows.itertuples()][::-1])
    axes.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(3))
    axes.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
    axes.set_xlabel("Members")
    axes.set_title("Later, own scale")


def _when(row: object) -> str:
    return f"{row.date:%Y}" if row.date_precision == "year" else f"{row.date.day} {row.date:%b %Y}"


SOURCE_MARKERS = ["o", "s", "D", "^", "v", "P"]


# Colour and marker shape both say how far a row is confirmed, so grey-scale print keeps the distinction.
CORROBORATION_STYLE = {
    "witness only": dict(color=OKABE_ITO["orange"], hatch="//", marker="o", label="witness only"),
    "second source": dict(color=OKABE_ITO["blue"], hatch="", marker="s", label="witness and a second source"),
    "outside the witness": dict(color=OKABE_ITO["bluish green"], hatch="..", marker="D",
                                label="bibliography only"),
}


def order_of_battle(units: pd.DataFrame | None = None) -> Figure:
    """Each unit one row, grouped by side; a bar only where a source gives a number."""
    units = data.table("order_of_battle") if units is None else units
    units = units.iloc[::-1].reset_index(drop=True)  # first row at the top
    known = units["strength"].dropna()
    scale = int(known.max()) if len(known) else 1
    figure, axes = new_figure(8.5, 5.4, legend_row=True)
    with style():
        for y, row in units.iterrows():
            look = CORROBORATION_STYLE[row["corroboration"]]
            if pd.notna(row["strength"]):
                value = int(row["strength"])
                axes.barh(y, value, color=look["color"], hatch=look["hatch"], edgecolor=INK, height=0.6)
                if row["qualifier"] == "at least":
                    axes.annotate("", xy=(value * 1.3, y), xytext=(value, y),
                                  arrowprops=dict(arrowstyle="->", color=INK, linewidth=1.5, linestyle="--"))
                    text = f"over {value:,} ({cite(row['source'])})"
                else:
                    text = f"{row['qualifier']} {value:,} ({cite(row['source'])})"
                axes.text(value * 1.33, y, text, va="center", fontsize=9.5)
            else:
                axes.text(0.04 * scale, y, _no_number(row), va="center", fontsize=9.5, color=INK)
            axes.plot(0, y, marker=look["marker"], markersize=8, color=look["color"], markeredgecolor=INK,
                      linestyle="none", clip_on=False, zorder=5)
        axes.set_yticks(range(len(units)))
        axes.set_yticklabels(units["name"])
        for tick, parent in zip(axes.get_yticklabels(), units["parent"], strict=True):
            tick.set_fontweight("normal" if parent else "bold")
        axes.tick_params(axis="y", length=0, pad=10)
        handles = [matplotlib.lines.Line2D([], [], marker=look["marker"], markersize=8, color=look["color"],
                                           markeredgecolor=INK, linestyle="none", label=look["label"])
                   for look in CORROBORATION_STYLE.values()]
        axes.set_ylim(-0.7, len(units) - 0.3)
        axes.set_xlim(0, scale * 2.0)
        axes.grid(axis="y", visible=False)
        axes.set_xlabel("Soldiers (only where a source gives a number)")
        axes.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        axes.set_title("Order of battle, April 1920: what the sources say")
        legend_below(axes, handles=handles, title="Corroboration", title_fontsize=10, ncols=2)
        source_note(axes, source_line(units["source"]))
    return figure


SCHOOL_STYLE = {  # colour and marker both name the school, so grey-scale print keeps it
    "witness": dict(color=OKABE_ITO["orange"], marker="o", hatch="//", label="the witness"),
    "soviet": dict(color=OKABE_ITO["vermillion"], marker="s", hatch="", label="Soviet"),
    "russian-postsoviet": dict(color=OKABE_ITO["blue"], marker="D", hatch="..", label="post-Soviet Russian"),
    "azerbaijani-post1991": dict(color=OKABE_ITO["bluish green"], marker="^", hatch="xx",
                                 label="post-1991 Azerbaijani"),
    "western": dict(color=OKABE_ITO["reddish purple"], marker="v", hatch="\\\\", label="Western"),
    "armenian": dict(color=OKABE_ITO["sky blue"], marker="P", hatch="oo", label="Armenian"),
}
MEN = ("soldiers", "bayonets and sabres")


def forces_by_source(strength: pd.DataFrame | None = None) -> Figure:
    """The forces as each source counts them, side by side: men on the left, armoured trains on the right."""
    from matplotlib.patches import Patch

    strength = data.table("strength") if strength is None else strength
    men = strength[strength["measure"].isin(MEN)].iloc[::-1].reset_index(drop=True)
    trains = strength[strength["measure"] == "armoured trains"].iloc[::-1].reset_index(drop=True)
    figure, (left, right) = new_figure(11, 5.4, legend_row=True, panels=[3, 2])
    with style():
        scale = int(men["value"].max()) if len(men) else 1
        for y, row in men.iterrows():
            look = SCHOOL_STYLE[row["school"]]
            value = int(row["value"])
            left.barh(y, value, color=look["color"], hatch=look["hatch"], edgecolor=INK, height=0.6)
            if row["qualifier"] == "at least":
                left.annotate("", xy=(value * 1.3, y), xytext=(value, y),
                              arrowprops=dict(arrowstyle="->", color=INK, linewidth=1.5, linestyle="--"))
                left.text(value * 1.33, y, f"over {value:,}\n{row['measure']}", va="center", fontsize=9)
            else:
                left.text(value + scale * 0.02, y, f"{row['qualifier']} {value:,}\n{row['measure']}",
                          va="center", fontsize=9)
        left.set_yticks(range(len(men)))
        left.set_yticklabels([f"{r.force}\n{cite(r.source)}" for r in men.itertuples()], fontsize=9)
        left.set_xlim(0, scale * 1.75)
        left.set_ylim(-0.6, len(men) - 0.4)
        left.grid(axis="y", visible=False)
        left.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(4))
        left.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        left.set_xlabel("Men, in each source's own unit of count")
        left.set_title("Strength by source")
        for y, row in trains.iterrows():
            look = SCHOOL_STYLE[row["school"]]
            right.barh(y, int(row["value"]), color=look["color"], hatch=look["hatch"], edgecolor=INK, height=0.6)
            right.text(int(row["value"]) + 0.2, y, str(int(row["value"])), va="center", fontsize=9)
        right.set_yticks(range(len(trains)))
        right.set_yticklabels([f"{r.force}\n{cite(r.source)}" for r in trains.itertuples()], fontsize=9)
        right.set_xlim(0, (int(trains["value"].max()) + 2) if len(trains) else 10)
        right.set_ylim(-0.6, len(trains) - 0.4)
        right.grid(axis="y", visible=False)
        right.set_xlabel("Armoured trains")
        right.set_title("Armoured trains by source", loc="right")
        handles = [Patch(facecolor=SCHOOL_STYLE[s]["color"], hatch=SCHOOL_STYLE[s]["hatch"], edgecolor=INK,
                         label=SCHOOL_STYLE[s]["label"]) for s in dict.fromkeys(strength["school"])]
        legend_below(left, handles=handles, title="School of the source", title_fontsize=10,
                     ncols=len(handles))
        figure.suptitle("The forces of April 1920 as each source gives them", fontweight="bold")
        source_note(left, source_line(strength["source"])[:-1]
                    + ". Figures as each source states them; nothing is summed or averaged.")
    return figure


def _no_number(row: pd.Series) -> str:
    if row["side"] == "azerbaijani" and row["parent"]:
        share = "most forces" if row["place"] == "karabakh" else "a small portion"
        return f"no number: {share} ({cite(row['source'])})"
    return f"no number given ({cite(row['source'])})"


PRECISION_SPAN_DAYS = {"day": 0, "early month": 9, "late month": 9, "month": 29, "year": 364}
CHRONOLOGY_START, CHRONOLOGY_END = pd.Timestamp("1920-01-01"), pd.Timestamp("1920-06-01")
ROW_INCHES = 0.3  # one line of 9 pt labels with air between rows


def chronology(events: pd.DataFrame | None = None) -> Figure:
    """A timeline in date order; labels beside their marks, several short rows sharing a line.

    Each label is measured on the canvas and placed right of its mark, or left of it where the right
    margin is too near; then the events, in date order, take the first line where neither mark nor label
    meets another. Thirty events in one week take thirty lines; spread over months they share them.
    """
    events = data.table("chronology") if events is None else events
    events = events.sort_values("date", kind="stable").reset_index(drop=True)  # same day: table order
    figure, axes = new_figure(8.5, 4.0, legend_row=True)
    with style():
        axes.set_xlim(CHRONOLOGY_START, CHRONOLOGY_END)
        marks, labels = [], []
        for _, row in events.iterrows():
            from_witness = all(t in data.PARAGRAPH_IDS for t in row["source"].split(data.SOURCE_SEPARATOR))
            colour = OKABE_ITO["blue"] if from_witness else OKABE_ITO["vermillion"]
            span = PRECISION_SPAN_DAYS[row["date_precision"]]
            if span:
                mark, = axes.plot([row["date"], row["date"] + pd.Timedelta(days=span)], [0, 0], color=colour,
                                  linewidth=5, solid_capstyle="butt")
            else:
                mark, = axes.plot([row["date"]], [0], marker="o" if from_witness else "D", markersize=7,
                                  color=colour, markeredgecolor=INK, linestyle="none")
            label = axes.annotate(f"{paragraph_label(row['paragraph'])}  {_short(row['event'])}",
                                  xy=(row["date"] + pd.Timedelta(days=span), 0), xytext=(8, 0),
                                  textcoords="offset points", va="center", fontsize=9)
            label.set_in_layout(False)  # placed inside the plot by _place_labels, not a margin
            marks.append((row["date"], row["date"] + pd.Timedelta(days=span), mark))
            labels.append(label)
        axes.plot([], [], marker="o", color=OKABE_ITO["blue"], markeredgecolor=INK, linestyle="none",
                  label="from the witness")
        axes.plot([], [], marker="D", color=OKABE_ITO["vermillion"], markeredgecolor=INK, linestyle="none",
                  label="from a work of the bibliography")
        axes.set_yticks([])
        axes.grid(axis="y", visible=False)
        axes.set_xticks([pd.Timestamp(f"1920-{m:02d}-01") for m in range(1, 7)])
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
        axes.set_xlabel("1920")
        axes.set_title("Chronology, January–May 1920")
        legend_below(axes, ncols=2)
        source_note(axes, _chronology_sources(events))
        lines = _place_labels(axes, marks, labels)
        axes.set_ylim(lines - 0.5, -0.7)
        figure.set_figheight(ROW_INCHES * lines + 1.9)
    return figure


def _chronology_sources(events: pd.DataFrame) -> str:
    works = sorted({bibliography.author_year(t) for source in events["source"]
                    for t in source.split(data.SOURCE_SEPARATOR) if t not in data.PARAGRAPH_IDS})
    return "Sources: the witness (¶ numbers)" + (f"; {', '.join(works)}" if works else "") + "."


def _place_labels(axes: Axes, marks: list[tuple[pd.Timestamp, pd.Timestamp, Line2D]],
                  labels: list[Annotation]) -> int:
    """Put each mark and its label on the first line it shares with nothing; return the number of lines."""
    figure = axes.figure
    figure.draw_without_rendering()  # the layout settles the axes' width, which the heights do not change
    renderer = figure.canvas.get_renderer()
    pad = 6  # points between neighbours on a line
    taken: list[list[tuple[float, float]]] = []
    left_end, right_end = (axes.transData.transform((mdates.date2num(day), 0))[0]
                           for day in (CHRONOLOGY_START, CHRONOLOGY_END))
    for (start, end, mark), label in zip(marks, labels, strict=True):
        width = _extent(label, renderer).width + pad * figure.dpi / 72
        x0, x1 = (axes.transData.transform((mdates.date2num(day), 0))[0] for day in (start, end))
        x0, x1 = x0 - 6, x1 + 6  # the mark's own half-width
        if x1 + width <= right_end or x0 - width < left_end:
            interval = (x0, x1 + width)
        else:  # too near the right edge: the label goes left of the mark
            label.set_horizontalalignment("right")
            label.xy = (start, 0)
            label.set_position((-8, 0))
            interval = (x0 - width, x1)
        for line, intervals in enumerate(taken):  # noqa: B007 (the line found is used after the loop)
            if all(interval[1] <= a or interval[0] >= b for a, b in intervals):
                break
        else:
            line = len(taken)
            taken.append([])
        taken[line].append(interval)
        mark.set_ydata([line] * len(mark.get_xdata()))
        label.xy = (label.xy[0], line)
    return len(taken)


def _short(text: str, limit: int = 58) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


# --- alt text: what each chart shows, with its numbers, written from the data ----------------------
