"""Notebook outputs written for readers: no raw MyST or Markdown, no line running off the page, tables
that fit or scroll inside their own box (azedition.readable; edition.css and edition.js for the boxes), and
tables that print in the PDF as typeset tables within its text width (azedition.notebook_table; the PDF
itself is checked in tests/test_pdf.py)."""

from __future__ import annotations

import re
import shutil
import subprocess

import pandas as pd
import pytest
from IPython.core.formatters import DisplayFormatter
from myst_nb.core.render import MimeData

from azedition import bibliography, data, notebook_table, readable
from tools.browser import load

NOTEBOOK_PAGES = ["notebooks/party-membership.html", "notebooks/army-composition.html", "notebooks/chronology.html"]
RAW_MARKUP = re.compile(r"\{(?:cite|doc|ref|numref|person|place|org)[^}]*\}`|\*\*\S|\]\([^)]*\)")


def test_plain_text_renders_citations_and_drops_markup():
    note = data.apparatus().loc["lacuna-directive-490", "note"]
    assert "{cite}" in note and "**" in note  # the apparatus writes MyST
    text = readable.plain_text(note)
    assert not RAW_MARKUP.search(text), RAW_MARKUP.search(text)
    assert "(Arutiunov, n.d.)" in text and "What is known:" in text
    assert max(len(line) for line in text.splitlines()) <= readable.LINE_WIDTH


@pytest.mark.parametrize("page_path", NOTEBOOK_PAGES)
def test_notebook_tables_name_sources_as_the_chapters_cite_them(html_pages, page_path):
    """No table cell is a bibliography key or a paragraph id: "Quliyev 2008" and "¶5", not their keys."""
    keys = bibliography.keys() | set(data.PARAGRAPH_IDS) - {"infobox"}  # "infobox" is its own label
    cells = [cell.get_text(" ", strip=True) for cell in html_pages[page_path].select("div.cell_output table td, "
                                                                                     "div.cell_output table th")]
    assert cells, f"{page_path}: no table"
    shown = [token for cell in cells for token in re.split(r"[;,]\s*", cell) if token in keys]
    assert not shown, f"{page_path}: keys shown to the reader: {sorted(set(shown))}"


def test_a_source_column_or_index_is_cited_not_keyed():
    membership = data.table("membership")
    cited = readable.table(membership[["members", "source"]]).frame
    assert "¶5" in set(cited["source"]) and not set(cited["source"]) & bibliography.keys()
    grouped = readable.table(membership.groupby("source")["members"].agg(["count"])).frame
    assert "¶5" in grouped.index and not set(grouped.index) & (bibliography.keys() | {"p5"})


@pytest.mark.parametrize("page_path", NOTEBOOK_PAGES)
def test_notebook_outputs_have_no_raw_markup(html_pages, page_path):
    soup = html_pages[page_path]
    outputs = soup.select("div.cell_output")
    assert outputs, f"{page_path}: no outputs"
    for output in outputs:
        text = output.get_text()
        assert not RAW_MARKUP.search(text), f"{page_path}: raw markup in an output: {RAW_MARKUP.search(text)[0]}"


@pytest.mark.parametrize("width", [390, 1440])
def test_outputs_fit_or_scroll_in_their_own_box(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 900})
    try:
        page = context.new_page()
        for page_path in NOTEBOOK_PAGES:
            load(page, site_url + page_path)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{page_path} wider than the screen"
            boxes = page.evaluate("""() => [...document.querySelectorAll('article .cell_output .output')].map(box => {
                const style = getComputedStyle(box), rect = box.getBoundingClientRect();
                const inner = box.querySelector('pre') || box;
                return {table: !!box.querySelector('table'), right: rect.right,
                        scrolls: ['auto', 'scroll'].includes(style.overflowX) || ['auto', 'scroll'].includes(getComputedStyle(inner).overflowX),
                        overflow: Math.max(box.scrollWidth - box.clientWidth, inner.scrollWidth - inner.clientWidth),
                        focusable: box.tabIndex >= 0 || inner.tabIndex >= 0, text: box.textContent.slice(0, 40)};
            })""")
            assert boxes, page_path
            for box in boxes:
                assert box["right"] <= width + 1, f"{page_path}: output box runs off the screen: {box['text']!r}"
                if box["overflow"] > 1:
                    assert box["scrolls"], f"{page_path}: a wide output is cut off: {box['text']!r}"
                    if box["table"]:
                        assert box["focusable"], f"{page_path}: a scrolling table the keyboard cannot reach"
                if width >= 1440 and not box["table"]:
                    assert box["overflow"] <= 1, f"{page_path}: a printed line wider than the page: {box['text']!r}"
    finally:
        context.close()


# --- readable.table: one DataFrame, an HTML and a LaTeX table -----------------------------------

SPECIALS = "\\ & % $ # _ { } ~ ^ [ ] -- `` ''"
# a document set like the PDF's notebook outputs: A4, 1 in margins, 11 pt Libertinus, a 20 pt indent
LATEX_DOCUMENT = r"""\documentclass[11pt,a4paper]{article}
\usepackage[margin=1in]{geometry}
\usepackage{fontspec,longtable,booktabs,array,changepage,hyperref}
\setmainfont{LibertinusSerif}[Extension=.otf, UprightFont=*-Regular, BoldFont=*-Bold]
\begin{document}
\begin{adjustwidth}{20pt}{}
%s
\end{adjustwidth}
\end{document}
"""


