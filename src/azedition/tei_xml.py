"""The XML of the TEI export: its namespaces, the file's place in the HTML output, and the two ways
:mod:`azedition.tei` and :mod:`azedition.tei_header` add to the tree (an element, mixed-content text)."""

from __future__ import annotations

from typing import Any

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
TEI_PATH = "tei/azedition.xml"  # inside the HTML output; the pages link it
NAME_ELEMENTS = {"person": "persName", "place": "placeName", "org": "orgName"}


def tei_child(parent: etree._Element, tag: str, text: str | None = None, **attributes: Any) -> etree._Element:
    """A TEI child element; attribute names with a trailing underscore lose it (``type_``)."""
    element = etree.SubElement(parent, f"{{{TEI_NS}}}{tag}",
                               {key.rstrip("_"): str(value) for key, value in attributes.items() if value is not None})
    if text is not None:
        element.text = text
    return element


def append_text(parent: etree._Element, text: str) -> None:
    """Mixed content: text after the last child goes in its tail."""
    if not text:
        return
    if len(parent):
        parent[-1].tail = (parent[-1].tail or "") + text
    else:
        parent.text = (parent.text or "") + text
