"""The commentary's side notes stand beside their marks on a wide screen, on every chapter, and open whole
where they stand when their mark is clicked (book/_static/edition.js).

Measured in Chromium at 1440×900: the vertical distance from each mark's line to the top of its note.
"""

from __future__ import annotations

import pytest

from azedition.paths import BUILD_DIR
from tools.browser import book_pages, is_chapter, load

CHAPTERS = [page for page in book_pages(BUILD_DIR / "html") if is_chapter(page)]
LAPTOP = {"width": 1440, "height": 900}
# A note starts on its mark's line or, where the notes before it still fill the margin there, at most
# this far below it: about a sixth of the laptop's screen, so mark and note are seen together.
MAX_DISTANCE_PX = 150

# For each margin note (the theme prints each note twice: in the margin, and inline for narrow screens,
# class d-n): the distance from its mark's top to its own top, in CSS pixels.
_DISTANCES = """() => {
    const article = document.querySelector('article');
    const number = element => element.querySelector('sup').textContent.trim();
    const marks = new Map([...article.querySelectorAll('button.margin-toggle')].map(m => [number(m), m]));
    return [...article.querySelectorAll('span.sidenote:not(.d-n)')].map(note => ({
        number: number(note),
        distance: note.getBoundingClientRect().top - marks.get(number(note)).getBoundingClientRect().top,
        visible: getComputedStyle(note).display !== 'none',
    }));
}"""


@pytest.fixture(scope="module")
def laptop(browser):
    context = browser.new_context(viewport=LAPTOP)
    yield context.new_page()
    context.close()


def test_every_chapter_has_side_notes():
    assert len(CHAPTERS) == 8


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_each_side_note_starts_beside_its_mark(laptop, site_url, page_path):
    load(laptop, site_url + page_path)
    laptop.wait_for_function("document.fonts.status === 'loaded'")
    notes = laptop.evaluate(_DISTANCES)
    assert notes, f"{page_path}: no side note"
    far = [(note["number"], round(note["distance"])) for note in notes
           if not note["visible"] or not -2 <= note["distance"] <= MAX_DISTANCE_PX]
    assert not far, f"{page_path}: notes (number, px below the mark) not beside their marks: {far}"


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_clicking_a_mark_opens_its_whole_note_where_it_stands(laptop, site_url, page_path):
    load(laptop, site_url + page_path)
    mark = laptop.locator("article button.margin-toggle").last
    number = mark.locator("sup").inner_text().strip()
    note = laptop.locator("article span.sidenote:not(.d-n)", has=laptop.locator(f"sup:text-is('{number}')"))
    closed_height = note.bounding_box()["height"]
    others = laptop.locator("article span.sidenote:not(.d-n)")
    _PAGE_TOPS = "notes => notes.map(note => Math.round(note.getBoundingClientRect().top + window.scrollY))"
    before = others.evaluate_all(_PAGE_TOPS)
    assert mark.get_attribute("aria-expanded") == "false"
    mark.click()
    assert mark.get_attribute("aria-expanded") == "true"
    full = note.evaluate("note => note.scrollHeight")
    box = note.bounding_box()
    assert box["height"] >= full - 1 and box["height"] > closed_height, f"{page_path}: note {number} not opened"
    assert 0 <= box["y"] < LAPTOP["height"], f"{page_path}: the opened note is not on screen"
    assert box["y"] - mark.bounding_box()["y"] <= MAX_DISTANCE_PX
    # the other notes do not move: the open note lies over them
    assert others.evaluate_all(_PAGE_TOPS) == before, f"{page_path}: opening note {number} moved the others"
    mark.press("Escape")
    assert mark.get_attribute("aria-expanded") == "false"
    assert abs(note.bounding_box()["height"] - closed_height) < 1
