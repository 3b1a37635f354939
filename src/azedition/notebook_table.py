"""A notebook's table as the reader of each edition reads it: HTML in the book and JupyterLab, a typeset
table in the PDF.

A DataFrame left at the end of a cell gives Jupyter an HTML table and a plain-text one. The HTML book
shows the first; the PDF, which has no HTML, would print the second: pandas' fixed-width text, cut at 50
characters a cell, broken into stacked blocks with ``\\`` continuations and wrapped with ↪ marks.
:func:`table` gives the frame a third representation, ``text/latex``: a ``longtable`` with booktabs
rules whose text columns wrap (``p`` columns) within the text width, in a smaller type where the
columns need it. Jupyter's display picks it up (``_repr_latex_``), and myst-nb's LaTeX builder prefers
``text/latex`` to ``text/plain``; :class:`LatexTableRenderer` (a ``myst_nb.mime_renderers`` entry point)
passes it to LaTeX as it is, where myst-nb would otherwise set any ``text/latex`` as an equation.

Column widths are worked out here, as a printer casts off copy, from the widths of the characters
(measured on the PDF's Libertinus Serif, rounded up): no column narrower than its longest unbreakable
word, and the rest of the text width given where it saves the most lines. The estimate only decides how
the width is shared; the text wraps inside each column, and TeX hyphenates where a word still does not fit.
The HTML is pandas' own, with every cell whole, as the PDF prints it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

# The first line of every table this module writes: how LatexTableRenderer knows its own tables from
# the mathematics that other code may print as text/latex.
MARKER = "% azedition: notebook table"

LATEX_SPECIALS = {
    "\\": r"\textbackslash{}", "&": r"\&", "%": r"\%", "$": r"\$", "#": r"\#", "_": r"\_",
    "{": r"\{", "}": r"\}", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}", "`": r"\textasciigrave{}",
    # a [ at the start of a cell would be read as the optional argument of the \\ before it
    "[": "{[}", "]": "{]}",
}
# Pairs the font's TeX ligatures would join (-- into an en dash, '' into a closing quote, << into «); a
# single ' prints as the apostrophe of the book's prose.
LIGATURE_PAIR = re.compile(r"([-',<>!?])(?=[-',<>])")
# Where a word may break besides the hyphens TeX breaks at: after an underscore or a slash (bibliography
# and place keys), and, in a word of LONG_WORD characters or more, between its letters and its digits
# ("kvashonkin1996bolshevistskoe"), at a cost that makes TeX take it only where nothing else fits.
AFTER_UNDERSCORE_OR_SLASH = re.compile(r"(?<=[_/])")
LETTER_DIGIT = re.compile(r"(?<=[^\W\d_])(?=\d)|(?<=\d)(?=[^\W\d_])")
LONG_WORD = 12
FREE_BREAK = r"\allowbreak{}"
COSTLY_BREAK = r"\penalty5000\hskip0pt\relax{}"
MISSING = "—"
WIDTH_STEPS = 200
COMFORTABLE_EM = 12.0  # a column of wrapping text: about 25 characters a line

# The PDF's text width inside a notebook output (A4, 1 in margins, less the output's 20 pt indent: 433 pt,
# a little kept back) and the sizes the tables are set in, \small and \footnotesize of the 11 pt book.
TEXT_WIDTH_PT = 430.0
# The settings tried in turn, from the most generous: type size, its points, \tabcolsep (the padding on
# either side of each column) in points.
SETTINGS = ((r"\small", 10.0, 6.0), (r"\footnotesize", 9.0, 6.0), (r"\footnotesize", 9.0, 4.0))
# Widths of characters in ems, measured on Libertinus Serif (the PDF's type) and rounded up: regular,
# then bold (the headers). Lower-case letters average 0.47 em (bold 0.52), capitals 0.62 (0.68).
LETTER_WIDTHS_EM = {
    "wide": (0.80, 0.91), "widest": (0.96, 1.03), "capital": (0.70, 0.76), "small": (0.48, 0.53),
    "digit": (0.47, 0.52), "punctuation": (0.31, 0.33), "other": (0.75, 0.80),
}


def text_em(text: str, bold: bool = False) -> float:
    """The width of ``text`` on one line, in ems, estimated from the widths of its characters."""
    def kind(character: str) -> str:
        if character in "mw":
            return "wide"
        if character in "MW":
            return "widest"
        if character.isascii() and character.isupper():
            return "capital"
        if character.isascii() and character.isalpha():
            return "small"
        if character.isdigit():
            return "digit"
        return "punctuation" if character.isascii() else "other"
    return sum(LETTER_WIDTHS_EM[kind(character)][bold] for character in text)


def latex_escape(text: str) -> str:
    """``text`` as LaTeX prints it literally: every special character escaped, no ligature formed."""
    escaped = "".join(LATEX_SPECIALS.get(character, character) for character in text)
    return LIGATURE_PAIR.sub(r"\1{}", " ".join(escaped.split()))


def _word_pieces(word: str) -> list[tuple[str, str]]:
    """A word cut where a line may break in it: each piece with the LaTeX that allows the break before it."""
    pieces = [(piece, FREE_BREAK) for piece in AFTER_UNDERSCORE_OR_SLASH.split(word) if piece]
    if len(word) >= LONG_WORD:
        pieces = [(part, joiner if number == 0 else COSTLY_BREAK) for piece, joiner in pieces
                  for number, part in enumerate(LETTER_DIGIT.split(piece)) if part]
    return pieces


def _word_latex(word: str) -> str:
    if len(word) < LONG_WORD and "-" in word:  # a date, "adr-army": TeX would break after the hyphen
        return rf"\mbox{{{latex_escape(word)}}}"
    return "".join((joiner if number else "") + latex_escape(piece)
                   for number, (piece, joiner) in enumerate(_word_pieces(word)))


def latex_text(text: str) -> str:
    """``text`` escaped for LaTeX, with the places where its long words may break marked."""
    return " ".join(_word_latex(word) for word in text.split())


def cell_text(value: Any) -> str:
    """One value as the table prints it: dates without a time, whole numbers without '.0'."""
    if value is None or (pd.api.types.is_scalar(value) and pd.isna(value)):
        return MISSING
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _tokens(text: str) -> list[str]:
    """The parts of ``text`` no line can break inside (TeX also breaks after the hyphen of a long word)."""
    return [token for word in text.split() for piece, _ in _word_pieces(word)
            for token in (re.split(r"(?<=-)", piece) if len(word) >= LONG_WORD else [piece]) if token]


@dataclass
class _Column:
    header: str
    cells: list[str]
    numeric: bool
    targets: Sequence[str] | None = None

    @property
    def page_reference(self) -> str:
        # a cell with a link also prints its page, " (p. 123)", tied to it by unbreakable spaces
        return " (p. 123)" if self.targets else ""

    @property
    def ideal_em(self) -> float:
        """As wide as the longest cell on one line, the header on at most two."""
        longest_cell = max((text_em(text + self.page_reference) for text in self.cells), default=0)
        return max(longest_cell, text_em(self.header, bold=True) / 2, self.min_em)

    @property
    def min_em(self) -> float:
        """As wide as the longest part of a word no line can break inside."""
        widths = [text_em(token, bold=True) for token in _tokens(self.header)]
        widths += [text_em(token) for text in self.cells for token in _tokens(text)]
        widths += [text_em(text.split()[-1] + self.page_reference) for text in self.cells if self.targets and text]
        return max(widths, default=1.0)


def _printed_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The index as leading columns, unless it only numbers the rows; several levels sparsified."""
    # pandas' default index, 0 to n-1, numbers rows on screen; in print it would read as data
    if isinstance(frame.index, pd.RangeIndex) and frame.index.name is None:
        return frame.reset_index(drop=True)
    index = frame.index.to_frame(index=False)
    index.columns = ["" if name is None else name for name in frame.index.names]
    if frame.index.nlevels > 1:  # each repeated value left blank, as pandas prints it
        index = index.astype(object)
        previous: tuple = ()
        for row in range(len(index)):
            values = tuple(index.iloc[row])
            for level in range(len(values)):
                if values[: level + 1] == previous[: level + 1]:
                    index.iat[row, level] = ""
            previous = values
    return pd.concat([index, frame.reset_index(drop=True)], axis=1)


