"""The edition's own bibliographic facts, read once from the files that hold them.

Every output that names the edition (the TEI header, the citations of every page, the meta tags, the
data package's README) takes them from here, so they cannot drift apart:

- the version is ``pyproject.toml``'s (the one version number of the project);
- the release date of that version, the editors and the licence are ``CITATION.cff``'s (a test checks
  that its ``version`` is ``pyproject.toml``'s and that the file validates against the CFF 1.2.0 schema);
- the title and the published address are ``_config.yml``'s.

The files are read in the folder the caller names: the build's configuration folder (``app.confdir``,
through :func:`azedition.config.edition_facts`), or, for the notebooks and the tests, the project's root
found when called (:func:`azedition.paths.project_root`); no path is fixed at import.

The build's own time stamp is something else: :func:`build_date` is the date of the last commit (or
``SOURCE_DATE_EPOCH`` when set), so that two builds of one commit are identical.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from . import paths

# The three files of the edition's facts, in the project's root (the build's configuration folder).
CITATION_NAME = "CITATION.cff"
PYPROJECT_NAME = "pyproject.toml"
CONFIG_NAME = "_config.yml"
LICENCE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
LICENCE_NAME = "Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0)"
WITNESS_TITLE = "Red Army invasion of Azerbaijan"
WITNESS_URL = "https://en.wikipedia.org/wiki/Red_Army_invasion_of_Azerbaijan"


@dataclass(frozen=True)
class Edition:
    title: str
    editors: tuple[str, ...]
    version: str
    date_released: str  # ISO date of this version's release
    licence: str  # SPDX identifier
    url: str  # the published HTML book's address, ending in "/"
    repository: str

    @property
    def year(self) -> str:
        return self.date_released[:4]


class EditionFactsError(ValueError):
    """A file of the edition's facts is missing, unreadable or lacks a field (the message names it)."""


def _field(root: Path, name: str, parse: Callable[[str], Any], *keys: str) -> Any:
    path = root / name
    try:
        value = parse(path.read_text("utf-8"))
        for key in keys:
            value = value[key]
    except OSError as error:
        raise EditionFactsError(f"{path}: the edition's facts cannot be read ({error.strerror})") from None
    except (KeyError, TypeError, ValueError, yaml.YAMLError):
        raise EditionFactsError(f"{path}: the edition's facts lack {'.'.join(keys)}") from None
    return value


def _root(root: Path | None) -> Path:
    """The project's root: the build's configuration folder when given, else :func:`paths.project_root`."""
    return Path(root).resolve() if root is not None else paths.project_root()


def edition(root: Path | None = None) -> Edition:
    """The edition's facts, from the files in ``root`` (the build passes its configuration folder; the
    notebooks and the tests, which have none, the project's root): see the module's docstring for which
    file gives which. Raises :class:`EditionFactsError`, naming the file, if one is missing or incomplete."""
    return _edition(_root(root))


@lru_cache(maxsize=8)
def _edition(root: Path) -> Edition:
    version = _field(root, PYPROJECT_NAME, tomllib.loads, "project", "version")
    authors = _field(root, CITATION_NAME, yaml.safe_load, "authors")
    released = _field(root, CITATION_NAME, yaml.safe_load, "date-released")
    licence = _field(root, CITATION_NAME, yaml.safe_load, "license")
    editors = tuple(author.get("name") or f"{author['given-names']} {author['family-names']}"
                    for author in authors)
    return Edition(title=_field(root, CONFIG_NAME, yaml.safe_load, "title"), editors=editors, version=version,
                   date_released=str(released), licence=licence,
                   url=_field(root, CONFIG_NAME, yaml.safe_load, "html", "baseurl"),
                   repository=_field(root, CONFIG_NAME, yaml.safe_load, "repository", "url"))


def source_date_epoch(root: Path | None = None) -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the time of the last commit of ``root``'s repository, else the
    CITATION.cff release date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    root = _root(root)
    try:
        result = subprocess.run(["git", "-C", str(root), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=30, check=True)
        return int(result.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        released = dt.date.fromisoformat(edition(root).date_released)
        return int(dt.datetime(released.year, released.month, released.day, tzinfo=dt.UTC).timestamp())


def build_date(root: Path | None = None) -> str:
    """The ISO date the build stamps on what it writes: the last commit's, so a rebuild is identical."""
    return dt.datetime.fromtimestamp(source_date_epoch(root), tz=dt.UTC).date().isoformat()
