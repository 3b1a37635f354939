"""The checks of a data package against its Table Schema, one problem a line.

Implements the subset of the Frictionless Table Schema the edition uses (field types, ``required``,
``unique``, ``enum``, ``pattern``, ``minimum``/``maximum``, primary and foreign keys) and the edition's
own rule: a field marked ``"azedition:references": "sources"`` holds witness unit ids (``infobox``,
``p1``.., as ``azedition.witness`` finds them) or keys of the bibliography (read by pybtex), separated
by ``"; "``. Every problem is a :class:`Problem`: file, row, column and rule. ``azedition.data`` is
the interface; this module is its checker.

Data are text: a text cell may mark its words only with the edition's roles (cite, person, place, org,
para, app, term), never with HTML, a script address, a link or a fenced block (:func:`markup_problems`),
since every page, hover preview and export would carry them to the reader.

Why not the ``frictionless`` library itself: tried (5.21) on the same bad inputs, it reports several
errors for one cause (an unbalanced quote, a missing column, a missing referenced table, a blank row in
a keyed table, a repeated key), none for a quote left open to the end of a file, no line for a broken
descriptor or a byte that is not UTF-8, one message for an impossible and a malformed date, and row
positions that are not lines when a cell spans lines.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from dataclasses import dataclass
from pathlib import Path

from . import bibliography, paths, witness

PACKAGE_FILE = "datapackage.json"
SOURCE_SEPARATOR = "; "
INTEGER = re.compile(r"[+-]?[0-9]+")
NUMBER = re.compile(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?")
ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Data are text: a cell may mark its words only with the roles the edition defines, never with HTML or
# links of its own (the pages, the hover previews and any export would carry them to the reader).
EDITION_ROLES = ("cite", "cite:p", "cite:t", "person", "place", "org", "para", "app", "term")
ROLE = re.compile(r"\{(?P<name>[^{}`\s]+)\}`(?P<content>[^`]*)`")
ROLE_TARGET = re.compile(r"\s*<[^<>\s]+>$")  # the `<key>` that ends a role's content
HTML_TAG = re.compile(r"<(?:[/?]?[A-Za-z]|!)|&lt;|&#")
LINK = re.compile(r"\]\(|^\s*\[[^\]]*\]:", re.MULTILINE)
SCRIPT_URL = re.compile(r"(java|vb)script\s*:|data\s*:\s*text/html", re.IGNORECASE)
FENCE = re.compile(r"^\s*(```|:::|~~~)", re.MULTILINE)
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



# --- reading -----------------------------------------------------------------------------------


def shown_path(path: Path) -> str:
    """The path as a reader of the message knows it: relative to the working folder when possible."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def bibliography_keys(bib_path: Path | str | None = None) -> frozenset[str]:
    """The keys of the edition's bibliography (default: the project's book/references.bib)."""
    return bibliography.keys(bib_path or paths.bibliography_path())


def _read_package(data_dir: Path) -> tuple[dict | None, list[Problem]]:
    path = data_dir / PACKAGE_FILE
    shown = shown_path(path)
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
    shown = shown_path(path)
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


