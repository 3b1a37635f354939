"""Every chart of azedition.charts.CHARTS, as matplotlib's renderer lays it out: no text over another,
no legend over a text or a mark, no label beyond the bar it names, nothing outside the figure, and no
bibliography key anywhere. Generic over CHARTS, so a chart registered later is checked too; the book is
not needed (seconds)."""

from __future__ import annotations

import itertools

import matplotlib
import matplotlib.pyplot as plt
import pandas as pd
import pytest
from matplotlib.legend import Legend
from matplotlib.patches import Rectangle
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from azedition import bibliography, charts, data

matplotlib.use("Agg")
TOLERANCE_PX = 1.0  # anti-aliasing: boxes that touch by a pixel do not overlap


def _box(text: Text, renderer) -> Bbox:
    boxes = [text.get_window_extent(renderer)]
    if text.get_bbox_patch() is not None:
        boxes.append(text.get_bbox_patch().get_window_extent(renderer))
    return Bbox.union(boxes)


def _overlap(a: Bbox, b: Bbox) -> bool:
    return (min(a.x1, b.x1) - max(a.x0, b.x0) > TOLERANCE_PX
            and min(a.y1, b.y1) - max(a.y0, b.y0) > TOLERANCE_PX)


def _inside(inner: Bbox, outer: Bbox) -> bool:
    return (inner.x0 >= outer.x0 - TOLERANCE_PX and inner.x1 <= outer.x1 + TOLERANCE_PX
            and inner.y0 >= outer.y0 - TOLERANCE_PX and inner.y1 <= outer.y1 + TOLERANCE_PX)


def _drawn_texts(figure) -> list[Text]:
    """The texts the renderer draws: visible, not empty, tick labels only for ticks inside the view."""
    outside_view, owner = set(), {}
    for axes in figure.axes:
        for axis in (axes.xaxis, axes.yaxis):
            low, high = sorted(axis.get_view_interval())
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                for label in (tick.label1, tick.label2):
                    owner[label] = axes
                    if not low - 1e-9 <= tick.get_loc() <= high + 1e-9:
                        outside_view.add(label)
    return [text for text in figure.findobj(Text)
            if text.get_visible() and text.get_text().strip() and text not in outside_view]


def _in_legend(artist, legends) -> bool:
    return any(artist in legend.findobj() for legend in legends)


def _markers(figure, legends) -> list[Bbox]:
    """The boxes of every plotted mark (points of lines drawn with a marker), legends' own excepted."""
    boxes = []
    for axes in figure.axes:
        for line in axes.get_lines():
            if _in_legend(line, legends) or line.get_marker() in (None, "None", "", " ") or not len(line.get_xydata()):
                continue
            radius = line.get_markersize() * figure.dpi / 72 / 2
            for x, y in line.get_transform().transform(line.get_xydata()):
                boxes.append(Bbox.from_extents(x - radius, y - radius, x + radius, y + radius))
    return boxes


def layout_problems(figure) -> list[str]:
    """What a reader would see wrong in the drawn figure, one line each; empty when all is well."""
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()
    legends = [a for a in figure.findobj(Legend)]
    texts = _drawn_texts(figure)
    boxes = {text: _box(text, renderer) for text in texts}
    problems = []
    for text, box in boxes.items():
        if not _inside(box, figure.bbox):
            problems.append(f"text {text.get_text()!r} leaves the figure")
    for a, b in itertools.combinations(texts, 2):
        if _overlap(boxes[a], boxes[b]):
            problems.append(f"texts overlap: {a.get_text()!r} and {b.get_text()!r}")
    for legend in legends:
        area = legend.get_window_extent(renderer)
        for text in texts:
            if not _in_legend(text, [legend]) and _overlap(area, boxes[text]):
                problems.append(f"legend covers text {text.get_text()!r}")
        if any(_overlap(area, marker) for marker in _markers(figure, legends)):
            problems.append("legend covers a marker")
    for axes in figure.axes:
        bars = [p for p in axes.patches if isinstance(p, Rectangle)]
        for text in (t for t in texts if t.axes is axes and not _in_legend(t, legends)):
            for bar in bars:
                bar_box = bar.get_window_extent(renderer)
                if _overlap(boxes[text], bar_box) and not _inside(boxes[text], bar_box):
                    problems.append(f"label {text.get_text()!r} runs over the edge of its bar or segment")
    return problems


def _chart_texts(figure) -> list[str]:
    return [t.get_text() for t in figure.findobj(Text) if t.get_text()]


@pytest.fixture(scope="module")
def drawn():
    figures = {key: charts.draw(key) for key in charts.CHARTS}
    yield figures
    for figure in figures.values():
        plt.close(figure)


