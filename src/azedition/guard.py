"""The build as the editors' guard: no mistake published, no stale page.

A Sphinx extension (loaded with the edition's others) that holds three promises of every build, HTML
and PDF alike:

- **A failure stays a failure.** Sphinx saves its environment after reading, so after a build that
  warned, the next one finds nothing out of date, repeats no warning and passes while the mistake is
  still there. When a build ends with a warning or an error, this extension deletes the saved
  environment: the next build reads every document again and meets the same mistake. (Sphinx itself
  does so only when a build stops on an exception; ``--keep-going`` builds end normally.)
- **Incremental equals clean.** A page shows more than its own source: the register entry a mention
  links to, the apparatus note a sign opens and the paragraph a ``¶`` reference names come back as
  hover previews, back-links and labels. When any document is read again, every page is written again,
  so no page keeps a preview or a back-link of the state before. (The data tables each page reads are
  its dependencies, noted by the directives and roles that read them.) Stylesheets written after the
  pages are removed before them, so that their links read the same after a clean build.
- **The build checks the witness.** After reading, the diplomatic text is rebuilt from the doctrees
  and compared with ``data/source/witness.txt`` (whose SHA-256 is checked): each unit occurs exactly
  once, not nested in another and holding nothing but its words, and equals its line of the witness.
  Each problem is one warning naming the paragraph, the chapter file and line, and the first words
  that differ; with ``-W`` the build fails.
- **Data are text.** The validator (``azedition.data``) rejects HTML, links and foreign roles in a
  cell; should anything pass it, the register and apparatus entries, which are drawn from the data,
  are made inert after reading: raw HTML becomes its visible text, a link to anything but a web or mail
  address becomes plain words, an image becomes its description. The hover previews copy the entries'
  HTML, so they are inert too.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import config, diplomatic

logger = logging.getLogger(__name__)

# Containers whose words come from data/ (the register and apparatus directives of azedition.directives).
DATA_CONTAINERS = ("register-entry", "apparatus-entry")
SAFE_LINK = re.compile(r"^(https?://|mailto:|#|[\w./-]+(\.html)?(#[\w-]*)?$)", re.IGNORECASE)


def _shown(path: Path, root: Path) -> str:
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def check_witness(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: the book's witness units against the witness file, after every reading."""
    if not app.config.azedition_check_witness:
        return []
    root = Path(app.srcdir)
    witness = config.witness_path(env)
    if not witness.exists():
        config.warn("witness", "%s is missing: the edition cannot be checked against its witness",
                    _shown(witness, root))
        return []
    doctrees = ((docname, env.get_doctree(docname)) for docname in sorted(env.all_docs))
    occurrences = diplomatic.witness_occurrences(doctrees, root)
    # The messages name the chapter file and line themselves (a duplicate names two), so no location.
    for message, _occurrence in diplomatic.witness_problems(occurrences, witness.read_bytes(), _shown(witness, root),
                                                            app.config.azedition_witness_sha256 or None):
        config.warn("witness", message)
    return []


