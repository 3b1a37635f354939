"""Lighthouse's four scores for the edition's pages, with Debian's Chromium (used by `make bench`).

Lighthouse is an npm package; `make lighthouse` installs the pinned version into ``.venv/node`` (Node 20
here: Lighthouse 13 wants Node 22, so 12.2.3 is pinned). Each page is served by Python's
``http.server`` on a free port, as `make serve` serves it (no compression), and audited with
Lighthouse's default mobile preset (simulated slow 4G and a 4x slower CPU).

The budgets are the issue's: performance at least 0.90 and accessibility 1.00 on every chapter, notebook
and register page.

Lighthouse's simulated throttling scales the main-thread time it observes by four: on a machine whose
cores other work shares, one page's performance score varies by several hundredths from run to run.
Each page is therefore audited ``RUNS`` times and each score is the median of its runs; the machine's
load average is recorded at each run, so that a table says how busy the machine was.

    python -m tools.lighthouse [HTML_DIR]   # prints the scores for HTML_DIR (default _build/html)
    python -m tools.lighthouse --install    # installs the pinned Lighthouse (`make lighthouse`)
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from azedition.paths import BUILD_DIR, PROJECT_ROOT

LIGHTHOUSE_VERSION = "12.2.3"
LIGHTHOUSE = PROJECT_ROOT / ".venv" / "node" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PERFORMANCE_BUDGET = 0.90
ACCESSIBILITY_BUDGET = 1.00
REGISTER_PAGES = ("book/apparatus/persons.html", "book/apparatus/places.html",
                  "book/apparatus/organizations.html")
RUNS = 3


class LighthouseError(RuntimeError):
    """Lighthouse is missing or failed on a page; the message names the page."""


def budgeted_pages(html_dir: Path) -> list[str]:
    """The pages the budgets apply to: every chapter, every notebook and the three registers."""
    from tools.browser import book_pages

    return [page for page in book_pages(html_dir) if is_budgeted(page)]


def is_budgeted(page: str) -> bool:
    return page.startswith(("book/text/", "notebooks/")) or page in REGISTER_PAGES


def scores(url: str) -> dict[str, float]:
    """Lighthouse's four category scores (0..1) for url, mobile preset, in Debian's Chromium."""
    from tools.browser import CHROMIUM

    if not LIGHTHOUSE.exists():
        raise LighthouseError(f"{LIGHTHOUSE} is missing: run `make lighthouse`")
    with tempfile.TemporaryDirectory(prefix="azedition-lighthouse-") as folder:
        report = Path(folder) / "report.json"
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", f"--output-path={report}",
             f"--only-categories={','.join(CATEGORIES)}",
             "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
            env=dict(os.environ, CHROME_PATH=CHROMIUM), capture_output=True, text=True, timeout=300,
        )
        if result.returncode != 0 or not report.exists():
            raise LighthouseError(f"lighthouse failed on {url} (exit {result.returncode}): "
                                  f"{result.stderr.strip()[-500:]}")
        categories = json.loads(report.read_text("utf-8"))["categories"]
    return {name: categories[name]["score"] for name in CATEGORIES}


def median_scores(runs: list[dict[str, float]]) -> dict[str, float]:
    """Each category's median over the runs of one page."""
    return {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}


def measure(html_dir: Path, runs: int = RUNS) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Page -> its four scores (the medians of `runs` runs), for every budgeted page of html_dir served on
    a free port; and the machine's one-minute load average at the start of each run."""
    from tools.browser import serve

    results, loads = {}, []
    with serve(html_dir) as base_url:
        for page in budgeted_pages(html_dir):
            page_runs = []
            for _ in range(runs):
                loads.append(os.getloadavg()[0])
                page_runs.append(scores(base_url + page))
            results[page] = median_scores(page_runs)
            print(f"lighthouse: {page}: " + ", ".join(f"{k} {v:.2f}" for k, v in results[page].items())
                  + f" (median of {runs}; performance " + " ".join(f"{run['performance']:.2f}" for run in page_runs)
                  + ")", flush=True)
    return results, loads


def within_budget(page_scores: dict[str, float]) -> bool:
    return (page_scores["performance"] >= PERFORMANCE_BUDGET
            and page_scores["accessibility"] >= ACCESSIBILITY_BUDGET)


def install() -> int:
    """npm's lighthouse at the pinned version into .venv/node, unless it is there already."""
    installed = LIGHTHOUSE.parent.parent / "lighthouse" / "package.json"
    if installed.exists() and json.loads(installed.read_text("utf-8"))["version"] == LIGHTHOUSE_VERSION:
        print(f"lighthouse {LIGHTHOUSE_VERSION} is installed")
        return 0
    prefix = LIGHTHOUSE.parents[2]
    prefix.mkdir(parents=True, exist_ok=True)
    return subprocess.run(["npm", "install", "--prefix", str(prefix), "--no-audit", "--no-fund",
                           "--save-exact", f"lighthouse@{LIGHTHOUSE_VERSION}"]).returncode


def main(argv: list[str]) -> int:
    if argv == ["--install"]:
        return install()
    html_dir = Path(argv[0]) if argv else BUILD_DIR / "html"
    try:
        results, loads = measure(html_dir)
    except LighthouseError as error:
        print(f"lighthouse: {error}", file=sys.stderr)
        return 1
    print(json.dumps(results, indent=1))
    print(f"lighthouse: load average {min(loads):.2f} to {max(loads):.2f} during the runs")
    return 0 if all(within_budget(s) for s in results.values()) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
