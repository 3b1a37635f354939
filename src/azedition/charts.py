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
from contextlib import contextmanager
from dataclasses import dataclass

import matplotlib
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from . import data

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
    "svg.fonttype": "none",
}


@dataclass(frozen=True)
class Chart:
    """One chart of the edition: where it is drawn, what it is called, and how it is described."""

    key: str  # the glue key in the notebook and the argument of the {chart} directive
    notebook: str  # the notebook that draws it, relative to the project root, without suffix
    caption: str
    alt: str


CHARTS = {chart.key: chart for chart in [
    Chart("congress-composition", "notebooks/party-membership",
          "Delegates to the constituent congress of the Azerbaijan Communist Party by origin, as the witness "
          "counts them in ¶2 (150 in all, if Himmat and the Russian Communist Party had 30 each). The dashed "
          "line marks half of the delegates: a majority needs more than 75.",
          "Stacked horizontal bar of 150 delegates: Himmat 30, Russian Communist Party 30, Adalat 30, "
          "other Communist cells 60, with a dashed line at 75, half of the total."),
    Chart("membership", "notebooks/party-membership",
          "Membership of the Azerbaijan Communist Party, January to May 1920: the only figure the edition can "
          "source is the witness's \"4,000 individuals by late April 1920\" (¶5), a round number; no earlier "
          "figure from a verified work is known to the edition, so no trend is drawn.",
          "Timeline from January to May 1920 with a single point at late April 1920 labelled about 4,000 "
          "members, source paragraph 5; the rest of the timeline is empty because no other figure is sourced."),
    Chart("order-of-battle", "notebooks/army-composition",
          "The forces of April 1920 as the sources allow. The 11th Red Army's \"over 30,000\" (¶10) is a lower "
          "bound, drawn as an open-ended bar; the formations have no numbers in any source the edition uses; "
          "the witness gives the Azerbaijani army only as shares. Hatching shows how far each row is confirmed.",
          "Horizontal chart of ten rows. The 11th Red Army has a bar reaching 30,000 with a dashed arrow beyond "
          "it, labelled over 30,000, witness only. The 26th, 28th and 32nd rifle divisions, the flotilla and the "
          "armoured trains have no number. The 2nd Cavalry Corps is confirmed by a second source. The "
          "Azerbaijani army has no number: most forces in Karabakh, a small portion facing the advance."),
    Chart("chronology", "notebooks/chronology",
          "Dated events from January to May 1920, each with the witness paragraph that tells it. Filled circles "
          "are days the source gives; a bar spans the first ten days of a month where the source says only "
          "\"early\". Events marked with a diamond come from a work of the bibliography, not from the witness.",
          "Timeline from January to May 1920 listing 19 events top to bottom in date order, each labelled with "
          "its paragraph number; most cluster between 21 and 28 April 1920."),
    Chart("region-map", "notebooks/army-composition",
          "The places of the witness and of the commentary, April 1920. The 11th Army's armoured trains came on "
          "the railway from Petrovsk by Derbent to Baku (drawn straight between its stations); the 2nd Cavalry "
          "Corps advanced by Kusary, Kuba, Shemakha and Kurdamir, cutting the road to Ganja, in the order the "
          "Soviet encyclopedia names them. Coasts and borders are today's (Natural Earth), not those of 1920; "
          "the names of regions are placed by the editors, and no boundary of theirs is drawn.",
          "Map of the eastern Caucasus from Yerevan to the Caspian Sea and from Karabakh to Petrovsk, with "
          "present-day borders dashed. A solid line with cross-ties runs down the Caspian coast from Petrovsk "
          "by Derbent to Baku; a dashed line with arrows runs from Kusary by Kuba and Shemakha to Kurdamir. "
          "Dots mark Petrovsk, Derbent, Kusary, Kuba, Shemakha, Kurdamir, Baku, Ganja and Yerevan; the regions "
          "Dagestan and Karabakh are named in italics."),
]}


@contextmanager
def style():
    """The edition's matplotlib style, for the figures drawn inside the block."""
    with plt.rc_context(STYLE):
        yield


def new_figure(width: float = 7.5, height: float = 3.2):
    """A figure and one axes in the edition's style."""
    with style():
        return plt.subplots(figsize=(width, height), layout="constrained")


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


