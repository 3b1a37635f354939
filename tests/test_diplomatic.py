"""Fidelity: the diplomatic text rebuilt from the book's doctrees equals the witness.

That the check catches a changed word is shown on a small project (tests/test_extension.py,
``test_a_changed_word_would_be_caught``), where a word of the text is changed and the book rebuilt; the
build's own check (azedition.guard) is tried with every mistake in tests/test_guard.py.
"""

import pytest
from docutils import nodes
from docutils.utils import new_document

from azedition import witness
from azedition.diplomatic import (
    DOCTREE_DIR,
    diplomatic_text,
    doctrees_in,
    fidelity_problems,
    witness_occurrences,
    witness_problems,
    witness_reading,
    witness_units,
)
from azedition.nodes import EDITORIAL
from azedition.paths import PROJECT_ROOT, WITNESS_PATH
from azedition.witness import witness_text


def test_diplomatic_text_equals_the_witness(html_dir):
    assert diplomatic_text(DOCTREE_DIR) == witness_text()


def test_each_unit_equals_its_witness_unit(html_dir):
    assert fidelity_problems(DOCTREE_DIR) == []
    expected = witness.read()
    assert len(expected.infobox) == 10 and len(expected.paragraphs) == 14
    assert witness_units(DOCTREE_DIR) == expected.units()


def test_editorial_additions_are_stripped_and_witness_words_kept():
    paragraph = nodes.paragraph()
    paragraph += nodes.reference("", "¶3", classes=["pnum", EDITORIAL])
    paragraph += nodes.Text("The ")
    emendation = nodes.inline(classes=["emendation"])
    emendation += nodes.inline("", "Allied Supreme Court", classes=["sic"])
    emendation += nodes.inline("", " [recte: Council]", classes=["corr", EDITORIAL])
    paragraph += emendation
    paragraph += nodes.footnote_reference("", "1")
    paragraph += nodes.Text(" responded")
    assert witness_reading(paragraph) == "The Allied Supreme Court responded"


def test_each_unit_occurs_once_not_nested_and_as_the_witness_has_it(html_dir):
    occurrences = witness_occurrences(doctrees_in(DOCTREE_DIR), PROJECT_ROOT)
    assert sorted(o.unit for o in occurrences) == sorted(witness.read().unit_ids)
    assert all(o.source.startswith("book/text/") and o.line for o in occurrences)
    assert witness_problems(occurrences, WITNESS_PATH.read_bytes()) == []


def _chapter(docname: str, *numbers: int) -> tuple[str, nodes.document]:
    document = new_document(f"book/text/{docname}.md")
    for number in numbers:
        container = nodes.container(classes=["witness-paragraph"], ids=[f"p{number}"], witness_n=number)
        container.source, container.line = f"book/text/{docname}.md", 3
        container += nodes.paragraph("", witness.read().unit(f"p{number}"))
        document += container
    return docname, document


def test_a_paragraph_present_twice_is_caught_though_both_copies_are_right(tmp_path):
    doctree_dir = tmp_path / "doctrees"
    (doctree_dir / "book" / "text").mkdir(parents=True)
    import pickle

    for docname, document in [_chapter("06-invasion", 9), _chapter("07-revkom", 9)]:
        (doctree_dir / "book" / "text" / f"{docname}.doctree").write_bytes(pickle.dumps(document))
    with pytest.raises(ValueError, match="paragraph 9 occurs more than once"):
        witness_units(doctree_dir)
    messages = [m for m, _ in witness_problems(witness_occurrences(doctrees_in(doctree_dir)),
                                               WITNESS_PATH.read_bytes())]
    assert "paragraph 9 appears twice: book/text/06-invasion.md:3 and book/text/07-revkom.md:3" in messages
    assert "paragraph 14 is missing: no chapter has its {witness} 14 directive" in messages
