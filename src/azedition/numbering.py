"""Sphinx extension: one numbering of chapters and figures in the HTML book, its notebook pages and the PDF.

A reader who cites "chapter 6" or "Fig. 6.1" must find the same chapter and the same chart in every
edition. Three things kept them apart:

- the LaTeX book numbered every chapter, the front matter's too, so the text's chapters 1–8 of the
  HTML were chapters 5–12 of the PDF. Here the chapters of the parts that the table of contents
  (``_toc.yml``) leaves unnumbered, the front matter and the apparatus, are unnumbered chapters of the
  PDF too (``secnumdepth`` -1 while they are set): the PDF counts exactly the chapters the HTML counts;
- a chart shown in a chapter (``{chart} key``, figure ``fig-<key>``) is shown again on the page of the
  notebook that draws it (figure ``nb-<key>``), where Sphinx gave it the notebook's own number. Here
  that figure takes the number of the chapter's figure, in the HTML (the environment's figure numbers,
  which the captions and every ``{numref}`` read) and in the PDF (LaTeX's figure counter, set for that
  figure alone), so that "Fig. 6.1" is the order of battle wherever it is printed;
- the notebooks' own charts (one not shown in any chapter) are numbered in the notebook's chapter, in
  both editions alike, with the repeated charts left out of the count.

The notebooks' part is numbered in ``_toc.yml`` and continues the text's numbering (chapters 9–11:
``use_multitoc_numbering``), so the notebooks' own charts have a chapter number in both editions.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

CHAPTER_FIGURE_PREFIX = "fig-"  # azedition.figures: a chart in a chapter
NOTEBOOK_FIGURE_PREFIX = "nb-"  # the notebooks' cell metadata: the same chart on its notebook's page


def _chapter_numbers_of_charts(env: BuildEnvironment) -> dict[str, tuple[int, ...]]:
    """chart key -> the number of its figure in a chapter."""
    return {
        figure_id.removeprefix(CHAPTER_FIGURE_PREFIX): number
        for kinds in env.toc_fignumbers.values()
        for figure_id, number in kinds.get("figure", {}).items()
        if figure_id.startswith(CHAPTER_FIGURE_PREFIX)
    }


def repeated_charts(env: BuildEnvironment, docname: str) -> dict[str, tuple[int, ...]]:
    """The figures of docname that repeat a chapter's chart: figure id -> the chapter figure's number."""
    chapter_numbers = _chapter_numbers_of_charts(env)
    figures = env.toc_fignumbers.get(docname, {}).get("figure", {})
    return {
        figure_id: chapter_numbers[figure_id.removeprefix(NOTEBOOK_FIGURE_PREFIX)]
        for figure_id in figures
        if figure_id.startswith(NOTEBOOK_FIGURE_PREFIX)
        and figure_id.removeprefix(NOTEBOOK_FIGURE_PREFIX) in chapter_numbers
    }


def one_number_per_chart(app: Sphinx, env: BuildEnvironment) -> None:
    """After Sphinx has numbered the figures (``env-get-updated``): a repeated chart takes its chapter
    figure's number, and the page's other figures are counted without it. Returns the pages to rewrite."""
    rewrite = []
    for docname, kinds in env.toc_fignumbers.items():
        figures = kinds.get("figure", {})
        repeated = repeated_charts(env, docname)
        if not repeated:
            continue
        renumbered = dict(repeated)
        own = sorted((number, figure_id) for figure_id, number in figures.items() if figure_id not in repeated)
        for position, (number, figure_id) in enumerate(own, start=1):
            renumbered[figure_id] = (*number[:-1], position)
        if renumbered != figures:
            figures.update(renumbered)
            rewrite.append(docname)
    return rewrite


def _is_numbered(env: BuildEnvironment, docname: str) -> bool:
    return bool(env.toc_secnumbers.get(docname, {}).get(""))


# LaTeX: \chapter numbers (and adds to the counter) only while secnumdepth > -1; the depth Sphinx and the
# class set is kept, to be restored where the numbered chapters begin again.
UNNUMBERED = (r"\ifdefined\azedNumberedDepth\else\edef\azedNumberedDepth{\the\value{secnumdepth}}\fi"
              r"\setcounter{secnumdepth}{-1}")
NUMBERED = r"\setcounter{secnumdepth}{\azedNumberedDepth}"


def _latex_chapters_as_in_html(env: BuildEnvironment, doctree: nodes.document):
    numbered = True  # LaTeX's own start: every \chapter numbered
    for chapter in list(doctree.findall(addnodes.start_of_file)):
        wanted = _is_numbered(env, chapter["docname"])
        if wanted != numbered:
            chapter.insert(0, nodes.raw("", NUMBERED if wanted else UNNUMBERED, format="latex"))
            numbered = wanted


def _latex_figures_as_in_html(env: BuildEnvironment, doctree: nodes.document):
    """A repeated chart is printed with its chapter figure's number; LaTeX's figure counter is stepped
    back first, so the chapter's own figures keep counting from where they were."""
    for chapter in list(doctree.findall(addnodes.start_of_file)):
        repeated = repeated_charts(env, chapter["docname"])
        for figure in list(chapter.findall(nodes.figure)):
            ids = [figure_id for figure_id in figure["ids"] if figure_id in repeated]
            if not ids:
                continue
            number = ".".join(map(str, repeated[ids[0]]))
            before = (r"\begingroup\addtocounter{figure}{-1}"
                      rf"\renewcommand{{\thefigure}}{{{number}}}\renewcommand{{\theHfigure}}{{{ids[0]}}}")
            parent = figure.parent
            parent.insert(parent.index(figure), nodes.raw("", before, format="latex"))
            parent.insert(parent.index(figure) + 1, nodes.raw("", r"\endgroup", format="latex"))


def number_latex_as_html(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    if app.builder.format != "latex":
        return
    _latex_chapters_as_in_html(app.env, doctree)
    _latex_figures_as_in_html(app.env, doctree)


def setup(app: Sphinx) -> dict[str, Any]:
    # after Sphinx's own numbering (the toctree collector, at the default priority)
    app.connect("env-get-updated", one_number_per_chart, priority=900)
    app.connect("doctree-resolved", number_latex_as_html, priority=650)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
