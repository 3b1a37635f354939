"""The PDF edition (`make pdf`, which `make test` runs first): a real book, complete, linked, clean.

The PDF is read with poppler's tools, as a reader's software would: `pdftotext` for the text (with
word boxes, so that running heads, feet and footnotes can be told from the body), `pdffonts`,
`pdfinfo`, `pdfimages` and `pdftohtml -xml` (for the bookmarks). The LaTeX log is read for errors,
missing glyphs, undefined references and overfull lines.
"""

from __future__ import annotations

import json
import re
import shutil
import statistics
import subprocess
import unicodedata
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

import pytest
import yaml
from bs4 import BeautifulSoup

from azedition import notebook_table
from azedition.paths import BUILD_DIR, PROJECT_ROOT
from azedition.pdf import VERTICAL_MARGIN_PT

from support.sources import witness_sentences

LATEX_DIR = BUILD_DIR / "latex"
PDF_PATH = LATEX_DIR / "azedition.pdf"
LOG_PATH = LATEX_DIR / "azedition.log"
TEX_PATH = LATEX_DIR / "azedition.tex"
A4_WIDTH_PT = 595.28
MAX_OVERFULL_PT = 3.0  # "a few points": more would show as a line sticking into the margin
MIN_RASTER_PPI = 200
POPPLER = ("pdftotext", "pdffonts", "pdfinfo", "pdfimages", "pdftohtml")
# The editors' signs inside the witness's text (see book/front/how-to-read.md); they are not witness.
EDITORIAL_SIGNS = re.compile(r"\[recte:[^\]]*\]|\[… lacuna …\]|⟨[^⟩]*⟩|¶\d+|°")


def _run(*command: str) -> str:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=300).stdout


@pytest.fixture(scope="session")
def pdf_path():
    missing = [tool for tool in POPPLER if shutil.which(tool) is None]
    if missing:
        pytest.fail(f"poppler-utils is missing ({', '.join(missing)}): run `make test`, which installs it")
    if not PDF_PATH.exists():
        pytest.fail(f"{PDF_PATH} is not built: run `make test`, which runs `make pdf` first")
    return PDF_PATH


@pytest.fixture(scope="session")
def pdf_text(pdf_path) -> str:
    return _run("pdftotext", "-enc", "UTF-8", str(pdf_path), "-")


@dataclass
class Word:
    page: int
    text: str
    x_min: float
    y_min: float
    y_max: float
    page_height: float

    @property
    def height(self) -> float:
        return self.y_max - self.y_min


@pytest.fixture(scope="session")
def pdf_words(pdf_path) -> list[Word]:
    """Every word of the PDF with its page and box, in pdftotext's reading order."""
    words = []
    bbox = BeautifulSoup(_run("pdftotext", "-enc", "UTF-8", "-bbox", str(pdf_path), "-"), "html.parser")
    for number, page in enumerate(bbox.find_all("page"), start=1):
        page_height = float(page["height"])
        for word in page.find_all("word"):
            words.append(Word(number, word.get_text(), float(word["xmin"]), float(word["ymin"]),
                              float(word["ymax"]), page_height))
    assert words, "pdftotext found no text in the PDF"
    return words


@pytest.fixture(scope="session")
def body_text(pdf_words) -> str:
    """The running text of the book: without running heads and feet (outside the text block) and
    without footnotes and footnote marks (set smaller than the text), so that a sentence broken by a
    page break or a note reads through."""
    body_height = statistics.median(w.height for w in pdf_words)
    kept = [w.text for w in pdf_words
            if w.y_min >= VERTICAL_MARGIN_PT - 1 and w.y_max <= w.page_height - VERTICAL_MARGIN_PT + 1
            and w.height >= 0.87 * body_height]
    return " ".join(kept)


@pytest.fixture(scope="session")
def latex_log(pdf_path) -> str:
    return LOG_PATH.read_text("utf-8", errors="replace")


