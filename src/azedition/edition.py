"""The edition's own bibliographic facts, read once from the files that hold them.

Every output that names the edition (the TEI header, the citations of every page, the meta tags, the
data package's README) takes them from here, so they cannot drift apart:

- the version is ``pyproject.toml``'s (the one version number of the project);
- the release date of that version, the editors and the licence are ``CITATION.cff``'s (a test checks
  that its ``version`` is ``pyproject.toml``'s and that the file validates against the CFF 1.2.0 schema);
- the title and the published address are ``_config.yml``'s.

The build's own time stamp is something else: :func:`build_date` is the date of the last commit (or
``SOURCE_DATE_EPOCH`` when set), so that two builds of one commit are identical.
"""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import tomllib
from dataclasses import dataclass
from functools import lru_cache

import yaml

from .paths import PROJECT_ROOT

CITATION_FILE = PROJECT_ROOT / "CITATION.cff"
PYPROJECT_FILE = PROJECT_ROOT / "pyproject.toml"
CONFIG_FILE = PROJECT_ROOT / "_config.yml"
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


@lru_cache(maxsize=1)
def edition() -> Edition:
    """The edition's facts (see the module's docstring for which file gives which)."""
    version = tomllib.loads(PYPROJECT_FILE.read_text("utf-8"))["project"]["version"]
    citation = yaml.safe_load(CITATION_FILE.read_text("utf-8"))
    config = yaml.safe_load(CONFIG_FILE.read_text("utf-8"))
    editors = tuple(author.get("name") or f"{author['given-names']} {author['family-names']}"
                    for author in citation["authors"])
    return Edition(title=config["title"], editors=editors, version=version,
                   date_released=str(citation["date-released"]), licence=citation["license"],
                   url=config["html"]["baseurl"], repository=config["repository"]["url"])


def source_date_epoch() -> int:
    """``SOURCE_DATE_EPOCH`` if set, else the time of the last commit, else the CITATION.cff release date."""
    if os.environ.get("SOURCE_DATE_EPOCH", "").isdigit():
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        result = subprocess.run(["git", "-C", str(PROJECT_ROOT), "log", "-1", "--format=%ct"],
                                capture_output=True, text=True, timeout=30, check=True)
        return int(result.stdout.strip())
    except (OSError, subprocess.SubprocessError, ValueError):
        released = dt.date.fromisoformat(edition().date_released)
        return int(dt.datetime(released.year, released.month, released.day, tzinfo=dt.UTC).timestamp())


def build_date() -> str:
    """The ISO date the build stamps on what it writes: the last commit's, so a rebuild is identical."""
    return dt.datetime.fromtimestamp(source_date_epoch(), tz=dt.UTC).date().isoformat()
