"""Rebuild the diplomatic text (the witness's own readings only) from the book's doctrees, and check it.

The Sphinx extension marks everything the editors add with the class ``editorial``; footnote and
citation references are the editors' too. Strip those, keep every other text node of the witness
containers, and the result must equal ``data/source/witness.txt`` character for character.

:func:`witness_problems` is that check as the build runs it (``azedition.guard``) and the tests call it:
the witness file is the one the edition was made from (SHA-256), each unit (the infobox, paragraphs
1–14) occurs exactly once and stands alone (not nested in another, nothing but its words inside), and
each equals its line of the witness. Every problem is one line naming the paragraph, the chapter file
and line, and the first words that differ.
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from docutils import nodes
from sphinx import addnodes

from . import witness
from .nodes import EDITORIAL
from .paths import BUILD_DIR

DOCTREE_DIR = BUILD_DIR / ".doctrees"
# The witness as the edition received it (../shared/source/witness.txt): any change to it is a mistake.
WITNESS_SHA256 = "6f9ccd523f88051f85af18d0d0edce58ed1a5d874aa13368bb5f9a592af143ca"
WITNESS_CLASSES = ("witness-infobox", "witness-paragraph")
# How many words of each reading a message shows from the first one that differs.
WORDS_SHOWN = 6


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


@dataclass(frozen=True)
class WitnessOccurrence:
    """One ``{witness}`` or ``{infobox}`` container of the book, where it stands and what it reads."""

    unit: str  # 'infobox', 'p1', ..., as data/ names the units
    text: str  # the witness's words as the book has them (nested units and foreign blocks left out)
    docname: str
    source: str  # the chapter file
    line: int | None
    nested_in: str | None = None  # the unit whose container holds this one (an unclosed fence)
    foreign: tuple[str, ...] = ()  # blocks inside the container that are not the witness's words

    @property
    def where(self) -> str:
        return f"{self.source}:{self.line}" if self.line else self.source

    @property
    def label(self) -> str:
        return "the infobox" if self.unit == "infobox" else f"paragraph {self.unit[1:]}"


def _unit_of(container: nodes.Element) -> str | None:
    classes = container.get("classes", [])
    if "witness-infobox" in classes:
        return "infobox"
    if "witness-paragraph" in classes:
        return f"p{container['witness_n']}"
    return None


def _is_unit(node: nodes.Node) -> bool:
    return isinstance(node, nodes.container) and _unit_of(node) is not None


def _own_reading(container: nodes.Element, unit: str) -> str:
    """The unit's reading without the units nested in it, which are reported on their own."""
    copy = container.deepcopy()
    for inner in list(copy.findall(_is_unit, include_self=False)):
        inner.parent.remove(inner)
    if unit == "infobox":
        return "\n".join(infobox_lines(copy))
    return witness_reading(copy)


def _foreign_blocks(container: nodes.Element, unit: str) -> tuple[str, ...]:
    """What stands in a paragraph's container besides its one paragraph: a chart, a table, a list."""
    if unit == "infobox":
        allowed = (nodes.table, nodes.system_message, nodes.target)
    else:
        allowed = (nodes.paragraph, nodes.system_message, nodes.target)
    return tuple(type(child).__name__ for child in container.children
                 if isinstance(child, nodes.Element) and not _is_unit(child) and not isinstance(child, allowed))


def witness_occurrences(doctrees: Iterable[tuple[str, nodes.document]],
                        root: Path | None = None) -> list[WitnessOccurrence]:
    """Every witness unit of the given (docname, doctree) pairs, in reading order, duplicates kept."""
    occurrences = []
    for docname, doctree in doctrees:
        for container in doctree.findall(_is_unit):
            unit = _unit_of(container)
            outer = next((a for a in _ancestors(container) if _is_unit(a)), None)
            occurrences.append(WitnessOccurrence(
                unit=unit, text=_own_reading(container, unit), docname=docname,
                source=_shown(container.source or docname, root), line=container.line,
                nested_in=_unit_of(outer) if outer is not None else None,
                foreign=_foreign_blocks(container, unit)))
    return occurrences


def _ancestors(node: nodes.Node) -> Iterator[nodes.Node]:
    while node.parent is not None:
        node = node.parent
        yield node


def _shown(source: str, root: Path | None) -> str:
    if root is None:
        return source
    try:
        return str(Path(source).resolve().relative_to(Path(root).resolve()))
    except ValueError:
        return source


def doctrees_in(doctree_dir: Path = DOCTREE_DIR) -> Iterator[tuple[str, nodes.document]]:
    """The (docname, doctree) pairs a build left in ``doctree_dir``."""
    doctree_dir = Path(doctree_dir)
    for path in sorted(doctree_dir.rglob("*.doctree")):
        yield path.relative_to(doctree_dir).with_suffix("").as_posix(), pickle.loads(path.read_bytes())


