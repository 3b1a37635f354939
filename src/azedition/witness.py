"""The witness's structure, read from data/source/witness.txt: the one source of truth for its units.

The witness opens with its flattened infobox, one ``Key: | value |`` row a line, followed by its
paragraphs, one a line. Its units are ``infobox`` and ``p1``..``pN``, numbered in the witness's order;
the data validator, the extension, the diplomatic text and the tests all take them from here, so no
count of rows or paragraphs is written anywhere else.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from . import paths

INFOBOX_ROW_START = re.compile(r"^[A-Za-z0-9]+: \| ")
INFOBOX = "infobox"


@dataclass(frozen=True)
class Witness:
    """The witness cut into its units: the infobox's rows and the paragraphs."""

    infobox: tuple[str, ...]  # the infobox's lines (a row may take more than one)
    paragraphs: tuple[str, ...]

    @property
    def unit_ids(self) -> tuple[str, ...]:
        """``('infobox', 'p1', ..., 'pN')``: the ids that sources and the apparatus may name."""
        return (INFOBOX,) + tuple(f"p{n}" for n in range(1, len(self.paragraphs) + 1))

    def unit(self, unit_id: str) -> str:
        """One unit's text: the infobox's rows joined by line breaks, or paragraph ``pN``."""
        if unit_id == INFOBOX:
            return "\n".join(self.infobox)
        if unit_id not in self.unit_ids:
            raise KeyError(f"{unit_id!r} is not a unit of the witness: {', '.join(self.unit_ids)}")
        return self.paragraphs[int(unit_id.removeprefix("p")) - 1]

    def units(self) -> dict[str, str]:
        """Every unit by its id, in the witness's order."""
        return {unit_id: self.unit(unit_id) for unit_id in self.unit_ids}

    def describe_ids(self) -> str:
        """The ids as an error message names them: ``p1..p14, infobox``."""
        return f"p1..p{len(self.paragraphs)}, {INFOBOX}"


def parse(text: str) -> Witness:
    """The units of a witness text: its leading ``Key: | value |`` rows, then one paragraph a line.

    An infobox row may run over several lines (``Result: | Bolshevik victory`` then ``|``): it ends
    with the first line that ends in ``|``.
    """
    lines = text.split("\n")
    end = 0  # the number of lines the infobox takes
    while end < len(lines) and INFOBOX_ROW_START.match(lines[end]):
        row_end = end
        while row_end < len(lines) - 1 and not lines[row_end].rstrip().endswith("|"):
            row_end += 1
        end = row_end + 1
    return Witness(tuple(lines[:end]), tuple(lines[end:]))


def witness_text(witness_path: Path | str | None = None) -> str:
    """The witness exactly as it came to the edition (default: the project's data/source/witness.txt)."""
    return Path(witness_path or paths.witness_path()).read_bytes().decode("utf-8")


@lru_cache(maxsize=4)
def _read(path: Path, _mtime_ns: int) -> Witness:
    return parse(witness_text(path))


def read(witness_path: Path | str | None = None) -> Witness:
    """The witness's units, read once per file version."""
    path = Path(witness_path or paths.witness_path()).resolve()
    return _read(path, path.stat().st_mtime_ns)


def witness_paragraph(paragraph_id: str, witness_path: Path | str | None = None) -> str:
    """One unit of the witness by its id: 'infobox' (the infobox's rows) or 'p1'..'pN'."""
    return read(witness_path).unit(paragraph_id)


WITNESS_DIRECTIVE = re.compile(r"^(?::::+|```+)\{(witness|infobox)\}\s*(\d*)", re.MULTILINE)


def paragraph_pages(book_dir: Path | None = None) -> dict[str, str]:
    """Which chapter holds each witness unit: ``{'infobox': 'book/text/01-overview', 'p2': ...}``.

    Read from the chapters' ``{witness} N`` and ``{infobox}`` directives, so a link to a paragraph
    follows the text wherever the editors put it.
    """
    book_dir = Path(book_dir or paths.project_root() / "book")
    pages = {}
    for chapter in sorted((book_dir / "text").glob("*.md")):
        page = f"{book_dir.name}/text/{chapter.stem}"
        for kind, number in WITNESS_DIRECTIVE.findall(chapter.read_text("utf-8")):
            pages[INFOBOX if kind == INFOBOX else f"p{number}"] = page
    return pages
