"""The document nodes of the edition's markup, made by the roles and directives, resolved into links.

Everything the editors add to a witness paragraph carries the class :data:`EDITORIAL`;
``azedition.diplomatic`` relies on that to strip it and rebuild the witness from the doctrees.
"""

from __future__ import annotations

from docutils import nodes

EDITORIAL = "editorial"
NOTE_SIGN = "°"


class entity_ref(nodes.Inline, nodes.TextElement):
    """A mention of a person, place or organization; becomes a link to its register entry."""


class app_link(nodes.Inline, nodes.TextElement):
    """A link to an apparatus entry (from a mark in the text); resolved like ``entity_ref``."""


class para_ref(nodes.Inline, nodes.TextElement):
    """A cross-reference to a witness paragraph by its number."""


class backlinks(nodes.General, nodes.Element):
    """Placeholder in a register or apparatus entry for the list of places that point at it."""


ALL_NODES = (entity_ref, app_link, para_ref, backlinks)
