"""The edition's Sphinx extension, set up as a whole from the one entry point ``azedition``.

``_config.yml`` lists ``azedition`` alone; its ``setup`` (here) registers the settings, the nodes, the
roles, the directives and the domain of the edition's markup, checks the data package before anything
reads it, and sets up the other parts (``PARTS``): the commentary, the PDF edition, the chart figures, one
numbering of chapters and figures, the launch buttons' guard, the reading views and the light first paint
(stylesheets pruned, scripts deferred), the built script and stylesheet made compact, the reader's page
trimming, the guard that checks the witness after every build, and the errata page generated from
data/verification.csv. It also sets up the open edition's outputs (``OPEN_EDITION_PARTS``: identifiers,
TEI, citations, data downloads, reproducible names), whose work a small test project turns off with
``azedition_open_edition = False`` (their directives and settings stay registered).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from . import config, data
from .config import warn
from .directives import add_directives
from .domain import EditionDomain, outdated_generated_docs
from .nodes import ALL_NODES
from .resolve import resolve_links
from .roles import add_roles

PARTS = ("azedition.commentary", "azedition.pdf", "azedition.figures", "azedition.numbering",
         "azedition.launch", "azedition.views", "azedition.speed", "azedition.assets", "azedition.reader",
         "azedition.guard", "azedition.errata", "azedition.register_index")
OPEN_EDITION_PARTS = ("azedition.authority", "azedition.tei", "azedition.citation", "azedition.downloads",
                      "azedition.reproducible")


def check_data(app: Sphinx) -> None:
    """Validate data/ before anything reads it: one warning per problem, then stop, without a traceback."""
    problems = data.validate(config.data_dir(app.env), config.bibliography_path(app.env),
                             config.witness_path(app.env))
    for problem in problems:
        warn("data", str(problem))
    if problems:
        # An exception here would reach the reader as Sphinx's and Jupyter Book's tracebacks after the
        # clear lines above; the problems are said, so stop with one more line and a non-zero status.
        raise SystemExit(f"azedition: {len(problems)} problem(s) in the data package; nothing was built "
                         "(`python -m azedition validate` lists them)")


# The edition has no mathematics, and MathJax would be loaded from another host: a renderer that
# prints any stray math as plain code keeps the book offline (chosen by html_math_renderer: plain).
def _visit_math_plain(self: Any, node: nodes.Element) -> None:
    self.body.append(f'<code class="math">{self.encode(node.astext())}</code>')
    raise nodes.SkipNode


def setup(app: Sphinx) -> dict[str, Any]:
    """Set up the whole edition extension."""
    config.add_config_values(app)
    app.add_html_math_renderer("plain", (_visit_math_plain, None), (_visit_math_plain, None))
    for node in ALL_NODES:
        app.add_node(node)
    add_roles(app)
    add_directives(app)
    app.add_domain(EditionDomain)
    app.connect("builder-inited", check_data)
    app.connect("env-get-outdated", outdated_generated_docs)
    app.connect("doctree-resolved", resolve_links)
    for part in PARTS + OPEN_EDITION_PARTS:
        app.setup_extension(part)
    return {"version": "0.2", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 2}
