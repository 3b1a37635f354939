"""Readers of the edition's sources for the tests: the commentary's footnotes in a chapter's Markdown,
the keys its ``{cite}`` roles name, and the witness cut into sentences to find it in a rendering."""

from __future__ import annotations

import re
from pathlib import Path

from azedition import witness

FOOTNOTE_DEFINITION = re.compile(r"^\[\^(?P<name>[A-Za-z0-9_-]+)\]:\s", re.MULTILINE)
FOOTNOTE_REFERENCE = re.compile(r"\[\^(?P<name>[A-Za-z0-9_-]+)\](?!:)")
CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`(?P<keys>[^`]+)`")


def commentary_notes(path: Path) -> dict[str, str]:
    """The footnote definitions of one chapter file: ``{name: text}`` (text up to the next one)."""
    text = path.read_text("utf-8")
    matches = list(FOOTNOTE_DEFINITION.finditer(text))
    notes = {}
    for match, following in zip(matches, matches[1:] + [None], strict=True):
        end = following.start() if following else len(text)
        notes[match["name"]] = text[match.end():end].strip()
    return notes


def footnote_references(path: Path) -> list[str]:
    """The names of the footnote references in a chapter file, in reading order."""
    return [m["name"] for m in FOOTNOTE_REFERENCE.finditer(path.read_text("utf-8"))]


def cited_keys(text: str) -> list[str]:
    """Every bibliography key cited by a ``{cite}``, ``{cite:p}`` or ``{cite:t}`` role in ``text``."""
    return [key.strip() for m in CITE_ROLE.finditer(text) for key in m["keys"].split(",")]


def witness_sentences(witness_path: Path | str | None = None) -> list[str]:
    """The witness cut into sentences, to find it in a rendering (HTML, PDF); the infobox is cut into
    its keys and values, since a table shows no bars."""
    text = witness.read(witness_path)
    sentences = [part.strip(" :") for line in text.infobox for part in line.split("|") if part.strip(" :")]
    for line in text.paragraphs:
        for sentence in re.split(r"(?<=[.:])\s+|(?<=\.)(?=\[)|(?<=:)(?=\S)", line):
            sentence = sentence.strip(" |")
            if len(sentence) > 3:
                sentences.append(sentence)
    return sentences