def note_documents_read(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """``env-before-read-docs``: remember whether this build reads anything (kept off the environment)."""
    app.azedition_docs_read = bool(docnames)


def write_every_page_after_a_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """``env-updated``: when a document was read again, write every page again.

    sphinx-tippy collects each page's previews while writing it, from the pages written in the same
    build; the back-links of the registers and the apparatus are gathered from every chapter. A page
    left unwritten would keep previews and links of the state before the change.
    """
    if getattr(app, "azedition_docs_read", False):
        return sorted(env.all_docs)
    return []


def count_warnings_from_here(app: Sphinx) -> None:
    """``builder-inited``: warnings before the build (while extensions are set up) concern no document."""
    app.azedition_warnings_before_build = getattr(app, "_warncount", 0)


# Stylesheets written after the pages (build-finished: azedition.reader's icons, myst-nb's own). Sphinx
# gives a stylesheet a checksum in the page's link only if the file is there when the page is written:
# after a clean build it is not, after an incremental one it is (the previous build's). Removed before
# the pages are written, they are linked alike in both, and written again at the end.
STYLESHEETS_WRITTEN_LAST = ("edition-icons.css", "mystnb.*.css")


def remove_stylesheets_written_last(app: Sphinx) -> None:
    """``builder-inited``: see STYLESHEETS_WRITTEN_LAST."""
    if app.builder.format != "html":
        return
    for pattern in STYLESHEETS_WRITTEN_LAST:
        for stylesheet in Path(app.outdir, "_static").glob(pattern):
            stylesheet.unlink()


def drop_emptied_search_terms(app: Sphinx) -> list:
    """``html-collect-pages``, just before Sphinx writes searchindex.js: an incremental build prunes the
    words of re-read pages from the saved index but keeps each word as a key with no page, which a clean
    build never has (a word once typed and then removed stayed as ``"edit": []``). Sphinx keeps the index
    in the builder's private mappings; dropping their empty entries makes both builds write one index."""
    indexer = getattr(app.builder, "indexer", None)
    for mapping in (getattr(indexer, "_mapping", {}), getattr(indexer, "_title_mapping", {})):
        for word in [word for word, docnames in mapping.items() if not docnames]:
            del mapping[word]
    return []


def forget_failed_build(app: Sphinx, exception: Exception | None) -> None:
    """``build-finished``: after a build that warned, delete the saved environment (see the module)."""
    warned = getattr(app, "_warncount", 0) > getattr(app, "azedition_warnings_before_build", 0)
    if exception is None and not warned:
        return
    environment = Path(app.doctreedir, ENV_PICKLE_FILENAME)
    if environment.exists():
        environment.unlink()
        logger.info("azedition: the build failed; the next build reads every document again")


def make_inert(node: nodes.Element) -> int:
    """Turn whatever could act in a browser inside ``node`` into text; returns how many nodes changed."""
    changed = 0
    for raw in list(node.findall(nodes.raw)):
        raw.replace_self(nodes.Text(raw.astext()))
        changed += 1
    for image in list(node.findall(nodes.image)):
        image.replace_self(nodes.Text(image.get("alt", "")))
        changed += 1
    for reference in list(node.findall(nodes.reference)):
        # control characters and spaces inside a scheme are ignored by browsers: judge it without them
        uri = re.sub(r"[\x00-\x20]", "", reference.get("refuri", ""))
        if "refuri" in reference and not SAFE_LINK.match(uri):
            reference.replace_self(nodes.inline("", "", *reference.children))
            changed += 1
    return changed


def keep_data_as_text(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: the entries drawn from data/ carry no HTML, script address or image."""
    for container in doctree.findall(nodes.container):
        if set(DATA_CONTAINERS) & set(container.get("classes", [])):
            if make_inert(container):
                config.warn("data", "markup from data/ made inert in %s: run `python -m azedition validate`",
                            (container.get("ids") or ["an entry"])[0], location=container)


def note_bibliography_dependency(app: Sphinx, doctree: nodes.document) -> None:
    """``doctree-read``: a page that cites (or lists) works is rewritten when the bibliography changes."""
    cites = any(node.get("refdomain") in ("cite", "footcite") for node in doctree.findall(addnodes.pending_xref))
    if cites or any(type(node).__name__ == "bibliography" for node in doctree.findall(nodes.Element)):
        for bibfile in getattr(app.config, "bibtex_bibfiles", None) or []:
            app.env.note_dependency(str(Path(app.srcdir, bibfile).resolve()))


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", keep_data_as_text)
    app.connect("doctree-read", note_bibliography_dependency)
    app.connect("env-before-read-docs", note_documents_read)
    app.connect("env-updated", check_witness)
    app.connect("env-updated", write_every_page_after_a_change)
    app.connect("builder-inited", count_warnings_from_here)
    app.connect("builder-inited", remove_stylesheets_written_last)
    app.connect("html-collect-pages", drop_emptied_search_terms)
    app.connect("build-finished", forget_failed_build)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
