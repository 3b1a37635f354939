"""Shared fixtures: the built HTML book (made by `make book`, which `make test` runs first)."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from azedition.paths import BUILD_DIR, PROJECT_ROOT

HTML_DIR = BUILD_DIR / "html"


@pytest.fixture(scope="session")
def html_dir() -> Path:
    if not (HTML_DIR / "book" / "index.html").exists():
        pytest.fail("the HTML book is not built: run `make test`, which builds it first")
    return HTML_DIR


@pytest.fixture(scope="session")
def html_pages(html_dir) -> dict[str, BeautifulSoup]:
    """Every page of the book and its notebooks (not Sphinx's search and index pages), parsed."""
    pages = {}
    for path in sorted([*(html_dir / "book").rglob("*.html"), *(html_dir / "notebooks").rglob("*.html")]):
        pages[str(path.relative_to(html_dir))] = BeautifulSoup(path.read_text("utf-8"), "html.parser")
    return pages


@pytest.fixture(scope="session")
def project_root() -> Path:
    return PROJECT_ROOT