def first_difference(book: str, witness: str) -> str:
    """Where two readings part: the word number, and a few words of each from there."""
    shorter = min(len(book), len(witness))
    position = next((i for i in range(shorter) if book[i] != witness[i]), shorter)
    start = max(book.rfind(" ", 0, position), book.rfind("\n", 0, position)) + 1
    word = len(book[:start].split()) + 1

    def shown(text: str) -> str:
        words = text[start:].split()
        more = " …" if len(words) > WORDS_SHOWN else ""
        return f"“{' '.join(words[:WORDS_SHOWN])}{more}”" if words else "nothing"

    return f"at word {word} the book reads {shown(book)} where the witness reads {shown(witness)}"


def witness_problems(occurrences: list[WitnessOccurrence], witness_bytes: bytes,
                     witness_name: str = "data/source/witness.txt",
                     expected_sha256: str | None = WITNESS_SHA256) -> list[tuple[str, WitnessOccurrence | None]]:
    """Every way the book departs from the witness, as (one-line message, the occurrence it concerns).

    ``expected_sha256`` is the digest the witness file must have (None: not checked).
    """
    problems: list[tuple[str, WitnessOccurrence | None]] = []
    digest = hashlib.sha256(witness_bytes).hexdigest()
    if expected_sha256 and digest != expected_sha256:
        problems.append((f"{witness_name} has changed: its SHA-256 is {digest[:16]}…, the edition's witness "
                         f"{expected_sha256[:16]}…; the witness is never edited (restore it from "
                         "../shared/source/witness.txt)", None))
    expected = witness.parse(witness_bytes.decode("utf-8", errors="replace")).units()
    found: dict[str, list[WitnessOccurrence]] = {}
    for occurrence in occurrences:
        found.setdefault(occurrence.unit, []).append(occurrence)
    for unit in expected:
        places = found.get(unit, [])
        label = "the infobox" if unit == "infobox" else f"paragraph {unit[1:]}"
        if not places:
            directive = "{infobox}" if unit == "infobox" else f"{{witness}} {unit[1:]}"
            problems.append((f"{label} is missing: no chapter has its {directive} directive", None))
        elif len(places) > 1:
            times = {2: "twice"}.get(len(places), f"{len(places)} times")
            problems.append((f"{label} appears {times}: " + " and ".join(p.where for p in places), places[1]))
    for occurrence in occurrences:
        if occurrence.unit not in expected:
            problems.append((f"{occurrence.label} at {occurrence.where} is not in the witness, which has the "
                             f"infobox and paragraphs 1–{len(expected) - 1}", occurrence))
        if occurrence.nested_in:
            outer = "the infobox" if occurrence.nested_in == "infobox" else f"paragraph {occurrence.nested_in[1:]}"
            problems.append((f"{occurrence.label} at {occurrence.where} is nested inside {outer}: "
                             "close the ::: fence before it", occurrence))
        for block in occurrence.foreign:
            problems.append((f"{occurrence.label} at {occurrence.where} holds a {block} besides the witness's "
                             "words: close its ::: fence before the block", occurrence))
    for unit, places in found.items():
        if unit not in expected or len(places) != 1 or places[0].nested_in or places[0].foreign:
            continue  # reported above; a comparison would only repeat it
        if any(o.nested_in == unit for o in occurrences):
            continue
        occurrence = places[0]
        if occurrence.text != expected[unit]:
            problems.append((f"{occurrence.label} at {occurrence.where} differs from the witness: "
                             f"{first_difference(occurrence.text, expected[unit])}", occurrence))
    return problems


def witness_units(doctree_dir: Path = DOCTREE_DIR) -> dict[str, str]:
    """Every witness unit found in the doctrees: ``{'infobox': ..., 'p1': ..., ...}``.

    Raises ValueError if a unit occurs more than once: one text per number would hide the other.
    """
    units: dict[str, str] = {}
    for occurrence in witness_occurrences(doctrees_in(doctree_dir)):
        if occurrence.unit in units:
            raise ValueError(f"{occurrence.label} occurs more than once (again at {occurrence.where})")
        units[occurrence.unit] = occurrence.text
    return units


def diplomatic_text(doctree_dir: Path = DOCTREE_DIR) -> str:
    """The whole witness rebuilt: the infobox, then the paragraphs in numerical order."""
    units = witness_units(doctree_dir)
    paragraphs = sorted((key for key in units if key != "infobox"), key=lambda key: int(key[1:]))
    return "\n".join([units["infobox"]] + [units[key] for key in paragraphs])


def fidelity_problems(doctree_dir: Path, witness_path: Path | str | None = None) -> list[str]:
    """Each witness unit whose reading rebuilt from the doctrees differs from the witness, as
    ``"p2: the book reads '…' where the witness reads '…'"``; [] if the book keeps the witness's words."""
    expected = witness.read(witness_path).units()
    found = witness_units(doctree_dir)
    problems = []
    for unit, text in expected.items():
        if unit not in found:
            problems.append(f"{unit}: missing from the book")
        elif found[unit] != text:
            problems.append(f"{unit}: the book reads {found[unit]!r} where the witness reads {text!r}")
    problems += [f"{unit}: not in the witness" for unit in found if unit not in expected]
    return problems