def publish(figure, key: str):
    """Show the figure and glue it under its registered key, so that a chapter can show it too.

    The PNG is made here rather than by the kernel's display hook, so the notebook page and the chapter
    show the same image (myst-nb names image files by their content).
    """
    from IPython.display import Image
    from myst_nb import glue

    if key not in CHARTS:
        raise KeyError(f"chart {key!r} is not registered in azedition.charts.CHARTS")
    image = Image(data=png_bytes(figure), format="png")
    plt.close(figure)
    glue(key, image, display=True)


def source_note(axes, text: str):
    """The source of the chart, written under the plot where print keeps it (the layout makes room)."""
    axes.figure.supxlabel(text, x=0.01, ha="left", fontsize=9, color=MUTED)


# --- the charts --------------------------------------------------------------------------------


def congress_composition(congress: pd.DataFrame | None = None):
    """One stacked bar: the congress's delegates by origin, with the half-way mark."""
    congress = data.table("congress") if congress is None else congress
    total = int(congress["delegates"].sum())
    figure, axes = new_figure(7.5, 2.6)
    with style():
        left = 0
        for index, row in enumerate(congress.itertuples()):
            count = int(row.delegates)
            axes.barh(0, count, left=left, color=SERIES_COLOURS[index], hatch=SERIES_HATCHES[index],
                      edgecolor=INK, linewidth=0.8, label=f"{row.name}: {count}")
            text_colour = PAPER if SERIES_COLOURS[index] in (OKABE_ITO["blue"],) else INK
            axes.text(left + count / 2, 0, f"{row.name}\n{count}", ha="center", va="center", fontsize=9.5,
                      color=text_colour, bbox=dict(boxstyle="round,pad=0.15", fc=PAPER, ec="none", alpha=0.85)
                      if text_colour == INK else None)
            left += count
        axes.axvline(total / 2, color=INK, linestyle="--", linewidth=1.2)
        axes.text(total / 2 + 1.5, 0.5, f"half of {total}: {total / 2:g}", ha="left", va="bottom", fontsize=9.5)
        axes.set_xlim(0, total)
        axes.set_ylim(-0.55, 0.75)
        axes.set_yticks([])
        axes.set_xlabel(f"Delegates (total {total})")
        axes.set_title("The AzCP constituent congress by origin of delegates")
        axes.grid(axis="y", visible=False)
        source_note(axes, "Source: the witness, ¶2 (figures exact as stated).")
    return figure


def membership(members: pd.DataFrame | None = None):
    """The membership figures on a January–May 1920 axis; one point is all the sources give."""
    members = data.table("membership") if members is None else members
    figure, axes = new_figure(7.5, 3.0)
    with style():
        axes.plot(members["date"], members["members"], marker="o", markersize=9, linestyle="none",
                  color=OKABE_ITO["blue"], markeredgecolor=INK)
        for row in members.itertuples():
            span = PRECISION_SPAN_DAYS[row.date_precision]
            if span:  # "late April": the figure belongs somewhere in the month's last ten days
                axes.plot([row.date - pd.Timedelta(days=span), row.date], [row.members] * 2, linewidth=4,
                          color=OKABE_ITO["blue"], solid_capstyle="butt")
            axes.annotate(f"{row.qualifier} {int(row.members):,} ({_paragraphs(row.source)})",
                          xy=(row.date, row.members), xytext=(-10, 12), textcoords="offset points",
                          ha="right", fontsize=10)
        axes.set_xlim(pd.Timestamp("1920-01-01"), pd.Timestamp("1920-05-31"))
        axes.set_ylim(0, max(5000, int(members["members"].max()) * 1.25))
        axes.xaxis.set_major_locator(mdates.MonthLocator())
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%b"))
        axes.yaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        axes.set_ylabel("Members")
        axes.set_xlabel("1920 (the bar spans the last ten days of April: \"late April\")")
        axes.set_title("AzCP membership, January–May 1920")
        axes.text(pd.Timestamp("1920-01-08"), 2500, "No other membership figure\nis sourced in this period",
                  fontsize=9.5, color=MUTED, va="center")
        source_note(axes, "Source: the witness, ¶5 (\"reaching 4,000 ... by late April 1920\").")
    return figure


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
    figure, axes = new_figure(8.5, 4.8)
    with style():
        for y, row in units.iterrows():
            look = CORROBORATION_STYLE[row["corroboration"]]
            if pd.notna(row["strength"]):
                value = int(row["strength"])
                axes.barh(y, value, color=look["color"], hatch=look["hatch"], edgecolor=INK, height=0.6)
                if row["qualifier"] == "at least":
                    axes.annotate("", xy=(value * 1.3, y), xytext=(value, y),
                                  arrowprops=dict(arrowstyle="->", color=INK, linewidth=1.5, linestyle="--"))
                    text = f"over {value:,} ({_paragraphs(row['source'])})"
                else:
                    text = f"{row['qualifier']} {value:,} ({_paragraphs(row['source'])})"
                axes.text(value * 1.33, y, text, va="center", fontsize=9.5)
            else:
                axes.text(0.04 * scale, y, _no_number(row), va="center", fontsize=9.5, color=INK)
            axes.plot(0, y, marker=look["marker"], markersize=8, color=look["color"], markeredgecolor=INK,
                      linestyle="none", clip_on=False, zorder=5)
        axes.set_yticks(range(len(units)))
        axes.set_yticklabels(units["name"])
        for tick, parent in zip(axes.get_yticklabels(), units["parent"]):
            tick.set_fontweight("normal" if parent else "bold")
        axes.tick_params(axis="y", length=0, pad=10)
        for look in CORROBORATION_STYLE.values():
            axes.plot([], [], marker=look["marker"], markersize=8, color=look["color"], markeredgecolor=INK,
                      linestyle="none", label=look["label"])
        axes.set_ylim(-0.7, len(units) - 0.3)
        axes.set_xlim(0, scale * 2.0)
        axes.grid(axis="y", visible=False)
        axes.set_xlabel("Soldiers (only where a source gives a number)")
        axes.xaxis.set_major_formatter(matplotlib.ticker.StrMethodFormatter("{x:,.0f}"))
        axes.set_title("Order of battle, April 1920: what the sources say")
        axes.legend(loc="center right", title="Corroboration", title_fontsize=10, alignment="left")
        source_note(axes, "Sources: the witness ¶6, ¶10; mikoyan1999tak, veselov2021bolsheviki (armoured trains).")
    return figure


