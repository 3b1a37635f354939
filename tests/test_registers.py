"""The registers and the glossary: every name in the text has an entry, every entry is named in the text,
every mention of a person is marked, and every source is a work of the bibliography."""

import re

import pytest

from azedition import data, geography
from azedition.data import PARAGRAPH_IDS as WITNESS_UNITS
from azedition.paths import BOOK_DIR

ROLE = re.compile(r"\{(?P<kind>person|place|org)\}`(?P<text>[^`<]*?)(?:\s*<(?P<key>[^>`]+)>)?`")
EMEND_ENTITY = re.compile(r"\{emend\}`(?P<text>[^`<]*?)\s*<[^|>]+\|(?P<kind>person|place|org):(?P<key>[^>]+)>`")
REGISTER_PAGES = {"person": "persons", "place": "places", "org": "organizations"}


def _only_on_the_map(kind: str) -> set[str]:
    """Places the witness never names that the register holds for the map (the railway's stations, the
    cavalry's route): they stand after the witness's places and link to the map instead of to paragraphs."""
    if kind != "place":
        return set()
    return set(geography.on_the_map(data.register("place"))) - _keys_used_in_the_text()["place"]


def _keys_used_in_the_text():
    used = {kind: set() for kind in data.REGISTER_TABLES}
    for chapter in sorted((BOOK_DIR / "text").glob("*.md")):
        text = chapter.read_text("utf-8")
        for match in list(ROLE.finditer(text)) + list(EMEND_ENTITY.finditer(text)):
            used[match["kind"]].add(match["key"] or match["text"].lower())
    return used


@pytest.mark.parametrize("kind", sorted(data.REGISTER_TABLES))
def test_every_key_used_in_the_text_has_a_row_and_every_row_is_used(kind):
    used = _keys_used_in_the_text()[kind]
    rows = set(data.register(kind).index)
    assert used - rows == set(), f"keys in the text without a row in data/{data.REGISTER_TABLES[kind]}.csv"
    assert rows - used - _only_on_the_map(kind) == set(), \
        f"rows of data/{data.REGISTER_TABLES[kind]}.csv never named in the text nor shown on the map"


@pytest.mark.parametrize("kind", sorted(data.REGISTER_TABLES))
def test_every_register_entry_lists_the_paragraphs_that_name_it(kind, html_pages):
    page = html_pages[f"book/apparatus/{REGISTER_PAGES[kind]}.html"]
    for key in data.register(kind).index:
        entry = page.find(id=f"{kind}-{key}")
        assert entry is not None, key
        links = [a.get_text() for a in entry.select(".backlinks a")]
        if key in _only_on_the_map(kind):
            assert "On the map" in entry.get_text(), key
            continue
        assert links and all(re.fullmatch(r"¶\d+|infobox", label) for label in links), key


def test_every_mention_of_a_person_in_the_witness_is_marked(html_pages):
    """Each surname the markup knows occurs in the witness exactly as often as it is marked."""
    witness = data.witness_text()
    marked = [a.get_text() for page, soup in html_pages.items() if page.startswith("book/text/")
              for a in soup.select(".witness-paragraph .entity.person, .witness-infobox .entity.person")]
    surnames = {name.split()[-1] for name in marked}
    assert len(surnames) >= 25
    for surname in surnames:
        in_witness = len(re.findall(rf"\b{re.escape(surname)}\b", witness))
        in_markup = sum(1 for name in marked if re.search(rf"\b{re.escape(surname)}\b", name))
        assert in_markup == in_witness, f"{surname}: {in_witness} in the witness, {in_markup} marked"


def test_the_register_records_every_spelling_of_a_name(html_pages):
    entry = html_pages["book/apparatus/persons.html"].find(id="person-musabekov")
    spellings = entry.select_one(".backlinks").get_text()
    assert "“Gazanfar Musabekov”" in spellings and "“Ghazanfar Musabakov”" in spellings


def _bibliography_keys():
    return data.bibliography_keys(BOOK_DIR / "references.bib")


