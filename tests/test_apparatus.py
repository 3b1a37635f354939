"""The apparatus: every entry is sound data, concerns a real paragraph, is marked in the text, is listed
on the apparatus page under its kind, and links both ways."""

import re
from urllib.parse import urljoin, urlparse

import pytest

from azedition import data
from azedition.data import PARAGRAPH_IDS as WITNESS_UNITS
from azedition.directives import APPARATUS_KINDS

APPARATUS_PAGE = "book/apparatus/apparatus.html"


@pytest.fixture(scope="module")
def entries():
    return data.apparatus()


@pytest.fixture(scope="module")
def marks(html_pages):
    """Every mark of an apparatus entry in the witness: entry id -> [(page, container id, link)]."""
    found = {}
    for page, soup in html_pages.items():
        if not page.startswith("book/text/"):
            continue
        for container in soup.select(".witness-paragraph, .witness-infobox"):
            for link in container.select('a[href*="apparatus.html#app-"]'):
                if link.find_parent(class_="sidenote"):
                    continue  # a commentary note that cites the entry, not a mark of it
                app_id = urlparse(link["href"]).fragment.removeprefix("app-")
                found.setdefault(app_id, []).append((page, container["id"], link))
    return found


def test_entry_ids_are_unique_and_every_entry_has_a_note(entries):
    assert entries.index.is_unique
    assert (entries["note"].str.strip() != "").all()
    emendations = entries[entries["kind"] == "emendation"]
    assert (emendations["lemma"] != "").all() and (emendations["reading"] != "").all()


def test_every_kind_is_known_and_the_apparatus_records_each_kind(entries):
    assert set(entries["kind"]) == set(APPARATUS_KINDS)
    assert (entries["kind"] == "lacuna").sum() == 3


def test_every_entry_points_at_a_real_paragraph(entries, html_pages):
    anchors = {c["id"] for page, soup in html_pages.items() if page.startswith("book/text/")
               for c in soup.select(".witness-paragraph, .witness-infobox")}
    assert anchors == set(WITNESS_UNITS)
    assert set(entries["paragraph"]) <= anchors


def test_every_entry_is_marked_in_its_own_paragraph(entries, marks):
    unmarked = [app_id for app_id in entries.index if app_id not in marks]
    assert not unmarked, f"apparatus entries with no mark in the text: {unmarked}"
    elsewhere = [app_id for app_id, row in entries.iterrows()
                 if row["paragraph"] not in {container for _, container, _ in marks[app_id]}]
    assert not elsewhere, f"entries not marked in the paragraph they name: {elsewhere}"


def test_every_mark_links_to_its_entry_and_the_entry_links_back(entries, marks, html_pages):
    apparatus = html_pages[APPARATUS_PAGE]
    for app_id in entries.index:
        entry = apparatus.find(id=f"app-{app_id}")
        assert entry is not None, app_id
        back = {urljoin(APPARATUS_PAGE, a["href"]) for a in entry.select(".backlinks a")}
        for page, _, link in marks[app_id]:
            # An emendation's mark is the whole sic-and-correction span around the link.
            mark_id = link.get("id") or link.find_parent(class_="emendation")["id"]
            assert mark_id.startswith(f"mark-{app_id}-"), link
            assert f"{page}#{mark_id}" in back, (app_id, mark_id)


def test_the_apparatus_page_groups_entries_by_kind(entries, html_pages):
    apparatus = html_pages[APPARATUS_PAGE]
    for app_id, row in entries.iterrows():
        section = apparatus.find(id=f"app-{app_id}").find_parent("section")
        heading = section.find(["h2"]).get_text(strip=True).rstrip("#")
        assert heading == APPARATUS_KINDS[row["kind"]], app_id


def test_each_emendation_shows_the_witness_reading_and_the_correction(entries, marks):
    emendations = entries[entries["kind"] == "emendation"]
    assert len(emendations) >= 4
    for app_id, row in emendations.iterrows():
        (_, _, link), = marks[app_id]
        mark = link.find_parent(class_="emendation")
        assert mark.select_one(".sic").get_text() == row["lemma"]
        assert link.get_text() == f" [recte: {row['reading']}]"
        assert "editorial" in link.select_one(".corr")["class"]


def test_each_lacuna_says_what_is_known_and_what_is_not_and_cites(entries, html_pages):
    apparatus = html_pages[APPARATUS_PAGE]
    for app_id, row in entries[entries["kind"] == "lacuna"].iterrows():
        assert "What is known" in row["note"] and "not known" in row["note"]
        assert re.search(r"\{cite(:\w+)?\}`", row["note"]), app_id
        entry = apparatus.find(id=f"app-{app_id}")
        assert entry.select('a[href*="bibliography.html#"]'), app_id


def test_the_lost_reference_markers_all_lead_to_the_apparatus(marks):
    markers = sorted(link.get_text() for _, _, link in marks["lost-references"])
    assert markers == [f"[{n}]" for n in range(1, 8)]


def test_every_sign_in_the_witness_is_editorial(html_pages):
    signs = [s for page, soup in html_pages.items() if page.startswith("book/text/")
             for s in soup.select(".witness-paragraph .app-note, .witness-infobox .app-note")]
    assert len(signs) >= 20
    assert all("editorial" in s["class"] and s.get_text() == "°" for s in signs)
