"""The edition's one chart style: its palette, its matplotlib settings, its figure, and the source line
and legend every chart carries.

Why the style is what it is:

- colour-blind-safe: the Okabe–Ito palette, and never colour alone: every series also has a hatch or a
  marker and a direct label, so a grey-scale print or a reader who cannot tell orange from green loses
  nothing;
- print and dark mode: each figure is an opaque white card with near-black text. The book theme dims
  images a little in dark mode; a white card with dark text stays readable there, whereas a transparent
  figure would put black text on a dark page;
- labelled: titles say what is shown, axes say in what unit, and the source (witness paragraph or work)
  is written on the chart.

The public names are imported from :mod:`azedition.charts`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import matplotlib
import matplotlib.pyplot as plt
from matplotlib.axes import Axes
from matplotlib.figure import Figure

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
    "svg.hashsalt": "azedition",  # the SVG's element ids fixed, not random: the same chart, the same bytes
    "pdf.fonttype": 42,  # PDF text is text in an embedded TrueType font, not outlines or Type 3
}


@contextmanager
def style() -> Iterator[None]:
    """The edition's matplotlib style, for the figures drawn inside the block."""
    with plt.rc_context(STYLE):
        yield


def new_figure(width: float = 7.5, height: float = 3.2, legend_row: bool = False,
               panels: list[float] | None = None) -> tuple[Figure, Axes | tuple[Axes, ...]]:
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

# --- citations on a chart -----------------------------------------------------------------------


def cite(source: str) -> str:
    """A source cell as the chapters cite it: 'p6; p10; mikoyan1999tak' -> '¶6, ¶10; Mikoian 1999'.

    Witness paragraphs become ¶N, bibliography keys the author–year of :mod:`azedition.bibliography`;
    no key is ever shown.
    """
    tokens = source.split(data.SOURCE_SEPARATOR)
    paragraphs = [paragraph_label(token) for token in tokens if token in data.PARAGRAPH_IDS]
    works = [bibliography.author_year(token) for token in tokens if token not in data.PARAGRAPH_IDS]
    return "; ".join(part for part in (", ".join(paragraphs), ", ".join(works)) if part)


def paragraph_label(paragraph_id: str) -> str:
    return "infobox" if paragraph_id == "infobox" else "¶" + paragraph_id[1:]


def source_line(sources: Iterable[str], prefix: str = "Sources") -> str:
    """'Sources: the witness ¶2, ¶5; Mikoian 1999, Veselov 2021.' for all the source cells of a table."""
    tokens = []
    for source in sources:
        tokens += [token for token in source.split(data.SOURCE_SEPARATOR) if token not in tokens]
    paragraphs = sorted((t for t in tokens if t in data.PARAGRAPH_IDS), key=data.PARAGRAPH_IDS.index)
    works = sorted({bibliography.author_year(t) for t in tokens if t not in data.PARAGRAPH_IDS})
    parts = [f"the witness {', '.join(paragraph_label(p) for p in paragraphs)}"] if paragraphs else []
    parts += [", ".join(works)] if works else []
    return f"{prefix}: {'; '.join(parts)}."


def source_note(axes: Axes, text: str) -> None:
    """The source of the chart, written under the plot where print keeps it (the layout makes room)."""
    import textwrap

    # wrapped to the figure's width (about 5 points a character at 9 pt, with room to spare), so a long
    # list of works stays on the page; the constrained layout makes room for each line
    characters = int(axes.figure.get_figwidth() * 72 / 5.0)
    axes.figure.supxlabel("\n".join(textwrap.wrap(text, characters)), x=0.01, ha="left", fontsize=9,
                          color=MUTED)


def legend_below(axes: Axes, **options: Any) -> None:
    """The legend in the figure's legend row (``new_figure(..., legend_row=True)``), under the plot, where
    it can cover no label or mark."""
    legend_axes = next(a for a in axes.figure.axes if a.get_label() == LEGEND_ROW)
    handles = options.pop("handles", None) or axes.get_legend_handles_labels()[0]
    legend_axes.legend(handles=handles, loc="center", frameon=False, **options)
