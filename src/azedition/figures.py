"""Sphinx extension: ``{chart} key`` shows a chart glued in a notebook as a numbered figure in a chapter.

myst-nb's ``{glue:figure}`` only pastes from the page's own notebook; across pages it offers
``{glue:any}`` with ``:doc:``, which pastes the image but gives it no figure, caption, number or alt
text. This directive wraps that cross-page paste (myst-nb's own pending glue reference, resolved by
myst-nb once every notebook has been executed) in a real figure node, so that:

- the figure is numbered and can be cited with ``{numref}`fig-<key>```;
- its caption and alt text come from :data:`azedition.charts.CHARTS`, the one place they are written;
- the chapter is rebuilt when the notebook that draws the chart changes.

It also closes a gap of ``execute_notebooks: cache``: jupyter-cache keys a notebook's outputs on its
code cells only, so a changed table in data/ or a changed chart function would leave stale figures in the
book. Before each build the extension fingerprints everything the charts are drawn from; when the
fingerprint changes it drops the cached outputs and rereads the notebooks and the chapters that show them.

Usage in a chapter, outside any ``{witness}`` directive::

    ```{chart} membership
    ```
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import (
    bibliography,
    chart_alt,
    chart_drawings,
    chart_map,
    chart_output,
    chart_style,
    charts,
    config,
    data,
    geography,
    notebook_table,
    readable,
    schema,
    witness,
)
from .charts import CHARTS
from .config import warn
from .domain import edition_domain

logger = logging.getLogger(__name__)
CHART_CLASS = "azedition-chart"
# the modules the charts are drawn by, besides the registry azedition.charts: a change to any of them
# makes the notebooks' chart outputs stale
CHART_MODULES = (chart_style, chart_drawings, chart_alt, chart_map, chart_output)


class ChartDirective(SphinxDirective):
    """``{chart} key``: the registered chart ``key`` as a numbered figure named ``fig-<key>``."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        from myst_nb.ext.glue.utils import PendingGlueReferenceError, create_pending_glue_ref

        key = self.arguments[0].strip()
        chart = CHARTS.get(key)
        if chart is None:
            warn("chart", "unknown chart %r: register it in azedition.charts.CHARTS", key,
                 location=self.get_location())
            return []
        notebook = f"/{chart.notebook}.ipynb"
        self.env.note_dependency(self.env.relfn2path(notebook, self.env.docname)[1])
        try:
            pending = create_pending_glue_ref(self.state.document, self.env.docname, self.lineno,
                                              notebook, key)
        except PendingGlueReferenceError as error:
            warn("chart", "chart %r: %s", key, error, location=self.get_location())
            return []
        figure = nodes.figure(classes=[CHART_CLASS], chart_alt=chart.alt_text())
        self.set_source_info(figure)
        figure += pending
        caption_nodes, messages = self.state.inline_text(chart.caption, self.lineno)
        figure += nodes.caption(chart.caption, "", *caption_nodes)
        legend_nodes, legend_messages = self.state.inline_text(
            f"Data, arithmetic and code: the notebook {{doc}}`/{chart.notebook}`.", self.lineno)
        figure += nodes.legend("", nodes.paragraph("", "", *legend_nodes))
        messages += legend_messages
        figure["names"].append(f"fig-{key}")
        edition_domain(self.env).chart_docs.add(self.env.docname)
        self.state.document.note_explicit_target(figure, figure)
        return [figure, *messages]


class ChartAltText(SphinxPostTransform):
    """Give the pasted image its alt text, once myst-nb (priority 5) has put the image in place.

    The notebook page's own figure of a chart (``nb-<key>``, named in the cell's metadata) gets the same
    alt text, written from the data by :meth:`azedition.charts.Chart.alt_text`.
    """

    default_priority = 6

    def run(self, **kwargs: Any) -> None:
        notebook_figures = {f"nb-{key}": chart for key, chart in CHARTS.items()}
        for figure in self.document.findall(nodes.figure):
            on_notebook_page = [notebook_figures[i] for i in figure["ids"] if i in notebook_figures]
            if on_notebook_page:
                for image in figure.findall(nodes.image):
                    image["alt"] = on_notebook_page[0].alt_text()
                continue
            if CHART_CLASS not in figure.get("classes", []):
                continue
            images = list(figure.findall(nodes.image))
            if len(images) != 1:
                warn("chart", "chart figure %s has no image: was its notebook executed?",
                     figure["names"], location=figure)
                continue
            image = images[0]
            image["alt"] = figure["chart_alt"]
            if self.app.builder.format != "html":
                # myst-nb points the pasted image at a path relative to the page, which is right for
                # HTML pages in folders but wrong for LaTeX's single folder, where the image (copied
                # there for the notebook page that shows it too) sits under its own name.
                name = Path(image["uri"]).name
                image["uri"], image["candidates"] = name, {"*": name}


