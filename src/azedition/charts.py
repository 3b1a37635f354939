"""The edition's one chart style, the registry of its charts, and the functions that draw them.

Why the style is what it is:

- colour-blind-safe: the Okabe–Ito palette, and never colour alone: every series also has a hatch or a
  marker and a direct label, so a grey-scale print or a reader who cannot tell orange from green loses
  nothing;
- print and dark mode: each figure is an opaque white card with near-black text. The book theme dims
  images a little in dark mode; a white card with dark text stays readable there, whereas a transparent
  figure would put black text on a dark page;
- labelled: titles say what is shown, axes say in what unit, and the source (witness paragraph or work)
  is written on the chart.

Every chart is registered in :data:`CHARTS` with its caption and alt text, written once here. The
notebooks draw and glue the charts (:func:`publish`); the ``{chart}`` directive of
``azedition.figures`` shows them in the chapters as numbered figures with the same caption and alt text.
"""

from __future__ import annotations

import html
import io
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import bibliography, data

# Okabe & Ito (2008), "Color Universal Design": distinguishable with every common colour-vision deficiency.
OKABE_ITO = {
    "orange": "#E69F00", "sky blue": "#56B4E9", "bluish green": "#009E73", "yellow": "#F0E442",
    "blue": "#0072B2", "vermillion": "#D55E00", "reddish purple": "#CC79A7", "black": "#000000",
}
SERIES_COLOURS = [OKABE_ITO[c] for c in ("blue", "orange", "bluish green", "reddish purple", "vermillion", "sky blue")]
SERIES_HATCHES = ["", "//", "..", "xx", "\\\\", "oo"]
INK = "#1a1a1a"
MUTED = "#595959"  # 7:1 contrast on white
PAPER = "#ffffff"

STYLE = {
    "figure.facecolor": PAPER, "axes.facecolor": PAPER, "savefig.facecolor": PAPER,
    "figure.dpi": 150, "savefig.dpi": 200, "savefig.bbox": "tight",
    "font.size": 11, "axes.titlesize": 12, "axes.titleweight": "bold", "axes.labelsize": 11,
    "xtick.labelsize": 10, "ytick.labelsize": 10, "legend.fontsize": 10,
    "text.color": INK, "axes.labelcolor": INK, "axes.edgecolor": INK,
    "xtick.color": INK, "ytick.color": INK,
    "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "grid.color": "#d0d0d0", "grid.linewidth": 0.6, "axes.axisbelow": True,
    "axes.prop_cycle": matplotlib.cycler(color=SERIES_COLOURS),
    "hatch.color": INK, "hatch.linewidth": 0.8,
    "legend.frameon": False,
    "svg.fonttype": "none",  # SVG text stays text
    "pdf.fonttype": 42,  # PDF text is text in an embedded TrueType font, not outlines or Type 3
}


@dataclass(frozen=True)
class Chart:
    """One chart of the edition: where it is drawn, what it is called, and how it is described.

    ``alt`` is the text for a reader who cannot see the chart. It may be a function that writes it from
    the data (with the numbers the chart shows), so that it cannot fall behind a changed table.
    """

    key: str  # the glue key in the notebook and the argument of the {chart} directive
    notebook: str  # the notebook that draws it, relative to the project root, without suffix
    caption: str
    alt: str | Callable[[], str]

    def alt_text(self) -> str:
        """The alt text, written from the current data where ``alt`` is a function."""
        return self.alt() if callable(self.alt) else self.alt


def draw(key: str, *tables):
    """Draw the registered chart ``key`` with its drawing function (the key with ``_`` for ``-``)."""
    if key not in CHARTS:
        raise KeyError(f"chart {key!r} is not registered in azedition.charts.CHARTS")
    return globals()[key.replace("-", "_")](*tables)


