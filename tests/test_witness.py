"""The witness is in the project byte for byte."""

import hashlib

from azedition.paths import WITNESS_PATH

WITNESS_SHA256 = "6f9ccd523f88051f85af18d0d0edce58ed1a5d874aa13368bb5f9a592af143ca"


def test_witness_is_the_shared_witness_byte_for_byte():
    assert hashlib.sha256(WITNESS_PATH.read_bytes()).hexdigest() == WITNESS_SHA256


def test_witness_has_infobox_and_fourteen_paragraphs_and_no_final_newline():
    raw = WITNESS_PATH.read_bytes()
    assert not raw.endswith(b"\n")
    lines = raw.decode("utf-8").split("\n")
    assert len(lines) == 24
    assert lines[0].startswith("Conflict: | ") and lines[9].startswith("Commander2: | ")


def test_citation_file_agrees_with_the_book():
    """CITATION.cff names the book's title, pyproject.toml's version and the licence; the front matter's
    "How to cite" is generated from the same facts ({edition-citation}, checked in test_citation.py)."""
    from azedition.edition import edition
    from azedition.paths import BOOK_DIR, PROJECT_ROOT

    citation = (PROJECT_ROOT / "CITATION.cff").read_text("utf-8")
    witness_page = (BOOK_DIR / "front" / "witness.md").read_text("utf-8")
    assert f'title: "{edition().title}"' in citation
    assert "{edition-citation}" in witness_page and "version 0.1.0" not in witness_page
    assert f"version: {edition().version}" in citation and "CC-BY-SA-4.0" in citation
