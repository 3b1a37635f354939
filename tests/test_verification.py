"""The verification pass (issue 9): every claim that leans on a work, checked against what the work says.

``data/verification.csv`` records, for each claim and work, where the work's text was read (or that it
was not seen) and the verdict. These tests hold the edition to it:

- every work that a table of the data package names as a source was read in its own text;
- no row of a table rests only on works the editors have not read;
- every work the book cites for a fact was read in its own text, or no claim is kept on it and every
  sentence that cites it says that the editors have not read it; the works known only from a reference
  list are recorded as not seen;
- no claim is kept on a work not read; every row of a table that cites a work, and every notebook, has
  rows of its own;
- a change recorded as made is in the file it names, so the errata page tells the truth;
- the dates that several places state (the chronology, the registers, the glossary, the apparatus and
  the commentary) are the same, or state the same dispute;
- the errata page is built from the table and counts it.
"""

from __future__ import annotations

import json
import re
from collections import Counter

import pytest

from azedition import data
from azedition.paths import BOOK_DIR, DATA_DIR, PROJECT_ROOT

from support.sources import cited_keys, commentary_notes

WITNESS_UNITS = set(data.PARAGRAPH_IDS)
CHANGED = {"correct", "qualify", "remove"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
# A run of day numbers ("26, 27 or 28", "11–12", "1") before a month name, or a month name alone.
DATES = re.compile(r"(?:(?P<days>\d{1,2}(?:(?:,\s*|\s*[–-]\s*|\s+(?:or|and|to)\s+)\d{1,2})*)\s+)?"
                   r"(?P<month>" + "|".join(MONTHS) + r")\b")
SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z“\"(*])")


@pytest.fixture(scope="module")
def verification():
    return data.table("verification")


@pytest.fixture(scope="module")
def read_works(verification):
    """The works read in their own text, somewhere in the pass."""
    return set(verification.loc[verification["reading"] == "work", "work"])


