"""Sphinx extension: the edition's own script and stylesheet are served without comments and indentation.

``book/_static/edition.js`` and ``edition.css`` explain themselves at length (why each rule or handler
is there); a reader's browser needs none of it, and every chapter page loads both within the weight
budget of tests/test_budgets.py. After an HTML build the copies in ``_build/html/_static`` lose their
whole-line comments and leading blanks: nothing that a statement or a rule depends on (no string in
them spans lines or begins a line with ``//``), so the behaviour is the sources' own.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

ASSETS = ("edition.js", "edition.css")
CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)


def compact_script(source: str) -> str:
    lines = (line.strip() for line in source.splitlines())
    return "\n".join(line for line in lines if line and not line.startswith("//")) + "\n"


def compact_stylesheet(source: str) -> str:
    lines = (line.strip() for line in CSS_COMMENT.sub("", source).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def compact_assets(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    static = Path(app.outdir) / "_static"
    for name in ASSETS:
        path = static / name
        if path.exists():
            compact = compact_script if name.endswith(".js") else compact_stylesheet
            path.write_text(compact(path.read_text("utf-8")), "utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", compact_assets)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
