"""The extension on small Sphinx projects (tests/roots/), each built in about a second, without the book.

Every role and directive, the back-links of registers and apparatus, the unknown-key error and the
diplomatic rebuild are checked on tests/roots/edition-data, a data package of a few rows with a witness
of two infobox rows and two paragraphs. The markup project is built once and shared by its tests.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from sphinx.errors import SphinxWarning

from azedition.data import witness_text
from azedition.diplomatic import diplomatic_text, fidelity_problems

from conftest import EDITION_CONF, TEST_DATA

TEST_WITNESS = TEST_DATA / "source" / "witness.txt"
shared_markup = [
    pytest.mark.sphinx("html", testroot="markup", confoverrides=EDITION_CONF),
    pytest.mark.test_params(shared_result="markup"),
]


def _page(app, name: str) -> BeautifulSoup:
    return BeautifulSoup((Path(app.outdir) / f"{name}.html").read_text("utf-8"), "html.parser")


@pytest.fixture
def built(app):
    """The markup project, built by the first test that asks (the others reuse its output)."""
    app.build()
    return app


def _link_to(page: BeautifulSoup, href: str):
    links = page.select(f'a[href="{href}"]')
    assert links, f"no link to {href}"
    return links


@pytest.mark.usefixtures("built")
class TestMarkup:
    pytestmark = shared_markup

    def test_builds_without_a_warning(self, app):
        assert app._warning.getvalue() == ""

    def test_entity_roles_link_each_mention_to_its_register_entry(self, app):
        index = _page(app, "index")
        person = _link_to(index, "registers.html#person-khoyski")[0]
        assert person.select_one("span.entity.person").get_text() == "Khoyski"
        places = _link_to(index, "registers.html#place-baku")
        assert [p.get_text() for p in places] == ["Baku", "Baku"]  # {place}`Baku`: the key is the text, lower-cased
        assert _link_to(index, "registers.html#org-red-army")[0].get_text() == "Red Army"

    def test_emend_keeps_the_witness_reading_and_links_the_correction(self, app):
        index = _page(app, "index")
        first, second = index.select("span.emendation")
        assert first.select_one("span.sic").get_text() == "Prime Minister"
        correction = first.select_one('a[href="registers.html#app-emend-pm"] span.corr.editorial')
        assert correction.get_text() == " [recte: Foreign Minister]"
        # an emendation of a name also links the name to its register
        assert second.select_one('span.sic a[href="registers.html#org-supreme-council"]').get_text() == (
            "Allied Supreme Court")

    def test_gap_wref_supplied_and_note_marks(self, app):
        index = _page(app, "index")
        gap = index.select_one('a[href="registers.html#app-gap-city"] span.gap.editorial')
        assert gap.get_text() == " [… lacuna …] "
        assert index.select_one("span.witness-ref").get_text() == "[1]"
        assert "editorial" not in index.select_one("span.witness-ref")["class"]  # the witness's own marker
        plain, linked = index.select("span.supplied.editorial")
        assert plain.get_text() == "⟨.⟩" and plain.find_parent("a") is None
        assert linked.get_text() == "⟨;⟩"
        assert linked.find_parent("a")["href"] == "registers.html#app-supplied-semicolon"
        note = index.select_one("span.app-note.editorial")
        assert note.get_text() == "°"
        assert note.find_parent("a")["title"] == "apparatus: inconsistency (Test war)"

    def test_para_and_app_references(self, app):
        index = _page(app, "index")
        assert _link_to(index, "#p2")[-1].get_text() == "¶2"
        assert index.select_one("span.app-ref").get_text() == "the lacuna"

    def test_witness_and_infobox_directives(self, app):
        index = _page(app, "index")
        for number in (1, 2):
            paragraph = index.select_one(f"div#p{number}.witness-paragraph")
            assert paragraph.select_one("a.pnum").get_text() == f"¶{number}"
        rows = index.select("#infobox table.infobox-table tr")
        assert [row.select("td")[0].get_text(strip=True) for row in rows] == ["Conflict", "Date"]

    def test_reading_view_switch_stands_once_before_the_first_witness_unit_with_a_place_for_tools(self, app):
        index = _page(app, "index")
        switches = index.select("div.edition-view-switch")
        assert len(switches) == 1
        following = switches[0].find_next_sibling("div")
        assert following is not None and {"witness-infobox", "witness-paragraph"} & set(following["class"])
        for unit in index.select("div.witness-paragraph, div.witness-infobox"):
            assert len(unit.select("span.paragraph-tools")) == 1, unit.get("id")
        assert not _page(app, "registers").select("div.edition-view-switch")  # no witness, no switch

    def test_register_entries_with_life_dates_sources_and_back_links(self, app):
        registers = _page(app, "registers")
        khoyski = registers.select_one("div#person-khoyski.register-entry")
        assert khoyski.select_one("p.rubric").get_text() == "Fatali Khan Khoyski (1875–1920)"
        sources = khoyski.select_one("p.sources")
        assert sources.select_one('a[href="index.html#p1"]').get_text() == "¶1"
        assert sources.select_one('a[href^="bibliography.html#"]')["title"].startswith("John Smith. A Test Book")
        backlinks = khoyski.select_one("p.backlinks")
        assert backlinks.get_text() == "In the witness: ¶1. Spelled: “Khoyski”."
        assert backlinks.select_one("a")["href"] == "index.html#p1"
        narimanov = registers.select_one("div#person-narimanov")
        assert "(died 1925)" in narimanov.select_one("p.rubric").get_text()
        assert narimanov.select_one("p.backlinks").get_text() == "Not marked in the text."
        baku = registers.select_one("div#place-baku p.backlinks")
        assert baku.get_text() == "In the witness: ¶1, ¶2. Spelled: “Baku”."

    def test_apparatus_entries_link_back_to_each_mark(self, app):
        registers = _page(app, "registers")
        gap = registers.select_one("div#app-gap-city.apparatus-entry")
        assert gap.select_one("p.apparatus-head a")["href"] == "index.html#p2"
        marked = gap.select_one("p.backlinks")
        assert marked.get_text() == "Marked at: ¶2"
        assert marked.select_one("a")["href"] == "index.html#mark-gap-city-0"
        assert _page(app, "index").select_one("#mark-gap-city-0") is not None
        note = registers.select_one("div#app-note-war p.backlinks")
        assert note.get_text() == "Marked at: infobox"
        emend = registers.select_one("div#app-emend-pm")
        assert emend.select_one("span.lemma").get_text() == "Prime Minister"
        assert emend.select_one("span.reading").get_text() == "Foreign Minister"
        # the note is parsed as markup: its {person} role links to the register
        assert emend.select_one('a[href="#person-khoyski"]') is not None

    def test_diplomatic_text_rebuilt_from_the_doctrees_equals_the_witness(self, app):
        assert diplomatic_text(app.doctreedir) == witness_text(TEST_WITNESS)
        assert fidelity_problems(app.doctreedir, TEST_WITNESS) == []


def _tampered_copy(rootdir: Path, destination: Path, old: str, new: str) -> Path:
    shutil.copytree(rootdir / "test-markup", destination)
    index = destination / "index.md"
    text = index.read_text("utf-8")
    assert old in text
    index.write_text(text.replace(old, new, 1), "utf-8")
    return destination


def test_a_changed_word_would_be_caught(make_app, rootdir, tmp_path):
    """The fidelity check on a text whose paragraph 2 reads one word differently from the witness."""
    srcdir = _tampered_copy(rootdir, tmp_path / "tampered", "entered {place}`Baku`", "entered {place}`Baky <baku>`")
    app = make_app("html", srcdir=srcdir, confoverrides=EDITION_CONF)
    app.build()
    assert diplomatic_text(app.doctreedir) != witness_text(TEST_WITNESS)
    problems = fidelity_problems(app.doctreedir, TEST_WITNESS)
    assert len(problems) == 1 and problems[0].startswith("p2: "), problems
    assert "Baky" in problems[0]


@pytest.mark.sphinx("html", testroot="unknown-key", confoverrides=EDITION_CONF)
def test_an_unknown_key_is_a_named_typed_warning(app):
    app.build()
    warnings = app._warning.getvalue()
    assert "index.md:4: WARNING: unknown person key 'nobody': add it to data/persons.csv" in warnings
    assert "unknown apparatus entry 'ref-404': add it to data/apparatus.csv" in warnings


@pytest.mark.sphinx("html", testroot="unknown-key",
                    confoverrides={**EDITION_CONF, "suppress_warnings": ["azedition.unknown-key"]})
def test_the_unknown_key_warnings_are_typed(app):
    """Suppressing ``azedition.unknown-key`` silences exactly them: the warnings carry that type."""
    app.build()
    warnings = app._warning.getvalue()
    assert "unknown person key" not in warnings and "unknown apparatus entry" not in warnings
    assert "no person entry 'nobody' to link to" in warnings  # another subtype, still shown


def test_an_unknown_key_fails_a_strict_build(make_app, rootdir, tmp_path):
    srcdir = tmp_path / "strict"
    shutil.copytree(rootdir / "test-unknown-key", srcdir)
    app = make_app("html", srcdir=srcdir, confoverrides=EDITION_CONF, warningiserror=True)
    with pytest.raises(SphinxWarning, match="unknown person key 'nobody'"):
        app.build()