@pytest.fixture(scope="session")
def bookmarks(pdf_path) -> list[str]:
    outline = ElementTree.fromstring(_run("pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf_path)))
    return ["".join(item.itertext()) for item in outline.iter("item") if "page" in item.attrib]


def _squeeze(text: str) -> str:
    """Text with the differences of typesetting removed: line breaks, hyphenation, ligatures."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"[\s\-\u00ad\u2010\u2011]+", "", text)


def _with_note_marks(squeezed: str) -> re.Pattern:
    """The sentence, letting a footnote mark (one or two digits set on the line by pdftotext) follow
    any character: the marks are the editors', and every witness character must still be there."""
    return re.compile("".join(re.escape(c) + r"(?:\d{1,2})?" for c in squeezed))


@pytest.fixture(scope="session")
def all_articles(html_dir) -> dict[str, object]:
    """The article of every page the HTML book has, the notebooks' pages included."""
    articles = {}
    for path in sorted(html_dir.rglob("*.html")):
        relative = path.relative_to(html_dir)
        if relative.parts[0].startswith(("_", ".")) or relative.stem in ("genindex", "search"):
            continue  # Sphinx's own pages and static files, and any hidden left-over
        article = BeautifulSoup(path.read_text("utf-8"), "html.parser").select_one("article")
        if article is not None:
            articles[str(relative)] = article
    return articles


# --- the file, its link, its metadata ----------------------------------------------------------


def test_pdf_is_copied_into_the_html_book_and_linked_from_the_front_page(pdf_path, html_dir, html_pages):
    copy = html_dir / "azedition.pdf"
    assert copy.read_bytes() == pdf_path.read_bytes(), "the HTML book's PDF is not the one just built"
    front = "book/index.html"
    links = [a["href"] for a in html_pages[front].select("article a[href$='.pdf']")]
    assert links, "the front page has no link to the PDF"
    for href in links:
        target = urlparse(urljoin(front, href)).path
        assert (html_dir / target).resolve() == copy.resolve(), href


def test_pdf_metadata_names_title_and_editors(pdf_path):
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text("utf-8"))
    info = dict(line.split(":", 1) for line in _run("pdfinfo", str(pdf_path)).splitlines() if ":" in line)
    assert info["Title"].strip() == config["title"]
    assert info["Author"].strip() == config["author"]
    assert int(info["Pages"]) >= 20


def test_title_page_has_title_editors_and_date(pdf_path):
    config = yaml.safe_load((PROJECT_ROOT / "_config.yml").read_text("utf-8"))
    first_page = " ".join(_run("pdftotext", "-f", "1", "-l", "1", str(pdf_path), "-").split())
    assert " ".join(config["title"].split()) in first_page
    assert "Edited by" in first_page and config["author"] in first_page
    assert re.search(r"\b\d{1,2} (January|February|March|April|May|June|July|August|September|October"
                     r"|November|December) \d{4}\b", first_page)


def test_every_font_is_embedded(pdf_path):
    rows = _run("pdffonts", str(pdf_path)).splitlines()[2:]
    assert rows, "pdffonts lists no font"
    # columns: name, type (may contain spaces), encoding, emb, sub, uni, object, generation
    not_embedded = [row for row in rows if row.split()[-5] != "yes"]
    assert not not_embedded, not_embedded


# --- the text ----------------------------------------------------------------------------------


def test_every_witness_sentence_is_in_the_pdf(body_text):
    shown = _squeeze(EDITORIAL_SIGNS.sub("", body_text))
    sentences = witness_sentences()
    assert len(sentences) > 60
    missing = [s for s in sentences if not _with_note_marks(_squeeze(s)).search(shown)]
    assert not missing, f"{len(missing)} witness sentences not found in the PDF, first: {missing[:3]}"


def test_paragraph_numbers_stand_in_the_margin_in_reading_order(pdf_words):
    # The number of a witness paragraph stands at the text block's left edge, left of the paragraph,
    # which is indented: the rest of its line starts well to the right of the number (about 28 pt from the
    # edge). A cross-reference ¶N that opens a justified line of the apparatus is followed by one space,
    # which justification may stretch to about 20 pt from the edge: 24 pt tells the two apart.
    left_edge = min(w.x_min for w in pdf_words)
    numbers = []
    for word in pdf_words:
        if not (re.fullmatch(r"¶\d+", word.text) and word.x_min <= left_edge + 1):
            continue
        line = [w for w in pdf_words if w.page == word.page and w is not word and abs(w.y_max - word.y_max) < 3]
        if line and min(w.x_min for w in line) >= left_edge + 24:
            numbers.append((word.page, word.y_min, word.text))
    assert [text for _, _, text in sorted(numbers)] == [f"¶{n}" for n in range(1, 15)]


def test_apparatus_and_register_links_give_page_numbers(pdf_text):
    text = " ".join(pdf_text.split())
    page_refs = re.findall(r"¶\d+ \(p\. ?(\d+)\)", text)
    assert len(page_refs) > 30
    assert all(1 <= int(page) <= 10_000 for page in page_refs)


def test_no_unresolved_reference(pdf_text, latex_log):
    assert "??" not in pdf_text
    undefined = re.findall(r"(?:Hyper r|R)eference `[^']*' on page \d+ undefined", latex_log)
    assert not undefined, undefined[:5]
    assert "There were undefined references" not in latex_log


def test_every_letter_of_the_html_book_is_printed(all_articles, pdf_text):
    """Unicode throughout: each letter or sign the HTML book shows (ə, ş, ğ, Cyrillic, ⟨ ⟩, ¶) is in the PDF."""
    shown = set(unicodedata.normalize("NFC", pdf_text))
    needed = set()
    for article in all_articles.values():
        for char in unicodedata.normalize("NFC", article.get_text()):
            if ord(char) > 127 and (unicodedata.category(char).startswith("L") or char in "⟨⟩¶"):
                needed.add(char)
    assert "⟨" in needed
    assert not needed - shown, sorted(needed - shown)


# --- the book's structure ----------------------------------------------------------------------


def test_every_page_of_the_html_book_is_a_chapter_with_a_bookmark(all_articles, bookmarks):
    assert bookmarks, "the PDF has no bookmarks"
    marked = {" ".join(b.split()) for b in bookmarks}
    missing = []
    for page, article in all_articles.items():
        heading = article.select_one("h1")
        if page in ("book/index.html", "index.html") or heading is None:
            continue  # the front page is the PDF's front matter, before the first part
        # The HTML numbers the text's chapters ("3. ⟨…⟩"); the PDF's bookmarks do not.
        title = re.sub(r"^\d+(\.\d+)*\.? ", "", " ".join(heading.get_text().replace("#", "").split()))
        if title not in marked:
            missing.append((page, title))
    assert not missing, missing


def test_table_of_contents_lists_the_chapters(pdf_path, bookmarks):
    contents = " ".join(_run("pdftotext", "-f", "2", "-l", "4", str(pdf_path), "-").split())
    assert "Contents" in contents
    chapters = [b for b in bookmarks if b.startswith("⟨")]
    assert len(chapters) == 8
    assert all(" ".join(chapter.split()) in contents for chapter in chapters)


def test_footnotes_are_real_footnotes(all_articles, pdf_text):
    """The commentary's footnotes (where the book has them) are LaTeX footnotes, set at the page foot."""
    # In the HTML the notes are side notes (each printed twice: in the margin and, for narrow
    # screens, inline); elsewhere plain footnotes. Either way, one text per note.
    notes = {}
    for article in all_articles.values():
        for note in article.select("span.sidenote, .footnote-list > .footnote, aside.footnote, dl.footnote > dd"):
            note = note.__copy__()
            for number in note.select("sup, .label"):
                number.decompose()
            words = " ".join(note.get_text().split()[:11])
            notes[words] = note
    chapters_with_notes = [p for p in (PROJECT_ROOT / "book" / "text").glob("*.md")
                           if re.search(r"^\[\^[^\]]+\]:", p.read_text("utf-8"), re.M)]
    assert chapters_with_notes, "no chapter has a commentary note"
    assert len(notes) >= len(chapters_with_notes), "the chapters have notes but the HTML shows none"
    tex = TEX_PATH.read_text("utf-8")
    assert tex.count(r"\begin{footnote}") + tex.count(r"\begin{footnotetext}") >= len(notes)
    shown = _squeeze(re.sub(r"\s*\(p\.\s*\d+\)", "", pdf_text))  # the PDF adds page numbers to links
    for words in notes:
        assert _squeeze(words) in shown, words


def test_bibliography_and_glossary_entries_are_printed(all_articles, pdf_text):
    """Each work of the HTML bibliography and each glossary term (where the book has them) is in the PDF."""
    works = [work for article in all_articles.values() for work in article.select("div.citation")]
    terms = [term for article in all_articles.values() for term in article.select("dl.glossary > dt")]
    assert works, "the HTML book has no bibliography entry"
    assert terms, "the HTML book has no glossary term"
    shown = _squeeze(pdf_text)
    for work in works:
        label = work.select_one(".label").get_text().strip("[]")
        text = " ".join(work.select_one("p").get_text().split()[:12])
        assert _squeeze(f"[{label}]") in shown and _squeeze(text) in shown, text
    for term in terms:
        assert _squeeze(term.get_text().replace("#", "")) in shown, term.get_text()


def test_figures_are_printed_with_numbers_captions_and_resolution(all_articles, pdf_path, pdf_text):
    """Every image the HTML book shows (the notebooks' charts) is in the PDF, vector or at least 200 ppi;
    every figure has its number and caption there."""
    images = [img for article in all_articles.values() for img in article.select("img[src*='_images/']")]
    notebooks = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
    assert notebooks, "the project has no notebook"
    assert images, f"the notebooks {[n.name for n in notebooks]} exist but the book shows no figure"
    tex = TEX_PATH.read_text("utf-8")
    graphics = re.findall(r"\\sphinxincludegraphics(?:\[[^\]]*\])?\{\{?([^}]+)\}", tex)
    assert len(graphics) >= len(images), "fewer images in the LaTeX source than in the HTML book"
    figures = [figure for article in all_articles.values() for figure in article.select("figure:has(img)")]
    numbers = set(re.findall(r"Fig(?:ure|\.)\s*(\d+(?:\.\d+)?)", pdf_text))
    # one number per chart (azedition.numbering): a chart shown in a chapter and on its notebook's page
    # has the same number twice; every number of the HTML is printed
    html_numbers = {figure.select_one(".caption-number").get_text().split()[-1] for figure in figures}
    assert html_numbers <= numbers, f"figure numbers of the HTML not in the PDF: {html_numbers - numbers}"
    shown = _squeeze(pdf_text)
    for figure in figures:
        caption = figure.select_one("figcaption")
        assert caption is not None, "a figure of the HTML book has no caption"
        words = " ".join(caption.get_text().replace("#", "").split()[2:12])  # after "Fig. N"
        assert _squeeze(words) in shown, words
    rows = _run("pdfimages", "-list", str(pdf_path)).splitlines()[2:]
    low = [row for row in rows
           if row.split()[2] == "image" and min(int(row.split()[12]), int(row.split()[13])) < MIN_RASTER_PPI]
    assert not low, f"raster figures below {MIN_RASTER_PPI} ppi (draw them as vector PDF or at 200 dpi): {low}"


# --- the LaTeX run -----------------------------------------------------------------------------


def test_latex_log_has_no_errors_or_missing_glyphs(latex_log):
    errors = [line for line in latex_log.splitlines() if line.startswith("!")]
    assert not errors, errors[:5]
    missing = re.findall(r"Missing character: There is no (.) ", latex_log)
    assert not missing, sorted(set(missing))


def test_latex_log_has_no_overfull_box_wider_than_a_few_points(latex_log):
    overfull = [float(width) for width in re.findall(r"Overfull \\[hv]box \(([\d.]+)pt too", latex_log)]
    assert not [w for w in overfull if w > MAX_OVERFULL_PT], sorted(overfull, reverse=True)[:5]


# --- the notebooks' tables (azedition.notebook_table) ------------------------------------------


@dataclass
class NotebookTable:
    notebook: str
    html: BeautifulSoup
    plain: str
    latex: str | None


@pytest.fixture(scope="session")
def notebook_tables(pdf_path) -> list[NotebookTable]:
    """Every output of the executed notebooks (the build's, which the PDF printed) that is a table."""
    tables = []
    for path in sorted((BUILD_DIR / "jupyter_execute" / "notebooks").glob("*.ipynb")):
        for cell in json.loads(path.read_text("utf-8"))["cells"]:
            for output in cell.get("outputs", []):
                bundle = {kind: "".join(value) if isinstance(value, list) else value
                          for kind, value in output.get("data", {}).items()}
                html = BeautifulSoup(bundle.get("text/html", ""), "html.parser").find("table")
                if html is not None:
                    tables.append(NotebookTable(path.stem, html, bundle.get("text/plain", ""),
                                                bundle.get("text/latex")))
    assert tables, "the executed notebooks have no table output: run `make book`"
    return tables


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text)


