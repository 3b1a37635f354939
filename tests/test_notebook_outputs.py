"""Notebook outputs written for readers: no raw MyST or Markdown, no line running off the page, tables
that fit or scroll inside their own box (azedition.readable; edition.css and edition.js for the boxes)."""

from __future__ import annotations

import re

import pytest

from azedition import data, readable
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
