"""The one loader of the edition's tables in data/: every reader of the data goes through here.

Besides loading, it checks the tables against the rules the edition relies on (fixed columns, unique
keys, known apparatus kinds, real paragraphs) and reports each breach as one line naming the file, the
row, the column and the rule, so that a bad edit of a CSV is found before it becomes a wrong page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .paths import DATA_DIR, WITNESS_PATH

REGISTER_TABLES = {"person": "persons", "place": "places", "org": "organizations"}

# The columns of every table are fixed: pages, tests and later exports read them by name.
COLUMNS = {
    "persons": ["key", "name", "identification", "born", "died", "source"],
    "places": ["key", "name", "identification", "source"],
    "organizations": ["key", "name", "identification", "source"],
    "apparatus": ["id", "kind", "paragraph", "lemma", "reading", "note", "source"],
}

# The kinds of apparatus entry, in the order the apparatus page shows them.
APPARATUS_KINDS = {
    "emendation": "Emendations",
    "lacuna": "Lacunae",
    "references": "The lost references",
    "infobox": "The flattened infobox",
    "inconsistency": "Inconsistencies in names and dates",
    "normalization": "Normalized names",
    "supplied": "Editorial additions",
}

# The witness has an infobox and fourteen prose paragraphs; an entry concerns one of them.
WITNESS_PARAGRAPHS = ["infobox"] + [f"p{n}" for n in range(1, 15)]

KEY_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
BIB_KEY_PATTERN = re.compile(r"^[A-Za-z0-9_:-]+$")
YEAR_PATTERN = re.compile(r"^(c\. )?\d{3,4}$")


class DataError(ValueError):
    """A table of data/ that cannot be read at all; the message is one line naming file and rule."""


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read data/<name>.csv as strings, empty cells as empty strings."""
    path = Path(data_dir or DATA_DIR) / f"{name}.csv"
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except FileNotFoundError:
        raise DataError(f"data/{name}.csv: the file is missing") from None
    except (pd.errors.ParserError, UnicodeDecodeError) as error:
        detail = " ".join(str(error).split()).removeprefix("Error tokenizing data. C error: ")
        raise DataError(f"data/{name}.csv: not a well-formed UTF-8 CSV table ({detail})") from None


def register(kind: str, data_dir: Path | None = None) -> pd.DataFrame:
    """The register table for a role kind ('person', 'place', 'org'), indexed by key."""
    return load_table(REGISTER_TABLES[kind], data_dir).set_index("key", drop=False)


def apparatus(data_dir: Path | None = None) -> pd.DataFrame:
    """The apparatus table, indexed by entry id."""
    return load_table("apparatus", data_dir).set_index("id", drop=False)


def source_keys(cell: str) -> list[str]:
    """The bibliography keys of a ``source`` cell: keys separated by semicolons."""
    return [key.strip() for key in cell.split(";") if key.strip()]


def witness_text() -> str:
    """The witness exactly as it came to the edition."""
    return WITNESS_PATH.read_bytes().decode("utf-8")


def _problem(name: str, row: int | None, column: str, rule: str) -> str:
    # Row numbers count the CSV's lines as an editor sees them: the header is line 1.
    where = f"data/{name}.csv" + (f" row {row}" if row is not None else "")
    return f"{where} column {column}: {rule}"


def validate_table(name: str, data_dir: Path | None = None) -> list[str]:
    """Every breach of the edition's rules in data/<name>.csv, one line each (empty when sound)."""
    try:
        table = load_table(name, data_dir)
    except DataError as error:
        return [str(error)]
    expected = COLUMNS[name]
    if list(table.columns) != expected:
        return [_problem(name, None, ",".join(table.columns),
                         f"the columns must be exactly {','.join(expected)}")]
    key_column = "id" if name == "apparatus" else "key"
    problems, seen = [], set()
    for index, row in table.iterrows():
        line = index + 2
        key = row[key_column]
        if not KEY_PATTERN.match(key):
            problems.append(_problem(name, line, key_column,
                                     f"{key!r} must be lower-case words joined by hyphens"))
        elif key in seen:
            problems.append(_problem(name, line, key_column, f"{key!r} is used twice"))
        seen.add(key)
        for bib_key in source_keys(row["source"]):
            if not BIB_KEY_PATTERN.match(bib_key):
                problems.append(_problem(name, line, "source", f"{bib_key!r} is not a bibliography key"))
        if name == "apparatus":
            problems += _apparatus_row_problems(row, line)
        else:
            if not row["name"].strip():
                problems.append(_problem(name, line, "name", "every entry needs a name"))
            for column in ("born", "died"):
                if column in row and row[column] and not YEAR_PATTERN.match(row[column]):
                    problems.append(_problem(name, line, column,
                                             f"{row[column]!r} must be a year (or 'c. YEAR'), or empty"))
            if any(row.get(column) for column in ("born", "died")) and not row["source"]:
                problems.append(_problem(name, line, "source", "a life date needs a source"))
    return problems


def _apparatus_row_problems(row, line: int) -> list[str]:
    problems = []
    if row["kind"] not in APPARATUS_KINDS:
        problems.append(_problem("apparatus", line, "kind",
                                 f"{row['kind']!r} is not one of {', '.join(APPARATUS_KINDS)}"))
    if row["paragraph"] not in WITNESS_PARAGRAPHS:
        problems.append(_problem("apparatus", line, "paragraph",
                                 f"{row['paragraph']!r} is not 'infobox' or p1 to p14"))
    if not row["note"].strip():
        problems.append(_problem("apparatus", line, "note", "every entry needs a note"))
    if row["kind"] == "emendation" and not (row["lemma"] and row["reading"]):
        problems.append(_problem("apparatus", line, "reading",
                                 "an emendation needs the witness's reading (lemma) and the correction"))
    return problems


def validate_all(data_dir: Path | None = None) -> list[str]:
    """The problems of every table of the edition."""
    return [problem for name in COLUMNS for problem in validate_table(name, data_dir)]