def test_notebook_tables_are_latex_tables_in_the_pdf_source(notebook_tables):
    tex = TEX_PATH.read_text("utf-8")
    for table in notebook_tables:
        assert table.latex and table.latex.startswith(notebook_table.MARKER), (
            f"{table.notebook}: a table without the edition's LaTeX (shown without readable.table?): "
            f"{table.plain[:80]!r}")
        assert table.latex in tex, f"{table.notebook}: a table's LaTeX is not in azedition.tex"
    assert tex.count(notebook_table.MARKER) == len(notebook_tables)


def test_no_notebook_table_prints_as_verbatim_text(notebook_tables):
    """The text pandas prints for a table (the ↪-wrapped, \\-continued blocks) is in no output's verbatim block."""
    tex = TEX_PATH.read_text("utf-8")
    outputs = re.findall(r"\\begin\{sphinxuseclass\}\{cell_output\}(.*?)\\end\{sphinxuseclass\}", tex, re.S)
    verbatim = [" ".join(_words(re.sub(r"\\PYGZ\w+\{\}", " ", block)))
                for output in outputs for block in re.findall(r"\\begin\{sphinxVerbatim\}(.*?)\\end\{sphinxVerbatim\}",
                                                               output, re.S)]
    assert verbatim, "no notebook output is printed as text: the test would see nothing"
    for table in notebook_tables:
        start = " ".join(_words(" ".join(table.plain.splitlines()[:3])))  # the headers and the first row
        assert len(start.split()) >= 3 and not any(start in block for block in verbatim), (
            f"{table.notebook}: a table is printed as pandas' text: {table.plain.splitlines()[:3]!r}")