CHARTS = {chart.key: chart for chart in [
    Chart("congress-composition", "notebooks/party-membership",
          "Delegates to the constituent congress of the Azerbaijan Communist Party by origin, as the witness "
          "counts them in ¶2 (150 in all, if Himmat and the Russian Communist Party had 30 each). The dashed "
          "line marks half of the delegates: a majority needs more than 75.",
          lambda: congress_composition_alt()),
    Chart("membership", "notebooks/party-membership",
          "Membership of the Azerbaijan Communist Party in 1920 as each source gives it: about 4,000 represented "
          "at the first congress of 11–12 February (Faculty of History, Baku State University) and about 4,000 by "
          "late April (the witness, ¶5). Each source has its own marker; no line joins figures of different "
          "sources, and the two round numbers show no growth between them.",
          lambda: membership_alt()),
    Chart("order-of-battle", "notebooks/army-composition",
          "The forces of April 1920 as the sources allow. The 11th Red Army's \"over 30,000\" (¶10) is a lower "
          "bound, drawn as an open-ended bar; the formations have no numbers in any source the edition uses; "
          "the witness gives the Azerbaijani army only as shares. Hatching shows how far each row is confirmed.",
          lambda: order_of_battle_alt()),
    Chart("forces-by-source", "notebooks/army-composition",
          "The forces of April 1920 as each source gives them, kept apart by source and school: the witness's "
          "\"over 30,000 soldiers\" (a lower bound, ¶10) beside the 23,000 bayonets and sabres of the post-Soviet "
          "Russian encyclopedia; the Azerbaijani army by source; and the armoured trains (8 in the army, 4 sent to "
          "Baku). Units of count differ between sources and the figures are not added.",
          lambda: forces_by_source_alt()),
    Chart("chronology", "notebooks/chronology",
          "Dated events from January to May 1920, each with the witness paragraph that tells it. Filled circles "
          "are days the source gives; a bar spans the first ten days of a month where the source says only "
          "\"early\". Events marked with a diamond come from a work of the bibliography, not from the witness.",
          lambda: chronology_alt()),
    Chart("region-map", "notebooks/army-composition",
          "The places of the witness and of the commentary, April 1920. The 11th Army's armoured trains came on "
          "the railway from Petrovsk by Derbent to Baku (drawn straight between its stations); the 2nd Cavalry "
          "Corps advanced by Kusary, Kuba, Shemakha and Kurdamir, cutting the road to Ganja, in the order the "
          "Soviet encyclopedia names them. Coasts and borders are today's (Natural Earth), not those of 1920; "
          "the names of regions are placed by the editors, and no boundary of theirs is drawn.",
          lambda: region_map_alt()),
]}


@contextmanager
def style():
    """The edition's matplotlib style, for the figures drawn inside the block."""
    with plt.rc_context(STYLE):
        yield


def new_figure(width: float = 7.5, height: float = 3.2, legend_row: bool = False,
               panels: list[float] | None = None):
    """A figure and one axes in the edition's style.

    With ``legend_row`` the figure has a second, empty row under the plot for :func:`legend_below`: the
    layout then stacks plot, legend and source note without letting one cover another. With ``panels``
    (their relative widths) the plot row holds that many axes side by side, returned as a tuple.
    """
    widths = panels or [1]
    with style():
        if not legend_row and panels is None:
            return plt.subplots(figsize=(width, height), layout="constrained")
        mosaic = [[f"panel {n}" for n in range(len(widths))]]
        if legend_row:
            mosaic.append([LEGEND_ROW] * len(widths))
        figure, axes = plt.subplot_mosaic(mosaic, figsize=(width, height), layout="constrained",
                                          width_ratios=widths,
                                          height_ratios=[1, 0.001] if legend_row else [1])
        if legend_row:
            axes[LEGEND_ROW].set_axis_off()
            axes[LEGEND_ROW].set_label(LEGEND_ROW)
        plots = tuple(axes[f"panel {n}"] for n in range(len(widths)))
        return figure, (plots if panels is not None else plots[0])


LEGEND_ROW = "legend row"


def png_bytes(figure) -> bytes:
    """The figure as PNG, rendered with the edition's settings whatever backend the kernel uses."""
    buffer = io.BytesIO()
    with style():
        figure.savefig(buffer, format="png")
    # A chart has few colours: a 128-colour palette keeps it sharp at print resolution (200 dpi) at
    # about a third of the bytes, which keeps a chapter page within its weight budget.
    from PIL import Image

    palette = Image.open(io.BytesIO(buffer.getvalue())).convert("RGB").quantize(
        colors=128, method=Image.Quantize.MEDIANCUT)
    compact = io.BytesIO()
    palette.save(compact, format="png", optimize=True)
    return compact.getvalue()


