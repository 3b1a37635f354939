"""Two builds of one commit give the same bytes: the build's sources of difference, made deterministic.

- sphinx-tippy names each page's tip script ``<page>.<uuid4>.js`` (a fresh random name per build, to
  defeat browser caches). Here the name is derived from the page and from the time of the last commit
  (:func:`azedition.edition.source_date_epoch`), so it changes with each commit and never between two
  builds of the same one.
- sphinx-tippy keeps each page's links to other tips in a set, whose order depends on Python's random
  string hashing, and writes the tips in that order: the sets are sorted before it writes.
- Dates that the build stamps (the TEI's comment, the data zip's members) come from the same epoch.

``make repro`` builds twice from clean and compares every file (``tools/repro.py``).
"""

from __future__ import annotations

import uuid
from pathlib import Path
from typing import Any

import sphinx_tippy
from docutils import nodes
from sphinx.application import Sphinx

from . import config
from .edition import source_date_epoch

# the page being written, and the project whose last commit names its script (the build's configuration
# folder; without a build, the project's root)
_current: dict[str, Any] = {"pagename": "", "root": None}


def _page_uuid() -> uuid.UUID:
    return uuid.uuid5(uuid.NAMESPACE_URL, f"azedition:{source_date_epoch(_current['root'])}:{_current['pagename']}")


def remember_page(app: Sphinx | None, pagename: str, templatename: str | None, context: dict[str, Any],
                  doctree: nodes.document | None) -> None:
    """``html-page-context``, before sphinx-tippy's: the page whose tip script is named next."""
    _current["pagename"] = pagename
    _current["root"] = Path(app.confdir) if app is not None else None


def sort_tip_links(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``, before sphinx-tippy's writer: each page's links in a fixed order."""
    if exception is not None or app.builder.format != "html":
        return
    for page in sphinx_tippy.get_tippy_data(app)["pages"].values():
        page["refs_in_page"] = sorted(page["refs_in_page"], key=lambda ref: (ref[0] or "", ref[1] or ""))


def name_tip_scripts(app: Sphinx) -> None:
    """``builder-inited``: sphinx-tippy names its scripts by page and commit in the book; in a project
    with the open edition's outputs off (a small test book, which need not be a repository), by its own
    random names, as it would without this module."""
    sphinx_tippy.uuid4 = _page_uuid if app.config.azedition_open_edition else uuid.uuid4


def setup(app: Sphinx) -> dict[str, Any]:
    # before sphinx-tippy's own html-page-context handler (default priority 500), which names the script
    app.connect("html-page-context", config.open_edition_only(remember_page), priority=100)
    app.connect("build-finished", config.open_edition_only(sort_tip_links), priority=100)
    app.connect("builder-inited", name_tip_scripts)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
