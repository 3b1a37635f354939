"""A small Jupyter Book with the edition's extensions and data, built by the project's own Makefile.

The guard tests (tests/test_guard.py) break and repair it many times; the whole book would cost minutes
per build. It holds the witness verbatim (the infobox and the fourteen paragraphs, one chapter, ¶3
naming Khoyski through the person role), so the build's witness check passes on it, the register of
persons drawn from data/persons.csv, and an empty page where a test writes its mistakes. It reads the
project's data package, bibliography and Makefile (copied), and builds with the project's .venv.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from azedition.paths import BOOK_DIR, DATA_DIR, PROJECT_ROOT, WITNESS_PATH

VENV = Path(sys.executable).parent.parent
CONFIG = """\
title: A small book of the edition
author: The tests
only_build_toc_files: true
exclude_patterns: [_build, data]
execute:
  execute_notebooks: "off"
parse:
  myst_enable_extensions: [colon_fence]
bibtex_bibfiles: [book/references.bib]
html:
  baseurl: https://example.org/small-book/
sphinx:
  extra_extensions: [azedition, sphinx_tippy, sphinx_sitemap]
  config:
    nitpicky: true
    language: en
    smartquotes: false
    html_math_renderer: plain
    # the open edition's outputs (TEI, identifiers, citations, downloads): the whole book's, not this one's
    azedition_open_edition: false
    bibtex_reference_style: author_year_round
    bibtex_default_style: edition
    # offline, as the book: no tip is fetched from Wikipedia or a DOI service
    tippy_enable_wikitips: false
    tippy_enable_doitips: false
    tippy_tip_selector: "figure, table, img, p, aside, div.register-entry, div.apparatus-entry, div.witness-paragraph"
"""
TOC = """\
format: jb-book
root: book/index
chapters:
  - file: book/witness
  - file: book/persons
  - file: book/editors
"""


# ¶3 names Khoyski through the person role, as the book's chapter does: the register lists the paragraph
# and the chapter's hover preview shows the register's entry (the incremental test edits both).
KHOYSKI = "Fatali Khan Khoyski"
KHOYSKI_MARKED = "{person}`Fatali Khan Khoyski <khoyski>`"


def witness_page(witness: str) -> str:
    """The witness as one chapter: the infobox and every paragraph in its directive, words untouched."""
    lines = witness.split("\n")
    parts = ["# The witness", "", "::::{infobox}", *lines[:10], "::::", ""]
    for number, line in enumerate(lines[10:], start=1):
        if number == 3:
            line = line.replace(KHOYSKI, KHOYSKI_MARKED, 1)
        parts += [f":::{{witness}} {number}", line, ":::", ""]
    return "\n".join(parts)


def make_small_book(root: Path) -> Path:
    shutil.copytree(DATA_DIR, root / "data")
    (root / "book").mkdir()
    shutil.copy2(BOOK_DIR / "references.bib", root / "book" / "references.bib")
    shutil.copy2(PROJECT_ROOT / "Makefile", root / "Makefile")
    shutil.copy2(PROJECT_ROOT / "pyproject.toml", root / "pyproject.toml")
    # the Makefile's book depends on it (the edition's facts, azedition.edition)
    shutil.copy2(PROJECT_ROOT / "CITATION.cff", root / "CITATION.cff")
    (root / "_config.yml").write_text(CONFIG, "utf-8")
    (root / "_toc.yml").write_text(TOC, "utf-8")
    (root / "book" / "index.md").write_text("# A small book\n\nFor the tests.\n", "utf-8")
    (root / "book" / "witness.md").write_text(witness_page(WITNESS_PATH.read_text("utf-8")), "utf-8")
    (root / "book" / "persons.md").write_text("# Register of persons\n\n```{register} person\n```\n\n"
                                                  "## Works cited\n\n```{bibliography}\n```\n", "utf-8")
    (root / "book" / "editors.md").write_text("# The editors' page\n\nNothing yet.\n", "utf-8")
    # make's set-up target: already done for the project's .venv, which the build uses.
    (root / "installed").touch()
    return root


def make_book(root: Path, target: str = "book") -> subprocess.CompletedProcess:
    """``make book`` in the small book, as an editor runs it (the project's Makefile and .venv)."""
    env = dict(os.environ, AZEDITION_ROOT=str(root))
    return subprocess.run(["make", "-C", str(root), target, f"VENV={VENV}", f"STAMP={root / 'installed'}"],
                          capture_output=True, text=True, env=env, timeout=900)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), "utf-8")


ANSI_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def warnings_of(result: subprocess.CompletedProcess) -> list[str]:
    """The Sphinx warnings and errors of a build, each as its one line, without terminal colours."""
    output = ANSI_COLOUR.sub("", result.stdout + result.stderr)
    return [line for line in output.splitlines()
            if ("WARNING:" in line or "ERROR:" in line) and "IPKernelApp" not in line]