def svg_text(figure) -> str:
    """The figure as SVG with its text kept as text (``svg.fonttype: none``): searchable, sharp at any
    zoom, drawn in DejaVu Sans or the nearest sans-serif the reader's browser has."""
    buffer = io.StringIO()
    with style():
        figure.savefig(buffer, format="svg", metadata={"Date": None})
    return _compact_svg(buffer.getvalue())


def _compact_svg(svg: str) -> str:
    """matplotlib writes path data one command a line with six decimals; a hatch pattern then weighs
    tens of kilobytes. One space between commands and two decimals (a hundredth of a point) draw the same."""
    import re

    def compact(match):
        path = re.sub(r"\s+", " ", match.group(2)).strip()
        path = re.sub(r"(-?\d+\.\d{2})\d+", r"\1", path)
        return f'{match.group(1)}"{path}"'

    svg = re.sub(r'(\sd=)"([^"]*)"', compact, svg)
    # every text repeats the same font list in its style; one rule of the SVG's own stylesheet says it
    # once (a text without an inline font-family takes the rule's), which halves a map of many labels
    families = set(re.findall(r"font-family: ([^;\"]*)", svg))
    if len(families) == 1 and "*{stroke-linejoin" in svg:
        family = families.pop()
        svg = svg.replace(f"font-family: {family}; ", "").replace(f"; font-family: {family}", "")
        svg = svg.replace("*{stroke-linejoin", f"text{{font-family: {family}}}\n*{{stroke-linejoin", 1)
    # a rotation by nought turns nothing; positions with six decimals: a hundredth of a point draws the same
    svg = re.sub(r' transform="rotate\(-?0 [\d.]+ [\d.]+\)"', "", svg)
    return re.sub(r'(\s(?:x|y)=")(-?\d+\.\d{2})\d+"', r'\1\2"', svg)


def pdf_bytes(figure) -> bytes:
    """The figure as vector PDF for the printed edition, its font embedded (``pdf.fonttype: 42``)."""
    buffer = io.BytesIO()
    with style():
        figure.savefig(buffer, format="pdf", metadata={"CreationDate": None})
    return buffer.getvalue()


# --- which image the HTML edition shows --------------------------------------------------------
# `make bench` weighs each chart as SVG and as PNG and records here which the HTML shows; the PDF
# edition always gets the vector PDF. A chart not (yet) weighed is shown as SVG.
FORMATS_PATH = Path(__file__).with_name("chart-formats.json")
# The widest the book shows a figure, in CSS pixels (the theme's text column). A PNG is "as sharp" as
# the SVG only if it has two image pixels per CSS pixel there, for a high-density screen.
SHOWN_WIDTH_CSS_PX = 800
SHARP_PIXEL_RATIO = 2


def html_format(key: str) -> str:
    """"svg" or "png": the image the HTML edition shows for chart ``key``, as `make bench` decided."""
    import json

    recorded = json.loads(FORMATS_PATH.read_text("utf-8")) if FORMATS_PATH.exists() else {}
    return recorded.get(key, {}).get("html", "svg")


def weigh(figure) -> dict:
    """The chart's weight as SVG and as PNG, and the format the HTML should show: the SVG, unless the
    PNG is lighter and as sharp at the width the book shows it."""
    svg, png = len(svg_text(figure).encode("utf-8")), png_bytes(figure)
    from PIL import Image

    png_width = Image.open(io.BytesIO(png)).width
    sharp = png_width >= SHARP_PIXEL_RATIO * SHOWN_WIDTH_CSS_PX
    choice = "png" if len(png) < svg and sharp else "svg"
    return {"svg_bytes": svg, "png_bytes": len(png), "png_width_px": png_width, "html": choice}


def decide_formats() -> dict[str, dict]:
    """Weigh every registered chart, record the HTML format of each in FORMATS_PATH and return it all."""
    import json

    weights = {}
    for key in CHARTS:
        figure = draw(key)
        weights[key] = weigh(figure)
        plt.close(figure)
    FORMATS_PATH.write_text(json.dumps(weights, indent=2, sort_keys=True) + "\n", "utf-8")
    return weights


