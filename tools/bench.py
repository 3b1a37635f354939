"""`make bench`: how fast the edition builds and how heavy its pages are for a reader's browser.

Works on a fresh copy of the project in a temporary folder (the book's sources, the Makefile, and a
link to the project's .venv), so that the clean build is really clean and the worktree's _build is
left alone. It measures, with the project's own commands:

- the clean build (`make book` with no _build), the no-change rebuild (`make book` again: make finds
  the HTML up to date) and Jupyter Book's own no-change run (`jupyter-book build`, which starts Sphinx
  to find nothing to do), the rebuild after one chapter is edited (`make book`);
- the execution of each notebook in a real kernel (nbclient), when the project has notebooks;
- the PDF build (`make pdf`), when the Makefile has one;
- for every page, the bytes and requests that Chromium loads (tools.browser), and axe-core's
  WCAG 2.2 AA verdict in light and dark mode;
- for every chapter, notebook and register page, Lighthouse's four scores (tools.lighthouse: mobile
  preset, Debian's Chromium, the page served by Python's http.server as `make serve` does), with the
  budgets of performance at least 0.90 and accessibility 1.00.

It writes the results as Markdown to book/apparatus/bench-results.md, which the technical appendix
(book/apparatus/technical.md) includes; the budgets it checks are those that tests/test_budgets.py
enforces.
"""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from azedition.paths import BOOK_DIR, PROJECT_ROOT
from tools.lighthouse import LighthouseError

RESULTS_PATH = BOOK_DIR / "apparatus" / "bench-results.md"
COPIED = ["book", "data", "notebooks", "src", "_config.yml", "_toc.yml", "Makefile", "pyproject.toml", "CITATION.cff"]
EDITED_CHAPTER = Path("book/text/05-oil-and-moscow.md")
KIB = 1024
# A chapter, notebook or register page loads at most this much (stylesheets pruned: azedition.speed).
CHAPTER_BUDGET_BYTES = 500 * KIB
CHAPTER_BUDGET_REQUESTS = 30
NO_CHANGE_BUDGET = 0.1  # a no-change rebuild takes at most this fraction of a clean build


class BenchError(RuntimeError):
    """A measured command failed; the message names it."""


def copy_project(destination: Path) -> Path:
    """A copy of the project's sources at destination, using the project's installed .venv."""
    for part in COPIED:
        source = PROJECT_ROOT / part
        if source.is_dir():
            shutil.copytree(
                source,
                destination / part,
                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.egg-info"),
            )
        elif source.exists():
            shutil.copy2(source, destination / part)  # keeps mtimes: make sees .venv as up to date
    (destination / ".venv").symlink_to(PROJECT_ROOT / ".venv")
    return destination


def _environment(root: Path) -> dict[str, str]:
    return dict(os.environ, AZEDITION_ROOT=str(root))


def timed(command: list[str], root: Path) -> tuple[float, str]:
    """Run command in root; return the wall-clock seconds and its output. Raise if it fails."""
    start = time.perf_counter()
    result = subprocess.run(command, cwd=root, env=_environment(root), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(
            f"`{' '.join(command)}` failed in {root} (exit {result.returncode}): "
            f"{(result.stdout + result.stderr)[-2000:]}"
        )
    return seconds, result.stdout + result.stderr


JUPYTER_BOOK_BUILD = [
    str(Path(sys.executable).with_name("jupyter-book")),
    "build",
    ".",
    "--builder",
    "html",
    "-W",
    "-n",
    "--keep-going",
]


@dataclass
class BuildTimes:
    clean: float
    no_change_make: float
    no_change_jupyter_book: float
    one_chapter_edited: float
    jupyter_book_no_change_output: str
    one_chapter_output: str


def measure_builds(root: Path) -> BuildTimes:
    """Clean build, no-change rebuilds and a one-chapter rebuild of the project copied at root."""
    clean, _ = timed(["make", "book"], root)
    no_change_make, _ = timed(["make", "book"], root)
    no_change_jupyter_book, jb_output = timed(JUPYTER_BOOK_BUILD, root)
    chapter = root / EDITED_CHAPTER
    chapter.write_text(chapter.read_text("utf-8") + "\n% bench: one chapter edited\n", "utf-8")
    one_chapter, chapter_output = timed(["make", "book"], root)
    return BuildTimes(clean, no_change_make, no_change_jupyter_book, one_chapter, jb_output, chapter_output)


def execute_notebooks(root: Path) -> list[tuple[str, float]]:
    """Each notebook executed top to bottom in a real kernel: (name, seconds)."""
    import nbformat
    from nbclient import NotebookClient

    times = []
    os.environ["AZEDITION_ROOT"] = str(root)  # the kernel inherits it: notebooks read the copy's data
    for path in sorted((root / "notebooks").glob("*.ipynb")):
        notebook = nbformat.read(path, as_version=4)
        client = NotebookClient(
            notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        )
        start = time.perf_counter()
        client.execute()
        times.append((path.name, time.perf_counter() - start))
    return times


def has_make_target(root: Path, target: str) -> bool:
    """True when the Makefile has a rule for target (not just a .PHONY name)."""
    result = subprocess.run(["make", "-n", target], cwd=root, capture_output=True, text=True)
    return result.returncode == 0 and "Nothing to be done" not in result.stdout + result.stderr


@dataclass
class PageRow:
    page: str
    bytes: int
    requests: int
    axe: dict[str, tuple[int, int]]  # colour mode -> (violations, rules passed), WCAG 2.2 A and AA
    lighthouse: dict[str, float] | None = None  # Lighthouse's four scores, for the budgeted pages


def weigh_pages(html_dir: Path) -> list[PageRow]:
    """Every page of the built book as Chromium loads it (bytes, requests), and axe-core's verdict on
    it in light and in dark mode."""
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    from tools.browser import WCAG_22_AA, book_pages, launch, load, serve

    axe, rows = Axe(), []
    with serve(html_dir) as base_url, sync_playwright() as playwright:
        browser = launch(playwright)
        for page_path in book_pages(html_dir):
            row = PageRow(page_path, 0, 0, {})
            for mode in ("light", "dark"):
                context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=mode)
                page = context.new_page()
                loaded = load(page, base_url + page_path, until_idle=True)
                if mode == "light":
                    row.bytes, row.requests = loaded.bytes, loaded.requests
                result = axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}}).response
                row.axe[mode] = (sum(len(v["nodes"]) for v in result["violations"]), len(result["passes"]))
                context.close()
            rows.append(row)
        browser.close()
    return rows


