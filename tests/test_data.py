"""The data package: the loader on good data, and the validator (and its command line) on every bad input."""

import io
import json
import os
import re
import shutil
import subprocess
import sys
from contextlib import redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest

from azedition import cli, data
from azedition.paths import DATA_DIR, PROJECT_ROOT

FACT_TABLES = ["congress", "membership", "order_of_battle", "strength", "chronology"]
PROBLEM_LINE = re.compile(r"^\S.*?(, row \d+ \(line \d+\))?(, line \d+)?(, column '[^']+')?: .+ \[rule: [^\]]+\]$")

# the package's tables, as its descriptor lists them
TABLE_COUNT = len(json.loads((DATA_DIR / "datapackage.json").read_text("utf-8"))["resources"])


@dataclass
class CliResult:
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path = PROJECT_ROOT) -> CliResult:
    """``python -m azedition ARGS`` run in this process (its messages name files relative to ``cwd``)."""
    stdout, stderr, previous = io.StringIO(), io.StringIO(), Path.cwd()
    os.chdir(cwd)
    try:
        with redirect_stdout(stdout), redirect_stderr(stderr):
            try:
                code = cli.main(list(args))
            except SystemExit as exit_:  # argparse's own errors
                code = exit_.code
    finally:
        os.chdir(previous)
    return CliResult(code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A copy of data/ (without the witness) that a test may break."""
    copy = tmp_path / "data"
    shutil.copytree(DATA_DIR, copy, ignore=shutil.ignore_patterns("source"))
    return copy


def edit(path: Path, old: str, new: str, count: int = 1):
    text = path.read_text("utf-8")
    assert text.count(old) >= count, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, count), "utf-8")


# --- good data ---------------------------------------------------------------------------------


def test_the_project_data_is_valid():
    assert data.validate() == []


def test_the_command_runs_as_a_module():
    """The one test that starts `python -m azedition validate` as the reader does, in its own process."""
    result = subprocess.run([sys.executable, "-m", "azedition", "validate"], capture_output=True, text=True,
                            cwd=PROJECT_ROOT, timeout=120)
    assert result.returncode == 0 and result.stdout.startswith(f"data: valid: {TABLE_COUNT} tables"), result.stderr


def test_cli_on_good_data_exits_0_with_one_summary_line():
    result = run_cli("validate")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and f"valid: {TABLE_COUNT} tables" in lines[0]


def test_cli_takes_the_data_folder_as_argument(data_copy):
    result = run_cli("validate", str(data_copy), cwd=data_copy.parent)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("data: valid")


def test_tables_are_typed_from_the_schema():
    congress = data.table("congress")
    assert str(congress["delegates"].dtype) == "Int64"
    assert int(congress["delegates"].sum()) == 150
    chronology = data.table("chronology")
    assert pd.api.types.is_datetime64_any_dtype(chronology["date"])
    units = data.table("order_of_battle")
    assert str(units["strength"].dtype) == "Int64"
    assert units["strength"].isna().sum() == len(units) - 1  # only the 11th Army has a number


def test_register_and_apparatus_still_serve_the_extension():
    assert data.register("person").loc["khoyski", "name"] == "Fatali Khan Khoyski"
    assert "lacuna-directive-490" in data.apparatus().index
    assert data.witness_text().startswith("Conflict: | ")


def test_paragraph_ids_are_the_witness_units():
    lines = data.witness_text().split("\n")
    assert len(data.PARAGRAPH_IDS) == 1 + len(lines) - 10
    assert data.witness_paragraph("p5").startswith("During this time, the AzCP")
    schema = json.loads((DATA_DIR / "datapackage.json").read_text("utf-8"))
    apparatus = next(r for r in schema["resources"] if r["name"] == "apparatus")
    paragraph = next(f for f in apparatus["schema"]["fields"] if f["name"] == "paragraph")
    assert paragraph["constraints"]["enum"] == list(data.PARAGRAPH_IDS)


def test_every_fact_row_names_a_source_and_a_qualifier():
    schema = json.loads((DATA_DIR / "datapackage.json").read_text("utf-8"))
    for resource in schema["resources"]:
        if resource["name"] not in FACT_TABLES:
            continue
        fields = {f["name"]: f for f in resource["schema"]["fields"]}
        assert fields["source"]["constraints"]["required"] and fields["source"]["azedition:references"] == "sources"
        assert fields["qualifier"]["constraints"]["enum"] == ["exact", "at least", "about", "derived"]
    for name in FACT_TABLES:
        table = data.table(name)
        assert (table["source"] != "").all() and (table["qualifier"] != "").all(), name


def test_the_unconfirmed_order_of_battle_says_so():
    units = data.table("order_of_battle").set_index("unit")
    for unit in ("rifle-26", "rifle-28", "rifle-32", "eleventh-army"):
        assert units.loc[unit, "corroboration"] == "witness only"
    assert units.loc["cavalry-2", "corroboration"] == "second source"
    assert units.loc["eleventh-army", "qualifier"] == "at least"  # "over 30,000"


def test_witness_figures_are_in_the_witness():
    """Each number a fact table takes from a paragraph is written in that paragraph."""
    for _, row in data.table("congress").iterrows():
        assert str(row["delegates"]) in data.witness_paragraph(row["source"])
    membership = data.table("membership").iloc[0]
    assert f"{int(membership['members']):,}" in data.witness_paragraph(membership["source"])
    eleventh = data.table("order_of_battle").set_index("unit").loc["eleventh-army"]
    assert f"over {int(eleventh['strength']):,}" in data.witness_paragraph(eleventh["source"])


# --- bad data: every case of the issue, through the command line --------------------------------

BAD_INPUTS = {
    "missing table": (
        lambda d: (d / "congress.csv").unlink(),
        "congress.csv: the table is missing [rule: missing table]"),
    "missing referenced table": (
        lambda d: (d / "organizations.csv").unlink(),
        "organizations.csv: the table is missing [rule: missing table]"),
    "unreadable referenced table": (
        lambda d: edit(d / "organizations.csv", "adalat,Adalat,", 'adalat,"Adalat,'),
        "organizations.csv, row "),  # the open quote runs to the end: one line, no cascade of unknown keys
    "missing column": (
        lambda d: (d / "membership.csv").write_text(
            "\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != 5)
                      for line in ["id,organization,date,date_precision,members,qualifier,source,note",
                                   "azcp-1920-04,azcp,1920-04-30,late month,4000,about,p5,x"]) + "\n", "utf-8"),
        "membership.csv, line 1, column 'qualifier': the schema's column is not in the header [rule: missing column]"),
    "extra column": (
        lambda d: (d / "congress.csv").write_text(
            "".join(line + (",comment\n" if i == 0 else ",\n")
                    for i, line in enumerate((d / "congress.csv").read_text("utf-8").splitlines())), "utf-8"),
        "congress.csv, line 1, column 'comment': the header has a column the schema does not describe "
        "[rule: extra column]"),
    "non-number count": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,30,", "adalat,Adalat,adalat,thirty,"),
        "congress.csv, row 3 (line 4), column 'delegates': 'thirty' is not an integer [rule: type integer]"),
    "negative count": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,30,", "adalat,Adalat,adalat,-30,"),
        "congress.csv, row 3 (line 4), column 'delegates': '-30' is below the minimum 0 [rule: minimum 0]"),
    "empty required field": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,30,exact,p2,", "adalat,Adalat,adalat,30,,p2,"),
        "congress.csv, row 3 (line 4), column 'qualifier': the field is required but empty [rule: required]"),
    "duplicate key": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,", "himmat,Adalat,adalat,"),
        "congress.csv, row 3 (line 4), column 'group': 'himmat' repeats row 1 [rule: primary key]"),
    "unknown foreign key": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,", "adalat,Adalat,adalet,"),
        "congress.csv, row 3 (line 4), column 'organization': 'adalet' is not a key of organizations "
        "[rule: foreign key organizations.key]"),
    "unknown paragraph id": (
        lambda d: edit(d / "chronology.csv", "Lenin's telegram to the Revolutionary Military Council of the "
                       "Caucasian Front,p7,", "Lenin's telegram to the Revolutionary Military Council of the "
                       "Caucasian Front,p15,"),
        "chronology.csv, row 4 (line 5), column 'paragraph': 'p15' is not one of: infobox, p1, p2"),
    "unknown paragraph id in a source": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,30,exact,p2,", "adalat,Adalat,adalat,30,exact,p20,"),
        "congress.csv, row 3 (line 4), column 'source': 'p20' is neither a witness paragraph id (p1..p14, "
        "infobox) nor a key of book/references.bib [rule: source reference]"),
    "unknown bibliography key": (
        lambda d: edit(d / "chronology.csv", ",kvashonkin1996bolshevistskoe,", ",kvashonkin1997,"),
        "chronology.csv, row 5 (line 6), column 'source': 'kvashonkin1997' is neither"),
    "impossible date": (
        lambda d: edit(d / "chronology.csv", "1920-03-17", "1920-02-30"),
        "chronology.csv, row 4 (line 5), column 'date': '1920-02-30' is not a date that exists [rule: type date]"),
    "out-of-range date": (
        lambda d: edit(d / "chronology.csv", "1920-05-12", "1920-06-12"),
        "chronology.csv, row 19 (line 20), column 'date': '1920-06-12' is above the maximum 1920-05-31 "
        "[rule: maximum 1920-05-31]"),
    "malformed date": (
        lambda d: edit(d / "chronology.csv", "1920-03-17", "17 March 1920"),
        "chronology.csv, row 4 (line 5), column 'date': '17 March 1920' is not a date in the form YYYY-MM-DD "
        "[rule: type date]"),
    "ragged row": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,30,exact,p2,", "adalat,Adalat,adalat,30,exact,p2,x,"),
        "congress.csv, row 3 (line 4): 8 cells where the header has 7 [rule: ragged row]"),
    "blank row": (
        lambda d: edit(d / "congress.csv", "\nadalat,", "\n\nadalat,"),
        "congress.csv, row 3 (line 4): an empty line inside the table [rule: blank row]"),
    "unbalanced quote": (
        lambda d: edit(d / "congress.csv", "adalat,Adalat,adalat,30,", 'adalat,"Adalat,adalat,30,'),
        "congress.csv, row 3 (line 4): ',' expected after '\"' [rule: csv syntax]"),
    "bytes that are not UTF-8": (
        lambda d: (d / "congress.csv").write_bytes(
            (d / "congress.csv").read_bytes().replace(b"Adalat,adalat", "Ad\xe2lat,adalat".encode("latin-1"))),
        "congress.csv, line 4: byte 0xe2 at offset"),
    "missing descriptor": (
        lambda d: (d / "datapackage.json").unlink(),
        "datapackage.json: the data package descriptor is missing [rule: missing package]"),
    "broken descriptor": (
        lambda d: edit(d / "datapackage.json", '"resources": [', '"resources": [,'),
        "datapackage.json, line "),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_cli_reports_each_bad_input_in_one_line_and_fails(case, data_copy):
    break_data, expected = BAD_INPUTS[case]
    break_data(data_copy)
    result = run_cli("validate", str(data_copy), cwd=data_copy.parent)
    assert result.returncode == 1, (result.stdout, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr
    problems = result.stderr.splitlines()[:-1]
    assert result.stderr.splitlines()[-1].endswith(f"in {data_copy}")
    assert len(problems) == 1, result.stderr  # one problem, one line: no cascade of follow-on errors
    assert problems[0].startswith("data/") and expected in problems[0], problems[0]
    assert PROBLEM_LINE.match(problems[0]), problems[0]


def test_several_problems_are_all_reported(data_copy):
    edit(data_copy / "congress.csv", "adalat,Adalat,adalat,30,", "adalat,Adalat,adalat,-30,")
    edit(data_copy / "chronology.csv", "1920-03-17", "1920-02-30")
    result = run_cli("validate", str(data_copy), cwd=data_copy.parent)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1].startswith("2 problems in ")


def test_a_missing_data_folder_is_one_line(tmp_path):
    result = run_cli("validate", str(tmp_path / "nowhere"))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.strip().endswith("not a folder [rule: data folder]")


def test_the_loader_refuses_bad_data(data_copy):
    edit(data_copy / "congress.csv", "adalat,Adalat,adalat,30,", "adalat,Adalat,adalat,-30,")
    with pytest.raises(data.DataError) as error:
        data.table("congress", data_copy)
    assert [p.rule for p in error.value.problems] == ["minimum 0"]
    assert error.value.problems[0].row == 3 and error.value.problems[0].column == "delegates"


# --- data are text: markup in a cell is refused --------------------------------------------------

INJECTIONS = {
    "script element": ("<script>alert(1)</script>", "no html"),
    "onerror attribute": ('<img src="x" onerror="alert(1)">', "no html"),
    "javascript: link": ("[read more](javascript:alert(1))", "no script url"),
}


def text_columns(package: dict) -> list[tuple[str, str, str]]:
    """(table, file, column) for every free-text column: a string without a pattern or a list of values."""
    return [(resource["name"], resource["path"], field["name"])
            for resource in package["resources"] for field in resource["schema"]["fields"]
            if field.get("type", "string") == "string"
            and not {"pattern", "enum"} & set(field.get("constraints", {}))]


def inject_into_first_row(path: Path, column: str, payload: str):
    import csv

    rows = list(csv.reader(path.read_text("utf-8").splitlines(keepends=False)))
    index = rows[0].index(column)
    rows[1][index] = (rows[1][index] + " " + payload).strip()
    with path.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out, lineterminator="\n").writerows(rows)


@pytest.mark.parametrize("injection", list(INJECTIONS))
def test_markup_in_any_text_cell_is_refused_in_one_line(injection, data_copy):
    payload, rule = INJECTIONS[injection]
    columns = text_columns(json.loads((data_copy / "datapackage.json").read_text("utf-8")))
    assert len(columns) >= 20  # names, identifications, lemmas, readings, notes, events, ...
    for _table, file, column in columns:
        inject_into_first_row(data_copy / file, column, payload)
    problems = data.validate(data_copy)
    refused = {(Path(p.file).name, p.column) for p in problems if p.rule == rule and p.row == 1}
    assert refused == {(file, column) for _table, file, column in columns}
    for problem in problems:
        assert "\n" not in str(problem) and PROBLEM_LINE.match(str(problem)), str(problem)


def test_the_command_line_names_file_row_column_and_rule_of_html(data_copy):
    inject_into_first_row(data_copy / "apparatus.csv", "note", '<img src="x" onerror="alert(1)">')
    result = run_cli("validate", str(data_copy), cwd=data_copy.parent)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    first = result.stderr.splitlines()[0]
    assert first.startswith("data/apparatus.csv, row 1 (line 2), column 'note': HTML in a text cell")
    assert first.endswith("[rule: no html]")


def test_the_edition_roles_pass_and_other_markup_does_not():
    assert data.markup_problems("{person}`Khoyski <khoyski>` and {cite:p}`swietochowski1985russian`, "
                                "{para}`3`; a < b") == []
    assert [rule for rule, _ in data.markup_problems("{raw}`x`")] == ["edition roles"]
    assert [rule for rule, _ in data.markup_problems("{person}`<b>Khoyski</b> <khoyski>`")] == ["no html"]
    assert [rule for rule, _ in data.markup_problems("<!-- hidden -->")] == ["no html"]
    assert [rule for rule, _ in data.markup_problems("```{raw} html\n<b>\n```")] == ["no html", "no directives"]
