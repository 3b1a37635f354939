"""A first paint that waits for little: only the CSS the edition uses, and scripts deferred.

Images of the text (charts) load lazily, when the reader comes near them. Scripts: every script file
that a page names in its head is loaded with ``defer`` (fetched while the page is parsed, run before
``DOMContentLoaded``, in order), except ``documentation_options.js``, which the page's inline scripts
extend at once, and except on the search page, whose search script runs at once
and needs doctools.js. The theme's and Sphinx's scripts wait for the document to be ready anyway.
Scripts that the first paint does not need at all (``LOADED_LATER``: the hover previews, the copy buttons
of code cells; and the theme's two scripts, in the template) are not fetched with the page but loaded
by edition.js once it is drawn or when the reader first points at a link.
Stylesheets:

The theme ships 388 KiB of CSS (all of Bootstrap and every component of pydata-sphinx-theme) and every
page blocks its first paint on it, though a page uses about one rule in twenty. After the HTML build
this Sphinx extension rewrites the theme's stylesheets in the output, keeping a rule only when a page
or a script of the edition can use it.

What counts as used, the rule of PurgeCSS (a selector is kept when every class and id it names is
known), applied to a parsed stylesheet:

- the known names are the classes and ids of every built page, and the words of every script the
  pages load (the theme's scripts add classes for their states: an open menu, the search dialog, a
  tooltip; the dark mode is an attribute, which the rule never requires, so both modes keep their CSS);
- names inside ``:not()``, ``:is()``, ``:where()`` and ``:has()`` are not required (they can only
  widen or narrow a match that the rest of the selector already names);
- at-rules without selectors (``@font-face``, ``@keyframes``, ``@property``, ``@page``) are kept;
  ``@media``, ``@supports``, ``@container`` and ``@layer`` blocks are pruned inside and dropped when
  emptied.

The stylesheet is parsed and written back with tinycss2 (the CSS parser of WeasyPrint), never with
regular expressions. Every built page is read after each build, so an incremental build that adds a
class keeps its CSS.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import tinycss2
from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

# The stylesheets of the theme and of the extensions, pruned in place in the output's _static folder
# (patterns: myst-nb names its stylesheet by a digest). The edition's own stylesheets are small and
# all used; Sphinx's basic.css is linked by book/_templates/static/webpack-macros.html.
PRUNED = ("styles/pydata-sphinx-theme.css", "styles/sphinx-book-theme.css", "basic.css",
          "sphinx-design.min.css", "mystnb.*.css", "pygments.css", "copybutton.css", "togglebutton.css")
NOT_REQUIRED_INSIDE = {"not", "is", "where", "has", "matches", "-webkit-any", "-moz-any"}
BLOCK_AT_RULES = {"media", "supports", "container", "layer", "document", "-moz-document"}
# PurgeCSS's default extractor: the words of a script, any of which may be a class it adds
SCRIPT_WORD = re.compile(r"[A-Za-z0-9_-]+")


class _NameCollector(HTMLParser):
    """Every class, id and script source of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.names: set[str] = set()
        self.scripts: set[str] = set()
        self.inline_scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.names.update((attributes.get("class") or "").split())
        if attributes.get("id"):
            self.names.add(attributes["id"])
        if tag == "script":
            self._in_script = True
            if attributes.get("src"):
                self.scripts.add(attributes["src"].split("?")[0])

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.inline_scripts.append(data)


def known_names(html_dir: Path) -> set[str]:
    """The classes and ids of the built pages and the words of the scripts they load."""
    names: set[str] = set()
    scripts: set[Path] = set()
    for page in html_dir.rglob("*.html"):
        if "_static" in page.relative_to(html_dir).parts:
            continue
        collector = _NameCollector()
        collector.feed(page.read_text("utf-8"))
        names |= collector.names
        for inline in collector.inline_scripts:
            names.update(SCRIPT_WORD.findall(inline))
        for source in collector.scripts:
            if "://" not in source:
                scripts.add((page.parent / source).resolve())
    for script in scripts:
        if script.is_file():
            names.update(SCRIPT_WORD.findall(script.read_text("utf-8", errors="replace")))
    return names


def _split_selectors(prelude: list[Any]) -> list[list]:
    """A rule's prelude cut at its top-level commas: one token list per selector."""
    selectors, current = [], []
    for token in prelude:
        if token.type == "literal" and token.value == ",":
            selectors.append(current)
            current = []
        else:
            current.append(token)
    selectors.append(current)
    return selectors


def required_names(selector: list[Any]) -> set[str]:
    """The classes and ids a selector requires of a page (not those inside :not(), :is() ...)."""
    required, previous = set(), None
    for token in selector:
        if token.type == "ident" and previous is not None and previous.type == "literal" \
                and previous.value == ".":
            required.add(token.value)
        elif token.type == "hash":
            required.add(token.value)
        elif token.type == "function" and token.lower_name not in NOT_REQUIRED_INSIDE:
            required |= required_names(token.arguments)
        elif token.type == "[] block":
            pass  # an attribute: [data-theme="dark"] is a script state, never required
        previous = token
    return required


def selector_is_used(selector: list[Any], names: set[str]) -> bool:
    return required_names(selector) <= names


