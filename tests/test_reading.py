"""Reading views and quoting, in Debian's Chromium (book/_static/reading.js, azedition.views).

A reader switches each chapter between the diplomatic view and the reading text with a real button
(mouse, touch and keyboard), the choice follows them to the next page, and a page without JavaScript
shows the diplomatic view. Whatever is copied from a witness paragraph, by selecting it or with its
"copy text" button, is the words of the view in use and nothing else.
"""

from __future__ import annotations

import re

import pytest

from azedition import data
from azedition.paths import BUILD_DIR
from tools.browser import book_pages, is_chapter, load

CHAPTERS = [page for page in book_pages(BUILD_DIR / "html") if is_chapter(page)]
CHAPTER = "book/text/03-chicherin-notes.html"  # ¶3 holds two emendations and a side note
NEXT_CHAPTER = "book/text/05-oil-and-moscow.html"
SIDE_NOTED = ("book/text/06-cabinet-crisis-and-invasion.html", "p9")  # side notes and ° signs
WIDTHS = {"phone": {"width": 390, "height": 844}, "laptop": {"width": 1440, "height": 900}}


def reading_text(paragraph_id: str) -> str:
    """The witness paragraph with the apparatus's emendations applied: what the reading text says."""
    text = data.witness_paragraph(paragraph_id)
    apparatus = data.apparatus()
    for entry in apparatus[(apparatus["kind"] == "emendation") & (apparatus["paragraph"] == paragraph_id)].itertuples():
        assert entry.lemma in text, entry.id
        text = text.replace(entry.lemma, entry.reading, 1)
    return text


def _view(page) -> str:
    return page.evaluate("document.documentElement.dataset.editionView || 'diplomatic'")


def _toggle(page):
    return page.get_by_role("button", name="Reading text")


def test_every_chapter_has_one_switch_that_needs_javascript(html_pages):
    assert CHAPTERS, "no chapter was built"
    for chapter in CHAPTERS:
        buttons = html_pages[chapter].select("button.edition-view-button")
        assert len(buttons) == 1, chapter
        assert buttons[0]["aria-pressed"] == "false" and buttons[0]["type"] == "button"
        assert "pst-js-only" in buttons[0].parent["class"]  # hidden without JavaScript
    assert not html_pages["book/apparatus/persons.html"].select("button.edition-view-button")


@pytest.mark.parametrize("device", WIDTHS)
def test_switch_turns_the_reading_text_on_and_keeps_it_on_the_next_page(browser, site_url, device):
    context = browser.new_context(viewport=WIDTHS[device], has_touch=device == "phone")
    try:
        page = context.new_page()
        load(page, site_url + CHAPTER)
        sic = page.locator("#p3 .emendation .sic").first
        correction = page.locator("#p3 .emendation .corr").first
        assert _view(page) == "diplomatic" and sic.is_visible()
        assert correction.inner_text().strip() == "[recte: Foreign Minister]"
        toggle = _toggle(page)
        assert toggle.is_visible() and toggle.get_attribute("aria-pressed") == "false"
        toggle.tap() if device == "phone" else toggle.click()
        assert toggle.get_attribute("aria-pressed") == "true" and _view(page) == "reading"
        assert not sic.is_visible() and correction.inner_text().strip() == "Foreign Minister"
        assert page.locator("#p3 .app-note").count() == 0 or not page.locator("#p3 .app-note").first.is_visible()
        assert "⟨" not in page.locator("article h1").first.inner_text()  # supplied words set plainly
        # the correction still leads to its apparatus entry
        assert "apparatus.html#app-emend-prime-minister" in correction.evaluate("c => c.closest('a').href")

        load(page, site_url + NEXT_CHAPTER)
        assert _view(page) == "reading" and _toggle(page).get_attribute("aria-pressed") == "true"
        assert not page.locator(".emendation .sic").first.is_visible()
        _toggle(page).tap() if device == "phone" else _toggle(page).click()
        load(page, site_url + CHAPTER)
        assert _view(page) == "diplomatic" and page.locator("#p3 .emendation .sic").first.is_visible()
    finally:
        context.close()