def _no_number(row) -> str:
    if row["side"] == "azerbaijani" and row["parent"]:
        share = "most forces" if row["place"] == "karabakh" else "a small portion"
        return f"no number: {share} ({_paragraphs(row['source'])})"
    return f"no number given ({_paragraphs(row['source'])})"


def _paragraphs(source: str) -> str:
    """'p6; p10' -> '¶6, ¶10'; bibliography keys stay keys."""
    return ", ".join("¶" + token[1:] if token.startswith("p") and token[1:].isdigit() else token
                     for token in source.split(data.SOURCE_SEPARATOR))


PRECISION_SPAN_DAYS = {"day": 0, "early month": 9, "late month": 9, "month": 29}


def chronology(events: pd.DataFrame | None = None):
    """A timeline, one event a row in date order, each labelled with its paragraph."""
    events = data.table("chronology") if events is None else events
    events = events.sort_values("date", kind="stable").reset_index(drop=True)  # same day: table order
    figure, axes = new_figure(8.5, 0.36 * len(events) + 1.4)
    with style():
        for y, row in events.iterrows():
            from_witness = all(t in data.PARAGRAPH_IDS for t in row["source"].split(data.SOURCE_SEPARATOR))
            colour = OKABE_ITO["blue"] if from_witness else OKABE_ITO["vermillion"]
            span = PRECISION_SPAN_DAYS[row["date_precision"]]
            if span:
                axes.plot([row["date"], row["date"] + pd.Timedelta(days=span)], [y, y], color=colour,
                          linewidth=5, solid_capstyle="butt")
            else:
                axes.plot(row["date"], y, marker="o" if from_witness else "D", markersize=7, color=colour,
                          markeredgecolor=INK, linestyle="none")
            where = "infobox" if row["paragraph"] == "infobox" else "¶" + row["paragraph"][1:]
            axes.annotate(f"{where}  {_short(row['event'])}", xy=(row["date"] + pd.Timedelta(days=span), y),
                          xytext=(10, 0),
                          textcoords="offset points", va="center", fontsize=9)
        axes.plot([], [], marker="o", color=OKABE_ITO["blue"], markeredgecolor=INK, linestyle="none",
                  label="from the witness")
        axes.plot([], [], marker="D", color=OKABE_ITO["vermillion"], markeredgecolor=INK, linestyle="none",
                  label="from a work of the bibliography")
        axes.set_ylim(len(events) - 0.4, -0.6)
        axes.set_yticks([])
        axes.grid(axis="y", visible=False)
        axes.set_xlim(pd.Timestamp("1920-01-01"), pd.Timestamp("1920-07-15"))
        axes.set_xticks([pd.Timestamp(f"1920-{m:02d}-01") for m in range(1, 6)])
        axes.xaxis.set_major_formatter(mdates.DateFormatter("%-d %b"))
        axes.set_xlabel("1920")
        axes.set_title("Chronology, January–May 1920")
        axes.legend(loc="lower left")
        source_note(axes, "Sources: the witness (¶ numbers); kvashonkin1996bolshevistskoe, arutyunov_dosie, "
                          "maxwell1999last.")
    return figure