class PasteChartSvg(SphinxPostTransform):
    """Paste a chart glued as SVG into its chapter (HTML), which myst-nb's cross-page glue cannot do.

    myst-nb (priority 5) pastes PNG, JPEG, GIF and PDF from another page's notebook but skips SVG. This
    runs just before it, for the ``{chart}`` figures whose glued image is SVG (as `make bench` decided,
    :func:`azedition.charts.html_format`): it writes the SVG into the build's image folder under the name
    myst-nb gives the notebook page's copy (the hash of its bytes) and puts an image node in its place.
    """

    default_priority = 4
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        import hashlib
        import os

        from myst_nb.ext.glue.crossref import read_glue_cache
        from myst_nb.ext.glue.utils import PendingGlueReference

        if not hasattr(self.env, "mystnb_config"):
            return  # a project without myst-nb (the extension's own test projects) glues nothing
        builder, cache_folder = self.app.builder, self.env.mystnb_config.output_folder
        for figure in self.document.findall(nodes.figure):
            if CHART_CLASS not in figure.get("classes", []):
                continue
            for pending in list(figure.findall(PendingGlueReference)):
                glued = read_glue_cache(cache_folder, pending.refdoc).get(pending.key, {}).get("data", {})
                svg = glued.get("image/svg+xml")
                if svg is None:
                    continue  # a PNG: myst-nb pastes it
                svg_bytes = os.linesep.join(svg.splitlines()).encode("utf-8")  # as myst-nb writes it
                target = Path(builder.outdir) / builder.imagedir / f"{hashlib.sha256(svg_bytes).hexdigest()}.svg"
                target.parent.mkdir(parents=True, exist_ok=True)
                if not target.exists():
                    target.write_bytes(svg_bytes)
                uri = os.path.relpath(target, (Path(builder.outdir) / self.env.docname).parent)
                pending.replace_self(nodes.image(uri=uri, candidates={"*": uri}))


def chart_inputs_fingerprint(data_dir: Path, bib_path: Path | None) -> str:
    """A digest of every file the notebooks' outputs are computed from, besides the notebooks."""
    # readable and notebook_table write the notes and tables the notebooks print
    code = [Path(module.__file__) for module in (data, schema, witness, bibliography, geography, charts,
                                                 readable, notebook_table, *CHART_MODULES)]
    files = sorted(data_dir.glob("*.csv")) + [data_dir / data.PACKAGE_FILE]
    files += [geography.region_path(data_dir)]  # the map's coasts and borders
    files += ([bib_path] if bib_path is not None else []) + code + [charts.FORMATS_PATH]
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def refresh_stale_outputs(app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str],
                          removed: set[str]) -> list[str]:
    """Drop the cached notebook outputs when the data or the chart code changed since they were made."""
    if not hasattr(env, "mystnb_config"):
        return []  # a project without myst-nb (the extension's own test projects) has no notebooks
    cache_path = Path(env.mystnb_config.execution_cache_path)
    stamp = cache_path / "azedition-chart-inputs.sha256"
    fingerprint = chart_inputs_fingerprint(config.data_dir(env), config.bibliography_path(env))
    if stamp.exists() and stamp.read_text("utf-8") == fingerprint:
        return []
    if cache_path.exists():
        from jupyter_cache import get_cache

        cache = get_cache(cache_path)
        for record in cache.list_cache_records():
            cache.remove_cache(record.pk)
        logger.info("azedition: data or chart code changed; the notebooks will be executed again")
    cache_path.mkdir(parents=True, exist_ok=True)
    stamp.write_text(fingerprint, "utf-8")
    notebooks = {doc for doc in env.found_docs if Path(env.doc2path(doc)).suffix == ".ipynb"}
    return sorted((notebooks | edition_domain(env).chart_docs) - set(removed))


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("chart", ChartDirective)
    app.add_post_transform(PasteChartSvg)
    app.add_post_transform(ChartAltText)
    app.connect("env-get-outdated", refresh_stale_outputs)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