def formats_table(weights: dict[str, dict]) -> str:
    """The bench's record of the charts' weights and the HTML format chosen, as a Markdown table."""
    rows = [f"| {key} | {w['svg_bytes'] / 1024:.0f} | {w['png_bytes'] / 1024:.0f} ({w['png_width_px']} px) | "
            f"{w['html'].upper()} | PDF (vector) |" for key, w in weights.items()]
    return "\n".join([
        "Each chart as SVG (text as text) and as PNG (200 dpi, 128 colours); the HTML shows the SVG unless "
        f"the PNG is lighter and has {SHARP_PIXEL_RATIO} pixels per CSS pixel at {SHOWN_WIDTH_CSS_PX} px:",
        "", "| chart | SVG KiB | PNG KiB (width) | HTML shows | PDF edition |", "|---|---:|---:|---|---|",
        *rows, ""])


class ChartImage:
    """A chart as Jupyter shows and glues it: the HTML image (SVG or PNG, as recorded) and the PDF."""

    def __init__(self, figure, key: str):
        import base64

        self.bundle = {"application/pdf": base64.b64encode(pdf_bytes(figure)).decode("ascii")}
        if html_format(key) == "png":
            self.bundle["image/png"] = base64.b64encode(png_bytes(figure)).decode("ascii")
        else:
            self.bundle["image/svg+xml"] = svg_text(figure)

    def _repr_mimebundle_(self, include=None, exclude=None):
        return self.bundle


def publish(figure, key: str):
    """Show the figure and glue it under its registered key, so that a chapter can show it too.

    The images are made here rather than by the kernel's display hook, so the notebook page and the
    chapter show the same image (myst-nb names image files by their content): SVG or PNG for the HTML
    (as `make bench` decided, :func:`html_format`), vector PDF for the printed edition.
    """
    from myst_nb import glue

    if key not in CHARTS:
        raise KeyError(f"chart {key!r} is not registered in azedition.charts.CHARTS")
    image = ChartImage(figure, key)
    plt.close(figure)
    glue(key, image, display=True)


# --- citations on a chart -----------------------------------------------------------------------


def cite(source: str) -> str:
    """A source cell as the chapters cite it: 'p6; p10; mikoyan1999tak' -> '¶6, ¶10; Mikoian 1999'.

    Witness paragraphs become ¶N, bibliography keys the author–year of :mod:`azedition.bibliography`;
    no key is ever shown.
    """
    tokens = source.split(data.SOURCE_SEPARATOR)
    paragraphs = [_paragraph(token) for token in tokens if token in data.PARAGRAPH_IDS]
    works = [bibliography.author_year(token) for token in tokens if token not in data.PARAGRAPH_IDS]
    return "; ".join(part for part in (", ".join(paragraphs), ", ".join(works)) if part)


def _paragraph(paragraph_id: str) -> str:
    return "infobox" if paragraph_id == "infobox" else "¶" + paragraph_id[1:]


def source_line(sources, prefix: str = "Sources") -> str:
    """'Sources: the witness ¶2, ¶5; Mikoian 1999, Veselov 2021.' for all the source cells of a table."""
    tokens = []
    for source in sources:
        tokens += [token for token in source.split(data.SOURCE_SEPARATOR) if token not in tokens]
    paragraphs = sorted((t for t in tokens if t in data.PARAGRAPH_IDS), key=data.PARAGRAPH_IDS.index)
    works = sorted({bibliography.author_year(t) for t in tokens if t not in data.PARAGRAPH_IDS})
    parts = [f"the witness {', '.join(_paragraph(p) for p in paragraphs)}"] if paragraphs else []
    parts += [", ".join(works)] if works else []
    return f"{prefix}: {'; '.join(parts)}."


def source_note(axes, text: str):
    """The source of the chart, written under the plot where print keeps it (the layout makes room)."""
    import textwrap

    # wrapped to the figure's width (about 5 points a character at 9 pt, with room to spare), so a long
    # list of works stays on the page; the constrained layout makes room for each line
    characters = int(axes.figure.get_figwidth() * 72 / 5.0)
    axes.figure.supxlabel("\n".join(textwrap.wrap(text, characters)), x=0.01, ha="left", fontsize=9,
                          color=MUTED)


