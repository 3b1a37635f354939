"""Fidelity: the diplomatic text rebuilt from the book's doctrees equals the witness."""

from docutils import nodes

from azedition.data import witness_text
from azedition.diplomatic import DOCTREE_DIR, diplomatic_text, witness_reading, witness_units
from azedition.nodes import EDITORIAL

INFOBOX_LINES = 10


def test_diplomatic_text_equals_the_witness(html_dir):
    assert diplomatic_text(DOCTREE_DIR) == witness_text()


def test_each_paragraph_equals_its_witness_line(html_dir):
    lines = witness_text().split("\n")
    units = witness_units(DOCTREE_DIR)
    assert units["infobox"] == "\n".join(lines[:INFOBOX_LINES])
    prose = lines[INFOBOX_LINES:]
    assert len(prose) == 14
    for number, line in enumerate(prose, start=1):
        assert units[f"p{number}"] == line, f"¶{number} differs from the witness"
    assert sorted(units) == sorted(["infobox"] + [f"p{n}" for n in range(1, 15)])


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


def test_a_changed_word_would_be_caught(html_dir):
    units = witness_units(DOCTREE_DIR)
    tampered = units["p5"].replace("4,000", "40,000")
    assert tampered != witness_text().split("\n")[INFOBOX_LINES + 4]
