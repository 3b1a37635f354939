"""What Lighthouse measured on a phone, checked without a clock: nothing moves once a page is drawn (the
registers' A–Z list is written at build time, azedition.register_index), and the side notes' marks are
real buttons (the role a label may not take lowered Lighthouse's accessibility score to 0.99).

The scores themselves are `make bench`'s (tools/lighthouse.py): a timed score on a shared machine is no
test. The scripts that wait for the first paint are tested in tests/test_budgets.py.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from azedition.paths import BUILD_DIR
from tools.browser import load, load_side_by_side
from tools.lighthouse import budgeted_pages

BUDGETED = budgeted_pages(BUILD_DIR / "html") or ["book/text/01-overview.html"]
REGISTERS = ["book/apparatus/persons.html", "book/apparatus/places.html", "book/apparatus/organizations.html"]
PHONE = {"viewport": {"width": 412, "height": 823}, "is_mobile": True, "has_touch": True}
# The layout shifts of a page's loading, summed (the Layout Instability API, as Lighthouse reads it).
_LAYOUT_SHIFT = """() => new Promise(resolve => {
    let total = 0;
    new PerformanceObserver(list => {
        for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value;
    }).observe({type: 'layout-shift', buffered: true});
    setTimeout(() => resolve(total), 500);
})"""


@pytest.fixture(scope="module")
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("register", REGISTERS)
def test_the_a_to_z_list_is_in_the_page_as_built(html_pages, register):
    page = html_pages[register]
    entries = page.select("article div.register-entry[id]")
    links = page.select("article nav.edition-az dl.edition-az-index a")
    assert len(entries) >= 5 and sorted(link["href"] for link in links) == sorted(f"#{e['id']}" for e in entries)
    heading = page.select_one("article h1")
    assert heading.find_next_sibling() is page.select_one("nav.edition-az"), "the list stands under the heading"


def _slow_phone_network(context, page):
    """Lighthouse's slow phone network: 150 ms, 1.6 Mbit/s down, 750 kbit/s up."""
    page.set_default_timeout(120_000)  # a slow network on a machine other tests keep busy
    network = context.new_cdp_session(page)
    network.send("Network.enable")
    network.send("Network.emulateNetworkConditions", {"offline": False, "latency": 150,
                                                      "downloadThroughput": 1.6e6 / 8, "uploadThroughput": 7.5e5 / 8})


@pytest.fixture(scope="module")
def layout_shifts(browser, site_url):
    """Each budgeted page loaded on a phone over the slow network, all side by side (the time is the
    network's), and the sum of its layout shifts once the theme's deferred scripts have run."""
    shifts = {}
    with load_side_by_side(browser, [site_url + path for path in BUDGETED], prepare=_slow_phone_network,
                           **PHONE) as loaded:
        for page, _record in loaded.values():  # the theme's scripts have run (what moves, moved); then
            # each page's half-second watch for late shifts starts, all of them together
            page.evaluate(f"editionLater('after-paint').then(() => {{ window.layoutShift = ({_LAYOUT_SHIFT})(); }})")
        for url, (page, _record) in loaded.items():
            shifts[url.removeprefix(site_url)] = page.evaluate("window.layoutShift")
    return shifts


@pytest.mark.parametrize("page_path", BUDGETED)
def test_nothing_moves_once_the_page_is_drawn(layout_shifts, page_path):
    """On a slow phone's network (Lighthouse's: 150 ms, 1.6 Mbit/s), the page is drawn before its deferred
    scripts arrive: whatever they add must not push what is drawn."""
    shift = layout_shifts[page_path]
    # Lighthouse calls 0.1 good; the edition's pages measured at most 0.002 (the buttons of the Cite
    # control's class once grew a paragraph's first line by 5.6 px: 0.12 in Lighthouse, 0.018 here)
    assert shift < 0.01, f"{page_path}: layout shift {shift:.3f} while loading"


def test_side_note_marks_are_buttons_whose_roles_axe_allows(phone, site_url):
    """axe's aria-allowed-role and aria-allowed-attr (Lighthouse runs them; they are not WCAG-tagged)."""
    load(phone, site_url + "book/text/06-cabinet-crisis-and-invasion.html")
    assert phone.locator("article button.margin-toggle").count() > 5
    assert phone.locator("article label.margin-toggle").count() == 0
    results = Axe().run(phone, options={"runOnly": {"type": "rule",
                                                    "values": ["aria-allowed-role", "aria-allowed-attr"]}})
    assert results.response["passes"], "axe ran no check"
    assert [violation["id"] for violation in results.response["violations"]] == []
    # a mark opens its note on a phone, and says so
    mark = phone.locator("article button.margin-toggle").first
    note = phone.locator(f"article input#{mark.get_attribute('data-for')} + span.sidenote")
    assert mark.get_attribute("aria-expanded") == "false" and not note.is_visible()
    mark.click()
    note.wait_for(state="visible", timeout=15000)
    assert mark.get_attribute("aria-expanded") == "true"
