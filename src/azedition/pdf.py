"""The PDF edition: Sphinx's LaTeX builder (XeLaTeX), set up to print the edition as a book.

Loaded as a Sphinx extension (``_config.yml``, ``sphinx: extra_extensions``) next to
``azedition.extension``; it changes nothing in the HTML build. It

- sets the LaTeX layout: A4, Libertinus Serif and Sans (which have every letter the edition prints:
  ə, ş, ğ, Cyrillic, ⟨ ⟩, ¶) and DejaVu Sans Mono, a title page with the title, the editors and the
  date, PDF metadata, and ``azedition.sty`` (the print styles of the edition's signs);
- repairs what the LaTeX writer loses of the edition's markup, once the extension's own links are
  resolved (``doctree-resolved``, after ``azedition.resolve.resolve_links``):

  * the ``ids`` of containers (witness paragraphs ``pN``, the infobox, register and apparatus
    entries) and of inlines (emendation marks) get a LaTeX label, so that every link to them works;
  * the paragraph number ``¶N`` (a link to itself in HTML) becomes a margin number;
  * links to witness paragraphs (``{para}``, the apparatus heads, the registers' back-links), to
    chapters and to the apparatus get the page number after them: a printed book is read by page;
  * an inline with several classes becomes nested inlines with one class each, so that
    ``azedition.sty`` styles each sign by one ``\\DUrole`` definition;
  * the rule MyST draws above a page's footnotes goes: in print the notes stand at the page foot;
  * the list of works cited, which Sphinx's LaTeX builder gathers at the very end of the book, is set
    in the chapter that holds the ``{bibliography}`` directive (under that chapter's own heading).

The fonts were chosen by checking their coverage: FreeSerif (Sphinx's default) lacks ⟨ ⟩ in bold and
italic and FreeSans lacks them altogether; Libertinus (Debian's texlive-fonts-extra) has them all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.builders.latex.nodes import thebibliography
from sphinx.errors import ExtensionError
from sphinx.util.i18n import format_date

PACKAGE_DIR = Path(__file__).resolve().parent
# Top and bottom margins of the text block, in PostScript points: the running head and foot lie
# outside it, which is how tests/test_pdf.py tells the book's text from them.
VERTICAL_MARGIN_PT = 72
STYLE_FILE = PACKAGE_DIR / "azedition.sty"

FONTS = r"""
\setmainfont{LibertinusSerif}[Extension=.otf, UprightFont=*-Regular, BoldFont=*-Bold,
  ItalicFont=*-Italic, BoldItalicFont=*-BoldItalic]
\setsansfont{LibertinusSans}[Extension=.otf, UprightFont=*-Regular, BoldFont=*-Bold,
  ItalicFont=*-Italic, BoldItalicFont=*-Bold]
\setmonofont{DejaVu Sans Mono}[Scale=MatchLowercase]
"""

PREAMBLE = r"""
\usepackage{azedition}
\hypersetup{pdfsubject={A critical edition of the Wikipedia article 'Red Army invasion of Azerbaijan'},
  pdfkeywords={Azerbaijan, 1920, Red Army, critical edition}, pdflang={en}}
\setcounter{tocdepth}{1}
\setlength{\headheight}{14pt}
\emergencystretch=2em
"""

# The title page; it also fills the PDF's metadata (title, author), as Sphinx's own title page does,
# and switches page anchors off while it is set, so that its page and page 1 do not share a name.
TITLE_PAGE = r"""
\begingroup
  \def\and{\& }\pdfstringdefDisableCommands{\def\\{, }}%
  \hypersetup{pdfauthor={\@author}, pdftitle={\@title}}%
\endgroup
\hypersetup{pageanchor=false}
\begin{titlepage}
  \centering
  \vspace*{0.18\textheight}
  {\Huge\bfseries\@title\par}
  \vspace{3em}
  {\large Edited by\par\medskip \Large\@author\par}
  \vfill
  {\large\@date\par}% replaced by the date of the build
  \medskip
  {\small The witness: the English Wikipedia article “Red Army invasion of Azerbaijan”, CC BY-SA 4.0.\\
   This edition: CC BY-SA 4.0 (text), MIT (code).\par}