@pytest.mark.parametrize("key", list(charts.CHARTS))
def test_chart_has_nothing_overlapping_or_overflowing(key, drawn):
    assert layout_problems(drawn[key]) == []


@pytest.mark.parametrize("key", list(charts.CHARTS))
def test_no_chart_text_names_a_bibliography_key(key, drawn):
    keys = bibliography.keys()
    shown = " ".join(_chart_texts(drawn[key]) + [charts.CHARTS[key].caption, charts.CHARTS[key].alt_text()])
    assert not [k for k in keys if k in shown]
    assert "¶" in shown  # witness paragraphs are named as the chapters name them


def test_a_work_is_named_as_the_chapters_cite_it():
    assert charts.cite("p6; p10") == "¶6, ¶10"
    # two undated articles of one encyclopedia are told apart as the bibliography labels them
    assert charts.cite("p10; gse_baku_operation") == "¶10; Great Soviet Encyclopedia n.d.b"
    assert charts.cite("gse_azerbaijan_railroad") == "Great Soviet Encyclopedia n.d.a"
    assert charts.cite("mikoyan1999tak; veselov2021bolsheviki") == "Mikoian 1999, Veselov 2021"
    assert bibliography.author_year("kvashonkin1996bolshevistskoe") == "Kvashonkin et al. 1996"
    assert bibliography.author_year("vanderleeuw2000azerbaijan") == "van der Leeuw 2000"


def test_the_checker_sees_what_a_reader_would():
    """The checks can fail: a label wider than its segment, a legend on a label, a text off the page."""
    figure, axes = charts.new_figure(4, 2)
    axes.barh(0, 1, left=0)
    axes.barh(0, 1, left=1)
    axes.text(0.5, 0, "a label far too long for its segment", ha="center", va="center")
    axes.plot([1.5], [0], marker="o", linestyle="none", label="a point")
    axes.legend(loc="center right")
    axes.text(1.9, 0.3, "off the edge of the figure and beyond")
    problems = "\n".join(layout_problems(figure))
    plt.close(figure)
    assert "runs over the edge" in problems and "leaves the figure" in problems
    assert "legend covers" in problems


def synthetic_chronology(count: int) -> pd.DataFrame:
    """count events in the chronology's columns: the real ones, then more crowded into late April."""
    events = data.table("chronology")
    extra = []
    for n in range(count - len(events)):
        day = pd.Timestamp("1920-04-20") + pd.Timedelta(days=n % 10) if n % 3 else \
            pd.Timestamp("1920-01-05") + pd.Timedelta(days=7 * n % 100)
        extra.append({**events.iloc[n % len(events)].to_dict(), "id": f"synthetic-{n}", "date": day,
                      "date_precision": "day", "event": f"Synthetic event number {n} for the layout test"})
    return pd.concat([events, pd.DataFrame(extra)], ignore_index=True)


@pytest.mark.parametrize("count", [30, 45])
def test_a_long_chronology_stays_legible(count):
    events = synthetic_chronology(count)
    figure = charts.chronology(events)
    problems = layout_problems(figure)
    labels = [t for t in figure.axes[0].texts if t.get_text().strip()]
    height = figure.get_figheight()
    plt.close(figure)
    assert problems == []
    assert len(labels) == count
    assert all(t.get_fontsize() >= 9 for t in labels)  # legible, not shrunk to fit
    assert height <= charts.ROW_INCHES * count + 2  # no taller than one line an event


def test_alt_text_states_the_numbers_from_the_data():
    congress = data.table("congress")
    alt = charts.CHARTS["congress-composition"].alt_text()
    assert all(f"{row.name} {int(row.delegates)}" in alt for row in congress.itertuples())
    assert str(int(congress["delegates"].sum())) in alt
    events = data.table("chronology")
    assert f"{len(events)} dated events" in charts.CHARTS["chronology"].alt_text()
    assert "30,000" in charts.CHARTS["order-of-battle"].alt_text()
    assert "4,000" in charts.CHARTS["membership"].alt_text()
    changed = congress.assign(delegates=congress["delegates"] + 1)
    assert charts.congress_composition_alt(changed) != charts.congress_composition_alt(congress)


def test_each_format_is_vector_or_sharp():
    figure = charts.draw(next(iter(charts.CHARTS)))
    svg, pdf = charts.svg_text(figure), charts.pdf_bytes(figure)
    weights = charts.weigh(figure)
    plt.close(figure)
    assert "<text" in svg  # text kept as text
    assert pdf.startswith(b"%PDF") and b"/FontFile2" in pdf  # a TrueType font embedded
    assert weights["html"] in ("svg", "png")
    if weights["html"] == "png":
        assert weights["png_bytes"] < weights["svg_bytes"]
        assert weights["png_width_px"] >= charts.SHARP_PIXEL_RATIO * charts.SHOWN_WIDTH_CSS_PX
