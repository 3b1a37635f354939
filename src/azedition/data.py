"""The one loader and validator of the edition's tables in data/: every reader of the data goes through here.

The tables are CSV files described by a Frictionless Data Package, ``data/datapackage.json`` (Table
Schema: field types, ``required``, ``unique``, ``enum``, ``pattern``, ``minimum``/``maximum``, primary
keys and foreign keys). ``azedition.schema`` checks a package against it, one problem a line naming the
file, the row, the column and the rule (the edition's rule for bad input); this module is the interface:
the validated tables as typed DataFrames, cached until a file changes.

The notebooks, the Sphinx extension, the command line (``python -m azedition validate``) and the tests
all call :func:`validate` or :func:`table`; nobody opens a CSV by hand.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import paths, witness
from .schema import (  # noqa: F401 - the loader's interface
    PACKAGE_FILE,
    SOURCE_SEPARATOR,
    Problem,
    Table,
    bibliography_keys,
    check_package,
    markup_problems,
    shown_path,
    split_sources,
)
from .witness import paragraph_pages, witness_paragraph, witness_text  # noqa: F401 - the loader's interface

REGISTER_TABLES = {"person": "persons", "place": "places", "org": "organizations"}


class DataError(Exception):
    """The data does not validate; ``problems`` lists every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))



def _frame(table: Table) -> pd.DataFrame:
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


def _signature(data_dir: Path, bib_path: Path | None, witness_path: Path) -> tuple:
    """What a cached result depends on: every file's size and modification time."""
    files = sorted(data_dir.glob("*.csv")) + [data_dir / PACKAGE_FILE, Path(bib_path or paths.bibliography_path()),
                                             witness_path]
    return tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) if f.exists() else (str(f),) for f in files)


@lru_cache(maxsize=8)
def _checked(data_dir: Path, bib_path: Path | None, witness_path: Path,
             _signature: tuple) -> tuple[dict[str, Table], tuple[Problem, ...]]:
    tables, problems = check_package(data_dir, bib_path, witness_path)
    return tables, tuple(problems)


PathLike = Path | str | None


def _resolve(data_dir: PathLike, bib_path: PathLike,
             witness_path: PathLike) -> tuple[dict[str, Table], tuple[Problem, ...]]:
    """The checked package. The witness defaults to the package folder's own (source/witness.txt), and
    to the project's for a folder without one (a copy of the tables alone)."""
    data_dir = Path(data_dir or paths.data_dir()).resolve()
    bib_path = Path(bib_path).resolve() if bib_path else None
    if witness_path is None:
        witness_path = data_dir / "source" / "witness.txt"
        witness_path = witness_path if witness_path.exists() else paths.witness_path()
    witness_path = Path(witness_path).resolve()
    return _checked(data_dir, bib_path, witness_path, _signature(data_dir, bib_path, witness_path))


# --- the public interface ----------------------------------------------------------------------


def validate(data_dir: PathLike = None, bib_path: PathLike = None, witness_path: PathLike = None) -> list[Problem]:
    """Every problem of the data package in ``data_dir`` (default: the project's data/); [] if it is valid."""
    return list(_resolve(data_dir, bib_path, witness_path)[1])


def table_names(data_dir: Path | str | None = None) -> list[str]:
    """The names of the package's tables, in the descriptor's order."""
    return list(_resolve(data_dir, None, None)[0])


def table(name: str, data_dir: PathLike = None, bib_path: PathLike = None,
          witness_path: PathLike = None) -> pd.DataFrame:
    """A validated, typed table of the package; raises DataError if the package has any problem."""
    tables, problems = _resolve(data_dir, bib_path, witness_path)
    if problems:
        raise DataError(list(problems))
    if name not in tables:
        raise KeyError(f"no table {name!r} in the data package; it has: {', '.join(tables)}")
    return _frame(tables[name])


def register(kind: str, data_dir: PathLike = None, bib_path: PathLike = None,
             witness_path: PathLike = None) -> pd.DataFrame:
    """The register table for a role kind ('person', 'place', 'org'), indexed by key."""
    return table(REGISTER_TABLES[kind], data_dir, bib_path, witness_path).set_index("key", drop=False)


def apparatus(data_dir: PathLike = None, bib_path: PathLike = None, witness_path: PathLike = None) -> pd.DataFrame:
    """The apparatus table, indexed by entry id."""
    return table("apparatus", data_dir, bib_path, witness_path).set_index("id", drop=False)


def __getattr__(name: str) -> tuple[str, ...]:
    """``PARAGRAPH_IDS``: the witness's unit ids (``infobox``, ``p1``..), read from the witness when asked."""
    if name == "PARAGRAPH_IDS":
        return witness.read().unit_ids
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