@dataclass
class TextRun:
    page: int
    top: float
    left: float
    right: float
    family: str
    bold: bool
    text: str


@pytest.fixture(scope="session")
def pdf_text_runs(pdf_path) -> list[TextRun]:
    """Every run of text in the PDF as poppler's pdftohtml sees it, in PostScript points, with its font."""
    document = ElementTree.fromstring(_run("pdftohtml", "-xml", "-i", "-q", "-stdout", str(pdf_path)))
    runs, fonts = [], {}
    for page in document.iter("page"):
        scale = float(page.get("width")) / A4_WIDTH_PT  # pdftohtml zooms by 1.5
        # a font is declared on the first page that uses it
        fonts.update({spec.get("id"): spec.get("family", "") for spec in page.iter("fontspec")})
        for text in page.iter("text"):
            left, width = float(text.get("left")) / scale, float(text.get("width")) / scale
            runs.append(TextRun(int(page.get("number")), float(text.get("top")) / scale, left, left + width,
                                fonts.get(text.get("font"), ""), text.find("b") is not None,
                                "".join(text.itertext()).strip()))
    return runs


def _headers(table: NotebookTable) -> list[str]:
    """The table's headers left to right: the index's names (pandas' second header row), then the columns'."""
    rows = [[cell.get_text(" ", strip=True) for cell in row.find_all("th")] for row in table.html.select("thead tr")]
    return [header for row in rows[1:2] + rows[:1] for header in row if header]