def _columns(frame: pd.DataFrame, targets: Mapping[str, Sequence[str]]) -> list[_Column]:
    columns = []
    for position, name in enumerate(frame.columns):
        series = frame.iloc[:, position]
        header = " / ".join(str(part) for part in name if str(part)) if isinstance(name, tuple) else str(name)
        numeric = pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series)
        columns.append(_Column(header, [cell_text(v) for v in series], numeric, targets.get(str(name))))
    return columns


@dataclass
class _Layout:
    size: str
    points: float
    column_sep_pt: float
    widths_em: list[float]

    @property
    def padding_em(self) -> float:
        return 2 * self.column_sep_pt / self.points

    @property
    def total_em(self) -> float:
        return sum(self.widths_em) + self.padding_em * len(self.widths_em)


def _shared(columns: list[_Column], ideal: list[float], least: list[float], room: float) -> list[float]:
    """Widths filling ``room`` that make the table short: from each column's longest word, the room is
    given out in small steps, each to the column whose widening takes the most lines off the table
    (a cell's lines estimated as its width on one line over the column's, a row as tall as its tallest
    cell). Where even the longest words do not fit, in proportion to them."""
    if sum(least) >= room:
        return [m * room / sum(least) for m in least]
    lengths = [[text_em(column.header, bold=True)] + [text_em(text + column.page_reference) for text in column.cells]
               for column in columns]

    def lines(widths: list[float]) -> float:
        return sum(max(max(1.0, cells[row] / width) for cells, width in zip(lengths, widths, strict=True))
                   for row in range(len(lengths[0])))

    widths = list(least)
    step = (room - sum(least)) / WIDTH_STEPS
    for _ in range(WIDTH_STEPS):
        def after_step(index: int) -> tuple[float, float]:
            wider = widths[:index] + [widths[index] + step] + widths[index + 1:]
            return lines(wider), -(ideal[index] - widths[index])  # ties: the column furthest from its ideal
        widths[min(range(len(widths)), key=after_step)] += step
    return widths


