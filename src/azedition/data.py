"""The one loader of the edition's tables in data/: every reader of the data goes through here."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .paths import DATA_DIR, WITNESS_PATH

REGISTER_TABLES = {"person": "persons", "place": "places", "org": "organizations"}


def load_table(name: str, data_dir: Path | None = None) -> pd.DataFrame:
    """Read data/<name>.csv as strings, empty cells as empty strings."""
    path = Path(data_dir or DATA_DIR) / f"{name}.csv"
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def register(kind: str, data_dir: Path | None = None) -> pd.DataFrame:
    """The register table for a role kind ('person', 'place', 'org'), indexed by key."""
    return load_table(REGISTER_TABLES[kind], data_dir).set_index("key", drop=False)


def apparatus(data_dir: Path | None = None) -> pd.DataFrame:
    """The apparatus table, indexed by entry id."""
    return load_table("apparatus", data_dir).set_index("id", drop=False)


def witness_text() -> str:
    """The witness exactly as it came to the edition."""
    return WITNESS_PATH.read_bytes().decode("utf-8")
