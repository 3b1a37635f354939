"""The one loader and validator of the edition's tables in data/: every reader of the data goes through here.

The tables are CSV files described by a Frictionless Data Package, ``data/datapackage.json`` (Table
Schema: field types, ``required``, ``unique``, ``enum``, ``pattern``, ``minimum``/``maximum``, primary
keys and foreign keys). The validator implements that subset of the standard itself, rather than calling
the ``frictionless`` library, for two reasons: every problem must come out as one line naming the file,
the row, the column and the rule (the edition's rule for bad input), and the edition adds one check the
standard cannot express: a field marked ``"azedition:references": "sources"`` must hold witness paragraph
ids (``p1``..``p14``, ``infobox``) or keys of ``book/references.bib``, separated by ``"; "``.

The notebooks, the Sphinx extension, the command line (``python -m azedition validate``) and the tests
all call :func:`validate` or :func:`table`; nobody opens a CSV by hand.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths

PACKAGE_FILE = "datapackage.json"
REGISTER_TABLES = {"person": "persons", "place": "places", "org": "organizations"}
# The witness has ten infobox rows and fourteen paragraphs; the tests check this against the witness.
PARAGRAPH_IDS = ("infobox",) + tuple(f"p{n}" for n in range(1, 15))
SOURCE_SEPARATOR = "; "
BIB_KEY = re.compile(r"^@\w+\s*\{\s*([^,\s]+)\s*,", re.MULTILINE)
INTEGER = re.compile(r"[+-]?[0-9]+")
NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Problems after which a table's rows are unknown: its keys must not be taken as the complete list.
UNREADABLE = {"missing table", "encoding utf-8", "header", "missing column", "extra column", "column order",
              "csv syntax"}


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the data, located as precisely as the problem allows."""

    file: str
    row: int | None  # 1 = the first data row, after the header; None for a whole-file problem
    column: str | None
    rule: str
    message: str
    line: int | None = None  # the line of the file, header = line 1; differs from row+1 if a cell spans lines

    def __str__(self) -> str:
        where = [self.file]
        if self.row is not None:
            where.append(f"row {self.row}" + (f" (line {self.line})" if self.line else ""))
        elif self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message} [rule: {self.rule}]"


class DataError(Exception):
    """The data does not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


# --- reading -----------------------------------------------------------------------------------


def _shown(path: Path) -> str:
    """The path as a reader of the message knows it: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def bibliography_keys(bib_path: Path | None = None) -> frozenset[str]:
    """The keys of the edition's bibliography, book/references.bib."""
    path = Path(bib_path or paths.bibliography_path())
    return frozenset(BIB_KEY.findall(path.read_text("utf-8")))