def _layout(columns: list[_Column]) -> _Layout:
    """The type size, the padding and each column's width.

    At their ideal widths, in the first setting where they fit. Else the width is shared (``_shared``),
    in the first setting where the longest words fit and the longest text gets COMFORTABLE_EM, or the last.
    Where even the longest words do not fit, TeX hyphenates (each cell allows it from its first word).
    """
    ideal = [column.ideal_em for column in columns]
    least = [column.min_em for column in columns]
    for size, points, column_sep_pt in SETTINGS:
        room = TEXT_WIDTH_PT / points - 2 * column_sep_pt / points * len(columns)
        if sum(ideal) <= room:
            return _Layout(size, points, column_sep_pt, ideal)
        widths = _shared(columns, ideal, least, room)
        widest = ideal.index(max(ideal))  # the column of the longest text, which wraps the most
        if sum(least) <= room and widths[widest] >= COMFORTABLE_EM:
            break
    return _Layout(size, points, column_sep_pt, widths)


def _cell_latex(column: _Column, row: int) -> str:
    text = column.cells[row]
    printed = latex_text(text)
    if column.targets and column.targets[row]:
        label = rf"\detokenize{{{column.targets[row]}}}"
        return rf"\hyperref[{label}]{{{printed}}}~(p.\,\pageref{{{label}}})"
    return printed