def _source_tables():
    """(table name, DataFrame, source column) for every table whose column is marked as naming sources."""
    package = json.loads((DATA_DIR / data.PACKAGE_FILE).read_text("utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "verification":
            continue
        for field in resource["schema"]["fields"]:
            if field.get("azedition:references") == "sources":
                yield resource["name"], data.table(resource["name"]), field["name"]


def _tokens(cell):
    return [token for token in (cell or "").split(data.SOURCE_SEPARATOR) if token]


# --- the table ---------------------------------------------------------------------------------


def test_the_pass_checked_many_claims_with_every_verdict(verification):
    counts = Counter(verification["verdict"])
    assert len(verification) >= 150, len(verification)
    assert set(counts) == {"keep", "correct", "qualify", "remove", "unverified"}, counts


def test_a_work_not_seen_has_no_address_and_a_work_read_has_one(verification):
    not_seen = verification["reading"] == "not seen"
    assert (verification.loc[not_seen, "where_read"] == "not seen").all()
    assert not (verification.loc[~not_seen, "where_read"] == "not seen").any()
    # An address names a host: a dot inside its first word.
    assert verification.loc[~not_seen, "where_read"].str.match(r"[\w.-]+\.[a-z]{2,}").all()


def test_a_change_says_what_changed_and_a_keep_changes_nothing(verification):
    changed = verification["verdict"].isin(CHANGED)
    assert (verification.loc[changed, "new_statement"] != "").all()
    assert (verification.loc[~changed, "new_statement"] == "").all()


# --- the works ---------------------------------------------------------------------------------


def test_every_work_a_table_names_as_a_source_was_read_in_its_own_text(read_works):
    named = {token for _, frame, column in _source_tables() for cell in frame[column]
             for token in _tokens(cell) if token not in WITNESS_UNITS}
    assert named, "no table names a work"
    assert not named - read_works, sorted(named - read_works)


def test_no_row_of_a_table_rests_only_on_works_not_read(read_works):
    unsupported = []
    for name, frame, column in _source_tables():
        key_column = frame.columns[0]
        for key, cell in zip(frame[key_column], frame[column], strict=True):
            tokens = _tokens(cell)
            if tokens and not any(token in WITNESS_UNITS or token in read_works for token in tokens):
                unsupported.append((name, key, cell))
    assert not unsupported, unsupported


# A sentence that says the editors have not read (or seen) what it cites: "which the editors have not
# read", "(works the editors have not seen)", "(Hasanli's book not read by the editors)".
NOT_READ = re.compile(r"\bnot (?:been )?(?:read|seen)\b")


# A bibliography key written out in a table's prose ("whose sources are kadishev1960interventsiia and ..."),
# outside a ``{cite}`` role.
BIBLIOGRAPHY_KEYS = frozenset(re.findall(r"^@\w+\{([^,\s]+),", (BOOK_DIR / "references.bib").read_text("utf-8"),
                                         re.MULTILINE))
BARE_KEY = re.compile(r"(?<![\w`])(" + "|".join(sorted(map(re.escape, BIBLIOGRAPHY_KEYS), key=len, reverse=True))
                      + r")(?![\w`])")


def _cited_texts():
    """{place: text} for every text of the book that cites works: the chapters and the apparatus pages
    (Markdown), the prose columns of the data tables (the apparatus notes, the registers'
    identifications, the tables' notes) and the notebooks' Markdown cells."""
    texts = {str(path.relative_to(PROJECT_ROOT)): path.read_text("utf-8") for path in BOOK_DIR.rglob("*.md")}
    package = json.loads((DATA_DIR / data.PACKAGE_FILE).read_text("utf-8"))
    for resource in package["resources"]:
        if resource["name"] == "verification":
            continue
        frame = data.table(resource["name"])
        prose = [field["name"] for field in resource["schema"]["fields"]
                 if field.get("type", "string") == "string" and field.get("azedition:references") != "sources"]
        for column in prose:
            for key, cell in zip(frame[frame.columns[0]], frame[column], strict=True):
                if isinstance(cell, str) and (cited_keys(cell) or BARE_KEY.search(cell)):
                    texts[f"data/{resource['name']}.csv: {key} ({column})"] = cell
    for notebook in sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb")):
        cells = json.loads(notebook.read_text("utf-8"))["cells"]
        texts[str(notebook.relative_to(PROJECT_ROOT))] = "\n\n".join(
            "".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    return texts


def _citing_sentences(texts):
    """(place, sentence, keys) for each sentence that cites works, by a ``{cite}`` role or, in a table's
    prose, by a bibliography key written out; paragraphs are cut at blank lines."""
    for place, text in texts.items():
        for paragraph in re.split(r"\n\s*\n", text):
            for sentence in SENTENCE_END.split(_normalized(paragraph)):
                keys = set(cited_keys(sentence))
                if place.startswith("data/"):
                    keys |= set(BARE_KEY.findall(sentence))
                if keys:
                    yield place, sentence, keys


def _cited_works(texts):
    """Every work the book cites for a fact: by a ``{cite}`` role, or as a source in a table's row."""
    cited = {key for _, _, keys in _citing_sentences(texts) for key in keys}
    return cited | {token for _, frame, column in _source_tables() for cell in frame[column]
                    for token in _tokens(cell) if token not in WITNESS_UNITS}


def _works_resting_on_no_reading(verification, texts):
    """The rule for a cited work that was not read in its own text (only "description" or "not seen"):
    it has rows in the table, none of them keeps a claim on it, no table names it as a source, and every
    sentence of the book that cites it says that the editors have not read (or seen) it. Returns the
    breaches, as (work, what is wrong)."""
    read = set(verification.loc[verification["reading"] == "work", "work"])
    named_by_tables = {token for _, frame, column in _source_tables() for cell in frame[column]
                       for token in _tokens(cell)}
    breaches = []
    for key in sorted(_cited_works(texts) - read):
        verdicts = set(verification.loc[verification["work"] == key, "verdict"])
        if not verdicts:
            breaches.append((key, "no row in the verification table"))
        if "keep" in verdicts:
            breaches.append((key, "a claim is kept on it"))
        if key in named_by_tables:
            breaches.append((key, "a table names it as a source"))
        breaches += [(key, f"{place}: {sentence[:120]}") for place, sentence, keys in _citing_sentences(texts)
                     if key in keys and not NOT_READ.search(sentence)]
    return breaches


def test_every_work_the_book_cites_was_read_or_is_shown_as_not_read(verification):
    """Every work the book cites for a fact (chapters, apparatus pages and notes, registers, glossary,
    data tables, notebooks) has a row read in the work itself (reading "work"); or else no claim is kept
    on it (each of its rows is unverified, or records the change that qualified, corrected or removed the
    claim), no table names it as a source, and every sentence that cites it tells the reader that the
    editors have not read or seen it. A description of a work (a listing, a review) counts as not read."""
    texts = _cited_texts()
    assert len(_cited_works(texts)) >= 50
    breaches = _works_resting_on_no_reading(verification, texts)
    assert not breaches, breaches


def test_the_rule_for_works_not_read_fails_on_a_bare_citation(verification):
    """The rule above catches a sentence that cites a work not read as if it had been read, and a claim
    kept on it, in texts made for the test."""
    bare = {"book/text/example.md": "The cabinet fell on 1 April {cite:p}`swietochowski1985russian`."}
    assert _works_resting_on_no_reading(verification, bare)
    marked = {"book/text/example.md": "The cabinet fell {cite:p}`swietochowski1985russian`, a work the editors "
                                      "have not read."}
    assert _works_resting_on_no_reading(verification, {"data/strength.csv: x (note)": "As swietochowski1985russian "
                                                                                       "gives it."})
    assert not [breach for breach in _works_resting_on_no_reading(verification, marked)
                if breach[0] == "swietochowski1985russian"]
    kept = verification.copy()
    kept.loc[kept["work"] == "swietochowski1985russian", "verdict"] = "keep"
    assert ("swietochowski1985russian", "a claim is kept on it") in _works_resting_on_no_reading(kept, marked)


def test_no_claim_is_kept_on_a_work_not_read_for_it(verification):
    """A claim kept as it stands rests on the work's own text, read for that claim: a description of the
    work, or a work not seen, supports no "keep"."""
    kept = verification[verification["verdict"] == "keep"]
    assert not (kept["reading"] != "work").any(), sorted(kept.loc[kept["reading"] != "work", "id"])


def test_every_row_of_a_table_that_cites_a_work_has_a_row_of_its_own(verification):
    """Each row of a data table whose sources name a work was checked by itself: some verification row
    names it as its place ("data/<table>.csv: <key>"), not only a catch-all row on the bibliography."""
    places = set(verification["place"])
    unchecked = []
    for name, frame, column in _source_tables():
        key_column = frame.columns[0]
        for key, cell in zip(frame[key_column], frame[column], strict=True):
            works = [token for token in _tokens(cell) if token not in WITNESS_UNITS]
            if works and f"data/{name}.csv: {key}" not in places:
                unchecked.append((name, key, works))
    assert not unchecked, unchecked


def test_every_notebook_has_its_prose_checked(verification):
    """The notebooks' prose leans on works too: each notebook has rows of its own in the table."""
    checked = {place.split(": ", 1)[0] for place in verification["place"]}
    notebooks = {str(path.relative_to(PROJECT_ROOT)) for path in (PROJECT_ROOT / "notebooks").glob("*.ipynb")}
    assert len(notebooks) >= 3
    assert not notebooks - checked, sorted(notebooks - checked)


@pytest.mark.parametrize("key", ["kadishev1960interventsiia", "tokarzhevsky1957iz"])
def test_works_known_only_from_a_reference_list_are_not_seen(verification, key):
    readings = set(verification.loc[verification["work"] == key, "reading"])
    assert readings == {"not seen"}


# --- the changes are where the table says --------------------------------------------------------


def _normalized(text):
    return " ".join(text.split())


def _place_text(place):
    """The text of the place a verification row names: a file, or one row of a table."""
    path, _, key = place.partition(": ")
    if path.startswith("data/"):
        frame = data.table(path.removeprefix("data/").removesuffix(".csv"))
        row = frame[frame[frame.columns[0]] == key]
        assert len(row) == 1, place
        return " ".join(str(value) for value in row.iloc[0].tolist())
    if path.endswith(".ipynb"):
        cells = json.loads((PROJECT_ROOT / path).read_text("utf-8"))["cells"]
        return " ".join("".join(cell["source"]) for cell in cells if cell["cell_type"] == "markdown")
    return (PROJECT_ROOT / path).read_text("utf-8")


def test_each_correction_stands_where_the_table_says(verification):
    missing = []
    for row in verification[verification["verdict"].isin({"correct", "qualify"})].itertuples():
        text = _normalized(_place_text(row.place))
        new = row.new_statement
        if new.startswith("source: "):
            source = new.removeprefix("source: ").split("; identification: ")[0]
            expected = [source]
            if "; identification: " in new:
                expected.append(new.split("; identification: ", 1)[1])
        else:
            expected = [new]
        missing += [(row.id, item) for item in expected if _normalized(item) not in text]
    assert not missing, missing


def test_the_misreading_of_trotskys_telegram_is_gone_everywhere():
    """Doc. 68: Trotsky passed on to Stalin the question he had put to Tukhachevsky."""
    texts = {path.name: path.read_text("utf-8") for path in (BOOK_DIR / "text").glob("*.md")}
    texts["apparatus.csv"] = (DATA_DIR / "apparatus.csv").read_text("utf-8")
    texts["chronology.csv"] = (DATA_DIR / "chronology.csv").read_text("utf-8")
    for name, text in texts.items():
        assert "Trotsky asked Stalin" not in _normalized(text), name
    mentions = [name for name, text in texts.items() if "kvashonkin1996bolshevistskoe" in text]
    assert len(mentions) >= 4, mentions
    for name in mentions:
        assert "Tukhachevsky" in texts[name], name


# --- one fact, one statement -------------------------------------------------------------------


def _glossary_entry(term):
    text = (BOOK_DIR / "apparatus" / "glossary.md").read_text("utf-8")
    match = re.search(rf"^{re.escape(term)}\n(?:\S.*\n)*((?:  .*\n)+)", text, re.MULTILINE)
    assert match, term
    return match.group(1)


def _note(chapter, name):
    return commentary_notes(BOOK_DIR / "text" / chapter)[name]


def _cell(table, key, *columns):
    frame = data.table(table)
    row = frame[frame[frame.columns[0]] == key]
    assert len(row) == 1, (table, key)
    return " ".join(str(row.iloc[0][column]) for column in columns)


def _chronology(key):
    """The row's text, with its date as the text would write it (no day for a month or part of a month)."""
    frame = data.table("chronology")
    row = frame[frame["id"] == key].iloc[0]
    date = row["date"]
    written = (f"{date.day} " if row["date_precision"] == "day" else "") + MONTHS[date.month - 1]
    return f"{row['event']} ({written}). {row['note']}"


def _dates(text, keyword, months):
    """The (day, month) pairs, or (None, month), in the sentences of ``text`` that match ``keyword``."""
    found = set()
    for sentence in SENTENCE_END.split(_normalized(re.sub(r"\{[a-z:]+\}`[^`]*`", "", text))):
        if not re.search(keyword, sentence, re.IGNORECASE):
            continue
        for match in DATES.finditer(sentence):
            if match["month"] not in months:
                continue
            days = [int(day) for day in re.findall(r"\d{1,2}", match["days"] or "")]
            found |= {(day, match["month"]) for day in days} if days else {(None, match["month"])}
    return found


# fact: (sentences that state it, the months it concerns, {place: text})
SHARED_FACTS = {
    "the founding of the Revolutionary Committee": (
        r"formation|formed|founded|existed|disputed", {"April"}, lambda: {
            "chronology azrevkom-founded": _chronology("azrevkom-founded"),
            "organizations azrevkom": _cell("organizations", "azrevkom", "identification"),
            "glossary AzRevKom": _glossary_entry("AzRevKom"),
            "apparatus date-same-day": _cell("apparatus", "date-same-day", "note"),
            "chapter 7 note azrevkom": _note("07-revolutionary-committee.md", "azrevkom"),
        }),
    "the parliament's vote": (
        r"vote", {"April"}, lambda: {
            "chronology parliament-session": _chronology("parliament-session"),
            "organizations adr-parliament": _cell("organizations", "adr-parliament", "identification"),
            "glossary ADR parliament": _glossary_entry("ADR parliament"),
            "apparatus lacuna-conditions": _cell("apparatus", "lacuna-conditions", "note"),
            "apparatus date-end-republic": _cell("apparatus", "date-end-republic", "note"),
        }),
    "the founding of the AzCP": (
        r"order|congress|formed|founded", {"January", "February"}, lambda: {
            "chronology moscow-order and azcp-first-congress":
                _chronology("moscow-order") + " " + _chronology("azcp-first-congress"),
            "organizations azcp": _cell("organizations", "azcp", "identification"),
            "glossary AzCP": _glossary_entry("AzCP"),
            "chapter 2 note january-order": _note("02-communist-party.md", "january-order"),
        }),
    "the resignation of Yusifbeyli's cabinet": (
        r"resign|fell", {"April"}, lambda: {
            "chronology usubbekov-resigns": _chronology("usubbekov-resigns"),
            "persons usubbekov": _cell("persons", "usubbekov", "identification"),
            "apparatus name-usubbekov": _cell("apparatus", "name-usubbekov", "note"),
            "glossary ADR": _glossary_entry("ADR"),
        }),
    "Lenin's telegram": (
        r"telegram", {"March"}, lambda: {
            "chronology lenin-telegram": _chronology("lenin-telegram"),
            "organizations revvoensovet": _cell("organizations", "revvoensovet", "identification"),
            "glossary Revolutionary Military Council": _glossary_entry(
                "Revolutionary Military Council of the Caucasian Front"),
            "apparatus lacuna-lenin-telegram": _cell("apparatus", "lacuna-lenin-telegram", "note"),
        }),
    "Trotsky's telegram to Stalin": (
        r"Trotsky", {"March"}, lambda: {
            "chronology trotsky-baku-operation": _chronology("trotsky-baku-operation"),
            "chapter 1 note aim": _note("01-overview.md", "aim"),
            "chapter 5 note lenin-telegram": _note("05-oil-and-moscow.md", "lenin-telegram"),
        }),
    "the crossing of the frontier": (
        r"invade|invasion|cross", {"April"}, lambda: {
            "chronology invasion": _chronology("invasion"),
            "organizations eleventh-army": _cell("organizations", "eleventh-army", "identification"),
            "glossary 11th Red Army": _glossary_entry("11th Red Army"),
        }),
}


@pytest.mark.parametrize("fact", SHARED_FACTS)
def test_a_date_shared_by_several_places_is_stated_the_same_way_in_each(fact):
    keyword, months, places = SHARED_FACTS[fact]
    stated = {place: _dates(text, keyword, months) for place, text in places().items()}
    assert all(stated.values()), {place: dates for place, dates in stated.items() if not dates}
    reference = stated[next(iter(stated))]
    differing = {place: sorted(dates, key=str) for place, dates in stated.items() if dates != reference}
    assert not differing, (sorted(reference, key=str), differing)


def test_the_revolutionary_committee_is_dated_by_the_same_three_dates():
    keyword, months, places = SHARED_FACTS["the founding of the Revolutionary Committee"]
    assert _dates(places()["organizations azrevkom"], keyword, months) == {(26, "April"), (27, "April"), (28, "April")}


# --- the errata page ---------------------------------------------------------------------------


def test_the_errata_page_lists_every_change_and_counts_the_pass(html_pages, verification):
    page = html_pages["book/apparatus/errata.html"]
    entries = page.select("div.erratum")
    changed = verification[verification["verdict"].isin(CHANGED)]
    assert len(entries) == len(changed)
    assert {entry["id"] for entry in entries} == {f"erratum-{key}" for key in changed["id"]}
    summary = " ".join(page.select_one(".errata-summary").get_text().split())
    counts = Counter(verification["verdict"])
    assert f"checked {len(verification)} claims" in summary
    for verdict, word in (("keep", "kept"), ("correct", "corrected"), ("qualify", "qualified"),
                          ("remove", "removed"), ("unverified", "left unverified")):
        assert f"{counts[verdict]} {word}" in summary
    for entry in entries:
        labels = [strong.get_text() for strong in entry.select("p.erratum-field > strong")]
        assert labels == ["Before: ", "After: ", "Why: "]
