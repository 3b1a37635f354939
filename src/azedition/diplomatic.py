"""Rebuild the diplomatic text (the witness's own readings only) from the book's doctrees.

The Sphinx extension marks everything the editors add with the class ``editorial``; footnote and
citation references are the editors' too. Strip those, keep every other text node of the witness
containers, and the result must equal ``data/source/witness.txt`` character for character.
"""

from __future__ import annotations

import pickle
import re
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from .data import witness_text
from .paths import BUILD_DIR
from .nodes import EDITORIAL

DOCTREE_DIR = BUILD_DIR / ".doctrees"


def witness_reading(node: nodes.Node) -> str:
    """The witness's words inside ``node``, with every editorial addition left out."""
    if isinstance(node, nodes.Text):
        return str(node)
    if EDITORIAL in node.get("classes", []):
        return ""
    if isinstance(node, (nodes.footnote_reference, nodes.citation_reference, nodes.system_message)):
        return ""
    if isinstance(node, addnodes.pending_xref) and node.get("refdomain") == "cite":
        return ""
    return "".join(witness_reading(child) for child in node.children)


def infobox_lines(container: nodes.Element) -> list[str]:
    """The infobox rows as the witness writes them: ``Key: | value |``."""
    lines = []
    for row in container.findall(nodes.row):
        value = witness_reading(row.children[1])
        lines.append(f"{row['witness_key']}: | {value}{row['witness_close']}")
    return lines


def witness_units(doctree_dir: Path = DOCTREE_DIR) -> dict[str, str]:
    """Every witness unit found in the doctrees: ``{'infobox': ..., 'p1': ..., ...}``."""
    units: dict[str, str] = {}
    for path in sorted(Path(doctree_dir).rglob("*.doctree")):
        doctree = pickle.loads(path.read_bytes())
        for container in doctree.findall(nodes.container):
            classes = container.get("classes", [])
            if "witness-infobox" in classes:
                units["infobox"] = "\n".join(infobox_lines(container))
            elif "witness-paragraph" in classes:
                units[f"p{container['witness_n']}"] = witness_reading(container)
    return units


def diplomatic_text(doctree_dir: Path = DOCTREE_DIR) -> str:
    """The whole witness rebuilt: the infobox, then the paragraphs in numerical order."""
    units = witness_units(doctree_dir)
    paragraphs = sorted((key for key in units if key != "infobox"), key=lambda key: int(key[1:]))
    return "\n".join([units["infobox"]] + [units[key] for key in paragraphs])


def witness_sentences() -> list[str]:
    """The witness cut into sentences, to find it in a rendering (HTML, PDF); the infobox is cut into
    its keys and values, since a table shows no bars."""
    lines = witness_text().split("\n")
    sentences = [part.strip(" :") for line in lines[:10] for part in line.split("|") if part.strip(" :")]
    for line in lines[10:]:
        for sentence in re.split(r"(?<=[.:])\s+|(?<=\.)(?=\[)|(?<=:)(?=\S)", line):
            sentence = sentence.strip(" |")
            if len(sentence) > 3:
                sentences.append(sentence)
    return sentences
