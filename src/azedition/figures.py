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

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import charts, config, data, geography
from .charts import CHARTS
from .config import warn
from .domain import edition_domain

logger = logging.getLogger(__name__)
CHART_CLASS = "azedition-chart"


class ChartDirective(SphinxDirective):
    """``{chart} key``: the registered chart ``key`` as a numbered figure named ``fig-<key>``."""

    required_arguments = 1

    def run(self):
        from myst_nb.ext.glue.utils import PendingGlueReferenceError, create_pending_glue_ref

        key = self.arguments[0].strip()
        chart = CHARTS.get(key)
        if chart is None:
            raise self.error(f"unknown chart {key!r}: register it in azedition.charts.CHARTS")
        notebook = f"/{chart.notebook}.ipynb"
        self.env.note_dependency(self.env.relfn2path(notebook, self.env.docname)[1])
        try:
            pending = create_pending_glue_ref(self.state.document, self.env.docname, self.lineno,
                                              notebook, key)
        except PendingGlueReferenceError as error:
            raise self.error(str(error)) from None
        figure = nodes.figure(classes=[CHART_CLASS], chart_alt=chart.alt)
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
    """Give the pasted image its alt text, once myst-nb (priority 5) has put the image in place."""

    default_priority = 6

    def run(self, **kwargs):
        for figure in self.document.findall(nodes.figure):
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


def chart_inputs_fingerprint(data_dir: Path, bib_path: Path | None) -> str:
    """A digest of every file the notebooks' outputs are computed from, besides the notebooks."""
    files = sorted(data_dir.glob("*.csv")) + [data_dir / "geography" / "region.geojson",  # the map's coasts
                                              Path(geography.__file__),
                                              data_dir / data.PACKAGE_FILE, Path(data.__file__),
                                              Path(charts.__file__)]
    if bib_path is not None:
        files.insert(-2, bib_path)
    digest = hashlib.sha256()
    for path in files:
        digest.update(path.name.encode() + b"\0" + (path.read_bytes() if path.exists() else b"") + b"\0")
    return digest.hexdigest()


def refresh_stale_outputs(app, env, added, changed, removed):
    """Drop the cached notebook outputs when the data or the chart code changed since they were made."""
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


def setup(app):
    app.add_directive("chart", ChartDirective)
    app.add_post_transform(ChartAltText)
    app.connect("env-get-outdated", refresh_stale_outputs)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
