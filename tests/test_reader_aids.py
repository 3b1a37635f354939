"""Smaller reader aids (book/_static/edition.js, edition.css), used as a reader does in Chromium: the
registers' A–Z list, the ° close to the punctuation after it, the search field's text clear of its
icon, and a citation's work marked in the bibliography with a way back.
"""

from __future__ import annotations

import re

import pytest

from tools.browser import load

REGISTERS = ["book/apparatus/persons.html", "book/apparatus/places.html", "book/apparatus/organizations.html"]
CHAPTER = "book/text/06-cabinet-crisis-and-invasion.html"


@pytest.mark.parametrize("register", REGISTERS)
def test_register_has_an_a_to_z_list_that_reaches_every_entry(page, site_url, register):
    load(page, site_url + register)
    letters = page.locator("nav.edition-az ol a")
    assert letters.count() >= 5, f"{register}: no A–Z list"
    entries = page.locator("article div.register-entry[id]").count()
    index_links = page.locator("dl.edition-az-index a")
    assert index_links.count() == entries, "the A–Z index must list every entry once"
    names = index_links.all_inner_texts()
    # a letter leads to its names; the first name under it leads to its entry, which is then marked
    letter = letters.nth(letters.count() // 2)
    letter.click()
    group = page.locator(f"dl.edition-az-index dt#az-{letter.inner_text()} + dd a").first
    assert group.is_visible()
    target = group.get_attribute("href").lstrip("#")
    group.click()
    page.wait_for_url(re.compile(f"#{target}$"))
    marked = page.evaluate("getComputedStyle(document.querySelector(':target')).outlineStyle")
    assert marked == "solid", "the entry reached is not marked"
    assert names, register


def test_degree_sign_stands_close_to_the_punctuation_after_it(page, site_url):
    """"Mensheviks°, joined": no gap opens between the ° and the comma (the witness has none)."""
    load(page, site_url + CHAPTER)
    gaps = page.evaluate("""() => [...document.querySelectorAll('article a:has(> .app-note)')].map(link => {
        const next = link.nextSibling;
        if (!next || next.nodeType !== 3 || !/^[,.;:)]/.test(next.textContent)) return null;
        const range = document.createRange();
        range.setStart(next, 0); range.setEnd(next, 1);
        const note = link.querySelector('.app-note');
        const sign = note.getBoundingClientRect();
        const mark = range.getBoundingClientRect();
        // the ink of the °, not its box: a sign's box includes the blank beside the glyph
        const context = document.createElement('canvas').getContext('2d');
        context.font = getComputedStyle(note).font;
        const ink = context.measureText('°').actualBoundingBoxRight + parseFloat(getComputedStyle(note).paddingLeft);
        return mark.top - sign.bottom > 10 ? null : mark.left - (sign.left + ink);  // same line only
    }).filter(gap => gap !== null)""")
    assert gaps, "no ° before punctuation in the chapter"
    assert max(gaps) <= 1.5, f"gaps between ° and the punctuation after it: {gaps}"


@pytest.mark.parametrize("width", [390, 1440])
def test_search_field_text_starts_clear_of_its_icon(browser, site_url, width):
    context = browser.new_context(viewport={"width": width, "height": 844})
    try:
        page = context.new_page()
        load(page, site_url + "search.html")
        field = page.locator("input[name=q]:visible").first
        field.fill("Khoyski")
        clear = field.evaluate("""input => {
            const icon = input.parentElement.querySelector('.fa-magnifying-glass').getBoundingClientRect();
            const box = input.getBoundingClientRect();
            const textStart = box.left + parseFloat(getComputedStyle(input).paddingLeft);
            return textStart - icon.right;
        }""")
        assert clear >= 2, f"the search icon covers the text by {-clear:.1f} px"
    finally:
        context.close()


def test_citation_leads_to_its_work_marked_and_back(page, site_url):
    load(page, site_url + CHAPTER)
    citation = page.locator("article #p9 ~ * .bibtex-citation[id] a, article .bibtex-citation[id] a").first
    citation_id = citation.evaluate("link => link.closest('.bibtex-citation').id")
    work = citation.get_attribute("href").split("#")[1]
    citation.scroll_into_view_if_needed()
    citation.click()
    page.wait_for_url(re.compile(rf"bibliography\.html#{work}$"))
    entry = page.locator(f"#{work}")
    assert entry.evaluate("e => getComputedStyle(e).outlineStyle") == "solid", "the work is not marked"
    back = entry.locator("a.edition-back")
    assert back.is_visible(), "no way back to the citation"
    back.click()
    page.wait_for_url(re.compile(rf"06-cabinet-crisis-and-invasion\.html#{citation_id}$"))
    box = page.locator(f"#{citation_id}").bounding_box()
    assert box and 0 <= box["y"] < page.viewport_size["height"]
