"""Reading views: a switch on every chapter between the diplomatic view and a reading text.

A Sphinx extension (``_config.yml``, ``sphinx: extra_extensions``), HTML only: the PDF stays the
diplomatic text. The behaviour is in ``book/_static/reading.js`` and ``reading.css``; this module

- loads them (the script deferred: nothing waits for it);
- puts a small inline script in every page's head that applies the reader's stored choice before
  the first paint, so the reading text does not flash the diplomatic one on each new page;
- writes the switch itself into each chapter, before the first witness unit, at build time, and an
  empty place of fixed width for each paragraph's buttons: both are laid out with the page, so nothing
  moves when the scripts start (Lighthouse's layout shift). They carry the theme's ``pst-js-only`` class,
  so a reader without JavaScript sees no switch and no empty place, and the diplomatic view.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

STORAGE_KEY = "azedition-view"
# Applied before the body is drawn; a storage that refuses (private mode) leaves the diplomatic view.
APPLY_STORED_VIEW = (
    "try { if (localStorage.getItem('" + STORAGE_KEY + "') === 'reading') "
    "document.documentElement.dataset.editionView = 'reading'; } catch (error) {}"
)
SWITCH = (
    '<div class="edition-view-switch pst-js-only">'
    '<button type="button" class="edition-view-button" aria-pressed="false" '
    'aria-describedby="edition-view-note">Reading text</button>'
    '<span class="edition-view-note" id="edition-view-note">'
    '<span class="diplomatic-only">Shown: the diplomatic text, the witness as it stands with the editors\' '
    'signs.</span>'
    '<span class="reading-only">Shown: the reading text, emendations applied and the signs left out.</span>'
    "</span></div>\n"
)
# Where each unit's tools go: after the ¶ number, or at the head of the infobox. The empty span is laid
# out with the page at its final width, so the buttons that the scripts put in it move no text.
TOOLS = '<span class="paragraph-tools pst-js-only"></span>'
WITNESS_UNITS = ("witness-paragraph", "witness-infobox")


def add_switch(doctree: nodes.document) -> None:
    """The switch before the chapter's first witness unit and a place for each unit's tools, as raw HTML
    nodes of the resolved doctree (the pickled one, which the diplomatic text is rebuilt from, keeps none);
    a page without witness units is left as it is."""
    units = [container for container in doctree.findall(nodes.container)
             if set(WITNESS_UNITS) & set(container.get("classes", []))]
    if not units:
        return
    first = units[0]
    first.parent.insert(first.parent.index(first), nodes.raw("", SWITCH, format="html"))
    for unit in units:
        if "witness-infobox" in unit["classes"]:
            unit.insert(0, nodes.raw("", TOOLS, format="html"))
    for number in list(doctree.findall(nodes.reference)):
        if "pnum" in number.get("classes", []):
            number.parent.insert(number.parent.index(number) + 1, nodes.raw("", TOOLS, format="html"))


def put_switch_in_chapters(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved``: the switch in the HTML only; the PDF stays the diplomatic text."""
    if app.builder.format == "html":
        add_switch(doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_js_file(None, body=APPLY_STORED_VIEW, priority=100)
    app.add_js_file("reading.js", loading_method="defer")
    app.add_css_file("reading.css")
    app.connect("doctree-resolved", put_switch_in_chapters)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
