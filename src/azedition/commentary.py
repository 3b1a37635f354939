"""The historiographical commentary: footnotes on the chapters, shown as side notes in the HTML.

The chapters carry the commentary as MyST footnotes (``[^name]`` in the text, ``[^name]: ...`` at
the end of the file). With ``use_sidenotes: true`` sphinx-book-theme's post-transform moves each
note's text next to its reference, which puts the editors' words *inside* a witness paragraph.
This extension runs right after that transform and marks every piece of a side note with the class
``editorial``, so that the rule of the edition holds in the HTML too: inside a witness frame, whatever
is not the witness's own is marked as the editors'. The LaTeX builder is left alone: there the notes
stay real footnotes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from dataclasses import field as dataclass_field

import sphinxcontrib.bibtex.plugin
from docutils import nodes
from pybtex.database import Entry
from pybtex.plugin import register_plugin
from pybtex.richtext import Text
from pybtex.style.formatting import toplevel
from pybtex.style.formatting.alpha import Style as AlphaStyle
from pybtex.style.labels import BaseLabelStyle
from pybtex.style.template import Node, field, optional, optional_field, sentence
from pybtex.style.template import node as template_node
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinxcontrib.bibtex.style.referencing import BracketStyle
from sphinxcontrib.bibtex.style.referencing.author_year import AuthorYearReferenceStyle
from sphinxcontrib.bibtex.style.referencing.basic_author_year import (
    BasicAuthorYearParentheticalReferenceStyle,
    BasicAuthorYearTextualReferenceStyle,
)
from sphinxcontrib.bibtex.style.template import join, join2, post_text, pre_text, reference, year

from .bibliography import names_and_year, told_apart
from .nodes import EDITORIAL

SIDENOTE_CLASSES = ("sidenote", "marginnote", "d-n")


class MarkSideNotesEditorial(SphinxPostTransform):
    """Give the theme's side-note nodes (and any footnote reference) the class ``editorial``.

    It also repairs the parent links of the moved note text. The theme assigns the footnote's
    children to the new side-note node as a plain list, so they still name the removed footnote as
    their parent; Sphinx's reference resolver (priority 10) would then replace a ``{cite}`` inside
    such a note in the removed footnote instead of in the page, and the build would fail on an
    unresolved ``pending_xref``.
    """

    # sphinx-book-theme's HandleFootnoteTransform runs at priority 1, the resolver at 10.
    default_priority = 5
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(nodes.Element)):
            if type(node).__name__ == "SideNoteNode":
                _add_editorial(node)
            elif isinstance(node, nodes.inline) and {"sidenote", "marginnote"} & set(node["classes"]):
                # The theme inserts the note before its container with ``replace_self([note,
                # container])``, which copies the container's ids and classes (``p13``,
                # ``witness-paragraph``) onto the note: give them back to the container alone.
                node["ids"], node["names"] = [], []
                node["classes"] = [c for c in node["classes"] if c in SIDENOTE_CLASSES]
                _add_editorial(node)
                for child in node.children:
                    child.parent = node
                if "d-n" in node["classes"]:
                    # The copy shown on narrow screens repeats the note: its ids (citations') would
                    # be duplicates of the margin copy's on the same page.
                    for descendant in node.findall(nodes.Element, include_self=False):
                        descendant["ids"] = []
            elif isinstance(node, nodes.footnote_reference):
                _add_editorial(node)


def _add_editorial(node: nodes.Element) -> None:
    if EDITORIAL not in node["classes"]:
        node["classes"].append(EDITORIAL)


class AuthorYearLabelStyle(BaseLabelStyle):
    """Bibliography labels that match the author-year citations: ``Swietochowski 1985``.

    Numbers would repeat across the bibliography page's several lists (one per school), and alpha
    labels turn ``n.d.`` into ``Arud.``; an author-year label is unique here and reads as cited.
    """

    def format_labels(self, sorted_entries: Iterable[Entry]) -> Iterator[str]:
        # the edition's one way of naming a work (azedition.bibliography); two works of one author and
        # year (two undated articles of one encyclopedia) are told apart, n.d.a and n.d.b, in the
        # bibliography's order, as author_year names them outside the citations
        yield from told_apart([names_and_year(entry) for entry in sorted_entries])


class EditionStyle(AlphaStyle):
    """pybtex's alpha style, with two changes for this bibliography.

    A book's publisher is optional: several verified Soviet and Russian works are known without one,
    and the edition records that gap (see the bibliography's README) instead of failing on it. The
    ``titleaddon`` field, which gives a transliterated title in its original script, is printed.
    """

    default_label_style = AuthorYearLabelStyle

    def get_book_template(self, e: Entry) -> Node:
        return toplevel[
            self.format_author_or_editor(e),
            self.format_btitle(e, "title"),
            optional[sentence[field("titleaddon")]],
            self.format_volume_and_series(e),
            sentence[
                optional_field("publisher"),
                optional_field("address"),
                self.format_edition(e),
                field("year"),
            ],
            optional[sentence[self.format_isbn(e)]],
            sentence[optional_field("note")],
            self.format_web_refs(e),
        ]


def _round_brackets() -> BracketStyle:
    return BracketStyle(left="(", right=")")


@template_node
def told_apart_year(children: list, data: dict) -> Text:
    """The year as the bibliography labels it: "n.d.a" where two works share author and year."""
    assert not children
    suffix = data["formatted_entry"].label.removeprefix(names_and_year(data["entry"]))
    return Text(year.format_data(data), suffix)


@dataclass
class _ParentheticalToldApart(BasicAuthorYearParentheticalReferenceStyle):
    def inner(self, role_name: str) -> Node:
        return join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
            pre_text,
            reference[join(sep=self.author_year_sep)[
                self.person.author_or_editor_or_title(full="s" in role_name), told_apart_year]],
            post_text,
        ]


@dataclass
class _TextualToldApart(BasicAuthorYearTextualReferenceStyle):
    def inner(self, role_name: str) -> Node:
        return join(sep=self.text_reference_sep)[
            self.person.author_or_editor_or_title(full="s" in role_name),
            join[self.bracket.left,
                 join2(sep1=self.pre_text_sep, sep2=self.post_text_sep)[
                     pre_text, reference[told_apart_year], post_text],
                 self.bracket.right],
        ]


@dataclass
class RoundAuthorYearStyle(AuthorYearReferenceStyle):
    """Author-year citations in round brackets: (Swietochowski 1985), Swietochowski (1985); works that
    share author and year carry the bibliography's letters, (Wikipedia, n.d.a), (Wikipedia, n.d.b)."""

    bracket_parenthetical: BracketStyle = dataclass_field(default_factory=_round_brackets)
    bracket_textual: BracketStyle = dataclass_field(default_factory=_round_brackets)
    bracket_author: BracketStyle = dataclass_field(default_factory=_round_brackets)
    bracket_label: BracketStyle = dataclass_field(default_factory=_round_brackets)
    bracket_year: BracketStyle = dataclass_field(default_factory=_round_brackets)

    def __post_init__(self) -> None:
        super().__post_init__()
        told_apart_styles = {BasicAuthorYearParentheticalReferenceStyle: _ParentheticalToldApart,
                             BasicAuthorYearTextualReferenceStyle: _TextualToldApart}
        for role_name, style in list(self.role_style.items()):  # the roles' map, made from the styles
            if type(style) in told_apart_styles:
                self.role_style[role_name] = told_apart_styles[type(style)](**vars(style))


# Registered on import, before Sphinx reads ``bibtex_reference_style`` from the configuration.
sphinxcontrib.bibtex.plugin.register_plugin(
    "sphinxcontrib.bibtex.style.referencing", "author_year_round", RoundAuthorYearStyle)


def setup(app: Sphinx) -> dict:
    register_plugin("pybtex.style.formatting", "edition", EditionStyle)
    app.add_post_transform(MarkSideNotesEditorial)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