def markup_problems(value: str) -> list[tuple[str, str]]:
    """(rule, message) for each piece of markup in a text cell that is not one of the edition's roles."""
    broken = []
    for role in ROLE.finditer(value):
        if role["name"] not in EDITION_ROLES:
            broken.append(("edition roles", f"the role {{{role['name']}}} is not one of the edition's: "
                           + ", ".join(f"{{{name}}}" for name in EDITION_ROLES)))
    # A role's own `<key>` is the edition's markup; whatever else has angle brackets is HTML.
    text = ROLE.sub(lambda role: ROLE_TARGET.sub("", role["content"]), value)
    tag = HTML_TAG.search(text)
    if tag:
        shown = text[tag.start():tag.start() + 24]
        broken.append(("no html", f"HTML in a text cell ({shown!r}): data are text; write the words, "
                       "and mark them only with the edition's roles"))
    if SCRIPT_URL.search(value):
        broken.append(("no script url", "a javascript:, vbscript: or data:text/html address: data never "
                       "carry code"))
    if LINK.search(text):
        broken.append(("no links", "a Markdown link in a text cell: name a work with {cite}, a paragraph with "
                       "{para}, an entry with {app}"))
    if FENCE.search(value):
        broken.append(("no directives", "a fenced block (``` or :::) in a text cell: data are text"))
    return broken


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
    broken = markup_problems(value) if kind == "string" else []
    for bound, rule, fails in (("minimum", "minimum", lambda v, b: v < b), ("maximum", "maximum", lambda v, b: v > b)):
        if bound in constraints:
            limit = _cast(str(constraints[bound]), kind)
            if fails(typed, limit):
                side = "below" if rule == "minimum" else "above"
                broken.append((f"{rule} {constraints[bound]}", f"{value!r} is {side} the {rule} {constraints[bound]}"))
    if "enum" in constraints and value not in constraints["enum"]:
        broken.append(("enum", f"{value!r} is not one of: {', '.join(map(str, constraints['enum']))}"))
    if "pattern" in constraints and not re.fullmatch(constraints["pattern"], value):
        broken.append(("pattern", f"{value!r} does not match the pattern {constraints['pattern']}"))
    return broken


# --- the whole package -------------------------------------------------------------------------


@dataclass
class Table:
    name: str
    shown: str
    fields: list[dict]
    schema: dict
    rows: list[tuple[int, int, dict[str, str]]]
    readable: bool = True  # False if the file is missing, not UTF-8, or its header is wrong


def check_package(data_dir: Path, bib_path: Path | None,
                   witness_path: Path) -> tuple[dict[str, Table], list[Problem]]:
    package, problems = _read_package(data_dir)
    if package is None:
        return {}, problems
    tables: dict[str, Table] = {}
    for resource in package["resources"]:
        schema = resource["schema"]
        fields = schema["fields"]
        names = [field["name"] for field in fields]
        path = data_dir / resource["path"]
        rows, file_problems = _read_rows(path, names)
        problems += file_problems
        table = Table(resource["name"], shown_path(path), fields, schema, [],
                       readable=not any(p.rule in UNREADABLE for p in file_problems))
        tables[table.name] = table
        for number, line, cells in rows:
            record = dict(zip(names, cells, strict=True))
            table.rows.append((number, line, record))
            for field in fields:
                for rule, message in _check_cell(record[field["name"]], field):
                    problems.append(Problem(table.shown, number, field["name"], rule, message, line))
        problems += _check_keys(table)
    problems += _check_foreign_keys(tables)
    problems += _check_sources(tables, bib_path, witness_path)
    return tables, problems


def _check_keys(table: Table) -> list[Problem]:
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


def _check_foreign_keys(tables: dict[str, Table]) -> list[Problem]:
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


def _check_sources(tables: dict[str, Table], bib_path: Path | None, witness_path: Path) -> list[Problem]:
    """Source cells must name witness paragraphs or works of the bibliography."""
    problems = []
    keys = None
    if not witness_path.exists():
        return [Problem(shown_path(witness_path), None, None, "missing witness", "the witness file is missing")]
    units = witness.read(witness_path)
    for table in tables.values():
        for field in table.fields:
            if field.get("azedition:references") != "sources":
                continue
            if keys is None:
                bib = Path(bib_path or paths.bibliography_path())
                if not bib.exists():
                    return [Problem(shown_path(bib), None, None, "missing bibliography", "the bibliography is missing")]
                keys = bibliography_keys(bib)
            for number, line, record in table.rows:
                value = record[field["name"]]
                if not value:
                    continue
                for token in split_sources(value):
                    if token not in units.unit_ids and token not in keys:
                        problems.append(Problem(
                            table.shown, number, field["name"], "source reference",
                            f"{token!r} is neither a witness paragraph id ({units.describe_ids()}) "
                            f"nor a key of book/references.bib", line))
    return problems



def split_sources(cell: str) -> list[str]:
    """The sources named in a ``source`` cell, in order: witness unit ids and bibliography keys."""
    return [item.strip() for item in cell.split(SOURCE_SEPARATOR) if item.strip()]