def latex_table(frame: pd.DataFrame | pd.Series, targets: Mapping[str, Sequence[str]] | None = None) -> str:
    """The frame as a LaTeX longtable (longtable, array, booktabs) that fits the text width.

    ``targets`` maps a column to one LaTeX label per row: its cells become links to those labels,
    with the page number after them, as the book's other cross-references print.
    """
    if isinstance(frame, pd.Series):
        frame = frame.to_frame()
    columns = _columns(_printed_frame(frame), targets or {})
    layout = _layout(columns)
    full_width = layout.total_em * layout.points > TEXT_WIDTH_PT - 1
    specs = []
    for column, width in zip(columns, layout.widths_em, strict=True):
        # \hspace{0pt}: TeX hyphenates no word that starts a paragraph, as each cell's first word does
        align = r"\raggedleft" if column.numeric else r"\raggedright"
        # a full-width table shares \linewidth in proportion; a narrower one takes its widths in ems
        share = (width + layout.padding_em) / layout.total_em
        size_spec = (rf"\dimexpr{share:.4f}\linewidth-2\tabcolsep\relax" if full_width
                     else f"{math.ceil(width * 10) / 10:g}em")
        specs.append(rf">{{{align}\arraybackslash\hspace{{0pt}}}}p{{{size_spec}}}")
    head = " & ".join(rf"\textbf{{{latex_text(c.header)}}}" for c in columns) + r" \\"
    rows = [" & ".join(_cell_latex(c, row) for c in columns) + r" \\" for row in range(len(frame))]
    if full_width:  # rows of several lines: a little space tells one row from the next
        rows = [row + r"\addlinespace[0.3em]" for row in rows[:-1]] + rows[-1:]
    return "\n".join([
        MARKER,
        # a group: the type size and the table's place stay inside it; \LTleft sets the table at the
        # output's indent (a longtable ignores the indent of the list it stands in)
        r"\begingroup" + layout.size + rf"\setlength{{\tabcolsep}}{{{layout.column_sep_pt:g}pt}}"
        r"\setlength{\LTleft}{\csname @totalleftmargin\endcsname}"
        r"\setlength{\LTright}{0pt plus 1fill}",
        r"\begin{longtable}{" + "".join(specs) + "}",
        r"\toprule", head, r"\midrule", r"\endhead",
        r"\bottomrule", r"\endfoot",
        *rows,
        r"\end{longtable}",
        r"\endgroup",
    ])


@dataclass
class NotebookTable:
    """What a notebook cell displays: the frame's HTML (the book, JupyterLab), LaTeX (the PDF) and text."""

    frame: pd.DataFrame
    html: str | None = None
    targets: Mapping[str, Sequence[str]] = field(default_factory=dict)

    def _repr_html_(self) -> str:
        if self.html is not None:
            return self.html
        # every cell whole and written as the PDF writes it (a missing value a dash, not "<NA>"): pandas
        # would cut a note at 50 characters with "..."
        with pd.option_context("display.max_colwidth", None, "display.max_rows", None, "display.max_columns", None):
            return self.frame.map(cell_text)._repr_html_()

    def _repr_latex_(self) -> str:
        return latex_table(self.frame, self.targets)

    def __repr__(self) -> str:
        return repr(self.frame)


def table(frame: pd.DataFrame | pd.Series, *, html: str | None = None,
          targets: Mapping[str, Sequence[str]] | None = None) -> NotebookTable:
    """Display ``frame`` as a table in every edition: pandas' HTML table, and a LaTeX table for the PDF.

    ``html`` replaces pandas' HTML where a notebook writes its own (with links, say); ``targets`` gives
    a column's cells LaTeX labels to link to in the PDF (see :func:`latex_table`).
    """
    frame = frame.to_frame() if isinstance(frame, pd.Series) else frame
    return NotebookTable(_sources_as_cited(frame), html, dict(targets or {}))


def _sources_as_cited(frame: pd.DataFrame) -> pd.DataFrame:
    """A "source" column (or index) as the chapters cite it, "¶5" or "Quliyev 2008", and a "paragraph"
    column as "¶5": a reader never meets a paragraph id or a bibliography key."""
    from .chart_style import cite, paragraph_label

    def cited(value: Any) -> Any:
        return cite(value) if isinstance(value, str) else value

    if "source" in frame.columns:
        frame = frame.assign(source=frame["source"].map(cited))
    if "paragraph" in frame.columns:
        frame = frame.assign(paragraph=frame["paragraph"].map(paragraph_label))
    if "source" in (frame.index.names or []):
        frame = frame.rename(index=cited, level="source" if frame.index.nlevels > 1 else None)
    return frame


class LatexTableRenderer:
    """myst-nb's renderer for the ``text/latex`` of :func:`table`: the table itself, as raw LaTeX.

    Registered as a ``myst_nb.mime_renderers`` entry point (pyproject.toml). Any other ``text/latex``
    is left to myst-nb, which sets it as mathematics.
    """

    mime_priority_overrides: Sequence[tuple[str, str, int | None]] = ()

    @staticmethod
    def handle_mime(renderer: Any, data: Any, inline: bool) -> list | None:
        """Raw LaTeX for a table of this module, None for anything else."""
        if inline or data.mime_type != "text/latex" or not data.string.startswith(MARKER):
            return None
        from docutils import nodes

        return [nodes.raw("", data.string, format="latex", classes=["output", "text_latex"])]