def _short(text: str, limit: int = 58) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + " …"


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


def region_map(places: pd.DataFrame | None = None, region: dict | None = None):
    """The region with today's coasts and borders, the railway, the cavalry's route and the places."""
    from . import geography

    places = data.register("place") if places is None else places
    region = geography.load_region() if region is None else region
    west, south, east, north = region["bbox"]
    figure, axes = new_figure(7.5, 6.4)
    with style():
        axes.set_facecolor(WATER)
        for feature in region["features"]:
            kind, geometry = feature["properties"]["kind"], feature["geometry"]
            if kind == "country":
                for polygon in geometry["coordinates"]:
                    ring = polygon[0]
                    axes.fill([x for x, _ in ring], [y for _, y in ring], color=LAND, zorder=1, linewidth=0)
            elif kind == "coast":
                for line in geometry["coordinates"]:
                    axes.plot(*zip(*line), color=MUTED, linewidth=0.7, zorder=2)
            elif kind == "border":
                for line in geometry["coordinates"]:
                    axes.plot(*zip(*line), color=MUTED, linewidth=0.9, linestyle=(0, (4, 2)), zorder=2)

        def point(key):
            return float(places.loc[key, "longitude"]), float(places.loc[key, "latitude"])

        railway = [point(key) for key in RAILWAY]
        axes.plot(*zip(*railway), color=INK, linewidth=2.2, zorder=4, label="railway Petrovsk–Derbent–Baku")
        axes.plot(*zip(*railway), color=INK, linewidth=0, marker="|", markersize=9, zorder=4)
        route = [point(key) for key in CAVALRY_ROUTE]
        for start, end in zip(route, route[1:]):
            axes.annotate("", xy=end, xytext=start, zorder=5,
                          arrowprops=dict(arrowstyle="-|>", color=OKABE_ITO["vermillion"], linewidth=2,
                                          linestyle="--", shrinkA=4, shrinkB=4))
        axes.plot([], [], color=OKABE_ITO["vermillion"], linewidth=2, linestyle="--",
                  label="2nd Cavalry Corps: Kusary, Kuba, Shemakha, Kurdamir")
        on_map = [key for key in geography.on_the_map(places) if key not in geography.REGION_LABELS]
        offsets = {"kuba": (6, -10), "kusary": (6, 4), "derbent": (-8, 0), "petrovsk": (-8, 0),
                   "baku": (6, -8), "shemakha": (6, 2), "kurdamir": (-8, -10)}
        for key in on_map:
            x, y = point(key)
            axes.plot(x, y, marker="o", markersize=6, color=OKABE_ITO["blue"], markeredgecolor=INK, zorder=6)
            dx, dy = offsets.get(key, (6, 4))
            axes.annotate(places.loc[key, "name"], (x, y), xytext=(dx, dy), textcoords="offset points",
                          ha="right" if dx < 0 else "left", fontsize=10, zorder=7,
                          bbox=dict(boxstyle="round,pad=0.1", fc=LAND, ec="none", alpha=0.8))
        for key, (x, y) in geography.REGION_LABELS.items():
            axes.text(x, y, places.loc[key, "name"].upper(), fontsize=10, fontstyle="italic", color=INK,
                      ha="center", va="center", zorder=3)
        axes.text(50.2, 41.3, "Caspian\nSea", fontsize=10, fontstyle="italic", color=INK, ha="center")
        axes.plot([], [], color=MUTED, linewidth=0.9, linestyle=(0, (4, 2)), label="present-day border")
        axes.set_xlim(west, east)
        axes.set_ylim(south, north)
        axes.set_aspect(1 / np.cos(np.radians((south + north) / 2)))  # equirectangular, true at mid-latitude
        axes.grid(False)
        axes.set_xlabel("Longitude (°E)")
        axes.set_ylabel("Latitude (°N)")
        axes.set_title("Where the invasion went, April 1920")
        axes.legend(loc="lower right", facecolor=PAPER, frameon=True, edgecolor=MUTED)
        source_note(axes, "Sources: gse_baku_operation (railway, cavalry route); gse_azerbaijan_railroad (Derbent);\n"
                          "places: GeoNames; coasts and today's borders: Natural Earth.")
    return figure