def test_switch_works_from_the_keyboard_and_shows_its_focus(page, site_url):
    load(page, site_url + CHAPTER)
    toggle = _toggle(page)
    for _ in range(80):  # Tab through the page's controls until the switch has the focus
        page.keyboard.press("Tab")
        if toggle.evaluate("button => button === document.activeElement"):
            break
    else:
        pytest.fail("the switch cannot be reached with the Tab key")
    outline = toggle.evaluate(
        "b => { const s = getComputedStyle(b); return [s.outlineStyle, parseFloat(s.outlineWidth)]; }")
    assert outline[0] != "none" and outline[1] >= 2, outline
    page.keyboard.press("Space")
    assert toggle.get_attribute("aria-pressed") == "true" and _view(page) == "reading"
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-pressed") == "false" and _view(page) == "diplomatic"


def test_without_javascript_the_diplomatic_view_shows_and_no_switch(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + CHAPTER)
        assert page.locator("button.edition-view-button").is_hidden()
        assert page.locator("#p3 .emendation .sic").first.is_visible()
        assert page.locator("#p3 .emendation .corr").first.inner_text().strip() == "[recte: Foreign Minister]"
    finally:
        context.close()


def test_the_pdf_edition_has_no_switch(project_root):
    latex = project_root / "_build" / "latex" / "azedition.tex"
    if not latex.exists():
        pytest.skip("the PDF is not built (make pdf)")
    text = latex.read_text("utf-8")
    assert "recte: Foreign Minister" in text and "Reading text" not in text


# --- quoting -------------------------------------------------------------------------------------


@pytest.fixture
def clipboard_page(browser):
    context = browser.new_context(viewport=WIDTHS["laptop"], permissions=["clipboard-read", "clipboard-write"])
    yield context.new_page()
    context.close()


def _select_and_copy(page, paragraph_id):
    """Select the whole paragraph as a reader's triple click does, and copy it with the keyboard."""
    page.evaluate("""id => {
        const selection = document.getSelection();
        selection.removeAllRanges();
        const range = document.createRange();
        range.selectNodeContents(document.querySelector('#' + id + ' > p'));
        selection.addRange(range);
    }""", paragraph_id)
    page.keyboard.press("Control+c")
    return page.evaluate("navigator.clipboard.readText()")


def test_a_selected_paragraph_copies_as_the_witness_words(clipboard_page, site_url):
    page = clipboard_page
    chapter, paragraph = SIDE_NOTED
    load(page, site_url + chapter)
    selected = page.evaluate(f"document.querySelector('#{paragraph} > p').textContent")
    assert "°" in selected and "copy link" in selected  # what the copy must leave out is in the page
    assert page.locator(f"#{paragraph} .sidenote").count() >= 1
    copied = _select_and_copy(page, paragraph)
    assert copied == data.witness_paragraph(paragraph)


def test_a_selected_paragraph_in_the_reading_text_copies_the_reading(clipboard_page, site_url):
    page = clipboard_page
    load(page, site_url + CHAPTER)
    _toggle(page).click()
    copied = _select_and_copy(page, "p3")
    assert copied == reading_text("p3")
    assert "Foreign Minister" in copied and "Prime Minister" not in copied


@pytest.mark.parametrize("view", ["diplomatic", "reading"])
def test_copy_text_button_copies_the_words_of_the_view(clipboard_page, site_url, view):
    page = clipboard_page
    load(page, site_url + CHAPTER)
    if view == "reading":
        _toggle(page).click()
    paragraph = page.locator("#p3")
    paragraph.hover()  # in the reading text the tools wait for the pointer
    button = paragraph.get_by_role("button", name="Copy text of paragraph 3")
    # beside "copy link", after the ¶ number
    assert button.evaluate("b => b.previousElementSibling.matches('button.cite-paragraph')")
    button.click()
    page.wait_for_function("() => document.querySelector('#p3 button.copy-text').textContent === 'copied'")
    copied = page.evaluate("navigator.clipboard.readText()")
    expected = data.witness_paragraph("p3") if view == "diplomatic" else reading_text("p3")
    assert copied == expected
    assert not re.search(r"¶|°|copy link|copy text|\[recte", copied)
