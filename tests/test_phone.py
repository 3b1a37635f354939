"""The book on a phone: no page wider than the screen, charts that open full size, marks big enough to tap.

Chromium at 360 px (the narrowest common phone) and 390×844, with touch. Target size is WCAG 2.2's
2.5.8 (AA): a target is at least 24 × 24 CSS px, or a 24 px circle centred on it touches no other target.
"""

from __future__ import annotations

import pytest

from azedition.paths import BUILD_DIR
from tools.browser import book_pages, load

PAGES = book_pages(BUILD_DIR / "html")
CHAPTERS = [page for page in PAGES if page.startswith(("book/text/", "book/front/"))]
# the marks a reader taps in the text: note numbers, the apparatus's °, ¶ numbers, the copy-link
# buttons, the charts' full-size links, the page's buttons
MARKS = ("button.margin-toggle, a:has(> .app-note), a.pnum, button.cite-paragraph, a.edition-full-size, "
         ".header-article-items button")
MIN_TARGET = 24


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("page_path", PAGES)
def test_no_page_is_wider_than_a_phone(phone, site_url, page_path):
    load(phone, site_url + page_path)
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{page_path} is {width} px wide on a 360 px screen"


def test_the_witness_page_wraps_its_sha256(phone, site_url):
    load(phone, site_url + "book/front/witness.html")
    digest = phone.locator("code", has_text="6f9ccd523f88").first
    box = digest.bounding_box()
    assert box["x"] + box["width"] <= 360 and box["height"] > 30, "the SHA-256 stands on one line"


def test_each_chart_opens_full_size(phone, site_url, html_pages):
    pages = [page for page, soup in html_pages.items() if soup.select("article figure img")]
    assert len(pages) >= 4
    for page_path in pages:
        load(phone, site_url + page_path)
        images = phone.locator("article figure img")
        links = phone.locator("article figure a.edition-full-size")
        assert links.count() == images.count(), f"{page_path}: a chart without a full-size link"
        for index in range(images.count()):
            images.nth(index).scroll_into_view_if_needed()
            images.nth(index).evaluate("image => image.decode()")  # a lazy chart is loaded before it is measured
            shown = images.nth(index).bounding_box()["width"]
            link = links.nth(index)
            link.scroll_into_view_if_needed()
            box = link.bounding_box()
            assert box["height"] >= MIN_TARGET
            with phone.expect_navigation():
                link.tap()
            if phone.url.endswith(".svg"):  # a vector chart scales: it opens as wide as its own width
                root, width = phone.evaluate("[document.documentElement.tagName,"
                                             " document.documentElement.getBoundingClientRect().width]")
                assert root == "svg" and width > shown, (page_path, root, width, shown)
            else:
                natural = phone.evaluate("document.images[0] && document.images[0].naturalWidth")
                assert phone.url.endswith(".png") and natural >= 2 * shown, (page_path, natural, shown)
            load(phone, site_url + page_path)


_TARGETS = """selector => {
    const boxes = [...document.querySelectorAll(selector)]
        .filter(element => element.checkVisibility({visibilityProperty: true}))
        .map(element => { const b = element.getBoundingClientRect();
            return {name: element.outerHTML.slice(0, 80), x: b.x + scrollX, y: b.y + scrollY,
                    width: b.width, height: b.height}; })
        .filter(b => b.width > 0 && b.height > 0);
    const others = [...document.querySelectorAll('a[href], button, label.margin-toggle, input:not([type=hidden])')]
        .filter(element => element.checkVisibility({visibilityProperty: true}))
        .map(element => { const b = element.getBoundingClientRect();
            return {x: b.x + scrollX, y: b.y + scrollY, width: b.width, height: b.height}; });
    const centre = b => [b.x + b.width / 2, b.y + b.height / 2];
    // distance from a point to a box (0 inside)
    const distance = ([x, y], b) => Math.hypot(Math.max(b.x - x, 0, x - b.x - b.width), Math.max(b.y - y, 0, y - b.y - b.height));
    const same = (a, b) => a.x === b.x && a.y === b.y && a.width === b.width && a.height === b.height;
    const small = boxes.filter(b => b.width < 24 - 0.01 || b.height < 24 - 0.01).filter(b =>
        others.some(o => !same(o, b) && distance(centre(b), o) < 12)
    ).map(b => `${Math.round(b.width)}x${Math.round(b.height)} ${b.name}`);
    // a mark's box is really its own: a tap at its centre reaches it, and it covers no other link's centre
    const hitAtCentre = element => {
        element.scrollIntoView({block: 'center', behavior: 'instant'});
        const b = element.getBoundingClientRect();
        return document.elementFromPoint(b.x + b.width / 2, b.y + b.height / 2);
    };
    const covered = [];
    for (const element of document.querySelectorAll(selector)) {
        if (!element.getBoundingClientRect().width || !element.checkVisibility({visibilityProperty: true})) continue;
        const target = hitAtCentre(element);
        if (!target || !element.contains(target)) covered.push(`covered: ${element.outerHTML.slice(0, 80)}`);
    }
    for (const other of document.querySelectorAll('article a[href]')) {
        if (!other.getBoundingClientRect().width || other.closest(selector)) continue;
        const target = hitAtCentre(other);
        if (target && !other.contains(target) && target.closest(selector))
            covered.push(`a mark covers ${other.outerHTML.slice(0, 80)}`);
    }
    return small.concat(covered);
}"""


@pytest.mark.parametrize("page_path", CHAPTERS)
def test_every_mark_is_big_enough_to_tap(browser, site_url, page_path):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        page = context.new_page()
        load(page, site_url + page_path)
        assert page.locator(MARKS).count() > 0
        small = page.evaluate(_TARGETS, MARKS)
        assert not small, f"{page_path}: targets under 24 x 24 px too near another target: {small[:5]}"
    finally:
        context.close()