def _read_package(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    path = data_dir / PACKAGE_FILE
    shown = _shown(path)
    if not path.exists():
        return None, [Problem(shown, None, None, "missing package", "the data package descriptor is missing")]
    try:
        package = json.loads(path.read_bytes().decode("utf-8"))
    except UnicodeDecodeError as error:
        return None, [Problem(shown, None, None, "encoding utf-8", f"not UTF-8: {error.reason}")]
    except json.JSONDecodeError as error:
        return None, [Problem(shown, None, None, "json", error.msg, line=error.lineno)]
    resources = package.get("resources") if isinstance(package, dict) else None
    if not isinstance(resources, list) or not all(
            isinstance(r, dict) and "name" in r and "path" in r and "fields" in r.get("schema", {})
            for r in resources):
        return None, [Problem(shown, None, None, "data package",
                              "every resource needs a name, a path and schema.fields")]
    return package, []


def _read_rows(path: Path, fields: list[str]) -> tuple[list[tuple[int, int, list[str]]], list[Problem]]:
    """The file's data rows as (row number, line number, cells), and any problem of the file as a whole."""
    shown = _shown(path)
    if not path.exists():
        return [], [Problem(shown, None, None, "missing table", "the table is missing")]
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[:error.start].count(b"\n") + 1
        return [], [Problem(shown, None, None, "encoding utf-8",
                            f"byte 0x{raw[error.start]:02x} at offset {error.start} is not UTF-8", line=line)]
    if text.startswith("\ufeff"):
        text = text[1:]
    # newline="": the csv module itself must see the line ends, or a line break inside a quoted cell
    # (and str.splitlines' extra separators such as U+2028) would cut a row in two.
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    problems: list[Problem] = []
    rows: list[tuple[int, int, list[str]]] = []
    header_read, number = False, 0  # number: data rows read so far
    try:
        header = next(reader, None)
        if header is None:
            return [], [Problem(shown, None, None, "header", "the file is empty: no header row")]
        for column in fields:
            if column not in header:
                problems.append(Problem(shown, None, column, "missing column",
                                        "the schema's column is not in the header", line=1))
        for column in header:
            if column not in fields:
                problems.append(Problem(shown, None, column, "extra column",
                                        "the header has a column the schema does not describe", line=1))
        if not problems and header != fields:
            problems.append(Problem(shown, None, None, "column order",
                                    f"columns must be in the schema's order: {', '.join(fields)}", line=1))
        if problems:
            return [], problems  # with a wrong header no cell can be matched with its field
        header_read = True
        for cells in reader:
            number += 1
            if not cells:
                problems.append(Problem(shown, number, None, "blank row", "an empty line inside the table",
                                        line=reader.line_num))
                continue
            if len(cells) != len(header):
                problems.append(Problem(shown, number, None, "ragged row",
                                        f"{len(cells)} cells where the header has {len(header)}",
                                        line=reader.line_num))
                continue
            rows.append((number, reader.line_num, cells))
    except csv.Error as error:
        row = number + 1 if header_read else None  # the row the reader failed on was not counted yet
        return [], problems + [Problem(shown, row, None, "csv syntax", str(error), line=reader.line_num)]
    return rows, problems


# --- checking one cell -------------------------------------------------------------------------


def _cast(value: str, kind: str):
    """The cell's value in its schema type; raises ValueError with the reason."""
    if kind == "integer":
        if not INTEGER.fullmatch(value):
            raise ValueError(f"{value!r} is not an integer")
        return int(value)
    if kind == "number":
        if not NUMBER.fullmatch(value):
            raise ValueError(f"{value!r} is not a number")
        return float(value)
    if kind == "date":
        if not ISO_DATE.fullmatch(value):
            raise ValueError(f"{value!r} is not a date in the form YYYY-MM-DD")
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise ValueError(f"{value!r} is not a date that exists") from None
    if kind == "string":
        return value
    raise ValueError(f"the schema's type {kind!r} is not one this validator knows")


def _check_cell(value: str, field: dict) -> list[tuple[str, str]]:
    """(rule, message) for each way the cell breaks its field's schema."""
    constraints = field.get("constraints", {})
    kind = field.get("type", "string")
    if value == "":
        return [("required", "the field is required but empty")] if constraints.get("required") else []
    try:
        typed = _cast(value, kind)
    except ValueError as error:
        return [(f"type {kind}", str(error))]
    broken = []
    for bound, rule, fails in (("minimum", "minimum", lambda v, b: v < b), ("maximum", "maximum", lambda v, b: v > b)):
        if bound in constraints:
            limit = _cast(str(constraints[bound]), kind)
            if fails(typed, limit):
                broken.append((f"{rule} {constraints[bound]}", f"{value!r} is {'below' if rule == 'minimum' else 'above'} "
                               f"the {rule} {constraints[bound]}"))
    if "enum" in constraints and value not in constraints["enum"]:
        broken.append(("enum", f"{value!r} is not one of: {', '.join(map(str, constraints['enum']))}"))
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        broken.append(("pattern", f"{value!r} does not match the pattern {constraints['pattern']}"))
    return broken


# --- the whole package -------------------------------------------------------------------------


@dataclass
class _Table:
    name: str
    shown: str
    fields: list[dict]
    schema: dict
    rows: list[tuple[int, int, dict[str, str]]]
    readable: bool = True  # False if the file is missing, not UTF-8, or its header is wrong


def _check_package(data_dir: Path, bib_path: Path | None) -> tuple[dict[str, _Table], list[Problem]]:
    package, problems = _read_package(data_dir)
    if package is None:
        return {}, problems
    tables: dict[str, _Table] = {}
    for resource in package["resources"]:
        schema = resource["schema"]
        fields = schema["fields"]
        names = [field["name"] for field in fields]
        path = data_dir / resource["path"]
        rows, file_problems = _read_rows(path, names)
        problems += file_problems
        table = _Table(resource["name"], _shown(path), fields, schema, [],
                       readable=not any(p.rule in UNREADABLE for p in file_problems))
        tables[table.name] = table
        for number, line, cells in rows:
            record = dict(zip(names, cells))
            table.rows.append((number, line, record))
            for field in fields:
                for rule, message in _check_cell(record[field["name"]], field):
                    problems.append(Problem(table.shown, number, field["name"], rule, message, line))
        problems += _check_keys(table)
    problems += _check_foreign_keys(tables)
    problems += _check_sources(tables, bib_path)
    return tables, problems


def _check_keys(table: _Table) -> list[Problem]:
    """Primary keys and unique fields: no value twice."""
    problems = []
    primary = table.schema.get("primaryKey")
    primary = [primary] if isinstance(primary, str) else list(primary or [])
    unique_sets = [(primary, "primary key")] if primary else []
    unique_sets += [([f["name"]], "unique") for f in table.fields
                    if f.get("constraints", {}).get("unique") and [f["name"]] != primary]
    for columns, rule in unique_sets:
        seen: dict[tuple, int] = {}
        for number, line, record in table.rows:
            value = tuple(record[c] for c in columns)
            if value in seen:
                problems.append(Problem(table.shown, number, ", ".join(columns), rule,
                                        f"{', '.join(value)!r} repeats row {seen[value]}", line))
            else:
                seen[value] = number
    return problems


def _check_foreign_keys(tables: dict[str, _Table]) -> list[Problem]:
    problems = []
    for table in tables.values():
        for foreign in table.schema.get("foreignKeys", []):
            column = foreign["fields"]
            target_name = foreign["reference"]["resource"] or table.name  # "" is the table itself
            target_column = foreign["reference"]["fields"]
            target = tables.get(target_name)
            if target is None or not target.readable:
                continue  # the unreadable table is reported already; its keys are unknown, not wrong
            known = {record[target_column] for _, _, record in target.rows if target_column in record}
            for number, line, record in table.rows:
                value = record.get(column, "")
                if value and value not in known:
                    problems.append(Problem(table.shown, number, column, f"foreign key {target_name}.{target_column}",
                                            f"{value!r} is not a {target_column} of {target_name}", line))
    return problems


def _check_sources(tables: dict[str, _Table], bib_path: Path | None) -> list[Problem]:
    """Source cells must name witness paragraphs or works of the bibliography."""
    problems = []
    keys = None
    for table in tables.values():
        for field in table.fields:
            if field.get("azedition:references") != "sources":
                continue
            keys = keys if keys is not None else bibliography_keys(bib_path)
            for number, line, record in table.rows:
                value = record[field["name"]]
                if not value:
                    continue
                for token in value.split(SOURCE_SEPARATOR):
                    if token not in PARAGRAPH_IDS and token not in keys:
                        problems.append(Problem(
                            table.shown, number, field["name"], "source reference",
                            f"{token!r} is neither a witness paragraph id (p1..p14, infobox) "
                            f"nor a key of book/references.bib", line))
    return problems


def _frame(table: _Table) -> pd.DataFrame:
    """The table as a DataFrame typed from its schema: integers Int64, numbers float, dates datetime64."""
    columns = {}
    for field in table.fields:
        name, kind = field["name"], field.get("type", "string")
        values = [record[name] for _, _, record in table.rows]
        if kind == "integer":
            columns[name] = pd.array([int(v) if v else None for v in values], dtype="Int64")
        elif kind == "number":
            columns[name] = pd.array([float(v) if v else None for v in values], dtype="Float64")
        elif kind == "date":
            columns[name] = pd.to_datetime(pd.Series([v or None for v in values], dtype=object), format="%Y-%m-%d")
        else:
            columns[name] = pd.Series(values, dtype=object)
    return pd.DataFrame(columns)


def _signature(data_dir: Path, bib_path: Path | None) -> tuple:
    """What a cached result depends on: every file's size and modification time."""
    files = sorted(data_dir.glob("*.csv")) + [data_dir / PACKAGE_FILE, Path(bib_path or paths.bibliography_path())]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) if f.exists() else (str(f),) for f in files)