\end{titlepage}
\hypersetup{pageanchor=true}
"""


def configure_latex(app, config):
    """Set the LaTeX layout; a key the project sets itself in ``latex_elements`` wins."""
    elements = config.latex_elements
    for key, value in {
        "papersize": "a4paper",
        "pointsize": "11pt",
        # One-sided, chapters on the next page: the PDF is read on screen as much as printed.
        "extraclassoptions": "openany,oneside",
        "fontpkg": FONTS,
        "fncychap": r"\usepackage[Sonny]{fncychap}",
        # The date of the build (or SOURCE_DATE_EPOCH's, for a reproducible build): "27 November 2026".
        "maketitle": r"\makeatletter" + TITLE_PAGE.replace(
            r"\@date", format_date("%d %B %Y", language=config.language)) + r"\makeatother",
        # A chart stands where the chapter puts it, after the paragraph it charts, as in the HTML:
        # a float would carry it into the middle of another paragraph's sentence.
        "figure_align": "H",
        "printindex": "",  # the edition's registers are its index; Sphinx's own index would be empty
        "sphinxsetup": f"vmargin={{{VERTICAL_MARGIN_PT}bp,{VERTICAL_MARGIN_PT}bp}}, hmargin={{1in,1in}}, "
                       "InnerLinkColor={HTML}{0A4C74}, OuterLinkColor={HTML}{0A4C74}",
    }.items():
        elements.setdefault(key, value)
    # sphinx-jupyterbook-latex appends its preamble to this one at the same event.
    elements["preamble"] = PREAMBLE + elements.get("preamble", "")


def _elements_with_docname(node, docname):
    """Every element of the LaTeX builder's assembled tree, with the document it came from.

    Walked from the top because ``inline_all_toctrees`` moves each document's children under a
    ``start_of_file`` node without updating their ``parent``, so walking up would not find it.
    """
    for child in node.children:
        if isinstance(child, addnodes.start_of_file):
            yield from _elements_with_docname(child, child["docname"])
        elif isinstance(child, nodes.Element):
            yield child, docname
            yield from _elements_with_docname(child, docname)


def _latex_label(docname, node_id):
    # The same label the LaTeX writer gives a target (LaTeXTranslator.hypertarget).
    return rf"\phantomsection\label{{\detokenize{{{docname}:{node_id}}}}}"


def _label_ids_the_writer_drops(doctree, docname):
    """Give a LaTeX label to the ids of containers and inlines, which the LaTeX writer leaves out."""
    dropped = [(node, source) for node, source in _elements_with_docname(doctree, docname)
               if isinstance(node, (nodes.container, nodes.inline)) and node["ids"]]
    for node, source in dropped:
        label = nodes.raw("", "".join(_latex_label(source, i) for i in node["ids"]), format="latex")
        first = node.children[0] if node.children else None
        if isinstance(node, nodes.container) and isinstance(first, nodes.paragraph):
            first.insert(0, label)
        else:
            node.insert(0, label)


def _paragraph_numbers_in_margin(doctree):
    for reference in list(doctree.findall(nodes.reference)):  # the HTML's self-link
        if "pnum" in reference["classes"]:
            number = nodes.inline("", reference.astext(), classes=["pnum"])
            reference.replace_self(number)


# Links a print reader follows by page: to witness paragraphs, to chapters ({doc}), to labelled
# places ({ref}) and the editors' links into the apparatus. Mentions of names in the witness's text are
# left without, or every line of it would carry page numbers.
PAGE_REFERENCED_CLASSES = {"para-ref", "doc", "std-ref", "app-ref"}


def _page_numbers_after_cross_references(doctree):
    for reference in list(doctree.findall(nodes.reference)):
        uri = reference.get("refuri", "")
        in_backlinks = isinstance(reference.parent, nodes.paragraph) and "backlinks" in reference.parent["classes"]
        wanted = any(PAGE_REFERENCED_CLASSES & set(child.get("classes", [])) for child in reference.children
                     if isinstance(child, nodes.Element))
        if not uri.startswith("%") or not (in_backlinks or wanted):
            continue
        target = uri[1:].replace("#", ":") if "#" in uri else uri[1:] + "::doc"
        page = nodes.raw("", rf"~(p.\,\pageref{{\detokenize{{{target}}}}})", format="latex")
        reference.parent.insert(reference.parent.index(reference) + 1, page)


def _one_class_per_inline(doctree):
    for inline in list(doctree.findall(nodes.inline)):
        while len(inline["classes"]) > 1:
            outer_class, *inner_classes = inline["classes"]
            inner = nodes.inline("", "", *inline.children, classes=inner_classes)
            inline.children = []
            inline["classes"] = [outer_class]
            inline += inner
            inline = inner


def _bibliography_in_its_chapter(app, doctree):
    lists = list(doctree.findall(thebibliography))
    try:
        bibliography_docs = {key.docname for key in app.env.get_domain("cite").bibliographies}
    except ExtensionError:  # sphinxcontrib-bibtex not loaded
        return
    chapter = next((node for node in doctree.findall(addnodes.start_of_file)
                    if node["docname"] in bibliography_docs), None)
    section = next(iter(chapter.findall(nodes.section)), None) if chapter is not None else None
    if not lists or section is None:
        return
    for works in lists:
        works.parent.remove(works)
        section += nodes.raw("", r"\begingroup\azedBibliographyInItsChapter", format="latex")
        section += works
        section += nodes.raw("", r"\endgroup", format="latex")


def _no_rule_above_footnotes(doctree):
    for rule in list(doctree.findall(nodes.transition)):
        if "footnotes" in rule["classes"]:
            rule.parent.remove(rule)


def prepare_for_latex(app, doctree, docname):
    """Repair what the LaTeX writer would lose of the edition's markup (see the module docstring)."""
    if app.builder.format != "latex":
        return
    _label_ids_the_writer_drops(doctree, docname)
    _paragraph_numbers_in_margin(doctree)
    _page_numbers_after_cross_references(doctree)
    _one_class_per_inline(doctree)
    _bibliography_in_its_chapter(app, doctree)
    _no_rule_above_footnotes(doctree)


def copy_style(app, exception):
    if exception is None and app.builder.format == "latex":
        shutil.copy(STYLE_FILE, Path(app.outdir) / STYLE_FILE.name)


def setup(app):
    app.connect("config-inited", configure_latex)
    # After azedition.resolve.resolve_links (priority 500) has turned the marks into references.
    app.connect("doctree-resolved", prepare_for_latex, priority=600)
    app.connect("build-finished", copy_style)
    return {"version": "0.1", "parallel_read_safe": True, "parallel_write_safe": True}