def prune_rules(rules: list[Any], names: set[str]) -> list:
    """The rules (and at-rules) of a parsed stylesheet or block that the edition can use."""
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [s for s in _split_selectors(rule.prelude) if selector_is_used(s, names)]
            if not selectors:
                continue
            prelude = []
            for index, selector in enumerate(selectors):
                if index:
                    prelude.append(tinycss2.ast.LiteralToken(rule.source_line, rule.source_column, ","))
                prelude.extend(selector)
            rule.prelude = prelude
            kept.append(rule)
        elif rule.type == "at-rule" and rule.lower_at_keyword in BLOCK_AT_RULES and rule.content is not None:
            inner = prune_rules(tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                          skip_whitespace=True), names)
            if inner:
                rule.content = _joined(inner)
                kept.append(rule)
        elif rule.type in ("at-rule", "qualified-rule"):
            kept.append(rule)
        # comments, whitespace and parse errors are dropped
    return kept


def _joined(rules: list[Any]) -> list:
    """Rules as one token list, a newline between them, as tinycss2 serializes a block."""
    tokens = []
    for rule in rules:
        tokens.append(rule)
        tokens.append(tinycss2.ast.WhitespaceToken(0, 0, "\n"))
    return tokens


def prune_stylesheet(css: str, names: set[str]) -> str:
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "\n".join(rule.serialize() for rule in prune_rules(rules, names)) + "\n"


def prune_output(html_dir: Path) -> dict[str, tuple[int, int]]:
    """Prune the theme's stylesheets in html_dir/_static: file -> (bytes before, bytes after)."""
    names = known_names(html_dir)
    sizes = {}
    paths = sorted({path for pattern in PRUNED for path in (html_dir / "_static").glob(pattern)})
    for path in paths:
        name = path.relative_to(html_dir / "_static").as_posix()
        css = path.read_text("utf-8")
        pruned = prune_stylesheet(css, names)
        path.write_text(pruned, "utf-8")
        # the source map describes the unpruned file: no longer true, so not served
        path.with_name(path.name + ".map").unlink(missing_ok=True)
        sizes[name] = (len(css.encode()), len(pruned.encode()))
    return sizes


# Scripts that the inline scripts after them use as soon as they run.
RUN_AT_ONCE = {"documentation_options.js"}
# Scripts that the first paint does not need, written into the page as placeholders that the browser
# neither fetches nor runs (``<script type="text/x-edition-later" data-load=... src=...>``); edition.js
# loads each group when it is wanted (edition.js, "Scripts loaded later"):
# - "on-preview": the hover previews (popper, tippy and the page's own tips, some 100 KiB on a chapter),
#   when the reader first points at or focuses a link;
# - "after-paint": the copy buttons of code cells, once the page has been drawn (the theme's
#   bootstrap.js and pydata-sphinx-theme.js join them in book/_templates/static/webpack-macros.html).
# Lighthouse's simulated load (mobile) counted every script fetched before the largest paint as part
# of it: on a chapter those bytes put the largest paint about 1.3 s after the first.
LATER = "text/x-edition-later"
LOADED_LATER = {"popper.min.js": "on-preview", "tippy-bundle.umd.min.js": "on-preview",
                "clipboard.min.js": "after-paint", "copybutton.js": "after-paint"}


def later_group(filename: str) -> str | None:
    """The group in which a script is loaded later, or None for a script of the first paint."""
    path = filename.split("?")[0]
    if path.startswith("_static/tippy/"):  # sphinx-tippy's previews of this page
        return "on-preview"
    return LOADED_LATER.get(Path(path).name)


def defer_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    from sphinx.builders.html._assets import _JavaScript

    if pagename == "search":  # its searchtools.js, loaded at once, calls doctools.js's _ready
        return

    deferred = []
    for script in context.get("script_files", []):
        filename = getattr(script, "filename", None) or ""
        attributes = dict(getattr(script, "attributes", None) or {})
        name = Path(str(filename).split("?")[0]).name
        group = later_group(str(filename)) if filename else None
        if group and "://" not in str(filename):
            attributes.pop("defer", None)
            attributes.update({"type": LATER, "data-load": group})
            script = _JavaScript(filename, priority=script.priority, **attributes)
        elif (filename and "://" not in str(filename) and name not in RUN_AT_ONCE
                and "async" not in attributes and "defer" not in attributes):
            attributes["defer"] = "defer"
            script = _JavaScript(filename, priority=script.priority, **attributes)
        deferred.append(script)
    context["script_files"] = deferred


def lazy_images(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
) -> None:
    """Charts and figures are fetched when the reader scrolls near them, not before the first paint."""
    if "body" in context:
        context["body"] = context["body"].replace("<img ", '<img loading="lazy" decoding="async" ')


def finish_html(app: Sphinx, exception: Exception | None) -> None:
    if exception or app.builder.format != "html":
        return
    for name, (before, after) in prune_output(Path(app.outdir)).items():
        logger.verbose("azedition: %s pruned from %d to %d bytes", name, before, after)


def setup(app: Sphinx) -> dict[str, Any]:
    # after azedition.reader has left out the scripts a page does not need
    app.connect("html-page-context", defer_scripts, priority=950)
    app.connect("html-page-context", lazy_images, priority=950)
    # after azedition.reader has trimmed the pages and written its icon stylesheet
    app.connect("build-finished", finish_html, priority=950)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