def over_budget(row: PageRow) -> list[str]:
    """How a chapter, notebook or register page misses its budgets (none for the other pages)."""
    from tools.lighthouse import ACCESSIBILITY_BUDGET, PERFORMANCE_BUDGET, is_budgeted

    if not is_budgeted(row.page):
        return []
    misses = []
    if row.bytes > CHAPTER_BUDGET_BYTES:
        misses.append(f"{row.bytes / KIB:.0f} KiB (budget {CHAPTER_BUDGET_BYTES // KIB})")
    if row.requests > CHAPTER_BUDGET_REQUESTS:
        misses.append(f"{row.requests} requests (budget {CHAPTER_BUDGET_REQUESTS})")
    if row.lighthouse is not None and row.lighthouse["performance"] < PERFORMANCE_BUDGET:
        misses.append(f"Lighthouse performance {row.lighthouse['performance']:.2f} (budget {PERFORMANCE_BUDGET:.2f})")
    if row.lighthouse is not None and row.lighthouse["accessibility"] < ACCESSIBILITY_BUDGET:
        misses.append(f"Lighthouse accessibility {row.lighthouse['accessibility']:.2f} "
                      f"(budget {ACCESSIBILITY_BUDGET:.2f})")
    return misses


def _seconds(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.2f} s"


