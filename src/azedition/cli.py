"""The edition's command line: ``python -m azedition validate [DATA_DIR]``.

On good data it prints one summary line and exits 0. On bad data it prints one line per problem, each
naming the file, the row, the column and the rule broken, then a count, and exits 1. It never shows a
traceback: an unexpected failure is reported in one line with exit status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import data
from .paths import DATA_DIR


def _validate(arguments: argparse.Namespace) -> int:
    data_dir = Path(arguments.data_dir) if arguments.data_dir else DATA_DIR
    if not data_dir.is_dir():
        print(f"{data_dir}: not a folder [rule: data folder]", file=sys.stderr)
        return 1
    problems = data.validate(data_dir)
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} in {data_dir}", file=sys.stderr)
        return 1
    names = data.table_names(data_dir)
    rows = sum(len(data.table(name, data_dir)) for name in names)
    print(f"{data.shown_path(data_dir)}: valid: {len(names)} tables, {rows} rows ({', '.join(names)})")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m azedition", description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    validate = commands.add_parser("validate", help="check the data package against its schema")
    validate.add_argument("data_dir", nargs="?", help="the folder holding datapackage.json (default: data/)")
    arguments = parser.parse_args(argv)
    try:
        return _validate(arguments)
    except Exception as error:  # the promise is one line and no traceback, whatever happens
        print(f"azedition: internal error: {type(error).__name__}: {error}", file=sys.stderr)
        return 2
