"""Where the project's files are, for the tools, the tests and the notebooks.

The Sphinx extension does not use this module: it takes its paths from the build's configuration
(``azedition_data_dir``, ``azedition_witness_path``). The notebooks and the command line, which have
no configuration, call :func:`data_dir` and :func:`witness_path`; those read ``AZEDITION_ROOT`` when
they are called (never at import), so that the bench can point a notebook's kernel at a copy of the
project.
"""

from __future__ import annotations

import os
from pathlib import Path

# The package is installed in editable mode from src/, so the project root is two levels above it.
PROJECT_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = PROJECT_ROOT / "data"
WITNESS_PATH = DATA_DIR / "source" / "witness.txt"
BOOK_DIR = PROJECT_ROOT / "book"
BUILD_DIR = PROJECT_ROOT / "_build"


def project_root() -> Path:
    """The project root: ``AZEDITION_ROOT`` if set (a copy of the project), else this checkout."""
    override = os.environ.get("AZEDITION_ROOT")
    return Path(override) if override else PROJECT_ROOT


def data_dir() -> Path:
    """The data package's folder of :func:`project_root`."""
    return project_root() / "data"


def witness_path() -> Path:
    """The witness file of :func:`project_root`."""
    return data_dir() / "source" / "witness.txt"


def bibliography_path() -> Path:
    """The bibliography of :func:`project_root`."""
    return project_root() / "book" / "references.bib"
