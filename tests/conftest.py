"""Shared fixtures: the built HTML book (made by `make book`, which `make test` runs first), and small
Sphinx projects under tests/roots/ for the extension (Sphinx's own test fixtures)."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from azedition.paths import BUILD_DIR, PROJECT_ROOT

HTML_DIR = BUILD_DIR / "html"
ROOTS = Path(__file__).resolve().parent / "roots"
# The small data package, witness and bibliography that the test projects build from.
TEST_DATA = ROOTS / "edition-data"
EDITION_CONF = {
    "azedition_data_dir": str(TEST_DATA),
    "azedition_witness_path": str(TEST_DATA / "source" / "witness.txt"),
    # the build's witness check holds the test witness to its own digest
    "azedition_witness_sha256": hashlib.sha256((TEST_DATA / "source" / "witness.txt").read_bytes()).hexdigest(),
    "bibtex_bibfiles": [str(TEST_DATA / "references.bib")],
}

pytest_plugins = "sphinx.testing.fixtures"


@pytest.fixture(autouse=True)
def stop_helper_processes():
    """sphinx-sitemap starts a multiprocessing manager in every Sphinx app a test makes. Forked while
    Playwright runs, a manager keeps the pipes to Playwright's driver open, so the driver (and with it
    a pytest-xdist worker) never ends: each test's managers are stopped when the test ends."""
    yield
    for child in multiprocessing.active_children():
        child.terminate()
        child.join(timeout=10)


@pytest.fixture(scope="session")
def rootdir() -> Path:
    """Where Sphinx's ``app`` fixture finds ``@pytest.mark.sphinx(testroot=...)``'s projects."""
    return ROOTS


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


# --- the book in a real browser (tests/test_browser.py, test_accessibility.py, test_budgets.py) --------


@pytest.fixture(scope="session")
def site_url(html_dir):
    """_build/html served on 127.0.0.1 at a free port, for the session."""
    from tools.browser import serve

    with serve(html_dir) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (`make test` installs it when missing)."""
    from playwright.sync_api import sync_playwright

    from tools.browser import CHROMIUM, launch

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make test`, which installs Debian's chromium")
    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    """A fresh browser page (light colour scheme, a desktop-sized window), closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light")
    yield context.new_page()
    context.close()


# The modules that take longest, longest first (measured by `pytest --junitxml`, summed per module).
# pytest-xdist hands whole modules to the two workers in the order collected (`--no-loadscope-reorder`:
# by default it would order them by their number of tests, and the guard's five long builds came last,
# one worker building alone for 20 s at the end): longest-processing-time-first scheduling.
LONGEST_FIRST = ["test_accessibility", "test_guard", "test_browser", "test_sidebars", "test_phone",
                 "test_notebooks", "test_lab", "test_first_paint", "test_budgets", "test_reading", "test_tei",
                 "test_reader_aids", "test_pdf", "test_side_notes", "test_directives", "test_figures",
                 "test_notebook_outputs", "test_chart_layout", "test_citation", "test_build_data"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    rank = {name: place for place, name in enumerate(LONGEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))  # stable: a module keeps its order