def legend_below(axes, **options):
    """The legend in the figure's legend row (``new_figure(..., legend_row=True)``), under the plot, where
    it can cover no label or mark."""
    legend_axes = next(a for a in axes.figure.axes if a.get_label() == LEGEND_ROW)
    handles = options.pop("handles", None) or axes.get_legend_handles_labels()[0]
    legend_axes.legend(handles=handles, loc="center", frameon=False, **options)


# --- the charts --------------------------------------------------------------------------------


def congress_composition(congress: pd.DataFrame | None = None):
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


def fit_inside(label, segment, name: str, count: int):
    """Wrap a segment's label onto more lines until it fits inside the segment it names."""
    import textwrap

    renderer = label.figure.canvas.get_renderer()
    label.figure.draw_without_rendering()
    for width in range(len(name), 3, -1):
        label.set_text("\n".join(textwrap.wrap(name, width)) + f"\n{count}")
        # the text alone: its background box keeps its old size until the next draw
        if segment.get_window_extent(renderer).width >= label.get_window_extent(renderer).width + 12:
            return


def _extent(text, renderer):
    """A text's box on the canvas, its background box included."""
    from matplotlib.transforms import Bbox

    boxes = [text.get_window_extent(renderer)]
    if text.get_bbox_patch() is not None:
        boxes.append(text.get_bbox_patch().get_window_extent(renderer))
    return Bbox.union(boxes)


def membership(members: pd.DataFrame | None = None):
    """Each source's membership figures as points of their own: no line joins figures of different sources."""
    members = data.table("membership") if members is None else members
    figure, axes = new_figure(7.5, 3.6, legend_row=True)
    with style():
        for index, (source, rows) in enumerate(members.groupby("source", sort=False)):
            colour, marker = SERIES_COLOURS[index % len(SERIES_COLOURS)], SOURCE_MARKERS[index % len(SOURCE_MARKERS)]
            axes.plot(rows["date"], rows["members"], marker=marker, markersize=9, linestyle="none",
                      color=colour, markeredgecolor=INK, label=cite(source))
            for row in rows.itertuples():
                span = PRECISION_SPAN_DAYS[row.date_precision]
                if span:  # "late April": the figure belongs somewhere in the month's last ten days
                    axes.plot([row.date - pd.Timedelta(days=span), row.date], [row.members] * 2, linewidth=4,
                              color=colour, solid_capstyle="butt")
                axes.annotate(f"{row.qualifier} {int(row.members):,}\n{cite(row.source)}",
                              xy=(row.date, row.members), xytext=(0, -14), textcoords="offset points",
                              ha="center", va="top", fontsize=9.5)
        axes.set_xlim(pd.Timestamp("1920-01-01"), pd.Timestamp("1920-05-31"))
        axes.set_ylim(0, max(5000, int(members["members"].max()) * 1.25))
        axes.xaxis.set_major_locator(mdates.MonthLocator())
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
        axes.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        axes.set_ylabel("Members")
        axes.set_xlabel("1920 (a bar spans the last ten days of a month: \"late April\")")
        axes.set_title("AzCP membership as each source gives it, 1920")
        legend_below(axes, title="Source (no line between sources)", title_fontsize=10,
                     ncols=min(3, members["source"].nunique()))
        source_note(axes, source_line(members["source"])[:-1] + " (figures as stated, not a series).")
    return figure


SOURCE_MARKERS = ["o", "s", "D", "^", "v", "P"]


# Colour and marker shape both say how far a row is confirmed, so grey-scale print keeps the distinction.
CORROBORATION_STYLE = {
    "witness only": dict(color=OKABE_ITO["orange"], hatch="//", marker="o", label="witness only"),
    "second source": dict(color=OKABE_ITO["blue"], hatch="", marker="s", label="witness and a second source"),
    "outside the witness": dict(color=OKABE_ITO["bluish green"], hatch="..", marker="D",
                                label="bibliography only"),
}


def order_of_battle(units: pd.DataFrame | None = None):
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


def forces_by_source(strength: pd.DataFrame | None = None):
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


def _no_number(row) -> str:
    if row["side"] == "azerbaijani" and row["parent"]:
        share = "most forces" if row["place"] == "karabakh" else "a small portion"
        return f"no number: {share} ({cite(row['source'])})"
    return f"no number given ({cite(row['source'])})"


