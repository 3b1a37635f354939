"""Weight budgets (make bench measures them too): a chapter, notebook or register page loads at most
500 KiB in at most 30 requests. How long the builds take is measured by `make bench`, not by a timed
test; what an incremental build reads is tests/test_incremental.py's. Lighthouse's scores (performance
at least 0.90, accessibility 1.00) are measured by `make bench` too: a timed score on a shared machine is
no test."""

from __future__ import annotations

import re

import pytest

from azedition.paths import BUILD_DIR, PROJECT_ROOT
from tools.bench import CHAPTER_BUDGET_BYTES, CHAPTER_BUDGET_REQUESTS, RESULTS_PATH
from tools.browser import load, load_side_by_side
from tools.lighthouse import budgeted_pages

BUDGETED = budgeted_pages(BUILD_DIR / "html") or ["book/text/01-overview.html"]


def test_the_budgets_cover_chapters_notebooks_and_registers():
    assert sum(page.startswith("book/text/") for page in BUDGETED) == 8
    assert sum(page.startswith("notebooks/") for page in BUDGETED) == 3
    assert "book/apparatus/places.html" in BUDGETED


@pytest.fixture(scope="module")
def budgeted_pages_loaded(browser, site_url):
    """Each budgeted page loaded until its network is idle, in a fresh context (nothing cached), side by side."""
    with load_side_by_side(browser, [site_url + path for path in BUDGETED], until_idle=True,
                           viewport={"width": 1280, "height": 900}) as loaded:
        return {url.removeprefix(site_url): record for url, (_page, record) in loaded.items()}


@pytest.mark.parametrize("chapter", BUDGETED)
def test_page_is_within_weight_budget(budgeted_pages_loaded, chapter):
    loaded = budgeted_pages_loaded[chapter]
    assert loaded.bytes > 100 * 1024  # the measure counts what was really fetched
    assert loaded.bytes <= CHAPTER_BUDGET_BYTES, f"{chapter}: {loaded.bytes / 1024:.0f} KiB"
    assert loaded.requests <= CHAPTER_BUDGET_REQUESTS, f"{chapter}: {loaded.requests} requests"


def test_pages_load_nothing_the_edition_does_not_use(page, site_url):
    """MathJax, Thebe, the Font Awesome script and the code-cell helpers stay out of a prose chapter."""
    load(page, site_url + "book/text/01-overview.html", until_idle=True)
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
    # the hover previews are there, fetched when the reader first points at a link (azedition.speed)
    assert not any("tippy-bundle" in url for url in loaded), "the previews were fetched before they were wanted"
    page.locator("article a.reference.internal").first.hover()
    page.wait_for_function(
        "performance.getEntriesByType('resource').some(entry => entry.name.includes('tippy-bundle'))")


def test_the_theme_scripts_wait_for_the_first_paint(page, site_url):
    """bootstrap.js and pydata-sphinx-theme.js are not fetched with the page (they would delay its largest
    paint) but once it is drawn; then the theme's own handlers are there (window.bootstrap)."""
    load(page, site_url + "book/text/01-overview.html", until_idle=True)
    scripts = page.evaluate("""() => performance.getEntriesByType('resource').filter(entry =>
        /bootstrap[.]js|pydata-sphinx-theme[.]js/.test(entry.name)).map(entry => entry.startTime)""")
    painted = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0].startTime")
    assert len(scripts) == 2 and min(scripts) >= painted, (scripts, painted)
    page.wait_for_function("typeof window.bootstrap?.Tooltip === 'function'")  # fetched, then run


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


def test_the_bench_table_renders_weights_and_scores_as_two_tables():
    """`make bench` is not run by the suite; its table writer is: one table of weights and axe results
    for every page, one of Lighthouse's scores for the budgeted pages alone."""
    from tools.bench import BuildTimes, PageRow, render

    builds = BuildTimes(50.0, 0.02, 15.0, 18.0, "", "")
    scores = {"performance": 0.95, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
    pages = [PageRow("book/text/01-overview.html", 320 * 1024, 16, {"light": (0, 28), "dark": (0, 28)}, scores),
             PageRow("book/index.html", 290 * 1024, 16, {"light": (0, 25), "dark": (0, 25)})]
    table = render(builds, [("chronology.ipynb", 6.0)], 53.0, "", pages, [1.0, 2.0])
    assert table.count("```{table}") == 2
    weights, lighthouse = table.split("| page (Lighthouse) |")
    assert "| book/index | 290 | 16 | (no budget) | 0 (25) | 0 (25) |" in weights
    assert "| book/text/01-overview | 320 | 16 | yes |" in weights
    assert "| book/text/01-overview | 0.95 | 1.00 | 1.00 | 1.00 |" in lighthouse
    assert "book/index" not in lighthouse


def test_the_bench_names_each_budget_a_page_misses():
    """`make bench` fails on a missed budget, naming the page and the number: a heavy page, too many
    requests, Lighthouse's performance under 0.90, its accessibility under 1.00; other pages have none."""
    from tools.bench import PageRow, over_budget

    axe = {"light": (0, 28), "dark": (0, 28)}
    good = {"performance": 0.93, "accessibility": 1.0, "best-practices": 1.0, "seo": 1.0}
    assert over_budget(PageRow("book/text/01-overview.html", 320 * 1024, 16, axe, good)) == []
    slow = {**good, "performance": 0.89, "accessibility": 0.96}
    misses = over_budget(PageRow("book/text/01-overview.html", 501 * 1024, 31, axe, slow))
    assert misses == ["501 KiB (budget 500)", "31 requests (budget 30)",
                      "Lighthouse performance 0.89 (budget 0.90)", "Lighthouse accessibility 0.96 (budget 1.00)"]
    assert over_budget(PageRow("book/index.html", 900 * 1024, 40, axe, slow)) == []
