"""The edition's data as a notebook prints it for a reader: MyST markup as plain text, in short lines.

The apparatus's notes are written in MyST (``{cite}`key```, ``**What is known:**``), which the book
renders; a notebook that prints a note would show the markup itself, on one line of some 10,000 px.
:func:`plain_text` gives the note as a reader reads it: citations as "(Author, year)" from
``book/references.bib``, emphasis marks dropped, other roles reduced to their text, paragraphs wrapped.
:func:`table` (from :mod:`azedition.notebook_table`) displays a DataFrame as a table in every edition: the
HTML table in the book and JupyterLab, a LaTeX table that fits the PDF's text width.
"""

from __future__ import annotations

import re
import textwrap

from . import bibliography
from .notebook_table import table  # noqa: F401 - the notebooks' one way to show a table
from .paths import BOOK_DIR

CITE_ROLE = re.compile(r"\{cite(?::[a-z]+)?\}`(?P<keys>[^`]+)`")
OTHER_ROLE = re.compile(r"\{[a-z:]+\}`(?P<text>[^`<]*?)\s*(?:<[^>]*>)?`")
STRONG = re.compile(r"\*\*(?P<text>.+?)\*\*")
EMPHASIS = re.compile(r"(?<![*\w])\*(?P<text>[^*\n]+?)\*(?![*\w])")
LINE_WIDTH = 80


def author_year(key: str) -> str:
    """'Swietochowski, 1985' for a key of book/references.bib (the citations' own form)."""
    bib_path = BOOK_DIR / "references.bib"
    entry = bibliography.read_bibliography(bib_path).entries[key]
    year = entry.fields.get("year", "n.d.")
    names_and_year = bibliography.names_and_year(entry)
    title = entry.fields.get("title", key).replace("{", "").replace("}", "")
    names = names_and_year.removesuffix(year).strip() or title
    # two works with one label (two undated articles of one encyclopedia) keep the bibliography's a, b
    suffix = bibliography.author_year(key, bib_path).removeprefix(names_and_year)
    return f"{names}, {year.replace('--', '–')}{suffix}"  # BibTeX's "1970--1979" is a range


def plain_text(myst: str, width: int = LINE_WIDTH) -> str:
    """A MyST note as plain text in lines of at most ``width`` characters."""
    text = CITE_ROLE.sub(lambda m: "(" + "; ".join(author_year(k.strip()) for k in m["keys"].split(",")) + ")", myst)
    text = OTHER_ROLE.sub(r"\g<text>", text)
    text = STRONG.sub(r"\g<text>", text)
    text = EMPHASIS.sub(r"\g<text>", text)
    paragraphs = [" ".join(paragraph.split()) for paragraph in re.split(r"\n\s*\n", text)]
    return "\n\n".join(textwrap.fill(paragraph, width) for paragraph in paragraphs if paragraph)
