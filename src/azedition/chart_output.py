"""The chart as the editions get it: PNG, SVG and PDF bytes; which of SVG or PNG the HTML shows (as
`make bench` weighed them, recorded in ``chart-formats.json``); and :func:`publish`, which shows a chart in
its notebook and glues it for the chapters."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib.pyplot as plt
from matplotlib.figure import Figure

from .chart_style import style


def png_bytes(figure: Figure) -> bytes:
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


def svg_text(figure: Figure) -> str:
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

    def compact(match: re.Match[str]) -> str:
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


def pdf_bytes(figure: Figure) -> bytes:
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


def weigh(figure: Figure) -> dict:
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

    from .charts import CHARTS, draw  # the registry imports this module: imported when called

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

    def __init__(self, figure: Figure, key: str) -> None:
        import base64

        self.bundle = {"application/pdf": base64.b64encode(pdf_bytes(figure)).decode("ascii")}
        if html_format(key) == "png":
            self.bundle["image/png"] = base64.b64encode(png_bytes(figure)).decode("ascii")
        else:
            self.bundle["image/svg+xml"] = svg_text(figure)

    def _repr_mimebundle_(self, include: object = None, exclude: object = None) -> dict[str, str]:
        return self.bundle


def publish(figure: Figure, key: str) -> None:
    """Show the figure and glue it under its registered key, so that a chapter can show it too.

    The images are made here rather than by the kernel's display hook, so the notebook page and the
    chapter show the same image (myst-nb names image files by their content): SVG or PNG for the HTML
    (as `make bench` decided, :func:`html_format`), vector PDF for the printed edition.
    """
    from myst_nb import glue

    from .charts import CHARTS  # the registry imports this module: imported when called

    if key not in CHARTS:
        raise KeyError(f"chart {key!r} is not registered in azedition.charts.CHARTS")
    image = ChartImage(figure, key)
    plt.close(figure)
    glue(key, image, display=True)
