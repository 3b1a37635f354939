"""The edition's charts: the registry of them, :data:`CHARTS`, and the one module the notebooks, the
``{chart}`` directive, the bench and the tests import them from.

Every chart is registered in :data:`CHARTS` with its caption and alt text, written once here. The
notebooks draw and glue the charts (:func:`publish`); the ``{chart}`` directive of
``azedition.figures`` shows them in the chapters as numbered figures with the same caption and alt text.

The code lives in four modules by what it holds, and every public name of them is imported here:

- :mod:`azedition.chart_style`: the one chart style (palette, matplotlib settings, figure, source line,
  legend), and why it is what it is;
- :mod:`azedition.chart_drawings`: the drawing functions, each named like its key (``_`` for ``-``), which
  is how :func:`draw` finds them;
- :mod:`azedition.chart_alt`: the alt text of each chart, written from the data;
- :mod:`azedition.chart_output`: PNG, SVG and PDF, the HTML format `make bench` chose, :func:`publish`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from matplotlib.figure import Figure

from .chart_alt import (
    chronology_alt,
    congress_composition_alt,
    forces_by_source_alt,
    linked_events,
    linked_events_html,
    membership_alt,
    order_of_battle_alt,
)
from .chart_drawings import (
    CHRONOLOGY_END,
    CHRONOLOGY_START,
    CORROBORATION_STYLE,
    MEN,
    PRECISION_SPAN_DAYS,
    ROW_INCHES,
    SCHOOL_STYLE,
    SOURCE_MARKERS,
    chronology,
    congress_composition,
    fit_inside,
    forces_by_source,
    membership,
    order_of_battle,
)
from .chart_map import CAVALRY_ROUTE, RAILWAY, region_map, region_map_alt
from .chart_output import (
    FORMATS_PATH,
    SHARP_PIXEL_RATIO,
    SHOWN_WIDTH_CSS_PX,
    ChartImage,
    decide_formats,
    formats_table,
    html_format,
    pdf_bytes,
    png_bytes,
    publish,
    svg_text,
    weigh,
)
from .chart_style import (
    INK,
    LEGEND_ROW,
    MUTED,
    OKABE_ITO,
    PAPER,
    SERIES_COLOURS,
    SERIES_HATCHES,
    STYLE,
    cite,
    legend_below,
    new_figure,
    source_line,
    source_note,
    style,
)

__all__ = [
    "CHARTS", "Chart", "draw",
    "INK", "LEGEND_ROW", "MUTED", "OKABE_ITO", "PAPER", "SERIES_COLOURS", "SERIES_HATCHES", "STYLE",
    "cite", "legend_below", "new_figure", "source_line", "source_note", "style",
    "CHRONOLOGY_END", "CHRONOLOGY_START",
    "CORROBORATION_STYLE", "MEN", "PRECISION_SPAN_DAYS", "ROW_INCHES", "SCHOOL_STYLE", "SOURCE_MARKERS",
    "chronology", "congress_composition", "fit_inside", "forces_by_source", "membership", "order_of_battle",
    "chronology_alt", "congress_composition_alt", "forces_by_source_alt", "linked_events", "linked_events_html",
    "membership_alt", "order_of_battle_alt", "CAVALRY_ROUTE", "RAILWAY", "region_map", "region_map_alt",
    "FORMATS_PATH", "SHARP_PIXEL_RATIO", "SHOWN_WIDTH_CSS_PX", "ChartImage", "decide_formats", "formats_table",
    "html_format", "pdf_bytes", "png_bytes", "publish", "svg_text", "weigh",
]


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


def draw(key: str, *tables: object) -> Figure:
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
          "sources, and the two round numbers show no growth between them. A second panel, on its own scale, "
          "gives later figures for comparison, one row each: 73,680 members and candidates on 1 January 1933 and "
          "62,022 after the purge a year later (the Academy of Sciences' history of Azerbaijan), about 160,000 "
          "communists in 1961 (party statistics reported by Į laisvę, 1963) and 384,711 members on 1 January "
          "1989 (Wikipedia).",
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
