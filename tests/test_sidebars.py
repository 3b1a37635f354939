"""The ☰ button and the page-contents button open and close their panels, on every page.

The theme binds its handlers to the first such button of a page, a hidden one in its own header; the
edition's script (book/_static/edition.js) makes the buttons a reader sees work. These tests press the
VISIBLE button, as a reader does: with a finger on a phone (390×844), with the mouse on a laptop
(1440×900), and with the keyboard, and check that the panel appears, that aria-expanded says so, and
that it closes again.
"""

from __future__ import annotations

import pytest

from azedition.paths import BUILD_DIR
from tools.browser import book_pages, load

HTML_DIR = BUILD_DIR / "html"
# the pages with the theme's sidebar buttons: every page but the root's redirect
PAGES = [page for page in book_pages(HTML_DIR) if page != "index.html"] or ["book/index.html"]
PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1440, "height": 900}

PANELS = {
    # button, the panel it opens, a link that must then be visible in it
    "primary": (".primary-toggle", "#pst-primary-sidebar-modal, #pst-primary-sidebar", ".bd-sidenav a"),
    "secondary": (".secondary-toggle", "#pst-secondary-sidebar-modal, #pst-secondary-sidebar", ".toc-entry a"),
}

# Is the panel open for a reader: its drawer shown, or its column on screen and not hidden by the theme?
_PANEL_OPEN = """selector => [...document.querySelectorAll(selector)].some(panel => {
    if (panel.tagName === 'DIALOG') return panel.open;
    const style = getComputedStyle(panel), box = panel.getBoundingClientRect();
    return style.display !== 'none' && style.visibility !== 'hidden' && box.width > 0
        && box.right > 0 && box.left < window.innerWidth && !panel.classList.contains('pst-sidebar-hidden');
})"""


def _device(browser, viewport, motion="no-preference"):
    touch = viewport is PHONE
    return browser.new_context(viewport=viewport, has_touch=touch, is_mobile=touch, reduced_motion=motion)


@pytest.fixture(scope="module")
def phone(browser):
    context = _device(browser, PHONE)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def laptop(browser):
    context = _device(browser, LAPTOP)
    yield context.new_page()
    context.close()


# The page-by-page checks ask for less motion, as some readers do: the panels then open without the
# theme's slide, and 26 pages × 2 devices cost no animation time. The journeys below keep the motion.
@pytest.fixture(scope="module")
def still_phone(browser):
    context = _device(browser, PHONE, "reduce")
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def still_laptop(browser):
    context = _device(browser, LAPTOP, "reduce")
    yield context.new_page()
    context.close()


def _visible_button(page, kind):
    buttons = page.locator(f"{PANELS[kind][0]}:visible")
    return buttons.first if buttons.count() else None


def _is_open(page, kind) -> bool:
    return page.evaluate(_PANEL_OPEN, PANELS[kind][1])


