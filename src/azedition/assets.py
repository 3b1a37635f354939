"""Sphinx extension: the edition's own script and stylesheet are served without comments and indentation.

``book/_static/edition.js`` and ``edition.css`` explain themselves at length (why each rule or handler
is there); a reader's browser needs none of it, and every chapter page loads both within the weight
budget of tests/test_budgets.py. After an HTML build the copies in ``_build/html/_static`` lose their
whole-line comments and leading blanks: nothing that a statement or a rule depends on (no string in
them spans lines or begins a line with ``//``), so the behaviour is the sources' own.
"""

from __future__ import annotations

import json
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


# What a hover preview of a witness paragraph leaves out: its side notes and their toggles, which the
# page shows beside it. The paragraph's words are the preview; its notes are a click away on the page.
TIP_OMITS = ".sidenote, .marginnote, .margin-toggle, label.margin-toggle"
TIPS_PREFIX = "selector_to_html = "


def lighten_tips(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: sphinx-tippy's per-page previews without the side notes of the paragraphs they
    show (a chapter's notes were about half of its previews' weight)."""
    if exception is not None or app.builder.format != "html":
        return
    from bs4 import BeautifulSoup

    for path in sorted((Path(app.outdir) / "_static" / "tippy").rglob("*.js")):
        script = path.read_text("utf-8")
        if not script.startswith(TIPS_PREFIX):
            continue
        tips, end = json.JSONDecoder().raw_decode(script, len(TIPS_PREFIX))
        lightened = {}
        for selector, tip in tips.items():
            soup = BeautifulSoup(tip, "html.parser")
            omitted = soup.select(TIP_OMITS)
            for element in omitted:
                element.decompose()
            lightened[selector] = str(soup) if omitted else tip  # a preview with nothing to omit stays as written
        path.write_text(TIPS_PREFIX + json.dumps(lightened) + script[end:], "utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("build-finished", compact_assets)
    app.connect("build-finished", lighten_tips, priority=900)  # after sphinx-tippy has written them
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
