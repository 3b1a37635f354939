"""The extension's settings and its warnings.

Where the data package, the witness and the bibliography are comes from the build's configuration
(``azedition_data_dir`` and ``azedition_witness_path``, relative to the configuration folder, and
sphinxcontrib-bibtex's ``bibtex_bibfiles``), never from a global: a small test project or a copy of
the book builds from its own files.

Every warning of the extension is typed ``azedition.<subtype>``, so that it can be named (and, if the
editors ever wished, suppressed) one kind at a time.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import data, witness
from .diplomatic import WITNESS_SHA256
from .edition import Edition, edition

logger = logging.getLogger("azedition")

WARNING_TYPE = "azedition"
# The subtypes of the extension's warnings (``suppress_warnings: ["azedition.unknown-key"]``).
WARNING_SUBTYPES = {
    "unknown-key": "a role names a register or apparatus entry that the data do not hold",
    "apparatus-kind": "an apparatus entry is used by a role of another kind, or has an unknown kind",
    "lemma": "an emendation's text differs from its apparatus lemma",
    "duplicate-target": "two pages define the same register, apparatus or paragraph target",
    "witness-markup": "a {witness} or {infobox} directive's content is not the witness's shape",
    "unresolved": "a mark, mention or paragraph reference has no entry to link to",
    "data": "the data package does not validate",
    "chart": "a {chart} names no registered chart, its notebook is missing, or its figure has no image",
    "witness": "the book's text departs from the witness, or the witness file has changed (azedition.guard)",
    "edition": "the edition's facts (CITATION.cff, pyproject.toml, _config.yml) cannot be read",
    "tei": "the TEI export meets an editorial mark in the witness that it has no encoding for (azedition.tei)",
}


def warn(subtype: str, message: str, *args: Any, location: Any = None) -> None:
    """Log a warning of the extension, typed ``azedition.<subtype>``."""
    assert subtype in WARNING_SUBTYPES, subtype
    logger.warning(message, *args, type=WARNING_TYPE, subtype=subtype, location=location)


def add_config_values(app: Sphinx) -> None:
    """``azedition_data_dir`` and ``azedition_witness_path``: the data package and the witness; the
    witness check's ``azedition_witness_sha256`` and ``azedition_check_witness``."""
    app.add_config_value("azedition_data_dir", "data", "env", types=[str])
    app.add_config_value("azedition_witness_path", "data/source/witness.txt", "env", types=[str])
    # The build's witness check (azedition.guard): the digest the witness file must have ("" for none),
    # and whether the book must hold every unit of the witness (a small test project may hold none).
    app.add_config_value("azedition_witness_sha256", WITNESS_SHA256, "env", types=[str])
    app.add_config_value("azedition_check_witness", True, "env", types=[bool])
    # The open edition's outputs (azedition.authority, .tei, .citation, .downloads, .reproducible): the
    # book's own. A small test project turns them off: the TEI reads the principles page and every
    # chapter, the identifiers read data/wikidata.csv and the places' GeoNames columns, the citations read
    # CITATION.cff and pyproject.toml beside the configuration, which such a project need not hold.
    app.add_config_value("azedition_open_edition", True, "env", types=[bool])


def open_edition_only(handler: Callable[..., Any]) -> Callable[..., None]:
    """An event handler of the open edition's outputs that does nothing while ``azedition_open_edition``
    is off (the handler's first argument is the Sphinx application, as for every event)."""

    @functools.wraps(handler)
    def gated(app: Sphinx, *args: Any) -> None:
        if app.config.azedition_open_edition:
            handler(app, *args)

    return gated


def _confdir(env: BuildEnvironment) -> Path:
    return Path(env.app.confdir)


def data_dir(env: BuildEnvironment) -> Path:
    """The data package's folder (``azedition_data_dir``)."""
    return (_confdir(env) / env.config.azedition_data_dir).resolve()


def witness_path(env: BuildEnvironment) -> Path:
    """The witness file (``azedition_witness_path``)."""
    return (_confdir(env) / env.config.azedition_witness_path).resolve()


def edition_facts(env: BuildEnvironment) -> Edition:
    """The edition's facts (version, date, editors, title, address) from the files in the configuration
    folder; :class:`azedition.edition.EditionFactsError` names the file if one is missing."""
    return edition(_confdir(env))


def bibliography_path(env: BuildEnvironment) -> Path | None:
    """The first file of ``bibtex_bibfiles``: the bibliography that source cells may cite."""
    files = getattr(env.config, "bibtex_bibfiles", None) or []
    return (_confdir(env) / files[0]).resolve() if files else None


def note_data_dependency(env: BuildEnvironment, *tables: str) -> None:
    """The page being read shows (or checks its markup against) these tables: reread it when they or the
    package's descriptor change, so that an incremental build equals a clean one."""
    for name in tables:
        env.note_dependency(str(data_dir(env) / f"{name}.csv"))
    env.note_dependency(str(data_dir(env) / data.PACKAGE_FILE))


def register(env: BuildEnvironment, kind: str) -> pd.DataFrame:
    """The validated register of ``kind`` (person, place, org) from the configured data package."""
    return data.register(kind, data_dir(env), bibliography_path(env), witness_path(env))


def apparatus(env: BuildEnvironment) -> pd.DataFrame:
    """The validated apparatus table from the configured data package."""
    return data.apparatus(data_dir(env), bibliography_path(env), witness_path(env))


def unit_ids(env: BuildEnvironment) -> tuple[str, ...]:
    """The configured witness's unit ids: ``infobox``, ``p1``..``pN``."""
    return witness.read(witness_path(env)).unit_ids