PRECISION_SPAN_DAYS = {"day": 0, "early month": 9, "late month": 9, "month": 29}
CHRONOLOGY_START, CHRONOLOGY_END = pd.Timestamp("1920-01-01"), pd.Timestamp("1920-06-01")
ROW_INCHES = 0.3  # one line of 9 pt labels with air between rows


def chronology(events: pd.DataFrame | None = None):
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
            label = axes.annotate(f"{_paragraph(row['paragraph'])}  {_short(row['event'])}",
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


def _place_labels(axes, marks, labels) -> int:
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


def congress_composition_alt(congress: pd.DataFrame | None = None) -> str:
    congress = data.table("congress") if congress is None else congress
    total = int(congress["delegates"].sum())
    parts = ", ".join(f"{row.name} {int(row.delegates)}" for row in congress.itertuples())
    return (f"Stacked horizontal bar of {total} delegates by origin: {parts}; a dashed line at "
            f"{total / 2:g}, half of the total. Source: the witness, {cite('; '.join(congress['source'].unique()))}.")


def membership_alt(members: pd.DataFrame | None = None) -> str:
    members = data.table("membership") if members is None else members
    members = members.sort_values("date", kind="stable")
    points = "; ".join(f"{row.qualifier} {int(row.members):,} members, {_precision(row)} "
                       f"({cite(row.source)})" for row in members.itertuples())
    count, sources = len(members), members["source"].nunique()
    return (f"Timeline from January to May 1920 with {count} sourced membership figure"
            f"{'' if count == 1 else 's'} from {sources} source{'' if sources == 1 else 's'}, each source "
            f"in its own marker and labelled with it: {points}. No line joins figures of different sources, "
            f"so no trend is drawn.")


def _precision(row) -> str:
    if row.date_precision == "late month":
        return f"late {row.date:%B %Y}"
    if row.date_precision == "early month":
        return f"early {row.date:%B %Y}"
    if row.date_precision == "month":
        return f"{row.date:%B %Y}"
    return f"{row.date.day} {row.date:%B %Y}"


def order_of_battle_alt(units: pd.DataFrame | None = None) -> str:
    units = data.table("order_of_battle") if units is None else units
    numbered = units[units["strength"].notna()]
    with_numbers = "; ".join(
        f"{row.name}: {'over' if row.qualifier == 'at least' else row.qualifier} {int(row.strength):,} "
        f"({row.corroboration}, {cite(row.source)})" for row in numbered.itertuples())
    without = units[units["strength"].isna()]
    by_corroboration = "; ".join(
        f"{look['label']}: {', '.join(without.loc[without['corroboration'] == name, 'name'])}"
        for name, look in CORROBORATION_STYLE.items() if (without["corroboration"] == name).any())
    return (f"Horizontal chart of {len(units)} units. With a number, drawn as a bar: {with_numbers or 'none'}. "
            f"Without a number in any source ({len(without)} rows), by how far they are confirmed: "
            f"{by_corroboration}.")


def forces_by_source_alt(strength: pd.DataFrame | None = None) -> str:
    strength = data.table("strength") if strength is None else strength

    def figure_text(row) -> str:
        qualifier = {"at least": "over ", "exact": ""}.get(row.qualifier, row.qualifier + " ")
        amount = f"{qualifier}{int(row.value):,}"
        return f"{row.force} {amount} {row.measure} ({cite(row.source)}, {SCHOOL_STYLE[row.school]['label']})"

    men = strength[strength["measure"].isin(MEN)]
    trains = strength[strength["measure"] == "armoured trains"]
    return (f"Two panels of horizontal bars, one bar per figure and source, colour and hatching naming the "
            f"source's school. Left, men ({len(men)} figures): "
            + "; ".join(figure_text(row) for row in men.itertuples())
            + f". Right, armoured trains ({len(trains)} figures): "
            + "; ".join(figure_text(row) for row in trains.itertuples())
            + ". A lower bound is drawn as an open-ended arrow; nothing is summed.")


def chronology_alt(events: pd.DataFrame | None = None) -> str:
    events = data.table("chronology") if events is None else events
    events = events.sort_values("date", kind="stable")
    from_works = sum(not all(t in data.PARAGRAPH_IDS for t in s.split(data.SOURCE_SEPARATOR))
                     for s in events["source"])
    months = events["date"].dt.strftime("%B").value_counts()
    busiest = months.index[0]
    return (f"Timeline of {len(events)} dated events from {events['date'].min():%-d %B} to "
            f"{events['date'].max():%-d %B %Y}, each labelled with the witness paragraph that tells it; "
            f"{len(events) - from_works} from the witness, {from_works} from works of the bibliography. "
            f"{months[busiest]} of them fall in {busiest}: "
            + "; ".join(f"{row.date:%-d %b}, {_paragraph(row.paragraph)}: {row.event}"
                        for row in events.itertuples()) + ".")


# --- tables for the notebooks ------------------------------------------------------------------


def linked_events_html(events: pd.DataFrame | None = None) -> str:
    """The chronology as an HTML table whose paragraph column links to the paragraph in the book."""
    events = data.table("chronology") if events is None else events
    pages = data.paragraph_pages()
    rows = []
    for row in events.sort_values("date", kind="stable").itertuples():
        page = pages[row.paragraph]
        label = "infobox" if row.paragraph == "infobox" else "¶" + row.paragraph[1:]
        link = f'<a href="../{html.escape(page)}.html#{row.paragraph}">{label}</a>'
        rows.append(f"<tr><td>{row.date:%Y-%m-%d}</td><td>{html.escape(row.date_precision)}</td>"
                    f"<td>{html.escape(row.event)}</td><td>{link}</td><td>{html.escape(row.source)}</td>"
                    f"<td>{html.escape(row.qualifier)}</td></tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Date", "Precision", "Event", "Told in", "Source", "Qualifier"))
    return (f'<table class="chronology-table"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>")


# --- the map -----------------------------------------------------------------------------------

RAILWAY = ("petrovsk", "derbent", "baku")  # the Petrovsk–Baku railway by its stations (gse_azerbaijan_railroad)
CAVALRY_ROUTE = ("kusary", "kuba", "shemakha", "kurdamir")  # as the Soviet encyclopedia lists them
WATER = "#d6ebf5"
LAND = "#fbfaf6"


MAP_DETAIL_DEGREES = 0.06  # about 3 points of the drawn map: finer turns of a coast or border are not seen


def _thinned(points: list) -> list:
    """A line or ring without the points closer than MAP_DETAIL_DEGREES to the last one kept: the map
    looks the same and its SVG, which writes every point, weighs less than half."""
    kept = [points[0]]
    for x, y in points[1:-1]:
        if abs(x - kept[-1][0]) + abs(y - kept[-1][1]) >= MAP_DETAIL_DEGREES:
            kept.append((x, y))
    return [*kept, points[-1]] if len(points) > 1 else kept


def _map_point(places: pd.DataFrame, key: str) -> tuple[float, float]:
    return float(places.loc[key, "longitude"]), float(places.loc[key, "latitude"])


def region_map(places: pd.DataFrame | None = None, region: dict | None = None):
    """The region with today's coasts and borders, the railway, the cavalry's route and the places."""
    from . import geography

    places = data.register("place") if places is None else places
    region = geography.load_region() if region is None else region
    west, south, east, north = region["bbox"]
    figure, axes = new_figure(7.5, 7.4, legend_row=True)
    with style():
        axes.set_facecolor(WATER)
        for feature in region["features"]:
            kind, geometry = feature["properties"]["kind"], feature["geometry"]
            if kind == "country":
                for polygon in geometry["coordinates"]:
                    ring = _thinned(polygon[0])
                    axes.fill([x for x, _ in ring], [y for _, y in ring], color=LAND, zorder=1, linewidth=0)
            elif kind == "coast":
                for line in geometry["coordinates"]:
                    axes.plot(*zip(*_thinned(line), strict=True), color=MUTED, linewidth=0.7, zorder=2)
            elif kind == "border":
                for line in geometry["coordinates"]:
                    axes.plot(*zip(*_thinned(line), strict=True), color=MUTED, linewidth=0.9,
                              linestyle=(0, (4, 2)), zorder=2)

        railway = [_map_point(places, key) for key in RAILWAY]
        longitudes, latitudes = zip(*railway, strict=True)
        axes.plot(longitudes, latitudes, color=INK, linewidth=2.2, zorder=4, label="railway Petrovsk–Derbent–Baku")
        axes.plot(longitudes, latitudes, color=INK, linewidth=0, marker="|", markersize=9, zorder=4)
        route = [_map_point(places, key) for key in CAVALRY_ROUTE]
        for start, end in zip(route, route[1:], strict=False):
            axes.annotate("", xy=end, xytext=start, zorder=5,
                          arrowprops=dict(arrowstyle="-|>", color=OKABE_ITO["vermillion"], linewidth=2,
                                          linestyle="--", shrinkA=4, shrinkB=4))
        axes.plot([], [], color=OKABE_ITO["vermillion"], linewidth=2, linestyle="--",
                  label="2nd Cavalry Corps: Kusary, Kuba, Shemakha, Kurdamir")
        axes.plot([], [], color=MUTED, linewidth=0.9, linestyle=(0, (4, 2)), label="present-day border")
        offsets = {"kuba": (6, -10), "kusary": (6, 4), "derbent": (-8, 0), "petrovsk": (-8, 0),
                   "baku": (6, -8), "shemakha": (6, 2), "kurdamir": (-8, -10)}
        for key in _places_on_map(places):
            x, y = _map_point(places, key)
            axes.plot(x, y, marker="o", markersize=6, color=OKABE_ITO["blue"], markeredgecolor=INK, zorder=6)
            dx, dy = offsets.get(key, (6, 4))
            axes.annotate(places.loc[key, "name"], (x, y), xytext=(dx, dy), textcoords="offset points",
                          ha="right" if dx < 0 else "left", fontsize=10, zorder=7,
                          bbox=dict(boxstyle="round,pad=0.1", fc=LAND, ec="none", alpha=0.8))
        for key, (x, y) in geography.REGION_LABELS.items():
            axes.text(x, y, places.loc[key, "name"].upper(), fontsize=10, fontstyle="italic", color=INK,
                      ha="center", va="center", zorder=3)
        axes.text(50.2, 41.3, "Caspian\nSea", fontsize=10, fontstyle="italic", color=INK, ha="center")
        axes.set_xlim(west, east)
        axes.set_ylim(south, north)
        axes.set_aspect(1 / np.cos(np.radians((south + north) / 2)))  # equirectangular, true at mid-latitude
        axes.grid(False)
        axes.set_xlabel("Longitude (°E)")
        axes.set_ylabel("Latitude (°N)")
        axes.set_title("Where the invasion went, April 1920")
        legend_below(axes, ncols=1)
        # the register's sources of every place shown: those of the railway's stations and of the route
        # are the encyclopedia articles that give the railway and the cavalry's advance
        shown_sources = places.loc[geography.on_the_map(places), "source"].dropna()
        shown_sources = shown_sources[shown_sources != ""]
        source_note(axes, source_line(shown_sources, "Sources of the places, railway and route")[:-1]
                    + ". Coordinates: GeoNames; coasts and today's borders: Natural Earth.")
    return figure


def _places_on_map(places: pd.DataFrame) -> list[str]:
    """The places of the register the map marks with a dot (regions are named, not dotted)."""
    from . import geography

    return [key for key in geography.on_the_map(places) if key not in geography.REGION_LABELS]


def region_map_alt(places: pd.DataFrame | None = None) -> str:
    """The map's alt text, naming the places it marks from the register."""
    from . import geography

    places = data.register("place") if places is None else places
    names = [places.loc[key, "name"] for key in _places_on_map(places)]
    stations = [places.loc[key, "name"] for key in RAILWAY]
    railway = f"{stations[0]} by {', '.join(stations[1:-1])} to {stations[-1]}"
    route = ", ".join(places.loc[key, "name"] for key in CAVALRY_ROUTE)
    regions = " and ".join(places.loc[key, "name"] for key in geography.REGION_LABELS)
    return (f"Map of the eastern Caucasus and the Caspian coast, with present-day borders dashed. A solid line "
            f"with cross-ties runs down the coast from {railway}; a dashed line with arrows runs through "
            f"{route}. Dots mark {', '.join(names[:-1])} and {names[-1]}; the regions {regions} are named "
            f"in italics.")