def _wait_until(page, kind, is_open: bool, message: str):
    """Wait (the theme slides its panels in and out) until the panel is open, or closed."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(
            f"selector => ({_PANEL_OPEN})(selector) === {str(is_open).lower()}", arg=PANELS[kind][1], timeout=10000
        )
    except PlaywrightTimeout:
        pytest.fail(message)


def _visible_link(page, kind):
    """A link of the panel that a reader can see and press (its drawer's, if the drawer is open)."""
    return page.locator(f"dialog[open] {PANELS[kind][2]}:visible, {PANELS[kind][2]}:visible").first


def _press(page, button, how):
    if how == "tap":
        button.tap()
    elif how == "click":
        button.click()
    else:  # keyboard: the button is focused, then Enter
        button.focus()
        page.keyboard.press("Enter")


def _open_and_close(page, kind, how, page_path):
    """Open the panel by its visible button and close it again; returns the button's label."""
    button = _visible_button(page, kind)
    assert button is not None, f"{page_path}: no visible {kind} button"
    was_open = _is_open(page, kind)
    assert button.get_attribute("aria-expanded") == str(was_open).lower(), page_path
    if was_open:  # a laptop shows the book's contents from the start: the button first hides them
        _press(page, button, how)
        _wait_until(page, kind, False, f"{page_path}: {how} on the {kind} button did not hide the panel")
        assert button.get_attribute("aria-expanded") == "false", page_path
    _press(page, button, how)
    _wait_until(page, kind, True, f"{page_path}: {how} on the {kind} button did not open its panel")
    assert _visible_link(page, kind).is_visible(), f"{page_path}: the {kind} panel opened with no link in view"
    assert button.get_attribute("aria-expanded") == "true", f"{page_path}: aria-expanded not true when open"
    # close it again: a drawer by Escape (the theme's) or a tap beside it, a column by the button
    drawer = page.locator("dialog[open]")
    if drawer.count():
        if how == "tap":
            # the shaded page beside the drawer (the contents slide in from the left, this page's from the right)
            box, viewport = drawer.bounding_box(), page.viewport_size
            beside = box["x"] + box["width"] + 10 if box["x"] < 10 else box["x"] - 10
            assert 0 < beside < viewport["width"], f"{page_path}: the drawer leaves no page beside it to tap"
            page.touchscreen.tap(beside, viewport["height"] // 2)
        else:
            page.keyboard.press("Escape")
        page.wait_for_function("() => !document.querySelector('dialog[open]')", timeout=10000)
    else:
        _press(page, button, how)
    _wait_until(page, kind, False, f"{page_path}: the {kind} panel did not close")
    assert button.get_attribute("aria-expanded") == "false", page_path
    if was_open:
        _press(page, button, how)
        _wait_until(page, kind, True, f"{page_path}: the {kind} panel did not come back")
    return button


@pytest.mark.parametrize("page_path", PAGES)
def test_menu_button_opens_the_contents_on_a_phone_and_a_laptop(still_phone, still_laptop, site_url, page_path):
    for page, how in ((still_phone, "tap"), (still_laptop, "click")):
        load(page, site_url + page_path)
        _open_and_close(page, "primary", how, page_path)
        if _visible_button(page, "secondary") is not None:
            _open_and_close(page, "secondary", how, page_path)


def test_front_page_contents_button_works_by_keyboard_and_a_link_in_it_leads_on(phone, site_url):
    load(phone, site_url + "book/index.html")
    button = _visible_button(phone, "secondary")
    assert button is not None, "the front page shows no page-contents button on a phone"
    _open_and_close(phone, "secondary", "keyboard", "book/index.html")
    _press(phone, button, "keyboard")
    assert phone.evaluate("document.activeElement.closest('dialog[open]') !== null"), "focus not in the drawer"
    link = _visible_link(phone, "secondary")
    target = link.get_attribute("href").split("#")[1]
    link.tap()
    # the drawer closes and the section it named is on screen
    phone.wait_for_function("() => !document.querySelector('dialog[open]')", timeout=10000)
    phone.wait_for_url(f"**#{target}")
    phone.wait_for_function(  # the theme scrolls smoothly
        "([id, limit]) => { const top = document.getElementById(id).getBoundingClientRect().top;"
        " return top >= 0 && top < limit; }",
        arg=[target, PHONE["height"] / 2],
        timeout=10000,
    )


def test_menu_reaches_a_chapter_on_a_phone(phone, site_url):
    """The student's journey: from the front page to chapter 5 through the ☰ menu, two taps."""
    load(phone, site_url + "book/index.html")
    _visible_button(phone, "primary").tap()
    link = phone.locator("dialog[open] .bd-sidenav a[href*='05-oil-and-moscow']")
    link.tap()
    phone.wait_for_url("**/book/text/05-oil-and-moscow.html")
    assert phone.locator("article h1").first.is_visible()


def test_keyboard_opens_the_menu_and_escape_returns_focus_to_the_button(laptop, phone, site_url):
    for page in (laptop, phone):
        load(page, site_url + "book/text/05-oil-and-moscow.html")
        button = _open_and_close(page, "primary", "keyboard", "book/text/05-oil-and-moscow.html")
        if page is phone:  # the drawer gives focus back where the reader was
            assert button.evaluate("button => button === document.activeElement")


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_the_contents_slide_unless_the_reader_asks_for_less_motion(browser, site_url, motion):
    context = _device(browser, LAPTOP, motion)
    try:
        page = context.new_page()
        load(page, site_url + "book/text/05-oil-and-moscow.html")
        # how long the contents take to slide: read from the styles, not timed (a busy machine could end
        # a quarter-second slide before a timer looked)
        durations = page.evaluate("""() => getComputedStyle(document.querySelector('.bd-sidebar-primary'))
            .transitionDuration.split(',').map(parseFloat)""")
        assert (max(durations) > 0) == (motion == "no-preference"), f"slides of {durations} s ({motion})"
        _visible_button(page, "primary").click()
        _wait_until(page, "primary", False, f"the contents did not close ({motion})")
    finally:
        context.close()
