"""Fidelity: the diplomatic text rebuilt from the book's doctrees equals the witness.

That the check catches a changed word is shown on a small project (tests/test_extension.py,
``test_a_changed_word_would_be_caught``), where a word of the text is changed and the book rebuilt.
"""

from docutils import nodes

from azedition import witness
from azedition.diplomatic import DOCTREE_DIR, diplomatic_text, fidelity_problems, witness_reading, witness_units
from azedition.nodes import EDITORIAL
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