@lru_cache(maxsize=8)
def _checked(data_dir: Path, bib_path: Path | None, _signature: tuple):
    tables, problems = _check_package(data_dir, bib_path)
    return tables, tuple(problems)


def _resolve(data_dir, bib_path):
    data_dir = Path(data_dir or paths.data_dir()).resolve()
    bib_path = Path(bib_path).resolve() if bib_path else None
    return _checked(data_dir, bib_path, _signature(data_dir, bib_path))


# --- the public interface ----------------------------------------------------------------------


def validate(data_dir: Path | str | None = None, bib_path: Path | str | None = None) -> list[Problem]:
    """Every problem of the data package in ``data_dir`` (default: the project's data/); [] if it is valid."""
    return list(_resolve(data_dir, bib_path)[1])


def table_names(data_dir: Path | str | None = None) -> list[str]:
    """The names of the package's tables, in the descriptor's order."""
    return list(_resolve(data_dir, None)[0])


def table(name: str, data_dir: Path | str | None = None, bib_path: Path | str | None = None) -> pd.DataFrame:
    """A validated, typed table of the package; raises DataError if the package has any problem."""
    tables, problems = _resolve(data_dir, bib_path)
    if problems:
        raise DataError(list(problems))
    if name not in tables:
        raise KeyError(f"no table {name!r} in the data package; it has: {', '.join(tables)}")
    return _frame(tables[name])


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """The same as :func:`table` (the name the first version of the extension used)."""
    return table(name, data_dir)


