"""Weight budgets (make bench measures them too): a chapter page loads at most 800 KiB in at most 30
requests. How long the builds take is measured by `make bench`, not by a timed test; what an incremental
build reads is tests/test_incremental.py's."""

from __future__ import annotations

import re

import pytest

from azedition.paths import BUILD_DIR, PROJECT_ROOT
from tools.bench import CHAPTER_BUDGET_BYTES, CHAPTER_BUDGET_REQUESTS, RESULTS_PATH
from tools.browser import book_pages, is_chapter, load

CHAPTERS = [page for page in book_pages(BUILD_DIR / "html") if is_chapter(page)] or [
    "book/text/01-overview.html"
]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_chapter_page_is_within_weight_budget(page, site_url, chapter):
    loaded = load(page, site_url + chapter)
    assert loaded.bytes > 100 * 1024  # the measure counts what was really fetched
    assert loaded.bytes <= CHAPTER_BUDGET_BYTES, f"{chapter}: {loaded.bytes / 1024:.0f} KiB"
    assert loaded.requests <= CHAPTER_BUDGET_REQUESTS, f"{chapter}: {loaded.requests} requests"


def test_pages_load_nothing_the_edition_does_not_use(page, site_url):
    """MathJax, Thebe, the Font Awesome script and the code-cell helpers stay out of a prose chapter."""
    load(page, site_url + "book/text/01-overview.html")
    loaded = page.evaluate("performance.getEntriesByType('resource').map(entry => entry.name)")
    unused = [
        url
        for url in loaded
        if re.search(
            r"mathjax|thebe|fontawesome\.js|copybutton|clipboard|togglebutton|design-tabs|searchindex",
            url,
            re.I,
        )
    ]
    assert not unused, unused
    assert any("tippy-bundle" in url for url in loaded)  # the hover previews are there


def test_the_technical_appendix_shows_the_bench_table(html_pages):
    assert RESULTS_PATH.read_text("utf-8").startswith("<!-- Written by `make bench`")
    page = html_pages["book/apparatus/technical.html"]
    headers = [th.get_text(strip=True) for th in page.select("article table th")]
    assert "step" in headers and "requests" in headers


def test_binder_installs_the_project_itself_with_no_second_list_of_pins():
    lines = [
        line.strip()
        for line in (PROJECT_ROOT / "binder" / "requirements.txt").read_text("utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert lines == ["-e ."]
    import tomllib

    project = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    runtime = (PROJECT_ROOT / "binder" / "runtime.txt").read_text("utf-8").strip()
    minor = int(runtime.removeprefix("python-3."))
    low, high = (int(v) for v in re.findall(r"3\.(\d+)", project["requires-python"]))
    assert low <= minor < high, (runtime, project["requires-python"])


def test_readme_documents_the_repository_setting():
    readme = (PROJECT_ROOT / "README.md").read_text("utf-8")
    assert "repository:" in readme and "baseurl" in readme and "binder/requirements.txt" in readme
