"""Where the project's files are, resolved once so that no caller builds a path from its own folder."""

from __future__ import annotations

import os
from pathlib import Path

# The package is installed in editable mode from src/, so the project root is two levels above it.
# AZEDITION_ROOT overrides this for an installed copy or a test that works on another tree.
PROJECT_ROOT = Path(os.environ.get("AZEDITION_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJECT_ROOT / "data"
WITNESS_PATH = DATA_DIR / "source" / "witness.txt"
BOOK_DIR = PROJECT_ROOT / "book"
BUILD_DIR = PROJECT_ROOT / "_build"
