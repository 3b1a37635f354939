"""Resolution: every mention, mark and paragraph reference becomes a link, and the back-links are filled.

Runs on ``doctree-resolved`` at the default priority (500); ``azedition.pdf`` runs after it (600) on the
links made here.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.nodes import make_refnode

from .config import warn
from .domain import Mention, edition_domain
from .nodes import app_link, backlinks, entity_ref, para_ref


def _link(app: Sphinx, fromdocname: str, kind: str, key: str, child: nodes.Node, node: nodes.Node,
          title: str | None = None) -> nodes.Node:
    target = edition_domain(app.env).targets.get((kind, key))
    if target is None:
        warn("unresolved", "no %s entry %r to link to", kind, key, location=node)
        return child
    return make_refnode(app.builder, fromdocname, target[0], target[1], child, title)


def resolve_links(app: Sphinx, doctree: nodes.document, fromdocname: str) -> None:
    """Turn every mention, mark and paragraph reference into a link, and fill in the back-links."""
    for node in list(doctree.findall(entity_ref)):
        child = nodes.inline(node.astext(), node.astext(), classes=["entity", node["kind"]])
        node.replace_self(_link(app, fromdocname, node["kind"], node["key"], child, node))
    for node in list(doctree.findall(app_link)):
        child = nodes.inline("", "", *node.children, classes=node["classes"])
        link = _link(app, fromdocname, "app", node["key"], child, node, node.get("title"))
        node.replace_self(link)
        if isinstance(link, nodes.reference):
            # replace_self copies the mark's ids and classes onto the link; the classes belong to the
            # inner span alone (a second copy would double the styling and the count of signs).
            link["ids"] = node["ids"]
            link["classes"] = ["app-link"]
    for node in list(doctree.findall(para_ref)):
        child = nodes.inline(node.astext(), node.astext(), classes=["para-ref"])
        node.replace_self(_link(app, fromdocname, "para", node["key"], child, node))
    for node in list(doctree.findall(backlinks)):
        node.replace_self(_backlinks(app, fromdocname, node))


def _reading_order(mention: Mention) -> tuple[int, str, str]:
    """Infobox first, then paragraphs by number: the order of the witness, whatever the read order."""
    label = mention[2]
    number = int(label[1:]) if label.startswith("¶") and label[1:].isdigit() else -1
    return (number, mention[0], mention[1])


def _backlinks(app: Sphinx, fromdocname: str, node: backlinks) -> nodes.paragraph:
    mentions = edition_domain(app.env).mentions.get((node["kind"], node["key"]), [])
    paragraph = nodes.paragraph(classes=["backlinks"])
    if not mentions:
        paragraph += nodes.emphasis(text="Not marked in the text.")
        return paragraph
    paragraph += nodes.Text("In the witness: " if node["kind"] != "app" else "Marked at: ")
    seen: list[tuple[str, str, str]] = []
    for docname, anchor, label, _spelling in sorted(mentions, key=_reading_order):
        if (docname, anchor, label) in seen and node["kind"] != "app":
            continue
        seen.append((docname, anchor, label))
        if len(seen) > 1:
            paragraph += nodes.Text(", ")
        # An entry marked several times in one paragraph gets one numbered link per mark.
        repeats = sum(1 for mention in mentions if mention[2] == label)
        if node["kind"] == "app" and repeats > 1:
            label = f"{label} ({sum(1 for s in seen if s[2] == label)})"
        child = nodes.inline(label, label)
        paragraph += make_refnode(app.builder, fromdocname, docname, anchor, child)
    spellings = sorted({m[3] for m in mentions if m[3]})
    if spellings:
        paragraph += nodes.Text(". Spelled: " + "; ".join(f"“{s}”" for s in spellings) + ".")
    return paragraph