def test_notebook_tables_print_as_typeset_tables_that_keep_every_cell(notebook_tables, pdf_text_runs, pdf_text):
    """Each table's headers stand on one line in the book's bold serif (a verbatim block would print them in
    the plain monospace), left to right, within the text block; and every cell's text is printed whole
    (pandas' text cut cells at 50 characters)."""
    text_right = A4_WIDTH_PT - 72  # 1 in margins
    squeezed_pdf = _squeeze(pdf_text)
    for table in notebook_tables:
        headers = _headers(table)
        first_pieces = [re.split(r"(?<=_)|\s", header)[0] for header in headers]  # a header may wrap
        pattern = re.compile(".*".join(re.escape(piece) for piece in first_pieces))
        header_runs = [run for run in pdf_text_runs if run.bold and "LibertinusSerif" in run.family]
        lines = sorted({(run.page, round(run.top)) for run in header_runs if run.text.startswith(first_pieces[0])})
        typeset = next((line for line in ([run for run in header_runs if run.page == page and abs(run.top - top) < 1.5]
                                          for page, top in lines)
                        if pattern.search(" ".join(run.text for run in sorted(line, key=lambda run: run.left)))),
                       None)
        assert typeset, f"{table.notebook}: the headers {headers} are not on one line in the bold serif of a table"
        typeset.sort(key=lambda run: run.left)
        assert typeset[-1].right <= text_right + 1, f"{table.notebook}: the table {headers} runs into the margin"
        for cell in table.html.select("tbody td"):
            assert _printed(cell.get_text(" ", strip=True)) in squeezed_pdf, (
                f"{table.notebook}: the cell {cell.get_text(strip=True)!r} is cut or missing")


def _printed(html_cell: str) -> str:
    """A cell of pandas' HTML as the PDF prints it: a missing value as a dash, no trailing zeros."""
    if html_cell in ("<NA>", "NaN", "NaT", "None"):
        return notebook_table.MISSING
    return _squeeze(re.sub(r"^(-?\d+\.\d*?)0+$", r"\1", html_cell).removesuffix("."))