def register(kind: str, data_dir: Path | str | None = None, bib_path: Path | str | None = None) -> pd.DataFrame:
    """The register table for a role kind ('person', 'place', 'org'), indexed by key."""
    return table(REGISTER_TABLES[kind], data_dir, bib_path).set_index("key", drop=False)


def apparatus(data_dir: Path | str | None = None, bib_path: Path | str | None = None) -> pd.DataFrame:
    """The apparatus table, indexed by entry id."""
    return table("apparatus", data_dir, bib_path).set_index("id", drop=False)


def witness_text(witness_path: Path | str | None = None) -> str:
    """The witness exactly as it came to the edition."""
    return Path(witness_path or paths.witness_path()).read_bytes().decode("utf-8")


def witness_paragraph(paragraph_id: str) -> str:
    """One unit of the witness by its id: 'infobox' (the ten infobox rows) or 'p1'..'p14'."""
    lines = witness_text().split("\n")
    if paragraph_id == "infobox":
        return "\n".join(lines[:10])
    return lines[9 + int(paragraph_id.removeprefix("p"))]


WITNESS_DIRECTIVE = re.compile(r"^(?::::+|```+)\{(witness|infobox)\}\s*(\d*)", re.MULTILINE)


def paragraph_pages(book_dir: Path | None = None) -> dict[str, str]:
    """Which chapter holds each witness unit: ``{'infobox': 'book/text/01-overview', 'p2': ...}``.

    Read from the chapters' ``{witness} N`` and ``{infobox}`` directives, so a link to a paragraph
    follows the text wherever the editors put it.
    """
    book_dir = Path(book_dir or paths.project_root() / "book")
    pages = {}
    for chapter in sorted((book_dir / "text").glob("*.md")):
        page = f"{book_dir.name}/text/{chapter.stem}"
        for kind, number in WITNESS_DIRECTIVE.findall(chapter.read_text("utf-8")):
            pages["infobox" if kind == "infobox" else f"p{number}"] = page
    return pages
