"""One numbering in every edition: a chapter's and a figure's number are the same in the HTML book, on the
notebook pages and in the PDF (azedition.numbering), so that "chapter 6" and "Fig. 6.1" are cited safely.

The HTML numbers are read from the built pages (the heading's section number, the caption's "Fig. N.M");
the PDF's from its text as poppler's `pdftotext` gives it (the table of contents and the captions).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from collections import defaultdict

import pytest

from azedition.paths import BUILD_DIR

PDF_PATH = BUILD_DIR / "latex" / "azedition.pdf"
CHARTED_IN_CHAPTERS = {"congress-composition", "membership", "order-of-battle"}


def _words(text: str, count: int = 10) -> str:
    return " ".join(text.replace("#", "").split()[:count])


def _squeeze(text: str) -> str:
    # pdftotext breaks lines and hyphenates; compare the letters only
    return re.sub(r"[\W_]+", "", text.replace("\u00ad", "")).lower()


@pytest.fixture(scope="module")
def pdf_text() -> str:
    if shutil.which("pdftotext") is None or not PDF_PATH.exists():
        pytest.fail(f"{PDF_PATH} or pdftotext is missing: run `make test`, which runs `make pdf` first")
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(PDF_PATH), "-"], check=True,
                          capture_output=True, text=True, timeout=300).stdout


@pytest.fixture(scope="module")
def html_chapters(html_pages) -> dict[str, str | None]:
    """Each page's title -> its chapter number in the HTML (None where it has none)."""
    chapters = {}
    for page, soup in html_pages.items():
        heading = soup.select_one("article h1")
        if heading is None or page == "book/index.html":
            continue
        number = heading.select_one(".section-number")
        title = " ".join(heading.get_text().replace("#", "").split())
        if number is not None:
            title = title.removeprefix(number.get_text().strip()).strip()
        chapters[title] = number.get_text().strip().rstrip(".") if number is not None else None
    return chapters


@pytest.fixture(scope="module")
def html_figures(html_pages) -> dict[str, set[str]]:
    """Each figure's caption (its first words) -> the numbers it has in the HTML pages."""
    figures = defaultdict(set)
    for soup in html_pages.values():
        for caption in soup.select("figure figcaption"):
            number = caption.select_one(".caption-number")
            assert number is not None, f"a figure without a number: {_words(caption.get_text())}"
            label = re.fullmatch(r"Fig\. (\d+(?:\.\d+)*)", number.get_text().strip())
            assert label, number.get_text()
            text = caption.select_one(".caption-text") or caption
            figures[_words(text.get_text())].add(label[1])
    return figures


def test_html_numbers_the_text_and_the_notebooks_as_chapters_one_to_eleven(html_chapters, html_pages):
    numbers = sorted(int(number) for number in html_chapters.values() if number)
    assert numbers == list(range(1, 12)), numbers
    for page, soup in html_pages.items():
        heading = soup.select_one("article h1 .section-number")
        if page.startswith(("book/front/", "book/apparatus/")):
            assert heading is None, f"{page}: front matter and apparatus have no chapter number"
    assert html_chapters["⟨Overview⟩"] == "1"


def test_pdf_chapters_have_the_html_numbers(html_chapters):
    """The PDF's table of contents lists each chapter with the number the HTML gives it, and the front
    matter and the apparatus with none."""
    layout = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", "-l", "6", str(PDF_PATH), "-"],
                            check=True, capture_output=True, text=True, timeout=300).stdout
    contents = layout[layout.index("Contents"):]
    # "6 ⟨The cabinet crisis and the invasion⟩     21", "How to read this edition     3"
    entries = {}
    for line in contents.splitlines():
        entry = re.fullmatch(r"\s*(?:(\d+)\s+)?(\S.*?)\s{2,}[\divx]+\s*", line)
        if entry and entry[2] not in entries:
            entries[" ".join(entry[2].split())] = entry[1]
    assert len(entries) >= 20, "the PDF's table of contents was not found"
    for title, number in html_chapters.items():
        assert title in entries, f"{title!r} is not a line of the PDF's table of contents"
        assert entries[title] == number, f"{title!r}: chapter {number} in the HTML, {entries[title]} in the PDF"


def test_each_chart_has_one_number_and_the_same_in_the_pdf(html_figures, pdf_text):
    assert len(html_figures) >= 4
    for caption, numbers in html_figures.items():
        assert len(numbers) == 1, f"one chart, several numbers in the HTML: {numbers} for {caption!r}"
    printed = defaultdict(set)
    for number, caption in re.findall(r"Fig\.\s*(\d+(?:\.\d+)*):\s*(.{0,400})", pdf_text, re.S):
        printed[_squeeze(caption)[:60]].add(number)
    for caption, numbers in html_figures.items():
        in_pdf = {n for key, ns in printed.items() if key.startswith(_squeeze(caption)[:60]) for n in ns}
        assert in_pdf == numbers, f"{caption!r}: Fig. {numbers} in the HTML, {in_pdf or 'none'} in the PDF"
    # every chart the chapters show is printed twice (chapter and notebook), each time with one number
    assert sum(len(ns) for ns in printed.values()) == len(printed)


def test_the_notebook_page_repeats_the_chapter_figure_number(html_pages):
    chapter = html_pages["book/text/06-cabinet-crisis-and-invasion.html"].select_one("figure#fig-order-of-battle")
    notebook = html_pages["notebooks/army-composition.html"].select_one("figure#nb-order-of-battle")
    assert chapter is not None and notebook is not None
    number = chapter.select_one(".caption-number").get_text().strip()
    assert number == "Fig. 6.1"
    assert notebook.select_one(".caption-number").get_text().strip() == number