def test_table_gives_jupyter_html_latex_and_text():
    units = data.table("order_of_battle")[["name", "strength", "note"]]
    bundle, _ = DisplayFormatter().format(readable.table(units))
    assert {"text/html", "text/latex", "text/plain"} <= set(bundle)
    assert '<table border="1" class="dataframe">' in bundle["text/html"]  # pandas' own HTML table
    longest = max(units["note"], key=len)
    assert len(longest) > 50 and longest.replace('"', "&quot;") in bundle["text/html"]  # no cell cut at 50
    latex = bundle["text/latex"]
    assert latex.startswith(notebook_table.MARKER)
    assert all(part in latex for part in (r"\begin{longtable}", r"\toprule", r"\midrule", r"\bottomrule",
                                          r"\textbf{strength}", "11th Red Army"))
    assert bundle["text/plain"] == repr(units)
    # a missing value reads as in the PDF, not as pandas' "<NA>"
    assert units["strength"].isna().any() and "&lt;NA&gt;" not in bundle["text/html"]
    assert f"<td>{notebook_table.MISSING}</td>" in bundle["text/html"]


def test_latex_escapes_every_special_character_in_cells_and_headers():
    assert notebook_table.latex_escape(SPECIALS) == (
        r"\textbackslash{} \& \% \$ \# \_ \{ \} \textasciitilde{} \textasciicircum{} {[} {]} -{}- "
        r"\textasciigrave{}\textasciigrave{} '{}'")
    frame = pd.DataFrame({"a_b & 50%": [SPECIALS], "#{x}": ["[1] ~ok^"]})
    latex = notebook_table.latex_table(frame)
    assert r"\textbf{a\_\allowbreak{}b \& 50\%}" in latex and r"\textbf{\#\{x\}}" in latex
    assert r"{[}1{]} \textasciitilde{}ok\textasciicircum{}" in latex


def test_index_printed_as_columns_unless_it_only_numbers_the_rows():
    frame = pd.DataFrame({"side": ["a", "a", "b"], "kind": ["x", "y", "x"], "n": [1, 2, 3]})
    numbered = notebook_table.latex_table(frame)
    assert r"\textbf{side} & \textbf{kind} & \textbf{n}" in numbered and "\n0 &" not in numbered
    grouped = notebook_table.latex_table(frame.set_index(["side", "kind"]))
    assert "a & x & 1" in grouped and " & y & 2" in grouped and "b & x & 3" in grouped  # a repeated "a" left blank
    assert r"\raggedleft" in grouped  # numbers align right


def test_myst_nb_renderer_passes_only_the_editions_tables_through_as_latex():
    table = notebook_table.latex_table(pd.DataFrame({"x": [1]}))
    (node,) = notebook_table.LatexTableRenderer.handle_mime(None, MimeData("text/latex", table), False)
    assert node["format"] == "latex" and node.astext() == table
    assert notebook_table.LatexTableRenderer.handle_mime(None, MimeData("text/latex", "$x^2$"), False) is None
    assert notebook_table.LatexTableRenderer.handle_mime(None, MimeData("text/plain", table), False) is None


def test_tables_compile_and_print_their_text_literally_within_the_width(tmp_path):
    """XeLaTeX sets a hostile table (every special character, words of 28 letters, nine columns, a long
    text) without an error or an overfull line, and prints every character as it was."""
    if shutil.which("xelatex") is None or shutil.which("pdftotext") is None:
        pytest.fail("xelatex or pdftotext is missing: run `make pdf`, which installs TeX Live")
    hostile = pd.DataFrame({
        "special characters": [SPECIALS, "50% of $3 & #4"],
        "bibliography keys": ["kvashonkin1996bolshevistskoe; preslib_resolution1920", "gse_baku_operation"],
        "note": ["A long note that must wrap over several lines of its column " * 4, "short"],
        **{f"column {n}": [n * 1000, n] for n in range(6)},
    })
    (tmp_path / "table.tex").write_text(LATEX_DOCUMENT % notebook_table.latex_table(hostile), "utf-8")
    run = subprocess.run(["xelatex", "-interaction=nonstopmode", "-halt-on-error", "table.tex"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=120)
    log = (tmp_path / "table.log").read_text("utf-8", errors="replace")
    assert run.returncode == 0, [line for line in log.splitlines() if line.startswith("!")]
    overfull = [float(w) for w in re.findall(r"Overfull \\hbox \(([\d.]+)pt too wide", log)]
    assert not [w for w in overfull if w > 1], overfull
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(tmp_path / "table.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    printed = text.replace("’", "'").split()  # ' prints as the book's apostrophe
    for cell in hostile.to_numpy().flatten().tolist() + list(hostile.columns):
        # each part of a cell that no line can break inside is printed as it is, in a word of the PDF
        for part in notebook_table._tokens(str(cell)):
            assert any(part in word for word in printed), (cell, part)