def render(
    builds: BuildTimes,
    notebooks: list[tuple[str, float]],
    pdf_seconds: float | None,
    pdf_note: str,
    pages: list[PageRow],
    lighthouse_loads: list[float] | None = None,
) -> str:
    from tools.lighthouse import CATEGORIES, PERFORMANCE_BUDGET, RUNS, is_budgeted

    ratio = builds.no_change_make / builds.clean
    jb_ratio = builds.no_change_jupyter_book / builds.clean
    notebook_total = sum(seconds for _, seconds in notebooks) if notebooks else None
    lines = [
        "<!-- Written by `make bench` (tools.bench); do not edit by hand. -->",
        "",
        f"Measured on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} CPU cores "
        f"(shared), Python {platform.python_version()}, on a fresh copy of the project.",
        "",
        "| step | time | budget |",
        "|---|---:|---|",
        f"| clean build (`make book`, no `_build`) | {_seconds(builds.clean)} | |",
        f"| no-change rebuild (`make book`: make finds the HTML up to date) | "
        f"{_seconds(builds.no_change_make)} | ≤ {NO_CHANGE_BUDGET:.0%} of clean: {ratio:.1%}, "
        f"{'met' if ratio <= NO_CHANGE_BUDGET else 'NOT MET'} |",
        f"| no-change run of `jupyter-book build` (Sphinx starts, finds nothing to do) | "
        f"{_seconds(builds.no_change_jupyter_book)} | ({jb_ratio:.0%} of clean; not budgeted) |",
        f"| rebuild after one chapter is edited (`make book`) | {_seconds(builds.one_chapter_edited)} | |",
        (
            f"| notebook execution ({len(notebooks)} notebook{'' if len(notebooks) == 1 else 's'}, "
            f"nbclient, real kernel) | {_seconds(notebook_total)} | |"
            if notebooks
            else "| notebook execution | n/a: the project has no notebooks yet | |"
        ),
        f"| PDF build (`make pdf`) | {_seconds(pdf_seconds) if pdf_seconds is not None else pdf_note} | |",
        "",
    ]
    if notebooks:
        lines += ["| notebook | execution |", "|---|---:|"]
        lines += [f"| `{name}` | {_seconds(seconds)} |" for name, seconds in notebooks]
        lines.append("")
    lines += [
        f"What Chromium loads for each page, and what axe-core finds (budget for a chapter, notebook or "
        f"register page: ≤ {CHAPTER_BUDGET_BYTES // KIB} KiB, ≤ {CHAPTER_BUDGET_REQUESTS} requests, and "
        f"Lighthouse's performance ≥ {PERFORMANCE_BUDGET:.2f} and accessibility 1.00 in the second table):",
        "",
        # longtables, so that the PDF can break them across pages; two of them, so that each fits its width
        "```{table}",
        ":class: longtable",
        ":widths: 40 10 12 14 12 12",
        "",
        "| page | KiB | requests | within budget | axe, light: violations (rules passed) | axe, dark |",
        "|---|---:|---:|---|---|---|",
    ]
    for row in pages:
        verdict = ("NO" if over_budget(row) else "yes") if is_budgeted(row.page) else "(no budget)"
        light, dark = (f"{row.axe[mode][0]} ({row.axe[mode][1]})" for mode in ("light", "dark"))
        # plain text, not code: the PDF can then break a long page name at its hyphens
        lines.append(f"| {row.page.removesuffix('.html')} | {row.bytes / KIB:.0f} | {row.requests} | {verdict} "
                     f"| {light} | {dark} |")
    lines += [
        "```",
        "",
        "```{table}",
        ":class: longtable",
        ":widths: 40 15 15 15 15",
        "",
        "| page (Lighthouse) | perf. | access. | best pr. | SEO |",
        "|---|---:|---:|---:|---:|",
    ]
    for row in pages:
        if row.lighthouse is not None:
            scores = " | ".join(f"{row.lighthouse[name]:.2f}" for name in CATEGORIES)
            lines.append(f"| {row.page.removesuffix('.html')} | {scores} |")
    lines += [
        "```",
        "",
        "axe-core checks each page against WCAG 2.2 levels A and AA (tags "
        "`wcag2a`, `wcag2aa`, `wcag21a`, `wcag21aa`, `wcag22aa`); a violation is counted once per element. "
        "Lighthouse (12.2.3, mobile preset: simulated slow 4G and a four times slower CPU) audits the "
        "chapters, the notebooks and the registers, served without compression by Python's http.server; "
        f"each score is the median of {RUNS} runs, which vary by a few hundredths on a shared machine"
        + (f" (its one-minute load average was {min(lighthouse_loads):.1f} to {max(lighthouse_loads):.1f} "
           "during the runs, on 2 cores)." if lighthouse_loads else "."),
    ]
    return "\n".join(lines) + "\n"


def main() -> int:
    from azedition import charts

    print("bench: weighing each chart as SVG and PNG; recording the HTML format ...", flush=True)
    chart_formats = charts.formats_table(charts.decide_formats())  # before the copy: the build uses it
    with tempfile.TemporaryDirectory(prefix="azedition-bench-") as folder:
        root = copy_project(Path(folder))
        print("bench: building (clean, no change, one chapter edited) ...", flush=True)
        builds = measure_builds(root)
        print("bench: executing notebooks ...", flush=True)
        notebooks = execute_notebooks(root) if (root / "notebooks").is_dir() else []
        pdf_seconds, pdf_note = None, "n/a: the Makefile has no `pdf` rule"
        if has_make_target(root, "pdf"):
            print("bench: building the PDF ...", flush=True)
            pdf_seconds, _ = timed(["make", "pdf"], root)
        print("bench: weighing every page in Chromium ...", flush=True)
        pages = weigh_pages(root / "_build" / "html")
        print("bench: Lighthouse on every chapter, notebook and register page ...", flush=True)
        from tools.lighthouse import measure

        scores, loads = measure(root / "_build" / "html")
        for row in pages:
            row.lighthouse = scores.get(row.page)
        table = render(builds, notebooks, pdf_seconds, pdf_note, pages, loads) + "\n" + chart_formats
    RESULTS_PATH.write_text(table, "utf-8")
    print(table)
    print(f"bench: written to {RESULTS_PATH.relative_to(PROJECT_ROOT)}")
    # the table records every run; a budget missed also fails the command
    misses = [f"{row.page}: {miss}" for row in pages for miss in over_budget(row)]
    if builds.no_change_make > NO_CHANGE_BUDGET * builds.clean:
        misses.append(f"no-change rebuild {builds.no_change_make:.2f} s, "
                      f"over {NO_CHANGE_BUDGET:.0%} of the clean build")
    for miss in misses:
        print(f"bench: over budget: {miss}", file=sys.stderr)
    return 1 if misses else 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (BenchError, LighthouseError) as error:
        print(f"bench: {error}", file=sys.stderr)
        sys.exit(1)