def test_every_source_of_the_tables_is_a_work_of_the_bibliography():
    keys = _bibliography_keys()
    for name in ("persons", "places", "organizations", "apparatus"):
        for line, cell in enumerate(data.table(name)["source"], start=2):
            cited = {item.strip() for item in cell.split(";") if item.strip()} - set(WITNESS_UNITS)
            unknown = cited - keys
            assert not unknown, f"data/{name}.csv row {line}: {unknown} not in book/references.bib"


def test_every_cite_in_the_apparatus_notes_is_a_work_of_the_bibliography():
    keys = _bibliography_keys()
    for app_id, note in data.apparatus()["note"].items():
        for group in re.findall(r"\{cite(?::\w+)?\}`([^`]+)`", note):
            assert {k.strip() for k in group.split(",")} <= keys, app_id


def test_life_dates_only_with_a_source():
    """Every date names the work it comes from, in its own column, apart from the identification's sources."""
    persons = data.register("person")
    dated = persons[(persons["born"] != "") | (persons["died"] != "")]
    assert (dated["dates_source"] != "").all(), list(dated.index[dated["dates_source"] == ""])
    undated = persons[(persons["born"] == "") & (persons["died"] == "")]
    assert (undated["dates_source"] == "").all(), "a dates source without a date"


def test_the_register_shows_why_a_life_date_is_missing_or_disputed(html_pages):
    """The reason for a missing date, or the works' disagreement, is printed in the entry, not kept in the data."""
    page = html_pages["book/apparatus/persons.html"]
    noted = data.register("person")
    noted = noted[noted["dates_note"] != ""]
    assert len(noted) >= 5, len(noted)
    for key in noted.index:
        text = " ".join(page.find(id=f"person-{key}").get_text(" ").split())
        assert "On the dates:" in text, key
    shirokorad = page.find(id="person-shirokorad")
    assert shirokorad.select_one("p.rubric .life-dates") is None  # no date is invented for him
    assert "living" in shirokorad.get_text()


GLOSSARY_TERMS = ["AzCP", "AzRevKom", "Himmat", "Adalat", "Ittihad", "Musavat", "Caucasian Bureau",
                  "ADR parliament", "ADR", "RCP(b)", "Revolutionary Military Council of the Caucasian Front"]


def test_the_glossary_defines_the_parties_and_bodies_and_cites(html_pages):
    glossary = html_pages["book/apparatus/glossary.html"]
    terms = [dt.get_text(" ", strip=True).rstrip("#").strip() for dt in glossary.select("dl.glossary dt")]
    missing = [term for term in GLOSSARY_TERMS if term not in terms]
    assert not missing, missing
    assert len(glossary.select('dl.glossary a[href*="bibliography.html#"]')) >= 10


def test_front_matter_explains_every_sign_used_in_the_text(html_pages):
    principles = html_pages["book/front/principles.html"].select_one("article").get_text()
    signs = {".app-note": "°", ".gap": "[… lacuna …]", ".corr": "recte", ".supplied": "⟨",
             ".witness-ref": "[1]"}
    chapters = [soup for page, soup in html_pages.items() if page.startswith("book/text/")]
    for selector, sign in signs.items():
        assert any(soup.select(selector) for soup in chapters), selector
        assert sign in principles, sign
    essay = html_pages["book/front/textual-essay.html"].select_one("article")
    assert len(essay.select('a[href*="apparatus.html#app-"]')) >= 8


@pytest.mark.parametrize("kind", sorted(data.REGISTER_TABLES))
def test_register_entries_stand_in_the_order_the_witness_first_names_them(kind, html_pages):
    first_named = []
    for page in sorted(p for p in html_pages if p.startswith("book/text/")):
        for container in html_pages[page].select(".witness-infobox, .witness-paragraph"):
            for link in container.select(f"a:has(> .entity.{kind})"):
                key = link["href"].rsplit(f"#{kind}-", 1)[1]
                if key not in first_named:
                    first_named.append(key)
    register = html_pages[f"book/apparatus/{REGISTER_PAGES[kind]}.html"]
    entries = [entry["id"].removeprefix(f"{kind}-") for entry in register.select(".register-entry")]
    map_only = _only_on_the_map(kind)
    assert entries[:len(first_named)] == first_named
    assert set(entries[len(first_named):]) == map_only
